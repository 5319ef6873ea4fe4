//! An `aws_sdk_dynamodb::Client` served by an in-process engine (feature `sdk`).
//!
//! Code written against the raw AWS SDK can swap in the engine in its tests too: the SDK
//! signs and serializes its requests as usual, and this crate's HTTP client hands each one to
//! the same [`DynamoService`] the HTTP server runs, in memory, with no socket.

use std::fmt;

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;

use crate::Engine;
use crate::server::DynamoService;

/// An `aws_sdk_dynamodb::Client` whose requests `engine` answers in-process.
///
/// The client has a fixed region (the engine's), placeholder credentials and an endpoint that
/// is never dialled. Every clone of `engine` sees the tables the client creates.
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let engine = dynamodel_local::Engine::new();
/// let client = dynamodel_local::sdk_client(engine);
/// let tables = client.list_tables().send().await.unwrap();
/// assert!(tables.table_names().is_empty());
/// # });
/// ```
pub fn sdk_client(engine: Engine) -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::from_conf(sdk_config(engine).build())
}

/// The configuration [`sdk_client`] uses, to adjust before building a client (retries,
/// interceptors, ...).
pub fn sdk_config(engine: Engine) -> aws_sdk_dynamodb::config::Builder {
    let region = Region::new(engine.config().region.clone());
    aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region)
        .credentials_provider(Credentials::new(
            "dynamodel-local",
            "dynamodel-local",
            None,
            None,
            "dynamodel-local",
        ))
        .endpoint_url("http://dynamodel-local.invalid")
        .http_client(InProcessHttpClient::new(engine))
}

/// The SDK HTTP client that answers requests with an in-process engine.
#[derive(Clone)]
pub struct InProcessHttpClient {
    service: DynamoService,
}

impl InProcessHttpClient {
    /// A client for `engine`; pass it to `aws_sdk_dynamodb::config::Builder::http_client`.
    pub fn new(engine: Engine) -> Self {
        InProcessHttpClient {
            service: DynamoService::new(engine),
        }
    }
}

impl fmt::Debug for InProcessHttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InProcessHttpClient")
            .field("engine", self.service.engine())
            .finish()
    }
}

impl HttpClient for InProcessHttpClient {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for InProcessHttpClient {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let service = self.service.clone();
        HttpConnectorFuture::new(async move {
            let request = to_http(request)?;
            let response = service.handle(request).await;
            from_http(response)
        })
    }
}

fn to_http(request: HttpRequest) -> Result<http::Request<Bytes>, ConnectorError> {
    let request = request
        .try_into_http1x()
        .map_err(|error| ConnectorError::user(error.into()))?;
    let (parts, body) = request.into_parts();
    // DynamoDB requests are JSON documents built in memory; a streaming body cannot occur.
    let bytes = body.bytes().map(Bytes::copy_from_slice).ok_or_else(|| {
        ConnectorError::user("the in-process DynamoDB client only sends in-memory bodies".into())
    })?;
    Ok(http::Request::from_parts(parts, bytes))
}

fn from_http(response: http::Response<Bytes>) -> Result<HttpResponse, ConnectorError> {
    HttpResponse::try_from(response.map(SdkBody::from))
        .map_err(|error| ConnectorError::other(error.into(), None))
}
