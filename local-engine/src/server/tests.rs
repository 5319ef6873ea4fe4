//! The protocol through `DynamoService::handle` (no socket), and one real-socket round trip.

use bytes::Bytes;
use dynamodel::{AttributeValue, CancellationReason, Error, Item};
use http::{Request, Response, StatusCode};
use serde_json::{Value, json};

use super::errors::WireError;
use super::{DynamoService, Server};
use crate::Engine;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn request(target: &str, body: &str) -> Request<Bytes> {
    Request::post("/")
        .header("x-amz-target", target)
        .header("content-type", "application/x-amz-json-1.0")
        // What every SDK sends; never checked.
        .header("authorization", "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc")
        .header("x-amz-date", "20250101T000000Z")
        .body(Bytes::from(body.to_owned()))
        .unwrap()
}

fn call(service: &DynamoService, operation: &str, body: &str) -> Response<Bytes> {
    runtime().block_on(service.handle(request(&format!("DynamoDB_20120810.{operation}"), body)))
}

fn json_of(response: &Response<Bytes>) -> Value {
    serde_json::from_slice(response.body()).unwrap_or_else(|e| panic!("{e}: {:?}", response.body()))
}

/// Asserts a 400 with `__type` ending in `#exception` and the given message member.
fn assert_error(response: &Response<Bytes>, exception: &str, message: Option<&str>) {
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "{:?}",
        response.body()
    );
    let body = json_of(response);
    let kind = body["__type"].as_str().unwrap();
    assert!(kind.ends_with(&format!("#{exception}")), "{body}");
    let sent = body
        .get("message")
        .or_else(|| body.get("Message"))
        .and_then(Value::as_str);
    assert_eq!(sent, message, "{body}");
}

fn with_table() -> DynamoService {
    let service = DynamoService::new(Engine::new());
    let created = call(
        &service,
        "CreateTable",
        r#"{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
            "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}"#,
    );
    assert_eq!(created.status(), StatusCode::OK, "{:?}", created.body());
    service
}

#[test]
fn a_request_gets_json_with_crc32_and_a_request_id() {
    let service = DynamoService::new(Engine::new());
    let response = call(&service, "ListTables", "{}");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.body().as_ref(), br#"{"TableNames":[]}"#);
    let headers = response.headers();
    assert_eq!(headers["content-type"], "application/x-amz-json-1.0");
    let crc: u32 = headers["x-amz-crc32"].to_str().unwrap().parse().unwrap();
    assert_eq!(crc, crc32fast::hash(response.body()));
    let id = headers["x-amzn-requestid"].to_str().unwrap().to_owned();
    assert_eq!(id.len(), 52);
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
        "{id}"
    );
    let next = call(&service, "ListTables", "{}");
    assert_ne!(next.headers()["x-amzn-requestid"].to_str().unwrap(), id);
}

#[test]
fn items_round_trip_with_every_type_and_normalized_numbers() {
    let service = with_table();
    let item = r#"{"pk":{"S":"k"},"n":{"N":"1.50"},"b":{"B":"AAE="},"bool":{"BOOL":false},"null":{"NULL":true},
        "m":{"M":{"e":{"S":""}}},"l":{"L":[{"N":"1e2"},{"B":""}]},"ss":{"SS":["a"]},"ns":{"NS":["0.10"]},"bs":{"BS":["/w=="]}}"#;
    let put = call(
        &service,
        "PutItem",
        &format!(r#"{{"TableName":"tbl","Item":{item}}}"#),
    );
    assert_eq!(
        (put.status(), put.body().as_ref()),
        (StatusCode::OK, b"{}".as_ref())
    );
    let got = call(
        &service,
        "GetItem",
        r#"{"TableName":"tbl","Key":{"pk":{"S":"k"}},"ConsistentRead":true}"#,
    );
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(
        json_of(&got),
        json!({"Item": {"pk":{"S":"k"},"n":{"N":"1.5"},"b":{"B":"AAE="},"bool":{"BOOL":false},"null":{"NULL":true},
            "m":{"M":{"e":{"S":""}}},"l":{"L":[{"N":"100"},{"B":""}]},"ss":{"SS":["a"]},"ns":{"NS":["0.1"]},"bs":{"BS":["/w=="]}}})
    );
}

