//! [`Migrator`]: generate, plan, apply, revert and report migrations against one target.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dynamodel::Backend;

use super::apply::apply_step;
use super::data::{self, DataOptions, DataStep};
use super::diff::diff_table;
use super::error::{Error, Result};
use super::folder::{self, Migration};
use super::generate::{self, GenerateOptions};
use super::ledger::{self, Ledger, Record, State};
use super::live::{self, Waiting};
use super::plan::{Drift, Plan, Status, StatusLine};
use super::registry::{DataMigrations, Models};
use super::render::describe;
use super::snapshot::Snapshot;
use super::step::Step;

/// Runs migrations from one folder against one target.
#[derive(Debug)]
pub struct Migrator<'b, B> {
    backend: &'b B,
    dir: PathBuf,
    models: Models,
    data: DataMigrations,
    ledger_table: String,
    owner: String,
    waiting: Waiting,
    data_options: DataOptions,
}

impl<'b, B: Backend> Migrator<'b, B> {
    /// Migrations in `dir`, applied to `backend`.
    pub fn new(backend: &'b B, dir: impl Into<PathBuf>) -> Self {
        Migrator {
            backend,
            dir: dir.into(),
            models: Models::new(),
            data: DataMigrations::new(),
            ledger_table: ledger::DEFAULT_TABLE.to_owned(),
            owner: default_owner(),
            waiting: Waiting::default(),
            data_options: DataOptions::default(),
        }
    }

    /// The registered models (what `generate` diffs against the latest snapshot).
    #[must_use]
    pub fn models(mut self, models: Models) -> Self {
        self.models = models;
        self
    }

    /// The registered data functions.
    #[must_use]
    pub fn data(mut self, data: DataMigrations) -> Self {
        self.data = data;
        self
    }

    /// The ledger table's name (default `dynamodel_migrations`).
    #[must_use]
    pub fn ledger_table(mut self, table: impl Into<String>) -> Self {
        self.ledger_table = table.into();
        self
    }

