//! The same operations on the embedded peer, dynoxide (`dynoxide-rs`): a DynamoDB emulator
//! backed by SQLite, opened in memory (`Database::memory()`) and called in-process through
//! its typed request structs, with no HTTP and no JSON in between.

use std::collections::HashMap;

use dynamodel::{AttributeValue, Item, Table};
use dynoxide::actions::create_table::CreateTableRequest;
use dynoxide::actions::get_item::GetItemRequest;
use dynoxide::actions::put_item::PutItemRequest;
use dynoxide::actions::query::QueryRequest;
use dynoxide::actions::scan::ScanRequest;
use dynoxide::actions::transact_write_items::{
    TransactUpdate, TransactWriteItem, TransactWriteItemsRequest,
};
use dynoxide::actions::update_item::UpdateItemRequest;
use dynoxide::types::{AttributeDefinition, KeySchemaElement, KeyType, ScalarAttributeType};
use dynoxide::{Database, ImportOptions};

use crate::local::{self, ORDER_EXISTS, TOUCH};
use crate::model::{Order, tenant_id};

/// dynoxide's item type.
pub type PeerItem = dynoxide::Item;
/// dynoxide's attribute value.
pub type PeerValue = dynoxide::AttributeValue;

/// A new in-memory dynoxide database with the empty `orders` table, the same schema as
/// [`Order::schema`] (`tenantId` S, `orderId` N, on demand).
pub fn database_with_table() -> Database {
    let db = Database::memory().expect("open an in-memory dynoxide database");
    db.create_table(CreateTableRequest {
        table_name: Order::TABLE_NAME.to_owned(),
        key_schema: vec![
            KeySchemaElement {
                attribute_name: "tenantId".to_owned(),
                key_type: KeyType::HASH,
            },
            KeySchemaElement {
                attribute_name: "orderId".to_owned(),
                key_type: KeyType::RANGE,
            },
        ],
        attribute_definitions: vec![
            AttributeDefinition {
                attribute_name: "tenantId".to_owned(),
                attribute_type: ScalarAttributeType::S,
            },
            AttributeDefinition {
                attribute_name: "orderId".to_owned(),
                attribute_type: ScalarAttributeType::N,
            },
        ],
        billing_mode: Some("PAY_PER_REQUEST".to_owned()),
        ..CreateTableRequest::default()
    })
    .expect("create the orders table in dynoxide");
    db
}

/// A dynoxide database whose `orders` table holds orders `0..n`, loaded with its bulk
/// import (one transaction per 10,000 items) so that filling 10^6 items stays practical.
pub fn filled(n: u64) -> Database {
    let db = database_with_table();
    let mut next = 0;
    while next < n {
        let end = (next + 10_000).min(n);
        let items = (next..end).map(item).collect();
        db.import_items(Order::TABLE_NAME, items, ImportOptions::default())
            .expect("import orders into dynoxide");
        next = end;
    }
    db
}

/// The `index`-th order as a dynoxide item (the same attributes dynamodel stores).
pub fn item(index: u64) -> PeerItem {
    convert_item(&local::item(index))
}

/// PutItem of `item` into `orders`.
pub fn put_request(item: PeerItem) -> PutItemRequest {
    PutItemRequest {
        table_name: Order::TABLE_NAME.to_owned(),
        item,
        ..PutItemRequest::default()
    }
}

/// The primary key of the `index`-th order.
pub fn key(index: u64) -> PeerItem {
    convert_item(&local::key(index))
}

/// GetItem of the `index`-th order.
pub fn get_request(index: u64) -> GetItemRequest {
    GetItemRequest {
        table_name: Order::TABLE_NAME.to_owned(),
        key: key(index),
        ..GetItemRequest::default()
    }
}

/// UpdateItem of the `index`-th order: the same update and condition as
/// [`local::update_input`].
pub fn update_request(index: u64) -> UpdateItemRequest {
    UpdateItemRequest {
        table_name: Order::TABLE_NAME.to_owned(),
        key: key(index),
        update_expression: Some(TOUCH.to_owned()),
        condition_expression: Some(ORDER_EXISTS.to_owned()),
        expression_attribute_values: Some(convert_item(&local::touch_values())),
        ..UpdateItemRequest::default()
    }
}

/// TransactWriteItems of one Update action per (distinct) index: the same actions as
/// [`local::transaction_input`].
pub fn transaction_request(indexes: &[u64]) -> TransactWriteItemsRequest {
    let transact_items = indexes
        .iter()
        .map(|&index| TransactWriteItem {
            update: Some(TransactUpdate {
                table_name: Order::TABLE_NAME.to_owned(),
                key: key(index),
                update_expression: TOUCH.to_owned(),
                condition_expression: Some(ORDER_EXISTS.to_owned()),
                expression_attribute_values: Some(convert_item(&local::touch_values())),
                ..TransactUpdate::default()
            }),
            ..TransactWriteItem::default()
        })
        .collect();
    TransactWriteItemsRequest {
        transact_items,
        ..TransactWriteItemsRequest::default()
    }
}

