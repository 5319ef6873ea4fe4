//! Key attributes are scalars: a document path that steps into one (`pk.x`, `sk[0]`) is
//! rejected in every expression kind once the table is known, whatever the item holds, and the
//! key attributes are tried in schema order (DynamoDB Local 3.3.0).

use std::collections::BTreeMap;

use dynamodel::model::{
    DeleteItemInput, GetItemInput, PutItemInput, QueryInput, ScalarAttributeType as T, ScanInput,
    UpdateItemInput,
};
use dynamodel::{AttributeValue, Backend, ErrorKind};

use super::support::*;
use crate::Engine;

fn engine() -> Engine {
    let engine = engine_with(T::S, Some(T::S));
    put(
        &engine,
        item(&[
            ("pk", s("p")),
            ("sk", s("s")),
            ("n", n("1")),
            ("m", AttributeValue::M(item(&[("k", s("v"))]))),
        ]),
    );
    engine
}

fn key() -> dynamodel::Item {
    item(&[("pk", s("p")), ("sk", s("s"))])
}

fn nested(name: &str) -> String {
    format!(
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: {name}"
    )
}

#[test]
fn projections_may_not_step_into_a_key() {
    let engine = engine();
    let projected = |projection: &str| {
        run(engine.scan(ScanInput {
            projection_expression: Some(projection.to_owned()),
            ..scan()
        }))
    };
    assert_validation(projected("n, pk.x"), &nested("pk"));
    assert_validation(projected("sk[0]"), &nested("sk"));
    // Schema order, not source order.
    assert_validation(projected("sk[0], pk.x"), &nested("pk"));
    let get = run(engine.get_item(GetItemInput {
        table_name: TABLE.into(),
        key: key(),
        projection_expression: Some("#k.x".into()),
        expression_attribute_names: Some(BTreeMap::from([("#k".into(), "pk".into())])),
        ..Default::default()
    }));
    assert_validation(get, &nested("pk"));
    let query = run(engine.query(QueryInput {
        projection_expression: Some("n, sk[0].x".into()),
        ..query("pk = :p", &[(":p", s("p"))])
    }));
    assert_validation(query, &nested("sk"));
    // Nested paths elsewhere, and whole key attributes, are fine.
    let out = run(engine.scan(ScanInput {
        projection_expression: Some("m.k, pk".into()),
        ..scan()
    }))
    .unwrap();
    assert_eq!(
        out.items,
        Some(vec![item(&[
            ("m", AttributeValue::M(item(&[("k", s("v"))]))),
            ("pk", s("p")),
        ])])
    );
}

#[test]
fn conditions_and_filters_may_not_step_into_a_key() {
    let engine = engine();
    let filtered = run(engine.scan(ScanInput {
        filter_expression: Some("attribute_exists(pk.x) OR n = :v".into()),
        expression_attribute_values: Some(item(&[(":v", n("1"))])),
        ..scan()
    }));
    assert_validation(filtered, &nested("pk"));
    let put_result = run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item: key(),
        condition_expression: Some("attribute_not_exists(sk[0])".into()),
        ..Default::default()
    }));
    // Found once the table is known: bare, not in the request-validation envelope.
    assert_validation(put_result, &nested("sk"));
    let delete = run(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: key(),
        condition_expression: Some("attribute_exists(pk.x)".into()),
        ..Default::default()
    }));
    assert_validation(delete, &nested("pk"));
    assert!(get(&engine, key()).is_some(), "nothing was deleted");
    // The table lookup comes first.
    let missing = run(engine.scan(ScanInput {
        table_name: "nosuch".into(),
        projection_expression: Some("pk.x".into()),
        ..Default::default()
    }));
    assert_eq!(failure(missing).0, ErrorKind::ResourceNotFound);
}

#[test]
fn update_operands_may_not_step_into_a_key() {
    let engine = engine();
    let update = |expression: &str, condition: Option<&str>| UpdateItemInput {
        table_name: TABLE.into(),
        key: key(),
        update_expression: Some(expression.to_owned()),
        condition_expression: condition.map(str::to_owned),
        expression_attribute_values: expression.contains(":v").then(|| item(&[(":v", n("2"))])),
        ..Default::default()
    };
    assert_validation(
        run(engine.update_item(update("SET n = pk.x", None))),
        &nested("pk"),
    );
    assert_validation(
        run(engine.update_item(update("SET n = if_not_exists(sk[0], :v)", None))),
        &nested("sk"),
    );
    assert_validation(
        run(engine.update_item(update("SET n = :v", Some("attribute_exists(pk.x)")))),
        &nested("pk"),
    );
    assert_eq!(
        get(&engine, key()).and_then(|i| i.get("n").cloned()),
        Some(n("1")),
        "nothing was updated"
    );
}
