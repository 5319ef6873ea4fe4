//! Every message text the HTTP layer sends, in one table (the engine's own are in
//! `crate::messages`). Sources as there: `[aws]` for texts users quote from DynamoDB in SDK
//! and emulator issue reports, `[local]` for texts observed from DynamoDB Local 3.3.0,
//! `[dynalite]` for texts that emulator's tests pin against DynamoDB, `[engine]` for texts of
//! our own where DynamoDB's are not known.

/// [dynalite] An object where a scalar or a list belongs.
pub(crate) const MAP_NOT_EXPECTED: &str = "Start of structure or map found where not expected.";

/// [dynalite] An array where a scalar or an object belongs.
pub(crate) const LIST_NOT_EXPECTED: &str = "Start of list found where not expected";

/// [dynalite] A scalar where a list belongs.
pub(crate) const EXPECTED_LIST: &str = "Expected list or null";

/// [dynalite] A scalar where a map belongs.
pub(crate) const EXPECTED_MAP: &str = "Expected map or null";

/// [dynalite] A scalar where a structure belongs.
pub(crate) const EXPECTED_STRUCTURE: &str = "Expected null";

/// [aws] A scalar of the wrong JSON type: `NUMBER_VALUE cannot be converted to String`.
pub(crate) fn not_convertible(token: &str, target: &str) -> String {
    format!("{token} cannot be converted to {target}")
}

/// [dynalite] An attribute value object with no known data type member.
pub(crate) const EMPTY_ATTRIBUTE_VALUE: &str =
    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";

/// [local] `N` text that is not a number (DynamoDB sent `The parameter cannot be converted
/// to a numeric value: <text>` in 2013-2018, as dynalite pins).
pub(crate) const NOT_A_NUMBER: &str = "A value provided cannot be converted into a number";

/// [aws] A number of more than 38 significant digits (DynamoDB Local says `DynamoDB only
/// supports precision up to 38 digits`).
pub(crate) const NUMBER_PRECISION: &str =
    "Attempting to store more than 38 significant digits in a Number";

/// [aws][local] A number of magnitude `1E+126` or more.
pub(crate) const NUMBER_OVERFLOW: &str =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";

/// [aws][local] A non-zero number of magnitude below `1E-130`.
pub(crate) const NUMBER_UNDERFLOW: &str =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

/// [local] A required member is absent, in the constraint envelope DynamoDB now sends
/// (DynamoDB Local leaves out `1 validation error detected: `).
pub(crate) fn member_missing(member: &str) -> String {
    format!(
        "1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"
    )
}

/// [engine] A DynamoDB operation this server does not implement yet (DynamoDB itself sends
/// `UnknownOperationException` without a message, for names it does not know).
pub(crate) fn not_implemented(operation: &str) -> String {
    format!("dynamodel-local does not implement {operation} yet")
}

/// [engine] The body of `GET /`, like DynamoDB's health check answer.
pub(crate) fn healthy(region: &str) -> String {
    format!("healthy: dynamodb.{region}.amazonaws.com ")
}
