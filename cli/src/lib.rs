//! The `dynamodel` command line as a library: [`run`] parses arguments and runs a command;
//! the binary's `main` only calls it. Each command lives in its own module.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

pub mod driver;
pub mod local;
pub mod migrate;
pub mod schema_export;

/// dynamodel: typed DynamoDB models, schema migrations and a local DynamoDB engine.
#[derive(Debug, Parser)]
#[command(name = "dynamodel", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print the versions of the dynamodel crates this binary was built with.
    Version,
    /// The in-process engine, outside a process: serve it over HTTP.
    #[command(subcommand)]
    Local(local::LocalCommand),
    /// Schema migrations: runs the migration crate of this workspace (see `dynamodel.toml`)
    /// with `generate NAME`, `plan`, `up`, `status`, `down` or `unlock`.
    Migrate(driver::MigrateArgs),
    /// The tables as infrastructure code, from the latest migration snapshot.
    #[command(subcommand)]
    Schema(driver::SchemaCommand),
}

/// Parses `args` (the program name first) and runs the command; the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        // `--help` and `--version` are "errors" that print to stdout and exit 0.
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        Some(Command::Version) => {
            println!("dynamodel {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(Command::Local(command)) => local::run(command),
        Some(Command::Migrate(args)) => driver::migrate(&args),
        Some(Command::Schema(command)) => driver::schema(&command),
        None => {
            eprintln!("dynamodel: no command given; run `dynamodel --help` for the commands");
            ExitCode::from(2)
        }
    }
}
