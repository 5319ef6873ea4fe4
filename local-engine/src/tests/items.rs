//! PutItem, GetItem and DeleteItem: contents, return values and value validation.

use dynamodel::model::{
    DeleteItemInput, DescribeTableInput, GetItemInput, PutItemInput, ReturnValue,
    ScalarAttributeType as T,
};
use dynamodel::{AttributeValue, Backend, ErrorKind, Item, Number};

use super::support::*;

fn put_input(item: Item) -> PutItemInput {
    PutItemInput {
        table_name: TABLE.into(),
        item,
        ..Default::default()
    }
}

fn delete_input(key: Item) -> DeleteItemInput {
    DeleteItemInput {
        table_name: TABLE.into(),
        key,
        ..Default::default()
    }
}

fn everything() -> Item {
    let mut nested = Item::new();
    nested.insert(
        "inner".into(),
        AttributeValue::L(vec![s(""), AttributeValue::Null]),
    );
    item(&[
        ("pk", s("p1")),
        ("str", s("")),
        ("bin", b(&[])),
        ("flag", AttributeValue::Bool(true)),
        ("nothing", AttributeValue::Null),
        ("map", AttributeValue::M(nested)),
        (
            "strings",
            AttributeValue::Ss(vec![String::new(), "x".into()]),
        ),
        ("bytes", AttributeValue::Bs(vec![vec![], vec![0xff]])),
    ])
}

#[test]
fn put_then_get_returns_the_item_unchanged() {
    let engine = engine_with(T::S, None);
    put(&engine, everything());
    assert_eq!(get(&engine, item(&[("pk", s("p1"))])), Some(everything()));
    assert_eq!(get(&engine, item(&[("pk", s("p2"))])), None);
}

#[test]
fn put_replaces_the_whole_item_and_returns_all_old() {
    let engine = engine_with(T::S, Some(T::S));
    let first = item(&[
        ("pk", s("a")),
        ("sk", s("1")),
        ("x", s("old")),
        ("gone", s("yes")),
    ]);
    let second = item(&[("pk", s("a")), ("sk", s("1")), ("x", s("new"))]);
    let out = run(engine.put_item(PutItemInput {
        return_values: Some(ReturnValue::AllOld),
        ..put_input(first.clone())
    }))
    .unwrap();
    assert_eq!(out.attributes, None, "nothing was replaced");
    let out = run(engine.put_item(PutItemInput {
        return_values: Some(ReturnValue::AllOld),
        ..put_input(second.clone())
    }))
    .unwrap();
    assert_eq!(out.attributes, Some(first));
    let out = run(engine.put_item(put_input(second.clone()))).unwrap();
    assert_eq!(out.attributes, None, "NONE is the default");
    assert_eq!(
        get(&engine, item(&[("pk", s("a")), ("sk", s("1"))])),
        Some(second)
    );
}

#[test]
fn delete_returns_all_old_and_missing_items_are_fine() {
    let engine = engine_with(T::S, None);
    put(&engine, everything());
    let out = run(engine.delete_item(DeleteItemInput {
        return_values: Some(ReturnValue::AllOld),
        ..delete_input(item(&[("pk", s("p1"))]))
    }))
    .unwrap();
    assert_eq!(out.attributes, Some(everything()));
    assert_eq!(get(&engine, item(&[("pk", s("p1"))])), None);
    let again = run(engine.delete_item(DeleteItemInput {
        return_values: Some(ReturnValue::AllOld),
        ..delete_input(item(&[("pk", s("p1"))]))
    }))
    .unwrap();
    assert_eq!(again.attributes, None);
}

#[test]
fn return_values_other_than_none_and_all_old_are_refused() {
    let engine = engine_with(T::S, None);
    for value in [
        ReturnValue::AllNew,
        ReturnValue::UpdatedOld,
        ReturnValue::UpdatedNew,
    ] {
        assert_validation(
            run(engine.put_item(PutItemInput {
                return_values: Some(value.clone()),
                ..put_input(item(&[("pk", s("a"))]))
            })),
            "1 validation error detected: ReturnValues can only be ALL_OLD or NONE",
        );
        assert_validation(
            run(engine.delete_item(DeleteItemInput {
                return_values: Some(value),
                ..delete_input(item(&[("pk", s("a"))]))
            })),
            "1 validation error detected: ReturnValues can only be ALL_OLD or NONE",
        );
    }
    assert_validation(
        run(engine.put_item(PutItemInput {
            return_values: Some(ReturnValue::Unknown("SOME".into())),
            ..put_input(item(&[("pk", s("a"))]))
        })),
        "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]",
    );
}

#[test]
fn item_count_and_size_follow_writes() {
    let engine = engine_with(T::S, None);
    put(&engine, item(&[("pk", s("a")), ("v", s("1234"))]));
    put(&engine, item(&[("pk", s("b"))]));
    put(&engine, item(&[("pk", s("a")), ("v", s("12"))]));
    let described = run(engine.describe_table(DescribeTableInput {
        table_name: TABLE.into(),
    }))
    .unwrap()
    .table
    .unwrap();
    assert_eq!(described.item_count, Some(2));
    assert_eq!(described.table_size_bytes, Some((2 + 1 + 1 + 2) + (2 + 1)));
    run(engine.delete_item(delete_input(item(&[("pk", s("a"))])))).unwrap();
    let described = run(engine.describe_table(DescribeTableInput {
        table_name: TABLE.into(),
    }))
    .unwrap()
    .table
    .unwrap();
    assert_eq!(
        (described.item_count, described.table_size_bytes),
        (Some(1), Some(3))
    );
}