    /// This runner's id in the lock (default: host, process id and start time).
    #[must_use]
    pub fn owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = owner.into();
        self
    }

    /// How long and how often to wait for tables and indexes.
    #[must_use]
    pub fn waiting(mut self, waiting: Waiting) -> Self {
        self.waiting = waiting;
        self
    }

    /// Chunk size, rate limit and checkpoint folder of data steps.
    #[must_use]
    pub fn data_options(mut self, options: DataOptions) -> Self {
        self.data_options = options;
        self
    }

    /// The migrations folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn ledger(&self) -> Ledger<'b, B> {
        Ledger::new(self.backend, self.ledger_table.clone(), self.owner.clone())
    }

    /// Writes a migration called `name` with the changes from the latest snapshot to the
    /// models; `None` (and no file) when there are none.
    pub fn generate(&self, name: &str, options: &GenerateOptions) -> Result<Option<Migration>> {
        generate_in(&self.dir, &self.models, &self.data, name, options)
    }

    /// Every migration of the folder and the ledger, with its state on this target.
    pub async fn status(&self) -> Result<Status> {
        let migrations = folder::list(&self.dir)?;
        let records = self.ledger().records().await?;
        Ok(status_of(&migrations, &records))
    }

    /// What `up` would do, and how the live tables differ from what the applied migrations
    /// expect.
    pub async fn plan(&self) -> Result<Plan> {
        let migrations = folder::list(&self.dir)?;
        let records = self.ledger().records().await?;
        let status = status_of(&migrations, &records);
        let expected = migrations
            .iter()
            .rev()
            .find(|m| {
                records
                    .get(&m.id)
                    .is_some_and(|r| r.state == State::Applied)
            })
            .map(|m| m.snapshot.clone())
            .unwrap_or_default();
        let mut drift = Vec::new();
        let mut notes = Vec::new();
        for (name, schema) in &expected.tables {
            match live::schema_with_tags(self.backend, name).await? {
                None => drift.push(Drift {
                    table: name.clone(),
                    differences: vec!["the table does not exist".to_owned()],
                }),
                Some((mut live, tags_read)) => {
                    if !tags_read {
                        notes.push(format!(
                            "the tags of `{name}` are not compared: this target does not \
                             implement ListTagsOfResource"
                        ));
                        live.tags = schema.tags.clone();
                    }
                    let diff = diff_table(schema, &live);
                    let mut differences = diff.rebuild_reasons;
                    differences.extend(diff.steps.iter().map(describe));
                    if !differences.is_empty() {
                        drift.push(Drift {
                            table: name.clone(),
                            differences,
                        });
                    }
                }
            }
        }
        let pending = migrations
            .iter()
            .filter(|m| records.get(&m.id).is_none_or(|r| r.state != State::Applied))
            .map(|m| {
                let done = records.get(&m.id).map_or(0, |r| r.steps_done);
                let steps = m.file.steps.iter().skip(done).map(describe).collect();
                (m.id.clone(), steps)
            })
            .collect();
        Ok(Plan {
            status,
            drift,
            notes,
            pending,
        })
    }

    /// Applies every pending migration in order (resuming a partly applied one); the ids
    /// applied. Creates the ledger table if needed. `force_unlock` first removes a stale lock.
    pub async fn up(&self, force_unlock: bool) -> Result<Vec<String>> {
        let migrations = folder::list(&self.dir)?;
        self.check_functions(&migrations)?;
        check_snapshots(&migrations)?;
        let ledger = self.ledger();
        self.ensure_ledger(&ledger).await?;
        if force_unlock {
            ledger.force_unlock().await?;
        }
        ledger.lock().await?;
        // Read under the lock: another runner may have applied migrations meanwhile.
        let result = async {
            let records = ledger.records().await?;
            verify(&migrations, &records)?;
            self.up_locked(&ledger, &migrations, &records).await
        }
        .await;
        let unlocked = ledger.unlock().await;
        let applied = result?;
        unlocked?;
        Ok(applied)
    }

    async fn up_locked(
        &self,
        ledger: &Ledger<'b, B>,
        migrations: &[Migration],
        records: &BTreeMap<String, Record>,
    ) -> Result<Vec<String>> {
        let mut applied = Vec::new();
        for migration in migrations {
            let done = match records.get(&migration.id) {
                Some(record) if record.state == State::Applied => continue,
                Some(record) if record.state == State::Reverting => {
                    return Err(Error::Refused(format!(
                        "reverting `{}` was interrupted after {} step(s); run `down` again to \
                         finish it first",
                        migration.id, record.steps_done
                    )));
                }
                Some(record) => record.steps_done,
                None => 0,
            };
            let steps = &migration.file.steps;
            eprintln!("applying {} ({} step(s))", migration.id, steps.len());
            ledger
                .record(&migration.id, &migration.checksum, State::Applying, done)
                .await?;
            for (index, step) in steps.iter().enumerate().skip(done) {
                eprintln!("  step {}/{}: {}", index + 1, steps.len(), describe(step));
                self.run_step(ledger, migration, index, step).await?;
                ledger
                    .record(
                        &migration.id,
                        &migration.checksum,
                        State::Applying,
                        index + 1,
                    )
                    .await?;
            }
            ledger
                .record(
                    &migration.id,
                    &migration.checksum,
                    State::Applied,
                    steps.len(),
                )
                .await?;
            eprintln!("applied {}", migration.id);
            applied.push(migration.id.clone());
        }
        Ok(applied)
    }

    /// Reverts the last applied migration (or finishes an interrupted revert); its id, or
    /// `None` when nothing is applied. Refuses when a step cannot be reverted.
    pub async fn down(&self, force_unlock: bool) -> Result<Option<String>> {
        let migrations = folder::list(&self.dir)?;
        let ledger = self.ledger();
        if !ledger.exists().await? {
            return Ok(None);
        }
        if force_unlock {
            ledger.force_unlock().await?;
        }
        ledger.lock().await?;
        let result = self.down_under_lock(&ledger, &migrations).await;
        let unlocked = ledger.unlock().await;
        let reverted = result?;
        unlocked?;
        Ok(reverted)
    }

    async fn down_under_lock(
        &self,
        ledger: &Ledger<'b, B>,
        migrations: &[Migration],
    ) -> Result<Option<String>> {
        let records = ledger.records().await?;
        verify(migrations, &records)?;
        if records.values().any(|r| r.state == State::Applying) {
            return Err(Error::Refused(
                "a migration is partly applied; run `up` to finish it before reverting".to_owned(),
            ));
        }
        let Some(migration) = migrations
            .iter()
            .rev()
            .find(|m| records.contains_key(&m.id))
        else {
            return Ok(None);
        };
        let inverse = inverse_steps(migration)?;
        let done = records
            .get(&migration.id)
            .filter(|r| r.state == State::Reverting)
            .map_or(0, |r| r.steps_done);
        self.down_locked(ledger, migration, &inverse, done).await?;
        Ok(Some(migration.id.clone()))
    }

    async fn down_locked(
        &self,
        ledger: &Ledger<'b, B>,
        migration: &Migration,
        inverse: &[Step],
        done: usize,
    ) -> Result<()> {
        eprintln!("reverting {} ({} step(s))", migration.id, inverse.len());
        ledger
            .record(&migration.id, &migration.checksum, State::Reverting, done)
            .await?;
        for (index, step) in inverse.iter().enumerate().skip(done) {
            eprintln!("  step {}/{}: {}", index + 1, inverse.len(), describe(step));
            apply_step(self.backend, step, self.waiting).await?;
            ledger
                .record(
                    &migration.id,
                    &migration.checksum,
                    State::Reverting,
                    index + 1,
                )
                .await?;
        }
        ledger
            .forget(&migration.id, migration.file.steps.len())
            .await?;
        eprintln!("reverted {}", migration.id);
        Ok(())
    }

    async fn ensure_ledger(&self, ledger: &Ledger<'b, B>) -> Result<()> {
        if ledger.exists().await? {
            return Ok(());
        }
        match self.backend.create_table(ledger.create_input()).await {
            Ok(_) => {}
            // Another runner created it at the same moment.
            Err(error) if error.is_resource_in_use() => {}
            Err(error) => {
                return Err(Error::backend(format!(
                    "creating the ledger table `{}`",
                    ledger.table()
                ))(error));
            }
        }
        live::wait_until(self.backend, ledger.table(), self.waiting, "ledger", |d| {
            d.is_some()
        })
        .await
    }

    fn check_functions(&self, migrations: &[Migration]) -> Result<()> {
        for migration in migrations {
            for (index, step) in migration.file.steps.iter().enumerate() {
                let name = match step {
                    Step::Data { function, .. } => Some(function),
                    Step::CopyItems { function, .. } => function.as_ref(),
                    _ => None,
                };
                if let Some(name) = name {
                    if self.data.get(name).is_none() {
                        let known: Vec<&str> = self.data.names().collect();
                        return Err(Error::Usage(format!(
                            "step {} of `{}` runs the data function `{name}`, which the \
                             migration crate does not register (registered: {}); add it with \
                             `DataMigrations::new().function(\"{name}\", ...)`",
                            index + 1,
                            migration.id,
                            if known.is_empty() {
                                "none".to_owned()
                            } else {
                                known.join(", ")
                            }
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    async fn run_step(
        &self,
        ledger: &Ledger<'b, B>,
        migration: &Migration,
        index: usize,
        step: &Step,
    ) -> Result<()> {
        let (source, target, function) = match step {
            Step::Data { table, function } => (table, table, Some(function)),
            Step::CopyItems { from, to, function } => (from, to, function.as_ref()),
            step => return apply_step(self.backend, step, self.waiting).await,
        };
        let data_step = DataStep {
            migration: &migration.id,
            step: index,
            source,
            target,
            function: function.and_then(|name| self.data.get(name)),
        };
        data::run(self.backend, ledger, &data_step, &self.data_options).await?;
        Ok(())
    }
}

/// `generate` without a target: the folder, the models and the registered functions.
pub fn generate_in(
    dir: &Path,
    models: &Models,
    data: &DataMigrations,
    name: &str,
    options: &GenerateOptions,
) -> Result<Option<Migration>> {
    folder::check_name(name)?;
    let migrations = folder::list(dir)?;
    let before = migrations
        .last()
        .map(|m| m.snapshot.clone())
        .unwrap_or_default();
    let models = Snapshot::from_tables(models.schemas().iter().cloned())?;
    for step in &options.data_steps {
        let (table, function) = match step {
            Step::Data { table, function } => (table, Some(function)),
            Step::CopyItems { from, function, .. } => (from, function.as_ref()),
            _ => continue,
        };
        if !models.tables.contains_key(table) && !before.tables.contains_key(table) {
            return Err(Error::Usage(format!(
                "`--table {table}`: no registered model or migration has that table"
            )));
        }
        if let Some(function) = function {
            if data.get(function).is_none() {
                return Err(Error::Usage(format!(
                    "`--data {function}`: the migration crate registers no data function of \
                     that name"
                )));
            }
        }
    }
    let generated = generate::generate(&before, &models, options)?;
    if generated.is_empty() {
        return Ok(None);
    }
    let id = folder::next_id(&migrations, name);
    folder::write(dir, &id, name, &generated).map(Some)
}

/// Applied migrations must be unchanged and present, and pending ones must come after them.
fn verify(migrations: &[Migration], records: &BTreeMap<String, Record>) -> Result<()> {
    for record in records.values() {
        let Some(migration) = migrations.iter().find(|m| m.id == record.id) else {
            return Err(Error::Refused(format!(
                "the ledger records `{}` but the migrations folder has no such migration; \
                 restore it (an applied migration must stay in the folder)",
                record.id
            )));
        };
        if migration.checksum != record.checksum {
            return Err(Error::Refused(format!(
                "`{}` was applied with checksum {} but its files now hash to {}: an applied \
                 migration must not be edited. Restore its files (e.g. from version control) \
                 and put the change in a new migration",
                record.id, record.checksum, migration.checksum
            )));
        }
    }
    let last_applied = migrations
        .iter()
        .filter(|m| records.contains_key(&m.id))
        .map(|m| m.number)
        .max();
    if let Some(last) = last_applied {
        if let Some(gap) = migrations
            .iter()
            .find(|m| m.number < last && !records.contains_key(&m.id))
        {
            return Err(Error::Refused(format!(
                "`{}` is not applied but a later migration is; migrations apply in order. \
                 Renumber it after the applied ones (it was probably merged from another \
                 branch)",
                gap.id
            )));
        }
    }
    Ok(())
}

/// Each migration's steps, run on the previous migration's snapshot, must give its own
/// snapshot: a hand edit of `migration.toml` or `schema.json` that breaks this would make
/// `plan` compare the live tables with a state no step creates.
fn check_snapshots(migrations: &[Migration]) -> Result<()> {
    let empty = Snapshot::default();
    let mut before = &empty;
    for migration in migrations {
        let mismatches = generate::mismatches(before, &migration.file.steps, &migration.snapshot);
        if !mismatches.is_empty() {
            return Err(Error::Refused(format!(
                "the steps of `{}` do not lead to its {}: was {} or {} edited by hand?\n  - \
                 {}\nMake the two agree (if it was never applied, delete its folder and run \
                 `generate` again)",
                migration.id,
                folder::SNAPSHOT_FILE,
                folder::STEPS_FILE,
                folder::SNAPSHOT_FILE,
                mismatches.join("\n  - ")
            )));
        }
        before = &migration.snapshot;
    }
    Ok(())
}

fn inverse_steps(migration: &Migration) -> Result<Vec<Step>> {
    let mut inverse = Vec::new();
    let mut refusals = Vec::new();
    for (index, step) in migration.file.steps.iter().enumerate().rev() {
        match step.inverse() {
            Ok(step) => inverse.push(step),
            Err(reason) => {
                refusals.push(format!("step {} ({}): {reason}", index + 1, describe(step)))
            }
        }
    }
    if refusals.is_empty() {
        Ok(inverse)
    } else {
        refusals.reverse();
        Err(Error::Refused(format!(
            "`{}` cannot be reverted:\n  - {}\nWrite a new migration that goes forward instead",
            migration.id,
            refusals.join("\n  - ")
        )))
    }
}

fn status_of(migrations: &[Migration], records: &BTreeMap<String, Record>) -> Status {
    let mut lines: Vec<StatusLine> = migrations
        .iter()
        .map(|m| StatusLine {
            id: m.id.clone(),
            steps: m.file.steps.len(),
            record: records.get(&m.id).cloned(),
            edited: records.get(&m.id).is_some_and(|r| r.checksum != m.checksum),
            missing: false,
        })
        .collect();
    for record in records.values() {
        if !migrations.iter().any(|m| m.id == record.id) {
            lines.push(StatusLine {
                id: record.id.clone(),
                steps: 0,
                record: Some(record.clone()),
                edited: false,
                missing: true,
            });
        }
    }
    Status { lines }
}

fn default_owner() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "localhost".to_owned());
    format!("{host}:{}:{}", std::process::id(), ledger::now())
}
