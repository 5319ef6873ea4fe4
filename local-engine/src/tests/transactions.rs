//! TransactWriteItems and TransactGetItems: limits, all-or-nothing, cancellation reasons,
//! idempotency, capacity, and serializability under concurrency.

use std::thread;
use std::time::Duration;

use dynamodel::model::{
    ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure, ScalarAttributeType as T,
    TransactConditionCheck, TransactDelete, TransactGet, TransactGetItem, TransactGetItemsInput,
    TransactPut, TransactUpdate, TransactWriteItem, TransactWriteItemsInput,
};
use dynamodel::{Backend, ErrorKind, Item};

use super::support::*;
use crate::Engine;

fn key(pk: &str) -> Item {
    item(&[("pk", s(pk))])
}

fn put_action(pk: &str, extra: &[(&str, dynamodel::AttributeValue)]) -> TransactWriteItem {
    let mut it = key(pk);
    it.extend(item(extra));
    TransactPut {
        table_name: TABLE.into(),
        item: it,
        ..Default::default()
    }
    .into()
}

fn check_action(pk: &str, condition: &str) -> TransactWriteItem {
    TransactConditionCheck {
        table_name: TABLE.into(),
        key: key(pk),
        condition_expression: condition.into(),
        ..Default::default()
    }
    .into()
}

fn add_action(pk: &str, amount: i64, condition: Option<&str>) -> TransactWriteItem {
    TransactUpdate {
        table_name: TABLE.into(),
        key: key(pk),
        update_expression: "ADD balance :a".into(),
        condition_expression: condition.map(str::to_owned),
        expression_attribute_values: Some(item(&[(":a", n(&amount.to_string()))])),
        ..Default::default()
    }
    .into()
}

fn write(actions: Vec<TransactWriteItem>) -> TransactWriteItemsInput {
    TransactWriteItemsInput {
        transact_items: actions,
        ..Default::default()
    }
}

fn engine() -> Engine {
    engine_with(T::S, None)
}

#[test]
fn all_actions_apply_together() {
    let engine = engine();
    put(&engine, item(&[("pk", s("gone"))]));
    put(&engine, item(&[("pk", s("acc")), ("balance", n("5"))]));
    run(engine.transact_write_items(write(vec![
        put_action("new", &[("v", n("1"))]),
        TransactDelete {
            table_name: TABLE.into(),
            key: key("gone"),
            ..Default::default()
        }
        .into(),
        add_action("acc", 3, Some("balance >= :a")),
        check_action("new2", "attribute_not_exists(pk)"),
    ])))
    .unwrap();
    assert_eq!(
        get(&engine, key("new")),
        Some(item(&[("pk", s("new")), ("v", n("1"))]))
    );
    assert_eq!(get(&engine, key("gone")), None);
    assert_eq!(get(&engine, key("acc")).unwrap()["balance"], n("8"));
    assert_eq!(
        get(&engine, key("new2")),
        None,
        "a condition check writes nothing"
    );
}

#[test]
fn a_false_condition_cancels_everything_with_reasons_in_order() {
    let engine = engine();
    put(&engine, item(&[("pk", s("a")), ("balance", n("1"))]));
    let error = run(engine.transact_write_items(write(vec![
        put_action("x", &[]),
        add_action("a", -5, Some("balance < :a")),
        check_action("b", "attribute_exists(pk)"),
    ])))
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TransactionCanceled);
    assert_eq!(
        error.message(),
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, \
         ConditionalCheckFailed, ConditionalCheckFailed]"
    );
    let reasons = error.cancellation_reasons();
    let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["None", "ConditionalCheckFailed", "ConditionalCheckFailed"]
    );
    assert_eq!(reasons[0].message, None);
    assert_eq!(
        reasons[1].message.as_deref(),
        Some("The conditional request failed")
    );
    assert_eq!(
        reasons[2].message.as_deref(),
        Some("The conditional request failed."),
        "a ConditionCheck's reason ends with a full stop"
    );
    assert_eq!(reasons[1].item, None, "the item only when asked");
    assert_eq!(get(&engine, key("x")), None, "nothing applied");
    assert_eq!(get(&engine, key("a")).unwrap()["balance"], n("1"));
}

