//! Batch writes and reads of any size: chunking to DynamoDB's limits, bounded concurrency,
//! retries of unprocessed entries with backoff, and the typed remainder when they give up.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dynamodel::client::{RetryPolicy, WriteOp};
use dynamodel::model::*;
use dynamodel::{Backend, Client, Result, Table};
use dynamodel_local::Engine;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "readings")]
struct Reading {
    #[dynamodel(partition_key)]
    sensor: String,
    #[dynamodel(sort_key)]
    at: u32,
    value: i64,
}

fn readings(n: u32) -> Vec<Reading> {
    (0..n)
        .map(|at| Reading {
            sensor: format!("s{}", at % 7),
            at,
            value: i64::from(at) * 3,
        })
        .collect()
}

/// The engine, leaving the second half of each batch unprocessed while `drops` lasts, and
/// recording request sizes and how many requests were in flight at once.
#[derive(Clone, Default)]
struct Flaky {
    engine: Engine,
    drops: Arc<AtomicUsize>,
    calls: Arc<AtomicUsize>,
    largest: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    most_in_flight: Arc<AtomicUsize>,
}

impl Flaky {
    fn dropping(drops: usize) -> Self {
        let flaky = Flaky::default();
        flaky.drops.store(drops, Ordering::SeqCst);
        flaky
    }

    /// Whether to leave part of this call unprocessed.
    fn drop_now(&self, size: usize) -> bool {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.largest.fetch_max(size, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_in_flight.fetch_max(now, Ordering::SeqCst);
        self.drops
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |d| d.checked_sub(1))
            .is_ok()
    }

