//! Texts of TagResource, UntagResource, ListTagsOfResource and CreateTable's `Tags`.
//!
//! Sources: `[capture]` texts are from the 2026 verification of the AWS controllers against
//! DynamoDB (tag validation, the 50-tag limit, ARN checks, the missing table); `[dynalite]`
//! texts are pinned by dynalite's tests against DynamoDB.

use dynamodel::Error;

/// [capture] A `ResourceArn` that does not start with `arn:`.
pub(crate) fn not_an_arn(arn: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values were invalid: ARNs must start with 'arn:': {arn}"
    ))
}

/// [capture] An ARN of another service.
pub(crate) fn not_a_dynamodb_arn(arn: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: \
         {arn}"
    ))
}

/// [capture] A DynamoDB ARN of something else than a table (an index, a backup).
pub(crate) fn not_a_table_arn(arn: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values were invalid: Invalid resource arn provided, only table or \
         stream is accepted. Provided resource arn: {arn}"
    ))
}

/// [capture][dynalite] A table ARN of another region or account, or with an invalid table
/// name.
pub(crate) fn invalid_table_arn(arn: &str) -> Error {
    Error::validation(format!(
        "Invalid TableArn: Invalid ResourceArn provided as input {arn}"
    ))
}

/// [capture] A well-formed ARN of a table that does not exist (dynalite pins an older
/// spelling, `ResourcArn`).
pub(crate) fn table_not_found(arn: &str) -> Error {
    Error::resource_not_found(format!(
        "Requested resource not found: ResourceArn: {arn} not found"
    ))
}

/// [capture][dynalite] TagResource with `Tags: []`.
pub(crate) fn no_tags() -> Error {
    Error::validation("Atleast one Tag needs to be provided as Input.")
}

/// [capture][dynalite] UntagResource with `TagKeys: []`.
pub(crate) fn no_tag_keys() -> Error {
    Error::validation("Atleast one Tag Key needs to be provided as Input.")
}

/// [capture] A key that is empty, longer than 128 characters or has a character outside
/// letters, digits, white space and `_ . : / = + - @`.
pub(crate) fn invalid_key(key: &str) -> Error {
    Error::validation(format!("The Tag Key provided is invalid, Key: {key}"))
}

/// [capture] A value longer than 256 characters or with a character outside the tag set.
pub(crate) fn invalid_value(value: &str) -> Error {
    Error::validation(format!("The Tag Value provided is invalid, Value: {value}"))
}

/// [capture] A key starting with `aws:`, which AWS reserves.
pub(crate) fn reserved_prefix(key: &str) -> Error {
    Error::validation(format!("Tag Key cannot be prefixed with aws:, Key: {key}"))
}

/// [capture] One key twice in one request.
pub(crate) fn duplicate_key(key: &str) -> Error {
    Error::validation(format!(
        "Duplicate Tag Keys provided as input: Duplicate Tag Key found {key}"
    ))
}

/// [capture] More than 50 tags on the table once the request is applied, or more than 50
/// keys in one UntagResource.
pub(crate) fn too_many() -> Error {
    Error::validation("Number of Tags exceed the current limit for the provided ResourceArn")
}
