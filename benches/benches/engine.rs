//! The in-process engine against the embedded peer (dynoxide on an in-memory SQLite
//! database), in the same run:
//!
//! * `create`: a new engine with the `orders` table, and dropping it: the per-test cost of
//!   "swap the local engine in tests";
//! * `put`, `get`, `query_100`, `query_1`, `conditional_update`, `transaction_4`, `scan_10k`:
//!   raw operations (each engine's own request types, inputs built outside the timed routine)
//!   on tables of 10^3 and 10^5 orders, and 10^6 with `DYNAMODEL_BENCH_LARGE=1`, to show how
//!   cost grows with table size. `conditional_update` is UpdateItem
//!   `SET updatedAtMs = updatedAtMs + :one` if `attribute_exists(tenantId)` on an existing
//!   order; `transaction_4` is TransactWriteItems of that update on 4 distinct orders;
//!   `get` also times `item_clone_floor`, copying an order `Item`: the least any engine that
//!   returns an owned `Item` spends per GetItem, and `put` times `item_drop_floor`, freeing
//!   one: the least any engine that is handed an owned `Item` spends per PutItem (floors, not
//!   peers);
//! * `typed_put`, `typed_get`, `typed_query_100`: the same through the typed layer: dynamodel's
//!   `Client` against `serde_dynamo` plus dynoxide (with the glue between their value types).
//!
//! `cargo bench -p dynamodel-benches --bench engine`

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use dynamodel::{AttributeValue, Backend, Client, Item, Number};
use dynamodel_benches::model::{Order, PARTITION_SIZE, tenant_id};
use dynamodel_benches::sizes::{Scattered, spread, table_sizes};
use dynamodel_benches::{local, peer};
use dynamodel_local::Engine;
use dynoxide::Database;

/// Items a Query returns.
const QUERY_ITEMS: usize = 100;
/// Items a Scan reads (or the whole table, when smaller).
const SCAN_ITEMS: usize = 10_000;
/// Update actions in a transaction.
const TRANSACTION_ITEMS: usize = 4;

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
        check_same_writes(&engine, &db, n);
        raw(c, &engine, &db, n);
        typed(c, &engine, &db, n);
    }
}

/// Both engines answer the same reads with the same items, or the race is not between
/// equals.
fn check_same_contents(engine: &Engine, db: &Database, n: u64) {
    assert_same_item(engine, db, n / 2);
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

/// Both engines apply the benchmarked writes the same way: the update bumps
/// `updatedAtMs` by one, the transaction does so on each of its orders, and both are
/// refused for an order that does not exist (so the condition is really evaluated).
fn check_same_writes(engine: &Engine, db: &Database, n: u64) {
    let updated = n / 3;
    local::now(engine.update_item(local::update_input(updated))).expect("update");
    db.update_item(peer::update_request(updated))
        .expect("update");
    let in_transaction = spread::<TRANSACTION_ITEMS>(updated + 1, n);
    local::now(engine.transact_write_items(local::transaction_input(&in_transaction)))
        .expect("transaction");
    db.transact_write_items(peer::transaction_request(&in_transaction))
        .expect("transaction");
    for index in std::iter::once(updated).chain(in_transaction) {
        assert_updated_once(engine, db, index);
    }

    let missing = n; // orders are 0..n
    let refused = local::now(engine.update_item(local::update_input(missing)));
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.is_conditional_check_failed()),
        "our update of a missing order: {refused:?}"
    );
    assert!(
        db.update_item(peer::update_request(missing)).is_err(),
        "dynoxide's update of a missing order succeeded"
    );
    let with_missing = [in_transaction[0], missing];
    let refused = local::now(engine.transact_write_items(local::transaction_input(&with_missing)));
    assert!(
        refused.as_ref().is_err_and(|e| e.is_transaction_canceled()),
        "our transaction with a missing order: {refused:?}"
    );
    assert!(
        db.transact_write_items(peer::transaction_request(&with_missing))
            .is_err(),
        "dynoxide's transaction with a missing order succeeded"
    );
    // All or nothing: the order that exists was not updated a second time.
    assert_updated_once(engine, db, in_transaction[0]);
}

/// Asserts both engines hold the `index`-th order with `updatedAtMs` one more than it was
/// written with, and otherwise the same.
fn assert_updated_once(engine: &Engine, db: &Database, index: u64) {
    let item = assert_same_item(engine, db, index).expect("the order exists");
    let expected = Order::sample(index).updated_at_ms + 1;
    assert_eq!(
        item.get("updatedAtMs"),
        Some(&AttributeValue::N(Number::from(expected))),
        "updatedAtMs of order {index} after one update"
    );
}

/// Asserts both engines hold the same `index`-th order (or neither does); returns ours.
fn assert_same_item(engine: &Engine, db: &Database, index: u64) -> Option<Item> {
    let ours = local::now(engine.get_item(local::get_input(index)))
        .expect("get")
        .item;
    let theirs = db.get_item(peer::get_request(index)).expect("get").item;
    assert_eq!(
        ours.as_ref().map(peer::convert_item),
        theirs,
        "GetItem of order {index}"
    );
    ours
}

