//! Secondary indexes: CreateTable rules, descriptions, and maintenance on every write path.

use dynamodel::model::{
    AttributeDefinition, BatchWriteItemInput, BillingMode, DeleteItemInput, DescribeTableInput,
    IndexStatus, ProjectionType, ProvisionedThroughput, ScalarAttributeType as T, TransactPut,
    TransactWriteItemsInput, UpdateItemInput, WriteRequest,
};
use dynamodel::{Backend, ErrorKind};

use super::index_fixture::*;
use super::support::*;

fn put_result(engine: &crate::Engine, item: dynamodel::Item) -> dynamodel::Result<()> {
    run(engine.put_item(dynamodel::model::PutItemInput {
        table_name: TABLE.into(),
        item,
        ..Default::default()
    }))
    .map(drop)
}

#[test]
fn describe_reports_both_kinds_of_index() {
    let engine = indexed_engine();
    put(
        &engine,
        item(&[
            ("pk", s("a")),
            ("sk", n("1")),
            ("g", s("x")),
            ("gs", n("5")),
            ("l", n("2")),
            ("x", s("kept")),
            ("y", s("dropped")),
        ]),
    );
    put(
        &engine,
        item(&[("pk", s("a")), ("sk", n("2")), ("g", s("x"))]),
    );
    let table = run(engine.describe_table(DescribeTableInput {
        table_name: TABLE.into(),
    }))
    .unwrap()
    .table
    .unwrap();
    let globals = table.global_secondary_indexes.unwrap();
    let by_g = globals
        .iter()
        .find(|g| g.index_name.as_deref() == Some("by_g"))
        .unwrap();
    assert_eq!(by_g.index_status, Some(IndexStatus::Active));
    assert_eq!(
        by_g.item_count,
        Some(1),
        "the item without `gs` is not indexed"
    );
    assert_eq!(
        by_g.index_arn.as_deref(),
        Some("arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/by_g")
    );
    assert_eq!(by_g.backfilling, None);
    let locals = table.local_secondary_indexes.unwrap();
    assert_eq!(locals.len(), 1);
    assert_eq!(locals[0].item_count, Some(1));
    // pk, sk, l, x: 2+1 + 2+2 + 1+2 + 1+4 bytes.
    assert_eq!(locals[0].index_size_bytes, Some(15));
    assert_indexes_consistent(&engine);
}

#[test]
fn create_table_checks_index_definitions() {
    let engine = crate::Engine::new();
    let with = |change: fn(&mut dynamodel::model::CreateTableInput)| {
        let mut input = indexed_input();
        change(&mut input);
        run(engine.create_table(input))
    };
    assert_validation(
        with(|i| i.global_secondary_indexes.as_mut().unwrap()[1].index_name = "by_g".into()),
        "One or more parameter values were invalid: Duplicate index name: by_g",
    );
    assert_validation(
        with(|i| {
            i.local_secondary_indexes.as_mut().unwrap()[0].key_schema[0].attribute_name = "g".into()
        }),
        "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: by_l. index hash key: g, table hash key: pk",
    );
    assert_validation(
        with(|i| {
            i.local_secondary_indexes.as_mut().unwrap()[0]
                .projection
                .non_key_attributes = None
        }),
        "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified",
    );
    assert_validation(
        with(|i| {
            i.global_secondary_indexes.as_mut().unwrap()[0].projection =
                projection(ProjectionType::All, &["x"])
        }),
        "One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified",
    );
    assert_validation(
        with(|i| {
            i.attribute_definitions
                .push(AttributeDefinition::new("spare", T::S))
        }),
        "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, g, gs, l, m1, m2, m3, m4, spare], keys used: [g, gs, l, m1, m2, m3, m4, pk, sk]",
    );
    assert_validation(
        with(|i| {
            i.global_secondary_indexes.as_mut().unwrap()[0].provisioned_throughput =
                Some(ProvisionedThroughput {
                    read_capacity_units: 1,
                    write_capacity_units: 1,
                })
        }),
        "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: by_g when BillingMode is PAY_PER_REQUEST",
    );
    assert_validation(
        with(|i| {
            i.billing_mode = Some(BillingMode::Provisioned);
            i.provisioned_throughput = Some(ProvisionedThroughput {
                read_capacity_units: 1,
                write_capacity_units: 1,
            });
        }),
        "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: by_g",
    );
    assert_validation(
        with(|i| {
            let many: Vec<_> = (0..21)
                .map(|n| global(&format!("g{n:02}"), &["g"], &[], ProjectionType::KeysOnly))
                .collect();
            i.global_secondary_indexes = Some(many);
        }),
        "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20",
    );
    assert_validation(
        with(|i| i.global_secondary_indexes = Some(Vec::new())),
        "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty",
    );
    let mut hash_only = table_input(TABLE, ("pk", T::S), None);
    hash_only
        .attribute_definitions
        .push(AttributeDefinition::new("l", T::N));
    hash_only.local_secondary_indexes = indexed_input().local_secondary_indexes;
    assert_validation(
        run(engine.create_table(hash_only)),
        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex",
    );
}

