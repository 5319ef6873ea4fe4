//! The `$settle` step: waits until a table and its indexes are `ACTIVE` on one backend.
//!
//! DynamoDB builds a new global secondary index in the background (CREATING, then ACTIVE)
//! and removes a deleted one the same way; DynamoDB Local takes about a second either way.
//! A case that reads a new index or describes a table after UpdateTable first sends
//! `{"op": "$settle", "body": {"TableName": "tbl"}}`, which asks each backend DescribeTable
//! until the table and every index it lists are `ACTIVE`. The step compares nothing itself.

use std::time::{Duration, Instant};

use serde_json::Value;

/// The name of the step in case files.
pub(crate) const OP: &str = "$settle";

/// How long a backend may take to settle.
const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

/// Sends DescribeTable `request` through `call` until the table and its indexes are
/// `ACTIVE`; the last description when they are not within the timeout.
pub(crate) fn wait(
    request: &Value,
    mut call: impl FnMut(&str, &[u8]) -> Result<(u16, Vec<u8>), String>,
) -> Result<(), String> {
    let body = serde_json::to_vec(request).expect("JSON serializes");
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let (status, answer) = call("DescribeTable", &body)?;
        let answer: Value = serde_json::from_slice(&answer).unwrap_or(Value::Null);
        if status == 200 && settled(&answer["Table"]) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "not settled after {} s: {status} {answer}",
                TIMEOUT.as_secs()
            ));
        }
        std::thread::sleep(POLL);
    }
}

fn settled(table: &Value) -> bool {
    let active = |status: &Value| status.as_str() == Some("ACTIVE");
    let indexes = table["GlobalSecondaryIndexes"].as_array();
    active(&table["TableStatus"])
        && indexes
            .into_iter()
            .flatten()
            .all(|index| active(&index["IndexStatus"]))
}
