//! TransactWriteItems and TransactGetItems: each action onto the SDK's action builders, the
//! responses back into the model. A cancelled transaction's reasons are mapped in
//! [`super::error`].

use std::collections::BTreeMap;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types as sdk;

use super::error::from_sdk;
use super::table::{built, consumed_capacity, item_collection_metrics, sdk_enum};
use super::value::{item_to_sdk, names_to_sdk, opt_item_from_sdk, values_to_sdk};
use crate::error::Result;
use crate::model::{
    ItemResponse, TransactConditionCheck, TransactDelete, TransactGet, TransactGetItem,
    TransactGetItemsInput, TransactGetItemsOutput, TransactPut, TransactUpdate, TransactWriteItem,
    TransactWriteItemsInput, TransactWriteItemsOutput,
};

fn put(value: TransactPut) -> Result<sdk::Put> {
    built(
        "Put",
        sdk::Put::builder()
            .table_name(value.table_name)
            .set_item(Some(item_to_sdk(value.item)))
            .set_condition_expression(value.condition_expression)
            .set_expression_attribute_names(names_to_sdk(value.expression_attribute_names))
            .set_expression_attribute_values(values_to_sdk(value.expression_attribute_values))
            .set_return_values_on_condition_check_failure(sdk_enum(
                value.return_values_on_condition_check_failure,
            ))
            .build(),
    )
}

fn delete(value: TransactDelete) -> Result<sdk::Delete> {
    built(
        "Delete",
        sdk::Delete::builder()
            .table_name(value.table_name)
            .set_key(Some(item_to_sdk(value.key)))
            .set_condition_expression(value.condition_expression)
            .set_expression_attribute_names(names_to_sdk(value.expression_attribute_names))
            .set_expression_attribute_values(values_to_sdk(value.expression_attribute_values))
            .set_return_values_on_condition_check_failure(sdk_enum(
                value.return_values_on_condition_check_failure,
            ))
            .build(),
    )
}

fn update(value: TransactUpdate) -> Result<sdk::Update> {
    built(
        "Update",
        sdk::Update::builder()
            .table_name(value.table_name)
            .set_key(Some(item_to_sdk(value.key)))
            .update_expression(value.update_expression)
            .set_condition_expression(value.condition_expression)
            .set_expression_attribute_names(names_to_sdk(value.expression_attribute_names))
            .set_expression_attribute_values(values_to_sdk(value.expression_attribute_values))
            .set_return_values_on_condition_check_failure(sdk_enum(
                value.return_values_on_condition_check_failure,
            ))
            .build(),
    )
}

fn condition_check(value: TransactConditionCheck) -> Result<sdk::ConditionCheck> {
    built(
        "ConditionCheck",
        sdk::ConditionCheck::builder()
            .table_name(value.table_name)
            .set_key(Some(item_to_sdk(value.key)))
            .condition_expression(value.condition_expression)
            .set_expression_attribute_names(names_to_sdk(value.expression_attribute_names))
            .set_expression_attribute_values(values_to_sdk(value.expression_attribute_values))
            .set_return_values_on_condition_check_failure(sdk_enum(
                value.return_values_on_condition_check_failure,
            ))
            .build(),
    )
}

fn write_item(value: TransactWriteItem) -> Result<sdk::TransactWriteItem> {
    Ok(sdk::TransactWriteItem::builder()
        .set_condition_check(value.condition_check.map(condition_check).transpose()?)
        .set_put(value.put.map(put).transpose()?)
        .set_delete(value.delete.map(delete).transpose()?)
        .set_update(value.update.map(update).transpose()?)
        .build())
}

fn get(value: TransactGet) -> Result<sdk::Get> {
    built(
        "Get",
        sdk::Get::builder()
            .table_name(value.table_name)
            .set_key(Some(item_to_sdk(value.key)))
            .set_projection_expression(value.projection_expression)
            .set_expression_attribute_names(names_to_sdk(value.expression_attribute_names))
            .build(),
    )
}

fn get_item(value: TransactGetItem) -> Result<sdk::TransactGetItem> {
    Ok(sdk::TransactGetItem::builder().get(get(value.get)?).build())
}

