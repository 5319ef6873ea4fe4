//! Collection queries: one Query over a partition shared by several entity types, read
//! into a [`Collection`] enum.

use std::future::IntoFuture;
use std::marker::PhantomData;

use futures::stream::{BoxStream, StreamExt, TryStreamExt};

use super::cursor::CursorKey;
use super::items::BoxFuture;
use super::query::{Query, Sorted, Unsorted};
use super::{Client, Page};
use crate::backend::Backend;
use crate::collection::{Collection, decode_item};
use crate::error::Result;
use crate::expr::AsValue;
use crate::index::{ConsistentReads, Source};
use crate::key_template::SortKeyMatch;
use crate::model::Item;
use crate::table::Table;

/// The items of collection `C`'s table as a query source: its anchor's table, keys and
/// attributes, read as raw items that the collection query decodes.
#[doc(hidden)]
#[derive(Debug)]
pub struct Members<C>(PhantomData<fn() -> C>);

impl<C: Collection> Source for Members<C> {
    type Table = C::Anchor;
    type PartitionKey = <C::Anchor as Source>::PartitionKey;
    type SortKey = <C::Anchor as Source>::SortKey;
    type Item = Item;

    const INDEX_NAME: Option<&'static str> = None;
    const PARTITION_ATTRIBUTES: &'static [&'static str] =
        <C::Anchor as Source>::PARTITION_ATTRIBUTES;
    const SORT_ATTRIBUTES: &'static [&'static str] = <C::Anchor as Source>::SORT_ATTRIBUTES;
    const PROJECTED_FIELDS: Option<&'static [&'static str]> = None;

    fn decode(item: Item) -> Result<Item> {
        Ok(item)
    }
}

impl<C: Collection> ConsistentReads for Members<C> {}

/// A Query of one partition that reads every entity of collection `C` stored there, such
/// as a user's profile and their posts, in sort-key order. Built by
/// [`Client::query_collection`].
///
/// Each item is read into the variant its entity attribute names; an item of another
/// entity fails the request unless [`skip_unknown`](Self::skip_unknown) is set.
#[must_use = "a request does nothing until it is awaited"]
pub struct CollectionQuery<'a, B, C: Collection, S = Unsorted> {
    query: Query<'a, B, Members<C>, S>,
    skip_unknown: bool,
}

impl<B: Backend> Client<B> {
    /// Queries the partition `partition` of collection `C`: the partition key of its first
    /// variant, such as `User::partition("u1")`, which every variant shares.
    ///
    /// ```
    /// use dynamodel::{Backend, Client, Collection, Result, Table};
    ///
    /// #[derive(Table)]
    /// #[dynamodel(table = "social", entity = "user")]
    /// #[dynamodel(partition_key(name = "pk", template = "USER#{user_id}"))]
    /// #[dynamodel(sort_key(name = "sk", template = "PROFILE"))]
    /// struct User { user_id: String, name: String }
    ///
    /// #[derive(Table)]
    /// #[dynamodel(table = "social", entity = "post")]
    /// #[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
    /// #[dynamodel(sort_key(name = "sk", template = "POST#{posted_at}#{post_id}"))]
    /// struct Post { author: String, posted_at: u64, post_id: String, text: String }
    ///
    /// #[derive(Collection)]
    /// enum UserPage { User(User), Post(Post) }
    ///
    /// /// A profile and its latest posts in one request.
    /// async fn page<B: Backend>(db: &Client<B>, user: &str) -> Result<Vec<UserPage>> {
    ///     db.query_collection::<UserPage>(User::partition(user)).descending().all().await
    /// }
    /// ```
    pub fn query_collection<C: Collection>(
        &self,
        partition: impl AsValue<<C::Anchor as Table>::PartitionKey>,
    ) -> CollectionQuery<'_, B, C> {
        CollectionQuery {
            query: Query::new(self, partition.to_value().map(|value| vec![value])),
            skip_unknown: false,
        }
    }
}

