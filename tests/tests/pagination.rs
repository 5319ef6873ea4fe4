//! Pagination on the engine: lazy streams of pages and items, signed cursors handed out and
//! accepted back, and parallel scans that cover the table exactly once with overlapping
//! requests.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use dynamodel::model::*;
use dynamodel::{Backend, Client, CursorKey, Page, Result, Table};
use dynamodel_local::Engine;
use futures::{StreamExt, TryStreamExt};

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "posts")]
struct Post {
    #[dynamodel(partition_key)]
    user: String,
    #[dynamodel(sort_key)]
    seq: u32,
    body: String,
}

fn post(user: &str, seq: u32, body_len: usize) -> Post {
    Post {
        user: user.into(),
        seq,
        body: "x".repeat(body_len),
    }
}

/// The engine, counting Query and Scan requests and how many were in flight at once. Each
/// request yields to the executor once before it runs, so that concurrent requests of one
/// task overlap. With `stuck`, a Scan that has a start key returns it again as its
/// `LastEvaluatedKey` (a misbehaving backend).
#[derive(Clone, Default)]
struct Instrumented {
    engine: Engine,
    requests: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    most_in_flight: Arc<AtomicUsize>,
    stuck: Arc<AtomicBool>,
}

impl Instrumented {
    async fn around<O>(&self, request: impl Future<Output = Result<O>>) -> Result<O> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_in_flight.fetch_max(now, Ordering::SeqCst);
        tokio::task::yield_now().await;
        let output = request.await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        output
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

macro_rules! forward {
    ($($method:ident($input:ty) -> $output:ty;)+) => {$(
        async fn $method(&self, input: $input) -> Result<$output> {
            self.engine.$method(input).await
        }
    )+};
}

impl Backend for Instrumented {
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
        transact_write_items(TransactWriteItemsInput) -> TransactWriteItemsOutput;
        transact_get_items(TransactGetItemsInput) -> TransactGetItemsOutput;
        batch_write_item(BatchWriteItemInput) -> BatchWriteItemOutput;
        batch_get_item(BatchGetItemInput) -> BatchGetItemOutput;
        update_time_to_live(UpdateTimeToLiveInput) -> UpdateTimeToLiveOutput;
        describe_time_to_live(DescribeTimeToLiveInput) -> DescribeTimeToLiveOutput;
        tag_resource(TagResourceInput) -> TagResourceOutput;
        untag_resource(UntagResourceInput) -> UntagResourceOutput;
        list_tags_of_resource(ListTagsOfResourceInput) -> ListTagsOfResourceOutput;
    }

    async fn query(&self, input: QueryInput) -> Result<QueryOutput> {
        self.around(self.engine.query(input)).await
    }

    async fn scan(&self, input: ScanInput) -> Result<ScanOutput> {
        let start = input.exclusive_start_key.clone();
        let mut output = self.around(self.engine.scan(input)).await?;
        if self.stuck.load(Ordering::SeqCst) && start.is_some() {
            output.last_evaluated_key = start;
        }
        Ok(output)
    }
}

async fn db_with(posts: &[Post]) -> Client<Instrumented> {
    let db = Client::new(Instrumented::default());
    db.create_table::<Post>().await.unwrap();
    db.batch_write(posts.iter().cloned().map(dynamodel::client::WriteOp::Put))
        .await
        .unwrap();
    db.backend().requests.store(0, Ordering::SeqCst);
    db
}

fn key() -> CursorKey {
    CursorKey::from_bytes(*b"an application secret, 32 bytes!").unwrap()
}

fn seqs(posts: &[Post]) -> Vec<u32> {
    posts.iter().map(|p| p.seq).collect()
}

