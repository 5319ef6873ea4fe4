//! Applying one schema step to a target, by DynamoDB's rules: one index created or deleted
//! per UpdateTable, waiting for tables and indexes to become active.
//!
//! Every step first looks at the live state and does only what is left, so a step that was
//! cut short (the process died after DynamoDB accepted the change) is safe to run again.

use std::collections::BTreeMap;

use dynamodel::model::{
    BillingMode, CreateGlobalSecondaryIndexAction, DeleteGlobalSecondaryIndexAction,
    DeleteTableInput, GlobalSecondaryIndexUpdate, ProvisionedThroughput, StreamSpecification,
    StreamViewType, TimeToLiveSpecification, UpdateGlobalSecondaryIndexAction, UpdateTableInput,
    UpdateTimeToLiveInput,
};
use dynamodel::{Backend, Billing, IndexSchema, TableSchema, Throughput};

use super::error::{Error, Result};
use super::live::{self, Waiting};
use super::step::Step;
use super::tags;

fn provisioned(t: Throughput) -> ProvisionedThroughput {
    ProvisionedThroughput {
        read_capacity_units: t.read,
        write_capacity_units: t.write,
    }
}

/// Applies the schema step `step` (not a data step) to `backend`.
pub async fn apply_step<B: Backend>(backend: &B, step: &Step, waiting: Waiting) -> Result<()> {
    match step {
        Step::CreateTable { schema } => create_table(backend, schema, waiting).await,
        Step::DeleteTable { schema } => delete_table(backend, &schema.table_name, waiting).await,
        Step::CreateGlobalIndex { table, index } => {
            create_index(backend, table, index, waiting).await
        }
        Step::DeleteGlobalIndex { table, index } => {
            delete_index(backend, table, &index.name, waiting).await
        }
        Step::UpdateGlobalIndexThroughput {
            table, index, to, ..
        } => update_index_throughput(backend, table, index, *to, waiting).await,
        Step::SetBilling {
            table,
            to,
            index_throughput,
            ..
        } => set_billing(backend, table, to, index_throughput, waiting).await,
        Step::SetTimeToLive { table, to, .. } => {
            set_time_to_live(backend, table, to.as_deref()).await
        }
        Step::SetStream { table, to, .. } => set_stream(backend, table, to.as_ref(), waiting).await,
        Step::SetTags { table, from, to } => tags::apply(backend, table, from, to, waiting).await,
        Step::CopyItems { .. } | Step::Data { .. } => Err(Error::Usage(
            "a data step is run by the data runner, not as a schema step".to_owned(),
        )),
    }
}

/// The live schema of `table`, which a step needs to exist.
async fn existing<B: Backend>(backend: &B, table: &str) -> Result<TableSchema> {
    live::schema(backend, table).await?.ok_or_else(|| {
        Error::Refused(format!(
            "table `{table}` does not exist on this target; it was deleted or never created by \
             a migration (run `plan` to see the drift)"
        ))
    })
}

async fn create_table<B: Backend>(
    backend: &B,
    schema: &TableSchema,
    waiting: Waiting,
) -> Result<()> {
    let table = &schema.table_name;
    // CreateTable sets the tags; a table that already exists (a step cut short) gets them now.
    let existed = match live::schema(backend, table).await? {
        Some(live) => {
            if live.partition_key != schema.partition_key || live.sort_key != schema.sort_key {
                return Err(Error::Refused(format!(
                    "table `{table}` already exists with another key; delete or rename it, or \
                     remove this step"
                )));
            }
            true
        }
        None => {
            backend
                .create_table(schema.create_table_input())
                .await
                .map_err(Error::backend(format!("creating table `{table}`")))?;
            false
        }
    };
    live::wait_until(backend, table, waiting, "create table", |d| d.is_some()).await?;
    if existed && !schema.tags.is_empty() {
        tags::apply(backend, table, &BTreeMap::new(), &schema.tags, waiting).await?;
    }
    if let Some(attribute) = &schema.time_to_live {
        set_time_to_live(backend, table, Some(attribute)).await?;
    }
    Ok(())
}

