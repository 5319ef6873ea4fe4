//! UpdateItem: what each clause does, item creation, return values and conditions. Expected
//! results were observed with DynamoDB Local 3.3.0 unless the documentation says otherwise
//! (REMOVE-only updates of a missing item; `UPDATED_*` granularity).

use std::collections::BTreeMap;

use dynamodel::model::{
    ReturnValue, ReturnValuesOnConditionCheckFailure, ScalarAttributeType as T, UpdateItemInput,
};
use dynamodel::{AttributeValue, Backend, Error, ErrorKind, Item};

use super::support::*;
use crate::Engine;

fn l(values: &[AttributeValue]) -> AttributeValue {
    AttributeValue::L(values.to_vec())
}

fn m(pairs: &[(&str, AttributeValue)]) -> AttributeValue {
    AttributeValue::M(item(pairs))
}

fn ss(members: &[&str]) -> AttributeValue {
    AttributeValue::Ss(members.iter().map(|m| (*m).to_owned()).collect())
}

fn base() -> Item {
    item(&[
        ("pk", s("a")),
        ("n", n("5")),
        ("s", s("x")),
        ("l", l(&[s("l0"), s("l1"), s("l2")])),
        ("m", m(&[("k", s("v")), ("mm", m(&[("z", n("1"))]))])),
        ("ss", ss(&["a", "b"])),
    ])
}

fn engine() -> Engine {
    let engine = engine_with(T::S, None);
    put(&engine, base());
    engine
}

pub(super) fn update(
    key: &str,
    expression: &str,
    values: &[(&str, AttributeValue)],
) -> UpdateItemInput {
    UpdateItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s(key))]),
        update_expression: Some(expression.to_owned()),
        expression_attribute_values: (!values.is_empty()).then(|| item(values)),
        ..Default::default()
    }
}

/// The stored item after updating item `a` of a fresh engine, or the error's message.
fn after(expression: &str, values: &[(&str, AttributeValue)]) -> Result<Item, String> {
    let engine = engine();
    run(engine.update_item(update("a", expression, values)))
        .map_err(|e: Error| e.message().to_owned())?;
    Ok(get(&engine, item(&[("pk", s("a"))])).unwrap())
}

/// `base()` with some attributes replaced or removed.
fn changed(changes: &[(&str, Option<AttributeValue>)]) -> Item {
    let mut expected = base();
    for (name, value) in changes {
        match value {
            Some(value) => expected.insert((*name).to_owned(), value.clone()),
            None => expected.remove(*name),
        };
    }
    expected
}

#[test]
fn set_values() {
    let one = [(":v", n("1"))];
    assert_eq!(
        after("SET n = n + :v", &one),
        Ok(changed(&[("n", Some(n("6")))]))
    );
    assert_eq!(
        after("SET n = :v - n", &one),
        Ok(changed(&[("n", Some(n("-4")))]))
    );
    assert_eq!(
        after("SET q = if_not_exists(q, :v) + :v", &one),
        Ok(changed(&[("q", Some(n("2")))]))
    );
    assert_eq!(after("SET n = if_not_exists(n, :v)", &one), Ok(base()));
    assert_eq!(
        after("SET l = list_append(l, :v)", &[(":v", l(&[s("x")]))]),
        Ok(changed(&[(
            "l",
            Some(l(&[s("l0"), s("l1"), s("l2"), s("x")]))
        )]))
    );
    assert_eq!(
        after("SET l = list_append(:v, l)", &[(":v", l(&[s("x")]))]),
        Ok(changed(&[(
            "l",
            Some(l(&[s("x"), s("l0"), s("l1"), s("l2")]))
        )]))
    );
    assert_eq!(
        after("SET n = (n + :v)", &one),
        Ok(changed(&[("n", Some(n("6")))]))
    );
    assert_eq!(
        after("SET q = m.mm, r = l[1]", &[]),
        Ok(changed(&[
            ("q", Some(m(&[("z", n("1"))]))),
            ("r", Some(s("l1")))
        ]))
    );
    // Every value is read from the item before the update.
    assert_eq!(
        after("SET n = s, s = n", &[]),
        Ok(changed(&[("n", Some(s("x"))), ("s", Some(n("5")))]))
    );
}

