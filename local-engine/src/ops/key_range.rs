//! Key condition terms checked against a table's key schema, and the stored-key range they
//! select. Order and messages follow dynalite's suite (DynamoDB's answers): the partition key
//! condition must exist and be an equality; a second condition must be on the sort key; value
//! types must match the schema; key values must not be empty.

use std::ops::Bound;

use dynamodel::{AttributeValue, Error, Item};

use crate::expr::{KeyOp, KeyTerm};
use crate::messages::{self, key_condition as msg, start_key};
use crate::storage::{KeyAttribute, KeySchema, KeyValue, SortPart, StorageKey};
use crate::validate::key;

/// A condition on the sort key.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SortCondition {
    Eq(KeyValue),
    Lt(KeyValue),
    Le(KeyValue),
    Gt(KeyValue),
    Ge(KeyValue),
    Between(KeyValue, KeyValue),
    BeginsWith(KeyValue),
}

impl SortCondition {
    /// Whether a sort key value satisfies the condition.
    pub(crate) fn matches(&self, value: &KeyValue) -> bool {
        match self {
            SortCondition::Eq(v) => value == v,
            SortCondition::Lt(v) => value < v,
            SortCondition::Le(v) => value <= v,
            SortCondition::Gt(v) => value > v,
            SortCondition::Ge(v) => value >= v,
            SortCondition::Between(low, high) => low <= value && value <= high,
            SortCondition::BeginsWith(prefix) => value.starts_with(prefix),
        }
    }

    /// The sort positions the condition selects, as bounds.
    pub(crate) fn bounds(&self) -> (Bound<SortPart>, Bound<SortPart>) {
        use Bound::{Excluded, Included};
        let value = |v: &KeyValue| SortPart::Value(v.clone());
        match self {
            SortCondition::Eq(v) => (Included(value(v)), Included(value(v))),
            SortCondition::Lt(v) => (Included(SortPart::Bottom), Excluded(value(v))),
            SortCondition::Le(v) => (Included(SortPart::Bottom), Included(value(v))),
            SortCondition::Gt(v) => (Excluded(value(v)), Included(SortPart::Top)),
            SortCondition::Ge(v) => (Included(value(v)), Included(SortPart::Top)),
            SortCondition::Between(low, high) => (Included(value(low)), Included(value(high))),
            SortCondition::BeginsWith(prefix) => (
                Included(value(prefix)),
                Excluded(SortPart::PrefixEnd(prefix.clone())),
            ),
        }
    }
}

/// What a Query reads: one partition, optionally narrowed by a sort condition.
#[derive(Clone, Debug)]
pub(crate) struct KeyRange {
    pub(crate) partition: StorageKey,
    pub(crate) sort: Option<SortCondition>,
}

impl KeyRange {
    /// The stored-key bounds of the whole range.
    pub(crate) fn bounds(&self) -> (Bound<StorageKey>, Bound<StorageKey>) {
        let (low, high) = match &self.sort {
            Some(sort) => sort.bounds(),
            None => (
                Bound::Included(SortPart::Bottom),
                Bound::Included(SortPart::Top),
            ),
        };
        let at = |bound: Bound<SortPart>| bound.map(|sort| self.partition.with_sort(sort));
        (at(low), at(high))
    }

    /// Checks an `ExclusiveStartKey` against the query and returns its stored key.
    pub(crate) fn start_after(
        &self,
        schema: &KeySchema,
        start: &Item,
    ) -> Result<StorageKey, Error> {
        let start = key::start_key(schema, start, messages::key_schema_mismatch)?;
        let same_partition = start.partition == self.partition.partition;
        match (&self.sort, &start.sort) {
            (Some(sort), SortPart::Value(value)) => {
                if !sort.matches(value) {
                    return Err(start_key::outside_range());
                }
                if !same_partition || matches!(sort, SortCondition::Eq(_)) {
                    return Err(start_key::single_row());
                }
            }
            _ if !same_partition => return Err(start_key::outside_partition()),
            _ => {}
        }
        Ok(start)
    }
}

/// Reads terms as a key range of a table with `schema`.
pub(crate) fn plan(schema: &KeySchema, terms: &[KeyTerm]) -> Result<KeyRange, Error> {
    if schema.range.is_none() && terms.len() > 1 {
        return Err(msg::not_supported());
    }
    let hash = terms
        .iter()
        .find(|t| t.attribute == schema.hash.name)
        .ok_or_else(|| msg::missed_key(&schema.hash.name))?;
    if hash.op != KeyOp::Eq {
        return Err(msg::not_supported());
    }
    let sort_term = terms.iter().find(|t| t.attribute != schema.hash.name);
    let sort = match (sort_term, &schema.range) {
        (None, _) => None,
        (Some(term), Some(range)) if term.attribute == range.name => Some(term),
        (Some(_), Some(range)) => return Err(msg::missed_key(&range.name)),
        (Some(_), None) => return Err(msg::not_supported()),
    };
    let partition = key_value(&schema.hash, hash.values.first())?;
    let sort = match (sort, &schema.range) {
        (Some(term), Some(range)) => Some(sort_condition(range, term)?),
        _ => None,
    };
    Ok(KeyRange {
        partition: StorageKey::new(partition, None),
        sort,
    })
}

pub(crate) fn sort_condition(range: &KeyAttribute, term: &KeyTerm) -> Result<SortCondition, Error> {
    let first = key_value(range, term.values.first())?;
    Ok(match term.op {
        KeyOp::Eq => SortCondition::Eq(first),
        KeyOp::Lt => SortCondition::Lt(first),
        KeyOp::Le => SortCondition::Le(first),
        KeyOp::Gt => SortCondition::Gt(first),
        KeyOp::Ge => SortCondition::Ge(first),
        KeyOp::BeginsWith => SortCondition::BeginsWith(first),
        KeyOp::Between => SortCondition::Between(first, key_value(range, term.values.get(1))?),
    })
}

/// A condition value for a key attribute: of the key's type and not empty.
pub(crate) fn key_value(
    attribute: &KeyAttribute,
    value: Option<&AttributeValue>,
) -> Result<KeyValue, Error> {
    let value = value.ok_or_else(msg::type_mismatch)?;
    if !attribute.kind.matches(value) {
        return Err(msg::type_mismatch());
    }
    match value {
        AttributeValue::S(s) if s.is_empty() => Err(messages::empty_string_key(&attribute.name)),
        AttributeValue::B(b) if b.is_empty() => Err(messages::empty_binary_key(&attribute.name)),
        other => KeyValue::from_attribute(other).ok_or_else(msg::type_mismatch),
    }
}
