//! The checks after parsing: one line per rejection, and the order DynamoDB reports them in
//! (each case observed with DynamoDB Local 3.3.0 unless it restates a capture).

use dynamodel::model::{ExpressionAttributeNames, ExpressionAttributeValues};
use dynamodel::{AttributeValue as V, Number};

use super::*;
use crate::expr::Uses;
use crate::expr::parser::parse_condition;
use crate::messages::{Layer, expression as msg};

fn values() -> ExpressionAttributeValues {
    let n = |v: i64| V::N(Number::from(v));
    [
        (":n", n(5)),
        (":m", n(9)),
        (":s", V::S("x".into())),
        (":t", V::Bool(true)),
        (":z", V::Null),
        (":ss", V::Ss(vec!["a".into()])),
        (":l", V::L(vec![])),
        (":map", V::M(Default::default())),
        (":type", V::S("SS".into())),
        (":badtype", V::S("s".into())),
        (":b", V::B(vec![1])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn names() -> ExpressionAttributeNames {
    [("#a", "a"), ("#dotted", "x.y"), ("#n", "n")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// `ok` or the error detail of checking `source` against the fixed placeholders.
fn check(source: &str) -> String {
    let names = names();
    let values = values();
    let uses = Uses {
        any_expression: true,
        value_expression: true,
    };
    let mut placeholders =
        Placeholders::new(Some(&names), Some(&values), uses, Layer::Current).unwrap();
    match parse_condition(source) {
        Err(e) => e.detail,
        Ok(parsed) => match condition(&parsed, &mut placeholders) {
            Ok(_) => "ok".to_owned(),
            Err(detail) => detail,
        },
    }
}

#[track_caller]
fn rejects(source: &str, detail: &str) {
    assert_eq!(check(source), detail, "{source}");
}

#[track_caller]
fn accepts(source: &str) {
    assert_eq!(check(source), "ok", "{source}");
}

#[test]
fn valid_conditions() {
    for source in [
        "a = :n",
        "a <> :s AND b < :n OR NOT c >= :s",
        "a BETWEEN :n AND :m",
        "a IN (:n, :s, :t, :map)",
        ":n = :n",
        ":n < :s",
        "size(a) < :s",
        "size(a) = size(a)",
        "size(:s) = :n",
        "size(:ss) = :n",
        "size(:map) = :n",
        "contains(a, :t)",
        "contains(:s, :s)",
        "begins_with(a, :s)",
        "begins_with(a, :b)",
        "begins_with(:s, a)",
        "attribute_type(a, :type)",
        "attribute_type(size(a), :type)",
        "attribute_type(:n, :type)",
        "attribute_exists(a.b[1])",
        "attribute_exists((a))",
        "attribute_not_exists(#a)",
        "#dotted = x.y",
        "a BETWEEN size(b) AND :s",
        ":s BETWEEN a AND b",
        "a[2147483647] = :n",
    ] {
        accepts(source);
    }
}

#[test]
fn shape_errors() {
    rejects("name = :n", &msg::reserved_keyword("name"));
    rejects("a.Date = :n", &msg::reserved_keyword("Date"));
    rejects("foo(a)", &msg::invalid_function("foo"));
    rejects("SIZE(a) = :n", &msg::invalid_function("SIZE"));
    rejects(
        "Attribute_Exists(a)",
        &msg::invalid_function("Attribute_Exists"),
    );
    rejects("size(a)", &msg::misused_function("size"));
    rejects(
        "attribute_exists(a) = :n",
        &msg::misused_function("attribute_exists"),
    );
    rejects(
        "a IN (attribute_exists(b))",
        &msg::misused_function("attribute_exists"),
    );
    rejects(
        "contains(attribute_exists(a), :n)",
        &msg::misused_function("attribute_exists"),
    );
    rejects(
        "if_not_exists(a, :n) = :n",
        &msg::not_in_condition("if_not_exists"),
    );
    rejects(
        "size(list_append(a, :l)) = :n",
        &msg::not_in_condition("list_append"),
    );
    rejects("a[2147483648] = :n", &msg::index_out_of_range("2147483648"));
    let deep = (1..=32)
        .map(|i| format!("x{i}"))
        .collect::<Vec<_>>()
        .join(".");
    accepts(&format!("{deep} = :n"));
    rejects(&format!("{deep}.x33 = :n"), &msg::path_too_deep(33));
    let indexes: String = (0..32).map(|i| format!("[{i}]")).collect();
    rejects(&format!("a{indexes} = :n"), &msg::path_too_deep(33));
}

#[test]
fn meaning_errors() {
    rejects("a = :nope", &msg::undefined_value(":nope"));
    rejects("#nope = :n", &msg::undefined_name("#nope"));
    rejects("contains(a)", &msg::operand_count("contains", 1));
    rejects(
        "attribute_exists(a, b)",
        &msg::operand_count("attribute_exists", 2),
    );
    rejects("size(a, b) = :n", &msg::operand_count("size", 2));
    rejects(
        "attribute_exists(:n)",
        &msg::requires_path("attribute_exists"),
    );
    rejects(
        "attribute_not_exists(size(a))",
        &msg::requires_path("attribute_not_exists"),
    );
    rejects("a < :t", &msg::operand_type("<", "BOOL"));
    rejects("a >= :z", &msg::operand_type(">=", "NULL"));
    rejects("a > :l", &msg::operand_type(">", "L"));
    rejects("a <= :ss", &msg::operand_type("<=", "SS"));
    rejects(":t < :z", &msg::operand_type("<", "BOOL"));
    rejects(":z < :t", &msg::operand_type("<", "NULL"));
    rejects("a BETWEEN :t AND :t", &msg::operand_type("BETWEEN", "BOOL"));
    rejects("a BETWEEN :ss AND :ss", &msg::operand_type("BETWEEN", "SS"));
    rejects("size(:n) = :n", &msg::operand_type("size", "N"));
    rejects("size(:t) = :n", &msg::operand_type("size", "BOOL"));
    rejects("size(size(a)) = :n", &msg::operand_type("size", "N"));
    rejects("begins_with(a, :n)", &msg::operand_type("begins_with", "N"));
    rejects(
        "begins_with(a, :ss)",
        &msg::operand_type("begins_with", "SS"),
    );
    rejects(
        "begins_with(:t, :n)",
        &msg::operand_type("begins_with", "BOOL"),
    );
    rejects(
        "begins_with(size(a), :s)",
        &msg::operand_type("begins_with", "N"),
    );
    rejects(
        "attribute_type(a, :n)",
        &msg::operand_type("attribute_type", "N"),
    );
    rejects(
        "attribute_type(a, size(a))",
        &msg::operand_type("attribute_type", "N"),
    );
    rejects(
        "attribute_type(a, b)",
        &msg::operand_type("attribute_type", msg::ANY_TYPE),
    );
    rejects("attribute_type(a, :badtype)", &msg::invalid_type_name("s"));
    rejects("a = a", &msg::not_distinct("=", "[a]"));
    rejects("a = #a", &msg::not_distinct("=", "[a]"));
    rejects("#n > n", &msg::not_distinct(">", "[n]"));
    rejects(
        "a.b[1].c <> a.b[1].c",
        &msg::not_distinct("<>", "[a, b, [1], c]"),
    );
    rejects("#dotted.b = #dotted.b", &msg::not_distinct("=", "[x.y, b]"));
    rejects("a BETWEEN a AND :n", &msg::not_distinct("BETWEEN", "[a]"));
    rejects("a BETWEEN :n AND a", &msg::not_distinct("BETWEEN", "[a]"));
    rejects("a IN (b, a)", &msg::not_distinct("IN", "[a]"));
    rejects("contains(a, a)", &msg::not_distinct("contains", "[a]"));
    rejects(
        "begins_with(a, a)",
        &msg::not_distinct("begins_with", "[a]"),
    );
    rejects(
        "attribute_type(a, a)",
        &msg::not_distinct("attribute_type", "[a]"),
    );
    rejects("a BETWEEN :n AND :s", &msg::between_types("{N:5}", "{S:x}"));
    rejects("a BETWEEN :m AND :n", &msg::between_order("{N:9}", "{N:5}"));
    let list = vec![":n"; 101].join(", ");
    rejects(&format!("a IN ({list})"), &msg::in_too_many(101));
    accepts(&format!("a IN ({})", vec![":n"; 100].join(", ")));
}

#[test]
fn invalid_values_name_their_key() {
    let values: ExpressionAttributeValues = [(":v".to_owned(), V::Ss(vec![]))].into();
    let uses = Uses {
        any_expression: true,
        value_expression: true,
    };
    let error = Placeholders::new(None, Some(&values), uses, Layer::Enveloped).unwrap_err();
    assert_eq!(
        error.message(),
        "1 validation error detected: ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v"
    );
}

#[test]
fn operator_limit() {
    let chain = |n: usize| vec!["a = :n"; n].join(" AND ");
    accepts(&chain(150));
    rejects(&chain(151), &msg::too_many_operators(301));
    let functions = |n: usize| vec!["attribute_exists(a)"; n].join(" OR ");
    accepts(&functions(150));
    rejects(&functions(151), &msg::too_many_operators(301));
    let sizes = |n: usize| vec!["size(a) = :n"; n].join(" OR ");
    accepts(&sizes(100));
    rejects(&sizes(101), &msg::too_many_operators(301));
}

#[test]
fn errors_come_in_dynamodb_order() {
    // Parentheses are judged while parsing, before anything else.
    rejects("name = :nope AND ((a = :n))", msg::REDUNDANT_PARENTHESES);
    rejects(
        "a = :n AND foo(a) AND ((a = :n))",
        msg::REDUNDANT_PARENTHESES,
    );
    // Syntax errors come before names and functions.
    rejects("foo(x) AND a = ", &msg::syntax("<EOF>", "= "));
    // Shape errors in source order, before any placeholder is resolved.
    rejects("name = :n AND foo(x)", &msg::reserved_keyword("name"));
    rejects("foo(x) AND name = :n", &msg::invalid_function("foo"));
    rejects("a = :nope AND foo(s)", &msg::invalid_function("foo"));
    rejects("#nope = :n AND name = :n", &msg::reserved_keyword("name"));
    rejects("size(a) AND name = :n", &msg::misused_function("size"));
    rejects(
        "a[99999999999] = :n AND name = :n",
        &msg::index_out_of_range("99999999999"),
    );
    rejects("foo(name) = :n", &msg::invalid_function("foo"));
    // Meaning errors in source order.
    rejects(
        "contains(a) AND a = :nope",
        &msg::operand_count("contains", 1),
    );
    rejects("a = :nope AND contains(a)", &msg::undefined_value(":nope"));
    rejects("a = a AND a = :nope", &msg::not_distinct("=", "[a]"));
    rejects("a < :t AND a = a", &msg::operand_type("<", "BOOL"));
    rejects("a IN (:nope, a)", &msg::undefined_value(":nope"));
    // Inside BETWEEN, operand types come before repeated operands and bounds.
    rejects("a BETWEEN a AND :t", &msg::operand_type("BETWEEN", "BOOL"));
    rejects("a BETWEEN :n AND :t", &msg::operand_type("BETWEEN", "BOOL"));
    // The operator count comes last.
    let many = vec!["a = :n"; 151].join(" OR ");
    rejects(
        &format!("a = :nope OR {many}"),
        &msg::undefined_value(":nope"),
    );
    rejects(
        &format!("name = :n OR {many}"),
        &msg::reserved_keyword("name"),
    );
}
