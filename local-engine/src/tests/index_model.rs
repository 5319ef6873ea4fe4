//! Model test: random puts, updates, deletes, batches and transactions against the indexed
//! table (a keys-only global index, a multi-attribute global index, an INCLUDE local index);
//! after every step each index must equal a recomputation from the table's items, and a Query
//! of each index must return what filtering the table gives.

use dynamodel::model::{
    BatchWriteItemInput, DeleteItemInput, TransactDelete, TransactPut, TransactWriteItemsInput,
    UpdateItemInput, WriteRequest,
};
use dynamodel::{AttributeValue, Backend, Item};
use proptest::prelude::*;

use super::index_fixture::*;
use super::support::*;

#[derive(Clone, Debug)]
enum Op {
    Put(Item),
    Update {
        pk: u8,
        sk: u8,
        g: Option<u8>,
        l: Option<u8>,
    },
    Delete {
        pk: u8,
        sk: u8,
    },
    Batch(Vec<Item>, Vec<(u8, u8)>),
    Transact(Item, (u8, u8)),
}

fn key(pk: u8, sk: u8) -> Item {
    item(&[("pk", s(&format!("p{pk}"))), ("sk", n(&sk.to_string()))])
}

/// An item with a random subset of the index attributes, sometimes of the wrong type.
fn any_item() -> impl Strategy<Value = Item> {
    (
        0u8..3,
        0u8..3,
        proptest::option::of(0u8..3),
        proptest::option::of(0u8..3),
        proptest::option::of(0u8..3),
        proptest::option::of(0u8..2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(pk, sk, g, gs, l, m, x, wrong)| {
            let mut it = key(pk, sk);
            if let Some(g) = g {
                it.insert(
                    "g".into(),
                    if wrong {
                        n(&g.to_string())
                    } else {
                        s(&format!("g{g}"))
                    },
                );
            }
            if let Some(gs) = gs {
                it.insert("gs".into(), n(&gs.to_string()));
            }
            if let Some(l) = l {
                it.insert("l".into(), n(&l.to_string()));
            }
            if let Some(m) = m {
                for (name, value) in [
                    ("m1", s("m")),
                    ("m2", n(&m.to_string())),
                    ("m3", s("c")),
                    ("m4", n("1")),
                ] {
                    it.insert(name.into(), value);
                }
            }
            if x {
                it.insert("x".into(), s("x"));
                it.insert("y".into(), s("y"));
            }
            it
        })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any_item().prop_map(Op::Put),
        2 => (0u8..3, 0u8..3, proptest::option::of(0u8..3), proptest::option::of(0u8..3))
            .prop_map(|(pk, sk, g, l)| Op::Update { pk, sk, g, l }),
        1 => (0u8..3, 0u8..3).prop_map(|(pk, sk)| Op::Delete { pk, sk }),
        1 => (proptest::collection::vec(any_item(), 0..3), proptest::collection::vec((0u8..3, 0u8..3), 0..2))
            .prop_map(|(puts, deletes)| Op::Batch(puts, deletes)),
        1 => (any_item(), (0u8..3, 0u8..3)).prop_map(|(put, delete)| Op::Transact(put, delete)),
    ]
}

fn apply(engine: &crate::Engine, op: &Op) {
    // Writes the engine refuses (wrong types, duplicate keys) must leave everything unchanged;
    // the consistency check after each step covers that.
    let _ = match op {
        Op::Put(it) => run(engine.put_item(dynamodel::model::PutItemInput {
            table_name: TABLE.into(),
            item: it.clone(),
            ..Default::default()
        }))
        .map(drop),
        Op::Update { pk, sk, g, l } => {
            let mut set = Vec::new();
            let mut remove = Vec::new();
            let mut values = Item::new();
            match g {
                Some(g) => {
                    set.push("g = :g");
                    values.insert(":g".into(), s(&format!("g{g}")));
                }
                None => remove.push("g"),
            }
            match l {
                Some(l) => {
                    set.push("l = :l");
                    values.insert(":l".into(), n(&l.to_string()));
                }
                None => remove.push("l"),
            }
            let mut expression = format!("SET {}", set.join(", "));
            if set.is_empty() {
                expression.clear();
            }
            if !remove.is_empty() {
                expression.push_str(&format!(" REMOVE {}", remove.join(", ")));
            }
            run(engine.update_item(UpdateItemInput {
                table_name: TABLE.into(),
                key: key(*pk, *sk),
                update_expression: Some(expression.trim().to_owned()),
                expression_attribute_values: (!values.is_empty()).then_some(values),
                ..Default::default()
            }))
            .map(drop)
        }
        Op::Delete { pk, sk } => run(engine.delete_item(DeleteItemInput {
            table_name: TABLE.into(),
            key: key(*pk, *sk),
            ..Default::default()
        }))
        .map(drop),
        Op::Batch(puts, deletes) => {
            let requests: Vec<WriteRequest> = puts
                .iter()
                .cloned()
                .map(WriteRequest::put)
                .chain(
                    deletes
                        .iter()
                        .map(|(pk, sk)| WriteRequest::delete(key(*pk, *sk))),
                )
                .collect();
            if requests.is_empty() {
                return;
            }
            run(engine.batch_write_item(BatchWriteItemInput {
                request_items: [(TABLE.to_owned(), requests)].into_iter().collect(),
                ..Default::default()
            }))
            .map(drop)
        }
        Op::Transact(put, (pk, sk)) => run(engine.transact_write_items(TransactWriteItemsInput {
            transact_items: vec![
                TransactPut {
                    table_name: TABLE.into(),
                    item: put.clone(),
                    ..Default::default()
                }
                .into(),
                TransactDelete {
                    table_name: TABLE.into(),
                    key: key(*pk, *sk),
                    ..Default::default()
                }
                .into(),
            ],
            ..Default::default()
        }))
        .map(drop),
    };
}

/// The `pk` values a Query of `by_g` for `g = value` returns, against the table's items.
fn check_query(engine: &crate::Engine, items: &[Item], value: &AttributeValue) {
    let mut input = query("g = :g", &[(":g", value.clone())]);
    input.index_name = Some("by_g".into());
    let got = run(engine.query(input)).unwrap().items.unwrap();
    let mut expected: Vec<&Item> = items
        .iter()
        .filter(|i| i.get("g") == Some(value) && matches!(i.get("gs"), Some(AttributeValue::N(_))))
        .collect();
    expected.sort_by_key(|i| match &i["gs"] {
        AttributeValue::N(number) => *number,
        _ => unreachable!(),
    });
    assert_eq!(got.len(), expected.len());
    let gs = |list: Vec<&Item>| list.iter().map(|i| i["gs"].clone()).collect::<Vec<_>>();
    assert_eq!(gs(got.iter().collect()), gs(expected));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn indexes_always_match_the_table(ops in proptest::collection::vec(op(), 1..40)) {
        let engine = indexed_engine();
        for op in &ops {
            apply(&engine, op);
            assert_indexes_consistent(&engine);
        }
        let (items, _) = snapshot(&engine);
        for g in 0..3 {
            check_query(&engine, &items, &s(&format!("g{g}")));
        }
    }
}
