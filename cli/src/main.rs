//! The `dynamodel` command line; everything is in the `dynamodel_cli` library.

fn main() -> std::process::ExitCode {
    dynamodel_cli::run(std::env::args_os())
}
