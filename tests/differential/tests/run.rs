//! Running one case on both backends and judging it.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::cases::{Case, Override, Step};
use crate::dynamodb_local::Connection;
use crate::engine::EngineSide;
use crate::reply::{normalize, patched, unmatched};
use crate::settle;

/// How a case ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Every answer of the engine equals DynamoDB Local's.
    Agree,
    /// Every answer agrees except where a documented difference says otherwise, and those
    /// answers are exactly as documented. Holds the `compat` ids used.
    Documented(Vec<String>),
    /// A report of what differed.
    Failed(String),
}

/// One worker: an engine and a DynamoDB Local namespace of its own (its access key), used by
/// one case at a time.
#[derive(Debug)]
pub(crate) struct Worker {
    engine: EngineSide,
    local: Connection,
    /// Print a suggested `expect` for each mismatch (`DIFFERENTIAL_SUGGEST=1`).
    suggest: bool,
}

impl Worker {
    pub(crate) fn new(local: Connection, suggest: bool) -> Self {
        Worker {
            engine: EngineSide::new(),
            local,
            suggest,
        }
    }

    /// Runs `case` on a fresh engine and fresh DynamoDB Local tables, and removes those
    /// tables afterwards.
    pub(crate) fn run(&mut self, case: &Case) -> Outcome {
        self.engine.reset();
        let outcome = self.run_steps(case);
        match (self.drop_local_tables(), outcome) {
            (Err(error), _) => Outcome::Failed(format!("cleaning up DynamoDB Local: {error}")),
            (Ok(()), outcome) => outcome,
        }
    }

    fn run_steps(&mut self, case: &Case) -> Outcome {
        for table in &case.tables {
            let body = serde_json::to_vec(table).expect("JSON serializes");
            let engine = self.engine.call("CreateTable", &body);
            let local = match self.local_call("CreateTable", &body) {
                Ok(local) => local,
                Err(error) => return Outcome::Failed(error),
            };
            if engine.0 != 200 || local.0 != 200 {
                return Outcome::Failed(format!(
                    "CreateTable {table}\n  dynamodel:      {}\n  DynamoDB Local: {}",
                    normalize("CreateTable", engine.0, &engine.1),
                    normalize("CreateTable", local.0, &local.1),
                ));
            }
        }
        let mut documented = Vec::new();
        for (index, step) in case.steps.iter().enumerate() {
            if step.op == settle::OP {
                let engine = settle::wait(&step.body, |op, body| Ok(self.engine.call(op, body)));
                let local = settle::wait(&step.body, |op, body| self.local_call(op, body));
                if let Err(why) = engine
                    .map_err(|e| format!("dynamodel: {e}"))
                    .and(local.map_err(|e| format!("DynamoDB Local: {e}")))
                {
                    return Outcome::Failed(format!("step {} ({}): {why}", index + 1, step.op));
                }
                continue;
            }
            let body = serde_json::to_vec(&step.body).expect("JSON serializes");
            let (status, bytes) = self.engine.call(&step.op, &body);
            let engine = normalize(&step.op, status, &bytes);
            let local = match self.local_call(&step.op, &body) {
                Ok((status, bytes)) => normalize(&step.op, status, &bytes),
                Err(error) => return Outcome::Failed(error),
            };
            let verdict = match &step.expect {
                None => (engine == local)
                    .then_some(())
                    .ok_or_else(|| "the answers differ".to_owned()),
                Some(expect) => judge_documented(expect, &engine, &local),
            };
            if let Err(why) = verdict {
                let mut report = String::new();
                let _ = writeln!(report, "step {} ({}): {why}", index + 1, describe(step));
                let _ = writeln!(report, "  request:        {} {}", step.op, step.body);
                let _ = writeln!(report, "  dynamodel:      {engine}");
                let _ = write!(report, "  DynamoDB Local: {local}");
                if self.suggest {
                    let _ = write!(
                        report,
                        "\n  suggested expect: {}",
                        suggestion(&engine, &local)
                    );
                }
                return Outcome::Failed(report);
            }
            if let Some(expect) = &step.expect {
                documented.extend(expect.compat.iter().cloned());
            }
        }
        if documented.is_empty() {
            Outcome::Agree
        } else {
            Outcome::Documented(documented)
        }
    }

    fn local_call(&mut self, op: &str, body: &[u8]) -> Result<(u16, Vec<u8>), String> {
        self.local
            .call(op, body)
            .map(|response| (response.status, response.body))
            .map_err(|error| format!("DynamoDB Local did not answer {op}: {error}"))
    }

    /// Deletes every table of this worker's namespace.
    fn drop_local_tables(&mut self) -> Result<(), String> {
        let (status, body) = self.local_call("ListTables", b"{}")?;
        let listed: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        if status != 200 {
            return Err(format!("ListTables answered {status}: {listed}"));
        }
        let names = listed["TableNames"].as_array().cloned().unwrap_or_default();
        for name in names {
            let request = serde_json::to_vec(&json!({ "TableName": name })).expect("serializes");
            let (status, body) = self.local_call("DeleteTable", &request)?;
            if status != 200 {
                return Err(format!(
                    "DeleteTable {name} answered {status}: {}",
                    String::from_utf8_lossy(&body)
                ));
            }
        }
        Ok(())
    }
}

fn describe(step: &Step) -> String {
    if step.setup {
        format!("setup {}", step.op)
    } else {
        step.op.clone()
    }
}

/// Checks a documented difference: the engine answers DynamoDB Local's answer patched with
/// DynamoDB's members, DynamoDB Local still answers as documented, and the two differ.
fn judge_documented(expect: &Override, engine: &Value, local: &Value) -> Result<(), String> {
    let still = unmatched(local, &expect.dynamodb_local);
    if !still.is_empty() {
        return Err(format!(
            "DynamoDB Local no longer answers as `{}` documents ({}): update the case and \
             docs/compatibility.md",
            expect.compat.join("`, `"),
            still.join(", ")
        ));
    }
    if engine == local {
        return Err(format!(
            "the engine and DynamoDB Local agree: the documented difference `{}` is gone",
            expect.compat.join("`, `")
        ));
    }
    let expected = patched(local, &expect.dynamodel);
    if *engine != expected {
        return Err(format!(
            "the engine does not answer what `{}` documents for DynamoDB: {expected}",
            expect.compat.join("`, `")
        ));
    }
    Ok(())
}

/// An `expect` skeleton for a mismatch: the differing members of each answer.
fn suggestion(engine: &Value, local: &Value) -> Value {
    let (engine, local) = (
        engine.as_object().cloned().unwrap_or_default(),
        local.as_object().cloned().unwrap_or_default(),
    );
    let mut ours = Map::new();
    let mut theirs = Map::new();
    for key in engine.keys().chain(local.keys()) {
        if engine.get(key) != local.get(key) {
            ours.insert(key.clone(), engine.get(key).cloned().unwrap_or(Value::Null));
            theirs.insert(key.clone(), local.get(key).cloned().unwrap_or(Value::Null));
        }
    }
    json!({ "compat": "?", "dynamodel": ours, "dynamodb_local": theirs })
}
