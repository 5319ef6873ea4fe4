//! dynamodel's HTTP server as other clients see it: the Rust SDK used directly, boto3 and the
//! AWS CLI, and raw HTTP, each side by side with DynamoDB Local. The in-process SDK client
//! (`dynamodel_local::sdk_client`) takes the same raw-SDK tests.

use std::collections::HashMap;
use std::process::Command;

use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::operation::get_item::GetItemError;
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType,
};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::backends::{Target, aws, dynamodb_local_endpoint, fresh_access_key, serve_fresh_engine};

const PYTHON_SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdk_scenario.py");

// ---- The Rust SDK, directly ------------------------------------------------------------------

/// The raw SDK on `target`: tables, every data type, a query and the typed errors.
async fn raw_sdk_round_trip(target: Target) {
    let db = aws(target).await;
    let client = db.backend().client();
    client
        .create_table()
        .table_name("raw")
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("pk")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("sk")
                .attribute_type(ScalarAttributeType::B)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("pk")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("sk")
                .key_type(KeyType::Range)
                .build()
                .unwrap(),
        )
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .unwrap();
    let item: HashMap<String, AttributeValue> = [
        ("pk", AttributeValue::S("p".into())),
        ("sk", AttributeValue::B(Blob::new(vec![0xff, 0]))),
        ("n", AttributeValue::N("0.10".into())),
        (
            "l",
            AttributeValue::L(vec![AttributeValue::Null(true), AttributeValue::Bool(true)]),
        ),
        ("ns", AttributeValue::Ns(vec!["1e1".into()])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    client
        .put_item()
        .table_name("raw")
        .set_item(Some(item))
        .send()
        .await
        .unwrap();
    let key = |sk: Vec<u8>| {
        [
            ("pk".to_owned(), AttributeValue::S("p".into())),
            ("sk".to_owned(), AttributeValue::B(Blob::new(sk))),
        ]
    };
    let got = client
        .get_item()
        .table_name("raw")
        .set_key(Some(key(vec![0xff, 0]).into_iter().collect()))
        .send()
        .await
        .unwrap();
    let got = got.item().unwrap();
    // Numbers come back normalized, as DynamoDB stores them.
    assert_eq!(got["n"], AttributeValue::N("0.1".into()));
    assert_eq!(got["ns"], AttributeValue::Ns(vec!["10".into()]));
    assert_eq!(got["sk"], AttributeValue::B(Blob::new(vec![0xff, 0])));
    let page = client
        .query()
        .table_name("raw")
        .key_condition_expression("pk = :p AND begins_with(sk, :prefix)")
        .expression_attribute_values(":p", AttributeValue::S("p".into()))
        .expression_attribute_values(":prefix", AttributeValue::B(Blob::new(vec![0xff])))
        .send()
        .await
        .unwrap();
    assert_eq!((page.count(), page.items().len()), (1, 1));

    // A modeled exception arrives as its own variant, with DynamoDB's code.
    let missing = client
        .get_item()
        .table_name("missing")
        .set_key(Some(key(vec![1]).into_iter().collect()))
        .send()
        .await
        .unwrap_err();
    let service = missing.into_service_error();
    assert!(
        matches!(service, GetItemError::ResourceNotFoundException(_)),
        "{service:?}"
    );
    assert_eq!(service.code(), Some("ResourceNotFoundException"));
    // An unmodeled one (ValidationException) keeps code and message.
    let wrong = client
        .get_item()
        .table_name("raw")
        .key("pk", AttributeValue::N("1".into()))
        .key("sk", AttributeValue::B(Blob::new(vec![1])))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(wrong.code(), Some("ValidationException"));
    let message = match target {
        // DynamoDB Local's wording (docs/compatibility.md).
        Target::DynamoDbLocal => "One or more parameter values were invalid: Type mismatch for key",
        _ => "The provided key element does not match the schema",
    };
    assert_eq!(wrong.message(), Some(message));
}

#[tokio::test]
async fn the_rust_sdk_works_against_the_server() {
    raw_sdk_round_trip(Target::Server).await;
}

#[tokio::test]
async fn the_rust_sdk_works_in_process() {
    raw_sdk_round_trip(Target::Sdk).await;
}

#[tokio::test]
async fn the_rust_sdk_works_against_dynamodb_local() {
    raw_sdk_round_trip(Target::DynamoDbLocal).await;
}

#[tokio::test]
async fn the_in_process_client_shares_the_engine() {
    let engine = dynamodel_local::Engine::new();
    let sdk = dynamodel_local::sdk_client(engine.clone());
    let typed = dynamodel::Client::new(engine);
    typed.create_table::<crate::support::User>().await.unwrap();
    let tables = sdk.list_tables().send().await.unwrap();
    assert_eq!(tables.table_names(), ["users"]);
}

// ---- boto3 and the AWS CLI -------------------------------------------------------------------

/// Runs the boto3 scenario against `endpoint`; its JSON output.
fn boto3_scenario(endpoint: &str, access_key: &str) -> Value {
    let output = Command::new("python3")
        .args([PYTHON_SCENARIO, endpoint, access_key])
        .output()
        .expect("python3 runs (CI installs it with boto3: `pip install boto3`)");
    assert!(
        output.status.success(),
        "the boto3 scenario failed against {endpoint}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Messages where DynamoDB Local's wording differs from DynamoDB's, as listed in
/// `docs/compatibility.md`: (ours, DynamoDB Local's).
const MESSAGE_DIVERGENCES: &[(&str, &str)] = &[
    (
        "Requested resource not found",
        "Cannot do operations on a non-existent table",
    ),
    (
        "The provided key element does not match the schema",
        "One or more parameter values were invalid: Type mismatch for key",
    ),
];

#[test]
fn boto3_gets_the_same_answers_from_the_server_and_dynamodb_local() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let ours = boto3_scenario(&runtime.block_on(serve_fresh_engine()), "scenario");
    let theirs = boto3_scenario(&dynamodb_local_endpoint(), &fresh_access_key());
    let (Value::Object(ours), Value::Object(theirs)) = (ours, theirs) else {
        panic!("the scenario prints objects")
    };
    for (key, value) in &ours {
        if key == "errors" || key == "number_texts" {
            continue;
        }
        assert_eq!(Some(value), theirs.get(key), "`{key}` differs");
    }
    for (case, error) in ours["errors"].as_object().unwrap() {
        let other = &theirs["errors"][case];
        // Same exception and HTTP status everywhere; messages too, except documented ones.
        assert_eq!(
            (&error[0], &error[2]),
            (&other[0], &other[2]),
            "{case}: {error} vs {other}"
        );
        if error[1] != other[1] {
            let pair = (
                error[1].as_str().unwrap_or_default(),
                other[1].as_str().unwrap_or_default(),
            );
            assert!(
                MESSAGE_DIVERGENCES.contains(&pair),
                "{case}: undocumented message difference {pair:?}"
            );
        }
    }
    assert_eq!(
        ours["errors"]["overflow"][1],
        "Number overflow. Attempting to store a number with magnitude larger than supported range"
    );
    // Numbers come back normalized, in plain notation, as DynamoDB stores them. DynamoDB Local
    // does so at the top level but returns numbers inside lists and maps as they were
    // written (docs/compatibility.md).
    let tiny = format!("-0.{}1", "0".repeat(129));
    let plain = [
        "1.5",
        "12345678901234567890123456789012345678",
        tiny.as_str(),
        "100",
    ];
    assert_eq!(ours["number_texts"], serde_json::json!(plain));
    let local = [
        "1.5",
        "12345678901234567890123456789012345678",
        tiny.as_str(),
        "1e2",
    ];
    assert_eq!(theirs["number_texts"], serde_json::json!(local));
}

#[test]
fn the_aws_cli_works_against_the_server() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let endpoint = runtime.block_on(serve_fresh_engine());
    let aws = |args: &[&str]| {
        let output = Command::new("aws")
            .args([
                "dynamodb",
                "--endpoint-url",
                &endpoint,
                "--region",
                "us-east-1",
                "--output",
                "json",
            ])
            .args(args)
            .env("AWS_ACCESS_KEY_ID", "cli")
            .env("AWS_SECRET_ACCESS_KEY", "cli")
            .output()
            .expect("the AWS CLI runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (status, _, stderr) = aws(&[
        "create-table",
        "--table-name",
        "cli",
        "--attribute-definitions",
        "AttributeName=id,AttributeType=S",
        "--key-schema",
        "AttributeName=id,KeyType=HASH",
        "--billing-mode",
        "PAY_PER_REQUEST",
    ]);
    assert_eq!(status, Some(0), "{stderr}");
    let (status, _, stderr) = aws(&[
        "put-item",
        "--table-name",
        "cli",
        "--item",
        r#"{"id":{"S":"a"},"n":{"N":"1.50"}}"#,
    ]);
    assert_eq!(status, Some(0), "{stderr}");
    let (status, stdout, stderr) = aws(&[
        "get-item",
        "--table-name",
        "cli",
        "--key",
        r#"{"id":{"S":"a"}}"#,
    ]);
    assert_eq!(status, Some(0), "{stderr}");
    let item: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(item["Item"]["n"]["N"], "1.5");
    let (status, _, stderr) = aws(&["describe-table", "--table-name", "nope"]);
    assert_ne!(status, Some(0));
    assert!(stderr.contains("ResourceNotFoundException"), "{stderr}");
}

// ---- Raw HTTP --------------------------------------------------------------------------------

/// One POST over a fresh connection; the status and the JSON body.
async fn post(endpoint: &str, target: &str, body: &str, access_key: &str) -> (u16, Value) {
    let host = endpoint.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nX-Amz-Target: DynamoDB_20120810.{target}\r\nContent-Type: application/x-amz-json-1.0\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential={access_key}/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0\r\n\
         X-Amz-Date: 20250101T000000Z\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body)
        .unwrap_or_default();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn exception(body: &Value) -> &str {
    body["__type"]
        .as_str()
        .unwrap_or_default()
        .rsplit('#')
        .next()
        .unwrap_or_default()
}

fn message(body: &Value) -> &str {
    body.get("message")
        .or_else(|| body.get("Message"))
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Bodies that DynamoDB Local and dynamodel reject alike: same status, exception, namespace
/// and message.
#[tokio::test]
async fn invalid_attribute_values_are_rejected_like_dynamodb_local_does() {
    let ours = serve_fresh_engine().await;
    let local = dynamodb_local_endpoint();
    let key = fresh_access_key();
    let create = r#"{"TableName":"wire","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}"#;
    assert_eq!(post(&ours, "CreateTable", create, &key).await.0, 200);
    assert_eq!(post(&local, "CreateTable", create, &key).await.0, 200);
    let values = [
        r#"{"NULL":false}"#,
        "{}",
        r#"{"X":"1"}"#,
        r#"{"S":"a","N":"1"}"#,
        r#"{"N":"abc"}"#,
        r#"{"N":" 1"}"#,
        r#"{"N":"1e126"}"#,
        r#"{"N":"1e-131"}"#,
    ];
    for value in values {
        let body = format!(r#"{{"TableName":"wire","Item":{{"pk":{{"S":"k"}},"a":{value}}}}}"#);
        let (our_status, our_body) = post(&ours, "PutItem", &body, &key).await;
        let (local_status, local_body) = post(&local, "PutItem", &body, &key).await;
        assert_eq!(
            (our_status, local_status),
            (400, 400),
            "{value}: {our_body} / {local_body}"
        );
        assert_eq!(our_body["__type"], local_body["__type"], "{value}");
        assert_eq!(message(&our_body), message(&local_body), "{value}");
    }
    // A missing required member: the same text, in the envelope DynamoDB now sends.
    let (_, our_body) = post(&ours, "GetItem", r#"{"Key":{"pk":{"S":"k"}}}"#, &key).await;
    let (_, local_body) = post(&local, "GetItem", r#"{"Key":{"pk":{"S":"k"}}}"#, &key).await;
    assert_eq!(
        message(&our_body),
        format!("1 validation error detected: {}", message(&local_body))
    );
}

/// What DynamoDB Local does differently from DynamoDB, as `docs/compatibility.md` lists it.
/// These assertions keep that list true: when a DynamoDB Local release fixes one, this fails
/// and the list shrinks.
#[tokio::test]
async fn dynamodb_local_divergences_are_still_there() {
    let ours = serve_fresh_engine().await;
    let local = dynamodb_local_endpoint();
    let key = fresh_access_key();
    // Malformed JSON, a member of the wrong type, bad base64: 400 SerializationException /
    // ValidationException from DynamoDB and dynamodel, 500 InternalFailure from DynamoDB Local.
    let bad = [
        ("ListTables", "{", "SerializationException"),
        ("ListTables", "[]", "SerializationException"),
        (
            "GetItem",
            r#"{"TableName":"wire","Key":{"pk":"k"}}"#,
            "SerializationException",
        ),
        (
            "GetItem",
            r#"{"TableName":"wire","Key":{"pk":{"B":"!!"}}}"#,
            "ValidationException",
        ),
    ];
    for (target, body, expected) in bad {
        let (status, our_body) = post(&ours, target, body, &key).await;
        assert_eq!(
            (status, exception(&our_body)),
            (400, expected),
            "{body}: {our_body}"
        );
        let (status, local_body) = post(&local, target, body, &key).await;
        assert_eq!(
            (status, exception(&local_body)),
            (500, "InternalFailure"),
            "{body}: {local_body}"
        );
    }
    // An unknown operation: DynamoDB names it in the service namespace with no message;
    // DynamoDB Local in its own namespace with one.
    let (status, our_body) = post(&ours, "Frobnicate", "{}", &key).await;
    assert_eq!(
        (status, our_body["__type"].as_str()),
        (
            400,
            Some("com.amazon.coral.service#UnknownOperationException")
        )
    );
    let (status, local_body) = post(&local, "Frobnicate", "{}", &key).await;
    assert_eq!(
        (status, exception(&local_body), message(&local_body)),
        (
            400,
            "UnknownOperationException",
            "An unknown operation was requested."
        )
    );
    // More than 38 significant digits: DynamoDB Local words it differently.
    let digits = r#"{"TableName":"wire","Item":{"pk":{"S":"k"},"a":{"N":"123456789012345678901234567890123456789"}}}"#;
    let create = r#"{"TableName":"wire","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}"#;
    post(&ours, "CreateTable", create, &key).await;
    post(&local, "CreateTable", create, &key).await;
    assert_eq!(
        message(&post(&ours, "PutItem", digits, &key).await.1),
        "Attempting to store more than 38 significant digits in a Number"
    );
    assert_eq!(
        message(&post(&local, "PutItem", digits, &key).await.1),
        "DynamoDB only supports precision up to 38 digits"
    );
}

// ---- The AWS backend's retries and transport errors --------------------------------------------

/// A server that answers every request with `status` and `body`, counting requests.
async fn fixed_answer_server(
    status: u16,
    body: &'static str,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                // Read the head and the body its Content-Length announces.
                loop {
                    let Ok(n) = stream.read(&mut buffer).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&buffer[..n]);
                    let text = String::from_utf8_lossy(&request).to_ascii_lowercase();
                    if let Some((head, rest)) = text.split_once("\r\n\r\n") {
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if rest.len() >= length {
                            break;
                        }
                    }
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let response = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
            });
        }
    });
    (endpoint, count)
}