#[test]
fn all_old_returns_the_item_in_the_reason() {
    let engine = engine();
    let stored = item(&[("pk", s("a")), ("v", n("1"))]);
    put(&engine, stored.clone());
    let check = TransactConditionCheck {
        table_name: TABLE.into(),
        key: key("a"),
        condition_expression: "attribute_not_exists(pk)".into(),
        return_values_on_condition_check_failure: Some(ReturnValuesOnConditionCheckFailure::AllOld),
        ..Default::default()
    };
    let error = run(engine.transact_write_items(write(vec![check.into()]))).unwrap_err();
    assert_eq!(error.cancellation_reasons()[0].item, Some(stored));
}

#[test]
fn an_update_that_cannot_apply_is_a_validation_error_reason() {
    let engine = engine();
    put(&engine, item(&[("pk", s("a")), ("balance", s("text"))]));
    let error =
        run(engine
            .transact_write_items(write(vec![add_action("a", 1, None), put_action("b", &[])])))
        .unwrap_err();
    let reasons = error.cancellation_reasons();
    assert_eq!(reasons[0].code, "ValidationError");
    assert!(
        reasons[0]
            .message
            .as_deref()
            .unwrap()
            .contains("incorrect data type")
    );
    assert_eq!(reasons[1].code, "None");
    assert!(
        error.message().ends_with("[ValidationError, None]"),
        "{}",
        error.message()
    );
    assert_eq!(get(&engine, key("b")), None);
}

#[test]
fn wrong_key_types_and_key_updates_are_validation_error_reasons() {
    let engine = engine();
    put(&engine, key("a"));
    let wrong_key = TransactDelete {
        table_name: TABLE.into(),
        key: item(&[("pk", n("1"))]),
        ..Default::default()
    };
    let wrong_item = TransactPut {
        table_name: TABLE.into(),
        item: item(&[("pk", n("1"))]),
        ..Default::default()
    };
    let key_update = TransactUpdate {
        table_name: TABLE.into(),
        key: key("a"),
        update_expression: "SET pk = :v".into(),
        expression_attribute_values: Some(item(&[(":v", s("z"))])),
        ..Default::default()
    };
    let error = run(engine.transact_write_items(write(vec![
        put_action("b", &[]),
        wrong_key.into(),
        wrong_item.into(),
        key_update.into(),
    ])))
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TransactionCanceled);
    let reasons: Vec<(&str, Option<&str>)> = error
        .cancellation_reasons()
        .iter()
        .map(|r| (r.code.as_str(), r.message.as_deref()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("None", None),
            (
                "ValidationError",
                Some("The provided key element does not match the schema")
            ),
            (
                "ValidationError",
                Some(
                    "One or more parameter values were invalid: Type mismatch for key pk \
                     expected: S actual: N"
                )
            ),
            (
                "ValidationError",
                Some(
                    "One or more parameter values were invalid: Cannot update attribute pk. This \
                     attribute is part of the key"
                )
            ),
        ]
    );
    assert_eq!(get(&engine, key("b")), None, "nothing applied");
}

#[test]
fn malformed_keys_are_request_errors() {
    let engine = engine();
    let extra = TransactDelete {
        table_name: TABLE.into(),
        key: item(&[("pk", s("a")), ("x", s("y"))]),
        ..Default::default()
    };
    assert_validation(
        run(engine.transact_write_items(write(vec![extra.into()]))),
        "The provided key element does not match the schema",
    );
    assert_validation(
        run(engine.transact_write_items(write(vec![put_action("", &[])]))),
        "One or more parameter values are not valid. The AttributeValue for a key attribute \
         cannot contain an empty string value. Key: pk",
    );
}

#[test]
fn expression_errors_come_without_the_envelope() {
    let engine = engine();
    let update = TransactUpdate {
        table_name: TABLE.into(),
        key: key("a"),
        update_expression: "SET n = n + :v".into(),
        expression_attribute_values: Some(item(&[(":v", s("x"))])),
        ..Default::default()
    };
    assert_validation(
        run(engine.transact_write_items(write(vec![update.into()]))),
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or \
         function: +, operand type: S",
    );
}

#[test]
fn two_actions_on_one_item_are_rejected() {
    let engine = engine();
    assert_validation(
        run(engine.transact_write_items(write(vec![
            put_action("a", &[]),
            check_action("a", "attribute_not_exists(pk)"),
        ]))),
        "Transaction request cannot include multiple operations on one item",
    );
    let get_twice = TransactGetItemsInput {
        transact_items: vec![get_item("a"), get_item("a")],
        ..Default::default()
    };
    assert_validation(
        run(engine.transact_get_items(get_twice)),
        "Transaction request cannot include multiple operations on one item",
    );
}

