//! BatchWriteItem and BatchGetItem: the per-table request maps onto the SDK's, and the
//! responses (including unprocessed writes and keys) back into the model.

use std::collections::{BTreeMap, HashMap};

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types as sdk;

use super::error::from_sdk;
use super::table::{built, consumed_capacity, item_collection_metrics, sdk_enum};
use super::value::{item_from_sdk, item_to_sdk, names_to_sdk};
use crate::error::Result;
use crate::model::{
    BatchGetItemInput, BatchGetItemOutput, BatchWriteItemInput, BatchWriteItemOutput,
    DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest,
};

fn write_request(value: WriteRequest) -> Result<sdk::WriteRequest> {
    let put = value
        .put_request
        .map(|p| {
            built(
                "PutRequest",
                sdk::PutRequest::builder()
                    .set_item(Some(item_to_sdk(p.item)))
                    .build(),
            )
        })
        .transpose()?;
    let delete = value
        .delete_request
        .map(|d| {
            built(
                "DeleteRequest",
                sdk::DeleteRequest::builder()
                    .set_key(Some(item_to_sdk(d.key)))
                    .build(),
            )
        })
        .transpose()?;
    Ok(sdk::WriteRequest::builder()
        .set_put_request(put)
        .set_delete_request(delete)
        .build())
}

fn write_request_from(value: sdk::WriteRequest) -> Result<WriteRequest> {
    Ok(WriteRequest {
        put_request: value
            .put_request
            .map(|p| {
                Ok::<_, crate::Error>(PutRequest {
                    item: item_from_sdk(p.item)?,
                })
            })
            .transpose()?,
        delete_request: value
            .delete_request
            .map(|d| {
                Ok::<_, crate::Error>(DeleteRequest {
                    key: item_from_sdk(d.key)?,
                })
            })
            .transpose()?,
    })
}

fn keys_and_attributes(value: KeysAndAttributes) -> Result<sdk::KeysAndAttributes> {
    built(
        "KeysAndAttributes",
        sdk::KeysAndAttributes::builder()
            .set_keys(Some(value.keys.into_iter().map(item_to_sdk).collect()))
            .set_attributes_to_get(value.attributes_to_get)
            .set_consistent_read(value.consistent_read)
            .set_projection_expression(value.projection_expression)
            .set_expression_attribute_names(names_to_sdk(value.expression_attribute_names))
            .build(),
    )
}

fn keys_and_attributes_from(value: sdk::KeysAndAttributes) -> Result<KeysAndAttributes> {
    Ok(KeysAndAttributes {
        keys: value
            .keys
            .into_iter()
            .map(item_from_sdk)
            .collect::<Result<_>>()?,
        attributes_to_get: value.attributes_to_get,
        consistent_read: value.consistent_read,
        projection_expression: value.projection_expression,
        expression_attribute_names: value
            .expression_attribute_names
            .map(|names| names.into_iter().collect()),
    })
}

pub(crate) async fn batch_write_item(
    client: &Client,
    input: BatchWriteItemInput,
) -> Result<BatchWriteItemOutput> {
    let items = input
        .request_items
        .into_iter()
        .map(|(table, writes)| {
            let writes = writes
                .into_iter()
                .map(write_request)
                .collect::<Result<Vec<_>>>()?;
            Ok((table, writes))
        })
        .collect::<Result<HashMap<_, _>>>()?;
    let output = client
        .batch_write_item()
        .set_request_items(Some(items))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .set_return_item_collection_metrics(sdk_enum(input.return_item_collection_metrics))
        .send()
        .await
        .map_err(from_sdk)?;
    let unprocessed = output
        .unprocessed_items
        .map(|by_table| {
            by_table
                .into_iter()
                .map(|(table, writes)| {
                    let writes = writes
                        .into_iter()
                        .map(write_request_from)
                        .collect::<Result<Vec<_>>>()?;
                    Ok((table, writes))
                })
                .collect::<Result<BTreeMap<_, _>>>()
        })
        .transpose()?;
    let metrics = output
        .item_collection_metrics
        .map(|by_table| {
            by_table
                .into_iter()
                .map(|(table, metrics)| {
                    let metrics = metrics
                        .into_iter()
                        .map(item_collection_metrics)
                        .collect::<Result<Vec<_>>>()?;
                    Ok((table, metrics))
                })
                .collect::<Result<BTreeMap<_, _>>>()
        })
        .transpose()?;
    Ok(BatchWriteItemOutput {
        unprocessed_items: unprocessed,
        item_collection_metrics: metrics,
        consumed_capacity: output
            .consumed_capacity
            .map(|all| all.into_iter().map(consumed_capacity).collect()),
    })
}

pub(crate) async fn batch_get_item(
    client: &Client,
    input: BatchGetItemInput,
) -> Result<BatchGetItemOutput> {
    let items = input
        .request_items
        .into_iter()
        .map(|(table, keys)| Ok((table, keys_and_attributes(keys)?)))
        .collect::<Result<HashMap<_, _>>>()?;
    let output = client
        .batch_get_item()
        .set_request_items(Some(items))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .send()
        .await
        .map_err(from_sdk)?;
    let responses = output
        .responses
        .map(|by_table| {
            by_table
                .into_iter()
                .map(|(table, items)| {
                    let items = items
                        .into_iter()
                        .map(item_from_sdk)
                        .collect::<Result<Vec<_>>>()?;
                    Ok((table, items))
                })
                .collect::<Result<BTreeMap<_, _>>>()
        })
        .transpose()?;
    let unprocessed = output
        .unprocessed_keys
        .map(|by_table| {
            by_table
                .into_iter()
                .map(|(table, keys)| Ok((table, keys_and_attributes_from(keys)?)))
                .collect::<Result<BTreeMap<_, _>>>()
        })
        .transpose()?;
    Ok(BatchGetItemOutput {
        responses,
        unprocessed_keys: unprocessed,
        consumed_capacity: output
            .consumed_capacity
            .map(|all| all.into_iter().map(consumed_capacity).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AttributeValue;

    fn key() -> crate::Item {
        [("pk".to_owned(), AttributeValue::S("a".into()))]
            .into_iter()
            .collect()
    }

    #[test]
    fn write_requests_round_trip() {
        for request in [WriteRequest::put(key()), WriteRequest::delete(key())] {
            let sdk = write_request(request.clone()).unwrap();
            assert_eq!(write_request_from(sdk).unwrap(), request);
        }
    }

    #[test]
    fn keys_and_attributes_round_trip() {
        let keys = KeysAndAttributes {
            keys: vec![key()],
            attributes_to_get: None,
            consistent_read: Some(true),
            projection_expression: Some("#p".into()),
            expression_attribute_names: Some([("#p".into(), "pk".into())].into_iter().collect()),
        };
        let sdk = keys_and_attributes(keys.clone()).unwrap();
        assert_eq!(keys_and_attributes_from(sdk).unwrap(), keys);
    }
}
