//! `Query`: one partition in sort-key order (descending with `ScanIndexForward = false`),
//! located in O(log n) and read page by page, then filtered and projected.
//!
//! Order of checks: parameter constraints; `Select` against the
//! projection; mixed legacy and expression parameters; the placeholder maps; the filter, the
//! projection and the key condition, each completely (or their legacy forms); unused
//! placeholders; `ExclusiveStartKey` values; the table; a filter on key attributes (of the
//! table); paths into key attributes; the key condition against the key schema; on an index,
//! the index's filter and projection rules; `ExclusiveStartKey` against the query.

use std::collections::BTreeMap;
use std::ops::Bound;

use dynamodel::Error;
use dynamodel::model::{QueryInput, QueryOutput, Select};

use super::index_definitions::MAX_KEY_PARTS;
use super::index_read::{self, IndexRange};
use super::index_selection::{self, FilterSource};
use super::key_paths::NestedHeads;
use super::key_range;
use super::legacy_conditions;
use super::page::{self, Page, Reader};
use super::selection;
use crate::capacity::{self, Consumed};
use crate::engine::Shared;
use crate::expr::{KeyTerm, Placeholders, Uses, check, key_condition, legacy};
use crate::messages::{self, Layer, Violations};
use crate::storage::StoredItem;
use crate::storage::index::IndexPosition;
use crate::validate::{self, value};

pub(crate) fn run(shared: &Shared, input: QueryInput) -> Result<QueryOutput, Error> {
    check_constraints(&input)?;
    let projection_parameter = selection::projection_parameter(
        input.projection_expression.as_deref(),
        input.attributes_to_get.as_deref(),
    );
    let count_only = selection::count_only(
        input.select.as_ref(),
        projection_parameter,
        input.index_name.is_some(),
    )?;
    super::reject_mixed(
        Layer::Current,
        &[
            (input.attributes_to_get.is_some(), "AttributesToGet"),
            (input.query_filter.is_some(), "QueryFilter"),
            (input.conditional_operator.is_some(), "ConditionalOperator"),
            (input.key_conditions.is_some(), "KeyConditions"),
        ],
        &[
            (
                input.projection_expression.is_some(),
                "ProjectionExpression",
            ),
            (input.filter_expression.is_some(), "FilterExpression"),
            (
                input.key_condition_expression.is_some(),
                "KeyConditionExpression",
            ),
        ],
    )?;
    let has_values = input.key_condition_expression.is_some() || input.filter_expression.is_some();
    let uses = Uses {
        any_expression: has_values || input.projection_expression.is_some(),
        value_expression: has_values,
    };
    let mut placeholders = Placeholders::new(
        input.expression_attribute_names.as_ref(),
        input.expression_attribute_values.as_ref(),
        uses,
        Layer::Current,
    )?;
    let filter = match input.filter_expression.as_deref() {
        Some(source) => selection::filter(shared, Some(source), &mut placeholders)?,
        None => legacy::filter(
            input.query_filter.as_ref(),
            input.conditional_operator.as_ref(),
            Layer::Current,
        )?,
    };
    let projection = selection::projection(
        shared,
        input.projection_expression.as_deref(),
        input.attributes_to_get.as_deref(),
        &mut placeholders,
    )?;
    let terms = key_terms(shared, &input, &mut placeholders)?;
    placeholders.finish()?;
    if let Some(start) = &input.exclusive_start_key {
        value::check_item(start, Layer::Current)?;
    }
    let table = super::item_table(shared, &input.table_name)?;
    let schema = &table.definition.key_schema;
    if input.index_name.is_none() {
        // On an index, the index's key rules apply instead (see `index_selection`).
        if input.filter_expression.is_some() {
            selection::reject_key_paths(filter.as_ref(), schema)?;
        }
        selection::reject_key_conditions(input.query_filter.as_ref(), schema)?;
    }
    NestedHeads::new()
        .condition(filter.as_ref())
        .projection(projection.as_ref())
        .reject_keys(&table)?;
    let limit = input.limit.and_then(|l| usize::try_from(l).ok());
    let forward = input.scan_index_forward.unwrap_or(true);
    let hidden = crate::ttl::hidden(shared, &table);
    let reader = Reader {
        filter: filter.as_ref(),
        projection: projection.as_ref(),
        keep_items: !count_only,
    };
    let data = table.data.read();
    // Reads of an index are charged to the index.
    let (page, last_evaluated_key, charged_to) = match input.index_name.as_deref() {
        None => {
            let range = key_range::plan(schema, &terms)?;
            let start = match &input.exclusive_start_key {
                Some(start) => Some(range.start_after(schema, start)?),
                None => None,
            };
            let bounds = range.bounds();
            let page = read(
                &data.items,
                bounds,
                start,
                forward,
                limit,
                hidden.as_ref(),
                |_, e| Some(e),
            )?;
            let last = page.last_key.as_ref().map(|k| schema.key_item(k));
            (page.without_key(), last, None)
        }
        Some(name) => {
            let index = index_read::resolve(
                &data,
                &input.table_name,
                name,
                input.consistent_read,
                input.select.as_ref(),
                shared.clock.now(),
            )?;
            let range = IndexRange::plan(&index.key, &terms)?;
            let source = if input.query_filter.is_some() {
                FilterSource::QueryFilter
            } else {
                FilterSource::Expression
            };
            index_selection::check_query(index, filter.as_ref(), source, projection.as_ref())?;
            let start = match &input.exclusive_start_key {
                Some(start) => {
                    let position = index_read::start_position(index, start)?;
                    if !range.holds(&position) {
                        return Err(messages::start_key::outside_partition());
                    }
                    Some(position)
                }
                None => None,
            };
            let fetch =
                index_read::fetches_from_table(index, input.select.as_ref(), projection.as_ref());
            let items = &data.items;
            let lookup = |position: &IndexPosition, entry| {
                index_read::item_of(items, fetch, position, entry)
            };
            let bounds = range.bounds();
            let page = read(
                &index.entries,
                bounds,
                start,
                forward,
                limit,
                hidden.as_ref(),
                lookup,
            )?;
            let last = page
                .last_key
                .as_ref()
                .map(|p| index_read::last_key(index, p));
            let charged_to = Some((index.scope, index.name.clone()));
            (page.without_key(), last, charged_to)
        }
    };
    drop(data);
    // Decoded, filtered and projected with the lock released.
    let matched = page.evaluate(reader)?;
    let consistent = input.consistent_read.unwrap_or(false);
    let units = capacity::read_units(page.bytes, consistent);
    Ok(QueryOutput {
        count: page::count(matched.matched),
        scanned_count: page::count(matched.scanned),
        last_evaluated_key,
        items: (!count_only).then_some(matched.items),
        consumed_capacity: capacity::report(
            input.return_consumed_capacity.as_ref(),
            &input.table_name,
            Consumed::read(charged_to, units),
        ),
    })
}

