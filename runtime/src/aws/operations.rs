//! One function per DynamoDB operation: the model request onto the SDK's fluent builder,
//! send, and the SDK response back into the model. Every member of the model's request is
//! passed on, set or not, so DynamoDB sees what the caller wrote and judges it.

use aws_sdk_dynamodb::Client;

use super::error::from_sdk;
use super::table::{
    self, attribute_definition, attribute_updates, billing_mode, conditions, consumed_capacity,
    expected, global_secondary_index, item_collection_metrics, key_schema, local_secondary_index,
    provisioned_throughput, sdk_enum, stream_specification, table_class, table_description,
};
use super::value::{item_to_sdk, names_to_sdk, opt_item_from_sdk, opt_item_to_sdk, values_to_sdk};
use crate::error::Result;
use crate::model::{
    CreateTableInput, CreateTableOutput, DeleteItemInput, DeleteItemOutput, DeleteTableInput,
    DeleteTableOutput, DescribeTableInput, DescribeTableOutput, GetItemInput, GetItemOutput,
    ListTablesInput, ListTablesOutput, PutItemInput, PutItemOutput, QueryInput, QueryOutput,
    ScanInput, ScanOutput, UpdateItemInput, UpdateItemOutput,
};

fn each<T, U>(values: Option<Vec<T>>, f: impl FnMut(T) -> Result<U>) -> Result<Option<Vec<U>>> {
    values
        .map(|values| values.into_iter().map(f).collect())
        .transpose()
}

pub(crate) async fn create_table(
    client: &Client,
    input: CreateTableInput,
) -> Result<CreateTableOutput> {
    let output = client
        .create_table()
        .table_name(input.table_name)
        .set_attribute_definitions(Some(
            input
                .attribute_definitions
                .into_iter()
                .map(attribute_definition)
                .collect::<Result<_>>()?,
        ))
        .set_key_schema(Some(key_schema(input.key_schema)?))
        .set_billing_mode(input.billing_mode.map(billing_mode))
        .set_provisioned_throughput(
            input
                .provisioned_throughput
                .map(provisioned_throughput)
                .transpose()?,
        )
        .set_local_secondary_indexes(each(input.local_secondary_indexes, local_secondary_index)?)
        .set_global_secondary_indexes(each(
            input.global_secondary_indexes,
            global_secondary_index,
        )?)
        .set_stream_specification(
            input
                .stream_specification
                .map(stream_specification)
                .transpose()?,
        )
        .set_tags(each(input.tags, table::tag)?)
        .set_table_class(input.table_class.map(table_class))
        .set_deletion_protection_enabled(input.deletion_protection_enabled)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(CreateTableOutput {
        table_description: output.table_description.map(table_description),
    })
}

pub(crate) async fn delete_table(
    client: &Client,
    input: DeleteTableInput,
) -> Result<DeleteTableOutput> {
    let output = client
        .delete_table()
        .table_name(input.table_name)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(DeleteTableOutput {
        table_description: output.table_description.map(table_description),
    })
}

pub(crate) async fn describe_table(
    client: &Client,
    input: DescribeTableInput,
) -> Result<DescribeTableOutput> {
    let output = client
        .describe_table()
        .table_name(input.table_name)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(DescribeTableOutput {
        table: output.table.map(table_description),
    })
}

pub(crate) async fn list_tables(
    client: &Client,
    input: ListTablesInput,
) -> Result<ListTablesOutput> {
    let output = client
        .list_tables()
        .set_exclusive_start_table_name(input.exclusive_start_table_name)
        .set_limit(input.limit)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(ListTablesOutput {
        table_names: output.table_names.unwrap_or_default(),
        last_evaluated_table_name: output.last_evaluated_table_name,
    })
}

pub(crate) async fn put_item(client: &Client, input: PutItemInput) -> Result<PutItemOutput> {
    let output = client
        .put_item()
        .table_name(input.table_name)
        .set_item(Some(item_to_sdk(input.item)))
        .set_condition_expression(input.condition_expression)
        .set_expression_attribute_names(names_to_sdk(input.expression_attribute_names))
        .set_expression_attribute_values(values_to_sdk(input.expression_attribute_values))
        .set_expected(expected(input.expected))
        .set_conditional_operator(sdk_enum(input.conditional_operator))
        .set_return_values(sdk_enum(input.return_values))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .set_return_item_collection_metrics(sdk_enum(input.return_item_collection_metrics))
        .set_return_values_on_condition_check_failure(sdk_enum(
            input.return_values_on_condition_check_failure,
        ))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(PutItemOutput {
        attributes: opt_item_from_sdk(output.attributes)?,
        consumed_capacity: output.consumed_capacity.map(consumed_capacity),
        item_collection_metrics: output
            .item_collection_metrics
            .map(item_collection_metrics)
            .transpose()?,
    })
}

pub(crate) async fn get_item(client: &Client, input: GetItemInput) -> Result<GetItemOutput> {
    let output = client
        .get_item()
        .table_name(input.table_name)
        .set_key(Some(item_to_sdk(input.key)))
        .set_consistent_read(input.consistent_read)
        .set_projection_expression(input.projection_expression)
        .set_expression_attribute_names(names_to_sdk(input.expression_attribute_names))
        .set_attributes_to_get(input.attributes_to_get)
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(GetItemOutput {
        item: opt_item_from_sdk(output.item)?,
        consumed_capacity: output.consumed_capacity.map(consumed_capacity),
    })
}

