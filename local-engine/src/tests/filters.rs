//! Filters on Query and Scan: `FilterExpression`, `QueryFilter`/`ScanFilter` with
//! `ConditionalOperator`; counting, paging and the checks (DynamoDB rule 1).

use std::collections::BTreeMap;

use dynamodel::model::{
    ComparisonOperator, Condition, ConditionalOperator, QueryInput, ScalarAttributeType as T,
    ScanInput, Select,
};
use dynamodel::{AttributeValue, Backend, Item};

use super::support::*;
use crate::Engine;

/// Partition `p` with sort keys 1..=6; `n` is the sort key modulo 3, `tag` only on evens.
fn engine() -> Engine {
    let engine = engine_with(T::S, Some(T::N));
    for i in 1..=6 {
        let mut entry = item(&[
            ("pk", s("p")),
            ("sk", n(&i.to_string())),
            ("n", n(&(i % 3).to_string())),
        ]);
        if i % 2 == 0 {
            entry.insert("tag".into(), s("even"));
        }
        put(&engine, entry);
    }
    engine
}

fn filtered(filter: &str, values: &[(&str, AttributeValue)]) -> QueryInput {
    let mut all = vec![(":p", s("p"))];
    all.extend(values.iter().cloned());
    QueryInput {
        filter_expression: Some(filter.to_owned()),
        ..query("pk = :p", &all)
    }
}

fn sort_keys(items: &[Item]) -> Vec<AttributeValue> {
    column(items, "sk")
}

#[test]
fn filter_keeps_matching_items_and_counts_both() {
    let engine = engine();
    let out = run(engine.query(filtered("n = :one", &[(":one", n("1"))]))).unwrap();
    assert_eq!(sort_keys(out.items.as_deref().unwrap()), [n("1"), n("4")]);
    assert_eq!((out.count, out.scanned_count), (2, 6));
    assert_eq!(out.last_evaluated_key, None);
    let out = run(engine.query(filtered(
        "attribute_exists(tag) AND n <> :z",
        &[(":z", n("0"))],
    )))
    .unwrap();
    assert_eq!(sort_keys(out.items.as_deref().unwrap()), [n("2"), n("4")]);
}

#[test]
fn limit_counts_items_read_before_the_filter() {
    let engine = engine();
    let mut input = filtered("n = :z", &[(":z", n("0"))]);
    input.limit = Some(2);
    let out = run(engine.query(input.clone())).unwrap();
    assert_eq!(out.items, Some(vec![]), "a page can be empty");
    assert_eq!((out.count, out.scanned_count), (0, 2));
    let last = out.last_evaluated_key.expect("and still continue");
    assert_eq!(last, item(&[("pk", s("p")), ("sk", n("2"))]));
    input.exclusive_start_key = Some(last);
    let out = run(engine.query(input)).unwrap();
    assert_eq!(sort_keys(out.items.as_deref().unwrap()), [n("3")]);
    assert_eq!((out.count, out.scanned_count), (1, 2));
}

#[test]
fn select_count_counts_matches() {
    let engine = engine();
    let mut input = filtered("attribute_exists(tag)", &[]);
    input.select = Some(Select::Count);
    let out = run(engine.query(input)).unwrap();
    assert_eq!(out.items, None);
    assert_eq!((out.count, out.scanned_count), (3, 6));
}

#[test]
fn scan_filters_may_read_keys_and_query_filters_may_not() {
    let engine = engine();
    let out = run(engine.scan(ScanInput {
        filter_expression: Some("sk > :three".into()),
        expression_attribute_values: Some(item(&[(":three", n("3"))])),
        ..scan()
    }))
    .unwrap();
    assert_eq!((out.count, out.scanned_count), (3, 6));
    let cases = [
        (
            "sk > :three",
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
        ),
        (
            "n = :three OR attribute_exists(pk)",
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk",
        ),
        (
            "size(sk) > :three",
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
        ),
        (
            "pk.x = :three",
            "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk",
        ),
    ];
    for (filter, message) in cases {
        assert_validation(
            run(engine.query(filtered(filter, &[(":three", n("3"))]))),
            message,
        );
    }
}

fn legacy(
    entries: &[(&str, ComparisonOperator, &[AttributeValue])],
) -> BTreeMap<String, Condition> {
    entries
        .iter()
        .map(|(name, op, values)| {
            (
                (*name).to_owned(),
                Condition {
                    comparison_operator: op.clone(),
                    attribute_value_list: (!values.is_empty()).then(|| values.to_vec()),
                },
            )
        })
        .collect()
}

