//! Struct ⇄ item conversion of the 20-field [`Order`]: dynamodel's derive
//! (`Table::to_item` / `Table::from_item`) against `serde_dynamo` (`to_item` / `from_item`
//! into its own `HashMap<String, AttributeValue>`, no AWS SDK types) on the same struct, in
//! the same run.
//!
//! `cargo bench -p dynamodel-benches --bench conversion`

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dynamodel::Table;
use dynamodel_benches::model::Order;

type SerdeItem = HashMap<String, serde_dynamo::AttributeValue>;

fn to_item(c: &mut Criterion) {
    let order = Order::sample(42);
    let mut group = c.benchmark_group("to_item");
    group.bench_function("dynamodel", |b| {
        b.iter(|| black_box(&order).to_item().expect("dynamodel to_item"));
    });
    group.bench_function("serde_dynamo", |b| {
        b.iter(|| {
            serde_dynamo::to_item::<_, SerdeItem>(black_box(&order)).expect("serde_dynamo to_item")
        });
    });
    group.finish();
}

fn from_item(c: &mut Criterion) {
    let order = Order::sample(42);
    let item = order.to_item().expect("dynamodel to_item");
    let serde_item: SerdeItem = serde_dynamo::to_item(&order).expect("serde_dynamo to_item");
    // Both directions must agree with the struct, or the race is not between equals.
    assert_eq!(
        Order::from_item(item.clone()).expect("dynamodel from_item"),
        order
    );
    let back: Order = serde_dynamo::from_item(serde_item.clone()).expect("serde_dynamo from_item");
    assert_eq!(back, order);
    assert_eq!(
        item.len(),
        serde_item.len(),
        "both libraries store the same attributes"
    );

    let mut group = c.benchmark_group("from_item");
    // Both take the item by value: the clone is made outside the timed routine.
    group.bench_function("dynamodel", |b| {
        b.iter_batched(
            || item.clone(),
            |item| Order::from_item(item).expect("dynamodel from_item"),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("serde_dynamo", |b| {
        b.iter_batched(
            || serde_item.clone(),
            |item| serde_dynamo::from_item::<_, Order>(item).expect("serde_dynamo from_item"),
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = conversion;
    config = config();
    targets = to_item, from_item
}
criterion_main!(conversion);
