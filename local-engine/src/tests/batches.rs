//! BatchWriteItem and BatchGetItem: limits, duplicates, projections, the 16 MB response limit.

use std::collections::BTreeMap;

use dynamodel::model::{
    BatchGetItemInput, BatchWriteItemInput, KeysAndAttributes, ReturnConsumedCapacity,
    ScalarAttributeType as T, WriteRequest,
};
use dynamodel::{Backend, ErrorKind, Item};

use super::support::*;
use crate::Engine;

fn key(pk: &str) -> Item {
    item(&[("pk", s(pk))])
}

fn writes(requests: Vec<WriteRequest>) -> BatchWriteItemInput {
    BatchWriteItemInput {
        request_items: [(TABLE.to_owned(), requests)].into_iter().collect(),
        ..Default::default()
    }
}

fn gets(keys: Vec<Item>) -> BatchGetItemInput {
    BatchGetItemInput {
        request_items: [(
            TABLE.to_owned(),
            KeysAndAttributes {
                keys,
                ..Default::default()
            },
        )]
        .into_iter()
        .collect(),
        ..Default::default()
    }
}

fn engine() -> Engine {
    engine_with(T::S, None)
}

#[test]
fn batch_write_puts_and_deletes() {
    let engine = engine();
    put(&engine, key("old"));
    let out = run(engine.batch_write_item(writes(vec![
        WriteRequest::put(item(&[("pk", s("a")), ("v", n("1"))])),
        WriteRequest::delete(key("old")),
        WriteRequest::delete(key("never")),
    ])))
    .unwrap();
    assert_eq!(out.unprocessed_items, Some(BTreeMap::new()));
    assert_eq!(get(&engine, key("a")).unwrap()["v"], n("1"));
    assert_eq!(get(&engine, key("old")), None);
}

#[test]
fn batch_write_limits() {
    let engine = engine();
    let many = |count: usize| -> Vec<WriteRequest> {
        (0..count)
            .map(|i| WriteRequest::put(key(&format!("k{i}"))))
            .collect()
    };
    assert_validation(
        run(engine.batch_write_item(writes(many(26)))),
        "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map \
         value must satisfy constraint: [Member must have length less than or equal to 25, \
         Member must have length greater than or equal to 1]",
    );
    assert_validation(
        run(engine.batch_write_item(writes(vec![]))),
        "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map \
         value must satisfy constraint: [Member must have length less than or equal to 25, \
         Member must have length greater than or equal to 1]",
    );
    assert_validation(
        run(engine.batch_write_item(BatchWriteItemInput::default())),
        "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: \
         Member must have length greater than or equal to 1",
    );
    run(engine.create_table(table_input("other", ("pk", T::S), None))).unwrap();
    let mut split = writes(many(20));
    split.request_items.insert("other".into(), many(6));
    assert_validation(
        run(engine.batch_write_item(split)),
        "Too many items requested for the BatchWriteItem call",
    );
    run(engine.batch_write_item(writes(many(25)))).unwrap();
    assert_eq!(run(engine.scan(scan())).unwrap().count, 25);
}

#[test]
fn batch_write_rejects_duplicates_and_writes_nothing() {
    let engine = engine();
    for second in [WriteRequest::put(key("a")), WriteRequest::delete(key("a"))] {
        assert_validation(
            run(engine.batch_write_item(writes(vec![WriteRequest::put(key("a")), second]))),
            "Provided list of item keys contains duplicates",
        );
    }
    assert_eq!(get(&engine, key("a")), None);
}

#[test]
fn batch_write_rejects_large_items_and_missing_tables_before_writing() {
    let engine = engine();
    let big = item(&[("pk", s("big")), ("v", s(&"x".repeat(409_600)))]);
    assert_validation(
        run(engine.batch_write_item(writes(vec![
            WriteRequest::put(key("a")),
            WriteRequest::put(big),
        ]))),
        "Item size has exceeded the maximum allowed size",
    );
    let mut missing = writes(vec![WriteRequest::put(key("a"))]);
    missing
        .request_items
        .insert("nope".into(), vec![WriteRequest::put(key("b"))]);
    assert_eq!(
        failure(run(engine.batch_write_item(missing))).0,
        ErrorKind::ResourceNotFound
    );
    assert_eq!(get(&engine, key("a")), None);
    assert_validation(
        run(engine.batch_write_item(writes(vec![WriteRequest::default()]))),
        "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest",
    );
}

