//! The five workloads and the data they need, as pre-built request bodies.
//!
//! Bodies are built before the clock starts, so the load generator spends its time on the
//! wire, not on JSON: each worker cycles through its own ring of bodies. Workers touch
//! disjoint items where they write, so transactions never conflict with each other.

use bytes::Bytes;
use serde_json::{Value, json};

/// The table every workload uses.
pub(super) const TABLE: &str = "load";
/// Items in the GetItem key space.
const GET_KEYS: usize = 1_000;
/// Items in the queried partition (one Query returns all of them).
pub(super) const QUERY_ITEMS: usize = 100;
/// Items per worker for the conditional update and the transaction.
const WRITE_KEYS: usize = 100;
/// Request bodies per worker ring.
const RING: usize = 256;

/// One workload: an operation and how it picks its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// PutItem of a 10-attribute item (about 250 bytes).
    Put,
    /// GetItem of one of 1,000 items.
    Get,
    /// Query returning a whole partition of 100 items.
    Query,
    /// UpdateItem `SET n = n + :one` with `attribute_exists(pk)`.
    ConditionalUpdate,
    /// TransactWriteItems with 4 Update actions.
    Transaction,
}

impl Workload {
    /// Every workload, in report order.
    pub const ALL: [Workload; 5] = [
        Workload::Put,
        Workload::Get,
        Workload::Query,
        Workload::ConditionalUpdate,
        Workload::Transaction,
    ];

    /// The name in the report.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Put => "put",
            Workload::Get => "get",
            Workload::Query => "query (100 items)",
            Workload::ConditionalUpdate => "conditional update",
            Workload::Transaction => "4-item transaction",
        }
    }

    /// The DynamoDB operation it sends.
    pub fn operation(self) -> &'static str {
        match self {
            Workload::Put => "PutItem",
            Workload::Get => "GetItem",
            Workload::Query => "Query",
            Workload::ConditionalUpdate => "UpdateItem",
            Workload::Transaction => "TransactWriteItems",
        }
    }

    /// The request bodies worker `worker` cycles through.
    pub fn ring(self, worker: usize) -> Vec<Bytes> {
        (0..RING).map(|i| body(&self.request(worker, i))).collect()
    }

    fn request(self, worker: usize, i: usize) -> Value {
        match self {
            Workload::Put => json!({
                "TableName": TABLE,
                "Item": item(&format!("p{worker}-{}", i % WRITE_KEYS), 0, i),
            }),
            Workload::Get => json!({
                "TableName": TABLE,
                "Key": key(&format!("g{}", (worker * 7919 + i * 31) % GET_KEYS), 0),
            }),
            Workload::Query => json!({
                "TableName": TABLE,
                "KeyConditionExpression": "pk = :pk",
                "ExpressionAttributeValues": {":pk": {"S": "q"}},
            }),
            Workload::ConditionalUpdate => json!({
                "TableName": TABLE,
                "Key": key(&update_key(worker, i), 0),
                "UpdateExpression": "SET n = n + :one",
                "ConditionExpression": "attribute_exists(pk)",
                "ExpressionAttributeValues": {":one": {"N": "1"}},
            }),
            Workload::Transaction => {
                let actions: Vec<Value> = (0..4)
                    .map(|k| {
                        json!({"Update": {
                            "TableName": TABLE,
                            "Key": key(&format!("t{worker}-{}", (i * 4 + k) % WRITE_KEYS), 0),
                            "UpdateExpression": "ADD n :one",
                            "ExpressionAttributeValues": {":one": {"N": "1"}},
                        }})
                    })
                    .collect();
                json!({ "TransactItems": actions })
            }
        }
    }
}

/// The CreateTable request.
pub(super) fn create_table() -> Bytes {
    body(&json!({
        "TableName": TABLE,
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }))
}

/// BatchWriteItem requests that load what the read and update workloads need, for up to
/// `workers` workers.
pub(super) fn preload(workers: usize) -> Vec<Bytes> {
    let gets = (0..GET_KEYS).map(|i| item(&format!("g{i}"), 0, i));
    let query = (0..QUERY_ITEMS).map(|i| item("q", i, i));
    let updates = (0..workers)
        .flat_map(|w| (0..WRITE_KEYS).map(move |i| (w, i)))
        .map(|(w, i)| item(&update_key(w, i), 0, i));
    let items: Vec<Value> = gets.chain(query).chain(updates).collect();
    items
        .chunks(25)
        .map(|chunk| {
            let puts: Vec<Value> = chunk
                .iter()
                .map(|item| json!({"PutRequest": {"Item": item}}))
                .collect();
            body(&json!({"RequestItems": {TABLE: puts}}))
        })
        .collect()
}

/// The ListTables request used to probe whether a server is up.
pub(super) fn list_tables() -> Bytes {
    Bytes::from_static(b"{}")
}

fn update_key(worker: usize, i: usize) -> String {
    format!("u{worker}-{}", i % WRITE_KEYS)
}

fn key(pk: &str, sk: usize) -> Value {
    json!({"pk": {"S": pk}, "sk": {"N": sk.to_string()}})
}

/// A user-profile-like item of about 250 bytes.
fn item(pk: &str, sk: usize, seed: usize) -> Value {
    json!({
        "pk": {"S": pk},
        "sk": {"N": sk.to_string()},
        "n": {"N": "0"},
        "name": {"S": format!("user number {seed}")},
        "email": {"S": format!("user{seed}@example.com")},
        "age": {"N": (20 + seed % 50).to_string()},
        "score": {"N": format!("{}.{}", seed % 1000, seed % 97)},
        "active": {"BOOL": seed.is_multiple_of(2)},
        "tags": {"SS": ["alpha", "beta", format!("t{}", seed % 10)]},
        "address": {"M": {
            "street": {"S": format!("{} Main Street", seed % 500)},
            "city": {"S": "Springfield"},
            "zip": {"S": format!("{:05}", seed % 99_999)},
        }},
        "created": {"S": "2026-01-01T00:00:00Z"},
    })
}

fn body(value: &Value) -> Bytes {
    Bytes::from(value.to_string())
}