fn check_constraints(input: &QueryInput) -> Result<(), Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    if input.limit.is_some_and(|limit| limit < 1) {
        violations.min_value_unechoed("Limit", 1);
    }
    if let Some(Select::Unknown(other)) = &input.select {
        violations.enum_value(other, "select", Select::VALUES);
    }
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    validate::attributes_to_get(&mut violations, input.attributes_to_get.as_deref());
    validate::conditional_operator(&mut violations, input.conditional_operator.as_ref());
    for (map, conditions) in [
        ("keyConditions", &input.key_conditions),
        ("queryFilter", &input.query_filter),
    ] {
        validate::comparison_operators(
            &mut violations,
            map,
            conditions
                .iter()
                .flatten()
                .map(|(name, c)| (name, Some(&c.comparison_operator))),
        );
    }
    violations.finish()
}

/// The key condition as terms, from the expression or the legacy parameter.
fn key_terms(
    shared: &Shared,
    input: &QueryInput,
    placeholders: &mut Placeholders<'_>,
) -> Result<Vec<KeyTerm>, Error> {
    // A table key has two attributes; a multi-attribute index key up to eight (the index
    // checks its own count once it is known).
    let max_terms = if input.index_name.is_some() {
        2 * MAX_KEY_PARTS
    } else {
        2
    };
    let Some(source) = input.key_condition_expression.as_deref() else {
        let legacy = input
            .key_conditions
            .as_ref()
            .ok_or_else(messages::key_condition_missing)?;
        for value in legacy
            .values()
            .flat_map(|c| c.attribute_value_list.iter().flatten())
        {
            value::check_value(value, Layer::Current)?;
        }
        return legacy_conditions::terms(legacy, max_terms);
    };
    let parsed = shared.expressions.condition(source);
    super::expression("KeyConditionExpression", source, Layer::Current, || {
        let condition = parsed.as_ref().as_ref().map_err(|e| e.detail.clone())?;
        check::condition(condition, placeholders).map(drop)
    })?;
    match parsed.as_ref() {
        Ok(condition) => key_condition::terms(condition, placeholders, max_terms),
        Err(e) => Err(messages::invalid_expression(
            "KeyConditionExpression",
            &e.detail,
        )),
    }
}

/// Reads one page of the positions within `bounds`, after `start`; `lookup` picks the item to
/// read at each position (a local index may read the table's item instead of its entry).
fn read<'a, K: Ord + Clone>(
    entries: &'a BTreeMap<K, StoredItem>,
    (mut low, mut high): (Bound<K>, Bound<K>),
    start: Option<K>,
    forward: bool,
    limit: Option<usize>,
    hidden: Option<&(String, f64)>,
    lookup: impl Fn(&'a K, &'a StoredItem) -> Option<&'a StoredItem>,
) -> Result<Page<K>, Error> {
    if let Some(start) = start {
        if forward {
            low = Bound::Excluded(start);
        } else {
            high = Bound::Excluded(start);
        }
    }
    if bounds_empty(&low, &high) {
        return Ok(Page::default());
    }
    let entries = entries.range((low, high));
    let pick = |(key, entry)| Some((key, lookup(key, entry)?));
    if forward {
        page::read(entries.filter_map(pick), limit, hidden)
    } else {
        page::read(entries.rev().filter_map(pick), limit, hidden)
    }
}

/// Whether `(low, high)` selects nothing (`BTreeMap::range` panics on inverted bounds).
fn bounds_empty<T: Ord>(low: &Bound<T>, high: &Bound<T>) -> bool {
    match (low, high) {
        (Bound::Included(l), Bound::Included(h)) => l > h,
        (Bound::Included(l), Bound::Excluded(h))
        | (Bound::Excluded(l), Bound::Included(h))
        | (Bound::Excluded(l), Bound::Excluded(h)) => l >= h,
        _ => false,
    }
}
