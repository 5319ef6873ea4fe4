//! Texts about what Query, Scan and GetItem return: `Select`, projections and filters.

use dynamodel::Error;

use super::enveloped;

/// [capture] `Select = SPECIFIC_ATTRIBUTES` without a projection.
pub(crate) fn specific_attributes_without_projection() -> Error {
    enveloped(
        "Must specify the AttributesToGet or ProjectionExpression when choosing to get \
         SPECIFIC_ATTRIBUTES",
    )
}

/// [local] `Select = ALL_PROJECTED_ATTRIBUTES` without `IndexName` (an AWS SDK user quotes the
/// same text from DynamoDB).
pub(crate) fn all_projected_on_table() -> Error {
    Error::validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
}

/// [local][capture for the text] A projection with `Select = COUNT`; enveloped like the
/// captured `SPECIFIC_ATTRIBUTES` case. `parameter` is `ProjectionExpression` or
/// `AttributesToGet`.
pub(crate) fn projection_with_count(parameter: &str) -> Error {
    enveloped(&format!(
        "Cannot specify the {parameter} when choosing to get only the Count"
    ))
}

/// [local][capture for the text] A projection with `Select = ALL_ATTRIBUTES`.
pub(crate) fn projection_with_all_attributes(parameter: &str) -> Error {
    enveloped(&format!(
        "Cannot specify the {parameter} when choosing to get ALL_ATTRIBUTES"
    ))
}

/// [local] A projection with `Select = ALL_PROJECTED_ATTRIBUTES`.
pub(crate) fn projection_with_all_projected(parameter: &str) -> Error {
    enveloped(&format!(
        "Cannot specify the {parameter} when choosing to get ALL_PROJECTED_ATTRIBUTES"
    ))
}

/// [local] The empty name in `AttributesToGet`.
pub(crate) fn empty_attribute_to_get() -> Error {
    Error::validation("Empty attribute name")
}

/// [local] The same name twice in `AttributesToGet`.
pub(crate) fn duplicate_attribute_to_get() -> Error {
    Error::validation("Cannot have two attributes with the same name")
}

/// [local] A Query `FilterExpression` that reads a key attribute.
pub(crate) fn filter_on_key(name: &str) -> Error {
    Error::validation(format!(
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: \
         {name}"
    ))
}

/// [local] A document path that steps into a key attribute (`pk.x`, `sk[0]`) in any
/// expression: a projection, a filter, a condition or an update's operand.
pub(crate) fn nested_key_path(name: &str) -> Error {
    Error::validation(format!(
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not \
         allowed: Key: {name}"
    ))
}

/// [local] A `QueryFilter` on a key attribute.
pub(crate) fn query_filter_on_key(name: &str) -> Error {
    Error::validation(format!(
        "QueryFilter can only contain non-primary key attributes: Primary key attribute: {name}"
    ))
}
