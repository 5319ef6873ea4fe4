//! Transactions, batches and time to live over the JSON 1.0 protocol: the cancellation
//! reasons and the old item reach the wire, and each operation's wire shape.

use bytes::Bytes;
use http::Request;
use serde_json::{Value, json};

use crate::Engine;
use crate::server::DynamoService;

fn call(service: &DynamoService, operation: &str, body: &Value) -> (u16, Value) {
    let request = Request::post("/")
        .header("x-amz-target", format!("DynamoDB_20120810.{operation}"))
        .header("content-type", "application/x-amz-json-1.0")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, \
             SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc",
        )
        .header("x-amz-date", "20250101T000000Z")
        .body(Bytes::from(body.to_string()))
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let response = runtime.block_on(service.handle(request));
    let status = response.status().as_u16();
    (status, serde_json::from_slice(response.body()).unwrap())
}

fn service() -> DynamoService {
    let service = DynamoService::new(Engine::new());
    let (status, body) = call(
        &service,
        "CreateTable",
        &json!({
            "TableName": "tbl",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "BillingMode": "PAY_PER_REQUEST"
        }),
    );
    assert_eq!(status, 200, "{body}");
    service
}

#[test]
fn cancellation_reasons_on_the_wire() {
    let service = service();
    let item = json!({"pk": {"S": "a"}, "v": {"N": "1"}});
    let (status, _) = call(
        &service,
        "PutItem",
        &json!({"TableName": "tbl", "Item": item}),
    );
    assert_eq!(status, 200);
    let (status, body) = call(
        &service,
        "TransactWriteItems",
        &json!({"TransactItems": [
            {"Put": {"TableName": "tbl", "Item": {"pk": {"S": "b"}}}},
            {"ConditionCheck": {
                "TableName": "tbl",
                "Key": {"pk": {"S": "a"}},
                "ConditionExpression": "attribute_not_exists(pk)",
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"
            }}
        ]}),
    );
    assert_eq!(status, 400);
    assert!(
        body["__type"]
            .as_str()
            .unwrap()
            .ends_with("#TransactionCanceledException"),
        "{body}"
    );
    assert_eq!(
        body["CancellationReasons"],
        json!([
            {"Code": "None"},
            // A failed ConditionCheck's reason ends with a full stop (Put, Update and Delete
            // reasons do not).
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed.", "Item": item}
        ]),
        "{body}"
    );
}

#[test]
fn transact_get_on_the_wire() {
    let service = service();
    let item = json!({"pk": {"S": "a"}});
    call(
        &service,
        "PutItem",
        &json!({"TableName": "tbl", "Item": item}),
    );
    let (status, body) = call(
        &service,
        "TransactGetItems",
        &json!({"TransactItems": [
            {"Get": {"TableName": "tbl", "Key": {"pk": {"S": "a"}}}},
            {"Get": {"TableName": "tbl", "Key": {"pk": {"S": "z"}}}}
        ]}),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"Responses": [{"Item": item}, {}]}));
}

#[test]
fn batches_on_the_wire() {
    let service = service();
    let (status, body) = call(
        &service,
        "BatchWriteItem",
        &json!({"RequestItems": {"tbl": [
            {"PutRequest": {"Item": {"pk": {"S": "a"}}}},
            {"DeleteRequest": {"Key": {"pk": {"S": "b"}}}}
        ]}}),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"UnprocessedItems": {}}));
    let (status, body) = call(
        &service,
        "BatchGetItem",
        &json!({"RequestItems": {"tbl": {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "b"}}]}}}),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"Responses": {"tbl": [{"pk": {"S": "a"}}]}, "UnprocessedKeys": {}})
    );
}

#[test]
fn time_to_live_on_the_wire() {
    let service = service();
    let spec = json!({"Enabled": true, "AttributeName": "ttl"});
    let (status, body) = call(
        &service,
        "UpdateTimeToLive",
        &json!({"TableName": "tbl", "TimeToLiveSpecification": spec}),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"TimeToLiveSpecification": spec}));
    let (status, body) = call(&service, "DescribeTimeToLive", &json!({"TableName": "tbl"}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": "ttl"}})
    );
}
