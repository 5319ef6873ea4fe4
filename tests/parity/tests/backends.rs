//! The backends every parity test runs on, and a fresh, isolated one for each test.
//!
//! * `engine`: the in-process engine, `Client<Engine>`.
//! * `sdk`: the AWS backend over `dynamodel_local::sdk_client`: the AWS SDK's serialization
//!   and error parsing, the engine answering in memory, no socket.
//! * `server`: the AWS backend against `dynamodel_local::server` on `127.0.0.1:0`, a new server
//!   (and engine) per test, running on the test's own runtime.
//! * `dynamodb_local`: the AWS backend against DynamoDB Local, one instance per test process
//!   (started through `scripts/dynamodb-local.sh` on a free loopback port, or the one
//!   `DYNAMODB_LOCAL_ENDPOINT` names). DynamoDB Local keeps separate tables per access key id,
//!   so each test gets its own key and sees only its own tables. When DynamoDB Local cannot be
//!   installed or started, these tests fail; they never skip.

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use dynamodel::Client;
use dynamodel::aws::AwsBackend;
use dynamodel_local::Engine;
use dynamodel_local::server::Server;

/// Which backend a test body runs on, for the few assertions that differ (each difference is
/// listed in `docs/compatibility.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Engine,
    Sdk,
    Server,
    DynamoDbLocal,
}

impl Target {
    /// Whether this backend is DynamoDB Local (whose known divergences some tests allow).
    pub(crate) fn is_dynamodb_local(self) -> bool {
        self == Target::DynamoDbLocal
    }
}

/// A fresh in-process engine.
pub(crate) fn engine() -> Client<Engine> {
    Client::new(Engine::new())
}

/// A fresh AWS backend on `target`.
pub(crate) async fn aws(target: Target) -> Client<AwsBackend> {
    let backend = match target {
        Target::Engine => panic!("the engine target has no AWS backend"),
        Target::Sdk => AwsBackend::from_client(dynamodel_local::sdk_client(Engine::new())),
        Target::Server => aws_backend(&serve_fresh_engine().await, "parity").await,
        Target::DynamoDbLocal => aws_backend(&dynamodb_local_endpoint(), &fresh_access_key()).await,
    };
    Client::new(backend)
}

/// An AWS backend configured like a user would for a local endpoint.
pub(crate) async fn aws_backend(endpoint: &str, access_key: &str) -> AwsBackend {
    AwsBackend::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials(access_key, "parity-secret")
        .load()
        .await
        .expect("a local endpoint with a region and credentials configures")
}

/// A new engine behind a new server on a free loopback port, served by the current runtime
/// until the test ends; its endpoint URL.
pub(crate) async fn serve_fresh_engine() -> String {
    let server = Server::bind((Ipv4Addr::LOCALHOST, 0), Engine::new())
        .await
        .expect("binds 127.0.0.1:0");
    let endpoint = format!("http://{}", server.local_addr().expect("a bound address"));
    tokio::spawn(server.run_until(std::future::pending()));
    endpoint
}

/// A DynamoDB Local namespace of its own: an access key id no other test uses.
pub(crate) fn fresh_access_key() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "parity{}n{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The endpoint of DynamoDB Local: `DYNAMODB_LOCAL_ENDPOINT`, or an instance this process
/// starts once (and that stops when this process exits).
pub(crate) fn dynamodb_local_endpoint() -> String {
    static ENDPOINT: OnceLock<Result<String, String>> = OnceLock::new();
    ENDPOINT
        .get_or_init(|| match std::env::var("DYNAMODB_LOCAL_ENDPOINT") {
            Ok(endpoint) if !endpoint.is_empty() => Ok(endpoint),
            _ => start_dynamodb_local(),
        })
        .clone()
        .unwrap_or_else(|error| {
            panic!("DynamoDB Local is needed by this test and is not available: {error}")
        })
}

/// The script's process, kept (with its stdin pipe) until this process exits: the script
/// stops DynamoDB Local when the pipe closes, however this process ends.
static LIFELINE: Mutex<Option<Child>> = Mutex::new(None);

fn start_dynamodb_local() -> Result<String, String> {
    // The free port is found by binding and releasing it; should another process take it
    // before Java binds it, try another.
    let mut failures = Vec::new();
    for _ in 0..3 {
        match start_dynamodb_local_once() {
            Ok(endpoint) => return Ok(endpoint),
            Err(error) => failures.push(error),
        }
    }
    Err(failures.join("\n\n"))
}

fn start_dynamodb_local_once() -> Result<String, String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let script = format!("{root}/scripts/dynamodb-local.sh");
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let log_path = format!(
        "{}/dynamodb-local-{port}.log",
        std::env::temp_dir().display()
    );
    let log = File::create(&log_path).map_err(|e| format!("cannot create {log_path}: {e}"))?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    let mut child = Command::new("bash")
        .args([script.as_str(), "lifeline", &port.to_string()])
        .stdin(Stdio::piped())
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .map_err(|e| format!("cannot run {script}: {e}"))?;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    // The first run installs it from npm; later runs only start the JVM (about a second).
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            break;
        }
        let exited = child.try_wait().map_err(|e| e.to_string())?;
        if exited.is_some() || Instant::now() > deadline {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            let _ = child.kill();
            return Err(format!(
                "{script} did not start DynamoDB Local on {addr} ({exited:?}); its output:\n{log}"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    *LIFELINE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(child);
    Ok(format!("http://{addr}"))
}

/// Defines, for each named generic test body `async fn name<B: Backend>(db: Client<B>, on:
/// Target)` in the calling module, one test per backend: `engine::name`, `sdk::name`,
/// `server::name` and `dynamodb_local::name` (filter with `cargo test -p dynamodel-parity
/// engine::` and so on). `#[multi_thread]` before a name runs it on a two-worker runtime.
macro_rules! parity_tests {
    ($($(#[$flavor:ident])? $name:ident),+ $(,)?) => {
        mod engine {
            $(crate::backends::parity_tests!(@test $($flavor)? $name, crate::backends::engine(), crate::backends::Target::Engine);)+
        }
        mod sdk {
            $(crate::backends::parity_tests!(@test $($flavor)? $name, crate::backends::aws(crate::backends::Target::Sdk).await, crate::backends::Target::Sdk);)+
        }
        mod server {
            $(crate::backends::parity_tests!(@test $($flavor)? $name, crate::backends::aws(crate::backends::Target::Server).await, crate::backends::Target::Server);)+
        }
        mod dynamodb_local {
            $(crate::backends::parity_tests!(@test $($flavor)? $name, crate::backends::aws(crate::backends::Target::DynamoDbLocal).await, crate::backends::Target::DynamoDbLocal);)+
        }
    };
    (@test multi_thread $name:ident, $db:expr, $target:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            super::$name($db, $target).await;
        }
    };
    (@test $name:ident, $db:expr, $target:expr) => {
        #[tokio::test]
        async fn $name() {
            super::$name($db, $target).await;
        }
    };
}

pub(crate) use parity_tests;
