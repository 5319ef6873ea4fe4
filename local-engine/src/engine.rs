//! The engine handle, its configuration, and the `Backend` implementation.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use dynamodel::Backend;
use dynamodel::error::Result;
use dynamodel::model::{
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

use crate::clock::Clock;
use crate::expr::ExprCache;
use crate::ops;
use crate::storage::Registry;
use crate::tokens::Tokens;

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
    hide_expired: bool,
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

    /// Whether reads skip items whose time to live has passed but that
    /// [`Engine::expire_now`] has not deleted yet (default `false`: DynamoDB deletes expired
    /// items within days and returns them until then).
    #[must_use]
    pub fn hide_expired_items(mut self, hide: bool) -> Self {
        self.hide_expired = hide;
        self
    }

    /// The engine, empty.
    pub fn build(self) -> Engine {
        Engine {
            shared: Arc::new(Shared {
                config: self.config,
                hide_expired: self.hide_expired,
                ..Shared::default()
            }),
        }
    }
}

/// State shared by every clone of one engine.
#[derive(Default)]
pub(crate) struct Shared {
    pub(crate) config: EngineConfig,
    pub(crate) tables: Registry,
    pub(crate) expressions: ExprCache,
    pub(crate) clock: Clock,
    pub(crate) tokens: Tokens,
    /// Whether reads skip expired items (see [`EngineBuilder::hide_expired_items`]).
    pub(crate) hide_expired: bool,
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

    /// The engine's current time: the system time moved forward by every
    /// [`advance_clock`](Engine::advance_clock). Client request tokens expire by this clock.
    pub fn now(&self) -> SystemTime {
        self.shared.clock.now()
    }

    /// Moves the engine's clock forward by `by`, for every clone of this engine.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// Deletes every item whose time to live has passed, in every table with time to live
    /// enabled, as DynamoDB's background process eventually does; returns how many.
    pub fn expire_now(&self) -> usize {
        crate::ttl::sweep(&self.shared)
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
    update_table(UpdateTableInput) -> UpdateTableOutput;
    list_tables(ListTablesInput) -> ListTablesOutput;
    put_item(PutItemInput) -> PutItemOutput;
    get_item(GetItemInput) -> GetItemOutput;
    delete_item(DeleteItemInput) -> DeleteItemOutput;
    update_item(UpdateItemInput) -> UpdateItemOutput;
    query(QueryInput) -> QueryOutput;
    scan(ScanInput) -> ScanOutput;
    transact_write_items(TransactWriteItemsInput) -> TransactWriteItemsOutput;
    transact_get_items(TransactGetItemsInput) -> TransactGetItemsOutput;
    batch_write_item(BatchWriteItemInput) -> BatchWriteItemOutput;
    batch_get_item(BatchGetItemInput) -> BatchGetItemOutput;
    update_time_to_live(UpdateTimeToLiveInput) -> UpdateTimeToLiveOutput;
    describe_time_to_live(DescribeTimeToLiveInput) -> DescribeTimeToLiveOutput;
    tag_resource(TagResourceInput) -> TagResourceOutput;
    untag_resource(UntagResourceInput) -> UntagResourceOutput;
    list_tags_of_resource(ListTagsOfResourceInput) -> ListTagsOfResourceOutput;
}
