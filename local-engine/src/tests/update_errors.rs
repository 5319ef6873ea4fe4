//! UpdateItem's validation: the update expression's checks in DynamoDB's order, the legacy
//! `AttributeUpdates`, and mixing parameters. Write operations send these inside the
//! `1 validation error detected: ` envelope.

use std::collections::BTreeMap;

use dynamodel::model::{
    AttributeAction, AttributeValueUpdate, ExpectedAttributeValue, ReturnValue,
    ScalarAttributeType as T, UpdateItemInput,
};
use dynamodel::{AttributeValue, Backend, Item};

use super::support::*;
use super::updates::update;
use crate::Engine;

fn engine() -> Engine {
    let engine = engine_with(T::S, None);
    put(
        &engine,
        item(&[
            ("pk", s("a")),
            ("n", n("5")),
            ("l", AttributeValue::L(vec![s("x")])),
            ("ss", AttributeValue::Ss(vec!["a".into()])),
        ]),
    );
    engine
}

fn invalid(detail: &str) -> String {
    format!("1 validation error detected: Invalid UpdateExpression: {detail}")
}

#[track_caller]
fn rejects(expression: &str, values: &[(&str, AttributeValue)], message: &str) {
    assert_validation(
        run(engine().update_item(update("a", expression, values))),
        message,
    );
}

#[test]
fn clause_and_path_rules() {
    let v = [(":v", n("1"))];
    let vw = [(":v", n("1")), (":w", n("2"))];
    rejects(
        "SET n = :v SET l = :w",
        &vw,
        &invalid("The \"SET\" section can only be used once in an update expression;"),
    );
    rejects(
        "REMOVE n REMOVE l",
        &[],
        &invalid("The \"REMOVE\" section can only be used once in an update expression;"),
    );
    let overlap = |one: &str, two: &str| {
        invalid(&format!(
            "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: {one}, path two: {two}"
        ))
    };
    rejects("SET n = :v, n = :w", &vw, &overlap("[n]", "[n]"));
    rejects("SET m = :v, m.k = :w", &vw, &overlap("[m]", "[m, k]"));
    rejects("SET m.k = :v REMOVE m", &v, &overlap("[m, k]", "[m]"));
    rejects(
        "SET l[0] = :v REMOVE l[0]",
        &v,
        &overlap("[l, [0]]", "[l, [0]]"),
    );
    rejects("ADD n :v, n :v", &v, &overlap("[n]", "[n]"));
    rejects("DELETE ss :v ADD ss :w", &vw, &overlap("[ss]", "[ss]"));
    rejects(
        "SET l[1] = :v, l.x = :w",
        &vw,
        &invalid(
            "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [l, [1]], path two: [l, x]",
        ),
    );
    let mut names = update("a", "SET #a = :v, #b = :w", &vw);
    names.expression_attribute_names = Some(BTreeMap::from([
        ("#a".into(), "m".into()),
        ("#b".into(), "m".into()),
    ]));
    assert_validation(run(engine().update_item(names)), &overlap("[m]", "[m]"));
}

#[test]
fn the_clash_nearest_the_end_is_reported() {
    // dynalite pins the first case against DynamoDB: the overlap on `c` comes after the
    // conflict on `d` and is the one reported.
    let v = [(":v", n("1"))];
    let clash = |kind: &str, one: &str, two: &str| {
        invalid(&format!(
            "Two document paths {kind} with each other; must remove or rewrite one of these paths; path one: {one}, path two: {two}"
        ))
    };
    rejects(
        "SET d[1] = :v, d.b = :v, c[1].a = :v, c = :v",
        &v,
        &clash("overlap", "[c, [1], a]", "[c]"),
    );
    rejects(
        "SET c[1].a = :v, c = :v, d[1] = :v, d.b = :v",
        &v,
        &clash("conflict", "[d, [1]]", "[d, b]"),
    );
    rejects(
        "REMOVE a.c SET a[1] = :v",
        &v,
        &clash("conflict", "[a, c]", "[a, [1]]"),
    );
}

