//! One request and one response struct per DynamoDB operation, in the JSON 1.0 wire shape
//! (`PascalCase` members, absent members omitted).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::enums::{
    AttributeAction, BillingMode, ComparisonOperator, ConditionalOperator, ReturnConsumedCapacity,
    ReturnItemCollectionMetrics, ReturnValue, ReturnValuesOnConditionCheckFailure, Select,
    TableClass, TimeToLiveStatus,
};
use super::table::{
    AttributeDefinition, GlobalSecondaryIndex, KeySchemaElement, LocalSecondaryIndex, Projection,
    ProvisionedThroughput, StreamSpecification, TableDescription, Tag,
};
use super::{AttributeValue, Item};

/// `#name` placeholders of an expression.
pub type ExpressionAttributeNames = BTreeMap<String, String>;
/// `:value` placeholders of an expression.
pub type ExpressionAttributeValues = BTreeMap<String, AttributeValue>;

/// Capacity an operation consumed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConsumedCapacity {
    /// The table the capacity was consumed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_name: Option<String>,
    /// Total capacity units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_units: Option<f64>,
    /// Read capacity units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_capacity_units: Option<f64>,
    /// Write capacity units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_capacity_units: Option<f64>,
    /// Capacity on the table itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Capacity>,
    /// Capacity per local secondary index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_secondary_indexes: Option<BTreeMap<String, Capacity>>,
    /// Capacity per global secondary index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_secondary_indexes: Option<BTreeMap<String, Capacity>>,
}

/// Capacity units on one table or index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Capacity {
    /// Read capacity units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_capacity_units: Option<f64>,
    /// Write capacity units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_capacity_units: Option<f64>,
    /// Total capacity units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_units: Option<f64>,
}

/// A legacy condition on one attribute (`KeyConditions`, `QueryFilter`, `ScanFilter`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Condition {
    /// The comparison.
    pub comparison_operator: ComparisonOperator,
    /// Its operands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute_value_list: Option<Vec<AttributeValue>>,
}

/// A legacy write condition on one attribute (`Expected`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExpectedAttributeValue {
    /// The value the attribute must have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<AttributeValue>,
    /// Whether the attribute must exist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exists: Option<bool>,
    /// The comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison_operator: Option<ComparisonOperator>,
    /// Its operands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute_value_list: Option<Vec<AttributeValue>>,
}

/// A legacy update of one attribute (`AttributeUpdates`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeValueUpdate {
    /// The value to put, add or delete (absent for a `DELETE` of the whole attribute).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<AttributeValue>,
    /// What to do (`PUT` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<AttributeAction>,
}

/// Size estimate of an item collection touched by a write.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ItemCollectionMetrics {
    /// The partition key value of the collection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_collection_key: Option<Item>,
    /// Lower and upper bound of the collection size, in GB.
    #[serde(
        rename = "SizeEstimateRangeGB",
        skip_serializing_if = "Option::is_none"
    )]
    pub size_estimate_range_gb: Option<Vec<f64>>,
}

/// CreateTable request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateTableInput {
    /// The table name.
    pub table_name: String,
    /// Types of the key attributes.
    pub attribute_definitions: Vec<AttributeDefinition>,
    /// The primary key.
    pub key_schema: Vec<KeySchemaElement>,
    /// Billing mode (`PROVISIONED` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_mode: Option<BillingMode>,
    /// Throughput, required for provisioned tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioned_throughput: Option<ProvisionedThroughput>,
    /// Local secondary indexes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_secondary_indexes: Option<Vec<LocalSecondaryIndex>>,
    /// Global secondary indexes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_secondary_indexes: Option<Vec<GlobalSecondaryIndex>>,
    /// Stream settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_specification: Option<StreamSpecification>,
    /// Tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// Storage class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_class: Option<TableClass>,
    /// Whether the table can be deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_protection_enabled: Option<bool>,
}

/// CreateTable response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateTableOutput {
    /// The new table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_description: Option<TableDescription>,
}

/// DeleteTable request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteTableInput {
    /// The table name.
    pub table_name: String,
}

/// DeleteTable response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteTableOutput {
    /// The table as it was deleted (status `DELETING`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_description: Option<TableDescription>,
}

/// DescribeTable request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeTableInput {
    /// The table name.
    pub table_name: String,
}

/// DescribeTable response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeTableOutput {
    /// The table.
    #[serde(rename = "Table", skip_serializing_if = "Option::is_none")]
    pub table: Option<TableDescription>,
}