impl<'a, B: Backend, C: Collection> CollectionQuery<'a, B, C, Unsorted> {
    /// Items whose sort key matches a typed prefix or range of any variant's sort key
    /// template, such as `Post::sort_prefix()` (every post) or
    /// `Post::sort_prefix().posted_at_in(a..=b)`.
    pub fn sort_within(self, matching: impl SortKeyMatch) -> CollectionQuery<'a, B, C, Sorted> {
        CollectionQuery {
            query: self.query.sort_condition(matching.sort_condition()),
            skip_unknown: self.skip_unknown,
        }
    }
}

impl<'a, B: Backend, C: Collection, S> CollectionQuery<'a, B, C, S> {
    /// Leave out items whose entity no variant holds (or that have no entity attribute),
    /// instead of failing the request.
    pub fn skip_unknown(mut self) -> Self {
        self.skip_unknown = true;
        self
    }

    /// Return items in descending sort-key order.
    pub fn descending(mut self) -> Self {
        self.query = self.query.descending();
        self
    }

    /// Evaluate at most `limit` items per request (before any entity is skipped).
    pub fn limit(mut self, limit: u32) -> Self {
        self.query = self.query.limit(limit);
        self
    }

    /// Read with strong consistency.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.query = self.query.consistent_read(consistent);
        self
    }

    /// Continue after the `last_evaluated_key` of an earlier page.
    pub fn start_after(mut self, last_evaluated_key: Item) -> Self {
        self.query = self.query.start_after(last_evaluated_key);
        self
    }

    /// Continue after a [`Page::cursor`] token of this same query (see
    /// [`Query::after_cursor`]).
    pub fn after_cursor(mut self, key: &CursorKey, cursor: &str) -> Self {
        self.query = self.query.after_cursor(key, cursor);
        self
    }

    fn decoder(&self) -> fn(Item) -> Result<Option<C>> {
        if self.skip_unknown {
            |item| decode_item(item, true)
        } else {
            |item| decode_item(item, false)
        }
    }

    /// Sends one request and returns one page.
    pub async fn send(self) -> Result<Page<C>> {
        let decode = self.decoder();
        decode_page(self.query.send().await?, decode)
    }

    /// The pages, lazily (see [`Query::pages`]).
    pub fn pages(self) -> BoxStream<'a, Result<Page<C>>> {
        let decode = self.decoder();
        self.query
            .pages()
            .map(move |page| decode_page(page?, decode))
            .boxed()
    }

    /// The items of every page, lazily, in sort-key order.
    pub fn stream(self) -> BoxStream<'a, Result<C>> {
        let decode = self.decoder();
        self.query
            .stream()
            .try_filter_map(move |item| futures::future::ready(decode(item)))
            .boxed()
    }

    /// Follows every page and returns all items.
    pub async fn all(self) -> Result<Vec<C>> {
        self.stream().try_collect().await
    }
}

impl<'a, B: Backend, C: Collection, S: 'a> IntoFuture for CollectionQuery<'a, B, C, S> {
    type Output = Result<Page<C>>;
    type IntoFuture = BoxFuture<'a, Result<Page<C>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<B, C: Collection, S> std::fmt::Debug for CollectionQuery<'_, B, C, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CollectionQuery")
            .field("collection", &C::NAME)
            .field("table", &<C::Anchor as Table>::TABLE_NAME)
            .finish_non_exhaustive()
    }
}

/// Decodes the raw items of a page, keeping its counts and cursor.
fn decode_page<C>(page: Page<Item>, decode: fn(Item) -> Result<Option<C>>) -> Result<Page<C>> {
    let items = page
        .items
        .into_iter()
        .filter_map(|item| decode(item).transpose())
        .collect::<Result<Vec<C>>>()?;
    Ok(Page {
        items,
        count: page.count,
        scanned_count: page.scanned_count,
        last_evaluated_key: page.last_evaluated_key,
        scope: page.scope,
    })
}
