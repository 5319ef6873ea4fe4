//! Table descriptions (the answers of CreateTable, DescribeTable, UpdateTable and
//! DeleteTable) without what differs between any two runs or any two servers.
//!
//! Removed, because they carry no behaviour a case can fix:
//!
//! * `CreationDateTime`, `BillingModeSummary.LastUpdateToPayPerRequestDateTime` and
//!   `ProvisionedThroughput.LastIncreaseDateTime` / `LastDecreaseDateTime` (of the table and of
//!   every index): clock readings;
//! * `TableId`: a random identifier (DynamoDB Local does not send one);
//!
//! rewritten: the region and account of every ARN (`TableArn`, `IndexArn`,
//! `LatestStreamArn`) become `<region>` and `<account>` (DynamoDB Local says `ddblocal`);
//! and sorted by name, because DynamoDB promises no order and DynamoDB Local lists them in
//! hash order: `AttributeDefinitions`, `GlobalSecondaryIndexes`, `LocalSecondaryIndexes`.
//! Everything else, statuses included, is compared as sent.

use serde_json::{Map, Value};

/// The operations whose answer holds a table description.
const DESCRIBING: &[(&str, &str)] = &[
    ("CreateTable", "TableDescription"),
    ("DeleteTable", "TableDescription"),
    ("UpdateTable", "TableDescription"),
    ("DescribeTable", "Table"),
];

/// Normalizes the table description in `body`, the answer to a successful `op`.
pub(crate) fn normalize(op: &str, body: &mut Value) {
    let Some((_, member)) = DESCRIBING.iter().find(|(name, _)| *name == op) else {
        return;
    };
    let Some(Value::Object(table)) = body.get_mut(*member) else {
        return;
    };
    table.remove("CreationDateTime");
    table.remove("TableId");
    if let Some(Value::Object(summary)) = table.get_mut("BillingModeSummary") {
        summary.remove("LastUpdateToPayPerRequestDateTime");
    }
    without_clock(table);
    sort_by(table, "AttributeDefinitions", "AttributeName");
    for indexes in ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"] {
        sort_by(table, indexes, "IndexName");
        if let Some(Value::Array(indexes)) = table.get_mut(indexes) {
            for index in indexes.iter_mut().filter_map(Value::as_object_mut) {
                without_clock(index);
            }
        }
    }
}

/// Sorts the list `member` of `table` by the text of each element's `key`.
fn sort_by(table: &mut Map<String, Value>, member: &str, key: &str) {
    if let Some(Value::Array(elements)) = table.get_mut(member) {
        elements.sort_by(|a, b| a[key].as_str().cmp(&b[key].as_str()));
    }
}

/// Removes the throughput clock readings of `entity` (a table or an index) and rewrites its
/// ARNs.
fn without_clock(entity: &mut Map<String, Value>) {
    if let Some(Value::Object(throughput)) = entity.get_mut("ProvisionedThroughput") {
        throughput.remove("LastIncreaseDateTime");
        throughput.remove("LastDecreaseDateTime");
    }
    for member in ["TableArn", "IndexArn", "LatestStreamArn"] {
        if let Some(Value::String(arn)) = entity.get_mut(member) {
            *arn = placeholder_arn(arn);
        }
    }
}

/// `arn:aws:dynamodb:<region>:<account>:<resource>` for any region and account.
fn placeholder_arn(arn: &str) -> String {
    let mut parts = arn.splitn(6, ':');
    match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some(scheme), Some(partition), Some(service), Some(_), Some(_), Some(resource)) => {
            format!("{scheme}:{partition}:{service}:<region>:<account>:{resource}")
        }
        _ => arn.to_owned(),
    }
}