/// Query of the first `limit` orders of partition `partition`, ascending.
pub fn query_request(partition: u64, limit: usize) -> QueryRequest {
    QueryRequest {
        table_name: Order::TABLE_NAME.to_owned(),
        key_condition_expression: Some("tenantId = :p".to_owned()),
        expression_attribute_values: Some(HashMap::from([(
            ":p".to_owned(),
            PeerValue::S(tenant_id(partition)),
        )])),
        scan_index_forward: true,
        limit: Some(limit),
        ..QueryRequest::default()
    }
}

/// Scans from the start of the table, page by page, until `wanted` items were read or the
/// table ends; returns the number of items read.
pub fn scan(db: &Database, wanted: usize) -> usize {
    let mut read = 0;
    let mut start = None;
    loop {
        let request = ScanRequest {
            table_name: Order::TABLE_NAME.to_owned(),
            limit: Some(wanted - read),
            exclusive_start_key: start.take(),
            ..ScanRequest::default()
        };
        let response = db.scan(request).expect("scan orders in dynoxide");
        read += response.items.map_or(0, |items| items.len());
        match response.last_evaluated_key {
            Some(key) if read < wanted => start = Some(key),
            _ => return read,
        }
    }
}

/// A dynamodel item as a dynoxide item.
pub fn convert_item(item: &Item) -> PeerItem {
    item.iter()
        .map(|(name, value)| (name.clone(), convert_value(value)))
        .collect()
}

fn convert_value(value: &AttributeValue) -> PeerValue {
    match value {
        AttributeValue::S(s) => PeerValue::S(s.clone()),
        AttributeValue::N(n) => PeerValue::N(n.to_string()),
        AttributeValue::B(b) => PeerValue::B(b.clone()),
        AttributeValue::Bool(b) => PeerValue::BOOL(*b),
        AttributeValue::Null => PeerValue::NULL(true),
        AttributeValue::M(map) => PeerValue::M(convert_item(map)),
        AttributeValue::L(list) => PeerValue::L(list.iter().map(convert_value).collect()),
        AttributeValue::Ss(set) => PeerValue::SS(set.clone()),
        AttributeValue::Ns(set) => PeerValue::NS(set.iter().map(ToString::to_string).collect()),
        AttributeValue::Bs(set) => PeerValue::BS(set.clone()),
    }
}

/// A `serde_dynamo` item as a dynoxide item: the glue a program that uses `serde_dynamo`
/// for its models needs to store them in dynoxide.
pub fn from_serde_dynamo(item: HashMap<String, serde_dynamo::AttributeValue>) -> PeerItem {
    item.into_iter()
        .map(|(name, value)| (name, from_serde_value(value)))
        .collect()
}

fn from_serde_value(value: serde_dynamo::AttributeValue) -> PeerValue {
    use serde_dynamo::AttributeValue as V;
    match value {
        V::S(s) => PeerValue::S(s),
        V::N(n) => PeerValue::N(n),
        V::B(b) => PeerValue::B(b),
        V::Bool(b) => PeerValue::BOOL(b),
        V::Null(b) => PeerValue::NULL(b),
        V::M(map) => PeerValue::M(from_serde_dynamo(map)),
        V::L(list) => PeerValue::L(list.into_iter().map(from_serde_value).collect()),
        V::Ss(set) => PeerValue::SS(set),
        V::Ns(set) => PeerValue::NS(set),
        V::Bs(set) => PeerValue::BS(set),
    }
}

/// A dynoxide item as a `serde_dynamo` item (the way back, for typed reads).
pub fn to_serde_dynamo(item: PeerItem) -> HashMap<String, serde_dynamo::AttributeValue> {
    item.into_iter()
        .map(|(name, value)| (name, to_serde_value(value)))
        .collect()
}

fn to_serde_value(value: PeerValue) -> serde_dynamo::AttributeValue {
    use serde_dynamo::AttributeValue as V;
    match value {
        PeerValue::S(s) => V::S(s),
        PeerValue::N(n) => V::N(n),
        PeerValue::B(b) => V::B(b),
        PeerValue::BOOL(b) => V::Bool(b),
        PeerValue::NULL(b) => V::Null(b),
        PeerValue::M(map) => V::M(to_serde_dynamo(map)),
        PeerValue::L(list) => V::L(list.into_iter().map(to_serde_value).collect()),
        PeerValue::SS(set) => V::Ss(set),
        PeerValue::NS(set) => V::Ns(set),
        PeerValue::BS(set) => V::Bs(set),
    }
}
