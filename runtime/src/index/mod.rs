//! Secondary indexes described by Rust types.
//!
//! `#[derive(Table)]` turns each `global_index(...)` and `local_index(...)` of a table into a
//! marker type implementing [`Index`], reached through an associated function of the table
//! (`Image::by_user()`). Queries and scans read a [`Source`]: a table (every [`Table`] is
//! one) or one of its indexes, with the index's key types, and the item type its projection
//! allows: the table's struct for an `ALL` projection, a generated projection struct
//! otherwise.
//!
//! ```
//! use dynamodel::{Backend, Client, Result, Table};
//!
//! #[derive(Table)]
//! #[dynamodel(table = "images")]
//! #[dynamodel(global_index(name = "by_user", partition_key = "user_id", sort_key = "created_at", projection = keys_only))]
//! pub struct Image {
//!     #[dynamodel(partition_key)]
//!     id: String,
//!     user_id: String,
//!     created_at: u64,
//!     title: String,
//! }
//!
//! /// The keys of a user's images since `since`, newest first.
//! async fn recent<B: Backend>(db: &Client<B>, user: &str, since: u64) -> Result<Vec<String>> {
//!     // `ImageByUserItem`: the table key and the index key, as KEYS_ONLY projects them.
//!     let items = db.query_index(Image::by_user(), user).sort_ge(since).descending().all().await?;
//!     Ok(items.into_iter().map(|item| item.id).collect())
//! }
//! ```

mod key;
mod projection;

pub use key::{AsKey, SortKeyParts};
#[doc(hidden)]
pub use projection::ProjectionCheck;

use crate::error::Result;
use crate::model::Item;
use crate::table::Table;

/// Whether an index is global or local.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndexKind {
    /// A global secondary index: its own partition key, eventually consistent reads only.
    Global,
    /// A local secondary index: the table's partition key with another sort key.
    Local,
}

/// What a Query or Scan reads: a table, or one of its secondary indexes.
///
/// Every [`Table`] is a source that reads the table itself. `#[derive(Table)]` implements it
/// for the marker type of each declared index (see [`Index`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither a table nor a secondary index",
    label = "expected a type with `#[derive(Table)]` or an index of one",
    note = "declare indexes with `#[dynamodel(global_index(...))]` or `#[dynamodel(local_index(...))]` on the table"
)]
pub trait Source: Send + Sync + 'static {
    /// The table read.
    type Table: Table;
    /// The partition key's Rust type: a key type, or a tuple of them for a multi-attribute
    /// key.
    type PartitionKey: Send + Sync + 'static;
    /// The sort key's Rust type: a key type, a tuple of them for a multi-attribute key, or
    /// [`NoSortKey`](crate::NoSortKey).
    type SortKey: Send + Sync + 'static;
    /// What one item read decodes into.
    type Item: Send + 'static;

    /// The index name, or `None` for the table itself.
    const INDEX_NAME: Option<&'static str>;
    /// The partition key attributes, in key order.
    const PARTITION_ATTRIBUTES: &'static [&'static str];
    /// The sort key attributes, in key order (empty without a sort key).
    const SORT_ATTRIBUTES: &'static [&'static str];
    /// The Rust names of the table's fields that the source holds: `None` when it holds
    /// every attribute (a table, or an index with an `ALL` projection).
    const PROJECTED_FIELDS: Option<&'static [&'static str]>;

    /// Decodes one item read.
    fn decode(item: Item) -> Result<Self::Item>;
}

impl<T: Table> Source for T {
    type Table = T;
    type PartitionKey = T::PartitionKey;
    type SortKey = T::SortKey;
    type Item = T;

    const INDEX_NAME: Option<&'static str> = None;
    const PARTITION_ATTRIBUTES: &'static [&'static str] = &[T::PARTITION_KEY];
    const SORT_ATTRIBUTES: &'static [&'static str] = match T::SORT_KEY {
        Some(sort_key) => &[sort_key],
        None => &[],
    };
    const PROJECTED_FIELDS: Option<&'static [&'static str]> = None;

    fn decode(item: Item) -> Result<T> {
        T::from_item(item)
    }
}

/// A secondary index of a table, declared on the table's struct with
/// `#[dynamodel(global_index(...))]` or `#[dynamodel(local_index(...))]`.
///
/// `#[derive(Table)]` generates one marker type per index, named after the table and the
/// index (`ImageByUserIndex` for index `by_user` of `Image`), and an associated function
/// returning it (`Image::by_user()`). Pass it to [`Client::query_index`] and
/// [`Client::scan_index`].
///
/// [`Client::query_index`]: crate::Client::query_index
/// [`Client::scan_index`]: crate::Client::scan_index
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a secondary index",
    label = "expected an index marker, such as `Image::by_user()`",
    note = "declare indexes with `#[dynamodel(global_index(...))]` or `#[dynamodel(local_index(...))]` on the table; query a table with `query::<T>(...)`"
)]
pub trait Index: Source + Copy {
    /// The index name.
    const NAME: &'static str;
    /// Global or local.
    const KIND: IndexKind;
}

/// Sources that can be read with strong consistency: tables and their local secondary
/// indexes. DynamoDB reads global secondary indexes eventually consistently only.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read with strong consistency",
    label = "`consistent_read` is not available on a global secondary index",
    note = "DynamoDB reads global secondary indexes eventually consistently only; query the table or a local secondary index to read consistently"
)]
pub trait ConsistentReads: Source {}

impl<T: Table> ConsistentReads for T {}
