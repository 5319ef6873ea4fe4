//! Query and Scan of secondary indexes: order, projections, `Select`, paging, multi-attribute
//! keys and parallel scans.

use dynamodel::model::{QueryInput, ScanInput, Select};
use dynamodel::{AttributeValue, Backend, Item};

use super::index_fixture::*;
use super::support::*;
use crate::Engine;

fn seeded() -> Engine {
    let engine = indexed_engine();
    for (pk, sk, g, gs) in [
        ("a", "1", "x", "2"),
        ("b", "1", "x", "1"),
        ("a", "2", "x", "2"),
        ("c", "1", "y", "1"),
    ] {
        put(
            &engine,
            item(&[
                ("pk", s(pk)),
                ("sk", n(sk)),
                ("g", s(g)),
                ("gs", n(gs)),
                ("l", n(sk)),
                ("x", s("in")),
                ("y", s("out")),
            ]),
        );
    }
    // Sparse: no `gs`, so not in `by_g`.
    put(
        &engine,
        item(&[("pk", s("d")), ("sk", n("1")), ("g", s("x"))]),
    );
    engine
}

fn on(index: &str, mut input: QueryInput) -> QueryInput {
    input.index_name = Some(index.into());
    input
}

fn keys(items: &[Item]) -> Vec<(AttributeValue, AttributeValue)> {
    items
        .iter()
        .map(|i| (i["pk"].clone(), i["sk"].clone()))
        .collect()
}

#[test]
fn global_index_orders_by_index_key_then_table_key() {
    let engine = seeded();
    let output = run(engine.query(on("by_g", query("g = :g", &[(":g", s("x"))])))).unwrap();
    let items = output.items.unwrap();
    assert_eq!(
        keys(&items),
        vec![(s("b"), n("1")), (s("a"), n("1")), (s("a"), n("2"))]
    );
    // KEYS_ONLY: table key and index key only.
    assert_eq!(
        items[0],
        item(&[
            ("pk", s("b")),
            ("sk", n("1")),
            ("g", s("x")),
            ("gs", n("1"))
        ])
    );
    let mut backwards = on(
        "by_g",
        query("g = :g AND gs = :two", &[(":g", s("x")), (":two", n("2"))]),
    );
    backwards.scan_index_forward = Some(false);
    let items = run(engine.query(backwards)).unwrap().items.unwrap();
    assert_eq!(keys(&items), vec![(s("a"), n("2")), (s("a"), n("1"))]);
}

#[test]
fn pages_carry_the_index_key_and_the_table_key() {
    let engine = seeded();
    let mut input = on("by_g", query("g = :g", &[(":g", s("x"))]));
    input.limit = Some(2);
    let first = run(engine.query(input.clone())).unwrap();
    let last = first.last_evaluated_key.unwrap();
    assert_eq!(
        last,
        item(&[
            ("pk", s("a")),
            ("sk", n("1")),
            ("g", s("x")),
            ("gs", n("2"))
        ])
    );
    input.exclusive_start_key = Some(last);
    let second = run(engine.query(input.clone())).unwrap();
    assert_eq!(keys(&second.items.unwrap()), vec![(s("a"), n("2"))]);
    input.exclusive_start_key = Some(item(&[("pk", s("a")), ("sk", n("1"))]));
    assert_validation(
        run(engine.query(input)),
        "The provided starting key is invalid",
    );
}

#[test]
fn select_and_consistency_rules() {
    let engine = seeded();
    let mut input = on("by_g", query("g = :g", &[(":g", s("x"))]));
    input.consistent_read = Some(true);
    assert_validation(
        run(engine.query(input)),
        "Consistent reads are not supported on global secondary indexes",
    );
    let mut input = on("by_g", query("g = :g", &[(":g", s("x"))]));
    input.select = Some(Select::AllAttributes);
    assert_validation(
        run(engine.query(input)),
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index by_g because its projection type is not ALL",
    );
    let mut count = on("by_g", query("g = :g", &[(":g", s("x"))]));
    count.select = Some(Select::Count);
    let counted = run(engine.query(count)).unwrap();
    assert_eq!((counted.count, counted.items), (3, None));
    // A local index answers ALL_ATTRIBUTES from the table, and strongly consistent reads.
    let mut local = on(
        "by_l",
        query("pk = :p AND l > :l", &[(":p", s("a")), (":l", n("0"))]),
    );
    local.select = Some(Select::AllAttributes);
    local.consistent_read = Some(true);
    let items = run(engine.query(local)).unwrap().items.unwrap();
    assert_eq!(column(&items, "y"), vec![s("out"), s("out")]);
    // ALL_PROJECTED_ATTRIBUTES (the default) keeps INCLUDE's `x` only.
    let local = on("by_l", query("pk = :p", &[(":p", s("a"))]));
    let items = run(engine.query(local)).unwrap().items.unwrap();
    assert_eq!(
        items[0],
        item(&[
            ("pk", s("a")),
            ("sk", n("1")),
            ("l", n("1")),
            ("x", s("in"))
        ])
    );
    assert_validation(
        run(engine.query(on("nope", query("pk = :p", &[(":p", s("a"))])))),
        "The table does not have the specified index: nope",
    );
}

