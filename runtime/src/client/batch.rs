//! Batch reads and writes of any size on one table: split into requests within DynamoDB's
//! limits (25 writes, 100 keys), sent concurrently up to a bound, with unprocessed entries
//! retried by a [`RetryPolicy`] and the typed remainder handed back when it gives up.

use std::fmt;
use std::future::IntoFuture;

use futures::stream::{self, StreamExt};

use super::Client;
use super::items::BoxFuture;
use super::retry::RetryPolicy;
use crate::backend::Backend;
use crate::error::Error;
use crate::model::{BatchGetItemInput, BatchWriteItemInput, Item, KeysAndAttributes, WriteRequest};
use crate::table::{Key, Table};

/// Most writes in one BatchWriteItem request.
pub const MAX_BATCH_WRITES: usize = 25;
/// Most keys in one BatchGetItem request.
pub const MAX_BATCH_KEYS: usize = 100;
/// Requests in flight at once unless [`concurrency`](BatchWrite::concurrency) says otherwise.
const DEFAULT_CONCURRENCY: usize = 4;

/// One write of a batch.
pub enum WriteOp<T: Table> {
    /// Put the item, replacing any item with its key.
    Put(T),
    /// Delete the item with this key.
    Delete(Key<T>),
}

impl<T: Table> fmt::Debug for WriteOp<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            WriteOp::Put(_) => "Put",
            WriteOp::Delete(_) => "Delete",
        };
        f.debug_struct(kind)
            .field("table", &T::TABLE_NAME)
            .finish_non_exhaustive()
    }
}

impl<T: Table> WriteOp<T> {
    /// The request for this operation; a put is stamped like [`Client::put`]'s item.
    fn request<B>(&self, client: &Client<B>) -> crate::Result<WriteRequest> {
        Ok(match self {
            WriteOp::Put(item) => WriteRequest::put(client.item_to_put(item)?),
            WriteOp::Delete(key) => WriteRequest::delete(key.to_item()?),
        })
    }
}

impl<B: Backend> Client<B> {
    /// Writes and deletes any number of items of `T`'s table with BatchWriteItem.
    ///
    /// Batch writes take no conditions, and their order is not kept: a key must appear at
    /// most once. When some writes are still unprocessed after the retry policy's last
    /// attempt, the error carries them ([`BatchWriteError::unprocessed`]).
    ///
    /// ```
    /// # use dynamodel::{Backend, Client, Table};
    /// # use dynamodel::client::{BatchWriteError, WriteOp};
    /// # #[derive(Table, Clone)] #[dynamodel(table = "readings")]
    /// # struct Reading { #[dynamodel(partition_key)] sensor: String, #[dynamodel(sort_key)] at: u64 }
    /// async fn ingest<B: Backend>(db: &Client<B>, readings: Vec<Reading>) -> Result<(), BatchWriteError<Reading>> {
    ///     db.batch_write(readings.into_iter().map(WriteOp::Put)).concurrency(8).await
    /// }
    /// ```
    pub fn batch_write<T: Table>(
        &self,
        ops: impl IntoIterator<Item = WriteOp<T>>,
    ) -> BatchWrite<'_, B, T> {
        BatchWrite {
            client: self,
            ops: ops.into_iter().collect(),
            policy: RetryPolicy::default(),
            concurrency: DEFAULT_CONCURRENCY,
        }
    }

    /// Puts any number of items of `T`'s table; see [`batch_write`](Self::batch_write).
    pub fn batch_put<T: Table>(&self, items: impl IntoIterator<Item = T>) -> BatchWrite<'_, B, T> {
        self.batch_write(items.into_iter().map(WriteOp::Put))
    }

    /// Deletes any number of items of `T`'s table; see [`batch_write`](Self::batch_write).
    pub fn batch_delete<T: Table>(
        &self,
        keys: impl IntoIterator<Item = Key<T>>,
    ) -> BatchWrite<'_, B, T> {
        self.batch_write(keys.into_iter().map(WriteOp::Delete))
    }

    /// Reads any number of items of `T`'s table with BatchGetItem. Missing items are left
    /// out and the order of the result is unspecified; a key must appear at most once.
    pub fn batch_get<T: Table>(
        &self,
        keys: impl IntoIterator<Item = Key<T>>,
    ) -> BatchGet<'_, B, T> {
        BatchGet {
            client: self,
            keys: keys.into_iter().collect(),
            consistent_read: false,
            policy: RetryPolicy::default(),
            concurrency: DEFAULT_CONCURRENCY,
        }
    }
}

