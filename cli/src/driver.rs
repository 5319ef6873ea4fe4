//! `dynamodel migrate ...` and `dynamodel schema export` in the installed binary.
//!
//! The binary cannot see the user's models, so `migrate` builds and runs the migration crate
//! of the user's workspace (`cargo run -p <package> -- <args>`), which links the models and
//! calls [`migrate::run`](crate::migrate::run). Where that crate is comes from
//! `dynamodel.toml` at the workspace root (found from the current folder upwards):
//!
//! ```toml
//! [migrations]
//! package = "migrations"        # the migration crate (default "migrations")
//! dir = "migrations"            # the migrations folder, relative to this file
//! manifest_path = "Cargo.toml"  # the workspace manifest, relative to this file
//! ```
//!
//! `schema export` needs no models: it renders the latest snapshot of the migrations folder.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

use crate::migrate::{Error, Result, folder};
use crate::schema_export::{self, Format};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "dynamodel.toml";

/// Options of `dynamodel migrate`; everything after them goes to the migration crate.
#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct MigrateArgs {
    /// The migration crate's package (overrides `dynamodel.toml`).
    #[arg(long)]
    pub package: Option<String>,
    /// The workspace manifest (overrides `dynamodel.toml`).
    #[arg(long)]
    pub manifest_path: Option<PathBuf>,
    /// The command for the migration crate: `generate NAME`, `plan`, `up`, `status`, `down`,
    /// `unlock` with their options (see `dynamodel migrate help`).
    #[arg(allow_hyphen_values = true, required = true)]
    pub args: Vec<OsString>,
}

/// `dynamodel schema` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SchemaCommand {
    /// Render the tables of the latest migration snapshot as infrastructure code.
    Export(ExportArgs),
}

/// Options of `dynamodel schema export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// The migrations folder (default: `dynamodel.toml`'s, else `migrations`).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// The `[migrations]` table of `dynamodel.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MigrationsConfig {
    /// The migration crate's package name.
    pub package: String,
    /// The migrations folder, relative to the configuration file.
    pub dir: PathBuf,
    /// The workspace manifest, relative to the configuration file.
    pub manifest_path: PathBuf,
}

impl Default for MigrationsConfig {
    fn default() -> Self {
        MigrationsConfig {
            package: "migrations".to_owned(),
            dir: PathBuf::from("migrations"),
            manifest_path: PathBuf::from("Cargo.toml"),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    migrations: MigrationsConfig,
}

/// The configuration in force from `start`: the nearest `dynamodel.toml` upwards, and the
/// folder it is in (defaults and `start` itself when there is none).
pub fn load_config(start: &Path) -> Result<(MigrationsConfig, PathBuf)> {
    for folder in start.ancestors() {
        let path = folder.join(CONFIG_FILE);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(Error::io(&path))?;
            let file: ConfigFile = toml::from_str(&text).map_err(|error| Error::Parse {
                path: path.clone(),
                message: error.to_string(),
            })?;
            return Ok((file.migrations, folder.to_owned()));
        }
    }
    Ok((MigrationsConfig::default(), start.to_owned()))
}

/// The arguments of the `cargo` call that runs the migration crate with `args`.
pub fn cargo_args(config: &MigrationsConfig, root: &Path, args: &MigrateArgs) -> Vec<OsString> {
    let manifest = args
        .manifest_path
        .clone()
        .unwrap_or_else(|| root.join(&config.manifest_path));
    let package = args
        .package
        .clone()
        .unwrap_or_else(|| config.package.clone());
    let mut cargo: Vec<OsString> = vec![
        "run".into(),
        "--quiet".into(),
        "--manifest-path".into(),
        manifest.into_os_string(),
        "--package".into(),
        package.into(),
        "--".into(),
        "--dir".into(),
        root.join(&config.dir).into_os_string(),
    ];
    cargo.extend(args.args.iter().cloned());
    cargo
}

/// Runs `dynamodel migrate ...`: the migration crate through cargo, with its exit code.
pub fn migrate(args: &MigrateArgs) -> ExitCode {
    let result = std::env::current_dir()
        .map_err(Error::io("."))
        .and_then(|cwd| load_config(&cwd));
    let (config, root) = match result {
        Ok(found) => found,
        Err(error) => {
            eprintln!("dynamodel migrate: error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(&cargo)
        .args(cargo_args(&config, &root, args))
        .current_dir(&root)
        .status();
    match status {
        Ok(status) => status
            .code()
            .and_then(|code| u8::try_from(code).ok())
            .map_or(ExitCode::FAILURE, ExitCode::from),
        Err(error) => {
            eprintln!(
                "dynamodel migrate: error: cannot run `{}`: {error}; the migration crate is \
                 built and run with cargo",
                cargo.to_string_lossy()
            );
            ExitCode::FAILURE
        }
    }
}

/// Runs `dynamodel schema export`.
pub fn schema(command: &SchemaCommand) -> ExitCode {
    let SchemaCommand::Export(args) = command;
    match export(args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dynamodel schema export: error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn export(args: &ExportArgs) -> Result<String> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => {
            let cwd = std::env::current_dir().map_err(Error::io("."))?;
            let (config, root) = load_config(&cwd)?;
            root.join(config.dir)
        }
    };
    let migrations = folder::list(&dir)?;
    let latest = migrations.last().ok_or_else(|| {
        Error::Usage(format!(
            "{} has no migrations: run `dynamodel migrate generate <name>` first",
            dir.display()
        ))
    })?;
    schema_export::render(&latest.snapshot, args.format)
}