#[test]
fn multi_attribute_keys_query_left_to_right() {
    let engine = indexed_engine();
    for (pk, m3, m4) in [
        ("a", "c", "1"),
        ("b", "c", "2"),
        ("c", "d", "1"),
        ("d", "c", "3"),
    ] {
        put(
            &engine,
            item(&[
                ("pk", s(pk)),
                ("sk", n("0")),
                ("m1", s("t")),
                ("m2", n("7")),
                ("m3", s(m3)),
                ("m4", n(m4)),
            ]),
        );
    }
    put(
        &engine,
        item(&[
            ("pk", s("e")),
            ("sk", n("0")),
            ("m1", s("t")),
            ("m2", n("8")),
            ("m3", s("c")),
            ("m4", n("1")),
        ]),
    );
    let values = [
        (":a", s("t")),
        (":b", n("7")),
        (":c", s("c")),
        (":d", n("2")),
    ];
    let all = run(engine.query(on("by_m", query("m1 = :a AND m2 = :b", &values[..2])))).unwrap();
    assert_eq!(
        column(&all.items.unwrap(), "pk"),
        vec![s("a"), s("b"), s("d"), s("c")]
    );
    let range = run(engine.query(on(
        "by_m",
        query("m1 = :a AND m2 = :b AND m3 = :c AND m4 >= :d", &values),
    )))
    .unwrap();
    assert_eq!(column(&range.items.unwrap(), "pk"), vec![s("b"), s("d")]);
    let prefix = run(engine.query(on(
        "by_m",
        query("m1 = :a AND m2 = :b AND m3 = :c", &values[..3]),
    )))
    .unwrap();
    assert_eq!(
        column(&prefix.items.unwrap(), "pk"),
        vec![s("a"), s("b"), s("d")]
    );
    assert_validation(
        run(engine.query(on(
            "by_m",
            query(
                "m1 = :a AND m2 = :b AND m4 = :d",
                &[values[0].clone(), values[1].clone(), values[3].clone()],
            ),
        ))),
        "Query key condition not supported",
    );
    assert_validation(
        run(engine.query(on("by_m", query("m1 = :a", &values[..1])))),
        "Query condition missed key schema element: m2",
    );
}

#[test]
fn index_scans_split_into_disjoint_complete_segments() {
    let engine = indexed_engine();
    for i in 0..40 {
        put(
            &engine,
            item(&[
                ("pk", s(&format!("p{i}"))),
                ("sk", n("0")),
                ("g", s(&format!("g{}", i % 13))),
                ("gs", n(&i.to_string())),
            ]),
        );
    }
    let whole = run(engine.scan(ScanInput {
        index_name: Some("by_g".into()),
        ..scan()
    }))
    .unwrap();
    assert_eq!(whole.count, 40);
    let mut seen = Vec::new();
    for segment in 0..4 {
        let mut start = None;
        loop {
            let page = run(engine.scan(ScanInput {
                index_name: Some("by_g".into()),
                segment: Some(segment),
                total_segments: Some(4),
                limit: Some(3),
                exclusive_start_key: start,
                ..scan()
            }))
            .unwrap();
            seen.extend(page.items.unwrap());
            start = page.last_evaluated_key;
            if start.is_none() {
                break;
            }
        }
    }
    let mut expected = whole.items.unwrap();
    let order = |i: &Item| format!("{:?}", i["pk"]);
    expected.sort_by_key(order);
    seen.sort_by_key(order);
    assert_eq!(seen, expected);
}
