//! Lazy pagination shared by Query and Scan: one request per page, sent when the consumer
//! pulls the next page, following `LastEvaluatedKey` until DynamoDB returns none.
//!
//! A backend that returns the request's own start key as the next `LastEvaluatedKey` would
//! make a naive loop run forever; the stream ends with an error instead.

use std::future::{Future, ready};

use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};

use super::cursor::CursorScope;
use super::{Page, count, decode_items};
use crate::error::{Error, Result};
use crate::model::{Item, QueryInput, QueryOutput, ScanInput, ScanOutput};

/// A request that pages: Query or Scan input.
pub(super) trait PagedInput: Clone + Send + Sync + 'static {
    /// The operation's name, for errors.
    const OPERATION: &'static str;
    /// `ExclusiveStartKey`.
    fn start(&self) -> Option<&Item>;
    /// Sets `ExclusiveStartKey`.
    fn set_start(&mut self, key: Item);
}

impl PagedInput for QueryInput {
    const OPERATION: &'static str = "Query";

    fn start(&self) -> Option<&Item> {
        self.exclusive_start_key.as_ref()
    }

    fn set_start(&mut self, key: Item) {
        self.exclusive_start_key = Some(key);
    }
}

impl PagedInput for ScanInput {
    const OPERATION: &'static str = "Scan";

    fn start(&self) -> Option<&Item> {
        self.exclusive_start_key.as_ref()
    }

    fn set_start(&mut self, key: Item) {
        self.exclusive_start_key = Some(key);
    }
}

/// One page as the backend returned it, before decoding.
pub(super) struct RawPage {
    pub(super) items: Option<Vec<Item>>,
    pub(super) count: i32,
    pub(super) scanned_count: i32,
    pub(super) last_evaluated_key: Option<Item>,
}

impl From<QueryOutput> for RawPage {
    fn from(output: QueryOutput) -> Self {
        RawPage {
            items: output.items,
            count: output.count,
            scanned_count: output.scanned_count,
            last_evaluated_key: output.last_evaluated_key,
        }
    }
}

impl From<ScanOutput> for RawPage {
    fn from(output: ScanOutput) -> Self {
        RawPage {
            items: output.items,
            count: output.count,
            scanned_count: output.scanned_count,
            last_evaluated_key: output.last_evaluated_key,
        }
    }
}

impl RawPage {
    /// Decodes the items into a typed page whose cursor is bound to `scope`.
    pub(super) fn decode<O>(
        self,
        decode: fn(Item) -> Result<O>,
        scope: Option<CursorScope>,
    ) -> Result<Page<O>> {
        Ok(Page {
            items: decode_items(self.items, decode)?,
            count: count(self.count),
            scanned_count: count(self.scanned_count),
            last_evaluated_key: self.last_evaluated_key,
            scope,
        })
    }
}

/// The raw pages of `input`, sending each request with `send` when the consumer pulls.
///
/// An `Err` input is yielded once as the stream's only item, so a builder's late errors
/// (an unconvertible key value, an invalid cursor) surface where the stream is consumed.
pub(super) fn raw_pages<'a, I, F, Fut, Out>(
    input: Result<I>,
    send: F,
) -> impl Stream<Item = Result<RawPage>> + Send + 'a
where
    I: PagedInput,
    F: Fn(I) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Out>> + Send + 'a,
    Out: Into<RawPage>,
{
    stream::try_unfold(Some((input, send)), |state| async move {
        let Some((input, send)) = state else {
            return Ok(None);
        };
        let mut input = input?;
        let page: RawPage = send(input.clone()).await?.into();
        let next = match &page.last_evaluated_key {
            None => None,
            Some(key) if input.start() == Some(key) => {
                return Err(Error::configuration(format!(
                    "{} returned its start key as the next `LastEvaluatedKey`: stopping instead of requesting the same page forever",
                    I::OPERATION
                )));
            }
            Some(key) => {
                input.set_start(key.clone());
                Some((Ok(input), send))
            }
        };
        Ok(Some((page, next)))
    })
}

/// Typed pages of `input`, each bound to `scope` for its cursor.
pub(super) fn pages<'a, I, F, Fut, Out, O>(
    input: Result<(I, CursorScope)>,
    decode: fn(Item) -> Result<O>,
    send: F,
) -> BoxStream<'a, Result<Page<O>>>
where
    I: PagedInput,
    F: Fn(I) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Out>> + Send + 'a,
    Out: Into<RawPage>,
    O: Send + 'a,
{
    let (input, scope) = match input {
        Ok((input, scope)) => (Ok(input), Some(scope)),
        Err(error) => (Err(error), None),
    };
    raw_pages(input, send)
        .and_then(move |raw| ready(raw.decode(decode, scope.clone())))
        .boxed()
}

/// The items of a stream of pages, in page order.
pub(super) fn items<'a, O: Send + 'a>(
    pages: BoxStream<'a, Result<Page<O>>>,
) -> BoxStream<'a, Result<O>> {
    pages
        .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

/// The sum of the pages' `Count`s (for `Select = COUNT` requests).
pub(super) async fn total_count(pages: impl Stream<Item = Result<RawPage>> + Send) -> Result<u64> {
    pages
        .try_fold(0u64, |total, page| {
            ready(Ok(total.saturating_add(u64::from(count(page.count)))))
        })
        .await
}