/// UpdateTable request: changes billing, throughput, streams, the table class or deletion
/// protection, or creates, updates or deletes one global secondary index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateTableInput {
    /// The table name.
    pub table_name: String,
    /// Types of the key attributes of an index being created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute_definitions: Option<Vec<AttributeDefinition>>,
    /// The new billing mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_mode: Option<BillingMode>,
    /// The new throughput of a provisioned table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioned_throughput: Option<ProvisionedThroughput>,
    /// Global secondary indexes to create, update or delete (one create or delete per call).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_secondary_index_updates: Option<Vec<GlobalSecondaryIndexUpdate>>,
    /// New stream settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_specification: Option<StreamSpecification>,
    /// Whether the table can be deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_protection_enabled: Option<bool>,
    /// The new storage class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_class: Option<TableClass>,
}

/// One change to a table's global secondary indexes in UpdateTable: exactly one of the
/// members is set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GlobalSecondaryIndexUpdate {
    /// Creates an index and fills it from the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<CreateGlobalSecondaryIndexAction>,
    /// Changes an index's throughput.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<UpdateGlobalSecondaryIndexAction>,
    /// Deletes an index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<DeleteGlobalSecondaryIndexAction>,
}

impl From<CreateGlobalSecondaryIndexAction> for GlobalSecondaryIndexUpdate {
    fn from(action: CreateGlobalSecondaryIndexAction) -> Self {
        GlobalSecondaryIndexUpdate {
            create: Some(action),
            ..Default::default()
        }
    }
}

impl From<UpdateGlobalSecondaryIndexAction> for GlobalSecondaryIndexUpdate {
    fn from(action: UpdateGlobalSecondaryIndexAction) -> Self {
        GlobalSecondaryIndexUpdate {
            update: Some(action),
            ..Default::default()
        }
    }
}

impl From<DeleteGlobalSecondaryIndexAction> for GlobalSecondaryIndexUpdate {
    fn from(action: DeleteGlobalSecondaryIndexAction) -> Self {
        GlobalSecondaryIndexUpdate {
            delete: Some(action),
            ..Default::default()
        }
    }
}

/// A global secondary index to create on an existing table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGlobalSecondaryIndexAction {
    /// The index name.
    pub index_name: String,
    /// The index key.
    pub key_schema: Vec<KeySchemaElement>,
    /// What the index copies.
    pub projection: Projection,
    /// Throughput for an index of a provisioned table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioned_throughput: Option<ProvisionedThroughput>,
}

/// New throughput for an existing global secondary index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateGlobalSecondaryIndexAction {
    /// The index name.
    pub index_name: String,
    /// The new throughput.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioned_throughput: Option<ProvisionedThroughput>,
}

/// A global secondary index to delete.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteGlobalSecondaryIndexAction {
    /// The index name.
    pub index_name: String,
}

/// UpdateTable response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateTableOutput {
    /// The table as the change left it (status `UPDATING` while a change is under way).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_description: Option<TableDescription>,
}

/// ListTables request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTablesInput {
    /// List names after this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_start_table_name: Option<String>,
    /// At most this many names (1 to 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}

/// ListTables response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTablesOutput {
    /// Table names in ascending order.
    pub table_names: Vec<String>,
    /// Where the next page starts, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_evaluated_table_name: Option<String>,
}

/// PutItem request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutItemInput {
    /// The table name.
    pub table_name: String,
    /// The whole item, key included.
    pub item: Item,
    /// A condition the existing item must meet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Legacy conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<BTreeMap<String, ExpectedAttributeValue>>,
    /// How legacy conditions combine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditional_operator: Option<ConditionalOperator>,
    /// `NONE` or `ALL_OLD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values: Option<ReturnValue>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
    /// Item collection reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_item_collection_metrics: Option<ReturnItemCollectionMetrics>,
    /// Whether a failed condition returns the item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values_on_condition_check_failure: Option<ReturnValuesOnConditionCheckFailure>,
}

/// PutItem response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutItemOutput {
    /// The replaced item, with `ALL_OLD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Item>,
    /// Capacity consumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<ConsumedCapacity>,
    /// Item collection size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_collection_metrics: Option<ItemCollectionMetrics>,
}

/// GetItem request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetItemInput {
    /// The table name.
    pub table_name: String,
    /// The primary key.
    pub key: Item,
    /// Strongly consistent read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistent_read: Option<bool>,
    /// Attributes to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// Legacy projection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes_to_get: Option<Vec<String>>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
}

