//! The same scenarios against DynamoDB Local through the AWS backend: started through
//! `scripts/dynamodb-local.sh` on a free loopback port (or the instance
//! `DYNAMODB_LOCAL_ENDPOINT` names). These tests fail, never skip, when it cannot start.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use dynamodel::aws::AwsBackend;

/// Keeps the script (and so DynamoDB Local) alive until this process exits.
static LIFELINE: Mutex<Option<Child>> = Mutex::new(None);

fn endpoint() -> String {
    static ENDPOINT: OnceLock<Result<String, String>> = OnceLock::new();
    ENDPOINT
        .get_or_init(|| match std::env::var("DYNAMODB_LOCAL_ENDPOINT") {
            Ok(endpoint) if !endpoint.is_empty() => Ok(endpoint),
            _ => start(),
        })
        .clone()
        .unwrap_or_else(|error| panic!("DynamoDB Local is needed and is not available: {error}"))
}

fn start() -> Result<String, String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/dynamodb-local.sh");
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let log = std::env::temp_dir().join(format!("dynamodb-local-migrate-{port}.log"));
    let out = std::fs::File::create(&log).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut child = Command::new("bash")
        .args([script, "lifeline", &port.to_string()])
        .stdin(Stdio::piped())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot run {script}: {e}"))?;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + Duration::from_secs(180);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        let exited = child.try_wait().map_err(|e| e.to_string())?;
        if exited.is_some() || Instant::now() > deadline {
            let _ = child.kill();
            let output = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("{script} did not start on {addr}: {output}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    *LIFELINE.lock().unwrap_or_else(|p| p.into_inner()) = Some(child);
    Ok(format!("http://{addr}"))
}

/// A backend with its own DynamoDB Local namespace (access key id).
async fn backend() -> AwsBackend {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let key = format!(
        "migrate{}n{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    AwsBackend::builder()
        .region("us-east-1")
        .endpoint_url(endpoint())
        .credentials(key, "secret")
        .load()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_step_kind_applies_to_dynamodb_local() {
    super::apply::every_step_kind(&backend().await, "dynamodel_migrations").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn down_reverts_each_migration_on_dynamodb_local() {
    super::apply::down_reverts_each_migration(&backend().await, "dynamodel_migrations").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_step_resumes_on_dynamodb_local() {
    let backend: &'static AwsBackend = Box::leak(Box::new(backend().await));
    super::resume::resumes_without_loss_or_duplicates(backend).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dynamodb_local_without_tagging_is_told_apart() {
    super::tags::a_target_without_tagging_is_told_apart(&backend().await).await;
}
