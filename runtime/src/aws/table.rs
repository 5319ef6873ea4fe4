//! Table definitions, descriptions, capacity and legacy conditions: model ⇄ SDK.
//!
//! String enumerations cross by their wire names, so a value either side does not know
//! survives the trip (the model keeps it in `Unknown`, the SDK in its own unknown variant)
//! and DynamoDB judges it. Timestamps become epoch seconds, as on the wire.

use std::collections::{BTreeMap, HashMap};

use aws_sdk_dynamodb::error::BuildError;
use aws_sdk_dynamodb::primitives::DateTime;
use aws_sdk_dynamodb::types as sdk;

use super::value::{item_from_sdk, list_to_sdk, to_sdk};
use crate::error::{Error, Result};
use crate::model::{
    AttributeAction, AttributeDefinition, AttributeValueUpdate, BillingMode, BillingModeSummary,
    Capacity, Condition, ConsumedCapacity, ExpectedAttributeValue, GlobalSecondaryIndex,
    GlobalSecondaryIndexDescription, IndexStatus, ItemCollectionMetrics, KeySchemaElement, KeyType,
    LocalSecondaryIndex, LocalSecondaryIndexDescription, Projection, ProjectionType,
    ProvisionedThroughput, ProvisionedThroughputDescription, ScalarAttributeType,
    StreamSpecification, StreamViewType, TableClass, TableClassSummary, TableDescription,
    TableStatus, Tag,
};

/// A model enumeration as the SDK's, by wire name.
macro_rules! to_sdk_enum {
    ($value:expr, $sdk:ty) => {
        <$sdk>::from($value.as_str())
    };
}

/// An optional model enumeration as the SDK's, by wire name (the setter's type picks `S`).
pub(crate) fn sdk_enum<S: for<'a> From<&'a str>>(value: Option<impl AsRef<str>>) -> Option<S> {
    value.map(|v| S::from(v.as_ref()))
}

/// An SDK enumeration as the model's, by wire name.
macro_rules! from_sdk_enum {
    ($value:expr, $model:ty) => {
        <$model>::from_wire($value.as_str())
    };
}

/// An SDK builder that refused to build: a required member was missing. The model's types
/// always carry required members, so this means the two disagree about the API.
pub(crate) fn built<T>(what: &str, result: std::result::Result<T, BuildError>) -> Result<T> {
    result.map_err(|error| {
        Error::configuration(format!("could not build the SDK's `{what}`: {error}"))
    })
}

fn secs(time: Option<DateTime>) -> Option<f64> {
    time.map(|t| t.as_secs_f64())
}

fn map_vec<T, U>(values: Option<Vec<T>>, f: impl FnMut(T) -> Result<U>) -> Result<Option<Vec<U>>> {
    values
        .map(|values| values.into_iter().map(f).collect())
        .transpose()
}

// ---- Requests -------------------------------------------------------------------------------

pub(crate) fn attribute_definition(value: AttributeDefinition) -> Result<sdk::AttributeDefinition> {
    built(
        "AttributeDefinition",
        sdk::AttributeDefinition::builder()
            .attribute_name(value.attribute_name)
            .attribute_type(to_sdk_enum!(value.attribute_type, sdk::ScalarAttributeType))
            .build(),
    )
}

pub(crate) fn key_schema_element(value: KeySchemaElement) -> Result<sdk::KeySchemaElement> {
    built(
        "KeySchemaElement",
        sdk::KeySchemaElement::builder()
            .attribute_name(value.attribute_name)
            .key_type(to_sdk_enum!(value.key_type, sdk::KeyType))
            .build(),
    )
}

pub(crate) fn key_schema(values: Vec<KeySchemaElement>) -> Result<Vec<sdk::KeySchemaElement>> {
    values.into_iter().map(key_schema_element).collect()
}

pub(crate) fn provisioned_throughput(
    value: ProvisionedThroughput,
) -> Result<sdk::ProvisionedThroughput> {
    built(
        "ProvisionedThroughput",
        sdk::ProvisionedThroughput::builder()
            .read_capacity_units(value.read_capacity_units)
            .write_capacity_units(value.write_capacity_units)
            .build(),
    )
}

pub(crate) fn projection(value: Projection) -> sdk::Projection {
    sdk::Projection::builder()
        .set_projection_type(sdk_enum(value.projection_type))
        .set_non_key_attributes(value.non_key_attributes)
        .build()
}

