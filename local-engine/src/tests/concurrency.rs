//! The engine shared across threads and tasks.

use std::thread;

use dynamodel::Backend;
use dynamodel::model::{DescribeTableInput, ScalarAttributeType as T};

use super::support::*;
use crate::Engine;

fn assert_send_sync<X: Send + Sync + Clone + std::fmt::Debug + Default>() {}

#[test]
fn engine_is_send_sync_clone_debug_default() {
    assert_send_sync::<Engine>();
    let debug = format!("{:?}", engine_with(T::S, None));
    assert!(
        debug.contains("us-east-1") && debug.contains("tables: 1"),
        "{debug}"
    );
}

#[test]
fn concurrent_puts_from_threads_all_land() {
    let engine = engine_with(T::S, Some(T::N));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let engine = engine.clone();
            thread::spawn(move || {
                for i in 0..250 {
                    put(
                        &engine,
                        item(&[("pk", s(&format!("t{t}"))), ("sk", n(&i.to_string()))]),
                    );
                    if i % 50 == 0 {
                        run(engine.scan(scan())).unwrap();
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let described = run(engine.describe_table(DescribeTableInput {
        table_name: TABLE.into(),
    }))
    .unwrap();
    assert_eq!(described.table.unwrap().item_count, Some(2000));
    for t in 0..8 {
        let out = run(engine.query(query("pk = :p", &[(":p", s(&format!("t{t}")))]))).unwrap();
        assert_eq!(out.count, 250);
    }
}

#[tokio::test]
async fn engine_futures_work_in_tokio_tasks() {
    let engine = engine_with(T::S, None);
    let mut tasks = Vec::new();
    for i in 0..20 {
        let engine = engine.clone();
        tasks.push(tokio::spawn(async move {
            engine
                .put_item(dynamodel::model::PutItemInput {
                    table_name: TABLE.into(),
                    item: item(&[("pk", s(&i.to_string()))]),
                    ..Default::default()
                })
                .await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(engine.scan(scan()).await.unwrap().count, 20);
}

#[test]
fn creating_an_engine_and_a_table_is_cheap() {
    let started = std::time::Instant::now();
    for _ in 0..1000 {
        let engine = engine_with(T::S, Some(T::N));
        put(&engine, item(&[("pk", s("p")), ("sk", n("1"))]));
    }
    // A thousand engines, tables and writes: well under a second even unoptimised.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn conditional_writes_check_and_write_atomically() {
    use dynamodel::model::{PutItemInput, UpdateItemInput};
    let engine = engine_with(T::S, None);
    put(&engine, item(&[("pk", s("counter")), ("n", n("0"))]));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let engine = engine.clone();
            thread::spawn(move || {
                let mut created = 0;
                for i in 0..50 {
                    // Read-check-write increments: the condition sees the value it replaces.
                    loop {
                        let current = get(&engine, item(&[("pk", s("counter"))])).unwrap();
                        let seen = current.get("n").cloned().unwrap();
                        let update = UpdateItemInput {
                            table_name: TABLE.into(),
                            key: item(&[("pk", s("counter"))]),
                            update_expression: Some("SET n = n + :one".into()),
                            condition_expression: Some("n = :seen".into()),
                            expression_attribute_values: Some(item(&[
                                (":one", n("1")),
                                (":seen", seen),
                            ])),
                            ..Default::default()
                        };
                        match run(engine.update_item(update)) {
                            Ok(_) => break,
                            Err(e) if e.is_conditional_check_failed() => continue,
                            Err(e) => panic!("{e:?}"),
                        }
                    }
                    let create = PutItemInput {
                        table_name: TABLE.into(),
                        item: item(&[("pk", s(&format!("once{i}"))), ("by", n(&t.to_string()))]),
                        condition_expression: Some("attribute_not_exists(pk)".into()),
                        ..Default::default()
                    };
                    if run(engine.put_item(create)).is_ok() {
                        created += 1;
                    }
                }
                created
            })
        })
        .collect();
    let created: i32 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(created, 50, "each guarded item is created exactly once");
    let counter = get(&engine, item(&[("pk", s("counter"))])).unwrap();
    assert_eq!(counter.get("n"), Some(&n("400")), "no increment is lost");
}