#[test]
fn batch_write_reports_capacity_per_table() {
    let engine = engine();
    let mut input = writes(vec![
        WriteRequest::put(item(&[("pk", s("a")), ("v", s(&"x".repeat(1500)))])),
        WriteRequest::put(key("b")),
    ]);
    input.return_consumed_capacity = Some(ReturnConsumedCapacity::Total);
    let out = run(engine.batch_write_item(input)).unwrap();
    let consumed = out.consumed_capacity.unwrap();
    assert_eq!(consumed[0].capacity_units, Some(3.0));
    assert_eq!(
        consumed[0].write_capacity_units, None,
        "only transactions split the units"
    );
}

#[test]
fn batch_get_reads_found_keys_with_projection() {
    let engine = engine();
    put(
        &engine,
        item(&[("pk", s("a")), ("v", n("1")), ("w", n("2"))]),
    );
    put(&engine, item(&[("pk", s("b")), ("v", n("3"))]));
    let mut input = gets(vec![key("a"), key("missing"), key("b")]);
    let request = input.request_items.get_mut(TABLE).unwrap();
    request.projection_expression = Some("#v".into());
    request.expression_attribute_names =
        Some([("#v".to_owned(), "v".to_owned())].into_iter().collect());
    let out = run(engine.batch_get_item(input)).unwrap();
    assert_eq!(
        out.responses.unwrap()[TABLE],
        vec![item(&[("v", n("1"))]), item(&[("v", n("3"))])]
    );
    assert_eq!(out.unprocessed_keys, Some(BTreeMap::new()));
}

#[test]
fn batch_get_limits_and_duplicates() {
    let engine = engine();
    let keys: Vec<_> = (0..101).map(|i| key(&format!("k{i}"))).collect();
    assert_validation(
        run(engine.batch_get_item(gets(keys))),
        "Too many items requested for the BatchGetItem call",
    );
    assert_validation(
        run(engine.batch_get_item(gets(vec![key("a"), key("a")]))),
        "Provided list of item keys contains duplicates",
    );
    assert_validation(
        run(engine.batch_get_item(gets(vec![]))),
        "1 validation error detected: Value at 'requestItems.tbl.member.keys' failed to satisfy \
         constraint: Member must have length greater than or equal to 1",
    );
    let mut mixed = gets(vec![key("a")]);
    let request = mixed.request_items.get_mut(TABLE).unwrap();
    request.projection_expression = Some("v".into());
    request.attributes_to_get = Some(vec!["v".into()]);
    assert_eq!(
        failure(run(engine.batch_get_item(mixed))).0,
        ErrorKind::Validation
    );
}

#[test]
fn batch_get_stops_at_16_mb_and_returns_the_rest_as_unprocessed() {
    let engine = engine();
    let big = "x".repeat(400_000);
    let keys: Vec<_> = (0..45).map(|i| key(&format!("k{i:02}"))).collect();
    for k in &keys {
        let mut it = k.clone();
        it.insert("v".into(), s(&big));
        put(&engine, it);
    }
    let mut input = gets(keys.clone());
    input.request_items.get_mut(TABLE).unwrap().consistent_read = Some(true);
    let out = run(engine.batch_get_item(input)).unwrap();
    let got = out.responses.unwrap()[TABLE].len();
    let rest = out.unprocessed_keys.unwrap().remove(TABLE).unwrap();
    assert_eq!(got, 41, "16 MB hold 41 items of 400,006 bytes");
    assert_eq!(got + rest.keys.len(), 45);
    assert_eq!(
        rest.keys,
        keys[got..].to_vec(),
        "the rest, in request order"
    );
    assert_eq!(
        rest.consistent_read,
        Some(true),
        "with the table's settings"
    );
}

#[test]
fn batch_get_capacity_rounds_each_item() {
    let engine = engine();
    put(
        &engine,
        item(&[("pk", s("a")), ("v", s(&"x".repeat(5000)))]),
    );
    put(&engine, key("b"));
    let mut input = gets(vec![key("a"), key("b")]);
    input.return_consumed_capacity = Some(ReturnConsumedCapacity::Total);
    let out = run(engine.batch_get_item(input)).unwrap();
    // Eventually consistent: (2 + 1) / 2.
    let consumed = out.consumed_capacity.unwrap();
    assert_eq!(consumed[0].capacity_units, Some(1.5));
    assert_eq!(
        consumed[0].read_capacity_units, None,
        "only transactions split the units"
    );
}
