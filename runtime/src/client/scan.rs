//! Typed Scan over a whole table, optionally one segment of a parallel scan.

use std::future::IntoFuture;
use std::marker::PhantomData;

use super::items::BoxFuture;
use super::{Client, Page, count, decode_items};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::expr::{Condition, ConditionNode, Document, Projection, RawPath, Renderer};
use crate::model::{Item, ScanInput, ScanOutput, Select};
use crate::table::Table;

/// A Scan of `T`'s table. Built by [`Client::scan`].
#[must_use = "a request does nothing until it is awaited"]
pub struct Scan<'a, B, T> {
    client: &'a Client<B>,
    limit: Option<u32>,
    consistent_read: bool,
    start: Option<Item>,
    segment: Option<(u32, u32)>,
    filter: Option<Result<ConditionNode>>,
    projection: Option<Vec<RawPath>>,
    table: PhantomData<fn() -> T>,
}

impl<B: Backend> Client<B> {
    /// Scans every item of `T`'s table, in DynamoDB's (hash) order.
    pub fn scan<T: Table>(&self) -> Scan<'_, B, T> {
        Scan {
            client: self,
            limit: None,
            consistent_read: false,
            start: None,
            segment: None,
            filter: None,
            projection: None,
            table: PhantomData,
        }
    }
}

impl<'a, B: Backend, T: Table> Scan<'a, B, T> {
    /// Evaluate at most `limit` items per request (DynamoDB's `Limit`).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Read with strong consistency.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Continue after the `last_evaluated_key` of an earlier page.
    pub fn start_after(mut self, last_evaluated_key: Item) -> Self {
        self.start = Some(last_evaluated_key);
        self
    }

    /// Scan only `segment` of `total_segments` (a parallel scan worker's share).
    pub fn segment(mut self, segment: u32, total_segments: u32) -> Self {
        self.segment = Some((segment, total_segments));
        self
    }

    /// Keep only the items that match `filter` (DynamoDB's `FilterExpression`, applied after
    /// the items are read). Calling it again replaces the filter.
    pub fn filter(mut self, filter: impl FnOnce(T::Paths<T>) -> Condition<T>) -> Self
    where
        T: Document,
    {
        self.filter = Some(filter(T::paths()).into_node());
        self
    }

    /// Reads only the attributes of projection `P` (a `ProjectionExpression`).
    pub fn project<P: Projection<Table = T>>(mut self) -> ProjectedScan<'a, B, T, P> {
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
            table_name: T::TABLE_NAME.to_owned(),
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
    pub async fn send(self) -> Result<Page<T>> {
        self.send_with(T::from_item).await
    }

    /// Follows every page and returns all items.
    pub async fn all(self) -> Result<Vec<T>> {
        self.all_with(T::from_item).await
    }

    /// Counts the items across every page (`Select = COUNT`).
    pub async fn count(self) -> Result<u64> {
        let mut total = 0u64;
        self.each_page(Some(Select::Count), |output| {
            total += u64::from(count(output.count));
            Ok(())
        })
        .await?;
        Ok(total)
    }

    async fn send_with<O>(mut self, decode: fn(Item) -> Result<O>) -> Result<Page<O>> {
        let input = self.input()?;
        let output = self.client.backend.scan(input).await?;
        Ok(Page {
            items: decode_items(output.items, decode)?,
            count: count(output.count),
            scanned_count: count(output.scanned_count),
            last_evaluated_key: output.last_evaluated_key,
        })
    }

    async fn all_with<O>(self, decode: fn(Item) -> Result<O>) -> Result<Vec<O>> {
        let mut items = Vec::new();
        self.each_page(None, |output| {
            items.extend(decode_items(output.items, decode)?);
            Ok(())
        })
        .await?;
        Ok(items)
    }

    async fn each_page(
        mut self,
        select: Option<Select>,
        mut visit: impl FnMut(ScanOutput) -> Result<()>,
    ) -> Result<()> {
        let mut input = self.input()?;
        input.select = select;
        loop {
            let output = self.client.backend.scan(input.clone()).await?;
            let next = output.last_evaluated_key.clone();
            visit(output)?;
            match next {
                Some(key) if input.exclusive_start_key.as_ref() == Some(&key) => {
                    return Err(Error::configuration(
                        "Scan returned its start key as the next cursor again",
                    ));
                }
                Some(key) => input.exclusive_start_key = Some(key),
                None => return Ok(()),
            }
        }
    }
}

impl<'a, B: Backend, T: Table> IntoFuture for Scan<'a, B, T> {
    type Output = Result<Page<T>>;
    type IntoFuture = BoxFuture<'a, Result<Page<T>>>;

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

impl<B: Backend, T: Table, P: Projection<Table = T>> ProjectedScan<'_, B, T, P> {
    /// Sends one request and returns one page of projections.
    pub async fn send(self) -> Result<Page<P>> {
        self.scan.send_with(P::from_item).await
    }

    /// Follows every page and returns all projections.
    pub async fn all(self) -> Result<Vec<P>> {
        self.scan.all_with(P::from_item).await
    }
}

impl<'a, B: Backend, T: Table, P: Projection<Table = T> + Send + 'a> IntoFuture
    for ProjectedScan<'a, B, T, P>
{
    type Output = Result<Page<P>>;
    type IntoFuture = BoxFuture<'a, Result<Page<P>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
