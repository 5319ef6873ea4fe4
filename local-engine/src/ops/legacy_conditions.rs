//! The legacy `KeyConditions` parameter read as key condition terms.
//!
//! Checks and messages from dynalite's suite (DynamoDB's answers): the operand count of each
//! operator, one type per `AttributeValueList`, the types each operator accepts, ascending
//! `BETWEEN` bounds, one or two conditions, and only operators a key can serve.

use std::collections::BTreeMap;

use dynamodel::Error;
use dynamodel::model::{ComparisonOperator, Condition};

use crate::expr::{KeyOp, KeyTerm, legacy};
use crate::messages::key_condition as msg;

/// The terms of a `KeyConditions` map (operators already known to be valid enum values).
/// `max_terms` is 2 for a table and up to 8 for a multi-attribute index key.
pub(crate) fn terms(
    conditions: &BTreeMap<String, Condition>,
    max_terms: usize,
) -> Result<Vec<KeyTerm>, Error> {
    for condition in conditions.values() {
        check(condition)?;
    }
    if conditions.is_empty() || conditions.len() > max_terms {
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
    let values: Vec<_> = condition.attribute_value_list.iter().flatten().collect();
    legacy::check(&condition.comparison_operator, &values)
}
