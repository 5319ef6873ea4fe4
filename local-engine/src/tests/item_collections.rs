//! The item collection size limit of tables with local indexes, and ItemCollectionMetrics.
//!
//! The table is the index fixture's (local index `by_l` on `l`, including `x`); the tests lower
//! its limit so small items reach it.

use std::collections::BTreeMap;

use dynamodel::model::{
    BatchWriteItemInput, DeleteItemInput, ItemCollectionMetrics, PutItemInput,
    ReturnItemCollectionMetrics, ScalarAttributeType as T, TransactConditionCheck, TransactPut,
    TransactWriteItem, TransactWriteItemsInput, UpdateItemInput, WriteRequest,
};
use dynamodel::{Backend, ErrorKind, Item};

use super::index_fixture::indexed_engine;
use super::support::*;
use crate::Engine;
use crate::storage::KeyValue;

const SIZE: Option<ReturnItemCollectionMetrics> = Some(ReturnItemCollectionMetrics::Size);

/// An item of partition `pk` with a local index entry (which projects `x`) of about `bytes`
/// bytes, and as much again in the table.
fn item_of(pk: &str, sk: &str, bytes: usize) -> Item {
    item(&[
        ("pk", s(pk)),
        ("sk", n(sk)),
        ("l", n("1")),
        ("x", s(&"x".repeat(bytes))),
    ])
}

fn key(pk: &str, sk: &str) -> Item {
    item(&[("pk", s(pk)), ("sk", n(sk))])
}

fn set_limit(engine: &Engine, bytes: usize) {
    let table = engine.shared.tables.get(TABLE).unwrap();
    table
        .data
        .write()
        .collections
        .as_mut()
        .unwrap()
        .set_limit(bytes);
}

fn collection_size(engine: &Engine, pk: &str) -> usize {
    let table = engine.shared.tables.get(TABLE).unwrap();
    let partition = KeyValue::from_attribute(&s(pk)).unwrap();
    let data = table.data.read();
    data.collections.as_ref().unwrap().size(&partition)
}

fn put_item(
    engine: &Engine,
    item: Item,
) -> Result<Option<ItemCollectionMetrics>, dynamodel::Error> {
    run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item,
        return_item_collection_metrics: SIZE,
        ..Default::default()
    }))
    .map(|output| output.item_collection_metrics)
}

#[track_caller]
fn assert_too_large<T: std::fmt::Debug>(result: Result<T, dynamodel::Error>) {
    assert_eq!(
        failure(result),
        (
            ErrorKind::ItemCollectionSizeLimitExceeded,
            "Collection size exceeded".to_owned()
        )
    );
}

fn small_metrics(pk: &str) -> ItemCollectionMetrics {
    ItemCollectionMetrics {
        item_collection_key: Some(item(&[("pk", s(pk))])),
        size_estimate_range_gb: Some(vec![0.0, 1.0]),
    }
}

#[test]
fn the_size_counts_table_items_and_local_entries_only() {
    let engine = indexed_engine();
    put_item(&engine, item_of("a", "1", 100)).unwrap();
    // No local entry (no `l`), but a global one: the global entry does not count.
    put_item(
        &engine,
        item(&[
            ("pk", s("a")),
            ("sk", n("2")),
            ("g", s("g")),
            ("gs", n("1")),
        ]),
    )
    .unwrap();
    put_item(&engine, item_of("b", "1", 10)).unwrap();
    let table = engine.shared.tables.get(TABLE).unwrap();
    let expected = {
        let data = table.data.read();
        let partition = KeyValue::from_attribute(&s("a")).unwrap();
        let items: usize = data
            .items
            .iter()
            .filter(|(key, _)| key.partition == partition)
            .map(|(_, stored)| stored.size)
            .sum();
        let local = data.index("by_l").unwrap();
        let entries: usize = local
            .entries
            .iter()
            .filter(|(position, _)| position.table_key().unwrap().partition == partition)
            .map(|(_, entry)| entry.size)
            .sum();
        assert!(entries > 100);
        items + entries
    };
    assert_eq!(collection_size(&engine, "a"), expected);
    run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: key("a", "1"),
        ..Default::default()
    }))
    .unwrap();
    run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: key("a", "2"),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(collection_size(&engine, "a"), 0);
    assert!(collection_size(&engine, "b") > 0);
}

#[test]
fn a_put_past_the_limit_is_refused_and_leaves_the_collection_as_it_was() {
    let engine = indexed_engine();
    set_limit(&engine, 1000);
    put_item(&engine, item_of("a", "1", 300)).unwrap();
    let before = collection_size(&engine, "a");
    assert_too_large(put_item(&engine, item_of("a", "2", 300)));
    assert_eq!(get(&engine, key("a", "2")), None);
    assert_eq!(collection_size(&engine, "a"), before);
    // Another collection is not affected.
    put_item(&engine, item_of("b", "1", 300)).unwrap();
}