    async fn leave(&self) {
        tokio::task::yield_now().await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

macro_rules! forward {
    ($($method:ident($input:ty) -> $output:ty;)+) => {$(
        async fn $method(&self, input: $input) -> Result<$output> {
            self.engine.$method(input).await
        }
    )+};
}

impl Backend for Flaky {
    forward! {
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
        update_time_to_live(UpdateTimeToLiveInput) -> UpdateTimeToLiveOutput;
        describe_time_to_live(DescribeTimeToLiveInput) -> DescribeTimeToLiveOutput;
        tag_resource(TagResourceInput) -> TagResourceOutput;
        untag_resource(UntagResourceInput) -> UntagResourceOutput;
        list_tags_of_resource(ListTagsOfResourceInput) -> ListTagsOfResourceOutput;
    }

    async fn batch_write_item(
        &self,
        mut input: BatchWriteItemInput,
    ) -> Result<BatchWriteItemOutput> {
        let size = input.request_items.values().map(Vec::len).sum();
        let mut left = std::collections::BTreeMap::new();
        if self.drop_now(size) {
            for (table, requests) in &mut input.request_items {
                let keep = requests.len().div_ceil(2);
                left.insert(table.clone(), requests.split_off(keep));
            }
        }
        let result = self.engine.batch_write_item(input).await;
        self.leave().await;
        let mut output = result?;
        output.unprocessed_items = Some(left);
        Ok(output)
    }

    async fn batch_get_item(&self, mut input: BatchGetItemInput) -> Result<BatchGetItemOutput> {
        let size = input.request_items.values().map(|k| k.keys.len()).sum();
        let mut left = std::collections::BTreeMap::new();
        if self.drop_now(size) {
            for (table, keys) in &mut input.request_items {
                let keep = keys.keys.len().div_ceil(2);
                let rest = KeysAndAttributes {
                    keys: keys.keys.split_off(keep),
                    ..keys.clone()
                };
                left.insert(table.clone(), rest);
            }
        }
        let result = self.engine.batch_get_item(input).await;
        self.leave().await;
        let mut output = result?;
        output.unprocessed_keys = Some(left);
        Ok(output)
    }
}

async fn flaky(drops: usize) -> Client<Flaky> {
    let db = Client::new(Flaky::dropping(drops));
    db.create_table::<Reading>().await.unwrap();
    db
}

async fn stored(db: &Client<Flaky>) -> usize {
    db.scan::<Reading>().all().await.unwrap().len()
}

#[tokio::test]
async fn a_large_batch_is_chunked_within_limits_and_bounded_in_concurrency() {
    let db = flaky(0).await;
    db.batch_put(readings(1000)).concurrency(3).await.unwrap();
    let backend = db.backend();
    assert_eq!(backend.calls.load(Ordering::SeqCst), 40);
    assert_eq!(backend.largest.load(Ordering::SeqCst), 25);
    assert!(backend.most_in_flight.load(Ordering::SeqCst) <= 3);
    assert!(
        backend.most_in_flight.load(Ordering::SeqCst) >= 2,
        "chunks run concurrently"
    );
    assert_eq!(stored(&db).await, 1000);

    let keys = readings(1000)
        .iter()
        .map(Table::primary_key)
        .collect::<Vec<_>>();
    let mut read = db.batch_get(keys).consistent_read(true).await.unwrap();
    assert_eq!(backend.largest.load(Ordering::SeqCst), 100);
    read.sort_by_key(|r| r.at);
    assert_eq!(read, readings(1000));
}

#[tokio::test]
async fn batch_delete_and_mixed_writes() {
    let db = flaky(0).await;
    db.batch_put(readings(60)).await.unwrap();
    let ops = readings(60).into_iter().map(|r| {
        if r.at % 2 == 0 {
            WriteOp::Delete(r.primary_key())
        } else {
            WriteOp::Put(Reading { value: -1, ..r })
        }
    });
    db.batch_write(ops).await.unwrap();
    let left = db.scan::<Reading>().all().await.unwrap();
    assert_eq!(left.len(), 30);
    assert!(left.iter().all(|r| r.at % 2 == 1 && r.value == -1));
    db.batch_delete(left.iter().map(Table::primary_key))
        .await
        .unwrap();
    assert_eq!(stored(&db).await, 0);
}

#[tokio::test]
async fn unprocessed_writes_and_keys_are_retried_until_done() {
    let db = flaky(6).await;
    db.batch_put(readings(100)).await.unwrap();
    assert_eq!(stored(&db).await, 100);
    db.backend().drops.store(6, Ordering::SeqCst);
    let keys = readings(250)
        .iter()
        .map(Table::primary_key)
        .collect::<Vec<_>>();
    let read = db.batch_get(keys).await.unwrap();
    assert_eq!(read.len(), 100, "missing items are left out");
}

#[tokio::test]
async fn a_batch_write_gives_up_after_its_attempts_with_the_typed_remainder() {
    let db = flaky(usize::MAX).await;
    let slept = Arc::new(Mutex::new(Vec::new()));
    let record = slept.clone();
    let policy = RetryPolicy::default()
        .max_attempts(3)
        .base_delay(Duration::from_millis(8))
        .sleep(move |delay| {
            record.lock().unwrap().push(delay);
            async {}
        });
    let err = db.batch_put(readings(20)).retry(policy).await.unwrap_err();
    assert!(err.error.is_unprocessed(), "{err}");
    // 20 → 10 written, then 5, then 3: 2 left after three attempts.
    assert_eq!(db.backend().calls.load(Ordering::SeqCst), 3);
    assert_eq!(err.unprocessed.len(), 2);
    let stored_items = db.scan::<Reading>().all().await.unwrap();
    assert_eq!(stored_items.len(), 18);
    for op in &err.unprocessed {
        let WriteOp::Put(item) = op else {
            panic!("only puts were sent")
        };
        assert!(!stored_items.contains(item));
    }
    let slept = slept.lock().unwrap();
    assert_eq!(
        slept.len(),
        2,
        "a wait between attempts, none after the last"
    );
    assert!(slept[0] <= Duration::from_millis(8) && slept[1] <= Duration::from_millis(16));
    let error: dynamodel::Error = err.into();
    assert!(error.is_unprocessed());
}

#[tokio::test]
async fn a_batch_get_gives_up_with_what_it_read_and_the_keys_left() {
    let db = flaky(0).await;
    db.batch_put(readings(8)).await.unwrap();
    db.backend().drops.store(usize::MAX, Ordering::SeqCst);
    let keys = readings(8)
        .iter()
        .map(Table::primary_key)
        .collect::<Vec<_>>();
    let err = db
        .batch_get(keys)
        .retry(RetryPolicy::default().max_attempts(2))
        .await
        .unwrap_err();
    assert!(err.error.is_unprocessed());
    assert_eq!(err.items.len(), 6);
    assert_eq!(err.unprocessed.len(), 2);
    let mut all: Vec<u32> = err
        .items
        .iter()
        .map(|r| r.at)
        .chain(err.unprocessed.iter().map(|k| *k.sort()))
        .collect();
    all.sort_unstable();
    assert_eq!(all, (0..8).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_non_retryable_error_returns_the_whole_chunk_at_once() {
    let db = Client::new(Flaky::default());
    let err = db.batch_put(readings(30)).await.unwrap_err();
    assert!(err.error.is_resource_not_found(), "{err}");
    assert_eq!(err.unprocessed.len(), 30);
    assert_eq!(db.backend().calls.load(Ordering::SeqCst), 2, "no retry");
}
