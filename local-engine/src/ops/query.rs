//! `Query`: one partition in sort-key order (descending with `ScanIndexForward = false`),
//! located in O(log n) and read page by page.
//!
//! Order of checks: parameter constraints; unsupported parameters; `Select`; which key
//! parameter is given; the placeholder maps and `ExclusiveStartKey` values; the expression
//! (syntax, placeholders, unused entries, key-condition shape) or the legacy conditions; the
//! table; the terms against the key schema; `ExclusiveStartKey` against the query.

use std::ops::Bound;

use dynamodel::Error;
use dynamodel::model::{ComparisonOperator, QueryInput, QueryOutput, Select};

use super::key_range::{self, KeyRange};
use super::legacy_conditions;
use super::page::{self, Page};
use crate::capacity::{self, Kind};
use crate::engine::Shared;
use crate::expr::{KeyTerm, Placeholders, Uses, check, key_condition};
use crate::messages::unsupported::{self, Feature};
use crate::messages::{self, Layer, Violations};
use crate::validate::{self, value};

pub(crate) fn run(shared: &Shared, input: QueryInput) -> Result<QueryOutput, Error> {
    check_constraints(&input)?;
    unsupported::reject(&[
        (input.index_name.is_some(), Feature::IndexName),
        (input.filter_expression.is_some(), Feature::FilterExpression),
        (
            input.projection_expression.is_some(),
            Feature::ProjectionExpression,
        ),
        (input.query_filter.is_some(), Feature::QueryFilter),
        (input.attributes_to_get.is_some(), Feature::AttributesToGet),
        (
            input.conditional_operator.is_some(),
            Feature::ConditionalOperator,
        ),
    ])?;
    let count_only = select(input.select.as_ref())?;
    let terms = key_terms(shared, &input)?;
    if let Some(start) = &input.exclusive_start_key {
        value::check_item(start, Layer::Current)?;
    }
    let table = super::item_table(shared, &input.table_name)?;
    let schema = &table.definition.key_schema;
    let range = key_range::plan(schema, &terms)?;
    let start = match &input.exclusive_start_key {
        Some(start) => Some(range.start_after(schema, start)?),
        None => None,
    };
    let limit = input.limit.and_then(|l| usize::try_from(l).ok());
    let forward = input.scan_index_forward.unwrap_or(true);
    let page = {
        let data = table.data.read();
        read(&data.items, &range, start, forward, limit, !count_only)
    };
    let consistent = input.consistent_read.unwrap_or(false);
    let units = capacity::read_units(page.bytes, consistent);
    Ok(QueryOutput {
        count: page::count(page.scanned),
        scanned_count: page::count(page.scanned),
        last_evaluated_key: page.last_key.as_ref().map(|k| schema.key_item(k)),
        items: (!count_only).then_some(page.items),
        consumed_capacity: capacity::report(
            input.return_consumed_capacity.as_ref(),
            &input.table_name,
            units,
            Kind::Read,
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
    for (name, condition) in input.key_conditions.iter().flatten() {
        if let ComparisonOperator::Unknown(other) = &condition.comparison_operator {
            let member = format!("keyConditions.{name}.member.comparisonOperator");
            violations.enum_value(other, &member, ComparisonOperator::VALUES);
        }
    }
    violations.finish()
}

/// Whether only a count is wanted.
pub(super) fn select(select: Option<&Select>) -> Result<bool, Error> {
    match select {
        Some(Select::Count) => Ok(true),
        Some(Select::SpecificAttributes) => Err(messages::specific_attributes_without_projection()),
        Some(Select::AllProjectedAttributes) => Err(messages::all_projected_on_table()),
        _ => Ok(false),
    }
}

/// The key condition as terms, from the expression or the legacy parameter.
fn key_terms(shared: &Shared, input: &QueryInput) -> Result<Vec<KeyTerm>, Error> {
    let expression = input.key_condition_expression.as_deref();
    let legacy = input.key_conditions.as_ref();
    if expression.is_some() && legacy.is_some() {
        return Err(messages::mixed_parameters(
            "KeyConditions",
            "KeyConditionExpression",
        ));
    }
    let uses = Uses {
        any_expression: expression.is_some(),
        value_expression: expression.is_some(),
    };
    let mut placeholders = Placeholders::new(
        input.expression_attribute_names.as_ref(),
        input.expression_attribute_values.as_ref(),
        uses,
        Layer::Current,
    )?;
    let Some(source) = expression else {
        let legacy = legacy.ok_or_else(messages::key_condition_missing)?;
        for value in legacy
            .values()
            .flat_map(|c| c.attribute_value_list.iter().flatten())
        {
            value::check_value(value, Layer::Current)?;
        }
        return legacy_conditions::terms(legacy);
    };
    let parsed = shared.expressions.condition(source);
    let invalid = |detail: &str| messages::invalid_expression("KeyConditionExpression", detail);
    let condition = parsed.as_ref().as_ref().map_err(|e| invalid(&e.detail))?;
    check::condition(condition, &mut placeholders).map_err(|detail| invalid(&detail))?;
    placeholders.finish()?;
    key_condition::terms(condition, &placeholders)
}

/// Reads one page of `range` after `start`.
fn read(
    items: &std::collections::BTreeMap<crate::storage::StorageKey, crate::storage::StoredItem>,
    range: &KeyRange,
    start: Option<crate::storage::StorageKey>,
    forward: bool,
    limit: Option<usize>,
    keep_items: bool,
) -> Page {
    let (mut low, mut high) = range.bounds();
    if let Some(start) = start {
        if forward {
            low = Bound::Excluded(start);
        } else {
            high = Bound::Excluded(start);
        }
    }
    if bounds_empty(&low, &high) {
        return Page::default();
    }
    let entries = items.range((low, high));
    if forward {
        page::read(entries, limit, keep_items)
    } else {
        page::read(entries.rev(), limit, keep_items)
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
