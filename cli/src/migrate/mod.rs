//! Schema migrations from the models: `dynamodel migrate generate | plan | up | status |
//! down`.
//!
//! The models are read "as the compiler sees them" by a small migration crate in the user's
//! workspace that links them and calls [`run`]; the `dynamodel migrate` command of the
//! installed binary builds and runs that crate (see `docs/migrations.md`). Everything is a
//! library first: `diff → generate → render` is pure, and [`Migrator`] applies migrations to
//! any [`Backend`](dynamodel::Backend).

pub mod apply;
pub mod command;
pub mod data;
pub mod diff;
pub mod error;
pub mod folder;
pub mod generate;
pub mod ledger;
pub mod live;
pub mod migrator;
pub mod plan;
pub mod registry;
pub mod render;
pub mod snapshot;
pub mod step;
pub mod tags;

pub use command::{MigrateCli, MigrateCommand};
pub use data::DataOptions;
pub use error::{Error, Result};
pub use folder::{Migration, MigrationFile};
pub use generate::{GenerateOptions, Generated, generate};
pub use live::Waiting;
pub use migrator::Migrator;
pub use plan::{Plan, Status};
pub use registry::{DataError, DataMigrations, ItemChange, Models};
pub use snapshot::Snapshot;
pub use step::Step;

/// The entry point of a migration crate: parses the process's arguments (`generate`, `plan`,
/// `up`, `status`, `down`, `unlock`, `schema export`) and runs the command with these models
/// and data functions; the process exit code.
///
/// ```no_run
/// use dynamodel_cli::migrate::{DataMigrations, Models, run};
/// # #[derive(dynamodel::Table)] #[dynamodel(table = "users")] struct User { #[dynamodel(partition_key)] id: String }
///
/// fn main() -> std::process::ExitCode {
///     run(Models::new().table::<User>(), DataMigrations::new())
/// }
/// ```
pub fn run(models: Models, data: DataMigrations) -> std::process::ExitCode {
    command::run_from(std::env::args_os(), models, data)
}