async fn delete_table<B: Backend>(backend: &B, table: &str, waiting: Waiting) -> Result<()> {
    if live::describe(backend, table).await?.is_some() {
        let input = DeleteTableInput {
            table_name: table.to_owned(),
        };
        match backend.delete_table(input).await {
            Ok(_) => {}
            Err(error) if error.is_resource_not_found() => {}
            Err(error) => return Err(Error::backend(format!("deleting table `{table}`"))(error)),
        }
    }
    live::wait_until(backend, table, waiting, "delete table", |d| d.is_none()).await
}

fn has_index(description: Option<&dynamodel::model::TableDescription>, name: &str) -> bool {
    description
        .and_then(|d| d.global_secondary_indexes.as_ref())
        .is_some_and(|indexes| {
            indexes
                .iter()
                .any(|index| index.index_name.as_deref() == Some(name))
        })
}

async fn update_table<B: Backend>(backend: &B, input: UpdateTableInput, what: &str) -> Result<()> {
    let table = input.table_name.clone();
    backend
        .update_table(input)
        .await
        .map(drop)
        .map_err(Error::backend(format!("{what} on `{table}`")))
}

async fn create_index<B: Backend>(
    backend: &B,
    table: &str,
    index: &IndexSchema,
    waiting: Waiting,
) -> Result<()> {
    let live = existing(backend, table).await?;
    match live.global_indexes.iter().find(|i| i.name == index.name) {
        Some(found)
            if found.partition_key != index.partition_key || found.sort_key != index.sort_key =>
        {
            return Err(Error::Refused(format!(
                "table `{table}` already has an index `{}` with another key; run `plan` to see \
                 the drift",
                index.name
            )));
        }
        Some(_) => {}
        None => {
            // The table's key attributes and the index's, each once.
            let mut with_index = live.clone();
            with_index.global_indexes = vec![index.clone()];
            with_index.local_indexes.clear();
            let input = UpdateTableInput {
                table_name: table.to_owned(),
                attribute_definitions: Some(with_index.attribute_definitions()),
                global_secondary_index_updates: Some(vec![
                    CreateGlobalSecondaryIndexAction {
                        index_name: index.name.clone(),
                        key_schema: index.key_schema(),
                        projection: index.projection.to_model(),
                        provisioned_throughput: index.throughput.map(provisioned),
                    }
                    .into(),
                ]),
                ..UpdateTableInput::default()
            };
            update_table(backend, input, &format!("creating index `{}`", index.name)).await?;
        }
    }
    let what = format!("create index `{}`", index.name);
    live::wait_until(backend, table, waiting, &what, |d| {
        has_index(d, &index.name)
    })
    .await
}

async fn delete_index<B: Backend>(
    backend: &B,
    table: &str,
    index: &str,
    waiting: Waiting,
) -> Result<()> {
    let live = existing(backend, table).await?;
    if live.global_indexes.iter().any(|i| i.name == index) {
        let input = UpdateTableInput {
            table_name: table.to_owned(),
            global_secondary_index_updates: Some(vec![
                DeleteGlobalSecondaryIndexAction {
                    index_name: index.to_owned(),
                }
                .into(),
            ]),
            ..UpdateTableInput::default()
        };
        update_table(backend, input, &format!("deleting index `{index}`")).await?;
    }
    let what = format!("delete index `{index}`");
    live::wait_until(backend, table, waiting, &what, |d| !has_index(d, index)).await
}

async fn update_index_throughput<B: Backend>(
    backend: &B,
    table: &str,
    index: &str,
    to: Throughput,
    waiting: Waiting,
) -> Result<()> {
    let live = existing(backend, table).await?;
    let current = live.global_indexes.iter().find(|i| i.name == index);
    if current.is_none() {
        return Err(Error::Refused(format!(
            "table `{table}` has no index `{index}`; run `plan` to see the drift"
        )));
    }
    if current.and_then(|i| i.throughput) != Some(to) {
        let input = UpdateTableInput {
            table_name: table.to_owned(),
            global_secondary_index_updates: Some(vec![
                UpdateGlobalSecondaryIndexAction {
                    index_name: index.to_owned(),
                    provisioned_throughput: Some(provisioned(to)),
                }
                .into(),
            ]),
            ..UpdateTableInput::default()
        };
        update_table(
            backend,
            input,
            &format!("changing the throughput of `{index}`"),
        )
        .await?;
    }
    let what = format!("index `{index}` throughput");
    live::wait_until(backend, table, waiting, &what, |_| true).await
}

