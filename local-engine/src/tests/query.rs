//! Query results: key conditions, sort orders, paging, descending order, legacy conditions.

use std::collections::BTreeMap;

use dynamodel::model::{
    ComparisonOperator, Condition, QueryInput, ScalarAttributeType as T, Select,
};
use dynamodel::{AttributeValue, Backend, Item};

use super::support::*;
use crate::Engine;

fn numbers_table() -> Engine {
    let engine = engine_with(T::S, Some(T::N));
    for sk in ["10", "-10", "2", "1.5", "0", "-0.5", "100", "1e2"] {
        put(
            &engine,
            item(&[("pk", s("p")), ("sk", n(sk)), ("tag", s(sk))]),
        );
    }
    put(&engine, item(&[("pk", s("other")), ("sk", n("3"))]));
    engine
}

fn items_of(engine: &Engine, input: QueryInput) -> Vec<Item> {
    run(engine.query(input)).unwrap().items.unwrap()
}

fn sorts(items: &[Item]) -> Vec<AttributeValue> {
    column(items, "sk")
}

#[test]
fn numbers_sort_numerically_and_equal_numbers_are_one_key() {
    let engine = numbers_table();
    let got = items_of(&engine, query("pk = :p", &[(":p", s("p"))]));
    // `100` and `1e2` are the same key: the second put replaced the first.
    assert_eq!(
        sorts(&got),
        ["-10", "-0.5", "0", "1.5", "2", "10", "100"]
            .map(n)
            .to_vec()
    );
    assert_eq!(got.last().unwrap().get("tag"), Some(&s("1e2")));
}

#[test]
fn strings_sort_by_utf8_bytes() {
    let engine = engine_with(T::S, Some(T::S));
    for sk in ["b", "a", "é", "Z", "aa", "ü", "\u{10348}", "\u{FFFD}", ""] {
        if !sk.is_empty() {
            put(&engine, item(&[("pk", s("p")), ("sk", s(sk))]));
        }
    }
    let got = items_of(&engine, query("pk = :p", &[(":p", s("p"))]));
    let mut expected: Vec<&str> = vec!["b", "a", "é", "Z", "aa", "ü", "\u{10348}", "\u{FFFD}"];
    expected.sort_by(|x, y| x.as_bytes().cmp(y.as_bytes()));
    assert_eq!(
        expected,
        vec!["Z", "a", "aa", "b", "é", "ü", "\u{FFFD}", "\u{10348}"]
    );
    assert_eq!(sorts(&got), expected.into_iter().map(s).collect::<Vec<_>>());
}

#[test]
fn binaries_sort_as_unsigned_bytes() {
    let engine = engine_with(T::S, Some(T::B));
    for sk in [
        &[0x80u8][..],
        &[0x7f],
        &[0xff, 0x00],
        &[0x00],
        &[0x7f, 0xff],
        &[0xff],
    ] {
        put(&engine, item(&[("pk", s("p")), ("sk", b(sk))]));
    }
    let got = items_of(&engine, query("pk = :p", &[(":p", s("p"))]));
    let expected = [
        &[0x00u8][..],
        &[0x7f],
        &[0x7f, 0xff],
        &[0x80],
        &[0xff],
        &[0xff, 0x00],
    ];
    assert_eq!(
        sorts(&got),
        expected.iter().map(|v| b(v)).collect::<Vec<_>>()
    );
    let got = items_of(
        &engine,
        query("pk = :p AND sk > :v", &[(":p", s("p")), (":v", b(&[0x7f]))]),
    );
    assert_eq!(
        sorts(&got),
        [&[0x7f, 0xff][..], &[0x80], &[0xff], &[0xff, 0x00]]
            .iter()
            .map(|v| b(v))
            .collect::<Vec<_>>()
    );
}

#[test]
fn every_sort_key_operator() {
    let engine = numbers_table();
    let p = (":p", s("p"));
    type Case<'a> = (&'a str, Vec<(&'a str, AttributeValue)>, Vec<&'a str>);
    let cases: Vec<Case<'_>> = vec![
        (
            "pk = :p AND sk = :v",
            vec![p.clone(), (":v", n("2.0"))],
            vec!["2"],
        ),
        (
            "pk = :p AND sk < :v",
            vec![p.clone(), (":v", n("0"))],
            vec!["-10", "-0.5"],
        ),
        (
            "pk = :p AND sk <= :v",
            vec![p.clone(), (":v", n("0"))],
            vec!["-10", "-0.5", "0"],
        ),
        (
            "pk = :p AND sk > :v",
            vec![p.clone(), (":v", n("2"))],
            vec!["10", "100"],
        ),
        (
            "pk = :p AND sk >= :v",
            vec![p.clone(), (":v", n("2"))],
            vec!["2", "10", "100"],
        ),
        (
            "pk = :p AND sk BETWEEN :a AND :b",
            vec![p.clone(), (":a", n("-0.5")), (":b", n("2"))],
            vec!["-0.5", "0", "1.5", "2"],
        ),
        (
            "sk BETWEEN :a AND :b AND pk = :p",
            vec![p.clone(), (":a", n("3")), (":b", n("3"))],
            vec![],
        ),
        (
            ":v < sk AND :p = pk",
            vec![p.clone(), (":v", n("10"))],
            vec!["100"],
        ),
        (
            "((pk = :p) AND (sk <= :v))",
            vec![p.clone(), (":v", n("-10"))],
            vec!["-10"],
        ),
    ];
    for (expression, values, expected) in cases {
        let got = items_of(&engine, query(expression, &values));
        assert_eq!(
            sorts(&got),
            expected.into_iter().map(n).collect::<Vec<_>>(),
            "{expression}"
        );
    }
}