#[test]
fn action_count_limits() {
    let engine = engine();
    assert_validation(
        run(engine.transact_write_items(write(vec![]))),
        "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: \
         Member must have length greater than or equal to 1",
    );
    let many: Vec<_> = (0..101)
        .map(|i| put_action(&format!("k{i}"), &[]))
        .collect();
    assert_validation(
        run(engine.transact_write_items(write(many))),
        "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: \
         Member must have length less than or equal to 100",
    );
    let hundred: Vec<_> = (0..100)
        .map(|i| put_action(&format!("k{i}"), &[]))
        .collect();
    run(engine.transact_write_items(write(hundred))).unwrap();
    assert_eq!(run(engine.scan(scan())).unwrap().count, 100);
    let gets: Vec<_> = (0..101).map(|i| get_item(&format!("k{i}"))).collect();
    assert_validation(
        run(engine.transact_get_items(TransactGetItemsInput {
            transact_items: gets,
            ..Default::default()
        })),
        "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: \
         Member must have length less than or equal to 100",
    );
}

#[test]
fn an_action_needs_exactly_one_kind() {
    let engine = engine();
    let mut both = put_action("a", &[]);
    both.condition_check = check_action("b", "attribute_exists(pk)").condition_check;
    assert_validation(
        run(engine.transact_write_items(write(vec![both]))),
        "TransactItems can only contain one of Check, Put, Update or Delete",
    );
    assert_validation(
        run(engine.transact_write_items(write(vec![TransactWriteItem::default()]))),
        "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request",
    );
}

#[test]
fn more_than_4_mb_is_rejected() {
    let engine = engine();
    let big = "x".repeat(400_000);
    let actions: Vec<_> = (0..11)
        .map(|i| put_action(&format!("k{i}"), &[("v", s(&big))]))
        .collect();
    assert_validation(
        run(engine.transact_write_items(write(actions))),
        "Transaction request cannot be larger than 4 MB",
    );
    assert_eq!(run(engine.scan(scan())).unwrap().count, 0);
}

#[test]
fn request_errors_are_not_cancellations() {
    let engine = engine();
    let missing = TransactPut {
        table_name: "nope".into(),
        item: key("a"),
        ..Default::default()
    };
    let error = run(engine.transact_write_items(write(vec![put_action("b", &[]), missing.into()])))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ResourceNotFound);
    assert_eq!(get(&engine, key("b")), None);
    let bad = check_action("a", "attribute_exists(");
    assert_eq!(
        failure(run(engine.transact_write_items(write(vec![bad])))).0,
        ErrorKind::Validation
    );
}

#[test]
fn client_request_token_replays_without_reapplying() {
    let engine = engine();
    put(&engine, item(&[("pk", s("a")), ("balance", n("0"))]));
    let mut input = write(vec![add_action("a", 10, None)]);
    input.client_request_token = Some("token-1".into());
    run(engine.transact_write_items(input.clone())).unwrap();
    run(engine.transact_write_items(input.clone())).unwrap();
    assert_eq!(
        get(&engine, key("a")).unwrap()["balance"],
        n("10"),
        "applied once"
    );

    let mut other = write(vec![add_action("a", 11, None)]);
    other.client_request_token = Some("token-1".into());
    let (kind, _) = failure(run(engine.transact_write_items(other.clone())));
    assert_eq!(kind, ErrorKind::IdempotentParameterMismatch);

    engine.advance_clock(Duration::from_secs(599));
    run(engine.transact_write_items(input.clone())).unwrap();
    assert_eq!(
        get(&engine, key("a")).unwrap()["balance"],
        n("10"),
        "still remembered"
    );
    engine.advance_clock(Duration::from_secs(2));
    run(engine.transact_write_items(other)).unwrap();
    assert_eq!(
        get(&engine, key("a")).unwrap()["balance"],
        n("21"),
        "token expired"
    );
}

#[test]
fn a_cancelled_transaction_forgets_its_token() {
    let engine = engine();
    let mut input = write(vec![
        check_action("a", "attribute_exists(pk)"),
        put_action("b", &[]),
    ]);
    input.client_request_token = Some("t".into());
    assert!(run(engine.transact_write_items(input.clone())).is_err());
    put(&engine, key("a"));
    run(engine.transact_write_items(input)).unwrap();
    assert!(get(&engine, key("b")).is_some());
}

