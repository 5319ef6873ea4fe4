//! Evaluation of every operator and function against one item, type mismatches included.
//! Each expected result was observed with DynamoDB Local 3.3.0 on the same item.

use dynamodel::{AttributeValue as V, Item, Number};

use crate::expr::check;
use crate::expr::parser::parse_condition;
use crate::expr::{Placeholders, Uses};
use crate::messages::Layer;

fn n(text: &str) -> V {
    V::N(Number::parse(text).unwrap())
}

fn s(text: &str) -> V {
    V::S(text.to_owned())
}

fn the_item() -> Item {
    let pairs = [
        ("pk", s("a")),
        ("s", s("héllo")),
        ("n", n("5")),
        ("b", V::B(vec![0, 1, 2])),
        ("t", V::Bool(true)),
        ("z", V::Null),
        ("ss", V::Ss(vec!["x".into(), "y".into()])),
        ("ns", V::Ns(vec![Number::from(1), Number::from(2)])),
        ("bs", V::Bs(vec![vec![0], vec![1]])),
        (
            "l",
            V::L(vec![
                s("x"),
                n("1"),
                V::L(vec![s("q")]),
                V::Ss(vec!["x".into()]),
            ]),
        ),
        (
            "m",
            V::M([("k".to_owned(), s("v")), ("n".to_owned(), n("2"))].into()),
        ),
        ("es", s("")),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Whether `source`, with `values`, holds for the item (and for no item at all).
fn holds(source: &str, values: &[(&str, V)]) -> (bool, bool) {
    let values: Item = values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    let uses = Uses {
        any_expression: true,
        value_expression: true,
    };
    let values = (!values.is_empty()).then_some(values);
    let mut placeholders = Placeholders::new(None, values.as_ref(), uses, Layer::Current).unwrap();
    let parsed = parse_condition(source).unwrap();
    let condition = check::condition(&parsed, &mut placeholders).unwrap();
    placeholders.finish().unwrap();
    let item = the_item();
    (condition.eval(Some(&item)), condition.eval(None))
}

#[track_caller]
fn case(source: &str, values: &[(&str, V)], expected: bool) {
    assert_eq!(holds(source, values).0, expected, "{source} {values:?}");
}

#[test]
fn comparisons() {
    let v = |value: V| [(":v", value)];
    case("n = :v", &v(n("5.0")), true);
    case("n <> :v", &v(s("5")), true);
    case("n < :v", &v(s("9")), false);
    case("n >= :v", &v(n("5")), true);
    case("s < :v", &v(s("z")), true);
    case("b < :v", &v(V::B(vec![1])), true);
    case("t = :v", &v(V::Bool(true)), true);
    case("z = :v", &v(V::Null), true);
    case("ss = :v", &v(V::Ss(vec!["y".into(), "x".into()])), true);
    case(
        "ns = :v",
        &v(V::Ns(vec![Number::from(2), Number::from(1)])),
        true,
    );
    case("bs = :v", &v(V::Bs(vec![vec![1], vec![0]])), true);
    case(
        "m = :v",
        &v(V::M(
            [("n".to_owned(), n("2.00")), ("k".to_owned(), s("v"))].into(),
        )),
        true,
    );
    case("l[3] = :v", &v(V::Ss(vec!["x".into()])), true);
    case("l[9] = :v", &v(V::Ss(vec!["x".into()])), false);
    case("m.k = :v", &v(s("v")), true);
    case("m.k.j = :v", &v(s("v")), false);
    case("s[0] = :v", &v(s("v")), false);
    case("nope = :v", &v(n("1")), false);
    case("nope <> :v", &v(n("1")), true);
    case("nope < :v", &v(n("1")), false);
    case("NOT nope = :v", &v(n("1")), true);
    case("nope <> nope2", &[], true);
    case("nope = nope2", &[], false);
    case("s = es", &[], false);
    case("n = s", &[], false);
    case(":a = :b", &[(":a", n("1")), (":b", n("1.0"))], true);
    case(":a < :b", &[(":a", n("1")), (":b", s("a"))], false);
}

#[test]
fn between_and_in() {
    case(
        "n BETWEEN :a AND :b",
        &[(":a", n("1")), (":b", n("9"))],
        true,
    );
    case(
        "n BETWEEN :a AND :b",
        &[(":a", s("1")), (":b", s("9"))],
        false,
    );
    case(
        "n BETWEEN :a AND :b",
        &[(":a", n("5")), (":b", n("5"))],
        true,
    );
    case(
        "s BETWEEN :a AND :b",
        &[(":a", s("a")), (":b", s("z"))],
        true,
    );
    case("n BETWEEN s AND :b", &[(":b", n("9"))], false);
    case("nope BETWEEN :a AND :a", &[(":a", n("1"))], false);
    case("n IN (:a, :b)", &[(":a", n("1")), (":b", n("5.0"))], true);
    case("n IN (:a, :b)", &[(":a", n("1")), (":b", s("5"))], false);
    case(
        "ss IN (:a)",
        &[(":a", V::Ss(vec!["y".into(), "x".into()]))],
        true,
    );
    case(":a IN (:a)", &[(":a", n("1"))], true);
    case("nope IN (:a)", &[(":a", n("1"))], false);
    case("NOT nope IN (:a)", &[(":a", n("1"))], true);
}

#[test]
fn functions() {
    let v = |value: V| [(":v", value)];
    case("attribute_exists(l[1])", &[], true);
    case("attribute_exists(l[10])", &[], false);
    case("attribute_exists(m.k)", &[], true);
    case("attribute_not_exists(m.x)", &[], true);
    case("attribute_exists(s.x)", &[], false);
    case("attribute_type(s, :v)", &v(s("S")), true);
    case("attribute_type(s, :v)", &v(s("BOOL")), false);
    case("attribute_type(t, :v)", &v(s("BOOL")), true);
    case("attribute_type(z, :v)", &v(s("NULL")), true);
    case("attribute_type(nope, :v)", &v(s("S")), false);
    case("NOT attribute_type(nope, :v)", &v(s("S")), true);
    case("attribute_type(size(s), :v)", &v(s("N")), true);
    case("begins_with(s, :v)", &v(s("hé")), true);
    case("begins_with(b, :v)", &v(V::B(vec![0])), true);
    case("begins_with(s, :v)", &v(V::B(vec![0])), false);
    case("begins_with(ss, :v)", &v(s("x")), false);
    case("begins_with(s, :v)", &v(s("")), true);
    case("begins_with(s, es)", &[], true);
    case("begins_with(s, n)", &[], false);
    case("begins_with(:v, s)", &v(s("hé")), false);
    case("begins_with(nope, :v)", &v(s("x")), false);
    case("contains(s, :v)", &v(s("ll")), true);
    case("contains(s, :v)", &v(n("1")), false);
    case("contains(b, :v)", &v(V::B(vec![1])), true);
    case("contains(ss, :v)", &v(s("x")), true);
    case("contains(ss, :v)", &v(V::Ss(vec!["x".into()])), false);
    case("contains(ns, :v)", &v(n("1.0")), true);
    case("contains(bs, :v)", &v(V::B(vec![0])), true);
    case("contains(l, :v)", &v(n("1.00")), true);
    case("contains(l, :v)", &v(V::L(vec![s("q")])), true);
    case("contains(l, :v)", &v(V::Ss(vec!["x".into()])), true);
    case("contains(m, :v)", &v(s("k")), false);
    case("contains(n, :v)", &v(n("5")), false);
    case("contains(nope, :v)", &v(n("5")), false);
    case("NOT contains(nope, :v)", &v(n("5")), true);
    case("contains(s, es)", &[], true);
    case("contains(l, n)", &[], false);
    case("contains(:v, s)", &v(s("héllo world")), true);
    case("contains(:v, :v)", &v(n("5")), false);
    case("size(s) = :v", &v(n("5")), true);
    case("size(b) = :v", &v(n("3")), true);
    case("size(ss) = :v", &v(n("2")), true);
    case("size(l) = :v", &v(n("4")), true);
    case("size(m) = :v", &v(n("2")), true);
    case("size(es) = :v", &v(n("0")), true);
    case("size(n) <> :v", &v(n("0")), true);
    case("size(t) <> :v", &v(n("0")), true);
    case("size(nope) <> :v", &v(n("0")), true);
    case("NOT size(nope) = :v", &v(n("0")), true);
    case("size(s) > size(l)", &[], true);
    case("size(s) = size(s)", &[], true);
    case("size(:v) = :w", &[(":v", s("abc")), (":w", n("3"))], true);
    case("size(s) < :v", &v(s("a")), false);
    case("n IN (size(s))", &[], true);
}

#[test]
fn logic_and_precedence() {
    let v = [(":v", n("5"))];
    case("a = :v OR n = :v AND s = :v", &v, false);
    case("NOT n = :v AND n = :v", &v, false);
    case("NOT (n = :v AND n = :v)", &v, false);
    case("NOT NOT n = :v", &v, true);
    case("(n) = :v", &v, true);
    case("n = (:v)", &v, true);
    case("(n = :v)", &v, true);
    case("((n = :v) AND (n = :v))", &v, true);
    case("n = :v OR nope = :v", &v, true);
    case("nope = :v OR n = :v AND n = :v", &v, true);
}

#[test]
fn a_missing_item_fails_every_positive_test() {
    assert_eq!(holds("attribute_not_exists(pk)", &[]), (false, true));
    assert_eq!(holds("pk <> :v", &[(":v", s("b"))]), (true, true));
    assert_eq!(holds(":v = :v", &[(":v", s("b"))]), (true, true));
    assert_eq!(holds("pk = :v", &[(":v", s("a"))]), (true, false));
    assert_eq!(holds("size(pk) >= :v", &[(":v", n("0"))]), (true, false));
}
