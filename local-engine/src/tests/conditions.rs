//! Conditional PutItem and DeleteItem: `ConditionExpression`, `Expected` and
//! `ConditionalOperator`, `ReturnValuesOnConditionCheckFailure`, and the validation of each.

use std::collections::BTreeMap;

use dynamodel::model::{
    ComparisonOperator, ConditionalOperator, DeleteItemInput, ExpectedAttributeValue, PutItemInput,
    ReturnValue, ReturnValuesOnConditionCheckFailure, ScalarAttributeType as T,
};
use dynamodel::{AttributeValue, Backend, Error, ErrorKind, Item};

use super::support::*;
use crate::Engine;

fn engine() -> Engine {
    let engine = engine_with(T::S, None);
    put(
        &engine,
        item(&[("pk", s("a")), ("n", n("5")), ("s", s("héllo"))]),
    );
    engine
}

fn conditional_put(condition: &str, values: &[(&str, AttributeValue)]) -> PutItemInput {
    PutItemInput {
        table_name: TABLE.into(),
        item: item(&[("pk", s("a")), ("n", n("6"))]),
        condition_expression: Some(condition.to_owned()),
        expression_attribute_values: (!values.is_empty()).then(|| item(values)),
        ..Default::default()
    }
}

fn conditional_delete(
    key: &str,
    condition: &str,
    values: &[(&str, AttributeValue)],
) -> DeleteItemInput {
    DeleteItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s(key))]),
        condition_expression: Some(condition.to_owned()),
        expression_attribute_values: (!values.is_empty()).then(|| item(values)),
        ..Default::default()
    }
}

#[track_caller]
fn assert_failed<T: std::fmt::Debug>(result: Result<T, Error>, item: Option<Item>) {
    let error = result.expect_err("the condition must fail");
    assert_eq!(error.kind(), ErrorKind::ConditionalCheckFailed);
    assert_eq!(error.message(), "The conditional request failed");
    assert_eq!(error.item(), item.as_ref());
}

fn stored(engine: &Engine) -> Option<Item> {
    get(engine, item(&[("pk", s("a"))]))
}

#[test]
fn put_succeeds_only_when_the_condition_holds() {
    let engine = engine();
    let before = stored(&engine);
    assert_failed(
        run(engine.put_item(conditional_put("n = :v", &[(":v", n("4"))]))),
        None,
    );
    assert_eq!(stored(&engine), before, "a failed condition writes nothing");
    run(engine.put_item(conditional_put("n = :v", &[(":v", n("5.0"))]))).unwrap();
    assert_eq!(
        stored(&engine),
        Some(item(&[("pk", s("a")), ("n", n("6"))]))
    );
}

#[test]
fn attribute_not_exists_guards_creation() {
    let engine = engine();
    let mut create = conditional_put("attribute_not_exists(pk)", &[]);
    create.item = item(&[("pk", s("new"))]);
    run(engine.put_item(create.clone())).unwrap();
    assert_failed(run(engine.put_item(create)), None);
}

#[test]
fn a_missing_item_has_no_attributes() {
    let engine = engine();
    run(engine.delete_item(conditional_delete("zz", "attribute_not_exists(n)", &[]))).unwrap();
    run(engine.delete_item(conditional_delete("zz", "n <> :v", &[(":v", n("1"))]))).unwrap();
    run(engine.delete_item(conditional_delete("zz", "NOT n = :v", &[(":v", n("1"))]))).unwrap();
    assert_failed(
        run(engine.delete_item(conditional_delete("zz", "attribute_exists(pk)", &[]))),
        None,
    );
    assert_failed(
        run(engine.delete_item(conditional_delete("zz", "n < :v", &[(":v", n("1"))]))),
        None,
    );
}

#[test]
fn delete_under_a_condition() {
    let engine = engine();
    assert_failed(
        run(engine.delete_item(conditional_delete(
            "a",
            "begins_with(s, :p)",
            &[(":p", s("x"))],
        ))),
        None,
    );
    assert!(stored(&engine).is_some());
    let mut input = conditional_delete("a", "begins_with(s, :p)", &[(":p", s("hé"))]);
    input.return_values = Some(ReturnValue::AllOld);
    let out = run(engine.delete_item(input)).unwrap();
    assert_eq!(
        out.attributes,
        Some(item(&[("pk", s("a")), ("n", n("5")), ("s", s("héllo"))]))
    );
    assert_eq!(stored(&engine), None);
}

