//! What `plan` and `status` report, and how they print.

use std::fmt;

use super::ledger::{Record, State};

/// One migration's line in `status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    /// The migration id.
    pub id: String,
    /// Its number of steps (0 when its folder is missing).
    pub steps: usize,
    /// Its ledger entry, if it was ever started on this target.
    pub record: Option<Record>,
    /// Whether its files changed since it was applied.
    pub edited: bool,
    /// Whether the ledger has it but the folder does not.
    pub missing: bool,
}

/// Every migration and its state on one target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// In number order; ledger-only entries last.
    pub lines: Vec<StatusLine>,
}

impl Status {
    /// The ids not yet fully applied.
    pub fn pending(&self) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .filter(|line| {
                line.record
                    .as_ref()
                    .is_none_or(|r| r.state != State::Applied)
            })
            .map(|line| line.id.as_str())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lines.is_empty() {
            return writeln!(f, "no migrations");
        }
        for line in &self.lines {
            let state = match (&line.record, line.missing, line.edited) {
                (_, true, _) => "MISSING from the folder".to_owned(),
                (Some(_), _, true) => "EDITED after it was applied (refused)".to_owned(),
                (None, ..) => "pending".to_owned(),
                (Some(record), ..) => match record.state {
                    State::Applied => "applied".to_owned(),
                    State::Applying => format!(
                        "partly applied ({}/{} steps; `up` resumes it)",
                        record.steps_done, line.steps
                    ),
                    State::Reverting => format!(
                        "partly reverted ({}/{} steps; `down` resumes it)",
                        record.steps_done, line.steps
                    ),
                },
            };
            writeln!(f, "{:<40} {state}", line.id)?;
        }
        Ok(())
    }
}

/// How one live table differs from what the applied migrations expect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// The table.
    pub table: String,
    /// What a migration would have to do to the expected schema to get the live one.
    pub differences: Vec<String>,
}

/// The output of `plan`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Every migration's state.
    pub status: Status,
    /// Live tables that differ from the expected state (changes made by hand).
    pub drift: Vec<Drift>,
    /// What could not be compared, and why.
    pub notes: Vec<String>,
    /// The migrations `up` would run, with the steps left in each.
    pub pending: Vec<(String, Vec<String>)>,
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        if self.drift.is_empty() {
            writeln!(
                f,
                "drift: none (the live tables match the applied migrations)"
            )?;
        } else {
            writeln!(
                f,
                "drift: the live tables differ from the applied migrations (changed by hand?):"
            )?;
            for drift in &self.drift {
                writeln!(f, "  `{}`:", drift.table)?;
                for difference in &drift.differences {
                    writeln!(f, "    - live: {difference}")?;
                }
            }
        }
        if self.pending.is_empty() {
            return writeln!(f, "pending: none (up to date)");
        }
        writeln!(f, "pending: `up` would run:")?;
        for (id, steps) in &self.pending {
            writeln!(f, "  {id}")?;
            for (number, step) in steps.iter().enumerate() {
                writeln!(f, "    {}. {step}", number + 1)?;
            }
        }
        Ok(())
    }
}
