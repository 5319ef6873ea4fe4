//! CreateTable, DescribeTable, DeleteTable and ListTables.

use dynamodel::model::{
    AttributeDefinition, BillingMode, CreateTableInput, DeleteTableInput, DescribeTableInput,
    KeySchemaElement, KeyType, ListTablesInput, ProvisionedThroughput, ScalarAttributeType as T,
    StreamSpecification, StreamViewType, TableStatus,
};
use dynamodel::{Backend, ErrorKind};

use super::support::*;
use crate::{Engine, EngineConfig};

fn create(
    engine: &Engine,
    input: CreateTableInput,
) -> dynamodel::Result<dynamodel::model::CreateTableOutput> {
    run(engine.create_table(input))
}

fn basic() -> CreateTableInput {
    table_input("orders", ("pk", T::S), Some(("sk", T::N)))
}

#[test]
fn create_reports_creating_and_describe_reports_active() {
    let engine = Engine::new();
    let created = create(&engine, basic()).unwrap().table_description.unwrap();
    assert_eq!(created.table_status, Some(TableStatus::Creating));
    assert_eq!(created.table_name.as_deref(), Some("orders"));
    assert_eq!(created.item_count, Some(0));
    assert_eq!(created.table_size_bytes, Some(0));
    assert_eq!(
        created.table_arn.as_deref(),
        Some("arn:aws:dynamodb:us-east-1:000000000000:table/orders")
    );
    assert_eq!(created.deletion_protection_enabled, Some(false));
    let summary = created.billing_mode_summary.clone().unwrap();
    assert_eq!(summary.billing_mode, Some(BillingMode::PayPerRequest));
    let throughput = created.provisioned_throughput.clone().unwrap();
    assert_eq!(
        (
            throughput.read_capacity_units,
            throughput.write_capacity_units,
            throughput.number_of_decreases_today
        ),
        (Some(0), Some(0), Some(0))
    );
    let id = created.table_id.clone().unwrap();
    let groups: Vec<usize> = id.split('-').map(str::len).collect();
    assert_eq!(groups, vec![8, 4, 4, 4, 12]);
    assert_eq!(id.chars().nth(14), Some('4'));
    assert!(created.creation_date_time.unwrap() > 1.7e9);

    let described = run(engine.describe_table(DescribeTableInput {
        table_name: "orders".into(),
    }))
    .unwrap()
    .table
    .unwrap();
    assert_eq!(described.table_status, Some(TableStatus::Active));
    assert_eq!(described.key_schema, created.key_schema);
    assert_eq!(described.table_id, created.table_id);
    assert_eq!(
        described.attribute_definitions,
        basic().attribute_definitions.into()
    );
}

#[test]
fn table_ids_are_unique_and_arns_use_the_configuration() {
    let engine = Engine::builder()
        .region("eu-west-2")
        .account_id("123456789012")
        .build();
    assert_eq!(
        engine.config(),
        &EngineConfig {
            region: "eu-west-2".into(),
            account_id: "123456789012".into()
        }
    );
    let first = create(&engine, basic()).unwrap().table_description.unwrap();
    assert_eq!(
        first.table_arn.as_deref(),
        Some("arn:aws:dynamodb:eu-west-2:123456789012:table/orders")
    );
    let mut other = basic();
    other.table_name = "orders2".into();
    let second = create(&engine, other).unwrap().table_description.unwrap();
    assert_ne!(first.table_id, second.table_id);
}

#[test]
fn provisioned_tables_report_their_throughput_and_no_billing_summary() {
    let engine = Engine::new();
    let mut input = basic();
    input.billing_mode = None;
    input.provisioned_throughput = Some(ProvisionedThroughput {
        read_capacity_units: 5,
        write_capacity_units: 7,
    });
    let created = create(&engine, input).unwrap().table_description.unwrap();
    let throughput = created.provisioned_throughput.unwrap();
    assert_eq!(
        (
            throughput.read_capacity_units,
            throughput.write_capacity_units
        ),
        (Some(5), Some(7))
    );
    assert!(created.billing_mode_summary.is_none());
}

#[test]
fn existing_table_is_resource_in_use() {
    let engine = Engine::new();
    create(&engine, basic()).unwrap();
    let error = failure(create(&engine, basic()));
    assert_eq!(
        error,
        (
            ErrorKind::ResourceInUse,
            "Table already exists: orders".to_owned()
        )
    );
}