#[test]
fn missing_table_is_resource_not_found() {
    let engine = engine_with(T::S, None);
    let expected = (
        ErrorKind::ResourceNotFound,
        "Requested resource not found".to_owned(),
    );
    let mut input = put_input(item(&[("pk", s("a"))]));
    input.table_name = "nope".into();
    assert_eq!(failure(run(engine.put_item(input))), expected);
    let get = GetItemInput {
        table_name: "nope".into(),
        key: item(&[("pk", s("a"))]),
        ..Default::default()
    };
    assert_eq!(failure(run(engine.get_item(get))), expected);
    let mut delete = delete_input(item(&[("pk", s("a"))]));
    delete.table_name = "nope".into();
    assert_eq!(failure(run(engine.delete_item(delete))), expected);
}

#[test]
fn data_plane_table_names_are_checked_before_lookup() {
    let engine = engine_with(T::S, None);
    let mut input = put_input(item(&[("pk", s("a"))]));
    input.table_name = "bad table!@#".into();
    assert_validation(
        run(engine.put_item(input)),
        "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
}

#[test]
fn empty_sets_are_refused_with_dynamodb_wording() {
    let engine = engine_with(T::S, None);
    let cases = [
        (
            AttributeValue::Ss(vec![]),
            "An string set  may not be empty",
        ),
        (
            AttributeValue::Ns(vec![]),
            "An number set  may not be empty",
        ),
        (
            AttributeValue::Bs(vec![]),
            "Binary sets should not be empty",
        ),
    ];
    for (value, text) in cases {
        let nested = AttributeValue::L(vec![AttributeValue::M(item(&[("deep", value.clone())]))]);
        for bad in [value, nested] {
            assert_validation(
                run(engine.put_item(put_input(item(&[("pk", s("a")), ("bad", bad)])))),
                &format!(
                    "1 validation error detected: One or more parameter values were invalid: {text}"
                ),
            );
        }
    }
}

#[test]
fn duplicate_set_members_are_refused_in_the_current_wording() {
    let engine = engine_with(T::S, None);
    let ss = AttributeValue::Ss(vec!["b".into(), "a".into(), "b".into()]);
    assert_validation(
        run(engine.put_item(put_input(item(&[("pk", s("a")), ("s", ss)])))),
        "1 validation error detected: One or more parameter values were invalid: Input collection [\"a\", \"b\", \"b\"] contains duplicates.",
    );
    let bs = AttributeValue::Bs(vec![vec![0xff], vec![0x00], vec![0x00]]);
    assert_validation(
        run(engine.put_item(put_input(item(&[("pk", s("a")), ("s", bs)])))),
        "1 validation error detected: One or more parameter values were invalid: Input collection [\"AA==\",\"/w==\",\"AA==\"]of type BS contains duplicates.",
    );
    let ns = AttributeValue::Ns(vec![
        Number::parse("2").unwrap(),
        Number::parse("1").unwrap(),
        Number::parse("2.0").unwrap(),
    ]);
    assert_validation(
        run(engine.put_item(put_input(item(&[("pk", s("a")), ("s", ns)])))),
        "1 validation error detected: One or more parameter values were invalid: Input collection contains duplicates.",
    );
    let empties = AttributeValue::Ss(vec![String::new(), String::new()]);
    assert_validation(
        run(engine.put_item(put_input(item(&[("pk", s("a")), ("s", empties)])))),
        "1 validation error detected: One or more parameter values were invalid: Input collection [\"\", \"\"] contains duplicates.",
    );
}

#[test]
fn get_reports_values_bare() {
    let engine = engine_with(T::S, None);
    let key = item(&[(
        "pk",
        AttributeValue::Ss(vec!["b".into(), "a".into(), "b".into()]),
    )]);
    assert_validation(
        run(engine.get_item(GetItemInput {
            table_name: TABLE.into(),
            key,
            ..Default::default()
        })),
        "One or more parameter values were invalid: Input collection [\"a\", \"b\", \"b\"] contains duplicates.",
    );
}

#[test]
fn placeholders_without_expressions_are_refused() {
    let engine = engine_with(T::S, None);
    let mut input = put_input(item(&[("pk", s("a"))]));
    input.expression_attribute_values = Some(item(&[(":v", s("x"))]));
    assert_validation(
        run(engine.put_item(input)),
        "1 validation error detected: ExpressionAttributeValues can only be specified when using expressions",
    );
    let mut delete = delete_input(item(&[("pk", s("a"))]));
    delete.expression_attribute_names = Some([("#a".to_owned(), "a".to_owned())].into());
    assert_validation(
        run(engine.delete_item(delete)),
        "1 validation error detected: ExpressionAttributeNames can only be specified when using expressions",
    );
}
