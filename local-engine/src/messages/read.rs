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

/// [engine] `Select = ALL_PROJECTED_ATTRIBUTES` on a table; DynamoDB's exact text is not known.
pub(crate) fn all_projected_on_table() -> Error {
    Error::validation(
        "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is not \
         supported for a table",
    )
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

/// [local] A Query `FilterExpression` that steps into a key attribute.
pub(crate) fn filter_into_key(name: &str) -> Error {
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
