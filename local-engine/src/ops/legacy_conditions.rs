//! The legacy `KeyConditions` parameter read as key condition terms.
//!
//! Checks and messages from dynalite's suite (DynamoDB's answers): the operand count of each
//! operator, one type per `AttributeValueList`, the types each operator accepts, ascending
//! `BETWEEN` bounds, one or two conditions, and only operators a key can serve.

use std::collections::BTreeMap;

use dynamodel::Error;
use dynamodel::model::AttributeType;
use dynamodel::model::{ComparisonOperator, Condition};

use crate::expr::{KeyOp, KeyTerm};
use crate::messages::key_condition as msg;
use crate::storage::KeyValue;

/// The terms of a `KeyConditions` map (operators already known to be valid enum values).
pub(crate) fn terms(conditions: &BTreeMap<String, Condition>) -> Result<Vec<KeyTerm>, Error> {
    for condition in conditions.values() {
        check(condition)?;
    }
    if conditions.is_empty() || conditions.len() > 2 {
        return Err(msg::too_many_conditions());
    }
    conditions
        .iter()
        .map(|(name, condition)| {
            let op = match condition.comparison_operator {
                ComparisonOperator::Eq => KeyOp::Eq,
                ComparisonOperator::Lt => KeyOp::Lt,
                ComparisonOperator::Le => KeyOp::Le,
                ComparisonOperator::Gt => KeyOp::Gt,
                ComparisonOperator::Ge => KeyOp::Ge,
                ComparisonOperator::Between => KeyOp::Between,
                ComparisonOperator::BeginsWith => KeyOp::BeginsWith,
                _ => return Err(msg::not_indexable()),
            };
            let values = condition.attribute_value_list.clone().unwrap_or_default();
            Ok(KeyTerm {
                attribute: name.clone(),
                op,
                values,
            })
        })
        .collect()
}

fn check(condition: &Condition) -> Result<(), Error> {
    use AttributeType as T;
    use ComparisonOperator as Op;
    let operator = &condition.comparison_operator;
    let values = condition
        .attribute_value_list
        .as_deref()
        .unwrap_or_default();
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
        let bounds = (
            values.first().and_then(KeyValue::from_attribute),
            values.get(1).and_then(KeyValue::from_attribute),
        );
        if let (Some(low), Some(high)) = bounds {
            if low > high {
                return Err(msg::legacy_between_order());
            }
        }
    }
    Ok(())
}
