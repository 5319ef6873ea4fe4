//! `generate`: the models against the latest snapshot, as the steps of a new migration.

use std::collections::BTreeMap;

use super::diff::{diff_table, normalized};
use super::error::{Error, Result};
use super::render::describe;
use super::snapshot::Snapshot;
use super::step::{Step, apply_to};

/// Options of `generate`.
#[derive(Clone, Debug)]
pub struct GenerateOptions {
    /// Rebuild tables whose key or local indexes change (new table, copy, cut-over) instead
    /// of refusing.
    pub allow_rebuild: bool,
    /// Emit DeleteTable for tables no model names any more instead of refusing.
    pub allow_delete: bool,
    /// Appended to a rebuilt table's name to name its replacement.
    pub rebuild_suffix: String,
    /// Data steps to add after the schema steps (`--data`).
    pub data_steps: Vec<Step>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            allow_rebuild: false,
            allow_delete: false,
            rebuild_suffix: "_v2".to_owned(),
            data_steps: Vec::new(),
        }
    }
}

/// A new migration's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// What a reviewer must know (rebuild cut-over, two-step index changes, limits).
    pub notes: Vec<String>,
    /// The expected schema of every table once the steps ran.
    pub snapshot: Snapshot,
}

impl Generated {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// The migration from `before` (the latest snapshot) to `models` (the registered models).
///
/// Refuses, with an error that explains the options, to delete tables without
/// `allow_delete` and to change a key or a local index without `allow_rebuild`.
pub fn generate(
    before: &Snapshot,
    models: &Snapshot,
    options: &GenerateOptions,
) -> Result<Generated> {
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let mut snapshot_tables: BTreeMap<String, dynamodel::TableSchema> = BTreeMap::new();
    let mut refusals = Vec::new();

    let deleted: Vec<&String> = before
        .tables
        .keys()
        .filter(|name| !models.tables.contains_key(*name))
        .collect();
    if !deleted.is_empty() && !options.allow_delete {
        let names = deleted.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>();
        refusals.push(format!(
            "no registered model names the table(s) {} any more; deleting a table loses all its \
             items. Register the model again, or pass `--allow-delete` to generate DeleteTable",
            names.join(", ")
        ));
    }

    for (name, model) in &models.tables {
        let Some(old) = before.tables.get(name) else {
            steps.push(Step::CreateTable {
                schema: model.clone(),
            });
            snapshot_tables.insert(name.clone(), model.clone());
            continue;
        };
        let diff = diff_table(old, model);
        if diff.rebuild_reasons.is_empty() {
            steps.extend(diff.steps);
            notes.extend(diff.notes);
            snapshot_tables.insert(name.clone(), model.clone());
            continue;
        }
        let reasons = diff.rebuild_reasons.join("; ");
        if !options.allow_rebuild {
            refusals.push(format!(
                "table `{name}`: {reasons}. DynamoDB cannot change this in place. Either keep \
                 the old key and local indexes in the model, or pass `--allow-rebuild` to \
                 generate a rebuild: a new table `{name}{suffix}` with the new schema, a \
                 resumable copy of every item, and cut-over notes (rename the model's table to \
                 `{name}{suffix}` afterwards; the next migration then deletes `{name}`)",
                suffix = options.rebuild_suffix
            ));
            continue;
        }
        let new_name = format!("{name}{}", options.rebuild_suffix);
        if before.tables.contains_key(&new_name) || models.tables.contains_key(&new_name) {
            refusals.push(format!(
                "table `{name}` needs a rebuild but `{new_name}` is taken; choose another name \
                 with `--rebuild-suffix`"
            ));
            continue;
        }
        let mut rebuilt = model.clone();
        rebuilt.table_name = new_name.clone();
        steps.push(Step::CreateTable {
            schema: rebuilt.clone(),
        });
        steps.push(Step::CopyItems {
            from: name.clone(),
            to: new_name.clone(),
            function: None,
        });
        notes.push(format!(
            "rebuild of `{name}` ({reasons}): the new table `{new_name}` gets the new schema and \
             a copy of every item. Cut-over: (1) the copy reads `{name}` once, so stop writers \
             or make them write to both tables before running it; (2) set the model's table \
             name to `{new_name}` and deploy; (3) generate the next migration, which deletes \
             `{name}` (with `--allow-delete`). If a key attribute changes type, register a data \
             function and set `function` on the copy step to convert each item"
        ));
        snapshot_tables.insert(name.clone(), old.clone());
        snapshot_tables.insert(new_name, rebuilt);
    }
    if !refusals.is_empty() {
        return Err(Error::Refused(format!(
            "cannot generate the migration:\n  - {}",
            refusals.join("\n  - ")
        )));
    }
    for name in deleted {
        if let Some(old) = before.tables.get(name) {
            steps.push(Step::DeleteTable {
                schema: old.clone(),
            });
        }
    }
    steps.extend(options.data_steps.iter().cloned());
    let snapshot = Snapshot {
        tables: snapshot_tables,
    };
    debug_assert!(leads_to(before, &steps, &snapshot));
    Ok(Generated {
        steps,
        notes,
        snapshot,
    })
}

/// Whether running `steps` on `before` gives `after` (index order aside).
pub fn leads_to(before: &Snapshot, steps: &[Step], after: &Snapshot) -> bool {
    mismatches(before, steps, after).is_empty()
}

/// How the tables that `steps` leave (run on `before`) differ from `after`, one line per
/// table; empty when the steps lead to `after` (index order aside).
pub fn mismatches(before: &Snapshot, steps: &[Step], after: &Snapshot) -> Vec<String> {
    let mut tables = before.tables.clone();
    for step in steps {
        apply_to(&mut tables, step);
    }
    let mut lines = Vec::new();
    for (name, schema) in &tables {
        match after.tables.get(name) {
            None => lines.push(format!(
                "the steps leave table `{name}`, which the snapshot does not have"
            )),
            Some(expected) if normalized(schema) != normalized(expected) => {
                let diff = diff_table(schema, expected);
                let mut missing = diff.rebuild_reasons;
                missing.extend(diff.steps.iter().map(describe));
                lines.push(format!(
                    "table `{name}`: to reach the snapshot the steps would also have to: {}",
                    missing.join("; ")
                ));
            }
            Some(_) => {}
        }
    }
    for name in after
        .tables
        .keys()
        .filter(|name| !tables.contains_key(*name))
    {
        lines.push(format!(
            "the snapshot has table `{name}`, which the steps do not leave"
        ));
    }
    lines
}
