//! Typed Scan over a whole table, optionally one segment of a parallel scan.

use std::future::IntoFuture;
use std::marker::PhantomData;

use super::items::BoxFuture;
use super::{Client, Page, count, decode_items};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::model::{Item, ScanInput, Select};
use crate::table::Table;

/// A Scan of `T`'s table. Built by [`Client::scan`].
#[must_use = "a request does nothing until it is awaited"]
pub struct Scan<'a, B, T> {
    client: &'a Client<B>,
    limit: Option<u32>,
    consistent_read: bool,
    start: Option<Item>,
    segment: Option<(u32, u32)>,
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

    fn input(&self) -> ScanInput {
        let clamp = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        ScanInput {
            table_name: T::TABLE_NAME.to_owned(),
            limit: self.limit.map(clamp),
            consistent_read: self.consistent_read.then_some(true),
            exclusive_start_key: self.start.clone(),
            segment: self.segment.map(|(s, _)| clamp(s)),
            total_segments: self.segment.map(|(_, t)| clamp(t)),
            ..ScanInput::default()
        }
    }

    /// Sends one request and returns one page.
    pub async fn send(self) -> Result<Page<T>> {
        let output = self.client.backend.scan(self.input()).await?;
        Ok(Page {
            items: decode_items(output.items)?,
            count: count(output.count),
            scanned_count: count(output.scanned_count),
            last_evaluated_key: output.last_evaluated_key,
        })
    }

    /// Follows every page and returns all items.
    pub async fn all(self) -> Result<Vec<T>> {
        let mut items = Vec::new();
        self.each_page(None, |output| {
            items.extend(decode_items::<T>(output.items)?);
            Ok(())
        })
        .await?;
        Ok(items)
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

    async fn each_page(
        self,
        select: Option<Select>,
        mut visit: impl FnMut(crate::model::ScanOutput) -> Result<()>,
    ) -> Result<()> {
        let mut input = self.input();
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