#[test]
fn set_paths() {
    let x = [(":v", s("x")), (":w", s("y"))];
    let list = |items: &[&str]| l(&items.iter().map(|i| s(i)).collect::<Vec<_>>());
    assert_eq!(
        after("SET l[1] = :v", &x[..1]),
        Ok(changed(&[("l", Some(list(&["l0", "x", "l2"])))]))
    );
    assert_eq!(
        after("SET l[10] = :v", &x[..1]),
        Ok(changed(&[("l", Some(list(&["l0", "l1", "l2", "x"])))]))
    );
    assert_eq!(
        after("SET l[11] = :v, l[10] = :w", &x),
        Ok(changed(&[("l", Some(list(&["l0", "l1", "l2", "y", "x"])))]))
    );
    assert_eq!(
        after("SET m.k2 = :v, m.mm.z = :w", &x),
        Ok(changed(&[(
            "m",
            Some(m(&[
                ("k", s("v")),
                ("k2", s("x")),
                ("mm", m(&[("z", s("y"))]))
            ]))
        )]))
    );
    let invalid = "The document path provided in the update expression is invalid for update";
    for path in ["q.r", "m.q.r", "s.r", "s[0]", "q[0]", "l.x", "m[0]"] {
        assert_validation(
            run(engine().update_item(update("a", &format!("SET {path} = :v"), &x[..1]))),
            invalid,
        );
    }
}

#[test]
fn remove_closes_lists_up() {
    let list = |items: &[&str]| l(&items.iter().map(|i| s(i)).collect::<Vec<_>>());
    assert_eq!(
        after("REMOVE n, s, l[0], nope, m.nope, l[9]", &[]),
        Ok(changed(&[
            ("n", None),
            ("s", None),
            ("l", Some(list(&["l1", "l2"])))
        ]))
    );
    assert_eq!(
        after("REMOVE l[1], l[0]", &[]),
        Ok(changed(&[("l", Some(list(&["l2"])))]))
    );
    assert_eq!(
        after("SET l[0] = :v REMOVE l[1]", &[(":v", s("x"))]),
        Ok(changed(&[("l", Some(list(&["x", "l2"])))]))
    );
    assert_eq!(
        after("SET l[5] = :v REMOVE l[0]", &[(":v", s("x"))]),
        Ok(changed(&[("l", Some(list(&["l1", "l2", "x"])))]))
    );
    assert_eq!(
        after("REMOVE m.mm.z, m.k", &[]),
        Ok(changed(&[("m", Some(m(&[("mm", m(&[]))])))]))
    );
    for path in ["nope.x", "nope[1]", "s.x", "s[0]", "m.nope.x", "l[1].x"] {
        assert_validation(
            run(engine().update_item(update("a", &format!("REMOVE {path}"), &[]))),
            "The document path provided in the update expression is invalid for update",
        );
    }
}

#[test]
fn add_and_delete() {
    assert_eq!(
        after("ADD n :v", &[(":v", n("2"))]),
        Ok(changed(&[("n", Some(n("7")))]))
    );
    assert_eq!(
        after("ADD q :v", &[(":v", n("2"))]),
        Ok(changed(&[("q", Some(n("2")))]))
    );
    assert_eq!(
        after("ADD ss :v", &[(":v", ss(&["c", "a"]))]),
        Ok(changed(&[("ss", Some(ss(&["a", "b", "c"])))]))
    );
    assert_eq!(
        after("ADD m.k2 :v", &[(":v", n("1"))]),
        Ok(changed(&[(
            "m",
            Some(m(&[
                ("k", s("v")),
                ("k2", n("1")),
                ("mm", m(&[("z", n("1"))]))
            ]))
        )]))
    );
    assert_eq!(
        after("DELETE ss :v", &[(":v", ss(&["a", "zz"]))]),
        Ok(changed(&[("ss", Some(ss(&["b"])))]))
    );
    assert_eq!(
        after("DELETE ss :v", &[(":v", ss(&["a", "b"]))]),
        Ok(changed(&[("ss", None)])),
        "a DELETE that empties a set removes the attribute"
    );
    assert_eq!(after("DELETE qs :v", &[(":v", ss(&["a"]))]), Ok(base()));
    let mismatch = "An operand in the update expression has an incorrect data type";
    let cases: [(&str, AttributeValue); 5] = [
        (
            "ADD ss :v",
            AttributeValue::Ns(vec![dynamodel::Number::from(3)]),
        ),
        ("ADD s :v", n("1")),
        ("DELETE n :v", ss(&["a"])),
        ("SET n = s - :v", n("1")),
        ("SET l = list_append(s, :v)", l(&[])),
    ];
    for (expression, value) in cases {
        assert_validation(
            run(engine().update_item(update("a", expression, &[(":v", value)]))),
            mismatch,
        );
    }
}

