//! Model-based test: random puts and deletes against the engine and a `BTreeMap` reference.

use std::collections::BTreeMap;

use dynamodel::model::{DeleteItemInput, DescribeTableInput, ScalarAttributeType as T, ScanInput};
use dynamodel::{AttributeValue, Backend, Item, Number};
use proptest::prelude::*;

use super::support::*;

#[derive(Clone, Debug)]
enum Op {
    Put { pk: u8, sk: i16, payload: String },
    Delete { pk: u8, sk: i16 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..5, -20i16..20, "[a-z]{0,8}").prop_map(|(pk, sk, payload)| Op::Put { pk, sk, payload }),
        1 => (0u8..5, -20i16..20).prop_map(|(pk, sk)| Op::Delete { pk, sk }),
    ]
}

fn key(pk: u8, sk: i16) -> Item {
    item(&[
        ("pk", s(&format!("p{pk}"))),
        ("sk", AttributeValue::N(Number::from(sk))),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn engine_matches_a_reference_map(ops in proptest::collection::vec(op(), 1..80)) {
        let engine = engine_with(T::S, Some(T::N));
        let mut reference: BTreeMap<(u8, i16), Item> = BTreeMap::new();
        for op in &ops {
            match op {
                Op::Put { pk, sk, payload } => {
                    let mut full = key(*pk, *sk);
                    full.insert("v".into(), s(payload));
                    put(&engine, full.clone());
                    reference.insert((*pk, *sk), full);
                }
                Op::Delete { pk, sk } => {
                    run(engine.delete_item(DeleteItemInput { table_name: TABLE.into(), key: key(*pk, *sk), ..Default::default() })).unwrap();
                    reference.remove(&(*pk, *sk));
                }
            }
        }
        let described = run(engine.describe_table(DescribeTableInput { table_name: TABLE.into() })).unwrap().table.unwrap();
        prop_assert_eq!(described.item_count, Some(reference.len() as i64));

        for pk in 0u8..5 {
            let expected: Vec<Item> = reference.range((pk, i16::MIN)..=(pk, i16::MAX)).map(|(_, v)| v.clone()).collect();
            let got = run(engine.query(query("pk = :p", &[(":p", s(&format!("p{pk}")))]))).unwrap().items.unwrap();
            prop_assert_eq!(&got, &expected);
            let lower = -5i16;
            let expected_ge: Vec<Item> = reference.range((pk, lower)..=(pk, i16::MAX)).map(|(_, v)| v.clone()).collect();
            let got_ge = run(engine.query(query("pk = :p AND sk >= :l", &[(":p", s(&format!("p{pk}"))), (":l", n(&lower.to_string()))]))).unwrap().items.unwrap();
            prop_assert_eq!(got_ge, expected_ge);
        }

        let mut scanned = Vec::new();
        let mut start = None;
        loop {
            let out = run(engine.scan(ScanInput { limit: Some(7), exclusive_start_key: start.take(), ..scan() })).unwrap();
            scanned.extend(out.items.unwrap());
            match out.last_evaluated_key { Some(k) => start = Some(k), None => break }
        }
        let mut scanned_sorted = scanned.clone();
        scanned_sorted.sort_by_key(|i| (i["pk"].as_s().unwrap().to_owned(), i["sk"].as_n().unwrap().to_i128()));
        let expected: Vec<Item> = reference.values().cloned().collect();
        prop_assert_eq!(scanned.len(), expected.len());
        prop_assert_eq!(scanned_sorted, expected);
    }
}