pub(crate) fn global_secondary_index(
    value: GlobalSecondaryIndex,
) -> Result<sdk::GlobalSecondaryIndex> {
    built(
        "GlobalSecondaryIndex",
        sdk::GlobalSecondaryIndex::builder()
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

pub(crate) fn local_secondary_index(
    value: LocalSecondaryIndex,
) -> Result<sdk::LocalSecondaryIndex> {
    built(
        "LocalSecondaryIndex",
        sdk::LocalSecondaryIndex::builder()
            .index_name(value.index_name)
            .set_key_schema(Some(key_schema(value.key_schema)?))
            .projection(projection(value.projection))
            .build(),
    )
}

pub(crate) fn stream_specification(value: StreamSpecification) -> Result<sdk::StreamSpecification> {
    built(
        "StreamSpecification",
        sdk::StreamSpecification::builder()
            .stream_enabled(value.stream_enabled)
            .set_stream_view_type(sdk_enum(value.stream_view_type))
            .build(),
    )
}

pub(crate) fn tag(value: Tag) -> Result<sdk::Tag> {
    built(
        "Tag",
        sdk::Tag::builder()
            .key(value.key)
            .value(value.value)
            .build(),
    )
}

pub(crate) fn billing_mode(value: BillingMode) -> sdk::BillingMode {
    to_sdk_enum!(value, sdk::BillingMode)
}

pub(crate) fn table_class(value: TableClass) -> sdk::TableClass {
    to_sdk_enum!(value, sdk::TableClass)
}

pub(crate) fn condition(value: Condition) -> Result<sdk::Condition> {
    built(
        "Condition",
        sdk::Condition::builder()
            .comparison_operator(to_sdk_enum!(
                value.comparison_operator,
                sdk::ComparisonOperator
            ))
            .set_attribute_value_list(list_to_sdk(value.attribute_value_list))
            .build(),
    )
}

pub(crate) fn conditions(
    values: Option<BTreeMap<String, Condition>>,
) -> Result<Option<HashMap<String, sdk::Condition>>> {
    values
        .map(|values| {
            values
                .into_iter()
                .map(|(name, c)| Ok((name, condition(c)?)))
                .collect()
        })
        .transpose()
}

pub(crate) fn expected(
    values: Option<BTreeMap<String, ExpectedAttributeValue>>,
) -> Option<HashMap<String, sdk::ExpectedAttributeValue>> {
    values.map(|values| {
        values
            .into_iter()
            .map(|(name, value)| {
                let expected = sdk::ExpectedAttributeValue::builder()
                    .set_value(value.value.map(to_sdk))
                    .set_exists(value.exists)
                    .set_comparison_operator(sdk_enum(value.comparison_operator))
                    .set_attribute_value_list(list_to_sdk(value.attribute_value_list))
                    .build();
                (name, expected)
            })
            .collect()
    })
}

pub(crate) fn attribute_updates(
    values: Option<BTreeMap<String, AttributeValueUpdate>>,
) -> Option<HashMap<String, sdk::AttributeValueUpdate>> {
    values.map(|values| {
        values
            .into_iter()
            .map(|(name, update)| {
                let update =
                    sdk::AttributeValueUpdate::builder()
                        .set_value(update.value.map(to_sdk))
                        .set_action(update.action.map(|action: AttributeAction| {
                            to_sdk_enum!(action, sdk::AttributeAction)
                        }))
                        .build();
                (name, update)
            })
            .collect()
    })
}

// ---- Responses ------------------------------------------------------------------------------

fn attribute_definition_from(value: sdk::AttributeDefinition) -> AttributeDefinition {
    AttributeDefinition {
        attribute_name: value.attribute_name,
        attribute_type: from_sdk_enum!(value.attribute_type, ScalarAttributeType),
    }
}

fn key_schema_element_from(value: sdk::KeySchemaElement) -> KeySchemaElement {
    KeySchemaElement {
        attribute_name: value.attribute_name,
        key_type: from_sdk_enum!(value.key_type, KeyType),
    }
}

fn key_schema_from(values: Option<Vec<sdk::KeySchemaElement>>) -> Option<Vec<KeySchemaElement>> {
    values.map(|values| values.into_iter().map(key_schema_element_from).collect())
}

fn projection_from(value: sdk::Projection) -> Projection {
    Projection {
        projection_type: value
            .projection_type
            .map(|t| from_sdk_enum!(t, ProjectionType)),
        non_key_attributes: value.non_key_attributes,
    }
}

fn throughput_from(
    value: sdk::ProvisionedThroughputDescription,
) -> ProvisionedThroughputDescription {
    ProvisionedThroughputDescription {
        read_capacity_units: value.read_capacity_units,
        write_capacity_units: value.write_capacity_units,
        number_of_decreases_today: value.number_of_decreases_today,
        last_increase_date_time: secs(value.last_increase_date_time),
        last_decrease_date_time: secs(value.last_decrease_date_time),
    }
}

fn gsi_from(value: sdk::GlobalSecondaryIndexDescription) -> GlobalSecondaryIndexDescription {
    GlobalSecondaryIndexDescription {
        index_name: value.index_name,
        key_schema: key_schema_from(value.key_schema),
        projection: value.projection.map(projection_from),
        index_status: value.index_status.map(|s| from_sdk_enum!(s, IndexStatus)),
        backfilling: value.backfilling,
        provisioned_throughput: value.provisioned_throughput.map(throughput_from),
        index_size_bytes: value.index_size_bytes,
        item_count: value.item_count,
        index_arn: value.index_arn,
    }
}

fn lsi_from(value: sdk::LocalSecondaryIndexDescription) -> LocalSecondaryIndexDescription {
    LocalSecondaryIndexDescription {
        index_name: value.index_name,
        key_schema: key_schema_from(value.key_schema),
        projection: value.projection.map(projection_from),
        index_size_bytes: value.index_size_bytes,
        item_count: value.item_count,
        index_arn: value.index_arn,
    }
}

/// A table description as the model's. Members the model does not carry (replicas, SSE,
/// restore and archival summaries, warm throughput...) are dropped.
pub(crate) fn table_description(value: sdk::TableDescription) -> TableDescription {
    TableDescription {
        table_name: value.table_name,
        attribute_definitions: value
            .attribute_definitions
            .map(|defs| defs.into_iter().map(attribute_definition_from).collect()),
        key_schema: key_schema_from(value.key_schema),
        table_status: value.table_status.map(|s| from_sdk_enum!(s, TableStatus)),
        creation_date_time: secs(value.creation_date_time),
        provisioned_throughput: value.provisioned_throughput.map(throughput_from),
        table_size_bytes: value.table_size_bytes,
        item_count: value.item_count,
        table_arn: value.table_arn,
        table_id: value.table_id,
        billing_mode_summary: value
            .billing_mode_summary
            .map(|summary| BillingModeSummary {
                billing_mode: summary.billing_mode.map(|m| from_sdk_enum!(m, BillingMode)),
                last_update_to_pay_per_request_date_time: secs(
                    summary.last_update_to_pay_per_request_date_time,
                ),
            }),
        local_secondary_indexes: value
            .local_secondary_indexes
            .map(|indexes| indexes.into_iter().map(lsi_from).collect()),
        global_secondary_indexes: value
            .global_secondary_indexes
            .map(|indexes| indexes.into_iter().map(gsi_from).collect()),
        stream_specification: value.stream_specification.map(|spec| StreamSpecification {
            stream_enabled: spec.stream_enabled,
            stream_view_type: spec
                .stream_view_type
                .map(|t| from_sdk_enum!(t, StreamViewType)),
        }),
        table_class_summary: value.table_class_summary.map(|summary| TableClassSummary {
            table_class: summary.table_class.map(|c| from_sdk_enum!(c, TableClass)),
        }),
        deletion_protection_enabled: value.deletion_protection_enabled,
    }
}

fn capacity_from(value: sdk::Capacity) -> Capacity {
    Capacity {
        read_capacity_units: value.read_capacity_units,
        write_capacity_units: value.write_capacity_units,
        capacity_units: value.capacity_units,
    }
}

fn capacities_from(
    values: Option<HashMap<String, sdk::Capacity>>,
) -> Option<BTreeMap<String, Capacity>> {
    values.map(|values| {
        values
            .into_iter()
            .map(|(name, c)| (name, capacity_from(c)))
            .collect()
    })
}

pub(crate) fn consumed_capacity(value: sdk::ConsumedCapacity) -> ConsumedCapacity {
    ConsumedCapacity {
        table_name: value.table_name,
        capacity_units: value.capacity_units,
        read_capacity_units: value.read_capacity_units,
        write_capacity_units: value.write_capacity_units,
        table: value.table.map(capacity_from),
        local_secondary_indexes: capacities_from(value.local_secondary_indexes),
        global_secondary_indexes: capacities_from(value.global_secondary_indexes),
    }
}

pub(crate) fn item_collection_metrics(
    value: sdk::ItemCollectionMetrics,
) -> Result<ItemCollectionMetrics> {
    Ok(ItemCollectionMetrics {
        item_collection_key: value.item_collection_key.map(item_from_sdk).transpose()?,
        size_estimate_range_gb: value.size_estimate_range_gb,
    })
}

/// Converts each element of an optional list, failing on the first error.
pub(crate) fn items_from(
    values: Option<Vec<HashMap<String, sdk::AttributeValue>>>,
) -> Result<Option<Vec<crate::Item>>> {
    map_vec(values, item_from_sdk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_survive_both_ways() {
        let model = BillingMode::Unknown("ON_A_WHIM".into());
        let sdk_mode = billing_mode(model.clone());
        assert_eq!(sdk_mode.as_str(), "ON_A_WHIM");
        assert_eq!(from_sdk_enum!(sdk_mode, BillingMode), model);
        assert_eq!(
            billing_mode(BillingMode::PayPerRequest),
            sdk::BillingMode::PayPerRequest
        );
    }

    #[test]
    fn descriptions_convert_member_by_member() {
        let sdk_description = sdk::TableDescription::builder()
            .table_name("t")
            .attribute_definitions(
                sdk::AttributeDefinition::builder()
                    .attribute_name("pk")
                    .attribute_type(sdk::ScalarAttributeType::B)
                    .build()
                    .unwrap(),
            )
            .key_schema(
                sdk::KeySchemaElement::builder()
                    .attribute_name("pk")
                    .key_type(sdk::KeyType::Hash)
                    .build()
                    .unwrap(),
            )
            .table_status(sdk::TableStatus::Active)
            .creation_date_time(DateTime::from_secs_f64(1_700_000_000.5))
            .item_count(3)
            .table_size_bytes(99)
            .table_arn("arn:aws:dynamodb:us-east-1:000000000000:table/t")
            .billing_mode_summary(
                sdk::BillingModeSummary::builder()
                    .billing_mode(sdk::BillingMode::PayPerRequest)
                    .build(),
            )
            .global_secondary_indexes(
                sdk::GlobalSecondaryIndexDescription::builder()
                    .index_name("g")
                    .index_status(sdk::IndexStatus::Creating)
                    .projection(
                        sdk::Projection::builder()
                            .projection_type(sdk::ProjectionType::Include)
                            .non_key_attributes("a")
                            .build(),
                    )
                    .build(),
            )
            .build();
        let model = table_description(sdk_description);
        assert_eq!(model.table_name.as_deref(), Some("t"));
        assert_eq!(
            model.attribute_definitions,
            Some(vec![AttributeDefinition::new("pk", ScalarAttributeType::B)])
        );
        assert_eq!(model.key_schema, Some(vec![KeySchemaElement::hash("pk")]));
        assert_eq!(model.table_status, Some(TableStatus::Active));
        assert_eq!(model.creation_date_time, Some(1_700_000_000.5));
        assert_eq!(
            (model.item_count, model.table_size_bytes),
            (Some(3), Some(99))
        );
        assert_eq!(
            model.billing_mode_summary.and_then(|s| s.billing_mode),
            Some(BillingMode::PayPerRequest)
        );
        let gsi = &model.global_secondary_indexes.unwrap()[0];
        assert_eq!(gsi.index_status, Some(IndexStatus::Creating));
        let projection = gsi.projection.clone().unwrap();
        assert_eq!(projection.projection_type, Some(ProjectionType::Include));
        assert_eq!(projection.non_key_attributes, Some(vec!["a".to_owned()]));
    }

    #[test]
    fn requests_keep_every_member() {
        let gsi = global_secondary_index(GlobalSecondaryIndex {
            index_name: "by_owner".into(),
            key_schema: vec![
                KeySchemaElement::hash("owner"),
                KeySchemaElement::range("at"),
            ],
            projection: Projection {
                projection_type: Some(ProjectionType::KeysOnly),
                non_key_attributes: None,
            },
            provisioned_throughput: Some(ProvisionedThroughput {
                read_capacity_units: 1,
                write_capacity_units: 2,
            }),
        })
        .unwrap();
        assert_eq!(gsi.index_name, "by_owner");
        assert_eq!(gsi.key_schema[1].key_type, sdk::KeyType::Range);
        assert_eq!(
            gsi.provisioned_throughput.map(|t| t.write_capacity_units),
            Some(2)
        );
        let expected = expected(Some(
            [(
                "a".to_owned(),
                ExpectedAttributeValue {
                    exists: Some(false),
                    ..Default::default()
                },
            )]
            .into_iter()
            .collect(),
        ))
        .unwrap();
        assert_eq!(expected["a"].exists, Some(false));
    }
}