/// GetItem response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetItemOutput {
    /// The item, absent if there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Item>,
    /// Capacity consumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<ConsumedCapacity>,
}

/// DeleteItem request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteItemInput {
    /// The table name.
    pub table_name: String,
    /// The primary key.
    pub key: Item,
    /// A condition the existing item must meet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Legacy conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<BTreeMap<String, ExpectedAttributeValue>>,
    /// How legacy conditions combine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditional_operator: Option<ConditionalOperator>,
    /// `NONE` or `ALL_OLD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values: Option<ReturnValue>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
    /// Item collection reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_item_collection_metrics: Option<ReturnItemCollectionMetrics>,
    /// Whether a failed condition returns the item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values_on_condition_check_failure: Option<ReturnValuesOnConditionCheckFailure>,
}

/// DeleteItem response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteItemOutput {
    /// The deleted item, with `ALL_OLD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Item>,
    /// Capacity consumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<ConsumedCapacity>,
    /// Item collection size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_collection_metrics: Option<ItemCollectionMetrics>,
}

/// UpdateItem request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateItemInput {
    /// The table name.
    pub table_name: String,
    /// The primary key of the item to update (or create).
    pub key: Item,
    /// The changes, as an expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_expression: Option<String>,
    /// A condition the existing item must meet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Legacy changes, per attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute_updates: Option<BTreeMap<String, AttributeValueUpdate>>,
    /// Legacy conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<BTreeMap<String, ExpectedAttributeValue>>,
    /// How legacy conditions combine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditional_operator: Option<ConditionalOperator>,
    /// Which image of the item to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values: Option<ReturnValue>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
    /// Item collection reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_item_collection_metrics: Option<ReturnItemCollectionMetrics>,
    /// Whether a failed condition returns the item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values_on_condition_check_failure: Option<ReturnValuesOnConditionCheckFailure>,
}

/// UpdateItem response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateItemOutput {
    /// The image `ReturnValues` asked for, if it has any attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Item>,
    /// Capacity consumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<ConsumedCapacity>,
    /// Item collection size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_collection_metrics: Option<ItemCollectionMetrics>,
}

/// Query request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct QueryInput {
    /// The table name.
    pub table_name: String,
    /// Query a secondary index instead of the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_name: Option<String>,
    /// What to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Select>,
    /// Legacy projection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes_to_get: Option<Vec<String>>,
    /// Items to evaluate (before the filter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// Strongly consistent read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistent_read: Option<bool>,
    /// Legacy key conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_conditions: Option<BTreeMap<String, Condition>>,
    /// Legacy filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_filter: Option<BTreeMap<String, Condition>>,
    /// How legacy filter conditions combine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditional_operator: Option<ConditionalOperator>,
    /// Ascending (the default) or descending sort-key order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scan_index_forward: Option<bool>,
    /// Continue after this key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_start_key: Option<Item>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
    /// Attributes to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection_expression: Option<String>,
    /// Filter applied after the key condition and `Limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_expression: Option<String>,
    /// The key condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_condition_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
}

/// Query response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct QueryOutput {
    /// The matching items (absent with `Select = COUNT`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
    /// Items that matched the filter.
    pub count: i32,
    /// Items evaluated.
    pub scanned_count: i32,
    /// Where the next page starts, if there may be one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_evaluated_key: Option<Item>,
    /// Capacity consumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<ConsumedCapacity>,
}

/// Scan request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScanInput {
    /// The table name.
    pub table_name: String,
    /// Scan a secondary index instead of the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_name: Option<String>,
    /// Legacy projection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes_to_get: Option<Vec<String>>,
    /// Items to evaluate (before the filter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// What to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Select>,
    /// Legacy filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scan_filter: Option<BTreeMap<String, Condition>>,
    /// How legacy filter conditions combine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditional_operator: Option<ConditionalOperator>,
    /// Continue after this key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_start_key: Option<Item>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
    /// Total segments of a parallel scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_segments: Option<i32>,
    /// This worker's segment of a parallel scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<i32>,
    /// Attributes to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection_expression: Option<String>,
    /// Filter applied after `Limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Strongly consistent read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistent_read: Option<bool>,
}

/// Scan response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScanOutput {
    /// The matching items (absent with `Select = COUNT`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
    /// Items that matched the filter.
    pub count: i32,
    /// Items evaluated.
    pub scanned_count: i32,
    /// Where the next page starts, if there may be one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_evaluated_key: Option<Item>,
    /// Capacity consumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<ConsumedCapacity>,
}

