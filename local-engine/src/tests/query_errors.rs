//! Query's errors, with DynamoDB's messages.

use std::collections::BTreeMap;

use dynamodel::model::{
    ComparisonOperator, Condition, QueryInput, ScalarAttributeType as T, Select,
};
use dynamodel::{AttributeValue, Backend, ErrorKind};

use super::support::*;
use crate::Engine;

fn range_table() -> Engine {
    let engine = engine_with(T::S, Some(T::N));
    put(&engine, item(&[("pk", s("p")), ("sk", n("1"))]));
    engine
}

#[track_caller]
fn rejects(engine: &Engine, input: QueryInput, message: &str) {
    assert_validation(run(engine.query(input)), message);
}

#[track_caller]
fn rejects_expression(
    engine: &Engine,
    expression: &str,
    values: &[(&str, AttributeValue)],
    message: &str,
) {
    rejects(engine, query(expression, values), message);
}

#[test]
fn expression_syntax_and_placeholders() {
    let engine = range_table();
    let p = (":p", s("p"));
    rejects_expression(
        &engine,
        "",
        &[],
        "Invalid KeyConditionExpression: The expression can not be empty;",
    );
    rejects_expression(
        &engine,
        "pk = :p AND sk != :c",
        &[p.clone(), (":c", n("1"))],
        "Invalid KeyConditionExpression: Syntax error; token: \"!\", near: \"sk !=\"",
    );
    rejects_expression(
        &engine,
        "pk = :p",
        &[],
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :p",
    );
    rejects_expression(
        &engine,
        "pk = :p",
        &[p.clone(), (":qq", n("3"))],
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:qq}",
    );
    let mut input = query("#a = :p AND #b = :c", &[p.clone(), (":c", n("1"))]);
    input.expression_attribute_names = Some(BTreeMap::from([("#a".into(), "pk".into())]));
    rejects(
        &engine,
        input,
        "Invalid KeyConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #b",
    );
    let mut input = query("#a = :p", std::slice::from_ref(&p));
    input.expression_attribute_names = Some(BTreeMap::from([
        ("#a".into(), "pk".into()),
        ("#b".into(), "sk".into()),
        ("#c".into(), "x".into()),
    ]));
    rejects(
        &engine,
        input,
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}",
    );
    let mut input = query("pk = :p", std::slice::from_ref(&p));
    input.expression_attribute_names = Some(BTreeMap::new());
    rejects(&engine, input, "ExpressionAttributeNames must not be empty");
    let mut input = query("pk = :p", std::slice::from_ref(&p));
    input.expression_attribute_names = Some(BTreeMap::from([("a".into(), "pk".into())]));
    rejects(
        &engine,
        input,
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"",
    );
    rejects_expression(
        &engine,
        "BEGINS_WITH(sk, :p) AND pk = :p",
        std::slice::from_ref(&p),
        "Invalid KeyConditionExpression: Invalid function name; function: BEGINS_WITH",
    );
}

#[test]
fn reserved_words_need_placeholders() {
    let engine = Engine::new();
    run(engine.create_table(table_input(TABLE, ("date", T::S), None))).unwrap();
    rejects_expression(
        &engine,
        "date = :d",
        &[(":d", s("x"))],
        "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: date",
    );
    let mut input = query("#d = :d", &[(":d", s("x"))]);
    input.expression_attribute_names = Some(BTreeMap::from([("#d".into(), "date".into())]));
    assert!(run(engine.query(input)).is_ok());
}

#[test]
fn operators_a_key_condition_cannot_use() {
    let engine = range_table();
    let values = [(":p", s("p")), (":c", n("1")), (":s", s("1"))];
    let cases = [
        (
            "sk = :c OR pk = :p",
            "Invalid operator used in KeyConditionExpression: OR",
        ),
        (
            "NOT sk = :c AND pk = :p",
            "Invalid operator used in KeyConditionExpression: NOT",
        ),
        (
            "pk = :p AND sk <> :c",
            "Invalid operator used in KeyConditionExpression: <>",
        ),
        (
            "pk = :p AND sk IN (:c)",
            "Invalid operator used in KeyConditionExpression: IN",
        ),
        (
            "pk = :p AND attribute_exists(sk) AND sk = :c",
            "Invalid operator used in KeyConditionExpression: attribute_exists",
        ),
        (
            "pk = :p AND size(sk) > :c",
            "KeyConditionExpressions cannot contain nested operations",
        ),
        (
            "pk = :p AND sk.x < :c",
            "KeyConditionExpressions cannot have conditions on nested attributes",
        ),
        (
            "pk = :p AND :c < :c",
            "Invalid condition in KeyConditionExpression: No key attribute specified",
        ),
        (
            "pk = :p AND sk = pk",
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
        ),
        (
            "pk = :p AND begins_with(:s, sk)",
            "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
        ),
        (
            "pk = :p AND :c BETWEEN sk AND :c",
            "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
        ),
        (
            "pk = :p AND pk = :p",
            "KeyConditionExpressions must only contain one condition per key",
        ),
        (
            "pk = :p AND sk >= :c AND sk <= :c",
            "KeyConditionExpressions must only contain one condition per key",
        ),
        (
            "pk = :p AND sk < :c AND extra < :c",
            "Conditions can be of length 1 or 2 only",
        ),
    ];
    for (expression, message) in cases {
        let used: Vec<(&str, AttributeValue)> = values
            .iter()
            .filter(|(k, _)| expression.contains(k))
            .cloned()
            .collect();
        rejects_expression(&engine, expression, &used, message);
    }
}

