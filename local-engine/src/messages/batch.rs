//! Texts of BatchWriteItem and BatchGetItem.

use dynamodel::Error;

/// [dynalite][moto] More than 25 writes across the tables of a BatchWriteItem.
pub(crate) fn too_many_writes() -> Error {
    Error::validation("Too many items requested for the BatchWriteItem call")
}

/// [dynalite][moto] More than 100 keys across the tables of a BatchGetItem.
pub(crate) fn too_many_keys() -> Error {
    Error::validation("Too many items requested for the BatchGetItem call")
}

/// [moto] Two writes or two reads of one item in one batch (wording as emulators report it;
/// not checked against a DynamoDB capture).
pub(crate) fn duplicate_keys() -> Error {
    Error::validation("Provided list of item keys contains duplicates")
}

/// [engine] A WriteRequest with none or both of `PutRequest` and `DeleteRequest` (DynamoDB's
/// wording is not known).
pub(crate) fn one_request_per_write() -> Error {
    Error::validation(
        "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest",
    )
}

/// [capture] `RequestItems` with no tables, in the newer unechoed form DynamoDB is rolling out
/// (2026-10 captures of BatchWriteItem: five regions send it, the others still send `The
/// requestItems parameter is required for BatchWriteItem`).
pub(crate) const EMPTY_REQUEST_ITEMS: &str = "Value at 'RequestItems' failed to satisfy \
     constraint: Member must have length greater than or equal to 1";

/// [capture][engine] A table in `RequestItems` with no writes or over 25 (BatchWriteItem): the
/// constraint violation DynamoDB sends, without the value it echoes (the request as Java
/// objects, `{tbl=[WriteRequest(putRequest=...)]}`).
pub(crate) const WRITES_PER_TABLE: &str = "Value at 'requestItems' failed to satisfy \
     constraint: Map value must satisfy constraint: [Member must have length less than or \
     equal to 25, Member must have length greater than or equal to 1]";
