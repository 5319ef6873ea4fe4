//! The [`Backend`] on real DynamoDB, through `aws-sdk-dynamodb` (feature `aws`).
//!
//! [`AwsBackend`] passes each model request to the SDK, converts the answer back without loss
//! (numbers as exact text, binary as bytes, every data type), and maps every SDK error to a
//! [`dynamodel::Error`](crate::Error) with DynamoDB's exception name and message. It is the
//! only code in dynamodel that touches SDK types.
//!
//! ```no_run
//! # async fn demo() -> dynamodel::Result<()> {
//! use dynamodel::Client;
//! use dynamodel::aws::AwsBackend;
//!
//! // Region, credentials and profile from the environment, as the AWS CLI finds them.
//! let db = Client::new(AwsBackend::from_env().await?);
//!
//! // Or spelled out, e.g. for DynamoDB Local or `dynamodel local serve`:
//! let local = AwsBackend::builder()
//!     .region("us-east-1")
//!     .endpoint_url("http://127.0.0.1:8000")
//!     .credentials("local", "local")
//!     .load()
//!     .await?;
//! # let _ = (db, local);
//! # Ok(())
//! # }
//! ```
//!
//! Requests are retried as the SDK's retry configuration says (the standard mode, 3 attempts,
//! unless configured otherwise); throttling that outlasts the retries surfaces as an error
//! whose [`is_throttled`](crate::Error::is_throttled) and
//! [`is_retryable`](crate::Error::is_retryable) are true.

mod batch;
mod error;
mod operations;
mod table;
mod tags;
mod transact;
mod ttl;
mod update_table;
mod value;

use std::fmt;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_sdk_dynamodb::config::Credentials;
use aws_smithy_http_client::tls;

/// The `aws-config` crate dynamodel is built with.
pub use aws_config;
/// The `aws-sdk-dynamodb` crate dynamodel is built with, to name its types without a
/// version mismatch.
pub use aws_sdk_dynamodb as sdk;

use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::model::{
    BatchGetItemInput, BatchGetItemOutput, BatchWriteItemInput, BatchWriteItemOutput,
    CreateTableInput, CreateTableOutput, DeleteItemInput, DeleteItemOutput, DeleteTableInput,
    DeleteTableOutput, DescribeTableInput, DescribeTableOutput, DescribeTimeToLiveInput,
    DescribeTimeToLiveOutput, GetItemInput, GetItemOutput, ListTablesInput, ListTablesOutput,
    ListTagsOfResourceInput, ListTagsOfResourceOutput, PutItemInput, PutItemOutput, QueryInput,
    QueryOutput, ScanInput, ScanOutput, TagResourceInput, TagResourceOutput, TransactGetItemsInput,
    TransactGetItemsOutput, TransactWriteItemsInput, TransactWriteItemsOutput, UntagResourceInput,
    UntagResourceOutput, UpdateItemInput, UpdateItemOutput, UpdateTableInput, UpdateTableOutput,
    UpdateTimeToLiveInput, UpdateTimeToLiveOutput,
};

/// DynamoDB through `aws-sdk-dynamodb`: a [`Backend`] for [`Client`](crate::Client).
///
/// Cloning is cheap (the SDK client is reference counted).
#[derive(Clone)]
pub struct AwsBackend {
    client: aws_sdk_dynamodb::Client,
}

impl AwsBackend {
    /// A backend configured from the environment, the way the AWS CLI is: region from
    /// `AWS_REGION` or the profile, credentials from the standard chain (environment,
    /// profiles and SSO, web identity, container and instance metadata), the profile from
    /// `AWS_PROFILE`, an endpoint override from `AWS_ENDPOINT_URL(_DYNAMODB)`.
    ///
    /// Fails with a configuration error when no region is found.
    pub async fn from_env() -> Result<Self> {
        AwsBackend::builder().load().await
    }

    /// A builder that starts from the environment and overrides parts of it.
    pub fn builder() -> AwsBackendBuilder {
        AwsBackendBuilder::default()
    }

    /// A backend from a loaded `aws-config` configuration.
    pub fn from_sdk_config(config: &aws_config::SdkConfig) -> Self {
        AwsBackend::from_client(aws_sdk_dynamodb::Client::new(config))
    }

    /// A backend over an SDK client the caller built, with its configuration as it is
    /// (endpoint, retries, timeouts, HTTP client, interceptors).
    pub fn from_client(client: aws_sdk_dynamodb::Client) -> Self {
        AwsBackend { client }
    }

    /// The SDK client, for operations dynamodel does not model.
    pub fn client(&self) -> &aws_sdk_dynamodb::Client {
        &self.client
    }
}

impl From<aws_sdk_dynamodb::Client> for AwsBackend {
    fn from(client: aws_sdk_dynamodb::Client) -> Self {
        AwsBackend::from_client(client)
    }
}