#[test]
fn functions_and_operands() {
    let v = [(":v", n("1"))];
    rejects(
        "SET n = size(l)",
        &[],
        &invalid("The function is not allowed in an update expression; function: size"),
    );
    rejects(
        "SET n = attribute_exists(l)",
        &[],
        &invalid("The function is not allowed in an update expression; function: attribute_exists"),
    );
    rejects(
        "SET n = list_append(l, list_append(l, :v))",
        &v,
        &invalid(
            "The function is not allowed to be used this way in an expression; function: list_append",
        ),
    );
    rejects(
        "SET n = foo(:v)",
        &v,
        &invalid("Invalid function name; function: foo"),
    );
    rejects(
        "SET n = if_not_exists(:v, n)",
        &v,
        &invalid(
            "Operator or function requires a document path; operator or function: if_not_exists",
        ),
    );
    rejects(
        "SET n = list_append(:v)",
        &[(":v", AttributeValue::L(vec![]))],
        &invalid(
            "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1",
        ),
    );
    rejects(
        "SET n = n + :v",
        &[(":v", s("2"))],
        &invalid(
            "Incorrect operand type for operator or function; operator or function: +, operand type: S",
        ),
    );
    rejects(
        "SET n = :v - n",
        &[(":v", AttributeValue::Bool(true))],
        &invalid(
            "Incorrect operand type for operator or function; operator or function: -, operand type: BOOL",
        ),
    );
    rejects(
        "SET l = list_append(l, :v)",
        &[(":v", s("x"))],
        &invalid(
            "Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
        ),
    );
    let add = |kind: &str| {
        invalid(&format!(
            "Incorrect operand type for operator or function; operator: ADD, operand type: {kind}, typeSet: ALLOWED_FOR_ADD_OPERAND"
        ))
    };
    rejects("ADD n :v", &[(":v", s("2"))], &add("STRING"));
    rejects(
        "ADD n :v",
        &[(":v", AttributeValue::L(vec![]))],
        &add("LIST"),
    );
    rejects(
        "ADD n :v",
        &[(":v", AttributeValue::M(Item::new()))],
        &add("MAP"),
    );
    rejects("ADD n :v", &[(":v", AttributeValue::Null)], &add("NULL"));
    rejects(
        "DELETE ss :v",
        &[(":v", n("1"))],
        &invalid(
            "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
        ),
    );
    rejects(
        "SET n = :v + :v + :v",
        &v,
        &invalid("Syntax error; token: \"+\", near: \":v + :v\""),
    );
    rejects(
        "ADD n n",
        &[],
        &invalid("Syntax error; token: \"n\", near: \"n n\""),
    );
    rejects(
        "SET set = :v",
        &v,
        &invalid("Syntax error; token: \"set\", near: \"SET set =\""),
    );
    rejects(
        "SET n = ((:v))",
        &v,
        &invalid("The expression has redundant parentheses;"),
    );
    rejects(
        "SET name = :v",
        &v,
        &invalid("Attribute name is a reserved keyword; reserved keyword: name"),
    );
    rejects(
        "",
        &[],
        "1 validation error detected: Invalid UpdateExpression: The expression can not be empty;",
    );
}

#[test]
fn checks_come_in_order() {
    let v = [(":v", n("1"))];
    // Names (and shapes) before overlaps, overlaps before values.
    rejects(
        "SET q = :v, q = :w REMOVE name",
        &v,
        &invalid("Attribute name is a reserved keyword; reserved keyword: name"),
    );
    rejects(
        "SET q = :x, q = :v",
        &v,
        &invalid(
            "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [q], path two: [q]",
        ),
    );
    rejects(
        "SET q = :v, #q = :v",
        &v,
        &invalid(
            "An expression attribute name used in the document path is not defined; attribute name: #q",
        ),
    );
    // Every value is resolved before any operand is judged.
    rejects(
        "SET q = :w + :v, r = :z",
        &[(":v", n("1")), (":w", s("x"))],
        &invalid(
            "An expression attribute value used in expression is not defined; attribute value: :z",
        ),
    );
    // Conflicts come before overlaps.
    rejects(
        "REMOVE nope, nope.x, nope[1]",
        &[],
        &invalid(
            "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [nope, x], path two: [nope, [1]]",
        ),
    );
    // The update expression before the condition.
    let mut input = update("a", "SET q = :x", &v);
    input.condition_expression = Some("name = :v".into());
    assert_validation(
        run(engine().update_item(input)),
        &invalid(
            "An expression attribute value used in expression is not defined; attribute value: :x",
        ),
    );
    let mut input = update("a", "SET q = :v", &v);
    input.condition_expression = Some("n = :x".into());
    assert_validation(
        run(engine().update_item(input)),
        "1 validation error detected: Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x",
    );
    let input = update("a", "SET q = :v", &[(":v", n("1")), (":w", n("2"))]);
    assert_validation(
        run(engine().update_item(input)),
        "1 validation error detected: Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}",
    );
}

