//! Texts about the legacy condition parameters (`Expected`, `QueryFilter`, `ScanFilter`,
//! `ConditionalOperator`). Write operations send them inside the `1 validation error
//! detected: ` envelope ([capture], PutItem, 2026-10-09); the callers wrap them by layer.

/// `One or more parameter values were invalid: <text>`.
pub(crate) fn invalid(text: &str) -> String {
    format!("One or more parameter values were invalid: {text}")
}

/// [dynalite][local]
pub(crate) fn exists_with_operator(name: &str) -> String {
    format!("Exists and ComparisonOperator cannot be used together for Attribute: {name}")
}

/// [dynalite][local]
pub(crate) fn value_and_list(name: &str) -> String {
    format!("Value and AttributeValueList cannot be used together for Attribute: {name}")
}

/// [capture][dynalite]
pub(crate) fn operator_without_values(operator: &str, name: &str) -> String {
    format!(
        "Value or AttributeValueList must be used with ComparisonOperator: {operator} for \
         Attribute: {name}"
    )
}

/// [dynalite][local]
pub(crate) fn list_without_operator(name: &str) -> String {
    format!("AttributeValueList can only be used with a ComparisonOperator for Attribute: {name}")
}

/// [capture][dynalite] `exists` as sent: absent prints `null`.
pub(crate) fn value_required(exists: Option<bool>, name: &str) -> String {
    let exists = exists.map_or("null", |e| if e { "true" } else { "false" });
    format!("Value must be provided when Exists is {exists} for Attribute: {name}")
}

/// [dynalite][local]
pub(crate) fn value_when_not_exists(name: &str) -> String {
    format!("Value cannot be used when Exists is false for Attribute: {name}")
}

/// [local] `ConditionalOperator` with a single condition.
pub(crate) const OPERATOR_NEEDS_TWO: &str =
    "ConditionalOperator can only be used when Filter or Expected has two or more elements";

/// [local] `ConditionalOperator` without `Expected` or a filter.
pub(crate) const OPERATOR_WITHOUT_CONDITIONS: &str =
    "ConditionalOperator cannot be used without Filter or Expected";