#[test]
fn conditions_must_fit_the_key_schema() {
    let engine = range_table();
    let p = (":p", s("p"));
    rejects_expression(
        &engine,
        "sk = :c",
        &[(":c", n("1"))],
        "Query condition missed key schema element: pk",
    );
    rejects_expression(
        &engine,
        "pk < :p",
        std::slice::from_ref(&p),
        "Query key condition not supported",
    );
    rejects_expression(
        &engine,
        "pk = :p AND extra < :c",
        &[p.clone(), (":c", n("1"))],
        "Query condition missed key schema element: sk",
    );
    rejects_expression(
        &engine,
        "pk = :n",
        &[(":n", n("3"))],
        "One or more parameter values were invalid: Condition parameter type does not match schema type",
    );
    rejects_expression(
        &engine,
        "pk = :p AND sk = :s",
        &[p.clone(), (":s", s("x"))],
        "One or more parameter values were invalid: Condition parameter type does not match schema type",
    );
    rejects_expression(
        &engine,
        "pk = :p AND begins_with(sk, :c)",
        &[p.clone(), (":c", n("1"))],
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
    );
    rejects_expression(
        &engine,
        "pk = :p AND sk BETWEEN :hi AND :lo",
        &[p.clone(), (":hi", n("10")), (":lo", n("5"))],
        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:5}",
    );
    rejects_expression(
        &engine,
        "pk = :p AND sk BETWEEN :a AND :b",
        &[p.clone(), (":a", n("1")), (":b", s("a"))],
        "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}",
    );
    rejects_expression(
        &engine,
        "pk = :e",
        &[(":e", s(""))],
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
    );
    let hash_only = engine_with(T::S, None);
    rejects_expression(
        &hash_only,
        "pk = :p AND sk = :p",
        std::slice::from_ref(&p),
        "Query key condition not supported",
    );
    rejects_expression(
        &hash_only,
        "sk = :p",
        &[p],
        "Query condition missed key schema element: pk",
    );
}

#[test]
fn key_parameters_and_constraints() {
    let engine = range_table();
    let mut input = query("pk = :p", &[(":p", s("p"))]);
    input.key_conditions = Some(BTreeMap::new());
    rejects(
        &engine,
        input,
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}",
    );
    let input = QueryInput {
        table_name: TABLE.into(),
        ..Default::default()
    };
    rejects(
        &engine,
        input,
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
    );
    let mut input = query("pk = :p", &[(":p", s("p"))]);
    input.limit = Some(0);
    rejects(
        &engine,
        input,
        "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    let mut input = query("pk = :p", &[(":p", s("p"))]);
    input.select = Some(Select::Unknown("SOME".into()));
    rejects(
        &engine,
        input,
        "1 validation error detected: Value 'SOME' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT]",
    );
    let mut input = query("pk = :p", &[(":p", s("p"))]);
    input.select = Some(Select::SpecificAttributes);
    rejects(
        &engine,
        input,
        "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
    );
    let mut input = query("pk = :p", &[(":p", s("p"))]);
    input.table_name = "missing".into();
    assert_eq!(
        failure(run(engine.query(input))),
        (
            ErrorKind::ResourceNotFound,
            "Requested resource not found".to_owned()
        )
    );
}

#[test]
fn unknown_index_is_rejected() {
    let engine = range_table();
    type Change = fn(&mut QueryInput);
    let cases: [(Change, &str); 1] = [(
        |i| i.index_name = Some("byX".into()),
        "The table does not have the specified index: byX",
    )];
    for (change, message) in cases {
        let mut input = query("pk = :p", &[(":p", s("p"))]);
        change(&mut input);
        rejects(&engine, input, message);
    }
}