/// A batch write of any size; `.await` it. Built by [`Client::batch_write`].
#[must_use = "a request does nothing until it is awaited"]
pub struct BatchWrite<'a, B, T: Table> {
    client: &'a Client<B>,
    ops: Vec<WriteOp<T>>,
    policy: RetryPolicy,
    concurrency: usize,
}

impl<'a, B: Backend, T: Table> BatchWrite<'a, B, T> {
    /// How unprocessed writes are retried (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// At most `requests` BatchWriteItem requests in flight at once (at least one).
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// Sends the writes.
    pub async fn send(self) -> Result<(), BatchWriteError<T>> {
        let mut chunks = Vec::new();
        let mut ops = self.ops.into_iter();
        loop {
            let chunk: Vec<WriteOp<T>> = ops.by_ref().take(MAX_BATCH_WRITES).collect();
            if chunk.is_empty() {
                break;
            }
            chunks.push(chunk);
        }
        let client = self.client;
        let policy = &self.policy;
        let results: Vec<_> = stream::iter(chunks)
            .map(|chunk| write_chunk(client, policy, chunk))
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        let mut unprocessed = Vec::new();
        let mut error = None;
        for result in results {
            if let Err(failed) = result {
                unprocessed.extend(failed.unprocessed);
                error.get_or_insert(failed.error);
            }
        }
        match error {
            None => Ok(()),
            Some(error) => Err(BatchWriteError { unprocessed, error }),
        }
    }
}

/// Sends one chunk until it is done, fails for good, or runs out of attempts.
async fn write_chunk<B: Backend, T: Table>(
    client: &Client<B>,
    policy: &RetryPolicy,
    chunk: Vec<WriteOp<T>>,
) -> Result<(), BatchWriteError<T>> {
    let backend = client.backend();
    let requests = match chunk
        .iter()
        .map(|op| op.request(client))
        .collect::<crate::Result<Vec<_>>>()
    {
        Ok(requests) => requests,
        Err(error) => {
            return Err(BatchWriteError {
                unprocessed: chunk,
                error,
            });
        }
    };
    let mut pending: Vec<(WriteRequest, WriteOp<T>)> = requests.into_iter().zip(chunk).collect();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let input = BatchWriteItemInput {
            request_items: [(
                T::TABLE_NAME.to_owned(),
                pending.iter().map(|(request, _)| request.clone()).collect(),
            )]
            .into(),
            ..BatchWriteItemInput::default()
        };
        let error = match backend.batch_write_item(input).await {
            Ok(output) => {
                let left = output
                    .unprocessed_items
                    .and_then(|mut tables| tables.remove(T::TABLE_NAME))
                    .unwrap_or_default();
                pending.retain(|(request, _)| left.contains(request));
                if pending.is_empty() {
                    return Ok(());
                }
                Error::unprocessed(format!(
                    "{} writes to `{}` were still unprocessed after {attempt} attempts; \
                     retry them later or allow more attempts in the `RetryPolicy`",
                    pending.len(),
                    T::TABLE_NAME
                ))
            }
            Err(error) if error.is_retryable() => error,
            Err(error) => return Err(BatchWriteError::of(pending, error)),
        };
        if attempt >= policy.attempts() {
            return Err(BatchWriteError::of(pending, error));
        }
        policy.wait(attempt).await;
    }
}

