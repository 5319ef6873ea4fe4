//! The engine handle, its configuration, and the `Backend` implementation.

use std::fmt;
use std::sync::Arc;

use dynamodel::Backend;
use dynamodel::error::Result;
use dynamodel::model::{
    CreateTableInput, CreateTableOutput, DeleteItemInput, DeleteItemOutput, DeleteTableInput,
    DeleteTableOutput, DescribeTableInput, DescribeTableOutput, GetItemInput, GetItemOutput,
    ListTablesInput, ListTablesOutput, PutItemInput, PutItemOutput, QueryInput, QueryOutput,
    ScanInput, ScanOutput, UpdateItemInput, UpdateItemOutput,
};

use crate::expr::ExprCache;
use crate::ops;
use crate::storage::Registry;

/// Where the engine pretends to run: used in table ARNs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineConfig {
    /// The AWS region (default `us-east-1`).
    pub region: String,
    /// The 12-digit account id (default `000000000000`).
    pub account_id: String,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            region: "us-east-1".to_owned(),
            account_id: "000000000000".to_owned(),
        }
    }
}

/// Builds an [`Engine`] with a non-default [`EngineConfig`].
#[derive(Clone, Debug, Default)]
pub struct EngineBuilder {
    config: EngineConfig,
}

impl EngineBuilder {
    /// Sets the region used in ARNs.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = region.into();
        self
    }

    /// Sets the account id used in ARNs.
    #[must_use]
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.config.account_id = account_id.into();
        self
    }

    /// The engine, empty.
    pub fn build(self) -> Engine {
        Engine::with_config(self.config)
    }
}

/// State shared by every clone of one engine.
#[derive(Default)]
pub(crate) struct Shared {
    pub(crate) config: EngineConfig,
    pub(crate) tables: Registry,
    pub(crate) expressions: ExprCache,
}

/// An in-process DynamoDB: tables and items in memory, DynamoDB's semantics and messages.
///
/// Cloning is cheap and every clone sees the same tables. Operations on one table are
/// serialized by that table's lock (reads share it); different tables never contend.
///
/// ```
/// use dynamodel::Backend;
/// use dynamodel::model::ListTablesInput;
///
/// let engine = dynamodel_local::Engine::new();
/// let tables = futures_lite_block_on(engine.list_tables(ListTablesInput::default()));
/// assert!(tables.unwrap().table_names.is_empty());
/// # fn futures_lite_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     let waker = std::task::Waker::noop();
/// #     let mut cx = std::task::Context::from_waker(&waker);
/// #     let mut f = std::pin::pin!(f);
/// #     loop {
/// #         if let std::task::Poll::Ready(out) = f.as_mut().poll(&mut cx) { return out; }
/// #     }
/// # }
/// ```
#[derive(Clone, Default)]
pub struct Engine {
    pub(crate) shared: Arc<Shared>,
}

impl Engine {
    /// An empty engine in `us-east-1`, account `000000000000`.
    pub fn new() -> Self {
        Engine::default()
    }

    /// A builder for an engine with another region or account.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// An empty engine with `config`.
    pub fn with_config(config: EngineConfig) -> Self {
        Engine {
            shared: Arc::new(Shared {
                config,
                ..Shared::default()
            }),
        }
    }

    /// The engine's configuration.
    pub fn config(&self) -> &EngineConfig {
        &self.shared.config
    }
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("region", &self.shared.config.region)
            .field("account_id", &self.shared.config.account_id)
            .field("tables", &self.shared.tables.len())
            .finish()
    }
}

macro_rules! operations {
    ($($method:ident($input:ty) -> $output:ty;)+) => {
        impl Backend for Engine {
            $(
                fn $method(
                    &self,
                    input: $input,
                ) -> impl Future<Output = Result<$output>> + Send {
                    let shared = Arc::clone(&self.shared);
                    async move { ops::$method::run(&shared, input) }
                }
            )+
        }
    };
}

operations! {
    create_table(CreateTableInput) -> CreateTableOutput;
    delete_table(DeleteTableInput) -> DeleteTableOutput;
    describe_table(DescribeTableInput) -> DescribeTableOutput;
    list_tables(ListTablesInput) -> ListTablesOutput;
    put_item(PutItemInput) -> PutItemOutput;
    get_item(GetItemInput) -> GetItemOutput;
    delete_item(DeleteItemInput) -> DeleteItemOutput;
    update_item(UpdateItemInput) -> UpdateItemOutput;
    query(QueryInput) -> QueryOutput;
    scan(ScanInput) -> ScanOutput;
}
