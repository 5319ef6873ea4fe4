//! Index writes and index reads in ConsumedCapacity (`INDEXES` and `TOTAL`).
//!
//! The table is the index fixture's: `by_g` (global, keys only, on `g`/`gs`), `by_l` (local on
//! `l`, including `x`) and `by_m` (global, all attributes, on `m1`..`m4`).

use std::collections::BTreeMap;

use dynamodel::model::{
    BatchWriteItemInput, Capacity, ConsumedCapacity, DeleteItemInput, PutItemInput, QueryInput,
    ReturnConsumedCapacity, ScanInput, TransactPut, TransactWriteItem, TransactWriteItemsInput,
    UpdateItemInput, WriteRequest,
};
use dynamodel::{Backend, Item};

use super::index_fixture::indexed_engine;
use super::support::*;
use crate::Engine;

const INDEXES: Option<ReturnConsumedCapacity> = Some(ReturnConsumedCapacity::Indexes);

fn key(pk: &str, sk: &str) -> Item {
    item(&[("pk", s(pk)), ("sk", n(sk))])
}

/// An item in `by_g` and `by_l` (not in `by_m`).
fn indexed(pk: &str, sk: &str) -> Item {
    let mut item = key(pk, sk);
    item.insert("g".into(), s("g1"));
    item.insert("gs".into(), n("1"));
    item.insert("l".into(), n("1"));
    item
}

fn put_with(engine: &Engine, item: Item) -> ConsumedCapacity {
    run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item,
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap()
    .consumed_capacity
    .unwrap()
}

fn update_with(
    engine: &Engine,
    expression: &str,
    value: Option<dynamodel::AttributeValue>,
) -> ConsumedCapacity {
    run(engine.update_item(UpdateItemInput {
        table_name: TABLE.into(),
        key: key("a", "1"),
        update_expression: Some(expression.into()),
        expression_attribute_values: value.map(|v| BTreeMap::from([(":v".to_owned(), v)])),
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap()
    .consumed_capacity
    .unwrap()
}

fn units(capacity: Option<&Capacity>) -> Option<f64> {
    capacity.and_then(|c| c.capacity_units)
}

/// (total, table, by_g, by_l, by_m) of a breakdown.
fn breakdown(consumed: &ConsumedCapacity) -> (f64, f64, Option<f64>, Option<f64>, Option<f64>) {
    let global = |name: &str| units(consumed.global_secondary_indexes.as_ref()?.get(name));
    let local = |name: &str| units(consumed.local_secondary_indexes.as_ref()?.get(name));
    (
        consumed.capacity_units.unwrap(),
        units(consumed.table.as_ref()).unwrap(),
        global("by_g"),
        local("by_l"),
        global("by_m"),
    )
}

#[test]
fn a_put_costs_one_write_per_index_it_enters() {
    let engine = indexed_engine();
    let consumed = put_with(&engine, indexed("a", "1"));
    assert_eq!(breakdown(&consumed), (3.0, 1.0, Some(1.0), Some(1.0), None));
    assert_eq!(consumed.table_name.as_deref(), Some(TABLE));
    // Outside transactions, no read/write split anywhere.
    let by_g = &consumed.global_secondary_indexes.as_ref().unwrap()["by_g"];
    assert_eq!(by_g.write_capacity_units, None);
}

#[test]
fn an_item_outside_every_index_costs_the_table_alone_and_has_no_index_maps() {
    let engine = indexed_engine();
    let consumed = put_with(&engine, key("a", "1"));
    assert_eq!(breakdown(&consumed), (1.0, 1.0, None, None, None));
    assert!(consumed.global_secondary_indexes.is_none());
    assert!(consumed.local_secondary_indexes.is_none());
}

#[test]
fn an_identical_overwrite_writes_no_index() {
    let engine = indexed_engine();
    put_with(&engine, indexed("a", "1"));
    let consumed = put_with(&engine, indexed("a", "1"));
    assert_eq!(breakdown(&consumed), (1.0, 1.0, None, None, None));
}

#[test]
fn changing_an_index_key_costs_a_delete_and_a_put() {
    let engine = indexed_engine();
    put_with(&engine, indexed("a", "1"));
    let consumed = update_with(&engine, "SET g = :v", Some(s("g2")));
    assert_eq!(breakdown(&consumed), (3.0, 1.0, Some(2.0), None, None));
    let consumed = update_with(&engine, "SET l = :v", Some(n("2")));
    assert_eq!(breakdown(&consumed), (3.0, 1.0, None, Some(2.0), None));
}

#[test]
fn only_projected_attributes_write_an_index() {
    let engine = indexed_engine();
    put_with(&engine, indexed("a", "1"));
    // `x` is projected into `by_l` only; `y` into no index (`by_g` is keys only).
    let consumed = update_with(&engine, "SET x = :v", Some(s("x1")));
    assert_eq!(breakdown(&consumed), (2.0, 1.0, None, Some(1.0), None));
    let consumed = update_with(&engine, "SET y = :v", Some(s("y1")));
    assert_eq!(breakdown(&consumed), (1.0, 1.0, None, None, None));
}

#[test]
fn removing_an_index_key_costs_one_delete() {
    let engine = indexed_engine();
    put_with(&engine, indexed("a", "1"));
    let consumed = update_with(&engine, "REMOVE gs", None);
    assert_eq!(breakdown(&consumed), (2.0, 1.0, Some(1.0), None, None));
}

#[test]
fn a_delete_costs_the_indexes_the_item_was_in() {
    let engine = indexed_engine();
    let mut item = key("a", "1");
    item.insert("l".into(), n("1"));
    put_with(&engine, item);
    let consumed = run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: key("a", "1"),
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap()
    .consumed_capacity
    .unwrap();
    assert_eq!(breakdown(&consumed), (2.0, 1.0, None, Some(1.0), None));
}

#[test]
fn index_writes_are_measured_on_the_projected_entry() {
    let engine = indexed_engine();
    let mut item = indexed("a", "1");
    for (name, value) in [
        ("m1", s("m")),
        ("m2", n("1")),
        ("m3", s("m")),
        ("m4", n("1")),
    ] {
        item.insert(name.into(), value);
    }
    // 1,500 bytes outside every key: `by_m` (ALL) pays 2 units, the keys-only `by_g` one.
    item.insert("big".into(), s(&"x".repeat(1500)));
    let consumed = put_with(&engine, item);
    assert_eq!(
        breakdown(&consumed),
        (6.0, 2.0, Some(1.0), Some(1.0), Some(2.0))
    );
}

#[test]
fn total_includes_the_index_writes() {
    let engine = indexed_engine();
    let consumed = run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item: indexed("a", "1"),
        return_consumed_capacity: Some(ReturnConsumedCapacity::Total),
        ..Default::default()
    }))
    .unwrap()
    .consumed_capacity
    .unwrap();
    assert_eq!(consumed.capacity_units, Some(3.0));
    assert!(consumed.table.is_none());
    assert!(consumed.global_secondary_indexes.is_none());
    assert!(consumed.local_secondary_indexes.is_none());
}

