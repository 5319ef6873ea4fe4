//! The typed client: table management, item reads and writes, queries and scans over any
//! [`Backend`].
//!
//! Every request builder can be `.await`ed directly (it implements [`IntoFuture`]) or sent
//! with `.send().await`.
//!
//! [`IntoFuture`]: std::future::IntoFuture

mod batch;
mod items;
mod query;
mod retry;
mod scan;
mod tables;
mod transaction;
mod update;
mod versioned;

pub use batch::{
    BatchGet, BatchGetError, BatchWrite, BatchWriteError, MAX_BATCH_KEYS, MAX_BATCH_WRITES, WriteOp,
};
pub use items::{Delete, DeleteReturningOld, Get, GetProjected, Put, PutReturningOld};
pub use query::{ProjectedQuery, Query, SortCondition, Sorted, Unsorted};
pub use retry::RetryPolicy;
pub use scan::{ProjectedScan, Scan};
pub use transaction::{
    ItemHandle, TransactGetBuilder, TransactGetResults, Transaction, TransactionFailure,
};
pub use update::{UpdateItem, UpdateReturning, UpdateReturningOld};
pub use versioned::Versioned;

use crate::backend::Backend;
use crate::error::Result;
use crate::model::Item;

/// Typed access to DynamoDB tables through a [`Backend`]: the in-process engine
/// (`dynamodel_local::Engine`) or real DynamoDB.
///
/// Cloning a client clones the backend handle (cheap for the engine).
#[derive(Clone, Debug)]
pub struct Client<B> {
    backend: B,
}

impl<B: Backend> Client<B> {
    /// A client over a backend.
    pub fn new(backend: B) -> Self {
        Client { backend }
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
    /// `start_after` to continue.
    pub last_evaluated_key: Option<Item>,
}

impl<T> Page<T> {
    /// Whether more pages may follow.
    pub fn has_more(&self) -> bool {
        self.last_evaluated_key.is_some()
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
    Query<'a, B, T, S>,
    Scan<'a, B, T>
);

#[cfg(test)]
mod tests;

impl<B, T: crate::table::Table, S, P> std::fmt::Debug for ProjectedQuery<'_, B, T, S, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProjectedQuery")
            .field("table", &T::TABLE_NAME)
            .finish_non_exhaustive()
    }
}

impl<B, T: crate::table::Table, P> std::fmt::Debug for ProjectedScan<'_, B, T, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProjectedScan")
            .field("table", &T::TABLE_NAME)
            .finish_non_exhaustive()
    }
}

impl<B, T: crate::table::Table, P> std::fmt::Debug for GetProjected<'_, B, T, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GetProjected")
            .field("table", &T::TABLE_NAME)
            .finish_non_exhaustive()
    }
}