#[test]
fn begins_with_on_strings_and_binaries_in_both_directions() {
    let engine = engine_with(T::S, Some(T::S));
    for sk in ["a", "ab", "abc", "ab\u{10FFFF}", "abz", "ac", "b", "aa"] {
        put(&engine, item(&[("pk", s("p")), ("sk", s(sk))]));
    }
    let values = [(":p", s("p")), (":x", s("ab"))];
    let got = items_of(&engine, query("pk = :p AND begins_with(sk, :x)", &values));
    assert_eq!(
        sorts(&got),
        ["ab", "abc", "abz", "ab\u{10FFFF}"].map(s).to_vec()
    );
    let mut backwards = query("pk = :p AND begins_with(sk, :x)", &values);
    backwards.scan_index_forward = Some(false);
    assert_eq!(
        sorts(&items_of(&engine, backwards)),
        ["ab\u{10FFFF}", "abz", "abc", "ab"].map(s).to_vec()
    );

    let binary = engine_with(T::S, Some(T::B));
    for sk in [&[1u8, 2][..], &[1, 2, 0xff], &[1, 3], &[1], &[0xff]] {
        put(&binary, item(&[("pk", s("p")), ("sk", b(sk))]));
    }
    let got = items_of(
        &binary,
        query(
            "pk = :p AND begins_with(sk, :x)",
            &[(":p", s("p")), (":x", b(&[1, 2]))],
        ),
    );
    assert_eq!(sorts(&got), vec![b(&[1, 2]), b(&[1, 2, 0xff])]);
}

#[test]
fn names_may_be_placeholders_and_keywords_any_case() {
    let engine = numbers_table();
    let mut input = query(
        "#k = :p aNd #s bEtWeEn :a AnD :b",
        &[(":p", s("p")), (":a", n("0")), (":b", n("2"))],
    );
    input.expression_attribute_names = Some(BTreeMap::from([
        ("#k".into(), "pk".into()),
        ("#s".into(), "sk".into()),
    ]));
    assert_eq!(
        sorts(&items_of(&engine, input)),
        ["0", "1.5", "2"].map(n).to_vec()
    );
}

#[test]
fn descending_order_and_pages_in_both_directions() {
    let engine = engine_with(T::S, Some(T::N));
    for i in 0..10 {
        put(&engine, item(&[("pk", s("p")), ("sk", n(&i.to_string()))]));
    }
    for forward in [true, false] {
        let mut seen = Vec::new();
        let mut start = None;
        let mut pages = 0;
        loop {
            let mut input = query("pk = :p", &[(":p", s("p"))]);
            input.limit = Some(3);
            input.scan_index_forward = Some(forward);
            input.exclusive_start_key = start.take();
            let out = run(engine.query(input)).unwrap();
            pages += 1;
            assert_eq!(out.scanned_count, out.count);
            seen.extend(sorts(out.items.as_ref().unwrap()));
            match out.last_evaluated_key {
                Some(key) => {
                    assert_eq!(
                        key,
                        out.items.unwrap().last().unwrap().clone(),
                        "the key of the last item read"
                    );
                    start = Some(key);
                }
                None => break,
            }
        }
        let mut expected: Vec<AttributeValue> = (0..10).map(|i| n(&i.to_string())).collect();
        if !forward {
            expected.reverse();
        }
        assert_eq!(seen, expected);
        // 3 + 3 + 3 + 1: the last full page still carries a key (DynamoDB does not look ahead).
        assert_eq!(pages, 4);
    }
}

#[test]
fn limit_equal_to_the_rest_still_returns_a_key_then_an_empty_page() {
    let engine = engine_with(T::S, Some(T::N));
    for i in 0..3 {
        put(&engine, item(&[("pk", s("p")), ("sk", n(&i.to_string()))]));
    }
    let mut input = query("pk = :p", &[(":p", s("p"))]);
    input.limit = Some(3);
    let out = run(engine.query(input.clone())).unwrap();
    assert_eq!(out.count, 3);
    input.exclusive_start_key = out.last_evaluated_key;
    let out = run(engine.query(input)).unwrap();
    assert_eq!(
        (out.count, out.scanned_count, out.items.unwrap().len()),
        (0, 0, 0)
    );
    assert!(out.last_evaluated_key.is_none());
}

