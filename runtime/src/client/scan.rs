//! Typed Scan over a whole table or secondary index, optionally one segment of a parallel
//! scan.

use std::future::IntoFuture;
use std::marker::PhantomData;

use futures::stream::{self as futures_stream, BoxStream, StreamExt, TryStreamExt};

use super::cursor::{CursorKey, CursorScope, PendingCursor};
use super::items::BoxFuture;
use super::{Client, Page, stream};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::expr::{Condition, ConditionNode, Document, Projection, RawPath, Renderer};
use crate::index::{ConsistentReads, ProjectionCheck, Source};
use crate::model::{Item, ScanInput, Select};
use crate::table::Table;

/// A Scan of a table or a secondary index `T` (see [`Source`]). Built by [`Client::scan`]
/// and [`Client::scan_index`].
#[must_use = "a request does nothing until it is awaited"]
pub struct Scan<'a, B, T> {
    client: &'a Client<B>,
    limit: Option<u32>,
    consistent_read: bool,
    start: Option<Item>,
    cursor: Option<PendingCursor>,
    segment: Option<(u32, u32)>,
    filter: Option<Result<ConditionNode>>,
    projection: Option<Vec<RawPath>>,
    table: PhantomData<fn() -> T>,
}

impl<B: Backend> Client<B> {
    /// Scans every item of `T`'s table, in DynamoDB's (hash) order.
    pub fn scan<T: Table>(&self) -> Scan<'_, B, T> {
        Scan::new(self)
    }
}

impl<'a, B: Backend, T: Source> Scan<'a, B, T> {
    /// A scan of every item of `T`.
    pub(super) fn new(client: &'a Client<B>) -> Self {
        Scan {
            client,
            limit: None,
            consistent_read: false,
            start: None,
            cursor: None,
            segment: None,
            filter: None,
            projection: None,
            table: PhantomData,
        }
    }
}

impl<'a, B: Backend, T: Source> Scan<'a, B, T> {
    /// Evaluate at most `limit` items per request (DynamoDB's `Limit`).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Read with strong consistency (tables and local secondary indexes only: DynamoDB
    /// reads global secondary indexes eventually consistently).
    pub fn consistent_read(mut self, consistent: bool) -> Self
    where
        T: ConsistentReads,
    {
        self.consistent_read = consistent;
        self
    }

    /// Continue after the `last_evaluated_key` of an earlier page.
    pub fn start_after(mut self, last_evaluated_key: Item) -> Self {
        self.start = Some(last_evaluated_key);
        self
    }

    /// Continue after a [`Page::cursor`] token that this same scan (same table, index and
    /// segment) issued under `key`; verified when the scan is sent, failing with
    /// [`Error::is_invalid_cursor`] when altered or foreign. Replaces `start_after`.
    pub fn after_cursor(mut self, key: &CursorKey, cursor: &str) -> Self {
        self.cursor = Some(PendingCursor {
            key: key.clone(),
            token: cursor.to_owned(),
        });
        self
    }

    /// Scan only `segment` of `total_segments` (a parallel scan worker's share).
    pub fn segment(mut self, segment: u32, total_segments: u32) -> Self {
        self.segment = Some((segment, total_segments));
        self
    }