#[tokio::test]
async fn streams_follow_one_megabyte_pages_lazily() {
    // 45 items of about 100 KB: DynamoDB stops each page at 1 MB read, so 5 pages.
    let posts: Vec<Post> = (0..45).map(|seq| post("big", seq, 100_000)).collect();
    let db = db_with(&posts).await;

    let pages: Vec<Page<Post>> = db.query::<Post>("big").pages().try_collect().await.unwrap();
    assert!(pages.len() >= 5, "{} pages", pages.len());
    assert_eq!(db.backend().requests(), pages.len(), "one request per page");
    let items: Vec<Post> = pages.into_iter().flat_map(|p| p.items).collect();
    assert_eq!(seqs(&items), (0..45).collect::<Vec<_>>());

    // Taking a few items sends only the requests needed for them.
    db.backend().requests.store(0, Ordering::SeqCst);
    let first: Vec<Post> = db
        .query::<Post>("big")
        .stream()
        .take(3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(seqs(&first), [0, 1, 2]);
    assert_eq!(db.backend().requests(), 1);

    // The whole stream equals `all`, in descending order too.
    let all = db.query::<Post>("big").descending().all().await.unwrap();
    assert_eq!(seqs(&all), (0..45).rev().collect::<Vec<_>>());
}

#[tokio::test]
async fn limit_bounds_each_page_of_a_stream() {
    let posts: Vec<Post> = (0..25).map(|seq| post("u", seq, 10)).collect();
    let db = db_with(&posts).await;

    let pages: Vec<Page<Post>> = db
        .query::<Post>("u")
        .limit(7)
        .pages()
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [7, 7, 7, 4]);
    let items: Vec<Post> = db
        .query::<Post>("u")
        .limit(7)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(seqs(&items), (0..25).collect::<Vec<_>>());

    let scanned: Vec<Post> = db
        .scan::<Post>()
        .limit(4)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(scanned.len(), 25);
    assert_eq!(db.query::<Post>("u").limit(7).count().await.unwrap(), 25);
}

#[tokio::test]
async fn a_cursor_continues_the_same_query_in_a_second_request() {
    let posts: Vec<Post> = (0..25).map(|seq| post("u", seq, 10)).collect();
    let db = db_with(&posts).await;
    let key = key();

    let first = db.query::<Post>("u").limit(10).await.unwrap();
    let cursor = first.cursor(&key).unwrap().expect("a next page");
    assert!(
        cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );

    // A later request (another process, say) continues from the token alone.
    let second = db
        .query::<Post>("u")
        .limit(10)
        .after_cursor(&key, &cursor)
        .await
        .unwrap();
    assert_eq!(seqs(&second.items), (10..20).collect::<Vec<_>>());
    let cursor = second.cursor(&key).unwrap().expect("a last page");
    let rest: Vec<Post> = db
        .query::<Post>("u")
        .after_cursor(&key, &cursor)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(seqs(&rest), (20..25).collect::<Vec<_>>());

    // The last page has no cursor.
    let last = db
        .query::<Post>("u")
        .after_cursor(&key, &cursor)
        .await
        .unwrap();
    assert_eq!(last.cursor(&key).unwrap(), None);

    // Scans have cursors too.
    let page = db.scan::<Post>().limit(20).await.unwrap();
    let cursor = page.cursor(&key).unwrap().unwrap();
    let tail = db
        .scan::<Post>()
        .after_cursor(&key, &cursor)
        .all()
        .await
        .unwrap();
    assert_eq!(page.items.len() + tail.len(), 25);
}