#[test]
fn pages_stop_after_one_megabyte_including_the_crossing_item() {
    let engine = engine_with(T::S, Some(T::N));
    let payload = "x".repeat(100_000);
    for i in 0..25 {
        put(
            &engine,
            item(&[
                ("pk", s("p")),
                ("sk", n(&i.to_string())),
                ("v", s(&payload)),
            ]),
        );
    }
    let size = crate::size::item_size(&item(&[
        ("pk", s("p")),
        ("sk", n("10")),
        ("v", s(&payload)),
    ]));
    assert!(size > 100_000);
    let mut start = None;
    let mut counts = Vec::new();
    loop {
        let mut input = query("pk = :p", &[(":p", s("p"))]);
        input.exclusive_start_key = start.take();
        let out = run(engine.query(input)).unwrap();
        counts.push(out.count);
        match out.last_evaluated_key {
            Some(key) => start = Some(key),
            None => break,
        }
    }
    // 11 items of ~100 KB cross 1 MB (10 do not), so pages hold 11, 11 and 3 items.
    assert_eq!(counts, vec![11, 11, 3]);
}

#[test]
fn select_count_returns_counts_without_items() {
    let engine = numbers_table();
    let mut input = query("pk = :p AND sk > :v", &[(":p", s("p")), (":v", n("0"))]);
    input.select = Some(Select::Count);
    let out = run(engine.query(input)).unwrap();
    assert_eq!((out.count, out.scanned_count), (4, 4));
    assert!(out.items.is_none());
}

#[test]
fn hash_only_tables_query_one_item() {
    let engine = engine_with(T::N, None);
    put(&engine, item(&[("pk", n("1")), ("v", s("one"))]));
    put(&engine, item(&[("pk", n("2"))]));
    let got = items_of(&engine, query("pk = :p", &[(":p", n("1.0"))]));
    assert_eq!(got, vec![item(&[("pk", n("1")), ("v", s("one"))])]);
    assert!(items_of(&engine, query("pk = :p", &[(":p", n("3"))])).is_empty());
}

#[test]
fn legacy_key_conditions_select_the_same_items() {
    let engine = numbers_table();
    let condition = |op: ComparisonOperator, values: Vec<AttributeValue>| Condition {
        comparison_operator: op,
        attribute_value_list: Some(values),
    };
    let cases = vec![
        (
            ComparisonOperator::Le,
            vec![n("0")],
            vec!["-10", "-0.5", "0"],
        ),
        (
            ComparisonOperator::Between,
            vec![n("1"), n("10")],
            vec!["1.5", "2", "10"],
        ),
        (ComparisonOperator::Gt, vec![n("10")], vec!["100"]),
    ];
    for (op, values, expected) in cases {
        let input = QueryInput {
            table_name: TABLE.into(),
            key_conditions: Some(BTreeMap::from([
                (
                    "pk".to_owned(),
                    condition(ComparisonOperator::Eq, vec![s("p")]),
                ),
                ("sk".to_owned(), condition(op, values)),
            ])),
            ..Default::default()
        };
        assert_eq!(
            sorts(&items_of(&engine, input)),
            expected.into_iter().map(n).collect::<Vec<_>>()
        );
    }
}

#[test]
fn parsed_expressions_are_cached() {
    let engine = numbers_table();
    for _ in 0..3 {
        items_of(&engine, query("pk = :p", &[(":p", s("p"))]));
    }
    assert_eq!(engine.shared.expressions.len(), 1);
}

#[test]
fn descending_begins_with_pages_resume_after_the_start_key() {
    let engine = engine_with(T::S, Some(T::S));
    for sk in ["a1", "b1", "b2", "b3", "b4", "b5", "c1"] {
        put(&engine, item(&[("pk", s("p")), ("sk", s(sk))]));
    }
    let mut seen = Vec::new();
    let mut start = None;
    loop {
        let mut input = query(
            "pk = :p AND begins_with(sk, :b)",
            &[(":p", s("p")), (":b", s("b"))],
        );
        input.scan_index_forward = Some(false);
        input.limit = Some(2);
        input.exclusive_start_key = start.take();
        let out = run(engine.query(input)).unwrap();
        seen.extend(sorts(&out.items.unwrap()));
        match out.last_evaluated_key {
            Some(key) => start = Some(key),
            None => break,
        }
    }
    assert_eq!(seen, ["b5", "b4", "b3", "b2", "b1"].map(s).to_vec());
}