#[test]
fn an_update_that_grows_past_the_limit_is_refused_but_shrinking_is_allowed() {
    let engine = indexed_engine();
    set_limit(&engine, 1000);
    put_item(&engine, item_of("a", "1", 300)).unwrap();
    let update = |expression: &str, value: Option<&str>| {
        run(engine.update_item(UpdateItemInput {
            table_name: TABLE.into(),
            key: key("a", "1"),
            update_expression: Some(expression.into()),
            expression_attribute_values: value.map(|v| BTreeMap::from([(":v".to_owned(), s(v))])),
            ..Default::default()
        }))
    };
    assert_too_large(update("SET x = :v", Some(&"y".repeat(600))));
    // Over the limit once it is lowered, a write that shrinks the collection still passes.
    set_limit(&engine, 10);
    update("SET x = :v", Some("short")).unwrap();
    update("REMOVE x", None).unwrap();
}

#[test]
fn a_batch_is_checked_as_a_whole_before_anything_is_written() {
    let engine = indexed_engine();
    set_limit(&engine, 1000);
    let writes = vec![
        WriteRequest::put(item_of("a", "1", 300)),
        WriteRequest::put(item_of("a", "2", 300)),
    ];
    assert_too_large(run(engine.batch_write_item(BatchWriteItemInput {
        request_items: BTreeMap::from([(TABLE.to_owned(), writes)]),
        ..Default::default()
    })));
    assert_eq!(get(&engine, key("a", "1")), None);
    assert_eq!(collection_size(&engine, "a"), 0);
}

#[test]
fn a_transaction_past_the_limit_is_cancelled_with_the_reason_of_the_action() {
    let engine = indexed_engine();
    set_limit(&engine, 1000);
    let put = |sk: &str| {
        TransactWriteItem::from(TransactPut {
            table_name: TABLE.into(),
            item: item_of("a", sk, 300),
            ..Default::default()
        })
    };
    let error = run(engine.transact_write_items(TransactWriteItemsInput {
        transact_items: vec![put("1"), put("2")],
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TransactionCanceled);
    let reasons: Vec<_> = error
        .cancellation_reasons()
        .iter()
        .map(|r| (r.code.as_str(), r.message.as_deref()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("None", None),
            (
                "ItemCollectionSizeLimitExceeded",
                Some("Collection size exceeded")
            ),
        ]
    );
    assert_eq!(collection_size(&engine, "a"), 0);
}

#[test]
fn single_item_writes_report_metrics_when_asked() {
    let engine = indexed_engine();
    assert_eq!(
        put_item(&engine, item_of("a", "1", 10)).unwrap(),
        Some(small_metrics("a"))
    );
    let updated = run(engine.update_item(UpdateItemInput {
        table_name: TABLE.into(),
        key: key("a", "1"),
        update_expression: Some("REMOVE x".into()),
        return_item_collection_metrics: SIZE,
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(updated.item_collection_metrics, Some(small_metrics("a")));
    let deleted = run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: key("a", "1"),
        return_item_collection_metrics: SIZE,
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(deleted.item_collection_metrics, Some(small_metrics("a")));
    let unasked = run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item: item_of("a", "1", 10),
        return_item_collection_metrics: Some(ReturnItemCollectionMetrics::None),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(unasked.item_collection_metrics, None);
}

#[test]
fn batches_and_transactions_report_one_metric_per_collection() {
    let engine = indexed_engine();
    let writes = vec![
        WriteRequest::put(item_of("b", "1", 10)),
        WriteRequest::put(item_of("a", "1", 10)),
        WriteRequest::delete(key("b", "2")),
    ];
    let batch = run(engine.batch_write_item(BatchWriteItemInput {
        request_items: BTreeMap::from([(TABLE.to_owned(), writes)]),
        return_item_collection_metrics: SIZE,
        ..Default::default()
    }))
    .unwrap();
    let expected = BTreeMap::from([(
        TABLE.to_owned(),
        vec![small_metrics("b"), small_metrics("a")],
    )]);
    assert_eq!(batch.item_collection_metrics, Some(expected));
    let transaction = run(engine.transact_write_items(TransactWriteItemsInput {
        transact_items: vec![
            TransactWriteItem {
                condition_check: Some(TransactConditionCheck {
                    table_name: TABLE.into(),
                    key: key("c", "1"),
                    condition_expression: "attribute_not_exists(pk)".into(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            TransactWriteItem::from(TransactPut {
                table_name: TABLE.into(),
                item: item_of("a", "2", 10),
                ..Default::default()
            }),
        ],
        return_item_collection_metrics: SIZE,
        ..Default::default()
    }))
    .unwrap();
    // The condition check touches no collection.
    let expected = BTreeMap::from([(TABLE.to_owned(), vec![small_metrics("a")])]);
    assert_eq!(transaction.item_collection_metrics, Some(expected));
}

#[test]
fn tables_without_local_indexes_report_no_metrics_and_have_no_limit() {
    let engine = engine_with(T::S, None);
    let table = engine.shared.tables.get(TABLE).unwrap();
    assert!(table.data.read().collections.is_none());
    let output = run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item: item(&[("pk", s("a"))]),
        return_item_collection_metrics: SIZE,
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(output.item_collection_metrics, None);
    let batch = run(engine.batch_write_item(BatchWriteItemInput {
        request_items: BTreeMap::from([(
            TABLE.to_owned(),
            vec![WriteRequest::put(item(&[("pk", s("b"))]))],
        )]),
        return_item_collection_metrics: SIZE,
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(batch.item_collection_metrics, None);
}
