//! UpdateTable: billing mode and throughput, settings, and global secondary index changes.

use dynamodel::model::{
    AttributeDefinition, BillingMode, CreateGlobalSecondaryIndexAction,
    DeleteGlobalSecondaryIndexAction, DeleteTableInput, DescribeTableInput,
    GlobalSecondaryIndexUpdate, IndexStatus, KeySchemaElement, Projection, ProjectionType,
    ProvisionedThroughput, PutItemInput, QueryInput, ScalarAttributeType, StreamSpecification,
    StreamViewType, TableClass, TableDescription, UpdateTableInput,
};
use dynamodel::{Backend, ErrorKind};

use super::index_fixture::indexed_engine;
use super::support::{
    TABLE, assert_validation, column, engine_with, failure, item, n, put, query, run, s,
};
use crate::Engine;
use crate::ops::index_updates::BACKFILL_TIME;

fn update() -> UpdateTableInput {
    UpdateTableInput {
        table_name: TABLE.into(),
        ..Default::default()
    }
}

fn throughput(read: i64, write: i64) -> Option<ProvisionedThroughput> {
    Some(ProvisionedThroughput {
        read_capacity_units: read,
        write_capacity_units: write,
    })
}

fn describe(engine: &Engine) -> TableDescription {
    run(engine.describe_table(DescribeTableInput {
        table_name: TABLE.into(),
    }))
    .unwrap()
    .table
    .unwrap()
}

fn capacity(description: &TableDescription) -> (Option<i64>, Option<i64>) {
    let throughput = description.provisioned_throughput.clone().unwrap();
    (
        throughput.read_capacity_units,
        throughput.write_capacity_units,
    )
}

#[test]
fn switches_between_on_demand_and_provisioned() {
    let engine = engine_with(ScalarAttributeType::S, None);
    let output = run(engine.update_table(UpdateTableInput {
        billing_mode: Some(BillingMode::Provisioned),
        provisioned_throughput: throughput(5, 7),
        ..update()
    }))
    .unwrap();
    let described = output.table_description.unwrap();
    assert_eq!(capacity(&described), (Some(5), Some(7)));
    // Once on-demand, a table keeps its summary, with the current mode.
    assert_eq!(
        described.billing_mode_summary.unwrap().billing_mode,
        Some(BillingMode::Provisioned)
    );
    assert_eq!(capacity(&describe(&engine)), (Some(5), Some(7)));

    run(engine.update_table(UpdateTableInput {
        provisioned_throughput: throughput(6, 7),
        ..update()
    }))
    .unwrap();
    assert_eq!(capacity(&describe(&engine)), (Some(6), Some(7)));

    run(engine.update_table(UpdateTableInput {
        billing_mode: Some(BillingMode::PayPerRequest),
        ..update()
    }))
    .unwrap();
    let described = describe(&engine);
    assert_eq!(capacity(&described), (Some(0), Some(0)));
    assert_eq!(
        described.billing_mode_summary.unwrap().billing_mode,
        Some(BillingMode::PayPerRequest)
    );
}