/// `Put` action of TransactWriteItems.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactPut {
    /// The table name.
    pub table_name: String,
    /// The whole item, key included.
    pub item: Item,
    /// A condition the existing item must meet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Whether a failed condition returns the item in the cancellation reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values_on_condition_check_failure: Option<ReturnValuesOnConditionCheckFailure>,
}

/// `Delete` action of TransactWriteItems.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactDelete {
    /// The table name.
    pub table_name: String,
    /// The primary key.
    pub key: Item,
    /// A condition the existing item must meet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Whether a failed condition returns the item in the cancellation reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values_on_condition_check_failure: Option<ReturnValuesOnConditionCheckFailure>,
}

/// `Update` action of TransactWriteItems.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactUpdate {
    /// The table name.
    pub table_name: String,
    /// The primary key of the item to update (or create).
    pub key: Item,
    /// The changes.
    pub update_expression: String,
    /// A condition the existing item must meet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Whether a failed condition returns the item in the cancellation reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values_on_condition_check_failure: Option<ReturnValuesOnConditionCheckFailure>,
}

/// `ConditionCheck` action of TransactWriteItems: a condition on an item that is not written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactConditionCheck {
    /// The table name.
    pub table_name: String,
    /// The primary key.
    pub key: Item,
    /// The condition the item must meet.
    pub condition_expression: String,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
    /// `:value` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_values: Option<ExpressionAttributeValues>,
    /// Whether a failed condition returns the item in the cancellation reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_values_on_condition_check_failure: Option<ReturnValuesOnConditionCheckFailure>,
}

/// One action of TransactWriteItems: exactly one member is set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactWriteItem {
    /// Check a condition without writing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_check: Option<TransactConditionCheck>,
    /// Put an item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub put: Option<TransactPut>,
    /// Delete an item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<TransactDelete>,
    /// Update an item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<TransactUpdate>,
}

impl From<TransactPut> for TransactWriteItem {
    fn from(put: TransactPut) -> Self {
        TransactWriteItem {
            put: Some(put),
            ..TransactWriteItem::default()
        }
    }
}

impl From<TransactDelete> for TransactWriteItem {
    fn from(delete: TransactDelete) -> Self {
        TransactWriteItem {
            delete: Some(delete),
            ..TransactWriteItem::default()
        }
    }
}

impl From<TransactUpdate> for TransactWriteItem {
    fn from(update: TransactUpdate) -> Self {
        TransactWriteItem {
            update: Some(update),
            ..TransactWriteItem::default()
        }
    }
}

impl From<TransactConditionCheck> for TransactWriteItem {
    fn from(check: TransactConditionCheck) -> Self {
        TransactWriteItem {
            condition_check: Some(check),
            ..TransactWriteItem::default()
        }
    }
}

/// TransactWriteItems request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactWriteItemsInput {
    /// The actions, 1 to 100, all applied or none.
    pub transact_items: Vec<TransactWriteItem>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
    /// Item collection reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_item_collection_metrics: Option<ReturnItemCollectionMetrics>,
    /// Idempotency token, valid for 10 minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_request_token: Option<String>,
}

/// TransactWriteItems response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactWriteItemsOutput {
    /// Capacity consumed, one entry per table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<Vec<ConsumedCapacity>>,
    /// Item collection sizes, per table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_collection_metrics: Option<BTreeMap<String, Vec<ItemCollectionMetrics>>>,
}

/// `Get` action of TransactGetItems.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactGet {
    /// The table name.
    pub table_name: String,
    /// The primary key.
    pub key: Item,
    /// Attributes to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
}

/// One action of TransactGetItems.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactGetItem {
    /// The read.
    pub get: TransactGet,
}

impl From<TransactGet> for TransactGetItem {
    fn from(get: TransactGet) -> Self {
        TransactGetItem { get }
    }
}

/// TransactGetItems request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactGetItemsInput {
    /// The reads, 1 to 100, from one snapshot.
    pub transact_items: Vec<TransactGetItem>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
}

/// One read's result in a TransactGetItems response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ItemResponse {
    /// The item, absent if there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Item>,
}

/// TransactGetItems response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransactGetItemsOutput {
    /// Capacity consumed, one entry per table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<Vec<ConsumedCapacity>>,
    /// One response per read, in request order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responses: Option<Vec<ItemResponse>>,
}

/// Put one item in a BatchWriteItem.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutRequest {
    /// The whole item, key included.
    pub item: Item,
}

