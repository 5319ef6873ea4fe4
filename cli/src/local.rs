//! `dynamodel local ...`: the in-process engine served over HTTP.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use dynamodel_local::Engine;
use dynamodel_local::server::Server;

/// `dynamodel local` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum LocalCommand {
    /// Serve an in-memory engine over HTTP with DynamoDB's API, for the AWS CLI, boto3 and
    /// any AWS SDK (point them at `http://HOST:PORT`; any credentials are accepted).
    Serve(ServeArgs),
}

/// Options of `dynamodel local serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on: loopback by default, `0.0.0.0` to accept other hosts.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// The port; 0 picks a free one (the address is printed on the first line).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// The region used in table ARNs and the health check.
    #[arg(long, default_value = "us-east-1")]
    pub region: String,
    /// The 12-digit account id used in table ARNs.
    #[arg(long, default_value = "000000000000")]
    pub account_id: String,
    /// Log every request to stderr (like `RUST_LOG=dynamodel_local=debug`).
    #[arg(long, short)]
    pub verbose: bool,
    /// Worker threads [default: one per core].
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Runs a `dynamodel local` command.
pub fn run(command: LocalCommand) -> ExitCode {
    match command {
        LocalCommand::Serve(args) => serve(&args),
    }
}

/// Serves until Ctrl-C or SIGTERM. Prints `dynamodel local: serving DynamoDB on
/// http://ADDR` on stdout once the socket is bound, so scripts can wait for that line.
pub fn serve(args: &ServeArgs) -> ExitCode {
    let started = Instant::now();
    init_logging(args.verbose);
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = args.threads {
        runtime.worker_threads(threads.max(1));
    }
    let runtime = match runtime.enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("dynamodel local serve: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let engine = Engine::builder()
        .region(&args.region)
        .account_id(&args.account_id)
        .build();
    let result = runtime.block_on(async {
        let server = Server::bind((args.host.as_str(), args.port), engine).await.map_err(|error| {
            format!("cannot listen on {}:{}: {error}", args.host, args.port)
        })?;
        let addr = server.local_addr().map_err(|error| error.to_string())?;
        println!(
            "dynamodel local: serving DynamoDB on http://{addr} (ready in {:.1} ms; Ctrl-C to stop)",
            started.elapsed().as_secs_f64() * 1000.0
        );
        let _ = std::io::stdout().flush();
        server.run().await.map_err(|error| error.to_string())
    });
    match result {
        Ok(()) => {
            eprintln!("dynamodel local: stopped");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("dynamodel local serve: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr; `RUST_LOG` wins over `--verbose`.
fn init_logging(verbose: bool) {
    use tracing_subscriber::EnvFilter;
    let default = if verbose {
        "warn,dynamodel_local=debug"
    } else {
        "warn"
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // A second initialization (tests calling `serve` twice) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
