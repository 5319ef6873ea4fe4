//! The typed client: table management, item reads and writes, queries and scans over any
//! [`Backend`].
//!
//! Every request builder can be `.await`ed directly (it implements [`IntoFuture`]) or sent
//! with `.send().await`.
//!
//! [`IntoFuture`]: std::future::IntoFuture

mod batch;
mod collection;
mod cursor;
mod index;
mod items;
mod query;
mod retry;
mod scan;
mod stamps;
mod stream;
mod tables;
mod transaction;
mod update;
mod versioned;

pub use batch::{
    BatchGet, BatchGetError, BatchWrite, BatchWriteError, MAX_BATCH_KEYS, MAX_BATCH_WRITES, WriteOp,
};
pub use collection::{CollectionQuery, Members};
pub use cursor::{CursorKey, MIN_CURSOR_KEY_LEN};
pub use items::{Delete, DeleteReturningOld, Get, GetProjected, Put, PutReturningOld};
pub use query::{
    NextSortKey, OpenSort, Prefixed, ProjectedQuery, Query, SortCondition, Sorted, Unsorted,
};
pub use retry::RetryPolicy;
pub use scan::{ParallelScan, ProjectedScan, Scan};
pub use transaction::{
    ItemHandle, TransactGetBuilder, TransactGetResults, Transaction, TransactionFailure,
};
pub use update::{UpdateItem, UpdateReturning, UpdateReturningOld};
pub use versioned::Versioned;

use crate::backend::Backend;
use crate::error::Result;
use crate::lifecycle::{Clock, SharedClock};
use crate::model::Item;

/// Typed access to DynamoDB tables through a [`Backend`]: the in-process engine
/// (`dynamodel_local::Engine`) or real DynamoDB.
///
/// Cloning a client clones the backend handle (cheap for the engine).
#[derive(Clone, Debug)]
pub struct Client<B> {
    backend: B,
    clock: SharedClock,
}

impl<B: Backend> Client<B> {
    /// A client over a backend.
    pub fn new(backend: B) -> Self {
        Client {
            backend,
            clock: SharedClock::default(),
        }
    }

    /// Reads the time for `created_at` and `updated_at` fields from `clock` instead of the
    /// system clock (see [`Clock`]).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        self.clock = SharedClock(std::sync::Arc::new(clock));
        self
    }

    /// The current time of this client's clock.
    pub fn now(&self) -> std::time::SystemTime {
        self.clock.0.now()
    }

    /// The backend, for raw model-level calls.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Takes the backend back.
    pub fn into_backend(self) -> B {
        self.backend
    }
}

/// One page of typed Query or Scan results.
#[derive(Clone, Debug)]
pub struct Page<T> {
    /// The items of this page, in the order DynamoDB returned them.
    pub items: Vec<T>,
    /// Items that matched (after any filter).
    pub count: u32,
    /// Items evaluated (before any filter).
    pub scanned_count: u32,
    /// Where the next page starts; `None` when this was the last page. Pass it to
    /// `start_after` to continue, or hand out [`Page::cursor`] instead.
    pub last_evaluated_key: Option<Item>,
    /// The request this page came from, which its cursor is bound to.
    scope: Option<cursor::CursorScope>,
}

impl<T> Page<T> {
    /// Whether more pages may follow.
    pub fn has_more(&self) -> bool {
        self.last_evaluated_key.is_some()
    }

    /// An opaque, URL-safe token for the next page, signed with `key` and bound to the
    /// request this page came from (table, index, key condition); `None` on the last page.
    /// Give it back to the same request with `after_cursor`. See [`CursorKey`] for the
    /// format and what it protects against.
    ///
    /// ```
    /// # use dynamodel::{Backend, Client, CursorKey, Result, Table};
    /// # #[derive(Table)] #[dynamodel(table = "orders")]
    /// # struct Order { #[dynamodel(partition_key)] customer: String, #[dynamodel(sort_key)] seq: u32 }
    /// /// One page of a customer's orders for a web API: the items and the next page's token.
    /// async fn orders_page<B: Backend>(
    ///     db: &Client<B>,
    ///     key: &CursorKey,
    ///     customer: &str,
    ///     cursor: Option<&str>,
    /// ) -> Result<(Vec<Order>, Option<String>)> {
    ///     let mut query = db.query::<Order>(customer).limit(20);
    ///     if let Some(cursor) = cursor {
    ///         query = query.after_cursor(key, cursor); // an altered cursor: `is_invalid_cursor()`
    ///     }
    ///     let page = query.await?;
    ///     let next = page.cursor(key)?;
    ///     Ok((page.items, next))
    /// }
    /// ```
    pub fn cursor(&self, key: &CursorKey) -> Result<Option<String>> {
        match (&self.last_evaluated_key, &self.scope) {
            (Some(last), Some(scope)) => scope.encode(key, last).map(Some),
            (Some(_), None) => Err(crate::Error::configuration(
                "this page was not read by a typed query or scan, so it has no cursor scope",
            )),
            (None, _) => Ok(None),
        }
    }
}

/// Decodes a page's raw items.
fn decode_items<O>(items: Option<Vec<Item>>, decode: fn(Item) -> Result<O>) -> Result<Vec<O>> {
    items.unwrap_or_default().into_iter().map(decode).collect()
}

/// Counts from the wire are never negative; clamp defensively instead of wrapping.
fn count(value: i32) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

/// Request builders print their table, not their borrowed client.
macro_rules! debug_builder {
    ($($builder:ident<$($lt:lifetime,)? B, T $(, $s:ident)?>),+ $(,)?) => {$(
        impl<$($lt,)? B, T: crate::table::Table $(, $s)?> std::fmt::Debug for $builder<$($lt,)? B, T $(, $s)?> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($builder)).field("table", &T::TABLE_NAME).finish_non_exhaustive()
            }
        }
    )+};
}

debug_builder!(
    UpdateItem<'a, B, T>,
    UpdateReturning<'a, B, T>,
    UpdateReturningOld<'a, B, T>,
    Put<'a, B, T>,
    PutReturningOld<'a, B, T>,
    Get<'a, B, T>,
    Delete<'a, B, T>,
    DeleteReturningOld<'a, B, T>,
);

#[cfg(test)]
mod tests;

/// Queries and scans print their table and index, not their borrowed client.
macro_rules! debug_reader {
    ($($builder:ident<$lt:lifetime, B, T $(, $param:ident)*>),+ $(,)?) => {$(
        impl<$lt, B, T: crate::index::Source $(, $param)*> std::fmt::Debug for $builder<$lt, B, T $(, $param)*> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($builder))
                    .field("table", &<T::Table as crate::table::Table>::TABLE_NAME)
                    .field("index", &T::INDEX_NAME)
                    .finish_non_exhaustive()
            }
        }
    )+};
}

debug_reader!(
    Query<'a, B, T, S>,
    ProjectedQuery<'a, B, T, S, P>,
    Scan<'a, B, T>,
    ProjectedScan<'a, B, T, P>,
);

impl<B, T: crate::table::Table, P> std::fmt::Debug for GetProjected<'_, B, T, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GetProjected")
            .field("table", &T::TABLE_NAME)
            .finish_non_exhaustive()
    }
}
