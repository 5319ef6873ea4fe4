//! The legacy condition parameters read as [`Cond`]s: `Expected` (PutItem, UpdateItem,
//! DeleteItem), `QueryFilter` and `ScanFilter`, combined by `ConditionalOperator`.
//!
//! Semantics (AWS API reference, `ExpectedAttributeValue` and `Condition`; checked against
//! DynamoDB Local 3.3.0): each entry tests one top-level attribute, named literally (a dot is
//! part of the name). `EQ`, `LT`, `LE`, `GT`, `GE`, `BEGINS_WITH`, `BETWEEN`, `IN` and
//! `CONTAINS` are false for a missing attribute; `NE` is true; `NOT_NULL`/`NULL` test existence
//! (not the `NULL` type); `NOT_CONTAINS` needs the attribute to exist. `Value` without an
//! operator means `EQ`, and `Exists: false` means the attribute must be absent. Entries combine
//! with `AND` unless `ConditionalOperator` is `OR`.
//!
//! Checks and messages: dynalite's suite and the 2026 captures (see `messages::legacy`); the
//! entries are checked in name order (DynamoDB checks them in request order, which a map
//! does not keep).

use std::collections::BTreeMap;

use dynamodel::model::{
    AttributeType, ComparisonOperator, Condition, ConditionalOperator, ExpectedAttributeValue,
};
use dynamodel::{AttributeValue, Error};

use super::ast::CompareOp;
use super::condition::{Cond, Operand};
use super::document::DocPath;
use super::value;
use crate::messages::{Layer, key_condition as msg, legacy};
use crate::validate::value as values;

/// `Expected` as one condition (`None` when absent). `layer` wraps the messages.
pub(crate) fn expected<'a>(
    expected: Option<&'a BTreeMap<String, ExpectedAttributeValue>>,
    operator: Option<&ConditionalOperator>,
    layer: Layer,
) -> Result<Option<Cond<'a>>, Error> {
    let Some(expected) = expected else {
        return match operator {
            Some(_) => Err(layer.wrap(legacy::OPERATOR_WITHOUT_CONDITIONS.to_owned())),
            None => Ok(None),
        };
    };
    let mut conditions = Vec::with_capacity(expected.len());
    for (name, entry) in expected {
        conditions.push(expected_entry(name, entry, layer)?);
    }
    combine(conditions, operator, layer)
}

fn expected_entry<'a>(
    name: &str,
    entry: &'a ExpectedAttributeValue,
    layer: Layer,
) -> Result<Cond<'a>, Error> {
    let invalid = |text: String| layer.wrap(legacy::invalid(&text));
    if let Some(operator) = &entry.comparison_operator {
        if entry.exists.is_some() {
            return Err(invalid(legacy::exists_with_operator(name)));
        }
        if entry.value.is_some() && entry.attribute_value_list.is_some() {
            return Err(invalid(legacy::value_and_list(name)));
        }
        let needs_values = !matches!(
            operator,
            ComparisonOperator::Null | ComparisonOperator::NotNull
        );
        if needs_values && entry.value.is_none() && entry.attribute_value_list.is_none() {
            return Err(invalid(legacy::operator_without_values(
                operator.as_str(),
                name,
            )));
        }
        let values: Vec<&'a AttributeValue> = match (&entry.value, &entry.attribute_value_list) {
            (Some(value), _) => vec![value],
            (None, Some(list)) => list.iter().collect(),
            (None, None) => Vec::new(),
        };
        return condition(name, operator, &values, layer);
    }
    if entry.attribute_value_list.is_some() {
        return Err(invalid(legacy::list_without_operator(name)));
    }
    let path = DocPath::attribute(name);
    match (entry.exists, &entry.value) {
        (Some(false), None) => Ok(Cond::NotExists(path)),
        (Some(false), Some(_)) => Err(invalid(legacy::value_when_not_exists(name))),
        (exists, None) => Err(invalid(legacy::value_required(exists, name))),
        (_, Some(value)) => {
            values::check_value(value, layer)?;
            Ok(Cond::Compare(
                CompareOp::Eq,
                Operand::Path(path),
                Operand::Value(value),
            ))
        }
    }
}

/// `QueryFilter` / `ScanFilter` as one condition (`None` when absent).
pub(crate) fn filter<'a>(
    filter: Option<&'a BTreeMap<String, Condition>>,
    operator: Option<&ConditionalOperator>,
    layer: Layer,
) -> Result<Option<Cond<'a>>, Error> {
    let Some(filter) = filter else {
        return match operator {
            Some(_) => Err(layer.wrap(legacy::OPERATOR_WITHOUT_CONDITIONS.to_owned())),
            None => Ok(None),
        };
    };
    let mut conditions = Vec::with_capacity(filter.len());
    for (name, entry) in filter {
        let values: Vec<&'a AttributeValue> = entry.attribute_value_list.iter().flatten().collect();
        conditions.push(condition(name, &entry.comparison_operator, &values, layer)?);
    }
    combine(conditions, operator, layer)
}

