//! UpdateTable texts.

use dynamodel::{Error, ErrorKind};

/// [local] An UpdateTable that asks for no change.
pub(crate) fn nothing_to_update() -> Error {
    Error::validation("Nothing to update")
}

/// [capture] Provisioned throughput equal to the current one (quoted from DynamoDB's answers in
/// public issue reports; DynamoDB Local says `The requested throughput value equals the current
/// value`).
pub(crate) fn throughput_unchanged(current: (i64, i64), requested: (i64, i64)) -> Error {
    Error::validation(format!(
        "The provisioned throughput for the table will not change. The requested value equals \
         the current value. Current ReadCapacityUnits provisioned for the table: {}. Requested \
         ReadCapacityUnits: {}. Current WriteCapacityUnits provisioned for the table: {}. \
         Requested WriteCapacityUnits: {}. Refer to the Amazon DynamoDB Developer Guide for \
         current limits and how to request higher limits.",
        current.0, requested.0, current.1, requested.1
    ))
}

/// [dynalite] More than one index creation or deletion in one UpdateTable.
pub(crate) fn one_index_change_at_a_time() -> Error {
    Error::service(
        ErrorKind::LimitExceeded,
        "Subscriber limit exceeded: Only 1 online index can be created or deleted \
         simultaneously per table",
    )
}