impl fmt::Debug for AwsBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = self.client.config();
        f.debug_struct("AwsBackend")
            .field("region", &config.region().map(|r| r.as_ref()))
            .finish_non_exhaustive()
    }
}

/// Configures an [`AwsBackend`]: whatever is not set comes from the environment, as
/// [`AwsBackend::from_env`] finds it.
#[must_use = "a builder does nothing until `load` is awaited"]
pub struct AwsBackendBuilder {
    loader: aws_config::ConfigLoader,
}

impl Default for AwsBackendBuilder {
    fn default() -> Self {
        AwsBackendBuilder {
            loader: aws_config::defaults(BehaviorVersion::latest()).http_client(https_client()),
        }
    }
}

impl fmt::Debug for AwsBackendBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsBackendBuilder").finish_non_exhaustive()
    }
}

impl AwsBackendBuilder {
    /// The AWS region, e.g. `eu-west-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.loader = self.loader.region(aws_config::Region::new(region.into()));
        self
    }

    /// The named profile of `~/.aws/config` and `~/.aws/credentials` to use.
    pub fn profile_name(mut self, profile: impl Into<String>) -> Self {
        self.loader = self.loader.profile_name(profile);
        self
    }

    /// Send requests to this endpoint instead of DynamoDB's regional one, e.g.
    /// `http://127.0.0.1:8000` for `dynamodel local serve` or DynamoDB Local.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.loader = self.loader.endpoint_url(url);
        self
    }

    /// Fixed credentials instead of the credential chain.
    pub fn credentials(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
    ) -> Self {
        let credentials =
            Credentials::new(access_key_id, secret_access_key, None, None, "dynamodel");
        self.loader = self.loader.credentials_provider(credentials);
        self
    }

    /// Retries other than the SDK's standard mode with 3 attempts.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.loader = self.loader.retry_config(retry);
        self
    }

    /// Anything else `aws-config` can set.
    pub fn configure(
        mut self,
        f: impl FnOnce(aws_config::ConfigLoader) -> aws_config::ConfigLoader,
    ) -> Self {
        self.loader = f(self.loader);
        self
    }

    /// Loads the configuration and builds the backend. Fails with a configuration error when
    /// no region is set or found.
    pub async fn load(self) -> Result<AwsBackend> {
        let config = self.loader.load().await;
        if config.region().is_none() {
            return Err(Error::configuration(
                "no AWS region is configured: set `AWS_REGION`, give the profile a region, or call `region` on `AwsBackend::builder()`",
            ));
        }
        Ok(AwsBackend::from_sdk_config(&config))
    }
}

/// HTTPS (and plain HTTP for local endpoints) with rustls on ring.
fn https_client() -> aws_sdk_dynamodb::config::SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https()
}

macro_rules! operations {
    ($($module:ident::$method:ident($input:ty) -> $output:ty;)+) => {
        impl Backend for AwsBackend {
            $(
                fn $method(&self, input: $input) -> impl Future<Output = Result<$output>> + Send {
                    $module::$method(&self.client, input)
                }
            )+
        }
    };
}

operations! {
    operations::create_table(CreateTableInput) -> CreateTableOutput;
    operations::delete_table(DeleteTableInput) -> DeleteTableOutput;
    operations::describe_table(DescribeTableInput) -> DescribeTableOutput;
    update_table::update_table(UpdateTableInput) -> UpdateTableOutput;
    operations::list_tables(ListTablesInput) -> ListTablesOutput;
    operations::put_item(PutItemInput) -> PutItemOutput;
    operations::get_item(GetItemInput) -> GetItemOutput;
    operations::delete_item(DeleteItemInput) -> DeleteItemOutput;
    operations::update_item(UpdateItemInput) -> UpdateItemOutput;
    operations::query(QueryInput) -> QueryOutput;
    operations::scan(ScanInput) -> ScanOutput;
    transact::transact_write_items(TransactWriteItemsInput) -> TransactWriteItemsOutput;
    transact::transact_get_items(TransactGetItemsInput) -> TransactGetItemsOutput;
    batch::batch_write_item(BatchWriteItemInput) -> BatchWriteItemOutput;
    batch::batch_get_item(BatchGetItemInput) -> BatchGetItemOutput;
    ttl::update_time_to_live(UpdateTimeToLiveInput) -> UpdateTimeToLiveOutput;
    ttl::describe_time_to_live(DescribeTimeToLiveInput) -> DescribeTimeToLiveOutput;
    tags::tag_resource(TagResourceInput) -> TagResourceOutput;
    tags::untag_resource(UntagResourceInput) -> UntagResourceOutput;
    tags::list_tags_of_resource(ListTagsOfResourceInput) -> ListTagsOfResourceOutput;
}
