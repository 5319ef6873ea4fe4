//! `BatchWriteItem`: up to 25 puts and deletes over one or more tables, each applied on its
//! own (no conditions, no atomicity across items).
//!
//! Order of checks: `RequestItems` not empty and 1 to 25 writes per table; at most 25 writes
//! in all; each write has exactly one of `PutRequest`/`DeleteRequest`; its values; the tables;
//! the keys against the schemas; no two writes of one item; item sizes. Nothing is written
//! unless the whole batch is valid. Then each table's writes are applied under that table's
//! write lock (tables one after another, in name order). The engine never throttles, so
//! `UnprocessedItems` is always empty.

use std::collections::{BTreeMap, BTreeSet};

use dynamodel::Error;
use dynamodel::model::{BatchWriteItemInput, BatchWriteItemOutput, WriteRequest};

use crate::capacity;
use crate::engine::Shared;
use crate::messages::{self, Layer, Violations, batch as msg};
use crate::size::{MAX_ITEM_BYTES, item_size};
use crate::storage::{StorageKey, StoredItem};
use crate::validate::{self, key, value};

/// At most this many writes in one batch.
pub(crate) const MAX_WRITES: usize = 25;

enum Write {
    Put(StoredItem),
    Delete,
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
            if let Write::Put(stored) = &write {
                table.data.read().check_index_keys(&stored.item)?;
            }
            if !seen.insert(storage_key.clone()) {
                return Err(msg::duplicate_keys());
            }
            writes.push((storage_key, write));
        }
        plans.push((name, table, writes));
    }
    let mut consumed = Vec::new();
    for (name, table, writes) in plans {
        let mut units = 0.0;
        let mut data = table.data.write();
        for (storage_key, write) in writes {
            let (old, new) = match write {
                Write::Put(stored) => {
                    let size = stored.size;
                    (data.put(storage_key, stored), size)
                }
                Write::Delete => (data.delete(&storage_key), 0),
            };
            units += capacity::write_units(old.map_or(0, |o| o.size).max(new));
        }
        drop(data);
        consumed.extend(capacity::report(
            input.return_consumed_capacity.as_ref(),
            name,
            units,
        ));
    }
    Ok(BatchWriteItemOutput {
        unprocessed_items: Some(BTreeMap::new()),
        item_collection_metrics: None,
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
        let stored = StoredItem {
            item: put.item.clone(),
            size,
        };
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
