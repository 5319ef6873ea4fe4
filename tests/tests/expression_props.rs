//! Property test: a typed condition, rendered and evaluated by the engine, selects exactly
//! the items a direct Rust evaluation of the same condition selects.

use std::collections::BTreeSet;

use dynamodel::{Condition, Table};
use proptest::prelude::*;

use crate::support::client_with;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key)]
    id: String,
    a: i64,
    b: Option<i64>,
    s: String,
    tags: BTreeSet<String>,
}

/// A condition as data, so the test can both build the typed condition and evaluate it.
#[derive(Clone, Debug)]
enum Cond {
    AEq(i64),
    ANe(i64),
    ALt(i64),
    AGe(i64),
    ABetween(i64, i64),
    AIn(Vec<i64>),
    BGt(i64),
    BExists,
    BNotExists,
    SBegins(String),
    SContains(String),
    TagsContain(String),
    SizeOfTagsGt(u64),
    SizeOfSLe(u64),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
}

impl Cond {
    fn holds(&self, d: &Doc) -> bool {
        match self {
            Cond::AEq(v) => d.a == *v,
            Cond::ANe(v) => d.a != *v,
            Cond::ALt(v) => d.a < *v,
            Cond::AGe(v) => d.a >= *v,
            Cond::ABetween(lo, hi) => *lo <= d.a && d.a <= *hi,
            Cond::AIn(vs) => vs.contains(&d.a),
            Cond::BGt(v) => d.b.is_some_and(|b| b > *v),
            Cond::BExists => d.b.is_some(),
            Cond::BNotExists => d.b.is_none(),
            Cond::SBegins(p) => d.s.starts_with(p.as_str()),
            Cond::SContains(p) => d.s.contains(p.as_str()),
            // Empty sets are not stored: `contains` on a missing attribute is false.
            Cond::TagsContain(t) => d.tags.contains(t),
            Cond::SizeOfTagsGt(n) => !d.tags.is_empty() && d.tags.len() as u64 > *n,
            Cond::SizeOfSLe(n) => d.s.len() as u64 <= *n,
            Cond::And(x, y) => x.holds(d) && y.holds(d),
            Cond::Or(x, y) => x.holds(d) || y.holds(d),
            Cond::Not(x) => !x.holds(d),
        }
    }

    fn typed(&self, p: &DocPaths) -> Condition<Doc> {
        match self {
            Cond::AEq(v) => p.a.eq(*v),
            Cond::ANe(v) => p.a.ne(*v),
            Cond::ALt(v) => p.a.lt(*v),
            Cond::AGe(v) => p.a.ge(*v),
            Cond::ABetween(lo, hi) => p.a.between(*lo, *hi),
            Cond::AIn(vs) => p.a.is_in(vs.iter().copied()),
            Cond::BGt(v) => p.b.gt(*v),
            Cond::BExists => p.b.exists(),
            Cond::BNotExists => p.b.not_exists(),
            Cond::SBegins(prefix) => p.s.begins_with(prefix.as_str()),
            Cond::SContains(part) => p.s.contains(part.as_str()),
            Cond::TagsContain(t) => p.tags.contains(t.clone()),
            Cond::SizeOfTagsGt(n) => p.tags.size().gt(*n),
            Cond::SizeOfSLe(n) => p.s.size().le(*n),
            Cond::And(x, y) => x.typed(p).and(y.typed(p)),
            Cond::Or(x, y) => x.typed(p).or(y.typed(p)),
            Cond::Not(x) => !x.typed(p),
        }
    }
}

fn small() -> impl Strategy<Value = i64> {
    -5i64..5
}

fn word() -> impl Strategy<Value = String> {
    "[ab]{0,3}"
}

fn leaf() -> impl Strategy<Value = Cond> {
    prop_oneof![
        small().prop_map(Cond::AEq),
        small().prop_map(Cond::ANe),
        small().prop_map(Cond::ALt),
        small().prop_map(Cond::AGe),
        (small(), small()).prop_map(|(x, y)| Cond::ABetween(x.min(y), x.max(y))),
        proptest::collection::vec(small(), 1..4).prop_map(Cond::AIn),
        small().prop_map(Cond::BGt),
        Just(Cond::BExists),
        Just(Cond::BNotExists),
        word().prop_map(Cond::SBegins),
        "[ab]{1,2}".prop_map(Cond::SContains),
        "[xyz]".prop_map(Cond::TagsContain),
        (0u64..3).prop_map(Cond::SizeOfTagsGt),
        (0u64..4).prop_map(Cond::SizeOfSLe),
    ]
}

fn condition() -> impl Strategy<Value = Cond> {
    leaf().prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(x, y)| Cond::And(Box::new(x), Box::new(y))),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| Cond::Or(Box::new(x), Box::new(y))),
            inner.prop_map(|x| Cond::Not(Box::new(x))),
        ]
    })
}

fn docs() -> impl Strategy<Value = Vec<Doc>> {
    proptest::collection::vec(
        (
            small(),
            proptest::option::of(small()),
            word(),
            proptest::collection::btree_set("[xyz]", 0..3),
        ),
        1..12,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (a, b, s, tags))| Doc {
                id: format!("d{i}"),
                a,
                b,
                s,
                tags,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn engine_filter_agrees_with_rust_evaluation(docs in docs(), cond in condition()) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let (mut got, mut want) = runtime.block_on(async {
            let db = client_with::<Doc>().await;
            for doc in &docs {
                db.put(doc).await.unwrap();
            }
            let got: Vec<String> = db
                .scan::<Doc>()
                .filter(|p| cond.typed(&p))
                .all()
                .await
                .unwrap()
                .into_iter()
                .map(|d| d.id)
                .collect();
            let want: Vec<String> = docs.iter().filter(|d| cond.holds(d)).map(|d| d.id.clone()).collect();
            (got, want)
        });
        got.sort();
        want.sort();
        prop_assert_eq!(got, want, "condition {:?}", cond);
    }

    #[test]
    fn conditional_put_agrees_with_rust_evaluation(doc in docs(), cond in condition()) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let existing = &doc[0];
        let outcome = runtime.block_on(async {
            let db = client_with::<Doc>().await;
            db.put(existing).await.unwrap();
            db.put(existing).condition(|p| cond.typed(&p)).await
        });
        match outcome {
            Ok(()) => prop_assert!(cond.holds(existing), "engine accepted {:?}", cond),
            Err(error) => {
                prop_assert!(error.is_conditional_check_failed(), "{:?}", error);
                prop_assert!(!cond.holds(existing), "engine refused {:?}", cond);
            }
        }
    }
}