fn quick_retries(attempts: u32) -> dynamodel::aws::aws_config::retry::RetryConfig {
    dynamodel::aws::aws_config::retry::RetryConfig::standard()
        .with_max_attempts(attempts)
        .with_initial_backoff(std::time::Duration::from_millis(1))
}

#[tokio::test]
async fn throttling_is_retried_by_the_sdk_then_surfaces_as_a_retryable_error() {
    let (endpoint, requests) = fixed_answer_server(
        400,
        r#"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}"#,
    )
    .await;
    let backend = dynamodel::aws::AwsBackend::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials("throttled", "throttled")
        .retry_config(quick_retries(3))
        .load()
        .await
        .unwrap();
    let db = dynamodel::Client::new(backend);
    let error = db.list_tables().await.unwrap_err();
    assert!(error.is_throttled() && error.is_retryable(), "{error:?}");
    assert_eq!(error.code(), Some("ThrottlingException"));
    assert_eq!(
        error.message(),
        "Rate of requests exceeds the allowed throughput."
    );
    assert_eq!(
        requests.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "the SDK's retry configuration: 3 attempts"
    );
}

#[tokio::test]
async fn an_endpoint_that_does_not_answer_is_a_transport_error() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let backend = dynamodel::aws::AwsBackend::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials("nobody", "nobody")
        .retry_config(quick_retries(2))
        .load()
        .await
        .unwrap();
    let error = dynamodel::Client::new(backend)
        .list_tables()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), dynamodel::ErrorKind::Transport, "{error:?}");
    assert!(error.is_retryable());
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn an_html_error_page_is_a_transport_error_not_a_panic() {
    let (endpoint, _) = fixed_answer_server(502, "<html>bad gateway</html>").await;
    let backend = dynamodel::aws::AwsBackend::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials("proxy", "proxy")
        .retry_config(quick_retries(1))
        .load()
        .await
        .unwrap();
    let error = dynamodel::Client::new(backend)
        .list_tables()
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), dynamodel::ErrorKind::Transport),
        "{error:?}"
    );
}

/// A named profile supplies region and credentials, as `aws-config` reads them.
#[tokio::test]
#[allow(deprecated)] // `ProfileFiles` is how aws-config's own documentation passes profile files.
async fn a_named_profile_supplies_region_and_credentials() {
    use dynamodel::aws::aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
    let files = ProfileFiles::builder()
        .include_default_config_file(false)
        .include_default_credentials_file(false)
        .with_contents(
            ProfileFileKind::Config,
            "[profile parity]\nregion = eu-west-3\n",
        )
        .with_contents(
            ProfileFileKind::Credentials,
            "[parity]\naws_access_key_id = AKIDPARITY\naws_secret_access_key = secret\n",
        )
        .build();
    let endpoint = serve_fresh_engine().await;
    let backend = dynamodel::aws::AwsBackend::builder()
        .profile_name("parity")
        .configure(|loader| loader.profile_files(files))
        .endpoint_url(endpoint)
        .load()
        .await
        .unwrap();
    assert_eq!(
        backend.client().config().region().map(|r| r.as_ref()),
        Some("eu-west-3")
    );
    // The request is signed with the profile's credentials, or it would not be sent at all.
    let tables = dynamodel::Client::new(backend).list_tables().await.unwrap();
    assert!(tables.is_empty());
}