pub(crate) async fn delete_item(
    client: &Client,
    input: DeleteItemInput,
) -> Result<DeleteItemOutput> {
    let output = client
        .delete_item()
        .table_name(input.table_name)
        .set_key(Some(item_to_sdk(input.key)))
        .set_condition_expression(input.condition_expression)
        .set_expression_attribute_names(names_to_sdk(input.expression_attribute_names))
        .set_expression_attribute_values(values_to_sdk(input.expression_attribute_values))
        .set_expected(expected(input.expected))
        .set_conditional_operator(sdk_enum(input.conditional_operator))
        .set_return_values(sdk_enum(input.return_values))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .set_return_item_collection_metrics(sdk_enum(input.return_item_collection_metrics))
        .set_return_values_on_condition_check_failure(sdk_enum(
            input.return_values_on_condition_check_failure,
        ))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(DeleteItemOutput {
        attributes: opt_item_from_sdk(output.attributes)?,
        consumed_capacity: output.consumed_capacity.map(consumed_capacity),
        item_collection_metrics: output
            .item_collection_metrics
            .map(item_collection_metrics)
            .transpose()?,
    })
}

pub(crate) async fn update_item(
    client: &Client,
    input: UpdateItemInput,
) -> Result<UpdateItemOutput> {
    let output = client
        .update_item()
        .table_name(input.table_name)
        .set_key(Some(item_to_sdk(input.key)))
        .set_update_expression(input.update_expression)
        .set_condition_expression(input.condition_expression)
        .set_expression_attribute_names(names_to_sdk(input.expression_attribute_names))
        .set_expression_attribute_values(values_to_sdk(input.expression_attribute_values))
        .set_attribute_updates(attribute_updates(input.attribute_updates))
        .set_expected(expected(input.expected))
        .set_conditional_operator(sdk_enum(input.conditional_operator))
        .set_return_values(sdk_enum(input.return_values))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .set_return_item_collection_metrics(sdk_enum(input.return_item_collection_metrics))
        .set_return_values_on_condition_check_failure(sdk_enum(
            input.return_values_on_condition_check_failure,
        ))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(UpdateItemOutput {
        attributes: opt_item_from_sdk(output.attributes)?,
        consumed_capacity: output.consumed_capacity.map(consumed_capacity),
        item_collection_metrics: output
            .item_collection_metrics
            .map(item_collection_metrics)
            .transpose()?,
    })
}

pub(crate) async fn query(client: &Client, input: QueryInput) -> Result<QueryOutput> {
    let output = client
        .query()
        .table_name(input.table_name)
        .set_index_name(input.index_name)
        .set_select(sdk_enum(input.select))
        .set_attributes_to_get(input.attributes_to_get)
        .set_limit(input.limit)
        .set_consistent_read(input.consistent_read)
        .set_key_conditions(conditions(input.key_conditions)?)
        .set_query_filter(conditions(input.query_filter)?)
        .set_conditional_operator(sdk_enum(input.conditional_operator))
        .set_scan_index_forward(input.scan_index_forward)
        .set_exclusive_start_key(opt_item_to_sdk(input.exclusive_start_key))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .set_projection_expression(input.projection_expression)
        .set_filter_expression(input.filter_expression)
        .set_key_condition_expression(input.key_condition_expression)
        .set_expression_attribute_names(names_to_sdk(input.expression_attribute_names))
        .set_expression_attribute_values(values_to_sdk(input.expression_attribute_values))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(QueryOutput {
        items: table::items_from(output.items)?,
        count: output.count,
        scanned_count: output.scanned_count,
        last_evaluated_key: opt_item_from_sdk(output.last_evaluated_key)?,
        consumed_capacity: output.consumed_capacity.map(consumed_capacity),
    })
}

pub(crate) async fn scan(client: &Client, input: ScanInput) -> Result<ScanOutput> {
    let output = client
        .scan()
        .table_name(input.table_name)
        .set_index_name(input.index_name)
        .set_attributes_to_get(input.attributes_to_get)
        .set_limit(input.limit)
        .set_select(sdk_enum(input.select))
        .set_scan_filter(conditions(input.scan_filter)?)
        .set_conditional_operator(sdk_enum(input.conditional_operator))
        .set_exclusive_start_key(opt_item_to_sdk(input.exclusive_start_key))
        .set_return_consumed_capacity(sdk_enum(input.return_consumed_capacity))
        .set_total_segments(input.total_segments)
        .set_segment(input.segment)
        .set_projection_expression(input.projection_expression)
        .set_filter_expression(input.filter_expression)
        .set_expression_attribute_names(names_to_sdk(input.expression_attribute_names))
        .set_expression_attribute_values(values_to_sdk(input.expression_attribute_values))
        .set_consistent_read(input.consistent_read)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(ScanOutput {
        items: table::items_from(output.items)?,
        count: output.count,
        scanned_count: output.scanned_count,
        last_evaluated_key: opt_item_from_sdk(output.last_evaluated_key)?,
        consumed_capacity: output.consumed_capacity.map(consumed_capacity),
    })
}