#[test]
fn engine_errors_keep_dynamodbs_names_and_messages() {
    let service = DynamoService::new(Engine::new());
    let response = call(&service, "DescribeTable", r#"{"TableName":"missing"}"#);
    assert_error(
        &response,
        "ResourceNotFoundException",
        Some("Requested resource not found: Table: missing not found"),
    );
    assert_eq!(
        json_of(&response)["__type"],
        "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
    );
    let service = with_table();
    let response = call(
        &service,
        "PutItem",
        r#"{"TableName":"tbl","Item":{"pk":{"N":"1"}}}"#,
    );
    assert_error(
        &response,
        "ValidationException",
        Some(
            "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
        ),
    );
    assert_eq!(
        json_of(&response)["__type"],
        "com.amazon.coral.validate#ValidationException"
    );
}

#[test]
fn bodies_that_are_not_json_are_serialization_exceptions() {
    let service = with_table();
    for body in [
        "",
        "{",
        "not json",
        r#"{"TableName":"tbl"} trailing"#,
        "[1,",
    ] {
        let response = call(&service, "GetItem", body);
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            response.body().as_ref(),
            br#"{"__type":"com.amazon.coral.service#SerializationException"}"#,
            "{body}"
        );
    }
}

#[test]
fn members_of_the_wrong_json_type_are_serialization_exceptions() {
    let service = with_table();
    let cases = [
        (
            "GetItem",
            r#"{"TableName":1,"Key":{}}"#,
            "NUMBER_VALUE cannot be converted to String",
        ),
        (
            "GetItem",
            r#"{"TableName":true,"Key":{}}"#,
            "TRUE_VALUE cannot be converted to String",
        ),
        (
            "GetItem",
            r#"{"TableName":{},"Key":{}}"#,
            "Start of structure or map found where not expected.",
        ),
        (
            "GetItem",
            r#"{"TableName":["t"],"Key":{}}"#,
            "Start of list found where not expected",
        ),
        (
            "GetItem",
            r#"{"TableName":"tbl","Key":{"pk":{"S":"k"}},"ConsistentRead":"yes"}"#,
            "STRING_VALUE cannot be converted to Boolean",
        ),
        (
            "ListTables",
            r#"{"Limit":"10"}"#,
            "STRING_VALUE cannot be converted to Integer",
        ),
        (
            "GetItem",
            r#"{"TableName":"tbl","Key":{"pk":{"N":5}}}"#,
            "NUMBER_VALUE cannot be converted to String",
        ),
        (
            "GetItem",
            r#"{"TableName":"tbl","Key":{"pk":{"B":false}}}"#,
            "FALSE_VALUE cannot be converted to Blob",
        ),
        (
            "GetItem",
            r#"{"TableName":"tbl","Key":{"pk":"k"}}"#,
            "Expected null",
        ),
        (
            "GetItem",
            r#"{"TableName":"tbl","Key":[]}"#,
            "Start of list found where not expected",
        ),
        (
            "PutItem",
            r#"{"TableName":"tbl","Item":{"pk":{"S":"k"},"l":{"L":{}}}}"#,
            "Start of structure or map found where not expected.",
        ),
        (
            "PutItem",
            r#"{"TableName":"tbl","Item":{"pk":{"S":"k"},"l":{"L":"x"}}}"#,
            "Expected list or null",
        ),
        (
            "PutItem",
            r#"{"TableName":"tbl","Item":{"pk":{"S":"k"},"m":{"M":1}}}"#,
            "Expected map or null",
        ),
        ("GetItem", "[]", "Start of list found where not expected"),
    ];
    for (operation, body, message) in cases {
        let response = call(&service, operation, body);
        assert_error(&response, "SerializationException", Some(message));
        let json = json_of(&response);
        assert_eq!(
            json["__type"],
            "com.amazon.coral.service#SerializationException"
        );
        assert!(
            json.get("Message").is_some(),
            "protocol errors spell the member `Message`: {json}"
        );
    }
}

