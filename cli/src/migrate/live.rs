//! The live state of a target: tables read back as schemas, and waiting for tables and
//! indexes to become active (or to disappear) with progress shown.

use std::time::{Duration, Instant};

use dynamodel::model::{
    DescribeTableInput, DescribeTimeToLiveInput, IndexStatus, TableDescription, TableStatus,
    TimeToLiveStatus,
};
use dynamodel::{Backend, TableSchema};

use super::error::{Error, Result};
use super::tags;

/// How long to wait for tables and indexes, and how often to look.
#[derive(Clone, Copy, Debug)]
pub struct Waiting {
    /// Give up after this long (the change goes on in DynamoDB; `up` resumes it).
    pub timeout: Duration,
    /// The pause between two DescribeTable calls.
    pub poll_interval: Duration,
}

impl Default for Waiting {
    fn default() -> Self {
        Waiting {
            timeout: Duration::from_secs(30 * 60),
            poll_interval: Duration::from_secs(2),
        }
    }
}

/// The description of `table`, or `None` if there is no such table.
pub async fn describe<B: Backend>(backend: &B, table: &str) -> Result<Option<TableDescription>> {
    let input = DescribeTableInput {
        table_name: table.to_owned(),
    };
    match backend.describe_table(input).await {
        Ok(output) => Ok(output.table),
        Err(error) if error.is_resource_not_found() => Ok(None),
        Err(error) => Err(Error::backend(format!("describing `{table}`"))(error)),
    }
}

/// The attribute time to live is on for (enabled or being enabled), if any.
pub async fn time_to_live<B: Backend>(backend: &B, table: &str) -> Result<Option<String>> {
    let input = DescribeTimeToLiveInput {
        table_name: table.to_owned(),
    };
    let output = backend
        .describe_time_to_live(input)
        .await
        .map_err(Error::backend(format!(
            "describing the time to live of `{table}`"
        )))?;
    Ok(output.time_to_live_description.and_then(|description| {
        match description.time_to_live_status {
            Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling) => {
                description.attribute_name
            }
            _ => None,
        }
    }))
}

/// The live schema of `table` (key, billing, indexes, stream, time to live; tags are not
/// read), or `None` if there is no such table.
pub async fn schema<B: Backend>(backend: &B, table: &str) -> Result<Option<TableSchema>> {
    match describe(backend, table).await? {
        Some(description) => schema_of(backend, table, &description).await.map(Some),
        None => Ok(None),
    }
}

/// [`schema`] with the table's tags in it, or `None` if there is no such table. The flag says
/// whether the tags could be read: a target that does not implement tagging (DynamoDB Local)
/// leaves them empty.
pub async fn schema_with_tags<B: Backend>(
    backend: &B,
    table: &str,
) -> Result<Option<(TableSchema, bool)>> {
    let Some(description) = describe(backend, table).await? else {
        return Ok(None);
    };
    let mut schema = schema_of(backend, table, &description).await?;
    let tags = match &description.table_arn {
        Some(arn) => tags::read(backend, table, arn).await?,
        None => None,
    };
    let read = tags.is_some();
    schema.tags = tags.unwrap_or_default();
    Ok(Some((schema, read)))
}

async fn schema_of<B: Backend>(
    backend: &B,
    table: &str,
    description: &TableDescription,
) -> Result<TableSchema> {
    let mut schema = TableSchema::from_description(description).map_err(Error::backend(
        format!("reading the description of `{table}`"),
    ))?;
    schema.time_to_live = time_to_live(backend, table).await?;
    Ok(schema)
}

/// What is still in progress on a table, or `None` when it and its indexes are active.
fn busy(description: &TableDescription) -> Option<String> {
    let mut busy = Vec::new();
    match &description.table_status {
        Some(TableStatus::Active) | None => {}
        Some(status) => busy.push(format!("table {status}")),
    }
    for index in description.global_secondary_indexes.iter().flatten() {
        match &index.index_status {
            Some(IndexStatus::Active) | None => {}
            Some(status) => {
                let name = index.index_name.as_deref().unwrap_or("?");
                let backfill = if index.backfilling == Some(true) {
                    " (backfilling)"
                } else {
                    ""
                };
                busy.push(format!("index `{name}` {status}{backfill}"));
            }
        }
    }
    (!busy.is_empty()).then(|| busy.join(", "))
}

/// Waits until `table` and its indexes are active and `done` holds for its description;
/// prints each new state on stderr.
pub async fn wait_until<B: Backend>(
    backend: &B,
    table: &str,
    waiting: Waiting,
    what: &str,
    done: impl Fn(Option<&TableDescription>) -> bool,
) -> Result<()> {
    let started = Instant::now();
    let mut last_state = String::new();
    loop {
        let description = describe(backend, table).await?;
        let state = match &description {
            None => "no table".to_owned(),
            Some(description) => busy(description).unwrap_or_else(|| "active".to_owned()),
        };
        let active = description.as_ref().is_none_or(|d| busy(d).is_none());
        if active && done(description.as_ref()) {
            return Ok(());
        }
        if state != last_state {
            eprintln!(
                "  waiting for `{table}` ({what}): {state} [{:.0} s]",
                started.elapsed().as_secs_f64()
            );
            last_state = state;
        }
        if started.elapsed() >= waiting.timeout {
            return Err(Error::Timeout(format!(
                "`{table}` did not finish ({what}) within {} s: {last_state}. DynamoDB goes on \
                 with the change; run `up` again later to resume (or raise `--timeout`)",
                waiting.timeout.as_secs()
            )));
        }
        tokio::time::sleep(waiting.poll_interval).await;
    }
}
