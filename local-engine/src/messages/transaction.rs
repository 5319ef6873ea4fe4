//! Texts of TransactWriteItems and TransactGetItems.

use dynamodel::Error;
use dynamodel::error::CancellationReason;

/// [capture] Two actions of one transaction name the same item.
pub(crate) fn one_item_twice() -> Error {
    Error::validation("Transaction request cannot include multiple operations on one item")
}

/// [moto][local] A TransactWriteItem with several of its four members.
pub(crate) fn one_action_per_item() -> Error {
    Error::validation("TransactItems can only contain one of Check, Put, Update or Delete")
}

/// [local] A TransactWriteItem with none of its four members.
pub(crate) fn no_action() -> Error {
    Error::validation(
        "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request",
    )
}

/// [engine] The items of a transaction add up to more than 4 MB (DynamoDB's wording is not
/// known).
pub(crate) fn too_large() -> Error {
    Error::validation("Transaction request cannot be larger than 4 MB")
}

/// [AWS] The reason of an action whose condition was false.
pub(crate) const CONDITIONAL_CHECK_FAILED: &str = "ConditionalCheckFailed";
/// [AWS] The reason of an action that would have been invalid (type mismatch, size).
pub(crate) const VALIDATION_ERROR: &str = "ValidationError";
/// [AWS] The reason of an action that would have grown an item collection past 10 GB (its
/// message is `messages::COLLECTION_SIZE_EXCEEDED`).
pub(crate) const ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED: &str = "ItemCollectionSizeLimitExceeded";
/// [AWS] The reason of an action that did not fail.
pub(crate) const NONE: &str = "None";

/// [AWS][local] The reason message of a `ConditionCheck` whose condition was false: with a
/// full stop, unlike a failed Put, Update or Delete (`messages::CONDITIONAL_REQUEST_FAILED`).
/// The API reference lists the reason with the stop; DynamoDB Local sends it on the check
/// alone.
pub(crate) const CHECK_FAILED_MESSAGE: &str = "The conditional request failed.";

/// [AWS] `TransactionCanceledException`: the codes of every reason, in action order.
pub(crate) fn canceled(reasons: Vec<CancellationReason>) -> Error {
    let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    Error::transaction_canceled(
        format!(
            "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]",
            codes.join(", ")
        ),
        reasons,
    )
}

/// [engine] A client request token reused with another request within 10 minutes.
pub(crate) fn idempotent_mismatch() -> Error {
    Error::service(
        dynamodel::ErrorKind::IdempotentParameterMismatch,
        "Request parameters do not match the parameters of the previous request with the same \
         client request token",
    )
}

/// [engine] A client request token whose first request is still running.
pub(crate) fn in_progress() -> Error {
    Error::service(
        dynamodel::ErrorKind::TransactionInProgress,
        "The transaction with the given client request token is already in progress",
    )
}
