//! The index members of a table description.

use std::time::SystemTime;

use dynamodel::model::{
    BillingMode, GlobalSecondaryIndexDescription, IndexStatus, LocalSecondaryIndexDescription,
    ProvisionedThroughputDescription,
};

use super::index::{Index, IndexScope};
use super::table::TableSettings;

fn count(n: usize) -> Option<i64> {
    Some(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `LocalSecondaryIndexes`, or `None` when the table has none.
pub(super) fn local_indexes(indexes: &[Index]) -> Option<Vec<LocalSecondaryIndexDescription>> {
    let described: Vec<_> = indexes
        .iter()
        .filter(|i| i.scope == IndexScope::Local)
        .map(|index| LocalSecondaryIndexDescription {
            index_name: Some(index.name.clone()),
            key_schema: Some(index.key_schema_elements.clone()),
            projection: Some(index.projection.clone()),
            index_size_bytes: count(index.size_bytes),
            item_count: count(index.entries.len()),
            index_arn: Some(index.arn.clone()),
        })
        .collect();
    (!described.is_empty()).then_some(described)
}

/// `GlobalSecondaryIndexes`, or `None` when the table has none. An index still being created
/// reports `CREATING` and `Backfilling: true` (AWS API reference, *GlobalSecondaryIndex
/// Description*), and no size or item count yet (as DynamoDB Local). Every global index
/// carries `ProvisionedThroughput`, zeros on an on-demand table (AWS API reference,
/// *ProvisionedThroughput*: "If read/write capacity mode is PAY_PER_REQUEST the value is set
/// to 0").
pub(super) fn global_indexes(
    indexes: &[Index],
    settings: &TableSettings,
    now: SystemTime,
) -> Option<Vec<GlobalSecondaryIndexDescription>> {
    let on_demand = settings.billing_mode == BillingMode::PayPerRequest;
    let described: Vec<_> = indexes
        .iter()
        .filter(|i| i.scope == IndexScope::Global)
        .map(|index| {
            let active = index.is_active(now);
            let (read, write) = index.throughput.unwrap_or((0, 0));
            GlobalSecondaryIndexDescription {
                index_name: Some(index.name.clone()),
                key_schema: Some(index.key_schema_elements.clone()),
                projection: Some(index.projection.clone()),
                index_status: Some(if active {
                    IndexStatus::Active
                } else {
                    IndexStatus::Creating
                }),
                backfilling: (!active).then_some(true),
                provisioned_throughput: Some(ProvisionedThroughputDescription {
                    read_capacity_units: Some(if on_demand { 0 } else { read }),
                    write_capacity_units: Some(if on_demand { 0 } else { write }),
                    number_of_decreases_today: Some(0),
                    last_increase_date_time: None,
                    last_decrease_date_time: None,
                }),
                index_size_bytes: active.then(|| count(index.size_bytes)).flatten(),
                item_count: active.then(|| count(index.entries.len())).flatten(),
                index_arn: Some(index.arn.clone()),
            }
        })
        .collect();
    (!described.is_empty()).then_some(described)
}

/// The description of a global index UpdateTable has just deleted: `DELETING`, empty. The
/// engine drops the index at once, so only UpdateTable's own answer lists it (DynamoDB and
/// DynamoDB Local list it as `DELETING` until it is gone).
pub(crate) fn deleting_index(index: &Index) -> GlobalSecondaryIndexDescription {
    GlobalSecondaryIndexDescription {
        index_name: Some(index.name.clone()),
        key_schema: Some(index.key_schema_elements.clone()),
        projection: Some(index.projection.clone()),
        index_status: Some(IndexStatus::Deleting),
        backfilling: None,
        provisioned_throughput: None,
        index_size_bytes: Some(0),
        item_count: Some(0),
        index_arn: Some(index.arn.clone()),
    }
}