#[test]
fn legacy_filters() {
    use ComparisonOperator as Op;
    let engine = engine();
    let scan_with = |filter, operator| ScanInput {
        scan_filter: Some(filter),
        conditional_operator: operator,
        ..scan()
    };
    let out = run(engine.scan(scan_with(legacy(&[("n", Op::Eq, &[n("1")])]), None))).unwrap();
    assert_eq!((out.count, out.scanned_count), (2, 6));
    let both = legacy(&[("n", Op::Eq, &[n("1")]), ("tag", Op::NotNull, &[])]);
    let out = run(engine.scan(scan_with(both.clone(), None))).unwrap();
    assert_eq!(sort_keys(out.items.as_deref().unwrap()), [n("4")]);
    let out = run(engine.scan(scan_with(both, Some(ConditionalOperator::Or)))).unwrap();
    assert_eq!(out.count, 4);
    let out = run(engine.scan(scan_with(BTreeMap::new(), None))).unwrap();
    assert_eq!(out.count, 6, "an empty filter keeps everything");
    let mut input = QueryInput {
        key_conditions: Some(legacy(&[("pk", Op::Eq, &[s("p")])])),
        query_filter: Some(legacy(&[("n", Op::Between, &[n("1"), n("2")])])),
        ..Default::default()
    };
    input.table_name = TABLE.into();
    let out = run(engine.query(input.clone())).unwrap();
    assert_eq!((out.count, out.scanned_count), (4, 6));
    input.query_filter = Some(legacy(&[("sk", Op::Eq, &[n("1")])]));
    assert_validation(
        run(engine.query(input.clone())),
        "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk",
    );
    input.query_filter = Some(legacy(&[("n", Op::Eq, &[])]));
    assert_validation(
        run(engine.query(input.clone())),
        "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator",
    );
    input.query_filter = Some(legacy(&[("n", Op::Eq, &[n("1")])]));
    input.conditional_operator = Some(ConditionalOperator::Or);
    assert_validation(
        run(engine.query(input.clone())),
        "ConditionalOperator can only be used when Filter or Expected has two or more elements",
    );
    input.query_filter = None;
    assert_validation(
        run(engine.query(input)),
        "ConditionalOperator cannot be used without Filter or Expected",
    );
    assert_validation(
        run(engine.scan(scan_with(
            legacy(&[("n", Op::Unknown("XX".into()), &[])]),
            None,
        ))),
        "1 validation error detected: Value 'XX' at 'scanFilter.n.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [EQ, NE, IN, LE, LT, GE, GT, BETWEEN, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH]",
    );
}

#[test]
fn mixing_legacy_and_expression_parameters() {
    let engine = engine();
    let mut input = filtered("n = :z", &[(":z", n("0"))]);
    input.query_filter = Some(BTreeMap::new());
    input.attributes_to_get = Some(vec!["n".into()]);
    input.projection_expression = Some("n".into());
    assert_validation(
        run(engine.query(input)),
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, QueryFilter} Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            scan_filter: Some(BTreeMap::new()),
            conditional_operator: Some(ConditionalOperator::And),
            filter_expression: Some("n = :z".into()),
            expression_attribute_values: Some(item(&[(":z", n("0"))])),
            ..scan()
        })),
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ScanFilter, ConditionalOperator} Expression parameters: {FilterExpression}",
    );
}

#[test]
fn expressions_are_checked_filter_then_projection_then_key_condition() {
    let engine = engine();
    let check = |key: &str, filter: &str, projection: Option<&str>, message: &str| {
        let mut input = QueryInput {
            filter_expression: Some(filter.to_owned()),
            projection_expression: projection.map(str::to_owned),
            ..query(key, &[(":p", s("p"))])
        };
        input.table_name = TABLE.into();
        assert_validation(run(engine.query(input)), message);
    };
    check(
        "pk = :p",
        "n = :x",
        Some("a ="),
        "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :x",
    );
    check(
        "pk = :p AND name = :p",
        "n = :x",
        None,
        "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :x",
    );
    check(
        "pk = = :p",
        "n = :p",
        Some("#x"),
        "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x",
    );
    check(
        "pk = = :p",
        "n = :p",
        None,
        "Invalid KeyConditionExpression: Syntax error; token: \"=\", near: \"= = :p\"",
    );
}

#[test]
fn filter_placeholders_count_as_used() {
    let engine = engine();
    let mut input = filtered("#n = :one", &[(":one", n("1")), (":unused", n("2"))]);
    input.expression_attribute_names = Some(BTreeMap::from([("#n".into(), "n".into())]));
    assert_validation(
        run(engine.query(input)),
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
    );
}
