//! Projections on GetItem, Query and Scan: `ProjectionExpression`, `AttributesToGet` and the
//! `Select` rules.

use std::collections::BTreeMap;

use dynamodel::model::{GetItemInput, QueryInput, ScalarAttributeType as T, ScanInput, Select};
use dynamodel::{AttributeValue, Backend, Item};

use super::support::*;
use crate::Engine;

fn engine() -> Engine {
    let engine = engine_with(T::S, None);
    let nested = AttributeValue::M(item(&[
        ("b", s("x")),
        ("c", AttributeValue::L(vec![n("0"), n("1"), n("2")])),
    ]));
    put(
        &engine,
        item(&[
            ("pk", s("p")),
            ("a", nested),
            ("n", n("5")),
            ("name", s("q")),
        ]),
    );
    engine
}

fn get_with(projection: Option<&str>, attributes: Option<&[&str]>) -> GetItemInput {
    GetItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s("p"))]),
        projection_expression: projection.map(str::to_owned),
        attributes_to_get: attributes.map(|a| a.iter().map(|s| (*s).to_owned()).collect()),
        ..Default::default()
    }
}

fn got(engine: &Engine, input: GetItemInput) -> Option<Item> {
    run(engine.get_item(input)).unwrap().item
}

#[test]
fn get_item_projections() {
    let engine = engine();
    assert_eq!(
        got(&engine, get_with(Some("a.c[2], a.c[0], n"), None)),
        Some(item(&[
            (
                "a",
                AttributeValue::M(item(&[("c", AttributeValue::L(vec![n("0"), n("2")]))]))
            ),
            ("n", n("5")),
        ]))
    );
    assert_eq!(
        got(&engine, get_with(Some("nope"), None)),
        Some(Item::new()),
        "the item exists, with none of the projected attributes"
    );
    let mut input = get_with(Some("#n"), None);
    input.expression_attribute_names = Some(BTreeMap::from([("#n".into(), "name".into())]));
    assert_eq!(got(&engine, input), Some(item(&[("name", s("q"))])));
    assert_eq!(
        got(&engine, get_with(None, Some(&["n", "a.b"]))),
        Some(item(&[("n", n("5"))]))
    );
    assert_eq!(
        got(&engine, get_with(Some("n"), None)).map(|i| i.len()),
        Some(1)
    );
    let mut missing = get_with(Some("n"), None);
    missing.key = item(&[("pk", s("zz"))]);
    assert_eq!(got(&engine, missing), None);
}

#[test]
fn get_item_projection_errors() {
    let engine = engine();
    let cases: Vec<(GetItemInput, &str)> = vec![
        (
            get_with(Some("a, a.b"), None),
            "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
        ),
        (
            get_with(Some("a.c[1], a.c.x"), None),
            "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c, [1]], path two: [a, c, x]",
        ),
        (
            get_with(Some("name"), None),
            "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name",
        ),
        (
            get_with(Some("a ="), None),
            "Invalid ProjectionExpression: Syntax error; token: \"=\", near: \"a =\"",
        ),
        (
            get_with(Some(""), None),
            "Invalid ProjectionExpression: The expression can not be empty;",
        ),
        (
            get_with(Some("n"), Some(&["n"])),
            "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
        ),
        (
            get_with(None, Some(&["n", "n"])),
            "Cannot have two attributes with the same name",
        ),
        (get_with(None, Some(&["n", ""])), "Empty attribute name"),
        (
            get_with(None, Some(&[])),
            "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
    ];
    for (input, message) in cases {
        assert_validation(run(engine.get_item(input)), message);
    }
    let mut unused = get_with(Some("n"), None);
    unused.expression_attribute_names = Some(BTreeMap::from([("#x".into(), "x".into())]));
    assert_validation(
        run(engine.get_item(unused)),
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}",
    );
}

#[test]
fn the_clash_nearest_the_end_is_reported() {
    // Paths are taken from the last to the first; the first clash found wins, conflict or
    // overlap (DynamoDB Local 3.3.0).
    let engine = engine();
    let clash = |kind: &str, one: &str, two: &str| {
        format!(
            "Invalid ProjectionExpression: Two document paths {kind} with each other; must remove or rewrite one of these paths; path one: {one}, path two: {two}"
        )
    };
    let cases = [
        (
            "d[1], d.b, c[1].a, c",
            clash("overlap", "[c, [1], a]", "[c]"),
        ),
        (
            "c[1].a, c, d[1], d.b",
            clash("conflict", "[d, [1]]", "[d, b]"),
        ),
        ("a, a.b, x.y, x[0]", clash("conflict", "[x, y]", "[x, [0]]")),
        ("x.y, x[0], a, a.b", clash("overlap", "[a]", "[a, b]")),
    ];
    for (projection, message) in cases {
        assert_validation(
            run(engine.get_item(get_with(Some(projection), None))),
            &message,
        );
    }
}

#[test]
fn query_and_scan_project_every_item() {
    let engine = engine();
    let out = run(engine.query(QueryInput {
        projection_expression: Some("a.b, pk".into()),
        ..query("pk = :p", &[(":p", s("p"))])
    }))
    .unwrap();
    let expected = item(&[
        ("a", AttributeValue::M(item(&[("b", s("x"))]))),
        ("pk", s("p")),
    ]);
    assert_eq!(out.items, Some(vec![expected]));
    let out = run(engine.scan(ScanInput {
        attributes_to_get: Some(vec!["n".into()]),
        select: Some(Select::SpecificAttributes),
        ..scan()
    }))
    .unwrap();
    assert_eq!(out.items, Some(vec![item(&[("n", n("5"))])]));
    let out = run(engine.scan(ScanInput {
        projection_expression: Some("nope".into()),
        ..scan()
    }))
    .unwrap();
    assert_eq!(out.items, Some(vec![Item::new()]));
}

#[test]
fn select_and_projection_rules() {
    let engine = engine();
    let with = |select: Select, projection: Option<&str>, attributes: Option<&str>| ScanInput {
        select: Some(select),
        projection_expression: projection.map(str::to_owned),
        attributes_to_get: attributes.map(|a| vec![a.to_owned()]),
        ..scan()
    };
    let cases = [
        (
            with(Select::Count, Some("n"), None),
            "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count",
        ),
        (
            with(Select::AllAttributes, Some("n"), None),
            "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
        ),
        (
            with(Select::Count, None, Some("n")),
            "1 validation error detected: Cannot specify the AttributesToGet when choosing to get only the Count",
        ),
        (
            with(Select::AllAttributes, None, Some("n")),
            "1 validation error detected: Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES",
        ),
        (
            with(Select::SpecificAttributes, None, None),
            "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
        ),
        (
            with(Select::AllProjectedAttributes, None, None),
            "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
        ),
    ];
    for (input, message) in cases {
        assert_validation(run(engine.scan(input)), message);
    }
    let out = run(engine.scan(with(Select::SpecificAttributes, Some("n"), None))).unwrap();
    assert_eq!(out.items, Some(vec![item(&[("n", n("5"))])]));
}