async fn set_billing<B: Backend>(
    backend: &B,
    table: &str,
    to: &Billing,
    index_throughput: &BTreeMap<String, Throughput>,
    waiting: Waiting,
) -> Result<()> {
    let live = existing(backend, table).await?;
    let indexes_match = live.global_indexes.iter().all(|index| {
        index_throughput
            .get(&index.name)
            .is_none_or(|t| index.throughput == Some(*t))
    });
    if live.billing == *to && indexes_match {
        return Ok(());
    }
    let input = match to {
        Billing::OnDemand => UpdateTableInput {
            table_name: table.to_owned(),
            billing_mode: Some(BillingMode::PayPerRequest),
            ..UpdateTableInput::default()
        },
        Billing::Provisioned { read, write } => {
            let updates: Vec<GlobalSecondaryIndexUpdate> = index_throughput
                .iter()
                .filter(|(name, _)| live.global_indexes.iter().any(|i| i.name == **name))
                .map(|(name, t)| {
                    UpdateGlobalSecondaryIndexAction {
                        index_name: name.clone(),
                        provisioned_throughput: Some(provisioned(*t)),
                    }
                    .into()
                })
                .collect();
            UpdateTableInput {
                table_name: table.to_owned(),
                billing_mode: Some(BillingMode::Provisioned),
                provisioned_throughput: Some(provisioned(Throughput {
                    read: *read,
                    write: *write,
                })),
                global_secondary_index_updates: (!updates.is_empty()).then_some(updates),
                ..UpdateTableInput::default()
            }
        }
    };
    update_table(backend, input, "changing the billing").await?;
    live::wait_until(backend, table, waiting, "billing", |_| true).await
}

async fn set_time_to_live<B: Backend>(backend: &B, table: &str, to: Option<&str>) -> Result<()> {
    let current = live::time_to_live(backend, table).await?;
    if current.as_deref() == to {
        return Ok(());
    }
    let mut changes = Vec::new();
    if let Some(current) = current {
        changes.push(TimeToLiveSpecification {
            enabled: false,
            attribute_name: current,
        });
    }
    if let Some(to) = to {
        changes.push(TimeToLiveSpecification {
            enabled: true,
            attribute_name: to.to_owned(),
        });
    }
    for specification in changes {
        let input = UpdateTimeToLiveInput {
            table_name: table.to_owned(),
            time_to_live_specification: specification,
        };
        backend
            .update_time_to_live(input)
            .await
            .map_err(Error::backend(format!(
                "changing the time to live of `{table}`"
            )))?;
    }
    Ok(())
}

async fn set_stream<B: Backend>(
    backend: &B,
    table: &str,
    to: Option<&StreamViewType>,
    waiting: Waiting,
) -> Result<()> {
    let live = existing(backend, table).await?;
    if live.stream.as_ref() == to {
        return Ok(());
    }
    let mut changes = Vec::new();
    if live.stream.is_some() {
        changes.push(StreamSpecification {
            stream_enabled: false,
            stream_view_type: None,
        });
    }
    if let Some(view) = to {
        changes.push(StreamSpecification {
            stream_enabled: true,
            stream_view_type: Some(view.clone()),
        });
    }
    for specification in changes {
        let input = UpdateTableInput {
            table_name: table.to_owned(),
            stream_specification: Some(specification),
            ..UpdateTableInput::default()
        };
        update_table(backend, input, "changing the stream").await?;
        live::wait_until(backend, table, waiting, "stream", |_| true).await?;
    }
    Ok(())
}
