//! The in-process engine against the embedded peer (dynoxide on an in-memory SQLite
//! database), in the same run:
//!
//! * `create`: a new engine with the `orders` table, and dropping it: the per-test cost of
//!   "swap the local engine in tests";
//! * `put`, `get`, `query_100`, `query_1`, `scan_10k`: raw operations (each engine's own request types,
//!   inputs built outside the timed routine) on tables of 10^3 and 10^5 orders, and 10^6 with
//!   `DYNAMODEL_BENCH_LARGE=1`, to show how cost grows with table size;
//! * `typed_put`, `typed_get`, `typed_query_100`: the same through the typed layer: dynamodel's
//!   `Client` against `serde_dynamo` plus dynoxide (with the glue between their value types).
//!
//! `cargo bench -p dynamodel-benches --bench engine`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dynamodel::{Backend, Client};
use dynamodel_benches::model::{Order, PARTITION_SIZE, tenant_id};
use dynamodel_benches::sizes::{Scattered, table_sizes};
use dynamodel_benches::{local, peer};
use dynamodel_local::Engine;
use dynoxide::Database;

/// Items a Query returns.
const QUERY_ITEMS: usize = 100;
/// Items a Scan reads (or the whole table, when smaller).
const SCAN_ITEMS: usize = 10_000;

fn create(c: &mut Criterion) {
    let mut group = c.benchmark_group("create");
    group.bench_function("dynamodel", |b| b.iter(local::engine_with_table));
    group.bench_function("dynoxide", |b| b.iter(peer::database_with_table));
    group.finish();
}

fn operations(c: &mut Criterion) {
    for n in table_sizes() {
        eprintln!("filling both engines with {n} orders");
        let engine = local::filled(n);
        let db = peer::filled(n);
        check_same_contents(&engine, &db, n);
        raw(c, &engine, &db, n);
        typed(c, &engine, &db, n);
    }
}

/// Both engines answer the same reads with the same items, or the race is not between
/// equals.
fn check_same_contents(engine: &Engine, db: &Database, n: u64) {
    let index = n / 2;
    let ours = local::now(engine.get_item(local::get_input(index)))
        .expect("get")
        .item;
    let theirs = db.get_item(peer::get_request(index)).expect("get").item;
    assert_eq!(
        ours.as_ref().map(peer::convert_item),
        theirs,
        "GetItem of order {index}"
    );
    let ours = local::now(engine.query(local::query_input(0, 100))).expect("query");
    let theirs = db
        .query(peer::query_request(0, QUERY_ITEMS))
        .expect("query");
    assert_eq!(
        ours.items.map(|items| items.len()),
        theirs.items.map(|items| items.len())
    );
    let wanted = SCAN_ITEMS.min(usize::try_from(n).unwrap_or(usize::MAX));
    assert_eq!(local::scan(engine, SCAN_ITEMS), wanted);
    assert_eq!(peer::scan(db, SCAN_ITEMS), wanted);
}