impl<'a, B: Backend, T: Table> IntoFuture for BatchWrite<'a, B, T> {
    type Output = Result<(), BatchWriteError<T>>;
    type IntoFuture = BoxFuture<'a, Result<(), BatchWriteError<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A batch write that gave up: the writes not applied, and why.
pub struct BatchWriteError<T: Table> {
    /// The writes that were not applied (all writes of a chunk that failed outright).
    pub unprocessed: Vec<WriteOp<T>>,
    /// The first failure: [`Error::is_unprocessed`] when the attempts ran out, or the
    /// request's own error.
    pub error: Error,
}

impl<T: Table> BatchWriteError<T> {
    fn of(pending: Vec<(WriteRequest, WriteOp<T>)>, error: Error) -> Self {
        BatchWriteError {
            unprocessed: pending.into_iter().map(|(_, op)| op).collect(),
            error,
        }
    }
}

/// A batch read of any size; `.await` it. Built by [`Client::batch_get`].
#[must_use = "a request does nothing until it is awaited"]
pub struct BatchGet<'a, B, T: Table> {
    client: &'a Client<B>,
    keys: Vec<Key<T>>,
    consistent_read: bool,
    policy: RetryPolicy,
    concurrency: usize,
}

impl<'a, B: Backend, T: Table> BatchGet<'a, B, T> {
    /// Read with strong consistency.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// How unprocessed keys are retried (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// At most `requests` BatchGetItem requests in flight at once (at least one).
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// Sends the reads; returns the items found, in no particular order.
    pub async fn send(self) -> Result<Vec<T>, BatchGetError<T>> {
        let mut chunks = Vec::new();
        let mut keys = self.keys.into_iter();
        loop {
            let chunk: Vec<Key<T>> = keys.by_ref().take(MAX_BATCH_KEYS).collect();
            if chunk.is_empty() {
                break;
            }
            chunks.push(chunk);
        }
        let backend = self.client.backend();
        let policy = &self.policy;
        let consistent_read = self.consistent_read;
        let results: Vec<_> = stream::iter(chunks)
            .map(|chunk| get_chunk(backend, policy, consistent_read, chunk))
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        let mut all = ChunkRead::default();
        for mut result in results {
            all.items.append(&mut result.items);
            all.unprocessed.append(&mut result.unprocessed);
            if all.error.is_none() {
                all.error = result.error;
            }
        }
        match all.error {
            None => Ok(all.items),
            Some(error) => Err(BatchGetError {
                items: all.items,
                unprocessed: all.unprocessed,
                error,
            }),
        }
    }
}

/// What one chunk of a batch read did: `error` is `None` when it read every key.
struct ChunkRead<T: Table> {
    items: Vec<T>,
    unprocessed: Vec<Key<T>>,
    error: Option<Error>,
}

impl<T: Table> Default for ChunkRead<T> {
    fn default() -> Self {
        ChunkRead {
            items: Vec::new(),
            unprocessed: Vec::new(),
            error: None,
        }
    }
}

impl<T: Table> ChunkRead<T> {
    fn give_up(mut self, pending: Vec<(Item, Key<T>)>, error: Error) -> Self {
        self.unprocessed
            .extend(pending.into_iter().map(|(_, key)| key));
        self.error.get_or_insert(error);
        self
    }
}

