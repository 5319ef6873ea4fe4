//! Value semantics, operator by operator, with type mismatches.

use dynamodel::{AttributeValue as V, Item, Number};

use super::*;

fn n(text: &str) -> V {
    V::N(Number::parse(text).unwrap())
}

fn s(text: &str) -> V {
    V::S(text.to_owned())
}

fn map(pairs: &[(&str, V)]) -> V {
    V::M(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect::<Item>(),
    )
}

#[test]
fn equality_is_typed_numeric_and_set_aware() {
    assert!(equal(&n("1"), &n("1.0")));
    assert!(equal(&n("1e2"), &n("100")));
    assert!(!equal(&n("5"), &s("5")));
    assert!(!equal(&V::Null, &V::Bool(false)));
    assert!(equal(&V::Null, &V::Null));
    assert!(equal(
        &V::Ss(vec!["a".into(), "b".into()]),
        &V::Ss(vec!["b".into(), "a".into()])
    ));
    assert!(!equal(
        &V::Ss(vec!["a".into()]),
        &V::Ss(vec!["a".into(), "b".into()])
    ));
    assert!(equal(
        &V::Ns(vec![Number::from(1), Number::from(2)]),
        &V::Ns(vec![Number::parse("2.0").unwrap(), Number::from(1)])
    ));
    assert!(equal(
        &V::Bs(vec![vec![1], vec![2]]),
        &V::Bs(vec![vec![2], vec![1]])
    ));
    assert!(!equal(
        &V::Ss(vec!["1".into()]),
        &V::Ns(vec![Number::from(1)])
    ));
    assert!(equal(
        &V::L(vec![n("1"), s("x")]),
        &V::L(vec![n("1.00"), s("x")])
    ));
    assert!(!equal(
        &V::L(vec![n("1"), s("x")]),
        &V::L(vec![s("x"), n("1")])
    ));
    assert!(equal(
        &map(&[("a", n("1")), ("b", V::Null)]),
        &map(&[("b", V::Null), ("a", n("1.0"))])
    ));
    assert!(!equal(
        &map(&[("a", n("1"))]),
        &map(&[("a", n("1")), ("b", V::Null)])
    ));
    assert!(equal(&V::B(vec![]), &V::B(vec![])));
}

#[test]
fn order_only_for_one_scalar_type() {
    use std::cmp::Ordering::*;
    assert_eq!(order(&n("-1"), &n("0.5")), Some(Less));
    assert_eq!(order(&n("10"), &n("9")), Some(Greater));
    assert_eq!(
        order(&s("B"), &s("a")),
        Some(Less),
        "bytes, not case-folded"
    );
    assert_eq!(
        order(&s("a😀"), &s("a\u{ffff}")),
        Some(Greater),
        "UTF-8 bytes, not UTF-16"
    );
    assert_eq!(
        order(&V::B(vec![0x80]), &V::B(vec![0x7f])),
        Some(Greater),
        "unsigned bytes"
    );
    assert_eq!(order(&n("1"), &s("1")), None);
    assert_eq!(order(&V::Bool(true), &V::Bool(true)), None);
    assert_eq!(order(&V::Null, &V::Null), None);
    assert_eq!(order(&V::L(vec![]), &V::L(vec![])), None);
}

#[test]
fn contains_by_haystack_type() {
    assert!(contains(&s("héllo"), &s("ll")));
    assert!(contains(&s("abc"), &s("")));
    assert!(!contains(&s("abc"), &n("1")));
    assert!(contains(&V::B(vec![0, 1, 2]), &V::B(vec![1, 2])));
    assert!(!contains(&V::B(vec![0, 1, 2]), &V::B(vec![2, 1])));
    assert!(!contains(&s("AQ=="), &V::B(vec![1])));
    assert!(contains(&V::Ss(vec!["x".into(), "y".into()]), &s("x")));
    assert!(!contains(
        &V::Ss(vec!["x".into()]),
        &V::Ss(vec!["x".into()])
    ));
    assert!(contains(&V::Ns(vec![Number::from(1)]), &n("1.0")));
    assert!(!contains(&V::Ns(vec![Number::from(1)]), &s("1")));
    assert!(contains(&V::Bs(vec![vec![0]]), &V::B(vec![0])));
    assert!(contains(&V::L(vec![s("x"), n("1")]), &n("1.00")));
    assert!(contains(
        &V::L(vec![V::L(vec![s("q")])]),
        &V::L(vec![s("q")])
    ));
    assert!(!contains(&V::L(vec![s("x")]), &V::L(vec![s("x")])));
    assert!(!contains(&map(&[("k", s("v"))]), &s("k")));
    assert!(!contains(&n("15"), &n("1")));
    assert!(!contains(&V::Bool(true), &V::Bool(true)));
}

#[test]
fn begins_with_same_type_prefix() {
    assert!(begins_with(&s("héllo"), &s("hé")));
    assert!(begins_with(&s("x"), &s("")));
    assert!(!begins_with(&s("hé"), &s("héllo")));
    assert!(begins_with(&V::B(vec![0, 1]), &V::B(vec![0])));
    assert!(!begins_with(&s("AAE="), &V::B(vec![0])));
    assert!(!begins_with(&V::Ss(vec!["x".into()]), &s("x")));
    assert!(!begins_with(&n("12"), &n("1")));
}

#[test]
fn size_of_each_type() {
    let size_of = |v: &V| size(v).map(|n| n.to_string());
    assert_eq!(size_of(&s("héllo")).as_deref(), Some("5"));
    assert_eq!(
        size_of(&s("a😀")).as_deref(),
        Some("3"),
        "UTF-16 code units"
    );
    assert_eq!(size_of(&s("")).as_deref(), Some("0"));
    assert_eq!(size_of(&V::B(vec![0, 1, 2])).as_deref(), Some("3"));
    assert_eq!(
        size_of(&V::Ss(vec!["a".into(), "b".into()])).as_deref(),
        Some("2")
    );
    assert_eq!(size_of(&V::Ns(vec![Number::from(7)])).as_deref(), Some("1"));
    assert_eq!(size_of(&V::Bs(vec![vec![], vec![1]])).as_deref(), Some("2"));
    assert_eq!(size_of(&V::L(vec![V::Null; 4])).as_deref(), Some("4"));
    assert_eq!(size_of(&map(&[("a", V::Null)])).as_deref(), Some("1"));
    assert_eq!(size_of(&n("5")), None);
    assert_eq!(size_of(&V::Bool(true)), None);
    assert_eq!(size_of(&V::Null), None);
}