    /// A parallel scan in `segments` segments (DynamoDB's `TotalSegments`, 1 to 1,000,000),
    /// each read by its own lazy stream of requests; at most `segments` requests are in
    /// flight at once. Consume it merged ([`ParallelScan::stream`], [`ParallelScan::all`])
    /// or one stream per segment ([`ParallelScan::into_segments`]). Replaces `segment`.
    ///
    /// ```
    /// use futures::TryStreamExt;
    /// # use dynamodel::{Backend, Client, Result, Table};
    /// # #[derive(Table)] #[dynamodel(table = "events")]
    /// # struct Event { #[dynamodel(partition_key)] id: String, bytes: u64 }
    /// /// Sums a large table with four concurrent segment readers.
    /// async fn total_bytes<B: Backend>(db: &Client<B>) -> Result<u64> {
    ///     db.scan::<Event>()
    ///         .parallel(4)
    ///         .stream()
    ///         .try_fold(0, |total, event| async move { Ok(total + event.bytes) })
    ///         .await
    /// }
    /// ```
    pub fn parallel(self, segments: u32) -> ParallelScan<'a, B, T, T::Item> {
        self.parallel_with(segments, T::decode)
    }

    /// One lazy stream of pages per segment of a parallel scan in `segments` segments, for
    /// a worker per segment (see [`parallel`](Self::parallel)).
    pub fn segments(self, segments: u32) -> Vec<BoxStream<'a, Result<Page<T::Item>>>> {
        self.parallel(segments).into_segments()
    }

    fn parallel_with<O>(
        mut self,
        segments: u32,
        decode: fn(Item) -> Result<O>,
    ) -> ParallelScan<'a, B, T, O> {
        let input = if segments == 0 {
            Err(Error::configuration(
                "a parallel scan needs at least 1 segment (`TotalSegments` is 1 to 1000000)",
            ))
        } else if self.cursor.is_some() {
            Err(Error::configuration(
                "`after_cursor` continues one segment: use it with `segment`, not `parallel`",
            ))
        } else {
            self.input()
        };
        ParallelScan {
            client: self.client,
            input,
            segments,
            decode,
            table: PhantomData,
        }
    }

    /// The request and the scope its pages' cursors are bound to, with any cursor given to
    /// [`after_cursor`](Self::after_cursor) verified and applied.
    fn prepare(&mut self) -> Result<(ScanInput, CursorScope)> {
        let scope = CursorScope::scan(T::Table::TABLE_NAME, T::INDEX_NAME, self.segment)?;
        let mut input = self.input()?;
        if let Some(cursor) = self.cursor.take() {
            input.exclusive_start_key = Some(scope.decode(&cursor.key, &cursor.token)?);
        }
        Ok((input, scope))
    }

    /// Keep only the items that match `filter` (DynamoDB's `FilterExpression`, applied after
    /// the items are read). Calling it again replaces the filter.
    pub fn filter(
        mut self,
        filter: impl FnOnce(<T::Table as Document>::Paths<T::Table>) -> Condition<T::Table>,
    ) -> Self {
        self.filter = Some(filter(T::Table::paths()).into_node());
        self
    }

    /// Reads only the attributes of projection `P` (a `ProjectionExpression`).
    ///
    /// On an index with a `KEYS_ONLY` or `INCLUDE` projection, `P` may read only the
    /// fields the index projects; another fails to build, naming the field and the index.
    pub fn project<P: Projection<Table = T::Table>>(mut self) -> ProjectedScan<'a, B, T, P> {
        let () = ProjectionCheck::<T, P>::VALID;
        self.projection = Some(P::projected_paths());
        ProjectedScan {
            scan: self,
            projection: PhantomData,
        }
    }

    fn input(&mut self) -> Result<ScanInput> {
        let clamp = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        let mut renderer = Renderer::new();
        let filter_expression = match self.filter.take() {
            Some(filter) => Some(renderer.condition(&filter?)?),
            None => None,
        };
        let projection_expression = self
            .projection
            .as_deref()
            .map(|paths| renderer.projection(paths));
        Ok(ScanInput {
            table_name: T::Table::TABLE_NAME.to_owned(),
            index_name: T::INDEX_NAME.map(str::to_owned),
            limit: self.limit.map(clamp),
            consistent_read: self.consistent_read.then_some(true),
            exclusive_start_key: self.start.clone(),
            segment: self.segment.map(|(s, _)| clamp(s)),
            total_segments: self.segment.map(|(_, t)| clamp(t)),
            filter_expression,
            projection_expression,
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            ..ScanInput::default()
        })
    }

    /// Sends one request and returns one page.
    pub async fn send(self) -> Result<Page<T::Item>> {
        self.send_with(T::decode).await
    }

    /// Follows every page and returns all items.
    pub async fn all(self) -> Result<Vec<T::Item>> {
        self.stream().try_collect().await
    }

    /// The pages, lazily: each request is sent when the consumer asks for the next page.
    /// The stream ends after the last page, or after the first error.
    pub fn pages(self) -> BoxStream<'a, Result<Page<T::Item>>> {
        self.pages_with(T::decode)
    }

    /// The items of every page, lazily (see [`pages`](Self::pages)).
    pub fn stream(self) -> BoxStream<'a, Result<T::Item>> {
        stream::items(self.pages())
    }

    /// Counts the items across every page (`Select = COUNT`).
    pub async fn count(mut self) -> Result<u64> {
        let client = self.client;
        let input = self.prepare().map(|(mut input, _)| {
            input.select = Some(Select::Count);
            input
        });
        stream::total_count(stream::raw_pages(input, move |input| {
            client.backend.scan(input)
        }))
        .await
    }

    async fn send_with<O>(mut self, decode: fn(Item) -> Result<O>) -> Result<Page<O>> {
        let (input, scope) = self.prepare()?;
        let output = self.client.backend.scan(input).await?;
        stream::RawPage::from(output).decode(decode, Some(scope))
    }

    fn pages_with<O: Send + 'a>(
        mut self,
        decode: fn(Item) -> Result<O>,
    ) -> BoxStream<'a, Result<Page<O>>> {
        let client = self.client;
        stream::pages(self.prepare(), decode, move |input| {
            client.backend.scan(input)
        })
    }
}