#[test]
fn table_name_constraints() {
    let engine = Engine::new();
    let mut input = basic();
    input.table_name = "ab".into();
    assert_validation(
        create(&engine, input.clone()),
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
    input.table_name = "a b!".into();
    assert_validation(
        create(&engine, input.clone()),
        "1 validation error detected: Value 'a b!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    input.table_name = "a!".into();
    assert_validation(
        create(&engine, input.clone()),
        "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
    input.table_name = "x".repeat(256);
    assert_validation(
        create(&engine, input.clone()),
        &format!(
            "1 validation error detected: Value '{}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255",
            "x".repeat(256)
        ),
    );
    input.table_name = format!("Az09_.-{}", "x".repeat(248));
    assert!(create(&engine, input).is_ok());
}

#[test]
fn key_schema_rules() {
    let engine = Engine::new();
    let mut input = basic();
    input.key_schema.reverse();
    assert_validation(
        create(&engine, input),
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    );

    let mut input = basic();
    input.key_schema = vec![KeySchemaElement::hash("pk"), KeySchemaElement::hash("sk")];
    assert_validation(
        create(&engine, input),
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type",
    );

    let mut input = basic();
    input.key_schema = vec![];
    assert_validation(
        create(&engine, input),
        "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );

    let mut input = basic();
    input.key_schema.push(KeySchemaElement::range("x"));
    let (kind, message) = failure(create(&engine, input));
    assert_eq!(kind, ErrorKind::Validation);
    assert!(message.starts_with("1 validation error detected: Value '[com.amazonaws.dynamodb.v20120810.KeySchemaElement@"), "{message}");
    assert!(message.ends_with("]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2"), "{message}");

    let mut input = basic();
    input.key_schema = vec![KeySchemaElement::hash("pk"), KeySchemaElement::range("pk")];
    assert_validation(
        create(&engine, input),
        "Both the Hash Key and the Range Key element in the KeySchema have the same name",
    );

    let mut input = basic();
    input.key_schema[0].key_type = KeyType::Unknown("SORT".into());
    assert_validation(
        create(&engine, input),
        "1 validation error detected: Value 'SORT' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]",
    );
}

#[test]
fn attribute_definitions_must_cover_exactly_the_key() {
    let engine = Engine::new();
    let mut input = basic();
    input
        .attribute_definitions
        .push(AttributeDefinition::new("extra", T::S));
    assert_validation(
        create(&engine, input),
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions",
    );

    let mut input = basic();
    input.attribute_definitions.pop();
    assert_validation(
        create(&engine, input),
        "Invalid KeySchema: Some index key attribute have no definition",
    );

    let mut input = basic();
    input.attribute_definitions[1].attribute_name = "other".into();
    assert_validation(
        create(&engine, input),
        "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk, sk], AttributeDefinitions: [pk, other]",
    );

    let mut input = basic();
    input.attribute_definitions[1].attribute_name = "pk".into();
    assert_validation(create(&engine, input), "Attribute Name is duplicated: pk");

    let mut input = basic();
    input.attribute_definitions[1].attribute_type = T::Unknown("BOOL".into());
    assert_validation(
        create(&engine, input),
        "1 validation error detected: Value 'BOOL' at 'attributeDefinitions.2.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]",
    );
}

#[test]
fn billing_mode_and_throughput() {
    let engine = Engine::new();
    let mut input = basic();
    input.billing_mode = None;
    assert_validation(
        create(&engine, input.clone()),
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
    );
    input.billing_mode = Some(BillingMode::Provisioned);
    assert_validation(
        create(&engine, input.clone()),
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
    );
    let mut input = basic();
    input.provisioned_throughput = Some(ProvisionedThroughput {
        read_capacity_units: 1,
        write_capacity_units: 1,
    });
    assert_validation(
        create(&engine, input),
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
    );
    let mut input = basic();
    input.billing_mode = Some(BillingMode::Unknown("FREE".into()));
    assert_validation(
        create(&engine, input),
        "1 validation error detected: Value 'FREE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
    );
    let mut input = basic();
    input.billing_mode = Some(BillingMode::Provisioned);
    input.provisioned_throughput = Some(ProvisionedThroughput {
        read_capacity_units: 0,
        write_capacity_units: 0,
    });
    assert_validation(
        create(&engine, input),
        "2 validation errors detected: Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
}

#[test]
fn stream_settings_are_stored_and_described() {
    let engine = Engine::new();
    let mut input = basic();
    input.stream_specification = Some(StreamSpecification {
        stream_enabled: true,
        stream_view_type: Some(StreamViewType::KeysOnly),
    });
    let created = create(&engine, input).unwrap().table_description.unwrap();
    assert_eq!(
        created
            .stream_specification
            .and_then(|s| s.stream_view_type),
        Some(StreamViewType::KeysOnly)
    );
    let mut input = basic();
    input.table_name = "quiet".into();
    input.stream_specification = Some(StreamSpecification {
        stream_enabled: false,
        stream_view_type: None,
    });
    let created = create(&engine, input).unwrap().table_description.unwrap();
    assert_eq!(created.stream_specification, None);
}

#[test]
fn delete_returns_deleting_and_removes_at_once() {
    let engine = Engine::new();
    create(&engine, basic()).unwrap();
    let deleted = run(engine.delete_table(DeleteTableInput {
        table_name: "orders".into(),
    }))
    .unwrap();
    assert_eq!(
        deleted.table_description.unwrap().table_status,
        Some(TableStatus::Deleting)
    );
    let error = failure(run(engine.describe_table(DescribeTableInput {
        table_name: "orders".into(),
    })));
    assert_eq!(
        error,
        (
            ErrorKind::ResourceNotFound,
            "Requested resource not found: Table: orders not found".to_owned()
        )
    );
    let error = failure(run(engine.delete_table(DeleteTableInput {
        table_name: "orders".into(),
    })));
    assert_eq!(
        error,
        (
            ErrorKind::ResourceNotFound,
            "Requested resource not found: Table: orders not found".to_owned()
        )
    );
    assert!(create(&engine, basic()).is_ok(), "the name is free again");
}

#[test]
fn deletion_protection_blocks_delete() {
    let engine = Engine::new();
    let mut input = basic();
    input.deletion_protection_enabled = Some(true);
    create(&engine, input).unwrap();
    let (kind, message) = failure(run(engine.delete_table(DeleteTableInput {
        table_name: "orders".into(),
    })));
    assert_eq!(kind, ErrorKind::Validation);
    assert!(message.contains("protected against deletion"));
}

#[test]
fn list_tables_pages_in_ascending_order() {
    let engine = Engine::new();
    for name in ["delta", "alpha", "charlie", "bravo", "echo"] {
        create(&engine, table_input(name, ("pk", T::S), None)).unwrap();
    }
    let all = run(engine.list_tables(ListTablesInput::default())).unwrap();
    assert_eq!(
        all.table_names,
        vec!["alpha", "bravo", "charlie", "delta", "echo"]
    );
    assert_eq!(all.last_evaluated_table_name, None);

    let first = run(engine.list_tables(ListTablesInput {
        limit: Some(2),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(first.table_names, vec!["alpha", "bravo"]);
    assert_eq!(first.last_evaluated_table_name.as_deref(), Some("bravo"));
    let second = run(engine.list_tables(ListTablesInput {
        limit: Some(2),
        exclusive_start_table_name: first.last_evaluated_table_name,
    }))
    .unwrap();
    assert_eq!(second.table_names, vec!["charlie", "delta"]);
    let third = run(engine.list_tables(ListTablesInput {
        limit: Some(2),
        exclusive_start_table_name: second.last_evaluated_table_name,
    }))
    .unwrap();
    assert_eq!(third.table_names, vec!["echo"]);
    assert_eq!(third.last_evaluated_table_name, None);
}

#[test]
fn list_tables_limit_bounds() {
    let engine = Engine::new();
    assert_validation(
        run(engine.list_tables(ListTablesInput {
            limit: Some(0),
            ..Default::default()
        })),
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    assert_validation(
        run(engine.list_tables(ListTablesInput {
            limit: Some(101),
            ..Default::default()
        })),
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    assert!(
        run(engine.list_tables(ListTablesInput {
            limit: Some(100),
            ..Default::default()
        }))
        .is_ok()
    );
}
