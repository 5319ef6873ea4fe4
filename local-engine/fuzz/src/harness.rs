//! What the fuzz targets do with one input, shared with the corpus replay test of
//! `dynamodel-local` (`local-engine/src/tests/fuzz_corpus.rs` includes this file with
//! `#[path]`), so `cargo test` runs every corpus file through exactly the fuzzed code paths.
//!
//! Everything goes through the public `Backend` API of an `Engine` (the parent module brings
//! `Engine` into scope). Only a panic is a failure, plus a few invariants no request may break:
//! stored items keep their key, hold no empty set, and survive a JSON round trip; and every
//! decoded request survives a JSON round trip.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use dynamodel::model::{
    AttributeDefinition, BatchGetItemInput, BatchGetItemOutput, BatchWriteItemInput,
    BatchWriteItemOutput, BillingMode, CreateTableInput, CreateTableOutput, DeleteItemInput,
    DeleteItemOutput, DeleteTableInput, DeleteTableOutput, DescribeTableInput, DescribeTableOutput,
    DescribeTimeToLiveInput, DescribeTimeToLiveOutput, GetItemInput, GetItemOutput,
    KeySchemaElement, KeysAndAttributes, ListTablesInput, ListTablesOutput, PutItemInput,
    PutItemOutput, QueryInput, QueryOutput, ReturnValue, ReturnValuesOnConditionCheckFailure,
    ScalarAttributeType, ScanInput, ScanOutput, Select, TransactConditionCheck, TransactGet,
    TransactGetItemsInput, TransactGetItemsOutput, TransactPut, TransactUpdate,
    TransactWriteItemsInput, TransactWriteItemsOutput, UpdateItemInput, UpdateItemOutput,
    UpdateTimeToLiveInput, UpdateTimeToLiveOutput,
};
use dynamodel::{AttributeValue, Backend, Item, Number};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Engine;

/// The fixture table: partition key `pk` (S), sort key `sk` (N).
pub const TABLE: &str = "fuzz";

/// Runs an engine future to completion (engine futures never wait on anything).
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

fn n(text: &str) -> AttributeValue {
    AttributeValue::N(Number::parse(text).expect("fixture numbers parse"))
}

