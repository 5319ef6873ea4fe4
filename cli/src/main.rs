//! The `dynamodel` command line.

use std::process::ExitCode;

use clap::Parser;

/// dynamodel: typed DynamoDB models, schema migrations and a local DynamoDB engine.
#[derive(Debug, Parser)]
#[command(name = "dynamodel", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Print the versions of the dynamodel crates this binary was built with.
    Version,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Version) => {
            println!("dynamodel {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("dynamodel: no command given; run `dynamodel --help` for the commands");
            ExitCode::from(2)
        }
    }
}