fn raw(c: &mut Criterion, engine: &Engine, db: &Database, n: u64) {
    let partitions = n.div_ceil(PARTITION_SIZE);

    let mut group = c.benchmark_group("put");
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter_batched(
            || local::put_input(local::item(keys.next_index())),
            |input| local::now(engine.put_item(input)).expect("put"),
            BatchSize::SmallInput,
        );
    });
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter_batched(
            || peer::put_request(peer::item(keys.next_index())),
            |request| db.put_item(request).expect("put"),
            BatchSize::SmallInput,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("get");
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter_batched(
            || local::get_input(keys.next_index()),
            |input| local::now(engine.get_item(input)).expect("get"),
            BatchSize::SmallInput,
        );
    });
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter_batched(
            || peer::get_request(keys.next_index()),
            |request| db.get_item(request).expect("get"),
            BatchSize::SmallInput,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("query_100");
    group.throughput(Throughput::Elements(QUERY_ITEMS as u64));
    let mut parts = Scattered::new(partitions);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter_batched(
            || local::query_input(parts.next_index(), 100),
            |input| local::now(engine.query(input)).expect("query"),
            BatchSize::SmallInput,
        );
    });
    let mut parts = Scattered::new(partitions);
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter_batched(
            || peer::query_request(parts.next_index(), QUERY_ITEMS),
            |request| db.query(request).expect("query"),
            BatchSize::SmallInput,
        );
    });
    group.finish();

    // One item: the cost of locating a partition, which must grow no faster than O(log n).
    let mut group = c.benchmark_group("query_1");
    let mut parts = Scattered::new(partitions);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter_batched(
            || local::query_input(parts.next_index(), 1),
            |input| local::now(engine.query(input)).expect("query"),
            BatchSize::SmallInput,
        );
    });
    let mut parts = Scattered::new(partitions);
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter_batched(
            || peer::query_request(parts.next_index(), 1),
            |request| db.query(request).expect("query"),
            BatchSize::SmallInput,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("scan_10k");
    let read = SCAN_ITEMS.min(usize::try_from(n).unwrap_or(usize::MAX));
    group.throughput(Throughput::Elements(read as u64));
    group.sample_size(10);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter(|| local::scan(engine, black_box(SCAN_ITEMS)));
    });
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter(|| peer::scan(db, black_box(SCAN_ITEMS)));
    });
    group.finish();
}

fn typed(c: &mut Criterion, engine: &Engine, db: &Database, n: u64) {
    let client = Client::new(engine.clone());
    let partitions = n.div_ceil(PARTITION_SIZE);
    type SerdeItem = std::collections::HashMap<String, serde_dynamo::AttributeValue>;

    let mut group = c.benchmark_group("typed_put");
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter_batched(
            || Order::sample(keys.next_index()),
            |order| local::now(client.put(&order).send()).expect("put"),
            BatchSize::SmallInput,
        );
    });
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter_batched(
            || Order::sample(keys.next_index()),
            |order| {
                let item: SerdeItem = serde_dynamo::to_item(&order).expect("to_item");
                db.put_item(peer::put_request(peer::from_serde_dynamo(item)))
                    .expect("put")
            },
            BatchSize::SmallInput,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("typed_get");
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter_batched(
            || {
                let index = keys.next_index();
                Order::key(tenant_id(index / PARTITION_SIZE), index % PARTITION_SIZE)
            },
            |key| {
                local::now(client.get(key).send())
                    .expect("get")
                    .expect("the order exists")
            },
            BatchSize::SmallInput,
        );
    });
    let mut keys = Scattered::new(n);
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter_batched(
            || peer::get_request(keys.next_index()),
            |request| {
                let item = db
                    .get_item(request)
                    .expect("get")
                    .item
                    .expect("the order exists");
                serde_dynamo::from_item::<_, Order>(peer::to_serde_dynamo(item)).expect("from_item")
            },
            BatchSize::SmallInput,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("typed_query_100");
    group.throughput(Throughput::Elements(QUERY_ITEMS as u64));
    let mut parts = Scattered::new(partitions);
    group.bench_with_input(BenchmarkId::new("dynamodel", n), &n, |b, _| {
        b.iter_batched(
            || tenant_id(parts.next_index()),
            |tenant| local::now(client.query::<Order>(tenant).limit(100).send()).expect("query"),
            BatchSize::SmallInput,
        );
    });
    let mut parts = Scattered::new(partitions);
    group.bench_with_input(BenchmarkId::new("dynoxide", n), &n, |b, _| {
        b.iter_batched(
            || peer::query_request(parts.next_index(), QUERY_ITEMS),
            |request| {
                let items = db.query(request).expect("query").items.unwrap_or_default();
                items
                    .into_iter()
                    .map(|item| serde_dynamo::from_item(peer::to_serde_dynamo(item)))
                    .collect::<Result<Vec<Order>, _>>()
                    .expect("from_item")
            },
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
}

criterion_group! {
    name = engine;
    config = config();
    targets = create, operations
}
criterion_main!(engine);