#[test]
fn numbers_keep_dynamodb_precision_and_range() {
    assert_eq!(
        after("ADD n :v", &[(":v", n("9E125"))]),
        Err("DynamoDB only supports precision up to 38 digits".to_owned())
    );
    let engine = engine_with(T::S, None);
    put(
        &engine,
        item(&[("pk", s("a")), ("n", n("9E125")), ("t", n("1E-130"))]),
    );
    assert_validation(
        run(engine.update_item(update("a", "SET n = n + :v", &[(":v", n("9E125"))]))),
        "Number overflow. Attempting to store a number with magnitude larger than supported range",
    );
    assert_validation(
        run(engine.update_item(update("a", "SET t = t - :v", &[(":v", n("1.1E-130"))]))),
        "Number underflow. Attempting to store a number with magnitude smaller than supported range",
    );
}

#[test]
fn missing_items_are_created_unless_the_update_only_removes() {
    let engine = engine();
    let key = |k: &str| item(&[("pk", s(k))]);
    run(engine.update_item(update("new", "SET q = :v", &[(":v", n("1"))]))).unwrap();
    assert_eq!(
        get(&engine, key("new")),
        Some(item(&[("pk", s("new")), ("q", n("1"))]))
    );
    run(engine.update_item(update("gone", "REMOVE q", &[]))).unwrap();
    run(engine.update_item(update("gone", "DELETE q :v", &[(":v", ss(&["a"]))]))).unwrap();
    assert_eq!(get(&engine, key("gone")), None);
    run(engine.update_item(update("both", "REMOVE q ADD c :v", &[(":v", n("1"))]))).unwrap();
    assert_eq!(
        get(&engine, key("both")),
        Some(item(&[("pk", s("both")), ("c", n("1"))]))
    );
    let bare = UpdateItemInput {
        update_expression: None,
        ..update("bare", "", &[])
    };
    run(engine.update_item(bare)).unwrap();
    assert_eq!(get(&engine, key("bare")), Some(key("bare")));
    assert_validation(
        run(engine.update_item(update("x", "SET n = n + :v", &[(":v", n("1"))]))),
        "The provided expression refers to an attribute that does not exist in the item",
    );
}

#[test]
fn key_attributes_and_size_limits() {
    let engine = engine();
    for expression in [
        "SET pk = :v",
        "SET m.k = :v, pk = :v",
        "SET pk.x = :v",
        "REMOVE pk",
    ] {
        let values = [(":v", s("b"))];
        let values = if expression.contains(":v") {
            &values[..]
        } else {
            &[]
        };
        assert_validation(
            run(engine.update_item(update("a", expression, values))),
            "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
        );
    }
    let big = s(&"x".repeat(300_000));
    assert_validation(
        run(engine.update_item(update("a", "SET q = :big, r = :big", &[(":big", big)]))),
        "Item size to update has exceeded the maximum allowed size",
    );
    assert_eq!(get(&engine, item(&[("pk", s("a"))])), Some(base()));
}