#[tokio::test]
async fn altered_and_foreign_cursors_are_rejected() {
    let posts: Vec<Post> = (0..10)
        .flat_map(|seq| [post("alice", seq, 10), post("bob", seq, 10)])
        .collect();
    let db = db_with(&posts).await;
    let key = key();
    let page = db.query::<Post>("alice").limit(3).await.unwrap();
    let cursor = page.cursor(&key).unwrap().unwrap();

    let rejects = |result: Result<Page<Post>>| {
        let error = result.unwrap_err();
        assert!(error.is_invalid_cursor(), "{error:?}");
        error
    };
    // One character changed.
    let mut altered = cursor.clone().into_bytes();
    let middle = altered.len() / 2;
    altered[middle] = if altered[middle] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    rejects(db.query::<Post>("alice").after_cursor(&key, &altered).await);
    // Truncated.
    rejects(
        db.query::<Post>("alice")
            .after_cursor(&key, &cursor[..cursor.len() - 10])
            .await,
    );
    // Another key.
    let other = CursorKey::from_bytes([9u8; 32]).unwrap();
    rejects(
        db.query::<Post>("alice")
            .after_cursor(&other, &cursor)
            .await,
    );
    // Another partition: Alice's cursor does not page through Bob's posts.
    let error = rejects(db.query::<Post>("bob").after_cursor(&key, &cursor).await);
    assert!(error.message().contains("another request"), "{error}");
    // Another key condition or direction of the same partition.
    rejects(
        db.query::<Post>("alice")
            .sort_gt(1u32)
            .after_cursor(&key, &cursor)
            .await,
    );
    rejects(
        db.query::<Post>("alice")
            .descending()
            .after_cursor(&key, &cursor)
            .await,
    );
    // A scan's cursor.
    let error = db
        .scan::<Post>()
        .after_cursor(&key, &cursor)
        .await
        .unwrap_err();
    assert!(error.is_invalid_cursor());
    // No request was sent for a rejected cursor, and the stream form reports it too.
    db.backend().requests.store(0, Ordering::SeqCst);
    let streamed: Result<Vec<Post>> = db
        .query::<Post>("bob")
        .after_cursor(&key, &cursor)
        .stream()
        .try_collect()
        .await;
    assert!(streamed.unwrap_err().is_invalid_cursor());
    assert_eq!(db.backend().requests(), 0);
}

#[tokio::test]
async fn parallel_scan_reads_every_item_once_with_overlapping_requests() {
    let posts: Vec<Post> = (0..400)
        .map(|n| post(&format!("user-{}", n % 37), n, 200))
        .collect();
    let db = db_with(&posts).await;
    let expected: BTreeSet<u32> = (0..400).collect();

    let merged = db.scan::<Post>().limit(25).parallel(4).all().await.unwrap();
    assert_eq!(merged.len(), 400, "no item twice");
    assert_eq!(
        merged.iter().map(|p| p.seq).collect::<BTreeSet<_>>(),
        expected
    );
    assert_eq!(
        db.backend().most_in_flight.load(Ordering::SeqCst),
        4,
        "the four segments' requests overlap, and no more than four"
    );

    // One stream per segment: disjoint, and together complete.
    let mut seen = BTreeSet::new();
    for segment in db.scan::<Post>().limit(50).segments(5) {
        let pages: Vec<Page<Post>> = segment.try_collect().await.unwrap();
        for post in pages.into_iter().flat_map(|p| p.items) {
            assert!(seen.insert(post.seq), "{} in two segments", post.seq);
        }
    }
    assert_eq!(seen, expected);

    let error = db.scan::<Post>().parallel(0).all().await.unwrap_err();
    assert!(error.message().contains("at least 1 segment"), "{error}");
}

#[tokio::test]
async fn a_repeated_last_evaluated_key_ends_the_stream_with_an_error() {
    let posts: Vec<Post> = (0..5).map(|seq| post("u", seq, 10)).collect();
    let db = db_with(&posts).await;
    db.backend().stuck.store(true, Ordering::SeqCst);

    let mut pages = db.scan::<Post>().limit(2).pages();
    assert_eq!(pages.try_next().await.unwrap().unwrap().items.len(), 2);
    let error = pages.try_next().await.unwrap_err();
    assert!(error.message().contains("start key"), "{error}");
    assert!(
        pages.next().await.is_none(),
        "the stream ends after the error"
    );
    assert_eq!(db.backend().requests(), 2);
    let error = db.scan::<Post>().limit(2).all().await.unwrap_err();
    assert!(error.message().contains("start key"), "{error}");
}
