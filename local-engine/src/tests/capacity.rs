//! ReturnConsumedCapacity on reads and writes.

use dynamodel::Backend;
use dynamodel::model::{
    DeleteItemInput, GetItemInput, PutItemInput, ReturnConsumedCapacity, ScalarAttributeType as T,
    ScanInput,
};

use super::support::*;

#[test]
fn get_costs_4kb_units_halved_when_eventually_consistent() {
    let engine = engine_with(T::S, None);
    put(
        &engine,
        item(&[("pk", s("big")), ("v", s(&"x".repeat(9000)))]),
    );
    let get = |key: &str, consistent: bool, mode: Option<ReturnConsumedCapacity>| {
        run(engine.get_item(GetItemInput {
            table_name: TABLE.into(),
            key: item(&[("pk", s(key))]),
            consistent_read: Some(consistent),
            return_consumed_capacity: mode,
            ..Default::default()
        }))
        .unwrap()
        .consumed_capacity
    };
    let total = Some(ReturnConsumedCapacity::Total);
    assert_eq!(
        get("big", true, total.clone()).unwrap().capacity_units,
        Some(3.0)
    );
    assert_eq!(
        get("big", false, total.clone()).unwrap().capacity_units,
        Some(1.5)
    );
    assert_eq!(
        get("missing", false, total.clone()).unwrap().capacity_units,
        Some(0.5)
    );
    assert_eq!(
        get("missing", true, total).unwrap().capacity_units,
        Some(1.0)
    );
    let indexes = get("big", true, Some(ReturnConsumedCapacity::Indexes)).unwrap();
    assert_eq!(indexes.table_name.as_deref(), Some(TABLE));
    assert_eq!(indexes.table.unwrap().capacity_units, Some(3.0));
    assert!(get("big", true, Some(ReturnConsumedCapacity::None)).is_none());
    assert!(get("big", true, None).is_none());
}

#[test]
fn writes_cost_1kb_units_of_the_larger_image() {
    let engine = engine_with(T::S, None);
    let put_units = |size: usize| {
        run(engine.put_item(PutItemInput {
            table_name: TABLE.into(),
            item: item(&[("pk", s("a")), ("v", s(&"x".repeat(size)))]),
            return_consumed_capacity: Some(ReturnConsumedCapacity::Total),
            ..Default::default()
        }))
        .unwrap()
        .consumed_capacity
        .unwrap()
        .capacity_units
    };
    assert_eq!(put_units(100), Some(1.0));
    assert_eq!(put_units(3000), Some(3.0));
    assert_eq!(put_units(10), Some(3.0), "the replaced item was larger");
    assert_eq!(put_units(10), Some(1.0));
    let deleted = run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s("a"))]),
        return_consumed_capacity: Some(ReturnConsumedCapacity::Total),
        ..Default::default()
    }))
    .unwrap();
    let consumed = deleted.consumed_capacity.unwrap();
    assert_eq!(consumed.capacity_units, Some(1.0));
    assert_eq!(
        consumed.write_capacity_units, None,
        "only transactions split the units"
    );
}

#[test]
fn query_and_scan_round_the_total_read() {
    let engine = engine_with(T::S, Some(T::N));
    for i in 0..4 {
        put(
            &engine,
            item(&[
                ("pk", s("p")),
                ("sk", n(&i.to_string())),
                ("v", s(&"x".repeat(1500))),
            ]),
        );
    }
    let mut input = query("pk = :p", &[(":p", s("p"))]);
    input.return_consumed_capacity = Some(ReturnConsumedCapacity::Total);
    input.consistent_read = Some(true);
    // 4 × ~1.5 KB = ~6 KB: 2 units, not 4.
    assert_eq!(
        run(engine.query(input))
            .unwrap()
            .consumed_capacity
            .unwrap()
            .capacity_units,
        Some(2.0)
    );
    let out = run(engine.scan(ScanInput {
        return_consumed_capacity: Some(ReturnConsumedCapacity::Total),
        ..scan()
    }))
    .unwrap();
    let consumed = out.consumed_capacity.unwrap();
    assert_eq!(consumed.capacity_units, Some(1.0));
    assert_eq!(
        consumed.read_capacity_units, None,
        "only transactions split the units"
    );
}

#[test]
fn unknown_capacity_mode_is_refused() {
    let engine = engine_with(T::S, None);
    let input = GetItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s("a"))]),
        return_consumed_capacity: Some(ReturnConsumedCapacity::Unknown("ALL".into())),
        ..Default::default()
    };
    assert_validation(
        run(engine.get_item(input)),
        "1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
    );
}