#[test]
fn exclusive_start_key_must_fit_the_query() {
    let engine = range_table();
    let p = (":p", s("p"));
    let with_start = |expression: &str, values: &[(&str, AttributeValue)], start| {
        let mut input = query(expression, values);
        input.exclusive_start_key = Some(start);
        input
    };
    rejects(
        &engine,
        with_start("pk = :p", std::slice::from_ref(&p), item(&[("pk", s("p"))])),
        "The provided starting key is invalid",
    );
    rejects(
        &engine,
        with_start(
            "pk = :p",
            std::slice::from_ref(&p),
            item(&[("pk", s("p")), ("sk", n("1")), ("x", s("y"))]),
        ),
        "The provided starting key is invalid",
    );
    rejects(
        &engine,
        with_start(
            "pk = :p",
            std::slice::from_ref(&p),
            item(&[("pk", s("p")), ("sk", s("1"))]),
        ),
        "The provided key element does not match the schema",
    );
    rejects(
        &engine,
        with_start(
            "pk = :p",
            std::slice::from_ref(&p),
            item(&[("pk", s("q")), ("sk", n("1"))]),
        ),
        "The provided starting key is outside query boundaries based on provided conditions",
    );
    rejects(
        &engine,
        with_start(
            "pk = :p AND sk > :c",
            &[p.clone(), (":c", n("5"))],
            item(&[("pk", s("p")), ("sk", n("1"))]),
        ),
        "The provided starting key does not match the range key predicate",
    );
    rejects(
        &engine,
        with_start(
            "pk = :p AND sk = :c",
            &[p.clone(), (":c", n("1"))],
            item(&[("pk", s("p")), ("sk", n("1"))]),
        ),
        "The query can return at most one row and cannot be restarted",
    );
}

#[test]
fn legacy_key_condition_errors() {
    let engine = range_table();
    let condition = |op: ComparisonOperator, values: Vec<AttributeValue>| Condition {
        comparison_operator: op,
        attribute_value_list: Some(values),
    };
    let legacy = |conditions: Vec<(&str, Condition)>| QueryInput {
        table_name: TABLE.into(),
        key_conditions: Some(
            conditions
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        ),
        ..Default::default()
    };
    let eq = condition(ComparisonOperator::Eq, vec![s("p")]);
    rejects(
        &engine,
        legacy(vec![("pk", condition(ComparisonOperator::Eq, vec![]))]),
        "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator",
    );
    rejects(
        &engine,
        legacy(vec![
            ("pk", eq.clone()),
            ("sk", condition(ComparisonOperator::Between, vec![n("1")])),
        ]),
        "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator",
    );
    rejects(
        &engine,
        legacy(vec![
            ("pk", eq.clone()),
            (
                "sk",
                condition(ComparisonOperator::Between, vec![n("1"), s("a")]),
            ),
        ]),
        "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type",
    );
    rejects(
        &engine,
        legacy(vec![
            ("pk", eq.clone()),
            (
                "sk",
                condition(ComparisonOperator::Lt, vec![AttributeValue::Bool(true)]),
            ),
        ]),
        "One or more parameter values were invalid: ComparisonOperator LT is not valid for BOOL AttributeValue type",
    );
    rejects(
        &engine,
        legacy(vec![
            ("pk", eq.clone()),
            (
                "sk",
                condition(ComparisonOperator::Between, vec![n("5"), n("1")]),
            ),
        ]),
        "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
    );
    rejects(
        &engine,
        legacy(vec![]),
        "Conditions can be of length 1 or 2 only",
    );
    rejects(
        &engine,
        legacy(vec![
            ("pk", eq.clone()),
            ("sk", condition(ComparisonOperator::Ne, vec![n("1")])),
        ]),
        "Attempted conditional constraint is not an indexable operation",
    );
    rejects(
        &engine,
        legacy(vec![(
            "sk",
            condition(ComparisonOperator::Eq, vec![n("1")]),
        )]),
        "Query condition missed key schema element: pk",
    );
    rejects(
        &engine,
        legacy(vec![(
            "pk",
            condition(ComparisonOperator::Unknown("LIKE".into()), vec![s("p")]),
        )]),
        "1 validation error detected: Value 'LIKE' at 'keyConditions.pk.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [EQ, NE, IN, LE, LT, GE, GT, BETWEEN, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH]",
    );
}