#[test]
fn failed_conditions_return_the_item_when_asked() {
    let engine = engine();
    let old = stored(&engine);
    let mut input = conditional_put("n > :v", &[(":v", n("9"))]);
    input.return_values_on_condition_check_failure =
        Some(ReturnValuesOnConditionCheckFailure::AllOld);
    assert_failed(run(engine.put_item(input.clone())), old.clone());
    input.return_values_on_condition_check_failure =
        Some(ReturnValuesOnConditionCheckFailure::None);
    assert_failed(run(engine.put_item(input)), None);
    let mut delete = conditional_delete("a", "n > :v", &[(":v", n("9"))]);
    delete.return_values_on_condition_check_failure =
        Some(ReturnValuesOnConditionCheckFailure::AllOld);
    assert_failed(run(engine.delete_item(delete.clone())), old);
    delete.key = item(&[("pk", s("zz"))]);
    assert_failed(run(engine.delete_item(delete)), None);
}

#[test]
fn names_and_nested_paths() {
    let engine = engine_with(T::S, None);
    let mut nested = Item::new();
    nested.insert(
        "list".into(),
        AttributeValue::L(vec![s("x"), AttributeValue::M(item(&[("deep", n("1"))]))]),
    );
    put(
        &engine,
        item(&[
            ("pk", s("a")),
            ("map", AttributeValue::M(nested)),
            ("name", s("n")),
        ]),
    );
    let mut input = conditional_put(
        "#m.#l[1].deep = :one AND #name = :n AND size(#m.#l) = :two",
        &[(":one", n("1")), (":n", s("n")), (":two", n("2"))],
    );
    input.expression_attribute_names = Some(BTreeMap::from([
        ("#m".into(), "map".into()),
        ("#l".into(), "list".into()),
        ("#name".into(), "name".into()),
    ]));
    run(engine.put_item(input)).unwrap();
}

#[test]
fn write_errors_are_enveloped() {
    let engine = engine();
    let cases: Vec<(PutItemInput, &str)> = vec![
        (
            conditional_put("", &[]),
            "1 validation error detected: Invalid ConditionExpression: The expression can not be empty;",
        ),
        (
            conditional_put("n = = :v", &[(":v", n("1"))]),
            "1 validation error detected: Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"",
        ),
        (
            conditional_put("((n = :v))", &[(":v", n("1"))]),
            "1 validation error detected: Invalid ConditionExpression: The expression has redundant parentheses;",
        ),
        (
            conditional_put("contains(pk, pk)", &[]),
            "1 validation error detected: Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [pk]",
        ),
        (
            conditional_put("name = :v", &[(":v", n("1"))]),
            "1 validation error detected: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name",
        ),
        (
            conditional_put("n = :v", &[(":v", n("1")), (":w", n("2"))]),
            "1 validation error detected: Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}",
        ),
    ];
    for (input, message) in cases {
        assert_validation(run(engine.put_item(input)), message);
    }
    let mut mixed = conditional_put("attribute_not_exists(pk)", &[]);
    mixed.expected = Some(BTreeMap::from([(
        "pk".into(),
        ExpectedAttributeValue {
            exists: Some(false),
            ..Default::default()
        },
    )]));
    mixed.conditional_operator = Some(ConditionalOperator::And);
    assert_validation(
        run(engine.put_item(mixed)),
        "1 validation error detected: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected, ConditionalOperator} Expression parameters: {ConditionExpression}",
    );
    assert_validation(
        run(engine.delete_item(conditional_delete("a", "foo(n)", &[]))),
        "1 validation error detected: Invalid ConditionExpression: Invalid function name; function: foo",
    );
}

#[test]
fn validation_comes_before_the_table_lookup() {
    let engine = Engine::new();
    let mut input = conditional_put("n = :v", &[]);
    input.table_name = "missing".into();
    assert_validation(
        run(engine.put_item(input.clone())),
        "1 validation error detected: Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v",
    );
    input.expression_attribute_values = Some(item(&[(":v", n("1"))]));
    let (kind, _) = failure(run(engine.put_item(input)));
    assert_eq!(kind, ErrorKind::ResourceNotFound);
}

