//! `BatchGetItem`: up to 100 keys over one or more tables, each table with its own
//! projection and consistency.
//!
//! Order of checks: `RequestItems` not empty; at most 100 keys in all; per table: the
//! projection parameters (not mixed, placeholders), the keys' values, the table, the keys
//! against the schema, no key twice. Then each table is read under its read lock, tables in
//! name order and keys in request order. A response stops growing at 16 MB of items read
//! (always at least one item): the keys not read yet are returned in `UnprocessedKeys` with
//! their table's settings. Capacity is a GetItem's per key (each item rounded up alone).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use dynamodel::model::{BatchGetItemInput, BatchGetItemOutput, KeysAndAttributes};
use dynamodel::{Error, Item};

use super::key_paths::NestedHeads;
use super::selection;
use crate::capacity;
use crate::engine::Shared;
use crate::expr::{Placeholders, Projection, Uses};
use crate::messages::{self, Layer, Violations, batch as msg};
use crate::storage::{StorageKey, Table};
use crate::validate::{self, key, value};

/// At most this many keys in one batch.
pub(crate) const MAX_KEYS: usize = 100;
/// A response holds at most this many bytes of items.
pub(crate) const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

struct TableRead<'a> {
    name: &'a str,
    request: &'a KeysAndAttributes,
    table: Arc<Table>,
    keys: Vec<StorageKey>,
    projection: Option<Projection>,
}

pub(crate) fn run(shared: &Shared, input: BatchGetItemInput) -> Result<BatchGetItemOutput, Error> {
    if input.request_items.is_empty() {
        return Err(messages::enveloped(msg::EMPTY_REQUEST_ITEMS));
    }
    let mut violations = Violations::new();
    for name in input.request_items.keys() {
        super::check_table_name(&mut violations, name);
    }
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    for (name, request) in &input.request_items {
        if request.keys.is_empty() {
            violations.min_items(&format!("requestItems.{name}.member.keys"), 1);
        }
        validate::attributes_to_get(&mut violations, request.attributes_to_get.as_deref());
    }
    violations.finish()?;
    let total: usize = input.request_items.values().map(|r| r.keys.len()).sum();
    if total > MAX_KEYS {
        return Err(msg::too_many_keys());
    }
    let reads = input
        .request_items
        .iter()
        .map(|(name, request)| prepare(shared, name, request))
        .collect::<Result<Vec<_>, Error>>()?;
    let mut responses: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut unprocessed: BTreeMap<String, KeysAndAttributes> = BTreeMap::new();
    let mut consumed = Vec::new();
    let mut bytes = 0usize;
    let mut returned_any = false;
    for read in &reads {
        let consistent = read.request.consistent_read.unwrap_or(false);
        let mut units = 0.0;
        let mut found = Vec::new();
        let mut left = Vec::new();
        let hidden = crate::ttl::hidden(shared, &read.table);
        {
            let data = read.table.data.read();
            for (storage_key, request_key) in read.keys.iter().zip(&read.request.keys) {
                let stored = crate::ttl::read(hidden.as_ref(), data.items.get(storage_key))?;
                let size = stored.as_ref().map_or(0, |(_, size)| *size);
                let full = bytes.saturating_add(size) > MAX_RESPONSE_BYTES;
                if !left.is_empty() || (full && returned_any) {
                    left.push(request_key.clone());
                    continue;
                }
                units += capacity::read_units(size, consistent);
                if let Some((item, _)) = stored {
                    bytes = bytes.saturating_add(size);
                    returned_any = true;
                    found.push(match &read.projection {
                        Some(projection) => projection.apply(&item),
                        None => item,
                    });
                }
            }
        }
        if !left.is_empty() {
            let mut rest = read.request.clone();
            rest.keys = left;
            unprocessed.insert(read.name.to_owned(), rest);
        }
        responses.insert(read.name.to_owned(), found);
        consumed.extend(capacity::report(
            input.return_consumed_capacity.as_ref(),
            read.name,
            units,
        ));
    }
    Ok(BatchGetItemOutput {
        responses: Some(responses),
        unprocessed_keys: Some(unprocessed),
        consumed_capacity: (!consumed.is_empty()).then_some(consumed),
    })
}

fn prepare<'a>(
    shared: &Shared,
    name: &'a str,
    request: &'a KeysAndAttributes,
) -> Result<TableRead<'a>, Error> {
    super::reject_mixed(
        Layer::Current,
        &[(request.attributes_to_get.is_some(), "AttributesToGet")],
        &[(
            request.projection_expression.is_some(),
            "ProjectionExpression",
        )],
    )?;
    let mut placeholders = Placeholders::new(
        request.expression_attribute_names.as_ref(),
        None,
        Uses {
            any_expression: request.projection_expression.is_some(),
            value_expression: false,
        },
        Layer::Current,
    )?;
    for key in &request.keys {
        value::check_item(key, Layer::Current)?;
    }
    let projection = selection::projection(
        shared,
        request.projection_expression.as_deref(),
        request.attributes_to_get.as_deref(),
        &mut placeholders,
    )?;
    placeholders.finish()?;
    let table = super::item_table(shared, name)?;
    let schema = &table.definition.key_schema;
    let keys = request
        .keys
        .iter()
        .map(|k| key::key_map(schema, k))
        .collect::<Result<Vec<_>, Error>>()?;
    let mut seen = BTreeSet::new();
    if !keys.iter().all(|k| seen.insert(k)) {
        return Err(msg::duplicate_keys());
    }
    NestedHeads::new()
        .projection(projection.as_ref())
        .reject_keys(&table)?;
    Ok(TableRead {
        name,
        request,
        table,
        keys,
        projection,
    })
}
