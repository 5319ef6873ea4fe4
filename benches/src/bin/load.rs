//! `cargo run --release -p dynamodel-benches --bin load`: the HTTP load test of
//! `dynamodel local serve` against DynamoDB Local and dynoxide (see BENCHMARKS.md).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use dynamodel_benches::load::{self, ServerSpec, Settings, Workload};

/// Drives the same workloads over keep-alive HTTP connections against each server in turn
/// and prints a Markdown report with the ratios.
#[derive(Debug, Parser)]
struct Args {
    /// The `dynamodel` binary (build it with `cargo build --release -p dynamodel-cli`).
    #[arg(long, default_value = "target/release/dynamodel")]
    dynamodel: PathBuf,
    /// The DynamoDB Local script (installs it on first use).
    #[arg(long, default_value = "scripts/dynamodb-local.sh")]
    dynamodb_local: PathBuf,
    /// dynoxide's server binary (`npm install dynoxide` or `cargo install dynoxide-rs`).
    #[arg(long, default_value = "dynoxide")]
    dynoxide: PathBuf,
    /// Servers to run, in order (the first is the one the ratios are about).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "dynamodel,dynamodb-local,dynoxide"
    )]
    servers: Vec<String>,
    /// Measured seconds per workload and connection count.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// Warm-up seconds before each measurement.
    #[arg(long, default_value_t = 0.5)]
    warmup: f64,
    /// Starts per server to time its startup (the median is reported).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    startups: u32,
    /// Connection counts.
    #[arg(long, value_delimiter = ',', default_value = "1,16")]
    connections: Vec<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut specs = Vec::new();
    for name in &args.servers {
        specs.push(match name.as_str() {
            "dynamodel" => ServerSpec::dynamodel(args.dynamodel.clone()),
            "dynamodb-local" => {
                // Install outside the timed startup.
                let installed = std::process::Command::new("bash")
                    .arg(&args.dynamodb_local)
                    .arg("install")
                    .status();
                if !installed.is_ok_and(|s| s.success()) {
                    eprintln!("load: installing DynamoDB Local failed");
                    return ExitCode::FAILURE;
                }
                ServerSpec::dynamodb_local(args.dynamodb_local.clone())
            }
            "dynoxide" => ServerSpec::dynoxide(args.dynoxide.clone()),
            other => {
                eprintln!(
                    "load: unknown server `{other}`; expected dynamodel, dynamodb-local or dynoxide"
                );
                return ExitCode::FAILURE;
            }
        });
    }
    let settings = Settings {
        duration: Duration::from_secs_f64(args.seconds),
        warmup: Duration::from_secs_f64(args.warmup),
        connections: args.connections,
        workloads: Workload::ALL.to_vec(),
        startups: usize::try_from(args.startups).unwrap_or(1),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("load: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    // One server failing (to start, or on a workload) does not lose the others' figures.
    let mut runs = Vec::new();
    let mut failed = Vec::new();
    for spec in &specs {
        match runtime.block_on(load::measure(spec, &settings)) {
            Ok(run) => runs.push(run),
            Err(error) => {
                eprintln!("load: {}: {error}", spec.name);
                failed.push(spec.name);
            }
        }
    }
    print!("{}", load::report::markdown(&runs));
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!(
            "\nNot measured (see the errors above): {}.",
            failed.join(", ")
        );
        ExitCode::FAILURE
    }
}
