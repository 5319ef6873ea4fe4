//! The protocol, socket-free: one HTTP request in, one HTTP response out.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};

use super::dispatch::{dispatch, operation};
use super::messages;
use crate::Engine;

/// DynamoDB's JSON 1.0 content type.
const AMZ_JSON: &str = "application/x-amz-json-1.0";
/// The plain JSON content type DynamoDB also accepts.
const JSON: &str = "application/json";
/// What DynamoDB answers to a request that is not a JSON POST.
const NOT_AN_OPERATION: &str = "<UnknownOperationException/>\n";

/// The largest request body accepted by default: 16 MiB, DynamoDB's limit.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// The engine behind DynamoDB's HTTP protocol: `X-Amz-Target: DynamoDB_20120810.<Op>`, JSON
/// 1.0 bodies, DynamoDB's errors, `x-amz-crc32` and `x-amzn-RequestId` headers.
///
/// [`handle`](DynamoService::handle) answers one request without any socket, so tests can
/// drive the protocol directly; the service also implements hyper's `Service` for any body,
/// which is what [`Server`](super::Server) runs on each connection. Requests signed with
/// SigV4 are accepted without checking the signature. Cloning is cheap and every clone serves
/// the same engine.
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// use dynamodel_local::Engine;
/// use dynamodel_local::server::DynamoService;
///
/// let service = DynamoService::new(Engine::new());
/// let request = http::Request::post("/")
///     .header("x-amz-target", "DynamoDB_20120810.ListTables")
///     .header("content-type", "application/x-amz-json-1.0")
///     .body(bytes::Bytes::from_static(b"{}"))
///     .unwrap();
/// let response = service.handle(request).await;
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.body().as_ref(), br#"{"TableNames":[]}"#);
/// # });
/// ```
#[derive(Clone)]
pub struct DynamoService {
    engine: Engine,
    max_request_bytes: usize,
    request_ids: Arc<RequestIds>,
}

impl std::fmt::Debug for DynamoService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynamoService")
            .field("engine", &self.engine)
            .field("max_request_bytes", &self.max_request_bytes)
            .finish_non_exhaustive()
    }
}

impl DynamoService {
    /// Serves `engine`.
    pub fn new(engine: Engine) -> Self {
        DynamoService {
            engine,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            request_ids: Arc::new(RequestIds::new()),
        }
    }

    /// Rejects request bodies larger than `bytes` with HTTP 413 (default: 16 MiB).
    #[must_use]
    pub fn max_request_bytes(mut self, bytes: usize) -> Self {
        self.max_request_bytes = bytes;
        self
    }

    /// The engine this service serves.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Answers one request whose body has been read.
    pub async fn handle(&self, request: Request<Bytes>) -> Response<Bytes> {
        let started = Instant::now();
        let (parts, body) = request.into_parts();
        let target = parts
            .headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok());
        let response = self
            .respond(&parts.method, &parts.headers, target, &body)
            .await;
        tracing::debug!(
            target: "dynamodel_local::server",
            operation = target.and_then(|t| operation(Some(t))).unwrap_or("-"),
            status = response.status().as_u16(),
            request_bytes = body.len(),
            response_bytes = response.body().len(),
            micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
            "request"
        );
        response
    }

    async fn respond(
        &self,
        method: &Method,
        headers: &http::HeaderMap,
        target: Option<&str>,
        body: &Bytes,
    ) -> Response<Bytes> {
        if method == Method::GET || method == Method::HEAD {
            let text = if method == Method::GET {
                messages::healthy(&self.engine.config().region)
            } else {
                String::new()
            };
            return plain(StatusCode::OK, text.into());
        }
        if method != Method::POST {
            return plain(
                StatusCode::NOT_FOUND,
                Bytes::from_static(NOT_AN_OPERATION.as_bytes()),
            );
        }
        if body.len() > self.max_request_bytes {
            return too_large();
        }
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(media_type);
        let json_type = match content_type {
            Some(AMZ_JSON) | None => AMZ_JSON,
            Some(JSON) => JSON,
            Some(_) if body.is_empty() => AMZ_JSON,
            Some(_) => {
                return plain(
                    StatusCode::NOT_FOUND,
                    Bytes::from_static(NOT_AN_OPERATION.as_bytes()),
                );
            }
        };
        let (status, payload) = match dispatch(&self.engine, operation(target), body).await {
            Ok(payload) => (StatusCode::OK, payload),
            Err(error) => {
                tracing::debug!(target: "dynamodel_local::server", exception = error.exception(), "error");
                (error.status(), error.body())
            }
        };
        self.json(status, json_type, payload)
    }

    fn json(
        &self,
        status: StatusCode,
        content_type: &'static str,
        payload: Vec<u8>,
    ) -> Response<Bytes> {
        let crc = crc32fast::hash(&payload);
        let mut response = Response::new(Bytes::from(payload));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert("x-amz-crc32", HeaderValue::from(crc));
        if let Ok(id) = HeaderValue::from_str(&self.request_ids.next()) {
            headers.insert("x-amzn-requestid", id);
        }
        response
    }

    /// Reads a request body of at most the size limit, then [`handle`](Self::handle)s it.
    async fn call_body<B>(self, request: Request<B>) -> Response<Bytes>
    where
        B: hyper::body::Body<Data = Bytes> + Send,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let (parts, body) = request.into_parts();
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|length| length > self.max_request_bytes) {
            return too_large();
        }
        match Limited::new(body, self.max_request_bytes).collect().await {
            Ok(collected) => {
                self.handle(Request::from_parts(parts, collected.to_bytes()))
                    .await
            }
            Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => too_large(),
            // The client stopped sending mid-body; the answer will likely not reach it either.
            Err(_) => plain(StatusCode::BAD_REQUEST, Bytes::new()),
        }
    }
}

/// The media type of a `Content-Type` value, without parameters such as `charset`.
fn media_type(value: &str) -> &str {
    value.split(';').next().unwrap_or_default().trim()
}

fn plain(status: StatusCode, body: Bytes) -> Response<Bytes> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response
}

/// DynamoDB closes an oversized request with HTTP 413 and no body.
fn too_large() -> Response<Bytes> {
    plain(StatusCode::PAYLOAD_TOO_LARGE, Bytes::new())
}

impl<B> hyper::service::Service<Request<B>> for DynamoService
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, request: Request<B>) -> Self::Future {
        let service = self.clone();
        Box::pin(async move { Ok(service.call_body(request).await.map(Full::new)) })
    }
}

/// DynamoDB-shaped request ids: 52 characters of `A-Z0-9`, unique per service.
struct RequestIds {
    seed: u64,
    counter: AtomicU64,
}

impl RequestIds {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        RequestIds {
            seed: u64::try_from(nanos & u128::from(u64::MAX)).unwrap_or_default(),
            counter: AtomicU64::new(0),
        }
    }

    fn next(&self) -> String {
        const ALPHABET: &[u8; 36] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let mut state = self.seed
            ^ self
                .counter
                .fetch_add(1, Ordering::Relaxed)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut id = String::with_capacity(52);
        while id.len() < 52 {
            let mut word = splitmix64(&mut state);
            // 12 characters per 64-bit word (36^12 < 2^64).
            for _ in 0..12 {
                if id.len() == 52 {
                    break;
                }
                let index = usize::try_from(word % 36).unwrap_or_default();
                id.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
                word /= 36;
            }
        }
        id
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
