//! Texts about UpdateItem: update-expression checks (the detail after
//! `Invalid UpdateExpression: `), errors found while applying an update, and the legacy
//! `AttributeUpdates`.
//!
//! Sources: `[local]` (DynamoDB Local 3.3.0); several are also quoted verbatim from DynamoDB in
//! public bug reports and emulators' suites (marked `[capture]`).

use dynamodel::Error;
use dynamodel::model::AttributeType;

/// [local] A clause keyword used twice: `The "SET" section can only be used once ...`.
pub(crate) fn clause_repeated(keyword: &str) -> String {
    format!("The \"{keyword}\" section can only be used once in an update expression;")
}

/// [local] `size` or a condition function in an update expression.
pub(crate) fn function_not_in_update(function: &str) -> String {
    format!("The function is not allowed in an update expression; function: {function}")
}

/// [local][capture] `ADD` or `DELETE` with a value of a type it cannot take; `operator` is
/// `ADD` or `DELETE`.
pub(crate) fn action_operand_type(operator: &str, kind: AttributeType) -> String {
    format!(
        "Incorrect operand type for operator or function; operator: {operator}, operand type: \
         {}, typeSet: ALLOWED_FOR_{operator}_OPERAND",
        long_type_name(kind)
    )
}

/// The long type names DynamoDB uses in the `ADD`/`DELETE` operand message.
fn long_type_name(kind: AttributeType) -> &'static str {
    match kind {
        AttributeType::S => "STRING",
        AttributeType::N => "NUMBER",
        AttributeType::B => "BINARY",
        AttributeType::Bool => "BOOLEAN",
        AttributeType::Null => "NULL",
        AttributeType::M => "MAP",
        AttributeType::L => "LIST",
        AttributeType::Ss => "STRING_SET",
        AttributeType::Ns => "NUMBER_SET",
        AttributeType::Bs => "BINARY_SET",
    }
}

/// [local][capture] An operand of the item has the wrong type for `+`, `-`, `list_append`,
/// `ADD` or `DELETE`.
pub(crate) fn incorrect_data_type() -> Error {
    Error::validation("An operand in the update expression has an incorrect data type")
}

/// [local][capture] A `SET` value reads an attribute the item does not have.
pub(crate) fn missing_attribute() -> Error {
    Error::validation(
        "The provided expression refers to an attribute that does not exist in the item",
    )
}

/// [local][capture] A path through a missing parent, or through a value of another type.
pub(crate) fn invalid_path() -> Error {
    Error::validation("The document path provided in the update expression is invalid for update")
}

/// [local] An update of a key attribute.
pub(crate) fn key_attribute(name: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values were invalid: Cannot update attribute {name}. This \
         attribute is part of the key"
    ))
}

/// [local] The updated item is over 400 KB.
pub(crate) fn item_too_large() -> Error {
    Error::validation("Item size to update has exceeded the maximum allowed size")
}

/// [capture] An arithmetic result with more than 38 significant digits.
pub(crate) fn precision() -> Error {
    Error::validation("DynamoDB only supports precision up to 38 digits")
}

/// [dynalite][local] An arithmetic result of magnitude 1E+126 or more.
pub(crate) fn overflow() -> Error {
    Error::validation(
        "Number overflow. Attempting to store a number with magnitude larger than supported range",
    )
}

/// [dynalite][local] A non-zero arithmetic result of magnitude below 1E-130.
pub(crate) fn underflow() -> Error {
    Error::validation(
        "Number underflow. Attempting to store a number with magnitude smaller than supported \
         range",
    )
}

// ---- AttributeUpdates -------------------------------------------------------------------------

/// [local] `PUT` or `ADD` without a value.
pub(crate) const VALUE_REQUIRED: &str =
    "Only DELETE action is allowed when no attribute value is specified";

/// [local] `ADD` with a value that is not a number, set or list.
pub(crate) fn add_not_supported(kind: AttributeType) -> String {
    format!(
        "ADD action is not supported for the type {}",
        long_type_name(kind)
    )
}

/// [local] `DELETE` with a value that is not a set.
pub(crate) fn delete_not_supported(kind: AttributeType) -> String {
    format!(
        "DELETE action with value is not supported for the type {}",
        long_type_name(kind)
    )
}

/// [local] A legacy `ADD`/`DELETE` whose value type does not match the stored attribute.
pub(crate) fn legacy_type_mismatch() -> Error {
    Error::validation("Type mismatch for attribute to update")
}

/// [local] The order DynamoDB lists `AttributeAction` values in its constraint message.
pub(crate) const ACTIONS: [&str; 3] = ["ADD", "DELETE", "PUT"];