#[test]
fn malformed_attribute_values_are_validation_exceptions() {
    let service = with_table();
    let put = |value: &str| {
        call(
            &service,
            "PutItem",
            &format!(r#"{{"TableName":"tbl","Item":{{"pk":{{"S":"k"}},"a":{value}}}}}"#),
        )
    };
    let cases = [
        (r#"{"B":"!!"}"#, "Invalid Base64 value"),
        (r#"{"BS":["AAE=","%%%%"]}"#, "Invalid Base64 value"),
        (
            r#"{"NULL":false}"#,
            "One or more parameter values were invalid: Null attribute value types must have the value of true",
        ),
        (
            "{}",
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
        ),
        (
            r#"{"X":"1"}"#,
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
        ),
        (
            r#"{"S":"a","N":"1"}"#,
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
        ),
        (
            r#"{"N":"abc"}"#,
            "A value provided cannot be converted into a number",
        ),
        (
            r#"{"N":""}"#,
            "A value provided cannot be converted into a number",
        ),
        (
            r#"{"NS":["1","x"]}"#,
            "A value provided cannot be converted into a number",
        ),
        (
            r#"{"N":"123456789012345678901234567890123456789"}"#,
            "Attempting to store more than 38 significant digits in a Number",
        ),
        (
            r#"{"N":"1e126"}"#,
            "Number overflow. Attempting to store a number with magnitude larger than supported range",
        ),
        (
            r#"{"N":"1e-131"}"#,
            "Number underflow. Attempting to store a number with magnitude smaller than supported range",
        ),
    ];
    for (value, message) in cases {
        let response = put(value);
        assert_error(&response, "ValidationException", Some(message));
        assert_eq!(
            json_of(&response)["__type"],
            "com.amazon.coral.validate#ValidationException",
            "{value}"
        );
    }
    let response = call(&service, "GetItem", r#"{"Key":{"pk":{"S":"k"}}}"#);
    assert_error(
        &response,
        "ValidationException",
        Some(
            "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
        ),
    );
}

#[test]
fn malformed_expression_values_name_their_placeholder() {
    // DynamoDB (dynalite pins these texts) and DynamoDB Local name the placeholder of a value
    // that does not decode, in the operation's layer, after checking the maps' keys.
    let service = with_table();
    let scan = |values: &str, names: &str| {
        call(
            &service,
            "Scan",
            &format!(
                r#"{{"TableName":"tbl","FilterExpression":"a = :v","ExpressionAttributeValues":{values}{names}}}"#
            ),
        )
    };
    let invalid =
        |why: &str| format!("ExpressionAttributeValues contains invalid value: {why} for key :v");
    let cases = [
        (
            r#"{":v":{}}"#,
            invalid(
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            ),
        ),
        (
            r#"{":v":{"M":{"a":{}}}}"#,
            invalid(
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            ),
        ),
        (
            r#"{":v":{"S":"a","N":"1"}}"#,
            invalid(
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
            ),
        ),
        (
            r#"{":v":{"N":"x"}}"#,
            invalid("A value provided cannot be converted into a number"),
        ),
        (
            r#"{":v":{"L":[{"N":"1e126"}]}}"#,
            invalid(
                "Number overflow. Attempting to store a number with magnitude larger than supported range",
            ),
        ),
        (
            r#"{":v":{"NULL":false}}"#,
            invalid(
                "One or more parameter values were invalid: Null attribute value types must have the value of true",
            ),
        ),
    ];
    for (values, message) in cases {
        assert_error(&scan(values, ""), "ValidationException", Some(&message));
    }
    // The keys of the maps come first.
    assert_error(
        &scan(r#"{":v":{}}"#, r#","ExpressionAttributeNames":{"n":"x"}"#),
        "ValidationException",
        Some(r#"ExpressionAttributeNames contains invalid key: Syntax error; key: "n""#),
    );
    // Invalid base64 stays a protocol-level error.
    assert_error(
        &scan(r#"{":v":{"B":"!!"}}"#, ""),
        "ValidationException",
        Some("Invalid Base64 value"),
    );
    // Writes send it inside the envelope, like the values the model can hold.
    let response = call(
        &service,
        "PutItem",
        r#"{"TableName":"tbl","Item":{"pk":{"S":"k"}},"ConditionExpression":"a = :v","ExpressionAttributeValues":{":v":{"N":"1","S":"x"}}}"#,
    );
    assert_error(
        &response,
        "ValidationException",
        Some(&format!(
            "1 validation error detected: {}",
            invalid(
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
            )
        )),
    );
}

#[test]
fn a_legacy_condition_without_operator_is_named_by_its_path() {
    let service = with_table();
    let response = call(
        &service,
        "Scan",
        r#"{"TableName":"tbl","ScanFilter":{"n":{"AttributeValueList":[{"N":"5"}]}}}"#,
    );
    assert_error(
        &response,
        "ValidationException",
        Some(
            "1 validation error detected: Value null at 'scanFilter.n.member.comparisonOperator' failed to satisfy constraint: Member must not be null",
        ),
    );
}

#[test]
fn unknown_targets_are_unknown_operations() {
    let service = DynamoService::new(Engine::new());
    let send = |target: Option<&str>, body: &str| {
        let mut builder = Request::post("/").header("content-type", "application/x-amz-json-1.0");
        if let Some(target) = target {
            builder = builder.header("x-amz-target", target);
        }
        runtime().block_on(service.handle(builder.body(Bytes::from(body.to_owned())).unwrap()))
    };
    for target in [
        None,
        Some("DynamoDB_20120810.Frobnicate"),
        Some("DynamoDB_20991231.GetItem"),
        Some("GetItem"),
        Some(""),
    ] {
        let response = send(target, "{}");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            response.body().as_ref(),
            br#"{"__type":"com.amazon.coral.service#UnknownOperationException"}"#,
            "{target:?}"
        );
    }
    // A real DynamoDB operation the engine does not serve yet says so.
    let response = send(Some("DynamoDB_20120810.CreateBackup"), "{}");
    assert_error(
        &response,
        "UnknownOperationException",
        Some("dynamodel-local does not implement CreateBackup yet"),
    );
    // The body is judged before the target, as DynamoDB does.
    let response = send(Some("DynamoDB_20120810.Frobnicate"), "{");
    assert_error(&response, "SerializationException", None);
}

#[test]
fn http_level_answers() {
    let service = DynamoService::new(Engine::new()).max_request_bytes(64);
    let rt = runtime();
    let get = rt.block_on(service.handle(Request::get("/").body(Bytes::new()).unwrap()));
    assert_eq!(get.status(), StatusCode::OK);
    assert_eq!(
        get.body().as_ref(),
        b"healthy: dynamodb.us-east-1.amazonaws.com "
    );
    let put = rt.block_on(service.handle(Request::put("/").body(Bytes::new()).unwrap()));
    assert_eq!(
        (put.status(), put.body().as_ref()),
        (
            StatusCode::NOT_FOUND,
            b"<UnknownOperationException/>\n".as_ref()
        )
    );
    let big = rt.block_on(service.handle(request("DynamoDB_20120810.ListTables", &" ".repeat(65))));
    assert_eq!(
        (big.status(), big.body().len()),
        (StatusCode::PAYLOAD_TOO_LARGE, 0)
    );
    let plain_json = Request::post("/")
        .header("x-amz-target", "DynamoDB_20120810.ListTables")
        .header("content-type", "application/json; charset=utf-8")
        .body(Bytes::from_static(b"{}"))
        .unwrap();
    let response = rt.block_on(service.handle(plain_json));
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let xml = Request::post("/")
        .header("x-amz-target", "DynamoDB_20120810.ListTables")
        .header("content-type", "text/xml")
        .body(Bytes::from_static(b"{}"))
        .unwrap();
    assert_eq!(
        rt.block_on(service.handle(xml)).status(),
        StatusCode::NOT_FOUND
    );
}

#[test]
fn failed_conditions_and_cancelled_transactions_carry_their_members() {
    let item: Item = [("pk".to_owned(), AttributeValue::S("k".into()))]
        .into_iter()
        .collect();
    let failed = WireError::from_engine(Error::conditional_check_failed(
        "The conditional request failed",
        Some(item.clone()),
    ));
    let body: Value = serde_json::from_slice(&failed.body()).unwrap();
    assert_eq!(
        body,
        json!({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"k"}}})
    );
    let reasons = vec![
        CancellationReason {
            code: "None".into(),
            message: None,
            item: None,
        },
        CancellationReason {
            code: "ConditionalCheckFailed".into(),
            message: Some("The conditional request failed".into()),
            item: Some(item),
        },
    ];
    let canceled = WireError::from_engine(Error::transaction_canceled(
        "Transaction cancelled",
        reasons,
    ));
    let body: Value = serde_json::from_slice(&canceled.body()).unwrap();
    assert_eq!(
        body["CancellationReasons"],
        json!([{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"pk":{"S":"k"}}}])
    );
    let internal = WireError::from_engine(Error::conversion("not a DynamoDB error"));
    assert_eq!(internal.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

/// One real socket: two requests on one keep-alive connection, then a graceful shutdown.
#[test]
fn serves_http_over_a_real_socket_and_shuts_down() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    runtime().block_on(async {
        let server = Server::bind("127.0.0.1:0", Engine::new()).await.unwrap();
        let addr = server.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(server.run_until(async {
            let _ = stopped.await;
        }));
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        for _ in 0..2 {
            let body = "{}";
            let request = format!(
                "POST / HTTP/1.1\r\nHost: {addr}\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(request.as_bytes()).await.unwrap();
            let mut buffer = vec![0u8; 4096];
            let mut read = 0;
            // Read until the whole body (17 bytes after the blank line) is in.
            loop {
                let n = stream.read(&mut buffer[read..]).await.unwrap();
                assert!(n > 0, "connection closed early");
                read += n;
                let text = String::from_utf8_lossy(&buffer[..read]);
                if text.ends_with(r#"{"TableNames":[]}"#) {
                    assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
                    assert!(text.to_ascii_lowercase().contains("x-amz-crc32:"), "{text}");
                    break;
                }
            }
        }
        drop(stream);
        stop.send(()).unwrap();
        running.await.unwrap().unwrap();
        assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "the listener is closed");
    });
}