impl<'a, B: Backend, T: Source> IntoFuture for Scan<'a, B, T> {
    type Output = Result<Page<T::Item>>;
    type IntoFuture = BoxFuture<'a, Result<Page<T::Item>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A Scan that reads projection `P` instead of whole items. Built by [`Scan::project`].
#[must_use = "a request does nothing until it is awaited"]
pub struct ProjectedScan<'a, B, T, P> {
    scan: Scan<'a, B, T>,
    projection: PhantomData<fn() -> P>,
}

impl<'a, B: Backend, T: Source, P: Projection<Table = T::Table>> ProjectedScan<'a, B, T, P> {
    /// Sends one request and returns one page of projections.
    pub async fn send(self) -> Result<Page<P>> {
        self.scan.send_with(P::from_item).await
    }

    /// Follows every page and returns all projections.
    pub async fn all(self) -> Result<Vec<P>>
    where
        P: Send + 'a,
    {
        self.stream().try_collect().await
    }

    /// The pages of projections, lazily (see [`Scan::pages`]).
    pub fn pages(self) -> BoxStream<'a, Result<Page<P>>>
    where
        P: Send + 'a,
    {
        self.scan.pages_with(P::from_item)
    }

    /// The projections of every page, lazily (see [`Scan::pages`]).
    pub fn stream(self) -> BoxStream<'a, Result<P>>
    where
        P: Send + 'a,
    {
        stream::items(self.pages())
    }

    /// Continue after a [`Page::cursor`] token (see [`Scan::after_cursor`]).
    pub fn after_cursor(mut self, key: &CursorKey, cursor: &str) -> Self {
        self.scan = self.scan.after_cursor(key, cursor);
        self
    }

    /// A parallel scan of projections (see [`Scan::parallel`]).
    pub fn parallel(self, segments: u32) -> ParallelScan<'a, B, T, P> {
        self.scan.parallel_with(segments, P::from_item)
    }
}

/// A parallel scan: `TotalSegments` segments, each read by its own lazy stream of
/// requests. Built by [`Scan::parallel`]; yields `O` (the table's items, or a projection).
#[must_use = "a parallel scan does nothing until its streams are consumed"]
pub struct ParallelScan<'a, B, T, O> {
    client: &'a Client<B>,
    /// The request every segment sends (with its own `Segment`), or why there is none.
    input: Result<ScanInput>,
    segments: u32,
    decode: fn(Item) -> Result<O>,
    table: PhantomData<fn() -> T>,
}

impl<'a, B: Backend, T: Source, O: Send + 'a> ParallelScan<'a, B, T, O> {
    /// One lazy stream of pages per segment, in segment order. Each page's cursor
    /// continues that segment (`.segment(i, n).after_cursor(..)`).
    pub fn into_segments(self) -> Vec<BoxStream<'a, Result<Page<O>>>> {
        let input = match self.input {
            Ok(input) => input,
            Err(error) => return vec![futures_stream::once(async { Err(error) }).boxed()],
        };
        let (client, decode, total) = (self.client, self.decode, self.segments);
        (0..total)
            .map(|segment| {
                let prepared =
                    CursorScope::scan(T::Table::TABLE_NAME, T::INDEX_NAME, Some((segment, total)))
                        .map(|scope| {
                            let clamp = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
                            let mut input = input.clone();
                            input.segment = Some(clamp(segment));
                            input.total_segments = Some(clamp(total));
                            (input, scope)
                        });
                stream::pages(prepared, decode, move |input| client.backend.scan(input))
            })
            .collect()
    }

    /// The pages of every segment, merged as they arrive: all segments are read
    /// concurrently, one request in flight per segment at most.
    pub fn pages(self) -> BoxStream<'a, Result<Page<O>>> {
        futures_stream::select_all(self.into_segments()).boxed()
    }

    /// The items of every segment, merged as they arrive (no order across segments).
    pub fn stream(self) -> BoxStream<'a, Result<O>> {
        stream::items(self.pages())
    }

    /// Reads every segment concurrently and returns all items (no order across
    /// segments).
    pub async fn all(self) -> Result<Vec<O>> {
        self.stream().try_collect().await
    }
}

impl<B, T: Source, O> std::fmt::Debug for ParallelScan<'_, B, T, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParallelScan")
            .field("table", &T::Table::TABLE_NAME)
            .field("index", &T::INDEX_NAME)
            .field("segments", &self.segments)
            .finish_non_exhaustive()
    }
}

impl<'a, B: Backend, T: Source, P: Projection<Table = T::Table> + Send + 'a> IntoFuture
    for ProjectedScan<'a, B, T, P>
{
    type Output = Result<Page<P>>;
    type IntoFuture = BoxFuture<'a, Result<Page<P>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
