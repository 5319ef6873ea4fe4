//! Helpers shared by the engine tests.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use dynamodel::model::{
    AttributeDefinition, BillingMode, CreateTableInput, GetItemInput, KeySchemaElement,
    PutItemInput, QueryInput, ScalarAttributeType, ScanInput,
};
use dynamodel::{AttributeValue, Backend, Error, ErrorKind, Item, Number};

use crate::Engine;

/// The table most tests use.
pub(crate) const TABLE: &str = "tbl";

/// Runs an engine future to completion (engine futures never wait on anything).
pub(crate) fn run<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

pub(crate) fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

pub(crate) fn n(text: &str) -> AttributeValue {
    AttributeValue::N(Number::parse(text).unwrap())
}

pub(crate) fn b(bytes: &[u8]) -> AttributeValue {
    AttributeValue::B(bytes.to_vec())
}

pub(crate) fn item(pairs: &[(&str, AttributeValue)]) -> Item {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

/// A CreateTable request for an on-demand table.
pub(crate) fn table_input(
    name: &str,
    hash: (&str, ScalarAttributeType),
    range: Option<(&str, ScalarAttributeType)>,
) -> CreateTableInput {
    let mut definitions = vec![AttributeDefinition::new(hash.0, hash.1)];
    let mut schema = vec![KeySchemaElement::hash(hash.0)];
    if let Some((name, kind)) = range {
        definitions.push(AttributeDefinition::new(name, kind));
        schema.push(KeySchemaElement::range(name));
    }
    CreateTableInput {
        table_name: name.to_owned(),
        attribute_definitions: definitions,
        key_schema: schema,
        billing_mode: Some(BillingMode::PayPerRequest),
        ..Default::default()
    }
}

/// An engine with one table `t` keyed by `pk` (and `sk` when given).
pub(crate) fn engine_with(hash: ScalarAttributeType, range: Option<ScalarAttributeType>) -> Engine {
    let engine = Engine::new();
    run(engine.create_table(table_input(TABLE, ("pk", hash), range.map(|r| ("sk", r))))).unwrap();
    engine
}

pub(crate) fn put(engine: &Engine, item: Item) {
    run(engine.put_item(PutItemInput {
        table_name: TABLE.into(),
        item,
        ..Default::default()
    }))
    .unwrap();
}

pub(crate) fn get(engine: &Engine, key: Item) -> Option<Item> {
    run(engine.get_item(GetItemInput {
        table_name: TABLE.into(),
        key,
        ..Default::default()
    }))
    .unwrap()
    .item
}

/// A Query of table `t` with an expression and values.
pub(crate) fn query(expression: &str, values: &[(&str, AttributeValue)]) -> QueryInput {
    QueryInput {
        table_name: TABLE.into(),
        key_condition_expression: Some(expression.to_owned()),
        expression_attribute_values: (!values.is_empty()).then(|| item(values)),
        ..Default::default()
    }
}

pub(crate) fn scan() -> ScanInput {
    ScanInput {
        table_name: TABLE.into(),
        ..Default::default()
    }
}

/// The error's kind and message.
#[track_caller]
pub(crate) fn failure<T: std::fmt::Debug>(result: Result<T, Error>) -> (ErrorKind, String) {
    let error = result.expect_err("expected an error");
    (error.kind(), error.message().to_owned())
}

/// Asserts a `ValidationException` with exactly `message`.
#[track_caller]
pub(crate) fn assert_validation<T: std::fmt::Debug>(result: Result<T, Error>, message: &str) {
    assert_eq!(failure(result), (ErrorKind::Validation, message.to_owned()));
}

/// The values of attribute `name` in `items`, in order.
pub(crate) fn column(items: &[Item], name: &str) -> Vec<AttributeValue> {
    items
        .iter()
        .map(|i| i.get(name).cloned().unwrap_or(AttributeValue::Null))
        .collect()
}