/// Delete one item in a BatchWriteItem.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteRequest {
    /// The primary key.
    pub key: Item,
}

/// One write of a BatchWriteItem: exactly one member is set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WriteRequest {
    /// Put an item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub put_request: Option<PutRequest>,
    /// Delete an item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_request: Option<DeleteRequest>,
}

impl WriteRequest {
    /// A put of `item`.
    pub fn put(item: Item) -> Self {
        WriteRequest {
            put_request: Some(PutRequest { item }),
            delete_request: None,
        }
    }

    /// A delete of the item with `key`.
    pub fn delete(key: Item) -> Self {
        WriteRequest {
            put_request: None,
            delete_request: Some(DeleteRequest { key }),
        }
    }
}

/// BatchWriteItem request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BatchWriteItemInput {
    /// Writes per table name, 1 to 25 in all.
    pub request_items: BTreeMap<String, Vec<WriteRequest>>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
    /// Item collection reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_item_collection_metrics: Option<ReturnItemCollectionMetrics>,
}

/// BatchWriteItem response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BatchWriteItemOutput {
    /// Writes not made, to send again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unprocessed_items: Option<BTreeMap<String, Vec<WriteRequest>>>,
    /// Item collection sizes, per table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_collection_metrics: Option<BTreeMap<String, Vec<ItemCollectionMetrics>>>,
    /// Capacity consumed, one entry per table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<Vec<ConsumedCapacity>>,
}

/// The keys to read from one table in a BatchGetItem, and how.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeysAndAttributes {
    /// The primary keys.
    pub keys: Vec<Item>,
    /// Legacy projection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes_to_get: Option<Vec<String>>,
    /// Strongly consistent reads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistent_read: Option<bool>,
    /// Attributes to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection_expression: Option<String>,
    /// `#name` placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_attribute_names: Option<ExpressionAttributeNames>,
}

/// BatchGetItem request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BatchGetItemInput {
    /// Keys per table name, 1 to 100 in all.
    pub request_items: BTreeMap<String, KeysAndAttributes>,
    /// Capacity reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_consumed_capacity: Option<ReturnConsumedCapacity>,
}

/// BatchGetItem response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BatchGetItemOutput {
    /// Items found, per table name, in no particular order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responses: Option<BTreeMap<String, Vec<Item>>>,
    /// Keys not read, to send again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unprocessed_keys: Option<BTreeMap<String, KeysAndAttributes>>,
    /// Capacity consumed, one entry per table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumed_capacity: Option<Vec<ConsumedCapacity>>,
}

/// The time-to-live setting of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TimeToLiveSpecification {
    /// Whether expired items are deleted.
    pub enabled: bool,
    /// The attribute holding each item's expiry, in epoch seconds.
    pub attribute_name: String,
}

/// UpdateTimeToLive request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateTimeToLiveInput {
    /// The table name.
    pub table_name: String,
    /// The new setting.
    pub time_to_live_specification: TimeToLiveSpecification,
}

/// UpdateTimeToLive response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateTimeToLiveOutput {
    /// The setting as requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live_specification: Option<TimeToLiveSpecification>,
}

/// DescribeTimeToLive request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeTimeToLiveInput {
    /// The table name.
    pub table_name: String,
}

/// A table's time-to-live state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TimeToLiveDescription {
    /// Whether it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live_status: Option<TimeToLiveStatus>,
    /// The expiry attribute, when on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute_name: Option<String>,
}

/// DescribeTimeToLive response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeTimeToLiveOutput {
    /// The table's time-to-live state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live_description: Option<TimeToLiveDescription>,
}

/// TagResource request: adds tags to a table, replacing the value of each key it already has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagResourceInput {
    /// The table's ARN (`TableArn` of its description).
    pub resource_arn: String,
    /// The tags to add or change.
    pub tags: Vec<Tag>,
}

/// TagResource response (no members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagResourceOutput {}

/// UntagResource request: removes tags from a table by key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UntagResourceInput {
    /// The table's ARN.
    pub resource_arn: String,
    /// The keys of the tags to remove; keys the table does not have are ignored.
    pub tag_keys: Vec<String>,
}

/// UntagResource response (no members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UntagResourceOutput {}

/// ListTagsOfResource request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTagsOfResourceInput {
    /// The table's ARN.
    pub resource_arn: String,
    /// Where to continue: the `next_token` of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// ListTagsOfResource response: one page of a table's tags.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTagsOfResourceOutput {
    /// The tags of this page.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Present when more tags follow: pass it as the next request's `next_token`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}
