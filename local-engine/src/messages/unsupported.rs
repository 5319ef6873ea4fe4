//! Texts for parameters that belong to features dynamodel-local does not implement yet.
//!
//! A request that uses one of them fails with a `ValidationException` instead of being
//! silently half-served. When a feature lands, delete its entry here and the check that uses it.

use dynamodel::Error;

/// Every parameter the engine rejects for now, as DynamoDB names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Feature {
    GlobalSecondaryIndexes,
    LocalSecondaryIndexes,
    StreamSpecification,
    IndexName,
}

impl Feature {
    fn parameter(self) -> &'static str {
        match self {
            Feature::GlobalSecondaryIndexes => "GlobalSecondaryIndexes",
            Feature::LocalSecondaryIndexes => "LocalSecondaryIndexes",
            Feature::StreamSpecification => "StreamSpecification",
            Feature::IndexName => "IndexName",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Feature::GlobalSecondaryIndexes | Feature::LocalSecondaryIndexes => "secondary indexes",
            Feature::StreamSpecification => "streams",
            Feature::IndexName => "queries and scans of secondary indexes",
        }
    }
}

/// `dynamodel-local does not support the <Parameter> parameter yet (<what>)`.
pub(crate) fn not_supported(feature: Feature) -> Error {
    Error::validation(format!(
        "dynamodel-local does not support the {} parameter yet ({} are not implemented)",
        feature.parameter(),
        feature.what()
    ))
}

/// Rejects the first present parameter of `checks`.
pub(crate) fn reject(checks: &[(bool, Feature)]) -> Result<(), Error> {
    match checks.iter().find(|(present, _)| *present) {
        Some((_, feature)) => Err(not_supported(*feature)),
        None => Ok(()),
    }
}
