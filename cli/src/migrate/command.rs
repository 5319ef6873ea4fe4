//! The command line of a migration crate: what [`run`](super::run) parses and executes.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use dynamodel::Backend;

use super::data::DataOptions;
use super::error::{Error, Result};
use super::generate::GenerateOptions;
use super::ledger;
use super::live::Waiting;
use super::migrator::{Migrator, generate_in};
use super::registry::{DataMigrations, Models};
use super::snapshot::Snapshot;
use super::step::Step;
use crate::schema_export::{self, Format};

/// `dynamodel migrate`: schema migrations generated from the models.
#[derive(Debug, Parser)]
#[command(name = "dynamodel migrate", version, about, long_about = None)]
pub struct MigrateCli {
    /// The migrations folder.
    #[arg(long, global = true, default_value = "migrations")]
    pub dir: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: MigrateCommand,
}

/// The migration commands.
#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Diff the models against the latest snapshot and write a new migration
    /// (`NNNN_<name>/migration.toml` and `schema.json`); writes nothing if nothing changed.
    Generate(GenerateArgs),
    /// Show what `up` would run, and how the live tables differ from the applied migrations.
    Plan(TargetArgs),
    /// Apply every pending migration (resuming a partly applied one).
    Up(TargetArgs),
    /// List the migrations and their state on the target.
    Status(TargetArgs),
    /// Revert the last applied migration, when all its steps are reversible.
    Down(TargetArgs),
    /// Remove the migration lock whoever holds it (after a runner died).
    Unlock(TargetArgs),
    /// Render the models' tables as infrastructure code.
    #[command(subcommand)]
    Schema(SchemaCommand),
}

/// `schema` subcommands.
#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    /// Print the tables as CloudFormation (YAML) or Terraform (HCL).
    Export(ExportArgs),
}

/// Options of `schema export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum)]
    pub format: Format,
}

/// Options of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The migration's name: lowercase letters, digits and `_`.
    pub name: String,
    /// Rebuild tables whose key or local indexes change (new table, resumable copy,
    /// cut-over notes) instead of refusing.
    #[arg(long)]
    pub allow_rebuild: bool,
    /// Suffix of a rebuilt table's replacement.
    #[arg(long, default_value = "_v2")]
    pub rebuild_suffix: String,
    /// Delete tables that no registered model names any more (their items are lost).
    #[arg(long)]
    pub allow_delete: bool,
    /// Add a data step running this registered function over `--table`.
    #[arg(long, requires = "table")]
    pub data: Option<String>,
    /// The table of the `--data` step.
    #[arg(long, requires = "data")]
    pub table: Option<String>,
}

/// Where to apply migrations, and how.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// `engine`: a fresh in-process engine (a dry run: state is not kept between runs).
    /// `aws` (the default): DynamoDB through the standard AWS configuration, or the
    /// `--endpoint-url` (dynamodel's local server, DynamoDB Local).
    #[arg(long, value_enum, default_value = "aws")]
    pub target: TargetKind,
    /// A DynamoDB-compatible endpoint, e.g. `http://127.0.0.1:8000`.
    #[arg(long)]
    pub endpoint_url: Option<String>,
    /// The AWS region (else the standard configuration's).
    #[arg(long)]
    pub region: Option<String>,
    /// The AWS profile (else the standard configuration's).
    #[arg(long)]
    pub profile: Option<String>,
    /// The ledger table.
    #[arg(long, default_value = ledger::DEFAULT_TABLE)]
    pub ledger_table: String,
    /// Seconds to wait for a table or index to become active.
    #[arg(long, default_value_t = 1800)]
    pub timeout: u64,
    /// Milliseconds between two DescribeTable calls while waiting.
    #[arg(long, default_value_t = 2000)]
    pub poll_interval_ms: u64,
    /// Data steps: at most this many items per second.
    #[arg(long)]
    pub rate: Option<f64>,
    /// Data steps: items per transaction (1 to 98).
    #[arg(long, default_value_t = 98)]
    pub chunk: usize,
    /// Remove a stale migration lock before taking it.
    #[arg(long)]
    pub force_unlock: bool,
}

/// The kinds of target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TargetKind {
    /// A fresh in-process engine.
    Engine,
    /// DynamoDB or a DynamoDB-compatible endpoint through the AWS SDK.
    Aws,
}

/// Parses `args` (program name first) and runs the command; the exit code.
pub fn run_from<I, T>(args: I, models: Models, data: DataMigrations) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match MigrateCli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match execute(cli, models, data) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dynamodel migrate: error: {error}");
            ExitCode::from(match error {
                Error::Usage(_) => 2,
                _ => 1,
            })
        }
    }
}