#[test]
fn rejects_billing_and_throughput_mismatches() {
    let engine = engine_with(ScalarAttributeType::S, None);
    assert_validation(run(engine.update_table(update())), "Nothing to update");
    assert_validation(
        run(engine.update_table(UpdateTableInput {
            provisioned_throughput: throughput(1, 1),
            ..update()
        })),
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor \
         WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
    );
    assert_validation(
        run(engine.update_table(UpdateTableInput {
            billing_mode: Some(BillingMode::Provisioned),
            ..update()
        })),
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits \
         must both be specified when BillingMode is PROVISIONED",
    );
    run(engine.update_table(UpdateTableInput {
        billing_mode: Some(BillingMode::Provisioned),
        provisioned_throughput: throughput(2, 3),
        ..update()
    }))
    .unwrap();
    assert_validation(
        run(engine.update_table(UpdateTableInput {
            provisioned_throughput: throughput(2, 3),
            ..update()
        })),
        "The provisioned throughput for the table will not change. The requested value equals \
         the current value. Current ReadCapacityUnits provisioned for the table: 2. Requested \
         ReadCapacityUnits: 2. Current WriteCapacityUnits provisioned for the table: 3. \
         Requested WriteCapacityUnits: 3. Refer to the Amazon DynamoDB Developer Guide for \
         current limits and how to request higher limits.",
    );
    assert_validation(
        run(engine.update_table(UpdateTableInput {
            provisioned_throughput: throughput(0, 3),
            ..update()
        })),
        "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' \
         failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
}

#[test]
fn missing_table_is_not_found() {
    let engine = Engine::new();
    let (kind, message) = failure(run(engine.update_table(UpdateTableInput {
        table_name: "absent".into(),
        deletion_protection_enabled: Some(true),
        ..Default::default()
    })));
    assert_eq!(kind, ErrorKind::ResourceNotFound);
    assert_eq!(
        message,
        "Requested resource not found: Table: absent not found"
    );
}

#[test]
fn stores_streams_class_and_deletion_protection() {
    let engine = engine_with(ScalarAttributeType::S, None);
    run(engine.update_table(UpdateTableInput {
        stream_specification: Some(StreamSpecification {
            stream_enabled: true,
            stream_view_type: Some(StreamViewType::NewImage),
        }),
        table_class: Some(TableClass::StandardInfrequentAccess),
        deletion_protection_enabled: Some(true),
        ..update()
    }))
    .unwrap();
    let described = describe(&engine);
    assert_eq!(
        described.stream_specification.unwrap().stream_view_type,
        Some(StreamViewType::NewImage)
    );
    assert_eq!(
        described.table_class_summary.unwrap().table_class,
        Some(TableClass::StandardInfrequentAccess)
    );
    assert_eq!(described.deletion_protection_enabled, Some(true));
    let deleted = run(engine.delete_table(DeleteTableInput {
        table_name: TABLE.into(),
    }));
    assert_eq!(failure(deleted).0, ErrorKind::Validation);
}

fn create_by_owner() -> UpdateTableInput {
    UpdateTableInput {
        attribute_definitions: Some(vec![AttributeDefinition::new(
            "owner",
            ScalarAttributeType::S,
        )]),
        global_secondary_index_updates: Some(vec![
            CreateGlobalSecondaryIndexAction {
                index_name: "by_owner".into(),
                key_schema: vec![KeySchemaElement::hash("owner")],
                projection: Projection {
                    projection_type: Some(ProjectionType::All),
                    non_key_attributes: None,
                },
                provisioned_throughput: None,
            }
            .into(),
        ]),
        ..update()
    }
}

fn by_owner(owner: &str) -> QueryInput {
    let mut input = query("#o = :o", &[(":o", s(owner))]);
    input.expression_attribute_names = Some([("#o".to_owned(), "owner".to_owned())].into());
    input.index_name = Some("by_owner".into());
    input
}

#[test]
fn created_index_backfills_then_becomes_active() {
    let engine = engine_with(ScalarAttributeType::S, None);
    put(&engine, item(&[("pk", s("a")), ("owner", s("ann"))]));
    put(&engine, item(&[("pk", s("b")), ("owner", n("7"))]));
    put(&engine, item(&[("pk", s("c"))]));
    let output = run(engine.update_table(create_by_owner())).unwrap();
    let index = &output
        .table_description
        .unwrap()
        .global_secondary_indexes
        .unwrap()[0];
    assert_eq!(index.index_status, Some(IndexStatus::Creating));
    assert_eq!(index.backfilling, Some(true));
    assert_eq!((index.item_count, index.index_size_bytes), (None, None));
    assert_validation(
        run(engine.query(by_owner("ann"))),
        "Cannot read from backfilling global secondary index: by_owner of table: tbl",
    );
    let (kind, message) = failure(run(engine.update_table(UpdateTableInput {
        global_secondary_index_updates: Some(vec![
            DeleteGlobalSecondaryIndexAction {
                index_name: "by_owner".into(),
            }
            .into(),
        ]),
        ..update()
    })));
    assert_eq!(kind, ErrorKind::LimitExceeded);
    assert_eq!(
        message,
        "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
    );
    // Writes during the backfill are indexed too; a wrong-typed key is now refused.
    put(&engine, item(&[("pk", s("d")), ("owner", s("ann"))]));
    assert_validation(
        run(engine.put_item(PutItemInput {
            table_name: TABLE.into(),
            item: item(&[("pk", s("e")), ("owner", n("1"))]),
            ..Default::default()
        })),
        "One or more parameter values were invalid: Type mismatch for Index Key owner Expected: S Actual: N IndexName: by_owner",
    );
    engine.advance_clock(BACKFILL_TIME);
    let described = describe(&engine);
    let index = &described.global_secondary_indexes.unwrap()[0];
    assert_eq!(
        (index.index_status.clone(), index.backfilling),
        (Some(IndexStatus::Active), None)
    );
    assert_eq!(index.item_count, Some(2), "the wrong-typed item is skipped");
    assert_eq!(
        described.attribute_definitions.unwrap(),
        vec![
            AttributeDefinition::new("pk", ScalarAttributeType::S),
            AttributeDefinition::new("owner", ScalarAttributeType::S)
        ]
    );
    let items = run(engine.query(by_owner("ann"))).unwrap().items.unwrap();
    assert_eq!(column(&items, "pk").len(), 2);

    let deleted = run(engine.update_table(UpdateTableInput {
        global_secondary_index_updates: Some(vec![
            DeleteGlobalSecondaryIndexAction {
                index_name: "by_owner".into(),
            }
            .into(),
        ]),
        ..update()
    }))
    .unwrap();
    let answered = deleted.table_description.unwrap().global_secondary_indexes;
    let answered = &answered.unwrap()[0];
    assert_eq!(
        (answered.index_status.clone(), answered.item_count),
        (Some(IndexStatus::Deleting), Some(0)),
        "UpdateTable's answer lists the deleted index as DELETING"
    );
    let described = describe(&engine);
    assert_eq!(described.global_secondary_indexes, None);
    assert_eq!(described.attribute_definitions.unwrap().len(), 1);
    assert_validation(
        run(engine.query(by_owner("ann"))),
        "The table does not have the specified index: by_owner",
    );
}

#[test]
fn index_updates_follow_dynamodb_rules() {
    let engine = engine_with(ScalarAttributeType::S, None);
    let mut two = create_by_owner();
    let mut second = two.global_secondary_index_updates.clone().unwrap();
    if let Some(create) = second[0].create.as_mut() {
        create.index_name = "by_owner_too".into();
    }
    two.global_secondary_index_updates
        .as_mut()
        .unwrap()
        .extend(second);
    assert_eq!(
        failure(run(engine.update_table(two))).0,
        ErrorKind::LimitExceeded
    );
    let mut bare = create_by_owner();
    bare.attribute_definitions = None;
    assert_validation(
        run(engine.update_table(bare)),
        "One or more parameter values were invalid: AttributeDefinitions is not specified for index: by_owner",
    );
    assert_validation(
        run(engine.update_table(UpdateTableInput {
            global_secondary_index_updates: Some(vec![GlobalSecondaryIndexUpdate::default()]),
            ..update()
        })),
        "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null",
    );
    let (kind, _) = failure(run(engine.update_table(UpdateTableInput {
        global_secondary_index_updates: Some(vec![
            DeleteGlobalSecondaryIndexAction {
                index_name: "ghost".into(),
            }
            .into(),
        ]),
        ..update()
    })));
    assert_eq!(kind, ErrorKind::ResourceNotFound);
    // Nothing was created by the refused calls.
    assert_eq!(describe(&engine).global_secondary_indexes, None);
}

#[test]
fn refuses_deleting_a_local_index_and_redefining_an_attribute() {
    let engine = indexed_engine();
    assert_validation(
        run(engine.update_table(UpdateTableInput {
            table_name: TABLE.into(),
            global_secondary_index_updates: Some(vec![
                DeleteGlobalSecondaryIndexAction {
                    index_name: "by_l".into(),
                }
                .into(),
            ]),
            ..Default::default()
        })),
        "Cannot delete an index that is not a GlobalSecondaryIndex",
    );
    let mut create = create_by_owner();
    create.table_name = TABLE.into();
    // `l` is the local index's numeric sort key.
    create.attribute_definitions = Some(vec![
        AttributeDefinition::new("owner", ScalarAttributeType::S),
        AttributeDefinition::new("l", ScalarAttributeType::S),
    ]);
    assert_validation(
        run(engine.update_table(create)),
        "invalid attribute, SchemaElement redefined should be of same type as previously defined",
    );
}