fn item(pairs: Vec<(&str, AttributeValue)>) -> Item {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn key(pk: &str, sk: &str) -> Item {
    item(vec![("pk", s(pk)), ("sk", n(sk))])
}

/// The small fixed item every expression runs against: every type, nesting, a reserved word
/// (`name`) and a name with a dot (`a.b`) as attribute names.
pub fn fixture_item() -> Item {
    item(vec![
        ("pk", s("p")),
        ("sk", n("1")),
        ("s", s("text")),
        ("e", s("")),
        ("n", n("5")),
        ("f", n("-1.5e-3")),
        ("b", AttributeValue::B(vec![0, 1, 2])),
        ("t", AttributeValue::Bool(true)),
        ("z", AttributeValue::Null),
        (
            "l",
            AttributeValue::L(vec![
                s("l0"),
                n("1"),
                AttributeValue::L(vec![n("2")]),
                AttributeValue::M(item(vec![("x", s("y"))])),
            ]),
        ),
        (
            "m",
            AttributeValue::M(item(vec![
                ("k", s("v")),
                ("mm", AttributeValue::M(item(vec![("z", n("1"))]))),
                ("ml", AttributeValue::L(vec![n("1"), n("2")])),
            ])),
        ),
        ("ss", AttributeValue::Ss(vec!["a".into(), "b".into()])),
        (
            "ns",
            AttributeValue::Ns(vec![
                Number::parse("1").expect("fixture numbers parse"),
                Number::parse("2").expect("fixture numbers parse"),
            ]),
        ),
        ("bs", AttributeValue::Bs(vec![vec![0], vec![1, 2]])),
        ("name", s("reserved")),
        ("a.b", s("dotted")),
    ])
}

/// A fresh engine with the fixture table and three items: the fixture item at (p, 1), a small
/// one at (p, 2) and a bare key at (q, 1).
pub fn fixture() -> Engine {
    let engine = Engine::new();
    block_on(engine.create_table(CreateTableInput {
        table_name: TABLE.to_owned(),
        attribute_definitions: vec![
            AttributeDefinition::new("pk", ScalarAttributeType::S),
            AttributeDefinition::new("sk", ScalarAttributeType::N),
        ],
        key_schema: vec![KeySchemaElement::hash("pk"), KeySchemaElement::range("sk")],
        billing_mode: Some(BillingMode::PayPerRequest),
        ..Default::default()
    }))
    .expect("the fixture table is created");
    let mut second = key("p", "2");
    second.insert("n".into(), n("-1.5"));
    second.insert("s".into(), s("zz"));
    for stored in [fixture_item(), second, key("q", "1")] {
        block_on(engine.put_item(PutItemInput {
            table_name: TABLE.to_owned(),
            item: stored,
            ..Default::default()
        }))
        .expect("the fixture items are stored");
    }
    engine
}

// ---------------------------------------------------------------------------------------------
// Target `expressions`
// ---------------------------------------------------------------------------------------------

/// A request's `ExpressionAttributeNames` and `ExpressionAttributeValues`.
type RequestMaps = (
    Option<BTreeMap<String, String>>,
    Option<BTreeMap<String, AttributeValue>>,
);

/// The placeholders of one expression input.
#[derive(Clone, Debug, Default)]
pub struct Placeholders {
    /// `#name` → attribute name.
    pub names: BTreeMap<String, String>,
    /// `:value` → value.
    pub values: BTreeMap<String, AttributeValue>,
}

impl Placeholders {
    /// Only the placeholders some text of the request mentions (so most requests get past
    /// DynamoDB's "unused placeholder" check to evaluation), as the request's optional maps.
    fn mentioned_in(&self, texts: &[&str]) -> RequestMaps {
        let mentioned =
            |placeholder: &String| texts.iter().any(|t| t.contains(placeholder.as_str()));
        let names: BTreeMap<_, _> = self
            .names
            .iter()
            .filter(|(k, _)| mentioned(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let values: BTreeMap<_, _> = self
            .values
            .iter()
            .filter(|(k, _)| mentioned(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        (
            (!names.is_empty()).then_some(names),
            (!values.is_empty()).then_some(values),
        )
    }

    /// All of them, unused ones included (empty maps stay empty maps: DynamoDB rejects those).
    fn all(&self) -> RequestMaps {
        (Some(self.names.clone()), Some(self.values.clone()))
    }
}

/// A placeholder value written in a definition line: wire JSON (`{"S":"x"}`), `true`,
/// `false`, `null`, a number, or else the text itself as a string.
pub fn parse_value(text: &str) -> AttributeValue {
    if text.starts_with('{') {
        if let Ok(value) = serde_json::from_str::<AttributeValue>(text) {
            return value;
        }
    }
    match text {
        "true" => AttributeValue::Bool(true),
        "false" => AttributeValue::Bool(false),
        "null" => AttributeValue::Null,
        _ => match Number::parse(text) {
            Ok(number) => AttributeValue::N(number),
            Err(_) => AttributeValue::S(text.to_owned()),
        },
    }
}

/// Splits an `expressions` input: the text before the first NUL byte is the expression; after
/// it, one definition a line, `#name=attribute` or `:value=<value>` (see [`parse_value`]).
/// Other lines are ignored. Invalid UTF-8 is replaced, not rejected.
pub fn split_expression_input(data: &[u8]) -> (String, Placeholders) {
    let text = String::from_utf8_lossy(data);
    let (expression, definitions) = match text.split_once('\0') {
        Some((expression, definitions)) => (expression, definitions),
        None => (text.as_ref(), ""),
    };
    let mut placeholders = Placeholders::default();
    for line in definitions.lines() {
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        if name.starts_with('#') {
            placeholders.names.insert(name.to_owned(), value.to_owned());
        } else if name.starts_with(':') {
            placeholders
                .values
                .insert(name.to_owned(), parse_value(value));
        }
    }
    (expression.to_owned(), placeholders)
}

/// `ReturnValues` for an input, varied by its length.
fn return_value(selector: usize) -> ReturnValue {
    match selector % 5 {
        0 => ReturnValue::None,
        1 => ReturnValue::AllOld,
        2 => ReturnValue::UpdatedOld,
        3 => ReturnValue::AllNew,
        _ => ReturnValue::UpdatedNew,
    }
}

/// Target `expressions`: the text as every expression kind the engine has, on the fixture
/// table, through PutItem, DeleteItem, UpdateItem, GetItem, Query and Scan.
pub fn expressions(data: &[u8]) {
    let (text, placeholders) = split_expression_input(data);
    let expr = text.as_str();
    let engine = fixture();
    let returns = return_value(data.len());
    // The partition key value for the requests whose key condition is fixed.
    let mut with_pk = placeholders.clone();
    with_pk
        .values
        .entry(":pk".to_owned())
        .or_insert_with(|| s("p"));

    // Condition expressions.
    let (names, values) = placeholders.mentioned_in(&[expr]);
    let mut replacement = fixture_item();
    replacement.insert("put".into(), AttributeValue::Bool(true));
    let _ = block_on(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item: replacement,
        condition_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        expression_attribute_values: values.clone(),
        return_values: Some(ReturnValue::AllOld),
        return_values_on_condition_check_failure: Some(ReturnValuesOnConditionCheckFailure::AllOld),
        ..Default::default()
    }));
    let _ = block_on(engine.delete_item(DeleteItemInput {
        table_name: TABLE.into(),
        key: key("p", "2"),
        condition_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        expression_attribute_values: values.clone(),
        return_values: Some(ReturnValue::AllOld),
        return_values_on_condition_check_failure: Some(ReturnValuesOnConditionCheckFailure::AllOld),
        ..Default::default()
    }));
    let touch = "SET #fuzz_touched = :fuzz_touched";
    let (names_c, values_c) = placeholders.mentioned_in(&[expr]);
    let mut names_c = names_c.unwrap_or_default();
    names_c.insert("#fuzz_touched".into(), "touched".into());
    let mut values_c = values_c.unwrap_or_default();
    values_c.insert(":fuzz_touched".into(), n("1"));
    let _ = block_on(engine.update_item(UpdateItemInput {
        table_name: TABLE.into(),
        key: key("p", "1"),
        update_expression: Some(touch.into()),
        condition_expression: Some(text.clone()),
        expression_attribute_names: Some(names_c),
        expression_attribute_values: Some(values_c),
        return_values: Some(returns.clone()),
        return_values_on_condition_check_failure: Some(ReturnValuesOnConditionCheckFailure::AllOld),
        ..Default::default()
    }));

    // Update expressions: on the fixture item, and on a missing item (which may create it).
    for (pk, sk) in [("p", "1"), ("p", "3")] {
        let result = block_on(engine.update_item(UpdateItemInput {
            table_name: TABLE.into(),
            key: key(pk, sk),
            update_expression: Some(text.clone()),
            expression_attribute_names: names.clone(),
            expression_attribute_values: values.clone(),
            return_values: Some(ReturnValue::AllNew),
            ..Default::default()
        }));
        if let Ok(output) = result {
            if let Some(new) = &output.attributes {
                check_stored_item(new);
                assert_eq!(new.get("pk"), Some(&s(pk)), "UpdateItem changed the key");
                assert_eq!(new.get("sk"), Some(&n(sk)), "UpdateItem changed the key");
            }
        }
    }
    let _ = block_on(engine.update_item(UpdateItemInput {
        table_name: TABLE.into(),
        key: key("q", "1"),
        update_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        expression_attribute_values: values.clone(),
        return_values: Some(returns),
        ..Default::default()
    }));

    // Key conditions.
    let _ = block_on(engine.query(QueryInput {
        table_name: TABLE.into(),
        key_condition_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        expression_attribute_values: values.clone(),
        ..Default::default()
    }));
    let _ = block_on(engine.query(QueryInput {
        table_name: TABLE.into(),
        key_condition_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        expression_attribute_values: values.clone(),
        scan_index_forward: Some(false),
        limit: Some(1),
        select: Some(Select::Count),
        ..Default::default()
    }));

    // Filter expressions.
    let fixed_key = "pk = :pk";
    let (names_q, values_q) = with_pk.mentioned_in(&[fixed_key, expr]);
    let _ = block_on(engine.query(QueryInput {
        table_name: TABLE.into(),
        key_condition_expression: Some(fixed_key.into()),
        filter_expression: Some(text.clone()),
        expression_attribute_names: names_q.clone(),
        expression_attribute_values: values_q.clone(),
        scan_index_forward: Some(false),
        ..Default::default()
    }));
    let _ = block_on(engine.scan(ScanInput {
        table_name: TABLE.into(),
        filter_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        expression_attribute_values: values.clone(),
        ..Default::default()
    }));
    let (all_names, all_values) = placeholders.all();
    let _ = block_on(engine.scan(ScanInput {
        table_name: TABLE.into(),
        filter_expression: Some(text.clone()),
        expression_attribute_names: all_names,
        expression_attribute_values: all_values,
        limit: Some(2),
        ..Default::default()
    }));

    // Projection expressions (they take names only).
    let _ = block_on(engine.get_item(GetItemInput {
        table_name: TABLE.into(),
        key: key("p", "1"),
        projection_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        ..Default::default()
    }));
    let _ = block_on(
        engine.query(QueryInput {
            table_name: TABLE.into(),
            key_condition_expression: Some(fixed_key.into()),
            projection_expression: Some(text.clone()),
            expression_attribute_names: names_q,
            expression_attribute_values: Some(
                values_q
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(k, _)| k == ":pk")
                    .collect(),
            ),
            ..Default::default()
        }),
    );
    let _ = block_on(engine.scan(ScanInput {
        table_name: TABLE.into(),
        projection_expression: Some(text.clone()),
        filter_expression: Some(text.clone()),
        expression_attribute_names: names.clone(),
        expression_attribute_values: values.clone(),
        ..Default::default()
    }));

    // The same texts inside transactions and batches.
    let _ = block_on(engine.transact_write_items(TransactWriteItemsInput {
        transact_items: vec![
            TransactConditionCheck {
                table_name: TABLE.into(),
                key: key("p", "1"),
                condition_expression: text.clone(),
                expression_attribute_names: names.clone(),
                expression_attribute_values: values.clone(),
                return_values_on_condition_check_failure: Some(
                    ReturnValuesOnConditionCheckFailure::AllOld,
                ),
            }
            .into(),
            TransactPut {
                table_name: TABLE.into(),
                item: key("p", "5"),
                ..Default::default()
            }
            .into(),
        ],
        ..Default::default()
    }));
    let _ = block_on(engine.transact_write_items(TransactWriteItemsInput {
        transact_items: vec![
            TransactUpdate {
                table_name: TABLE.into(),
                key: key("p", "1"),
                update_expression: text.clone(),
                expression_attribute_names: names.clone(),
                expression_attribute_values: values.clone(),
                ..Default::default()
            }
            .into(),
        ],
        ..Default::default()
    }));
    let _ = block_on(engine.transact_get_items(TransactGetItemsInput {
        transact_items: vec![
            TransactGet {
                table_name: TABLE.into(),
                key: key("p", "1"),
                projection_expression: Some(text.clone()),
                expression_attribute_names: names.clone(),
            }
            .into(),
        ],
        ..Default::default()
    }));
    let _ = block_on(
        engine.batch_get_item(BatchGetItemInput {
            request_items: [(
                TABLE.to_owned(),
                KeysAndAttributes {
                    keys: vec![key("p", "1"), key("q", "1")],
                    projection_expression: Some(text),
                    expression_attribute_names: names,
                    ..Default::default()
                },
            )]
            .into_iter()
            .collect(),
            ..Default::default()
        }),
    );

    check_table(&engine);
}

// ---------------------------------------------------------------------------------------------
// Target `wire`
// ---------------------------------------------------------------------------------------------

/// Decodes `data` as `T`; a value that decodes must encode and decode back to itself.
fn decode<T>(data: &[u8]) -> Option<T>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let value = serde_json::from_slice::<T>(data).ok()?;
    let json = serde_json::to_vec(&value).expect("a decoded value encodes");
    let again = serde_json::from_slice::<T>(&json);
    match again {
        Ok(again) => assert_eq!(again, value, "JSON round trip changed the value"),
        Err(error) => panic!(
            "the encoding of a decoded value does not decode: {error}: {}",
            String::from_utf8_lossy(&json)
        ),
    }
    Some(value)
}

/// Decodes `data` as `T` only to see that decoding never panics.
fn decode_only<T: DeserializeOwned>(data: &[u8]) {
    let _ = serde_json::from_slice::<T>(data);
}

/// Target `wire`: the bytes as JSON into every operation's request (and response) type and
/// into `AttributeValue` and `Item`; what decodes is handed to an engine with the fixture
/// table.
pub fn wire(data: &[u8]) {
    let engine = fixture();
    if let Some(value) = decode::<AttributeValue>(data) {
        let mut stored = key("p", "9");
        stored.insert("v".into(), value);
        let _ = block_on(engine.put_item(PutItemInput {
            table_name: TABLE.into(),
            item: stored,
            ..Default::default()
        }));
    }
    if let Some(mut stored) = decode::<Item>(data) {
        let _ = block_on(engine.put_item(PutItemInput {
            table_name: TABLE.into(),
            item: stored.clone(),
            ..Default::default()
        }));
        // The same attributes under a valid key.
        stored.extend(key("p", "8"));
        let _ = block_on(engine.put_item(PutItemInput {
            table_name: TABLE.into(),
            item: stored,
            ..Default::default()
        }));
    }

    decode_only::<CreateTableOutput>(data);
    decode_only::<DeleteTableOutput>(data);
    decode_only::<DescribeTableOutput>(data);
    decode_only::<ListTablesOutput>(data);
    decode_only::<PutItemOutput>(data);
    decode_only::<GetItemOutput>(data);
    decode_only::<DeleteItemOutput>(data);
    decode_only::<UpdateItemOutput>(data);
    decode_only::<QueryOutput>(data);
    decode_only::<ScanOutput>(data);
    decode_only::<TransactWriteItemsOutput>(data);
    decode_only::<TransactGetItemsOutput>(data);
    decode_only::<BatchWriteItemOutput>(data);
    decode_only::<BatchGetItemOutput>(data);
    decode_only::<UpdateTimeToLiveOutput>(data);
    decode_only::<DescribeTimeToLiveOutput>(data);

    if let Some(input) = decode::<CreateTableInput>(data) {
        let name = input.table_name.clone();
        if block_on(engine.create_table(input)).is_ok() {
            let _ = block_on(engine.describe_table(DescribeTableInput { table_name: name }));
        }
    }
    if let Some(input) = decode::<DescribeTableInput>(data) {
        let _ = block_on(engine.describe_table(input));
    }
    if let Some(input) = decode::<ListTablesInput>(data) {
        let _ = block_on(engine.list_tables(input));
    }
    if let Some(input) = decode::<PutItemInput>(data) {
        let _ = block_on(engine.put_item(input));
    }
    if let Some(input) = decode::<GetItemInput>(data) {
        let _ = block_on(engine.get_item(input));
    }
    if let Some(input) = decode::<UpdateItemInput>(data) {
        let _ = block_on(engine.update_item(input));
    }
    if let Some(input) = decode::<QueryInput>(data) {
        let _ = block_on(engine.query(input));
    }
    if let Some(input) = decode::<ScanInput>(data) {
        let _ = block_on(engine.scan(input));
    }
    if let Some(input) = decode::<DeleteItemInput>(data) {
        let _ = block_on(engine.delete_item(input));
    }
    if let Some(input) = decode::<TransactWriteItemsInput>(data) {
        let _ = block_on(engine.transact_write_items(input));
    }
    if let Some(input) = decode::<TransactGetItemsInput>(data) {
        let _ = block_on(engine.transact_get_items(input));
    }
    if let Some(input) = decode::<BatchWriteItemInput>(data) {
        let _ = block_on(engine.batch_write_item(input));
    }
    if let Some(input) = decode::<BatchGetItemInput>(data) {
        let _ = block_on(engine.batch_get_item(input));
    }
    if let Some(input) = decode::<UpdateTimeToLiveInput>(data) {
        let _ = block_on(engine.update_time_to_live(input));
    }
    if let Some(input) = decode::<DescribeTimeToLiveInput>(data) {
        let _ = block_on(engine.describe_time_to_live(input));
    }
    check_table(&engine);
    if let Some(input) = decode::<DeleteTableInput>(data) {
        let _ = block_on(engine.delete_table(input));
    }
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

/// Every item of the fixture table keeps its key types, holds no empty set, and survives a
/// JSON round trip.
fn check_table(engine: &Engine) {
    let Ok(scan) = block_on(engine.scan(ScanInput {
        table_name: TABLE.into(),
        ..Default::default()
    })) else {
        return;
    };
    for stored in scan.items.unwrap_or_default() {
        assert!(
            matches!(stored.get("pk"), Some(AttributeValue::S(_))),
            "stored item without its partition key: {stored:?}"
        );
        assert!(
            matches!(stored.get("sk"), Some(AttributeValue::N(_))),
            "stored item without its sort key: {stored:?}"
        );
        check_stored_item(&stored);
    }
}

/// An item as the engine returns it: no empty set anywhere, and a JSON round trip keeps it.
fn check_stored_item(stored: &Item) {
    for value in stored.values() {
        check_value(value);
    }
    let json = serde_json::to_vec(stored).expect("a stored item encodes");
    let again: Item = serde_json::from_slice(&json).expect("a stored item's encoding decodes");
    assert_eq!(&again, stored, "JSON round trip changed a stored item");
}

fn check_value(value: &AttributeValue) {
    match value {
        AttributeValue::Ss(set) => assert!(!set.is_empty(), "empty string set stored"),
        AttributeValue::Ns(set) => assert!(!set.is_empty(), "empty number set stored"),
        AttributeValue::Bs(set) => assert!(!set.is_empty(), "empty binary set stored"),
        AttributeValue::L(list) => list.iter().for_each(check_value),
        AttributeValue::M(map) => map.values().for_each(check_value),
        _ => {}
    }
}
