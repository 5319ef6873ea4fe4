//! `Scan`: the whole table in stored-key order (partitions by hash, then sort key), page by
//! page, optionally one segment of a parallel scan; filtered and projected like Query (a Scan
//! filter may read key attributes).
//!
//! Segments split the 64-bit partition-hash space into `TotalSegments` contiguous ranges:
//! segment `i` holds the hashes in `[i * 2^64 / n, (i + 1) * 2^64 / n)`. The ranges are
//! disjoint, cover the whole space, and keep every partition in one segment.

use std::collections::BTreeMap;
use std::ops::Bound;

use dynamodel::Error;
use dynamodel::model::{ScanInput, ScanOutput, Select};

use super::key_paths::NestedHeads;
use super::page::{self, Page, Reader};
use super::selection;
use super::{index_read, index_selection};
use crate::capacity::{self, Consumed};
use crate::engine::Shared;
use crate::expr::{Placeholders, Uses, legacy};
use crate::messages::{self, Layer, Violations, start_key};
use crate::storage::index::IndexPosition;
use crate::storage::{StorageKey, StoredItem};
use crate::validate::{self, key, value};

/// The most segments a parallel scan may have.
const MAX_SEGMENTS: i32 = 1_000_000;

pub(crate) fn run(shared: &Shared, input: ScanInput) -> Result<ScanOutput, Error> {
    check_constraints(&input)?;
    let segment = segment(input.segment, input.total_segments)?;
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
        Layer::Older,
        &[
            (input.attributes_to_get.is_some(), "AttributesToGet"),
            (input.scan_filter.is_some(), "ScanFilter"),
            (input.conditional_operator.is_some(), "ConditionalOperator"),
        ],
        &[
            (
                input.projection_expression.is_some(),
                "ProjectionExpression",
            ),
            (input.filter_expression.is_some(), "FilterExpression"),
        ],
    )?;
    let uses = Uses {
        any_expression: input.filter_expression.is_some() || input.projection_expression.is_some(),
        value_expression: input.filter_expression.is_some(),
    };
    let mut placeholders = Placeholders::new(
        input.expression_attribute_names.as_ref(),
        input.expression_attribute_values.as_ref(),
        uses,
        Layer::Older,
    )?;
    let filter = match input.filter_expression.as_deref() {
        Some(source) => selection::filter(shared, Some(source), &mut placeholders)?,
        None => legacy::filter(
            input.scan_filter.as_ref(),
            input.conditional_operator.as_ref(),
            Layer::Older,
        )?,
    };
    let projection = selection::projection(
        shared,
        input.projection_expression.as_deref(),
        input.attributes_to_get.as_deref(),
        &mut placeholders,
    )?;
    placeholders.finish()?;
    if let Some(start) = &input.exclusive_start_key {
        value::check_item(start, Layer::Older)?;
    }
    let table = super::item_table(shared, &input.table_name)?;
    let schema = &table.definition.key_schema;
    NestedHeads::new()
        .condition(filter.as_ref())
        .projection(projection.as_ref())
        .reject_keys(&table)?;
    let (segment_start, segment_end) = segment;
    let limit = input.limit.and_then(|l| usize::try_from(l).ok());
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
            let start = match &input.exclusive_start_key {
                Some(start) => Some(key::start_key(schema, start, start_key::invalid)?),
                None => None,
            };
            let bounds = segment_bounds(StorageKey::hash_floor, segment_start, segment_end, start);
            let page = read(&data.items, bounds, limit, hidden.as_ref(), |_, e| Some(e))?;
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
            index_selection::check_projection(index, projection.as_ref())?;
            let start = match &input.exclusive_start_key {
                Some(start) => Some(index_read::start_position(index, start)?),
                None => None,
            };
            let fetch =
                index_read::fetches_from_table(index, input.select.as_ref(), projection.as_ref());
            let items = &data.items;
            let lookup = |position: &IndexPosition, entry| {
                index_read::item_of(items, fetch, position, entry)
            };
            let bounds =
                segment_bounds(IndexPosition::hash_floor, segment_start, segment_end, start);
            let page = read(&index.entries, bounds, limit, hidden.as_ref(), lookup)?;
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
    let units = capacity::read_units(page.bytes, input.consistent_read.unwrap_or(false));
    Ok(ScanOutput {
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

fn check_constraints(input: &ScanInput) -> Result<(), Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    if input.limit.is_some_and(|limit| limit < 1) {
        violations.min_value_unechoed("Limit", 1);
    }
    // Unlike `Limit`, these constraints name the member in camel case and echo the value
    // (DynamoDB Local 3.3.0).
    if let Some(segment) = input.segment.filter(|segment| *segment < 0) {
        violations.min_value(i64::from(segment), "segment", 0);
    }
    if let Some(total) = input.total_segments {
        if total < 1 {
            violations.min_value(i64::from(total), "totalSegments", 1);
        }
        if total > MAX_SEGMENTS {
            violations.max_value(i64::from(total), "totalSegments", i64::from(MAX_SEGMENTS));
        }
    }
    if let Some(Select::Unknown(other)) = &input.select {
        violations.enum_value(other, "select", Select::VALUES);
    }
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    validate::attributes_to_get(&mut violations, input.attributes_to_get.as_deref());
    validate::conditional_operator(&mut violations, input.conditional_operator.as_ref());
    validate::comparison_operators(
        &mut violations,
        "scanFilter",
        input
            .scan_filter
            .iter()
            .flatten()
            .map(|(name, c)| (name, Some(&c.comparison_operator))),
    );
    violations.finish()
}

/// The positions of a segment `[start, end)` of the hash space, after `after` when it lies in
/// the segment; `floor` is the first position of a hash.
fn segment_bounds<K: Ord>(
    floor: fn(u64) -> K,
    start: u64,
    end: Option<u64>,
    after: Option<K>,
) -> (Bound<K>, Bound<K>) {
    let low = match after {
        Some(after) if after >= floor(start) => Bound::Excluded(after),
        _ => Bound::Included(floor(start)),
    };
    let high = match end {
        Some(end) => Bound::Excluded(floor(end)),
        None => Bound::Unbounded,
    };
    (low, high)
}

/// Reads one page of the positions within `(low, high)`; `lookup` picks the item to read at
/// each position (a local index may read the table's item instead of its entry).
fn read<'a, K: Ord + Clone>(
    entries: &'a BTreeMap<K, StoredItem>,
    (low, high): (Bound<K>, Bound<K>),
    limit: Option<usize>,
    hidden: Option<&(String, f64)>,
    lookup: impl Fn(&'a K, &'a StoredItem) -> Option<&'a StoredItem>,
) -> Result<Page<K>, Error> {
    let empty = match (&low, &high) {
        (Bound::Excluded(l), Bound::Excluded(h)) | (Bound::Included(l), Bound::Excluded(h)) => {
            l >= h
        }
        _ => false,
    };
    if empty {
        return Ok(Page::default());
    }
    let entries = entries
        .range((low, high))
        .filter_map(|(key, entry)| Some((key, lookup(key, entry)?)));
    page::read(entries, limit, hidden)
}