#[test]
fn writes_with_invalid_index_keys_are_rejected() {
    let engine = indexed_engine();
    let base = || item(&[("pk", s("a")), ("sk", n("1"))]);
    let mut wrong = base();
    wrong.insert("g".into(), n("3"));
    assert_validation(
        put_result(&engine, wrong.clone()),
        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: by_g",
    );
    let mut empty = base();
    empty.insert("m1".into(), s(""));
    assert_validation(
        put_result(&engine, empty),
        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: by_m, IndexKey: m1",
    );
    let mut large = base();
    large.insert("gs".into(), s("x"));
    large.insert("g".into(), s(&"z".repeat(2049)));
    assert_eq!(failure(put_result(&engine, large)).0, ErrorKind::Validation);
    put(&engine, base());
    assert_validation(
        run(engine.update_item(UpdateItemInput {
            table_name: TABLE.into(),
            key: base(),
            update_expression: Some("SET l = :v".into()),
            expression_attribute_values: Some(item(&[(":v", s("not a number"))])),
            ..Default::default()
        })),
        "One or more parameter values were invalid: Type mismatch for Index Key l Expected: N Actual: S IndexName: by_l",
    );
    let batch = run(engine.batch_write_item(BatchWriteItemInput {
        request_items: [(TABLE.to_owned(), vec![WriteRequest::put(wrong.clone())])]
            .into_iter()
            .collect(),
        ..Default::default()
    }));
    assert_eq!(failure(batch).0, ErrorKind::Validation);
    let transaction = run(engine.transact_write_items(TransactWriteItemsInput {
        transact_items: vec![
            TransactPut {
                table_name: TABLE.into(),
                item: wrong,
                ..Default::default()
            }
            .into(),
        ],
        ..Default::default()
    }));
    let error = transaction.unwrap_err();
    let reasons = error.cancellation_reasons();
    assert_eq!(reasons[0].code, "ValidationError");
    // Nothing of the refused writes reached the table or the indexes.
    assert_eq!(snapshot(&engine).0, vec![base()]);
    assert_indexes_consistent(&engine);
}

#[test]
fn every_write_path_maintains_the_indexes() {
    let engine = indexed_engine();
    let full = |pk: &str, sk: &str, g: &str| {
        item(&[
            ("pk", s(pk)),
            ("sk", n(sk)),
            ("g", s(g)),
            ("gs", n(sk)),
            ("l", n(sk)),
            ("x", s("x")),
            ("m1", s(g)),
            ("m2", n("1")),
            ("m3", s("c")),
            ("m4", n(sk)),
        ])
    };
    put(&engine, full("a", "1", "g1"));
    put(&engine, full("a", "1", "g2"));
    assert_indexes_consistent(&engine);
    run(engine.update_item(UpdateItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s("a")), ("sk", n("1"))]),
        update_expression: Some("REMOVE gs SET l = :l".into()),
        expression_attribute_values: Some(item(&[(":l", n("9"))])),
        ..Default::default()
    }))
    .unwrap();
    assert_indexes_consistent(&engine);
    run(engine.batch_write_item(BatchWriteItemInput {
        request_items: [(
            TABLE.to_owned(),
            vec![
                WriteRequest::put(full("b", "2", "g1")),
                WriteRequest::delete(item(&[("pk", s("a")), ("sk", n("1"))])),
            ],
        )]
        .into_iter()
        .collect(),
        ..Default::default()
    }))
    .unwrap();
    assert_indexes_consistent(&engine);
    run(engine.transact_write_items(TransactWriteItemsInput {
        transact_items: vec![
            TransactPut {
                table_name: TABLE.into(),
                item: full("c", "3", "g3"),
                ..Default::default()
            }
            .into(),
        ],
        ..Default::default()
    }))
    .unwrap();
    run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s("b")), ("sk", n("2"))]),
        ..Default::default()
    }))
    .unwrap();
    assert_indexes_consistent(&engine);
    let (items, indexes) = snapshot(&engine);
    assert_eq!(items.len(), 1);
    assert!(indexes.iter().all(|i| i.entries.len() == 1));
}