#[test]
fn capacity_is_twice_the_single_item_cost_per_table() {
    let engine = engine();
    let mut input = write(vec![
        put_action("a", &[("v", s(&"x".repeat(1500)))]),
        put_action("b", &[]),
    ]);
    input.return_consumed_capacity = Some(ReturnConsumedCapacity::Total);
    let out = run(engine.transact_write_items(input)).unwrap();
    let consumed = out.consumed_capacity.unwrap();
    assert_eq!(consumed.len(), 1);
    assert_eq!(consumed[0].table_name.as_deref(), Some(TABLE));
    assert_eq!(consumed[0].write_capacity_units, Some(2.0 * (2.0 + 1.0)));
    assert_eq!(consumed[0].capacity_units, Some(2.0 * (2.0 + 1.0)));

    let mut checked = write(vec![
        put_action("c", &[]),
        check_action("b", "attribute_exists(pk)"),
    ]);
    checked.return_consumed_capacity = Some(ReturnConsumedCapacity::Total);
    let out = run(engine.transact_write_items(checked)).unwrap();
    assert_eq!(
        out.consumed_capacity.unwrap()[0].write_capacity_units,
        Some(4.0),
        "a ConditionCheck costs two write units, as a write does"
    );

    let got = run(engine.transact_get_items(TransactGetItemsInput {
        transact_items: vec![get_item("a"), get_item("missing")],
        return_consumed_capacity: Some(ReturnConsumedCapacity::Total),
    }))
    .unwrap();
    assert_eq!(
        got.consumed_capacity.unwrap()[0].read_capacity_units,
        Some(4.0)
    );
}

fn get_item(pk: &str) -> TransactGetItem {
    TransactGet {
        table_name: TABLE.into(),
        key: key(pk),
        ..Default::default()
    }
    .into()
}

#[test]
fn transact_get_returns_items_in_order_with_projection() {
    let engine = engine();
    put(
        &engine,
        item(&[("pk", s("a")), ("v", n("1")), ("w", n("2"))]),
    );
    let projected = TransactGet {
        table_name: TABLE.into(),
        key: key("a"),
        projection_expression: Some("#w".into()),
        expression_attribute_names: Some([("#w".to_owned(), "w".to_owned())].into_iter().collect()),
    };
    let out = run(engine.transact_get_items(TransactGetItemsInput {
        transact_items: vec![get_item("missing"), projected.into()],
        ..Default::default()
    }))
    .unwrap();
    let responses = out.responses.unwrap();
    assert_eq!(responses[0].item, None);
    assert_eq!(responses[1].item, Some(item(&[("w", n("2"))])));
}

#[test]
fn transactions_span_tables() {
    let engine = engine();
    run(engine.create_table(table_input("other", ("id", T::S), None))).unwrap();
    let other = TransactPut {
        table_name: "other".into(),
        item: item(&[("id", s("1"))]),
        ..Default::default()
    };
    let mut input = write(vec![put_action("a", &[]), other.into()]);
    input.return_consumed_capacity = Some(ReturnConsumedCapacity::Total);
    let out = run(engine.transact_write_items(input)).unwrap();
    let tables: Vec<_> = out
        .consumed_capacity
        .unwrap()
        .into_iter()
        .map(|c| c.table_name.unwrap())
        .collect();
    assert_eq!(tables, ["other", TABLE]);
}