fn returned(
    expression: &str,
    mode: ReturnValue,
    values: &[(&str, AttributeValue)],
) -> Option<Item> {
    let mut input = update("a", expression, values);
    input.return_values = Some(mode);
    run(engine().update_item(input)).unwrap().attributes
}

#[test]
fn return_values() {
    let v = [(":v", s("x")), (":o", n("1"))];
    let expression = "SET m.k = :v, l[1] = :v, n = n + :o REMOVE s";
    assert_eq!(returned(expression, ReturnValue::None, &v), None);
    assert_eq!(returned(expression, ReturnValue::AllOld, &v), Some(base()));
    let new = returned(expression, ReturnValue::AllNew, &v).unwrap();
    assert_eq!(new.get("n"), Some(&n("6")));
    assert_eq!(new.get("s"), None);
    assert_eq!(
        returned(expression, ReturnValue::UpdatedNew, &v),
        Some(item(&[
            ("l", l(&[s("x")])),
            ("m", m(&[("k", s("x"))])),
            ("n", n("6")),
        ]))
    );
    assert_eq!(
        returned(expression, ReturnValue::UpdatedOld, &v),
        Some(item(&[
            ("l", l(&[s("l1")])),
            ("m", m(&[("k", s("v"))])),
            ("n", n("5")),
            ("s", s("x")),
        ]))
    );
    assert_eq!(returned("REMOVE s", ReturnValue::UpdatedNew, &[]), None);
    assert_eq!(
        returned("SET q = :v", ReturnValue::UpdatedOld, &v[..1]),
        None
    );
    assert_eq!(
        returned("SET l[10] = :v", ReturnValue::UpdatedNew, &v[..1]),
        None
    );
    let mut create = update("new", "SET q = :v", &v[..1]);
    create.return_values = Some(ReturnValue::UpdatedNew);
    let engine = engine();
    assert_eq!(
        run(engine.update_item(create.clone())).unwrap().attributes,
        Some(item(&[("q", s("x"))]))
    );
    create.key = item(&[("pk", s("new2"))]);
    create.return_values = Some(ReturnValue::AllOld);
    assert_eq!(run(engine.update_item(create)).unwrap().attributes, None);
}

#[test]
fn conditions_guard_updates() {
    let engine = engine();
    let mut input = update("a", "SET n = :v", &[(":v", n("1")), (":w", n("2"))]);
    input.condition_expression = Some("n = :w".into());
    input.return_values_on_condition_check_failure =
        Some(ReturnValuesOnConditionCheckFailure::AllOld);
    let error = run(engine.update_item(input.clone())).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ConditionalCheckFailed);
    assert_eq!(error.item(), Some(&base()));
    assert_eq!(get(&engine, item(&[("pk", s("a"))])), Some(base()));
    input.condition_expression = Some("n > :w".into());
    run(engine.update_item(input.clone())).unwrap();
    assert_eq!(
        get(&engine, item(&[("pk", s("a"))])).unwrap().get("n"),
        Some(&n("1"))
    );
    input.key = item(&[("pk", s("missing"))]);
    input.condition_expression = Some("attribute_exists(pk) OR n = :w".into());
    let error = run(engine.update_item(input)).unwrap_err();
    assert_eq!(
        (error.kind(), error.item()),
        (ErrorKind::ConditionalCheckFailed, None)
    );
    assert_eq!(get(&engine, item(&[("pk", s("missing"))])), None);
}

#[test]
fn names_in_updates() {
    let engine = engine();
    let mut input = update("a", "SET #m.#k = :v REMOVE #s", &[(":v", s("y"))]);
    input.expression_attribute_names = Some(BTreeMap::from([
        ("#m".into(), "m".into()),
        ("#k".into(), "k".into()),
        ("#s".into(), "s".into()),
    ]));
    run(engine.update_item(input)).unwrap();
    let stored = get(&engine, item(&[("pk", s("a"))])).unwrap();
    assert_eq!(stored.get("s"), None);
    assert_eq!(
        stored.get("m"),
        Some(&m(&[("k", s("y")), ("mm", m(&[("z", n("1"))]))]))
    );
}
