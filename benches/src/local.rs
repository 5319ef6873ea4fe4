//! The operations the benchmarks time, on dynamodel's in-process engine through the raw
//! [`Backend`] port (model types in, model types out: no typed conversion).

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use dynamodel::model::{
    DescribeTableInput, ExpressionAttributeValues, GetItemInput, PutItemInput, QueryInput,
    ScanInput, TransactUpdate, TransactWriteItem, TransactWriteItemsInput, UpdateItemInput,
};
use dynamodel::{AttributeValue, Backend, Item, Number, Table};
use dynamodel_local::Engine;

use crate::model::{Order, PARTITION_SIZE, tenant_id};

/// Runs a future that is ready at its first poll, as every engine future is (the engine
/// does its work synchronously inside the future). No executor, so no executor overhead
/// lands in the figures.
///
/// # Panics
/// If the future is not ready at once.
pub fn now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("an engine future was not ready at its first poll"),
    }
}

/// A new engine with the empty `orders` table: the per-test cost of swapping the engine in.
pub fn engine_with_table() -> Engine {
    let engine = Engine::new();
    now(engine.create_table(Order::schema().create_table_input()))
        .expect("create the orders table");
    engine
}

/// An engine whose `orders` table holds orders `0..n`.
pub fn filled(n: u64) -> Engine {
    let engine = engine_with_table();
    for index in 0..n {
        now(engine.put_item(put_input(item(index)))).expect("put an order");
    }
    engine
}

/// The `index`-th order as an item.
pub fn item(index: u64) -> Item {
    Order::sample(index).to_item().expect("convert an order")
}

/// PutItem of `item` into `orders`.
pub fn put_input(item: Item) -> PutItemInput {
    PutItemInput {
        table_name: Order::TABLE_NAME.to_owned(),
        item,
        ..PutItemInput::default()
    }
}

/// The primary key of the `index`-th order.
pub fn key(index: u64) -> Item {
    Item::from([
        (
            "tenantId".to_owned(),
            AttributeValue::S(tenant_id(index / PARTITION_SIZE)),
        ),
        (
            "orderId".to_owned(),
            AttributeValue::N(Number::from(index % PARTITION_SIZE)),
        ),
    ])
}

/// GetItem of the `index`-th order.
pub fn get_input(index: u64) -> GetItemInput {
    GetItemInput {
        table_name: Order::TABLE_NAME.to_owned(),
        key: key(index),
        ..GetItemInput::default()
    }
}

/// The update the write benchmarks apply to an order: one more millisecond on its
/// `updatedAtMs` (read, add, write back).
pub const TOUCH: &str = "SET updatedAtMs = updatedAtMs + :one";

/// The condition of those updates: the order exists, so they never create an item.
pub const ORDER_EXISTS: &str = "attribute_exists(tenantId)";

/// The values [`TOUCH`] refers to.
pub fn touch_values() -> ExpressionAttributeValues {
    [(":one".to_owned(), AttributeValue::N(Number::from(1u8)))].into()
}

/// UpdateItem of the `index`-th order: [`TOUCH`] if [`ORDER_EXISTS`].
pub fn update_input(index: u64) -> UpdateItemInput {
    UpdateItemInput {
        table_name: Order::TABLE_NAME.to_owned(),
        key: key(index),
        update_expression: Some(TOUCH.to_owned()),
        condition_expression: Some(ORDER_EXISTS.to_owned()),
        expression_attribute_values: Some(touch_values()),
        ..UpdateItemInput::default()
    }
}

/// TransactWriteItems of one Update action per index, each the update of
/// [`update_input`]. The indexes must be distinct (DynamoDB rejects two actions on one
/// item).
pub fn transaction_input(indexes: &[u64]) -> TransactWriteItemsInput {
    let transact_items = indexes
        .iter()
        .map(|&index| TransactWriteItem {
            update: Some(TransactUpdate {
                table_name: Order::TABLE_NAME.to_owned(),
                key: key(index),
                update_expression: TOUCH.to_owned(),
                condition_expression: Some(ORDER_EXISTS.to_owned()),
                expression_attribute_values: Some(touch_values()),
                ..TransactUpdate::default()
            }),
            ..TransactWriteItem::default()
        })
        .collect();
    TransactWriteItemsInput {
        transact_items,
        ..TransactWriteItemsInput::default()
    }
}

/// Query of the first `limit` orders of partition `partition`, ascending.
pub fn query_input(partition: u64, limit: i32) -> QueryInput {
    QueryInput {
        table_name: Order::TABLE_NAME.to_owned(),
        key_condition_expression: Some("tenantId = :p".to_owned()),
        expression_attribute_values: Some(
            [(":p".to_owned(), AttributeValue::S(tenant_id(partition)))].into(),
        ),
        limit: Some(limit),
        ..QueryInput::default()
    }
}

/// Scans from the start of the table, page by page, until `wanted` items were read or the
/// table ends; returns the number of items read.
pub fn scan(engine: &Engine, wanted: usize) -> usize {
    let mut read = 0;
    let mut start = None;
    loop {
        let remaining = i32::try_from(wanted - read).unwrap_or(i32::MAX);
        let input = ScanInput {
            table_name: Order::TABLE_NAME.to_owned(),
            limit: Some(remaining),
            exclusive_start_key: start.take(),
            ..ScanInput::default()
        };
        let output = now(engine.scan(input)).expect("scan orders");
        read += output.items.map_or(0, |items| items.len());
        match output.last_evaluated_key {
            Some(key) if read < wanted => start = Some(key),
            _ => return read,
        }
    }
}

/// The `orders` table's size as DynamoDB counts it (the sum of its items' sizes) and its
/// item count, from DescribeTable.
pub fn table_size(engine: &Engine) -> (u64, u64) {
    let input = DescribeTableInput {
        table_name: Order::TABLE_NAME.to_owned(),
    };
    let table = now(engine.describe_table(input))
        .expect("describe orders")
        .table
        .unwrap_or_default();
    let bytes = table
        .table_size_bytes
        .and_then(|b| u64::try_from(b).ok())
        .unwrap_or(0);
    let count = table
        .item_count
        .and_then(|c| u64::try_from(c).ok())
        .unwrap_or(0);
    (bytes, count)
}