#[test]
fn deep_but_valid_conditions_are_served() {
    let engine = engine();
    let deep = format!(
        "{}attribute_exists(n){}",
        "NOT (NOT (".repeat(149),
        "))".repeat(149)
    );
    run(engine.put_item(conditional_put(&deep, &[]))).unwrap();
    let chain = vec!["n <> :v"; 150].join(" AND ");
    run(engine.put_item(conditional_put(&chain, &[(":v", n("1"))]))).unwrap();
}

// ---- Expected -------------------------------------------------------------------------------

fn expected(
    entries: &[(&str, ExpectedAttributeValue)],
) -> BTreeMap<String, ExpectedAttributeValue> {
    entries
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

fn equals(value: AttributeValue) -> ExpectedAttributeValue {
    ExpectedAttributeValue {
        value: Some(value),
        ..Default::default()
    }
}

fn op(operator: ComparisonOperator, values: &[AttributeValue]) -> ExpectedAttributeValue {
    ExpectedAttributeValue {
        comparison_operator: Some(operator),
        attribute_value_list: Some(values.to_vec()),
        ..Default::default()
    }
}

fn absent() -> ExpectedAttributeValue {
    ExpectedAttributeValue {
        exists: Some(false),
        ..Default::default()
    }
}

fn expected_put(
    entries: &[(&str, ExpectedAttributeValue)],
    operator: Option<ConditionalOperator>,
) -> PutItemInput {
    PutItemInput {
        table_name: TABLE.into(),
        item: item(&[("pk", s("a")), ("n", n("5")), ("s", s("héllo"))]),
        expected: Some(expected(entries)),
        conditional_operator: operator,
        ..Default::default()
    }
}

#[test]
fn expected_semantics() {
    use ComparisonOperator as Op;
    let engine = engine();
    let holds = |entries: &[(&str, ExpectedAttributeValue)], operator| match run(
        engine.put_item(expected_put(entries, operator))
    ) {
        Ok(_) => true,
        Err(e) if e.is_conditional_check_failed() => false,
        Err(e) => panic!("unexpected error {e:?}"),
    };
    let cases: Vec<(Vec<(&str, ExpectedAttributeValue)>, bool)> = vec![
        (vec![("n", equals(n("5.0")))], true),
        (vec![("n", equals(s("5")))], false),
        (vec![("nope", absent())], true),
        (vec![("n", absent())], false),
        (vec![("nope", op(Op::Ne, &[n("1")]))], true),
        (vec![("n", op(Op::Ne, &[s("5")]))], true),
        (vec![("n", op(Op::Lt, &[s("9")]))], false),
        (vec![("n", op(Op::Ge, &[n("5")]))], true),
        (vec![("n", op(Op::Between, &[n("1"), n("9")]))], true),
        (vec![("n", op(Op::In, &[n("1"), n("5")]))], true),
        (vec![("n", op(Op::NotNull, &[]))], true),
        (vec![("n", op(Op::Null, &[]))], false),
        (vec![("nope", op(Op::Null, &[]))], true),
        (vec![("s", op(Op::BeginsWith, &[s("hé")]))], true),
        (vec![("s", op(Op::Contains, &[s("ll")]))], true),
        (vec![("s", op(Op::NotContains, &[s("zz")]))], true),
        (vec![("nope", op(Op::Contains, &[n("1")]))], false),
        (vec![("nope", op(Op::NotContains, &[n("1")]))], false),
        (vec![("n", op(Op::NotContains, &[n("1")]))], true),
        (vec![("n", equals(n("5"))), ("s", equals(n("5")))], false),
    ];
    for (entries, expected) in cases {
        assert_eq!(holds(&entries, None), expected, "{entries:?}");
    }
    let both = [("n", equals(n("5"))), ("s", equals(n("5")))];
    assert!(holds(&both, Some(ConditionalOperator::Or)));
    assert!(!holds(&both, Some(ConditionalOperator::And)));
    let mut input = expected_put(&[("n", equals(n("1")))], None);
    input.return_values_on_condition_check_failure =
        Some(ReturnValuesOnConditionCheckFailure::AllOld);
    assert_failed(run(engine.put_item(input)), stored(&engine));
}

#[test]
fn expected_validation() {
    use ComparisonOperator as Op;
    let engine = engine();
    let invalid = |text: &str| {
        format!("1 validation error detected: One or more parameter values were invalid: {text}")
    };
    let cases: Vec<(ExpectedAttributeValue, String)> = vec![
        (
            ExpectedAttributeValue::default(),
            invalid("Value must be provided when Exists is null for Attribute: a"),
        ),
        (
            ExpectedAttributeValue {
                exists: Some(true),
                ..Default::default()
            },
            invalid("Value must be provided when Exists is true for Attribute: a"),
        ),
        (
            ExpectedAttributeValue {
                exists: Some(false),
                value: Some(s("x")),
                ..Default::default()
            },
            invalid("Value cannot be used when Exists is false for Attribute: a"),
        ),
        (
            ExpectedAttributeValue {
                comparison_operator: Some(Op::Eq),
                ..Default::default()
            },
            invalid("Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a"),
        ),
        (
            ExpectedAttributeValue {
                comparison_operator: Some(Op::Eq),
                exists: Some(true),
                value: Some(s("x")),
                ..Default::default()
            },
            invalid("Exists and ComparisonOperator cannot be used together for Attribute: a"),
        ),
        (
            ExpectedAttributeValue {
                comparison_operator: Some(Op::Eq),
                value: Some(s("x")),
                attribute_value_list: Some(vec![s("y")]),
                ..Default::default()
            },
            invalid("Value and AttributeValueList cannot be used together for Attribute: a"),
        ),
        (
            ExpectedAttributeValue {
                attribute_value_list: Some(vec![s("y")]),
                ..Default::default()
            },
            invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: a"),
        ),
        (
            op(Op::Between, &[n("1")]),
            invalid("Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
        ),
        (
            op(Op::In, &[n("1"), s("5")]),
            invalid("AttributeValues inside AttributeValueList must be of same type"),
        ),
        (
            op(Op::Gt, &[AttributeValue::Bool(true)]),
            invalid("ComparisonOperator GT is not valid for BOOL AttributeValue type"),
        ),
        (
            op(Op::Between, &[n("9"), n("1")]),
            "1 validation error detected: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound".to_owned(),
        ),
        (
            equals(AttributeValue::Ss(vec![])),
            invalid("An string set  may not be empty"),
        ),
    ];
    for (entry, message) in cases {
        let input = expected_put(&[("a", entry.clone())], None);
        assert_validation(run(engine.put_item(input)), &message);
    }
    let mut input = expected_put(&[("a", equals(n("1")))], Some(ConditionalOperator::Or));
    assert_validation(
        run(engine.put_item(input.clone())),
        "1 validation error detected: ConditionalOperator can only be used when Filter or Expected has two or more elements",
    );
    input.expected = None;
    assert_validation(
        run(engine.put_item(input.clone())),
        "1 validation error detected: ConditionalOperator cannot be used without Filter or Expected",
    );
    input.conditional_operator = Some(ConditionalOperator::Unknown("XOR".into()));
    assert_validation(
        run(engine.put_item(input.clone())),
        "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]",
    );
    input.conditional_operator = None;
    input.expected = Some(expected(&[("a", op(Op::Unknown("XX".into()), &[]))]));
    assert_validation(
        run(engine.put_item(input)),
        "1 validation error detected: Value 'XX' at 'expected.a.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [EQ, NE, IN, LE, LT, GE, GT, BETWEEN, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH]",
    );
}

#[test]
fn expected_on_delete() {
    let engine = engine();
    let mut input = DeleteItemInput {
        table_name: TABLE.into(),
        key: item(&[("pk", s("a"))]),
        expected: Some(expected(&[("n", equals(n("6")))])),
        ..Default::default()
    };
    assert_failed(run(engine.delete_item(input.clone())), None);
    input.expected = Some(expected(&[("n", equals(n("5")))]));
    run(engine.delete_item(input)).unwrap();
    assert_eq!(stored(&engine), None);
}