/// Joins entry conditions with `AND` (the default) or `OR`.
fn combine<'a>(
    conditions: Vec<Cond<'a>>,
    operator: Option<&ConditionalOperator>,
    layer: Layer,
) -> Result<Option<Cond<'a>>, Error> {
    if operator.is_some() && conditions.len() < 2 {
        return Err(layer.wrap(legacy::OPERATOR_NEEDS_TWO.to_owned()));
    }
    Ok(match conditions.len() {
        0 => None,
        1 => conditions.into_iter().next(),
        _ if matches!(operator, Some(ConditionalOperator::Or)) => Some(Cond::Or(conditions)),
        _ => Some(Cond::And(conditions)),
    })
}

/// One `attribute OPERATOR values` entry, checked and read.
fn condition<'a>(
    name: &str,
    operator: &ComparisonOperator,
    values: &[&'a AttributeValue],
    layer: Layer,
) -> Result<Cond<'a>, Error> {
    for value in values {
        values::check_value(value, layer)?;
    }
    check(operator, values).map_err(|e| layer.wrap(e.message().to_owned()))?;
    use ComparisonOperator as Op;
    let path = || Operand::Path(DocPath::attribute(name));
    let value = |i: usize| values.get(i).map(|v| Operand::Value(v));
    let (Some(first), second) = (value(0), value(1)) else {
        return Ok(match operator {
            Op::Null => Cond::NotExists(DocPath::attribute(name)),
            _ => Cond::Exists(DocPath::attribute(name)),
        });
    };
    let compare = |op| Cond::Compare(op, path(), first.clone());
    Ok(match operator {
        Op::Eq => compare(CompareOp::Eq),
        Op::Ne => compare(CompareOp::Ne),
        Op::Lt => compare(CompareOp::Lt),
        Op::Le => compare(CompareOp::Le),
        Op::Gt => compare(CompareOp::Gt),
        Op::Ge => compare(CompareOp::Ge),
        Op::Contains => Cond::Contains(path(), first),
        Op::NotContains => Cond::And(vec![
            Cond::Exists(DocPath::attribute(name)),
            Cond::Not(Box::new(Cond::Contains(path(), first))),
        ]),
        Op::BeginsWith => Cond::BeginsWith(path(), first),
        Op::Between => match second {
            Some(high) => Cond::Between(path(), first, high),
            // `check` guarantees two values.
            None => compare(CompareOp::Eq),
        },
        Op::In => Cond::In(path(), (0..values.len()).filter_map(value).collect()),
        // Operand counts were checked: these take no values.
        Op::Null | Op::NotNull | Op::Unknown(_) => Cond::Exists(DocPath::attribute(name)),
    })
}

/// The operand count of each operator, one type per list, the types each operator accepts,
/// and ascending `BETWEEN` bounds. Messages are bare (callers wrap them).
pub(crate) fn check(
    operator: &ComparisonOperator,
    values: &[&AttributeValue],
) -> Result<(), Error> {
    use AttributeType as T;
    use ComparisonOperator as Op;
    let count_ok = match operator {
        Op::Null | Op::NotNull => values.is_empty(),
        Op::In => !values.is_empty(),
        Op::Between => values.len() == 2,
        _ => values.len() == 1,
    };
    if !count_ok {
        return Err(msg::argument_count(operator.as_str()));
    }
    let Some(first) = values.first() else {
        return Ok(());
    };
    let kind = first.attribute_type();
    if values.iter().any(|v| v.attribute_type() != kind) {
        return Err(msg::mixed_list_types());
    }
    let allowed: &[T] = match operator {
        Op::Eq | Op::Ne => &[
            T::S,
            T::N,
            T::B,
            T::Ss,
            T::Ns,
            T::Bs,
            T::Bool,
            T::Null,
            T::M,
            T::L,
        ],
        Op::Contains | Op::NotContains => &[T::S, T::N, T::B, T::Bool, T::Null],
        Op::BeginsWith => &[T::S, T::B],
        _ => &[T::S, T::N, T::B],
    };
    if !allowed.contains(&kind) {
        return Err(msg::operator_type(operator.as_str(), kind.as_str()));
    }
    if *operator == Op::Between {
        if let (Some(low), Some(high)) = (values.first(), values.get(1)) {
            if value::order(low, high).is_some_and(|o| o.is_gt()) {
                return Err(msg::legacy_between_order());
            }
        }
    }
    Ok(())
}
