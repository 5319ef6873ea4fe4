//! The AWS SDK against the engine's wire for transactions, batches and time to live: the SDK
//! parses what the server sends (cancellation reasons with the old item included).

use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    AttributeValue as V, ConditionCheck, KeysAndAttributes, Put, PutRequest,
    ReturnValuesOnConditionCheckFailure, TimeToLiveSpecification, TimeToLiveStatus,
    TransactWriteItem, WriteRequest,
};
use dynamodel::model::ScalarAttributeType as T;

use super::support::{TABLE, engine_with};
use crate::sdk_client;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn the_sdk_reads_cancellation_reasons() {
    let client = sdk_client(engine_with(T::S, None));
    runtime().block_on(async {
        client
            .put_item()
            .table_name(TABLE)
            .item("pk", V::S("a".into()))
            .send()
            .await
            .unwrap();
        let put = Put::builder()
            .table_name(TABLE)
            .item("pk", V::S("b".into()))
            .build()
            .unwrap();
        let check = ConditionCheck::builder()
            .table_name(TABLE)
            .key("pk", V::S("a".into()))
            .condition_expression("attribute_not_exists(pk)")
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .build()
            .unwrap();
        let error = client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().put(put).build())
            .transact_items(TransactWriteItem::builder().condition_check(check).build())
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert_eq!(error.code(), Some("TransactionCanceledException"));
        let TransactWriteItemsError::TransactionCanceledException(canceled) = error else {
            panic!("{error:?}");
        };
        let reasons = canceled.cancellation_reasons();
        assert_eq!(reasons[0].code(), Some("None"));
        assert_eq!(reasons[1].code(), Some("ConditionalCheckFailed"));
        assert_eq!(
            reasons[1].item().unwrap().get("pk"),
            Some(&V::S("a".into()))
        );
    });
}

#[test]
fn the_sdk_runs_batches_and_time_to_live() {
    let client = sdk_client(engine_with(T::S, None));
    runtime().block_on(async {
        let put = PutRequest::builder()
            .item("pk", V::S("a".into()))
            .build()
            .unwrap();
        let out = client
            .batch_write_item()
            .request_items(
                TABLE,
                vec![WriteRequest::builder().put_request(put).build()],
            )
            .send()
            .await
            .unwrap();
        assert!(out.unprocessed_items().unwrap().is_empty());
        let keys = KeysAndAttributes::builder()
            .keys([("pk".to_owned(), V::S("a".into()))].into_iter().collect())
            .build()
            .unwrap();
        let out = client
            .batch_get_item()
            .request_items(TABLE, keys)
            .send()
            .await
            .unwrap();
        assert_eq!(out.responses().unwrap()[TABLE].len(), 1);
        let spec = TimeToLiveSpecification::builder()
            .enabled(true)
            .attribute_name("ttl")
            .build()
            .unwrap();
        client
            .update_time_to_live()
            .table_name(TABLE)
            .time_to_live_specification(spec)
            .send()
            .await
            .unwrap();
        let out = client
            .describe_time_to_live()
            .table_name(TABLE)
            .send()
            .await
            .unwrap();
        let description = out.time_to_live_description().unwrap();
        assert_eq!(
            description.time_to_live_status(),
            Some(&TimeToLiveStatus::Enabled)
        );
    });
}