/// Money moves between accounts in transactions guarded by balance conditions, from many
/// threads at once, while readers take consistent snapshots: the total never changes and no
/// balance goes negative.
#[test]
fn concurrent_transfers_conserve_money() {
    const ACCOUNTS: usize = 8;
    const START: i64 = 100;
    let engine = engine();
    for a in 0..ACCOUNTS {
        put(
            &engine,
            item(&[
                ("pk", s(&format!("acc{a}"))),
                ("balance", n(&START.to_string())),
            ]),
        );
    }
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let engine = engine.clone();
            thread::spawn(move || {
                let mut committed = 0;
                for i in 0..300usize {
                    let from = (w * 7 + i * 3) % ACCOUNTS;
                    let to = (from + 1 + i % (ACCOUNTS - 1)) % ACCOUNTS;
                    let amount = i64::try_from(1 + (i * 13 + w) % 40).unwrap();
                    let result = run(engine.transact_write_items(
                        write(vec![
                            add_action(&format!("acc{from}"), -amount, Some("balance >= :p")),
                            add_action(&format!("acc{to}"), amount, None),
                        ])
                        .with_positive(amount),
                    ));
                    match result {
                        Ok(_) => committed += 1,
                        Err(e) => assert_eq!(e.kind(), ErrorKind::TransactionCanceled),
                    }
                }
                committed
            })
        })
        .collect();
    let reader = {
        let engine = engine.clone();
        thread::spawn(move || {
            for _ in 0..200 {
                let out = run(engine.transact_get_items(TransactGetItemsInput {
                    transact_items: (0..ACCOUNTS)
                        .map(|a| get_item(&format!("acc{a}")))
                        .collect(),
                    ..Default::default()
                }))
                .unwrap();
                let total: i64 = out
                    .responses
                    .unwrap()
                    .iter()
                    .map(|r| balance(r.item.as_ref().unwrap()))
                    .sum();
                assert_eq!(
                    total,
                    START * ACCOUNTS as i64,
                    "a snapshot saw a torn transfer"
                );
            }
        })
    };
    let committed: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    reader.join().unwrap();
    assert!(committed > 0);
    let items = run(engine.scan(scan())).unwrap().items.unwrap();
    let balances: Vec<i64> = items.iter().map(balance).collect();
    assert!(balances.iter().all(|b| *b >= 0), "{balances:?}");
    assert_eq!(balances.iter().sum::<i64>(), START * ACCOUNTS as i64);
}

fn balance(item: &Item) -> i64 {
    match &item["balance"] {
        dynamodel::AttributeValue::N(number) => number.to_string().parse().unwrap(),
        other => panic!("{other:?}"),
    }
}

/// Adds `:p` (the positive amount) to the first action's values, for its condition.
trait WithPositive {
    fn with_positive(self, amount: i64) -> Self;
}

impl WithPositive for TransactWriteItemsInput {
    fn with_positive(mut self, amount: i64) -> Self {
        if let Some(update) = self
            .transact_items
            .first_mut()
            .and_then(|a| a.update.as_mut())
        {
            update
                .expression_attribute_values
                .get_or_insert_default()
                .insert(":p".into(), n(&amount.to_string()));
        }
        self
    }
}

/// Single-item updates of another attribute run alongside transfers: neither loses the
/// other's writes (a transaction writes whole items, so a torn or stale image would drop
/// either a transfer or an increment).
#[test]
fn transactions_and_single_item_writes_lose_nothing() {
    use dynamodel::model::UpdateItemInput;
    const ACCOUNTS: usize = 4;
    let engine = engine();
    for a in 0..ACCOUNTS {
        put(
            &engine,
            item(&[
                ("pk", s(&format!("acc{a}"))),
                ("balance", n("1000")),
                ("touches", n("0")),
            ]),
        );
    }
    let transfers: Vec<_> = (0..4)
        .map(|w| {
            let engine = engine.clone();
            thread::spawn(move || {
                for i in 0..200usize {
                    let from = (w + i) % ACCOUNTS;
                    let to = (from + 1) % ACCOUNTS;
                    run(engine.transact_write_items(write(vec![
                        add_action(&format!("acc{from}"), -1, None),
                        add_action(&format!("acc{to}"), 1, None),
                    ])))
                    .unwrap();
                }
            })
        })
        .collect();
    let touchers: Vec<_> = (0..4)
        .map(|w| {
            let engine = engine.clone();
            thread::spawn(move || {
                for i in 0..200usize {
                    run(engine.update_item(UpdateItemInput {
                        table_name: TABLE.into(),
                        key: key(&format!("acc{}", (w + i) % ACCOUNTS)),
                        update_expression: Some("ADD touches :one".into()),
                        expression_attribute_values: Some(item(&[(":one", n("1"))])),
                        ..Default::default()
                    }))
                    .unwrap();
                }
            })
        })
        .collect();
    for handle in transfers.into_iter().chain(touchers) {
        handle.join().unwrap();
    }
    let items = run(engine.scan(scan())).unwrap().items.unwrap();
    let total: i64 = items.iter().map(balance).sum();
    let touches: i64 = items
        .iter()
        .map(|i| match &i["touches"] {
            dynamodel::AttributeValue::N(number) => number.to_string().parse::<i64>().unwrap(),
            other => panic!("{other:?}"),
        })
        .sum();
    assert_eq!(total, 1000 * ACCOUNTS as i64);
    assert_eq!(touches, 4 * 200);
}