fn legacy(entries: &[(&str, Option<AttributeAction>, Option<AttributeValue>)]) -> UpdateItemInput {
    UpdateItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s("a"))]),
        attribute_updates: Some(
            entries
                .iter()
                .map(|(name, action, value)| {
                    (
                        (*name).to_owned(),
                        AttributeValueUpdate {
                            action: action.clone(),
                            value: value.clone(),
                        },
                    )
                })
                .collect(),
        ),
        return_values: Some(ReturnValue::AllNew),
        ..Default::default()
    }
}

#[test]
fn attribute_updates() {
    use AttributeAction::{Add, Delete, Put};
    let engine = engine();
    let out = run(engine.update_item(legacy(&[
        ("n", Some(Put), Some(n("9"))),
        ("s2", None, Some(s("new"))),
        ("l", Some(Add), Some(AttributeValue::L(vec![s("z")]))),
        (
            "ss",
            Some(Delete),
            Some(AttributeValue::Ss(vec!["a".into()])),
        ),
        ("c", Some(Add), Some(n("2"))),
        ("a.b", Some(Put), Some(n("1"))),
    ])))
    .unwrap();
    assert_eq!(
        out.attributes,
        Some(item(&[
            ("pk", s("a")),
            ("n", n("9")),
            ("s2", s("new")),
            ("l", AttributeValue::L(vec![s("x"), s("z")])),
            ("c", n("2")),
            ("a.b", n("1")),
        ]))
    );
    let mut input = legacy(&[("n", Some(Delete), None)]);
    input.return_values = Some(ReturnValue::UpdatedOld);
    assert_eq!(
        run(engine.update_item(input)).unwrap().attributes,
        Some(item(&[("n", n("9"))]))
    );
    let mut missing = legacy(&[("q", Some(Delete), None)]);
    missing.key = item(&[("pk", s("zz"))]);
    run(engine.update_item(missing.clone())).unwrap();
    assert_eq!(get(&engine, item(&[("pk", s("zz"))])), None);
    missing.attribute_updates = legacy(&[("q", Some(Add), Some(n("1")))]).attribute_updates;
    run(engine.update_item(missing)).unwrap();
    assert_eq!(
        get(&engine, item(&[("pk", s("zz"))])),
        Some(item(&[("pk", s("zz")), ("q", n("1"))]))
    );
}

#[test]
fn attribute_update_errors() {
    use AttributeAction::{Add, Delete, Put};
    let invalid = |text: &str| {
        format!("1 validation error detected: One or more parameter values were invalid: {text}")
    };
    let cases = [
        (legacy(&[("n", Some(Put), None)]), invalid("Only DELETE action is allowed when no attribute value is specified")),
        (legacy(&[("n", Some(Add), None)]), invalid("Only DELETE action is allowed when no attribute value is specified")),
        (legacy(&[("n", Some(Add), Some(s("x")))]), invalid("ADD action is not supported for the type STRING")),
        (legacy(&[("n", Some(Delete), Some(n("3")))]), invalid("DELETE action with value is not supported for the type NUMBER")),
        (
            legacy(&[("n", Some(AttributeAction::Unknown("BOGUS".into())), Some(n("3")))]),
            "1 validation error detected: Value 'BOGUS' at 'attributeUpdates.n.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]".to_owned(),
        ),
        (
            legacy(&[("pk", Some(Put), Some(s("b")))]),
            "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key".to_owned(),
        ),
        (legacy(&[("n", Some(Add), Some(AttributeValue::Ss(vec!["a".into()])))]), "Type mismatch for attribute to update".to_owned()),
    ];
    for (input, message) in cases {
        assert_validation(run(engine().update_item(input)), &message);
    }
}

#[test]
fn mixing_parameters() {
    let v = [(":v", n("1"))];
    let mut input = update("a", "SET n = :v", &v);
    input.attribute_updates = legacy(&[("n", None, Some(n("1")))]).attribute_updates;
    assert_validation(
        run(engine().update_item(input)),
        "1 validation error detected: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}",
    );
    let mut input = update("a", "SET n = :v", &v);
    input.expected = Some(BTreeMap::from([(
        "n".into(),
        ExpectedAttributeValue {
            exists: Some(false),
            ..Default::default()
        },
    )]));
    assert_validation(
        run(engine().update_item(input)),
        "1 validation error detected: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}",
    );
    let mut input = legacy(&[("n", None, Some(n("1")))]);
    input.expression_attribute_values = Some(item(&v));
    assert_validation(
        run(engine().update_item(input)),
        "1 validation error detected: ExpressionAttributeValues can only be specified when using expressions",
    );
}
