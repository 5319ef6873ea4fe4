//! UpdateTable: the model request onto the SDK, every member passed on.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types as sdk;

use super::error::from_sdk;
use super::table::{
    attribute_definition, billing_mode, built, key_schema, projection, provisioned_throughput,
    stream_specification, table_class, table_description,
};
use crate::error::Result;
use crate::model::{
    CreateGlobalSecondaryIndexAction, DeleteGlobalSecondaryIndexAction, GlobalSecondaryIndexUpdate,
    UpdateGlobalSecondaryIndexAction, UpdateTableInput, UpdateTableOutput,
};

pub(crate) async fn update_table(
    client: &Client,
    input: UpdateTableInput,
) -> Result<UpdateTableOutput> {
    let output = client
        .update_table()
        .table_name(input.table_name)
        .set_attribute_definitions(
            input
                .attribute_definitions
                .map(|defs| defs.into_iter().map(attribute_definition).collect())
                .transpose()?,
        )
        .set_billing_mode(input.billing_mode.map(billing_mode))
        .set_provisioned_throughput(
            input
                .provisioned_throughput
                .map(provisioned_throughput)
                .transpose()?,
        )
        .set_global_secondary_index_updates(
            input
                .global_secondary_index_updates
                .map(|updates| updates.into_iter().map(index_update).collect())
                .transpose()?,
        )
        .set_stream_specification(
            input
                .stream_specification
                .map(stream_specification)
                .transpose()?,
        )
        .set_deletion_protection_enabled(input.deletion_protection_enabled)
        .set_table_class(input.table_class.map(table_class))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(UpdateTableOutput {
        table_description: output.table_description.map(table_description),
    })
}

fn index_update(value: GlobalSecondaryIndexUpdate) -> Result<sdk::GlobalSecondaryIndexUpdate> {
    Ok(sdk::GlobalSecondaryIndexUpdate::builder()
        .set_create(value.create.map(create_action).transpose()?)
        .set_update(value.update.map(update_action).transpose()?)
        .set_delete(value.delete.map(delete_action).transpose()?)
        .build())
}

fn create_action(
    value: CreateGlobalSecondaryIndexAction,
) -> Result<sdk::CreateGlobalSecondaryIndexAction> {
    built(
        "CreateGlobalSecondaryIndexAction",
        sdk::CreateGlobalSecondaryIndexAction::builder()
            .index_name(value.index_name)
            .set_key_schema(Some(key_schema(value.key_schema)?))
            .projection(projection(value.projection))
            .set_provisioned_throughput(
                value
                    .provisioned_throughput
                    .map(provisioned_throughput)
                    .transpose()?,
            )
            .build(),
    )
}

fn update_action(
    value: UpdateGlobalSecondaryIndexAction,
) -> Result<sdk::UpdateGlobalSecondaryIndexAction> {
    built(
        "UpdateGlobalSecondaryIndexAction",
        sdk::UpdateGlobalSecondaryIndexAction::builder()
            .index_name(value.index_name)
            .set_provisioned_throughput(
                value
                    .provisioned_throughput
                    .map(provisioned_throughput)
                    .transpose()?,
            )
            .build(),
    )
}

fn delete_action(
    value: DeleteGlobalSecondaryIndexAction,
) -> Result<sdk::DeleteGlobalSecondaryIndexAction> {
    built(
        "DeleteGlobalSecondaryIndexAction",
        sdk::DeleteGlobalSecondaryIndexAction::builder()
            .index_name(value.index_name)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeySchemaElement, Projection, ProjectionType, ProvisionedThroughput};

    #[test]
    fn index_updates_keep_every_member() {
        let create = index_update(
            CreateGlobalSecondaryIndexAction {
                index_name: "by_owner".into(),
                key_schema: vec![KeySchemaElement::hash("owner")],
                projection: Projection {
                    projection_type: Some(ProjectionType::KeysOnly),
                    non_key_attributes: None,
                },
                provisioned_throughput: Some(ProvisionedThroughput {
                    read_capacity_units: 3,
                    write_capacity_units: 4,
                }),
            }
            .into(),
        )
        .unwrap();
        let action = create.create.unwrap();
        assert_eq!(action.index_name, "by_owner");
        assert_eq!(action.key_schema[0].attribute_name, "owner");
        assert_eq!(
            action.projection.and_then(|p| p.projection_type),
            Some(sdk::ProjectionType::KeysOnly)
        );
        assert_eq!(
            action.provisioned_throughput.map(|t| t.read_capacity_units),
            Some(3)
        );
        assert!(create.update.is_none() && create.delete.is_none());

        let delete = index_update(
            DeleteGlobalSecondaryIndexAction {
                index_name: "old".into(),
            }
            .into(),
        )
        .unwrap();
        assert_eq!(delete.delete.unwrap().index_name, "old");

        let update = index_update(
            UpdateGlobalSecondaryIndexAction {
                index_name: "g".into(),
                provisioned_throughput: None,
            }
            .into(),
        )
        .unwrap();
        let update = update.update.unwrap();
        assert_eq!(update.index_name, "g");
        assert!(update.provisioned_throughput.is_none());
    }
}
