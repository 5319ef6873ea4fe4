//! The case files (`cases/*.json`) and their format.
//!
//! ```json
//! {
//!   "about": "what the file covers",
//!   "tables": [ { CreateTable request }, ... ],
//!   "setup": [ { "op": "PutItem", "body": { ... } }, ... ],
//!   "defaults": { "Scan": { "TableName": "tbl" } },
//!   "cases": [
//!     { "name": "one request", "op": "Scan", "body": { "FilterExpression": "..." } },
//!     { "name": "a sequence", "steps": [ { "op": "UpdateItem", "body": { ... } }, ... ] },
//!     { "name": "a documented difference", "op": "...", "body": { ... },
//!       "expect": { "compat": "id", "dynamodel": { ... }, "dynamodb_local": { ... } } }
//!   ]
//! }
//! ```
//!
//! Every case runs on a fresh set of tables: the file's `tables` are created, its `setup`
//! requests sent, then the case's own requests, each to both backends. `defaults` gives, per
//! operation, members merged into every request of a case (not of `setup`) of that operation
//! that does not set them (a member set to `null` removes a default). Requests are otherwise
//! sent as written: raw DynamoDB JSON.
//!
//! A step `{"op": "$settle", "body": {"TableName": "tbl"}}` sends no request to compare: it waits
//! until the table and its indexes are `ACTIVE` on both backends (see `settle`), for cases that
//! create or delete an index with UpdateTable.
//!
//! One shorthand keeps big values out of the files: an object `{"$repeat": "x", "times": 409600}`
//! anywhere in a request stands for the string repeated that many times.
//!
//! `expect` marks a request where DynamoDB Local is known to answer differently from DynamoDB.
//! It names the entry of `docs/compatibility.md` that documents the difference (`compat`, an
//! id or a list of ids),
//! and patches the normalized answer (see `reply`): the engine must answer what DynamoDB Local
//! answered with the `dynamodel` members replaced, and DynamoDB Local must still answer the
//! `dynamodb_local` members, so a DynamoDB Local release that fixes the difference is noticed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

/// One case file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[allow(dead_code)]
    about: String,
    #[serde(default)]
    tables: Vec<Map<String, Value>>,
    #[serde(default)]
    setup: Vec<StepSource>,
    #[serde(default)]
    defaults: BTreeMap<String, Map<String, Value>>,
    cases: Vec<CaseSource>,
}

/// A case as written: one request (`op`, `body`, `expect`) or a list of `steps`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseSource {
    name: String,
    #[serde(default)]
    op: Option<String>,
    #[serde(default)]
    body: Option<Map<String, Value>>,
    #[serde(default)]
    expect: Option<Override>,
    #[serde(default)]
    steps: Vec<StepSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepSource {
    op: String,
    #[serde(default)]
    body: Map<String, Value>,
    #[serde(default)]
    expect: Option<Override>,
}

/// A documented difference between DynamoDB Local and DynamoDB on one request.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Override {
    /// The ids of the `docs/compatibility.md` entries (rows of its differential table) that
    /// document the difference: one id, or a list when one answer differs in several ways.
    #[serde(deserialize_with = "one_or_many")]
    pub(crate) compat: Vec<String>,
    /// Members of the normalized answer the engine gives instead of DynamoDB Local's
    /// (DynamoDB's behaviour); `null` removes a member, and a key that starts with `/` is a
    /// JSON pointer to a member deeper in the answer.
    pub(crate) dynamodel: Map<String, Value>,
    /// Members of DynamoDB Local's normalized answer, asserted as they are today.
    pub(crate) dynamodb_local: Map<String, Value>,
}

/// A case ready to run: the tables to create and every request in order.
#[derive(Debug)]
pub(crate) struct Case {
    /// `file/name`.
    pub(crate) name: String,
    pub(crate) tables: Vec<Value>,
    pub(crate) steps: Vec<Step>,
}

#[derive(Debug)]
pub(crate) struct Step {
    pub(crate) op: String,
    pub(crate) body: Value,
    pub(crate) expect: Option<Override>,
    /// Whether the step comes from the file's `setup`.
    pub(crate) setup: bool,
}

/// Every case of every `*.json` file in `dir`, in file then case order.
pub(crate) fn load(dir: &Path) -> Result<Vec<Case>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for path in paths {
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_owned();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: CaseFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        cases.extend(expand(&stem, file).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(cases)
}

fn expand(stem: &str, file: CaseFile) -> Result<Vec<Case>, String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut cases = Vec::new();
    for source in file.cases {
        if !seen.insert(source.name.clone()) {
            return Err(format!("two cases named {:?}", source.name));
        }
        let own = match (source.op, source.body, source.steps.is_empty()) {
            (Some(op), body, true) => vec![StepSource {
                op,
                body: body.unwrap_or_default(),
                expect: source.expect,
            }],
            (None, None, false) if source.expect.is_none() => source.steps,
            _ => {
                return Err(format!(
                    "case {:?} needs either `op` (with `body`, `expect`) or `steps`",
                    source.name
                ));
            }
        };
        let setup = file.setup.iter().map(|step| (step, true));
        let steps = setup
            .chain(own.iter().map(|step| (step, false)))
            .map(|(step, setup)| Step {
                op: step.op.clone(),
                body: expand_repeats(Value::Object(if setup {
                    step.body.clone()
                } else {
                    with_defaults(&step.body, file.defaults.get(&step.op))
                })),
                expect: step.expect.clone(),
                setup,
            })
            .collect();
        cases.push(Case {
            name: format!("{stem}/{}", source.name),
            tables: file.tables.iter().cloned().map(Value::Object).collect(),
            steps,
        });
    }
    Ok(cases)
}

/// `value` with every `{"$repeat": text, "times": n}` replaced by `text` repeated `n` times.
fn expand_repeats(value: Value) -> Value {
    match value {
        Value::Object(members) => {
            if let (Some(Value::String(text)), Some(times), 2) = (
                members.get("$repeat"),
                members.get("times").and_then(Value::as_u64),
                members.len(),
            ) {
                return Value::String(text.repeat(usize::try_from(times).unwrap_or(0)));
            }
            Value::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (key, expand_repeats(value)))
                    .collect(),
            )
        }
        Value::Array(elements) => Value::Array(elements.into_iter().map(expand_repeats).collect()),
        other => other,
    }
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(id) => vec![id],
        OneOrMany::Many(ids) => ids,
    })
}

/// `body` with the members of `defaults` it does not set; `null` members are dropped.
fn with_defaults(
    body: &Map<String, Value>,
    defaults: Option<&Map<String, Value>>,
) -> Map<String, Value> {
    let mut merged = defaults.cloned().unwrap_or_default();
    for (key, value) in body {
        merged.insert(key.clone(), value.clone());
    }
    merged.retain(|_, value| !value.is_null());
    merged
}
