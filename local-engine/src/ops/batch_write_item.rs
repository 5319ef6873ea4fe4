//! `BatchWriteItem`: up to 25 puts and deletes over one or more tables, each applied on its
//! own (no conditions, no atomicity across items).
//!
//! Order of checks: `RequestItems` not empty and 1 to 25 writes per table; at most 25 writes
//! in all; each write has exactly one of `PutRequest`/`DeleteRequest`; its values; the tables;
//! the keys against the schemas; no two writes of one item; item sizes. Then the batch takes
//! every table's write lock (in name order) and checks the item collection limits of the whole
//! batch. Nothing is written unless the whole batch is valid. The engine never throttles, so
//! `UnprocessedItems` is always empty.

use std::collections::{BTreeMap, BTreeSet};

use dynamodel::Error;
use dynamodel::model::{BatchWriteItemInput, BatchWriteItemOutput, WriteRequest};

use crate::capacity::{self, Consumed};
use crate::engine::Shared;
use crate::messages::{self, Layer, Violations, batch as msg};
use crate::size::{MAX_ITEM_BYTES, item_size};
use crate::storage::item_collections;
use crate::storage::{KeyValue, StorageKey, StoredItem};
use crate::validate::{self, key, value};

/// At most this many writes in one batch.
pub(crate) const MAX_WRITES: usize = 25;

enum Write {
    Put(StoredItem),
    Delete,
}

impl Write {
    /// The item the write stores (`None` for a delete).
    fn stored(&self) -> Option<&StoredItem> {
        match self {
            Write::Put(stored) => Some(stored),
            Write::Delete => None,
        }
    }
}

pub(crate) fn run(
    shared: &Shared,
    input: BatchWriteItemInput,
) -> Result<BatchWriteItemOutput, Error> {
    check_constraints(&input)?;
    let total: usize = input.request_items.values().map(Vec::len).sum();
    if total > MAX_WRITES {
        return Err(msg::too_many_writes());
    }
    for request in input.request_items.values().flatten() {
        match (&request.put_request, &request.delete_request) {
            (Some(put), None) => value::check_item(&put.item, Layer::Current)?,
            (None, Some(delete)) => value::check_item(&delete.key, Layer::Current)?,
            _ => return Err(msg::one_request_per_write()),
        }
    }
    let mut plans = Vec::with_capacity(input.request_items.len());
    for (name, requests) in &input.request_items {
        let table = super::item_table(shared, name)?;
        let schema = &table.definition.key_schema;
        let mut seen = BTreeSet::new();
        let mut writes: Vec<(StorageKey, Write)> = Vec::with_capacity(requests.len());
        for request in requests {
            let (storage_key, write) = prepare(schema, request)?;
            if let Some(put) = request
                .put_request
                .as_ref()
                .filter(|_| write.stored().is_some())
            {
                table.data.read().check_index_keys(&put.item)?;
            }
            if !seen.insert(storage_key.clone()) {
                return Err(msg::duplicate_keys());
            }
            writes.push((storage_key, write));
        }
        plans.push((name, table, writes));
    }
    // Every table's write lock, in name order (see `transact_write_items`), so the item
    // collection limits are checked for the whole batch before anything is written.
    let mut locked: Vec<_> = plans
        .iter()
        .map(|(name, table, writes)| (*name, table, table.data.write(), writes))
        .collect();
    for (_, _, data, writes) in &locked {
        data.check_collections(writes.iter().map(|(key, write)| (key, write.stored())))?;
    }
    let metrics_requested =
        item_collections::requested(input.return_item_collection_metrics.as_ref());
    let mut consumed = Vec::new();
    let mut metrics = BTreeMap::new();
    for (name, table, data, writes) in &mut locked {
        let mut units = Consumed::default();
        let mut partitions: Vec<&KeyValue> = Vec::new();
        for (storage_key, write) in writes.iter() {
            let new = write.stored().cloned();
            let new_size = new.as_ref().map_or(0, |n| n.size);
            let written = data.write(storage_key.clone(), new)?;
            let table_units =
                capacity::write_units(written.old.map_or(0, |o| o.size).max(new_size));
            units.add(&Consumed::write(
                table_units,
                &data.indexes,
                &written.entries,
            ));
            if !partitions.contains(&&storage_key.partition) {
                partitions.push(&storage_key.partition);
            }
        }
        let hash = &table.definition.key_schema.hash;
        let table_metrics: Vec<_> = partitions
            .into_iter()
            .filter(|_| metrics_requested)
            .filter_map(|partition| data.collection_metrics(hash, partition))
            .collect();
        if !table_metrics.is_empty() {
            metrics.insert((*name).clone(), table_metrics);
        }
        consumed.extend(capacity::report(
            input.return_consumed_capacity.as_ref(),
            name,
            units,
        ));
    }
    drop(locked);
    Ok(BatchWriteItemOutput {
        unprocessed_items: Some(BTreeMap::new()),
        item_collection_metrics: (!metrics.is_empty()).then_some(metrics),
        consumed_capacity: input
            .return_consumed_capacity
            .as_ref()
            .and_then(|_| (!consumed.is_empty()).then_some(consumed)),
    })
}

fn prepare(
    schema: &crate::storage::KeySchema,
    request: &WriteRequest,
) -> Result<(StorageKey, Write), Error> {
    if let Some(put) = &request.put_request {
        let storage_key = key::item_key(schema, &put.item)?;
        let size = item_size(&put.item);
        if size > MAX_ITEM_BYTES {
            return Err(messages::item_too_large());
        }
        let stored = StoredItem::new(&put.item, size);
        return Ok((storage_key, Write::Put(stored)));
    }
    match &request.delete_request {
        Some(delete) => Ok((key::key_map(schema, &delete.key)?, Write::Delete)),
        None => Err(msg::one_request_per_write()),
    }
}

fn check_constraints(input: &BatchWriteItemInput) -> Result<(), Error> {
    if input.request_items.is_empty() {
        return Err(messages::enveloped(msg::EMPTY_REQUEST_ITEMS));
    }
    if input
        .request_items
        .values()
        .any(|writes| writes.is_empty() || writes.len() > MAX_WRITES)
    {
        return Err(messages::enveloped(msg::WRITES_PER_TABLE));
    }
    let mut violations = Violations::new();
    for name in input.request_items.keys() {
        super::check_table_name(&mut violations, name);
    }
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    validate::return_item_collection_metrics(
        &mut violations,
        input.return_item_collection_metrics.as_ref(),
    );
    violations.finish()
}