/// Reads one chunk until it is done, fails for good, or runs out of attempts.
async fn get_chunk<B: Backend, T: Table>(
    backend: &B,
    policy: &RetryPolicy,
    consistent_read: bool,
    chunk: Vec<Key<T>>,
) -> ChunkRead<T> {
    let mut done = ChunkRead::default();
    let raw = match chunk
        .iter()
        .map(Key::to_item)
        .collect::<crate::Result<Vec<Item>>>()
    {
        Ok(raw) => raw,
        Err(error) => {
            done.unprocessed = chunk;
            done.error = Some(error);
            return done;
        }
    };
    let mut pending: Vec<(Item, Key<T>)> = raw.into_iter().zip(chunk).collect();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let keys = KeysAndAttributes {
            keys: pending.iter().map(|(key, _)| key.clone()).collect(),
            consistent_read: consistent_read.then_some(true),
            ..KeysAndAttributes::default()
        };
        let input = BatchGetItemInput {
            request_items: [(T::TABLE_NAME.to_owned(), keys)].into(),
            ..BatchGetItemInput::default()
        };
        let error = match backend.batch_get_item(input).await {
            Ok(output) => {
                let found = output
                    .responses
                    .and_then(|mut tables| tables.remove(T::TABLE_NAME))
                    .unwrap_or_default();
                for item in found {
                    match T::from_item(item) {
                        Ok(item) => done.items.push(item),
                        Err(error) => {
                            done.error.get_or_insert(error);
                        }
                    }
                }
                let left = output
                    .unprocessed_keys
                    .and_then(|mut tables| tables.remove(T::TABLE_NAME))
                    .map(|keys| keys.keys)
                    .unwrap_or_default();
                pending.retain(|(key, _)| left.contains(key));
                if pending.is_empty() {
                    return done;
                }
                Error::unprocessed(format!(
                    "{} keys of `{}` were still unprocessed after {attempt} attempts; \
                     retry them later or allow more attempts in the `RetryPolicy`",
                    pending.len(),
                    T::TABLE_NAME
                ))
            }
            Err(error) if error.is_retryable() => error,
            Err(error) => return done.give_up(pending, error),
        };
        if attempt >= policy.attempts() {
            return done.give_up(pending, error);
        }
        policy.wait(attempt).await;
    }
}

impl<'a, B: Backend, T: Table> IntoFuture for BatchGet<'a, B, T> {
    type Output = Result<Vec<T>, BatchGetError<T>>;
    type IntoFuture = BoxFuture<'a, Result<Vec<T>, BatchGetError<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A batch read that gave up: what was read, the keys not read, and why.
pub struct BatchGetError<T: Table> {
    /// The items read before giving up, in no particular order.
    pub items: Vec<T>,
    /// The keys not read (all keys of a chunk that failed outright).
    pub unprocessed: Vec<Key<T>>,
    /// The first failure: [`Error::is_unprocessed`] when the attempts ran out, or the
    /// request's own error (a conversion error when an item did not decode as `T`).
    pub error: Error,
}

macro_rules! batch_error_traits {
    ($error:ident, $what:literal) => {
        impl<T: Table> fmt::Debug for $error<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($error))
                    .field("table", &T::TABLE_NAME)
                    .field("unprocessed", &self.unprocessed.len())
                    .field("error", &&self.error)
                    .finish_non_exhaustive()
            }
        }

        impl<T: Table> fmt::Display for $error<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    concat!("{} ", $what, " of `{}` left unprocessed: {}"),
                    self.unprocessed.len(),
                    T::TABLE_NAME,
                    &self.error
                )
            }
        }

        impl<T: Table> std::error::Error for $error<T> {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.error)
            }
        }

        impl<T: Table> From<$error<T>> for Error {
            fn from(error: $error<T>) -> Self {
                error.error
            }
        }
    };
}

batch_error_traits!(BatchWriteError, "writes");
batch_error_traits!(BatchGetError, "keys");

impl<B, T: Table> fmt::Debug for BatchWrite<'_, B, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchWrite")
            .field("table", &T::TABLE_NAME)
            .field("writes", &self.ops.len())
            .finish_non_exhaustive()
    }
}

impl<B, T: Table> fmt::Debug for BatchGet<'_, B, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchGet")
            .field("table", &T::TABLE_NAME)
            .field("keys", &self.keys.len())
            .finish_non_exhaustive()
    }
}
