//! `X-Amz-Target` → operation: decode the body into the model request, run it on the engine,
//! encode the response.

use dynamodel::Backend;
use serde::Serialize;

use super::decode::{check_syntax, decode_request};
use super::errors::WireError;
use super::messages;
use crate::Engine;

/// The API version prefix of every target: `DynamoDB_20120810.<Operation>`.
const TARGET_PREFIX: &str = "DynamoDB_20120810.";

/// Every operation of DynamoDB's API, for telling "not implemented here" from "unknown".
const DYNAMODB_OPERATIONS: &[&str] = &[
    "BatchExecuteStatement",
    "BatchGetItem",
    "BatchWriteItem",
    "CreateBackup",
    "CreateGlobalTable",
    "CreateTable",
    "DeleteBackup",
    "DeleteItem",
    "DeleteResourcePolicy",
    "DeleteTable",
    "DescribeBackup",
    "DescribeContinuousBackups",
    "DescribeContributorInsights",
    "DescribeEndpoints",
    "DescribeExport",
    "DescribeGlobalTable",
    "DescribeGlobalTableSettings",
    "DescribeImport",
    "DescribeKinesisStreamingDestination",
    "DescribeLimits",
    "DescribeTable",
    "DescribeTableReplicaAutoScaling",
    "DescribeTimeToLive",
    "DisableKinesisStreamingDestination",
    "EnableKinesisStreamingDestination",
    "ExecuteStatement",
    "ExecuteTransaction",
    "ExportTableToPointInTime",
    "GetItem",
    "GetResourcePolicy",
    "ImportTable",
    "ListBackups",
    "ListContributorInsights",
    "ListExports",
    "ListGlobalTables",
    "ListImports",
    "ListTables",
    "ListTagsOfResource",
    "PutItem",
    "PutResourcePolicy",
    "Query",
    "RestoreTableFromBackup",
    "RestoreTableToPointInTime",
    "Scan",
    "TagResource",
    "TransactGetItems",
    "TransactWriteItems",
    "UntagResource",
    "UpdateContinuousBackups",
    "UpdateContributorInsights",
    "UpdateGlobalTable",
    "UpdateGlobalTableSettings",
    "UpdateItem",
    "UpdateKinesisStreamingDestination",
    "UpdateTable",
    "UpdateTableReplicaAutoScaling",
    "UpdateTimeToLive",
];

/// The operation a target names, if it is well-formed.
pub(crate) fn operation(target: Option<&str>) -> Option<&str> {
    target?.strip_prefix(TARGET_PREFIX)
}

macro_rules! served {
    ($($name:literal => $method:ident;)+) => {
        /// The operations this server serves, by wire name.
        pub const OPERATIONS: &[&str] = &[$($name),+];

        /// Runs `operation` with `body` on the engine; the encoded response or the error.
        pub(crate) async fn dispatch(engine: &Engine, operation: Option<&str>, body: &[u8]) -> Result<Vec<u8>, WireError> {
            match operation {
                $(Some($name) => {
                    let input = decode_request($name, body)?;
                    let output = engine.$method(input).await.map_err(WireError::from_engine)?;
                    encode(&output)
                })+
                other => Err(unknown(other, body)),
            }
        }
    };
}

served! {
    "CreateTable" => create_table;
    "DeleteTable" => delete_table;
    "DescribeTable" => describe_table;
    "UpdateTable" => update_table;
    "ListTables" => list_tables;
    "PutItem" => put_item;
    "GetItem" => get_item;
    "DeleteItem" => delete_item;
    "UpdateItem" => update_item;
    "Query" => query;
    "Scan" => scan;
    "TransactWriteItems" => transact_write_items;
    "TransactGetItems" => transact_get_items;
    "BatchWriteItem" => batch_write_item;
    "BatchGetItem" => batch_get_item;
    "UpdateTimeToLive" => update_time_to_live;
    "DescribeTimeToLive" => describe_time_to_live;
    "TagResource" => tag_resource;
    "UntagResource" => untag_resource;
    "ListTagsOfResource" => list_tags_of_resource;
}

/// A target this server does not serve. The body is judged first, as DynamoDB does.
fn unknown(operation: Option<&str>, body: &[u8]) -> WireError {
    if let Err(error) = check_syntax(body) {
        return error;
    }
    match operation {
        Some(name) if DYNAMODB_OPERATIONS.contains(&name) => {
            WireError::unknown_operation(Some(messages::not_implemented(name)))
        }
        _ => WireError::unknown_operation(None),
    }
}

fn encode<T: Serialize>(output: &T) -> Result<Vec<u8>, WireError> {
    serde_json::to_vec(output).map_err(|error| {
        WireError::from_engine(dynamodel::Error::service(
            dynamodel::ErrorKind::InternalServer,
            error.to_string(),
        ))
    })
}
