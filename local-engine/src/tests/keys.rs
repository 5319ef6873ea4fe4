//! Key validation and the size limits of keys and items.

use dynamodel::model::{DeleteItemInput, GetItemInput, PutItemInput, ScalarAttributeType as T};
use dynamodel::{AttributeValue, Backend, Item};

use super::support::*;

fn put_result(
    engine: &crate::Engine,
    item: Item,
) -> dynamodel::Result<dynamodel::model::PutItemOutput> {
    run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item,
        ..Default::default()
    }))
}

fn get_result(
    engine: &crate::Engine,
    key: Item,
) -> dynamodel::Result<dynamodel::model::GetItemOutput> {
    run(engine.get_item(GetItemInput {
        table_name: TABLE.into(),
        key,
        ..Default::default()
    }))
}

fn delete_result(
    engine: &crate::Engine,
    key: Item,
) -> dynamodel::Result<dynamodel::model::DeleteItemOutput> {
    run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key,
        ..Default::default()
    }))
}

#[test]
fn put_needs_every_key_attribute_with_its_type() {
    let engine = engine_with(T::S, Some(T::N));
    assert_validation(
        put_result(&engine, item(&[("sk", n("1"))])),
        "One or more parameter values were invalid: Missing the key pk in the item",
    );
    assert_validation(
        put_result(&engine, item(&[("pk", s("a"))])),
        "One or more parameter values were invalid: Missing the key sk in the item",
    );
    assert_validation(
        put_result(&engine, item(&[("pk", n("1")), ("sk", n("1"))])),
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
    );
    assert_validation(
        put_result(
            &engine,
            item(&[("pk", s("a")), ("sk", AttributeValue::Ss(vec!["1".into()]))]),
        ),
        "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: SS",
    );
}

#[test]
fn key_maps_must_match_the_schema_exactly() {
    let engine = engine_with(T::S, Some(T::S));
    let message = "The provided key element does not match the schema";
    for key in [
        item(&[("pk", s("a"))]),
        item(&[("pk", s("a")), ("sk", s("b")), ("extra", s("c"))]),
        item(&[("pk", s("a")), ("other", s("b"))]),
        item(&[("pk", s("a")), ("sk", n("1"))]),
        item(&[("pk", b(b"a")), ("sk", s("b"))]),
    ] {
        assert_validation(get_result(&engine, key.clone()), message);
        assert_validation(delete_result(&engine, key), message);
    }
}

#[test]
fn empty_key_values_are_refused() {
    let engine = engine_with(T::S, Some(T::B));
    assert_validation(
        put_result(&engine, item(&[("pk", s("")), ("sk", b(b"x"))])),
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
    );
    assert_validation(
        put_result(&engine, item(&[("pk", s("a")), ("sk", b(b""))])),
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk",
    );
    assert_validation(
        get_result(&engine, item(&[("pk", s("")), ("sk", b(b"x"))])),
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
    );
    assert_validation(
        delete_result(&engine, item(&[("pk", s("a")), ("sk", b(b""))])),
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk",
    );
}

#[test]
fn partition_key_limit_is_2048_bytes() {
    let engine = engine_with(T::S, Some(T::S));
    let at_limit = "é".repeat(1024);
    assert!(put_result(&engine, item(&[("pk", s(&at_limit)), ("sk", s("x"))])).is_ok());
    assert!(
        get_result(&engine, item(&[("pk", s(&at_limit)), ("sk", s("x"))]))
            .unwrap()
            .item
            .is_some()
    );
    let over = format!("{at_limit}a");
    let message = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes";
    assert_validation(
        put_result(&engine, item(&[("pk", s(&over)), ("sk", s("x"))])),
        message,
    );
    assert_validation(
        get_result(&engine, item(&[("pk", s(&over)), ("sk", s("x"))])),
        message,
    );
    let binary = engine_with(T::B, None);
    assert!(put_result(&binary, item(&[("pk", b(&[0xab; 2048]))])).is_ok());
    assert_validation(
        put_result(&binary, item(&[("pk", b(&[0xab; 2049]))])),
        message,
    );
}

#[test]
fn sort_key_limit_is_1024_bytes() {
    let engine = engine_with(T::S, Some(T::S));
    assert!(
        put_result(
            &engine,
            item(&[("pk", s("a")), ("sk", s(&"z".repeat(1024)))])
        )
        .is_ok()
    );
    assert_validation(
        put_result(
            &engine,
            item(&[("pk", s("a")), ("sk", s(&"z".repeat(1025)))]),
        ),
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
    );
}

#[test]
fn item_limit_is_409600_bytes_on_both_sides() {
    let engine = engine_with(T::S, None);
    // "pk" + "a" = 3 bytes, "v" = 1 byte: the string fills the rest.
    let fits = item(&[("pk", s("a")), ("v", s(&"x".repeat(409_600 - 4)))]);
    assert_eq!(crate::size::item_size(&fits), 409_600);
    assert!(put_result(&engine, fits).is_ok());
    let over = item(&[("pk", s("a")), ("v", s(&"x".repeat(409_600 - 3)))]);
    assert_validation(
        put_result(&engine, over),
        "Item size has exceeded the maximum allowed size",
    );
    let numbers = item(&[
        ("pk", s("b")),
        ("v", AttributeValue::L(vec![n("12345"); 1000])),
    ]);
    // 3 + 1000 × (1 + 4) plus names.
    assert_eq!(crate::size::item_size(&numbers), 2 + 1 + 1 + 3 + 5000);
}
