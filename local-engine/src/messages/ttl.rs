//! Texts of UpdateTimeToLive.

use dynamodel::Error;

/// [dynalite][moto] Enabling time to live on a table where it is on, with the same attribute.
pub(crate) fn already_enabled() -> Error {
    Error::validation("TimeToLive is already enabled")
}

/// [dynalite][capture] Disabling time to live on a table where it is off.
pub(crate) fn already_disabled() -> Error {
    Error::validation("TimeToLive is already disabled")
}

/// [capture] Enabling or disabling time to live with another attribute than the enabled one (the
/// text users quote from DynamoDB: celery's DynamoDB backend for enabling, the AWS
/// controllers' 2026 verification for disabling; DynamoDB Local leaves out the `: current
/// AttributeName is <name>` part).
pub(crate) fn other_attribute(current: &str) -> Error {
    Error::validation(format!(
        "TimeToLive is active on a different AttributeName: current AttributeName is {current}"
    ))
}