/// The hash range `[start, end)` of the requested segment (`end = None`: to the top).
fn segment(segment: Option<i32>, total: Option<i32>) -> Result<(u64, Option<u64>), Error> {
    let (segment, total) = match (segment, total) {
        (None, None) => return Ok((0, None)),
        (Some(_), None) => return Err(messages::total_segments_required()),
        (None, Some(_)) => return Err(messages::segment_required()),
        (Some(segment), Some(total)) if segment >= total => {
            return Err(messages::segment_out_of_range(segment, total));
        }
        (Some(segment), Some(total)) => (segment, total),
    };
    let (segment, total) = (
        u128::from(segment.unsigned_abs()),
        u128::from(total.unsigned_abs().max(1)),
    );
    let boundary = |i: u128| u64::try_from((i << 64) / total).unwrap_or(u64::MAX);
    let end = (segment + 1 < total).then(|| boundary(segment + 1));
    Ok((boundary(segment), end))
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn segments_tile_the_hash_space() {
        assert_eq!(segment(None, None).unwrap(), (0, None));
        assert_eq!(segment(Some(0), Some(1)).unwrap(), (0, None));
        assert_eq!(segment(Some(0), Some(2)).unwrap(), (0, Some(1 << 63)));
        assert_eq!(segment(Some(1), Some(2)).unwrap(), (1 << 63, None));
        let total = 7;
        let mut next = 0;
        for i in 0..total {
            let (start, end) = segment(Some(i), Some(total)).unwrap();
            assert_eq!(start, next);
            match end {
                Some(end) => next = end,
                None => assert_eq!(i, total - 1),
            }
        }
    }
}