fn execute(cli: MigrateCli, models: Models, data: DataMigrations) -> Result<()> {
    let target = match cli.command {
        MigrateCommand::Generate(args) => return generate(&cli.dir, &models, &data, args),
        MigrateCommand::Schema(SchemaCommand::Export(args)) => {
            let snapshot = Snapshot::from_tables(models.schemas().iter().cloned())?;
            print!("{}", schema_export::render(&snapshot, args.format)?);
            return Ok(());
        }
        MigrateCommand::Plan(ref target)
        | MigrateCommand::Up(ref target)
        | MigrateCommand::Status(ref target)
        | MigrateCommand::Down(ref target)
        | MigrateCommand::Unlock(ref target) => target,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| Error::Usage(format!("cannot start the async runtime: {error}")))?;
    runtime.block_on(async {
        match (target.target, &target.endpoint_url) {
            (TargetKind::Engine, Some(_)) => Err(Error::Usage(
                "`--endpoint-url` names a server; it does not go with `--target engine`".to_owned(),
            )),
            (TargetKind::Engine, None) => {
                let engine = dynamodel_local::Engine::new();
                on_target(&engine, "engine", &cli, target, models, data).await
            }
            (TargetKind::Aws, _) => {
                let backend = aws_backend(target).await?;
                let label = target
                    .endpoint_url
                    .clone()
                    .or_else(|| target.region.clone())
                    .unwrap_or_else(|| "aws".to_owned());
                on_target(&backend, &label, &cli, target, models, data).await
            }
        }
    })
}

#[cfg(feature = "aws")]
async fn aws_backend(target: &TargetArgs) -> Result<dynamodel::aws::AwsBackend> {
    let mut builder = dynamodel::aws::AwsBackend::builder();
    if let Some(region) = &target.region {
        builder = builder.region(region);
    }
    if let Some(profile) = &target.profile {
        builder = builder.profile_name(profile);
    }
    if let Some(endpoint) = &target.endpoint_url {
        builder = builder.endpoint_url(endpoint);
        // Local endpoints accept any credentials; supply some when none are configured.
        if target.profile.is_none() && std::env::var_os("AWS_ACCESS_KEY_ID").is_none() {
            builder = builder.credentials("dynamodel", "local");
        }
        if target.region.is_none() && std::env::var_os("AWS_REGION").is_none() {
            builder = builder.region("us-east-1");
        }
    }
    builder
        .load()
        .await
        .map_err(Error::backend("configuring AWS"))
}

#[cfg(not(feature = "aws"))]
async fn aws_backend(_target: &TargetArgs) -> Result<dynamodel_local::Engine> {
    Err(Error::Usage(
        "this migration crate was built without the `aws` feature of `dynamodel-cli`: only \
         `--target engine` works; enable the feature to reach DynamoDB"
            .to_owned(),
    ))
}

async fn on_target<B: Backend>(
    backend: &B,
    label: &str,
    cli: &MigrateCli,
    target: &TargetArgs,
    models: Models,
    data: DataMigrations,
) -> Result<()> {
    let slug: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let migrator = Migrator::new(backend, &cli.dir)
        .models(models)
        .data(data)
        .ledger_table(&target.ledger_table)
        .waiting(Waiting {
            timeout: Duration::from_secs(target.timeout),
            poll_interval: Duration::from_millis(target.poll_interval_ms),
        })
        .data_options(DataOptions {
            chunk_items: target.chunk,
            rate: target.rate,
            checkpoint_dir: Some(cli.dir.join(".checkpoints").join(slug)),
        });
    println!("target: {label}");
    match &cli.command {
        MigrateCommand::Plan(_) => print!("{}", migrator.plan().await?),
        MigrateCommand::Status(_) => print!("{}", migrator.status().await?),
        MigrateCommand::Up(_) => {
            let applied = migrator.up(target.force_unlock).await?;
            if applied.is_empty() {
                println!("up to date: nothing to apply");
            } else {
                println!("applied: {}", applied.join(", "));
            }
        }
        MigrateCommand::Down(_) => match migrator.down(target.force_unlock).await? {
            Some(id) => println!("reverted: {id}"),
            None => println!("nothing to revert"),
        },
        MigrateCommand::Unlock(_) => {
            super::ledger::Ledger::new(backend, &target.ledger_table, "unlock")
                .force_unlock()
                .await?;
            println!("the migration lock is removed");
        }
        MigrateCommand::Generate(_) | MigrateCommand::Schema(_) => {}
    }
    Ok(())
}

fn generate(
    dir: &std::path::Path,
    models: &Models,
    data: &DataMigrations,
    args: GenerateArgs,
) -> Result<()> {
    let data_steps = match (args.data, args.table) {
        (Some(function), Some(table)) => vec![Step::Data { table, function }],
        _ => Vec::new(),
    };
    let options = GenerateOptions {
        allow_rebuild: args.allow_rebuild,
        allow_delete: args.allow_delete,
        rebuild_suffix: args.rebuild_suffix,
        data_steps,
    };
    match generate_in(dir, models, data, &args.name, &options)? {
        Some(migration) => {
            println!(
                "wrote {} ({} step(s)): review migration.toml, then run `dynamodel migrate up`",
                migration.path.display(),
                migration.file.steps.len()
            );
            for note in &migration.file.notes {
                println!("note: {note}");
            }
        }
        None => println!(
            "no changes: the models match the latest snapshot in {}; no migration written",
            dir.display()
        ),
    }
    Ok(())
}
