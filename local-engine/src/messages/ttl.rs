//! Texts of UpdateTimeToLive.

use dynamodel::Error;

/// [moto] Enabling time to live on a table where it is on (not checked against a capture).
pub(crate) fn already_enabled() -> Error {
    Error::validation("TimeToLive is already enabled")
}

/// [moto] Disabling time to live on a table where it is off (not checked against a capture).
pub(crate) fn already_disabled() -> Error {
    Error::validation("TimeToLive is already disabled")
}

/// [engine] Disabling time to live with another attribute than the enabled one.
pub(crate) fn other_attribute(current: &str) -> Error {
    Error::validation(format!(
        "TimeToLive is active on a different AttributeName: current AttributeName is {current}"
    ))
}
