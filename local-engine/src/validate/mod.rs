//! Request validation shared by the operations: parameter constraints, values and keys.

pub(crate) mod key;
pub(crate) mod tags;
pub(crate) mod value;

use dynamodel::model::{
    ComparisonOperator, ReturnConsumedCapacity, ReturnItemCollectionMetrics, ReturnValue,
};

use crate::messages::Violations;

/// DynamoDB's table name pattern.
const TABLE_NAME_PATTERN: &str = "[a-zA-Z0-9_.-]+";

/// The shortest table name CreateTable accepts.
pub(crate) const CREATE_MIN_NAME: usize = 3;
/// The shortest `TableName` other operations accept (they also take ARNs) [capture].
pub(crate) const MIN_NAME: usize = 1;
/// The longest table name.
pub(crate) const MAX_NAME: usize = 255;

/// Checks a table name (or an `ExclusiveStartTableName`) at `member`.
pub(crate) fn table_name(violations: &mut Violations, name: &str, member: &str, min: usize) {
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if !valid_chars || name.is_empty() {
        violations.pattern(name, member, TABLE_NAME_PATTERN);
    }
    let length = name.chars().count();
    if length < min {
        violations.min_length(name, member, min);
    }
    if length > MAX_NAME {
        violations.max_length(name, member, MAX_NAME);
    }
}

/// An unknown `ReturnConsumedCapacity`.
pub(crate) fn return_consumed_capacity(
    violations: &mut Violations,
    value: Option<&ReturnConsumedCapacity>,
) {
    if let Some(ReturnConsumedCapacity::Unknown(other)) = value {
        violations.enum_value(
            other,
            "returnConsumedCapacity",
            ReturnConsumedCapacity::VALUES,
        );
    }
}

/// An unknown `ReturnItemCollectionMetrics`.
pub(crate) fn return_item_collection_metrics(
    violations: &mut Violations,
    value: Option<&ReturnItemCollectionMetrics>,
) {
    if let Some(ReturnItemCollectionMetrics::Unknown(other)) = value {
        violations.enum_value(
            other,
            "returnItemCollectionMetrics",
            ReturnItemCollectionMetrics::VALUES,
        );
    }
}

/// An unknown `ReturnValues`.
pub(crate) fn return_values(violations: &mut Violations, value: Option<&ReturnValue>) {
    if let Some(ReturnValue::Unknown(other)) = value {
        violations.enum_value(other, "returnValues", ReturnValue::VALUES);
    }
}

/// An unknown `ConditionalOperator` ([capture]: DynamoDB lists `OR` first here).
pub(crate) fn conditional_operator(
    violations: &mut Violations,
    value: Option<&dynamodel::model::ConditionalOperator>,
) {
    if let Some(dynamodel::model::ConditionalOperator::Unknown(other)) = value {
        violations.enum_value(other, "conditionalOperator", &["OR", "AND"]);
    }
}

/// Unknown comparison operators in a legacy condition map (`keyConditions`, `queryFilter`,
/// `scanFilter`, `expected`), reported at `<map>.<name>.member.comparisonOperator`.
pub(crate) fn comparison_operators<'c>(
    violations: &mut Violations,
    map: &str,
    operators: impl Iterator<Item = (&'c String, Option<&'c ComparisonOperator>)>,
) {
    for (name, operator) in operators {
        if let Some(ComparisonOperator::Unknown(other)) = operator {
            let member = format!("{map}.{name}.member.comparisonOperator");
            violations.enum_value(other, &member, ComparisonOperator::VALUES);
        }
    }
}

/// An empty `AttributesToGet` ([AWS]: at least one name).
pub(crate) fn attributes_to_get(violations: &mut Violations, names: Option<&[String]>) {
    if names.is_some_and(<[String]>::is_empty) {
        violations.min_length("[]", "attributesToGet", 1);
    }
}