#[test]
fn batch_writes_add_up_their_index_writes() {
    let engine = indexed_engine();
    let writes = vec![
        WriteRequest::put(indexed("a", "1")),
        WriteRequest::put(key("a", "2")),
    ];
    let output = run(engine.batch_write_item(BatchWriteItemInput {
        request_items: BTreeMap::from([(TABLE.to_owned(), writes)]),
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap();
    let consumed = output.consumed_capacity.unwrap();
    assert_eq!(consumed.len(), 1);
    assert_eq!(
        breakdown(&consumed[0]),
        (4.0, 2.0, Some(1.0), Some(1.0), None)
    );
}

#[test]
fn transactions_double_index_writes_and_name_them_writes() {
    let engine = indexed_engine();
    let output = run(engine.transact_write_items(TransactWriteItemsInput {
        transact_items: vec![TransactWriteItem::from(TransactPut {
            table_name: TABLE.into(),
            item: indexed("a", "1"),
            ..Default::default()
        })],
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap();
    let consumed = &output.consumed_capacity.unwrap()[0];
    assert_eq!(breakdown(consumed), (6.0, 2.0, Some(2.0), Some(2.0), None));
    assert_eq!(consumed.write_capacity_units, Some(6.0));
    let by_l = &consumed.local_secondary_indexes.as_ref().unwrap()["by_l"];
    assert_eq!(by_l.write_capacity_units, Some(2.0));
    assert_eq!(by_l.read_capacity_units, None);
}

#[test]
fn reads_of_an_index_are_charged_to_the_index() {
    let engine = indexed_engine();
    put_with(&engine, indexed("a", "1"));
    let query = run(engine.query(QueryInput {
        table_name: TABLE.into(),
        index_name: Some("by_g".into()),
        key_condition_expression: Some("g = :g".into()),
        expression_attribute_values: Some(BTreeMap::from([(":g".to_owned(), s("g1"))])),
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap()
    .consumed_capacity
    .unwrap();
    assert_eq!(breakdown(&query), (0.5, 0.0, Some(0.5), None, None));
    let scan = run(engine.scan(ScanInput {
        table_name: TABLE.into(),
        index_name: Some("by_l".into()),
        consistent_read: Some(true),
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap()
    .consumed_capacity
    .unwrap();
    assert_eq!(breakdown(&scan), (1.0, 0.0, None, Some(1.0), None));
    let table_scan = run(engine.scan(ScanInput {
        table_name: TABLE.into(),
        return_consumed_capacity: INDEXES,
        ..Default::default()
    }))
    .unwrap()
    .consumed_capacity
    .unwrap();
    assert_eq!(breakdown(&table_scan), (0.5, 0.5, None, None, None));
}
