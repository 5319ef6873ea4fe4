//! `TransactGetItems`: up to 100 reads from one consistent snapshot.
//!
//! Order of checks: parameter constraints (1 to 100 reads); each read as GetItem checks it
//! (placeholders, key, projection, table, key against the schema); no two reads of one item.
//! Then the read locks of every table involved are taken in ascending table-name order (the
//! order transactions take write locks in), so the reads see no write half done. Capacity is
//! twice a strongly consistent read of each item, per table.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use dynamodel::Error;
use dynamodel::model::{
    ItemResponse, TransactGetItem, TransactGetItemsInput, TransactGetItemsOutput,
};

use super::key_paths::NestedHeads;
use super::selection;
use super::transact_write_items::MAX_ACTIONS;
use crate::capacity::{self, Kind};
use crate::engine::Shared;
use crate::expr::{Placeholders, Projection, Uses};
use crate::messages::{Layer, Violations, transaction as msg};
use crate::storage::{StorageKey, Table, TableData};
use crate::validate::{key, value};

struct Read {
    table: Arc<Table>,
    key: StorageKey,
    projection: Option<Projection>,
}

pub(crate) fn run(
    shared: &Shared,
    input: TransactGetItemsInput,
) -> Result<TransactGetItemsOutput, Error> {
    let mut violations = Violations::new();
    let count = input.transact_items.len();
    if count == 0 {
        violations.min_items("TransactItems", 1);
    } else if count > MAX_ACTIONS {
        violations.max_items("TransactItems", MAX_ACTIONS);
    }
    crate::validate::return_consumed_capacity(
        &mut violations,
        input.return_consumed_capacity.as_ref(),
    );
    violations.finish()?;
    let reads = input
        .transact_items
        .iter()
        .map(|item| prepare(shared, item))
        .collect::<Result<Vec<_>, Error>>()?;
    let mut seen = BTreeSet::new();
    if !reads
        .iter()
        .all(|r| seen.insert((r.table.definition.name.as_str(), &r.key)))
    {
        return Err(msg::one_item_twice());
    }
    let tables: BTreeMap<&str, &Arc<Table>> = reads
        .iter()
        .map(|r| (r.table.definition.name.as_str(), &r.table))
        .collect();
    let guards: BTreeMap<&str, parking_lot::RwLockReadGuard<'_, TableData>> = tables
        .iter()
        .map(|(name, table)| (*name, table.data.read()))
        .collect();
    let hidden: BTreeMap<&str, Option<(String, f64)>> = tables
        .iter()
        .map(|(name, table)| (*name, crate::ttl::hidden(shared, table)))
        .collect();
    let mut units_by_table: BTreeMap<&str, f64> = BTreeMap::new();
    let mut responses = Vec::with_capacity(reads.len());
    for read in &reads {
        let name = read.table.definition.name.as_str();
        let hide = hidden.get(name).and_then(Option::as_ref);
        let found = crate::ttl::read(hide, guards.get(name).and_then(|d| d.items.get(&read.key)))?;
        let units = capacity::read_units(found.as_ref().map_or(0, |(_, size)| *size), true);
        *units_by_table.entry(name).or_default() += 2.0 * units;
        let item = found.map(|(item, _)| match &read.projection {
            Some(projection) => projection.apply(&item),
            None => item,
        });
        responses.push(ItemResponse { item });
    }
    drop(guards);
    let consumed: Option<Vec<_>> = units_by_table
        .iter()
        .map(|(name, units)| {
            capacity::report_transactional(
                input.return_consumed_capacity.as_ref(),
                name,
                *units,
                Kind::Read,
            )
        })
        .collect();
    Ok(TransactGetItemsOutput {
        consumed_capacity: consumed,
        responses: Some(responses),
    })
}

fn prepare(shared: &Shared, item: &TransactGetItem) -> Result<Read, Error> {
    let get = &item.get;
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &get.table_name);
    violations.finish()?;
    let mut placeholders = Placeholders::new(
        get.expression_attribute_names.as_ref(),
        None,
        Uses {
            any_expression: get.projection_expression.is_some(),
            value_expression: false,
        },
        Layer::Current,
    )?;
    value::check_item(&get.key, Layer::Current)?;
    let projection = selection::projection(
        shared,
        get.projection_expression.as_deref(),
        None,
        &mut placeholders,
    )?;
    placeholders.finish()?;
    let table = super::item_table(shared, &get.table_name)?;
    let storage_key = key::key_map(&table.definition.key_schema, &get.key)?;
    NestedHeads::new()
        .projection(projection.as_ref())
        .reject_keys(&table)?;
    Ok(Read {
        table,
        key: storage_key,
        projection,
    })
}