fn raw(c: &mut Criterion, engine: &Engine, db: &Database, n: u64) {
    let partitions = n.div_ceil(PARTITION_SIZE);

    let mut group = c.benchmark_group("put");
    scattered(
        &mut group,
        "dynamodel",
        n,
        n,
        |index| local::put_input(local::item(index)),
        |input| local::now(engine.put_item(input)).expect("put"),
    );
    scattered(
        &mut group,
        "dynoxide",
        n,
        n,
        |index| peer::put_request(peer::item(index)),
        |request| db.put_item(request).expect("put"),
    );
    // Not a peer: the floor. PutItem is handed an owned order `Item` and must at least free
    // it, whatever it stores.
    scattered(&mut group, "item_drop_floor", n, n, local::item, drop);
    group.finish();

    let mut group = c.benchmark_group("get");
    scattered(&mut group, "dynamodel", n, n, local::get_input, |input| {
        local::now(engine.get_item(input)).expect("get")
    });
    scattered(&mut group, "dynoxide", n, n, peer::get_request, |request| {
        db.get_item(request).expect("get")
    });
    // Not a peer: the floor. Copying a fresh order `Item` (built just before, so in cache) is
    // the least any engine returning an owned `Item` pays per GetItem, whatever it stores.
    scattered(&mut group, "item_clone_floor", n, n, local::item, |item| {
        item.clone()
    });
    group.finish();

    let mut group = c.benchmark_group("query_100");
    group.throughput(Throughput::Elements(QUERY_ITEMS as u64));
    scattered(
        &mut group,
        "dynamodel",
        n,
        partitions,
        |partition| local::query_input(partition, 100),
        |input| local::now(engine.query(input)).expect("query"),
    );
    scattered(
        &mut group,
        "dynoxide",
        n,
        partitions,
        |partition| peer::query_request(partition, QUERY_ITEMS),
        |request| db.query(request).expect("query"),
    );
    group.finish();

    // One item: the cost of locating a partition, which must grow no faster than O(log n).
    let mut group = c.benchmark_group("query_1");
    scattered(
        &mut group,
        "dynamodel",
        n,
        partitions,
        |partition| local::query_input(partition, 1),
        |input| local::now(engine.query(input)).expect("query"),
    );
    scattered(
        &mut group,
        "dynoxide",
        n,
        partitions,
        |partition| peer::query_request(partition, 1),
        |request| db.query(request).expect("query"),
    );
    group.finish();

    // Read, condition, add, write back: on an existing order, so the condition holds.
    let mut group = c.benchmark_group("conditional_update");
    scattered(
        &mut group,
        "dynamodel",
        n,
        n,
        local::update_input,
        |input| local::now(engine.update_item(input)).expect("update"),
    );
    scattered(
        &mut group,
        "dynoxide",
        n,
        n,
        peer::update_request,
        |request| db.update_item(request).expect("update"),
    );
    group.finish();

    // The same update on 4 orders far apart, all or none.
    let mut group = c.benchmark_group("transaction_4");
    group.throughput(Throughput::Elements(TRANSACTION_ITEMS as u64));
    scattered(
        &mut group,
        "dynamodel",
        n,
        n,
        |first| local::transaction_input(&spread::<TRANSACTION_ITEMS>(first, n)),
        |input| local::now(engine.transact_write_items(input)).expect("transaction"),
    );
    scattered(
        &mut group,
        "dynoxide",
        n,
        n,
        |first| peer::transaction_request(&spread::<TRANSACTION_ITEMS>(first, n)),
        |request| db.transact_write_items(request).expect("transaction"),
    );
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
    scattered(&mut group, "dynamodel", n, n, Order::sample, |order| {
        local::now(client.put(&order).send()).expect("put")
    });
    scattered(&mut group, "dynoxide", n, n, Order::sample, |order| {
        let item: SerdeItem = serde_dynamo::to_item(&order).expect("to_item");
        db.put_item(peer::put_request(peer::from_serde_dynamo(item)))
            .expect("put")
    });
    group.finish();

    let mut group = c.benchmark_group("typed_get");
    scattered(
        &mut group,
        "dynamodel",
        n,
        n,
        |index| Order::key(tenant_id(index / PARTITION_SIZE), index % PARTITION_SIZE),
        |key| {
            local::now(client.get(key).send())
                .expect("get")
                .expect("the order exists")
        },
    );
    scattered(&mut group, "dynoxide", n, n, peer::get_request, |request| {
        let item = db
            .get_item(request)
            .expect("get")
            .item
            .expect("the order exists");
        serde_dynamo::from_item::<_, Order>(peer::to_serde_dynamo(item)).expect("from_item")
    });
    group.finish();

    let mut group = c.benchmark_group("typed_query_100");
    group.throughput(Throughput::Elements(QUERY_ITEMS as u64));
    scattered(
        &mut group,
        "dynamodel",
        n,
        partitions,
        tenant_id,
        |tenant| local::now(client.query::<Order>(tenant).limit(100).send()).expect("query"),
    );
    scattered(
        &mut group,
        "dynoxide",
        n,
        partitions,
        |partition| peer::query_request(partition, QUERY_ITEMS),
        |request| {
            let items = db.query(request).expect("query").items.unwrap_or_default();
            items
                .into_iter()
                .map(|item| serde_dynamo::from_item(peer::to_serde_dynamo(item)))
                .collect::<Result<Vec<Order>, _>>()
                .expect("from_item")
        },
    );
    group.finish();
}

/// Benchmarks `routine` as `name` at table size `n`, on inputs that `setup` builds outside
/// the timed part from a scattered walk over `0..range` (keys, or partitions).
fn scattered<I, O>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    n: u64,
    range: u64,
    mut setup: impl FnMut(u64) -> I,
    mut routine: impl FnMut(I) -> O,
) {
    let mut walk = Scattered::new(range);
    group.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
        b.iter_batched(
            || setup(walk.next_index()),
            &mut routine,
            BatchSize::SmallInput,
        );
    });
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