pub(crate) async fn transact_write_items(
    client: &Client,
    input: TransactWriteItemsInput,
) -> Result<TransactWriteItemsOutput> {
    let items = input
        .transact_items
        .into_iter()
        .map(write_item)
        .collect::<Result<Vec<_>>>()?;
    let output = client
        .transact_write_items()
        .set_transact_items(Some(items))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .set_return_item_collection_metrics(sdk_enum(input.return_item_collection_metrics))
        .set_client_request_token(input.client_request_token)
        .send()
        .await
        .map_err(from_sdk)?;
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
    Ok(TransactWriteItemsOutput {
        consumed_capacity: output
            .consumed_capacity
            .map(|all| all.into_iter().map(consumed_capacity).collect()),
        item_collection_metrics: metrics,
    })
}

pub(crate) async fn transact_get_items(
    client: &Client,
    input: TransactGetItemsInput,
) -> Result<TransactGetItemsOutput> {
    let items = input
        .transact_items
        .into_iter()
        .map(get_item)
        .collect::<Result<Vec<_>>>()?;
    let output = client
        .transact_get_items()
        .set_transact_items(Some(items))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .send()
        .await
        .map_err(from_sdk)?;
    let responses = output
        .responses
        .map(|all| {
            all.into_iter()
                .map(|response| {
                    Ok(ItemResponse {
                        item: opt_item_from_sdk(response.item)?,
                    })
                })
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?;
    Ok(TransactGetItemsOutput {
        consumed_capacity: output
            .consumed_capacity
            .map(|all| all.into_iter().map(consumed_capacity).collect()),
        responses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AttributeValue;
    use crate::model::ReturnValuesOnConditionCheckFailure;

    fn key() -> crate::Item {
        [("pk".to_owned(), AttributeValue::S("a".into()))]
            .into_iter()
            .collect()
    }

    #[test]
    fn every_member_of_an_action_reaches_the_sdk() {
        let update = TransactUpdate {
            table_name: "t".into(),
            key: key(),
            update_expression: "SET #a = :v".into(),
            condition_expression: Some("attribute_exists(pk)".into()),
            expression_attribute_names: Some([("#a".into(), "a".into())].into_iter().collect()),
            expression_attribute_values: Some(
                [(":v".into(), AttributeValue::Bool(true))]
                    .into_iter()
                    .collect(),
            ),
            return_values_on_condition_check_failure: Some(
                ReturnValuesOnConditionCheckFailure::AllOld,
            ),
        };
        let sdk = write_item(update.into()).unwrap();
        assert!(sdk.put.is_none() && sdk.delete.is_none() && sdk.condition_check.is_none());
        let update = sdk.update.unwrap();
        assert_eq!(update.table_name, "t");
        assert_eq!(update.update_expression, "SET #a = :v");
        assert_eq!(
            update.condition_expression.as_deref(),
            Some("attribute_exists(pk)")
        );
        assert_eq!(update.expression_attribute_names.unwrap()["#a"], "a");
        assert_eq!(
            update.expression_attribute_values.unwrap()[":v"],
            sdk::AttributeValue::Bool(true)
        );
        assert_eq!(
            update.return_values_on_condition_check_failure,
            Some(sdk::ReturnValuesOnConditionCheckFailure::AllOld)
        );
        assert_eq!(update.key["pk"], sdk::AttributeValue::S("a".into()));
    }

    #[test]
    fn checks_puts_deletes_and_gets_convert() {
        let check = TransactConditionCheck {
            table_name: "t".into(),
            key: key(),
            condition_expression: "attribute_exists(pk)".into(),
            ..Default::default()
        };
        let sdk = write_item(check.into()).unwrap();
        assert_eq!(
            sdk.condition_check.unwrap().condition_expression,
            "attribute_exists(pk)"
        );
        let put = TransactPut {
            table_name: "t".into(),
            item: key(),
            ..Default::default()
        };
        assert_eq!(write_item(put.into()).unwrap().put.unwrap().item.len(), 1);
        let delete = TransactDelete {
            table_name: "t".into(),
            key: key(),
            ..Default::default()
        };
        assert_eq!(
            write_item(delete.into())
                .unwrap()
                .delete
                .unwrap()
                .table_name,
            "t"
        );
        let got = get_item(
            TransactGet {
                table_name: "t".into(),
                key: key(),
                projection_expression: Some("pk".into()),
                expression_attribute_names: None,
            }
            .into(),
        )
        .unwrap();
        assert_eq!(
            got.get.unwrap().projection_expression.as_deref(),
            Some("pk")
        );
    }
}
