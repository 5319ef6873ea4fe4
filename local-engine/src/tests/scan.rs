//! Scan: stable hash order, paging by Limit and by 1 MB, parallel segments, errors.

use std::collections::BTreeSet;

use dynamodel::model::{ScalarAttributeType as T, ScanInput, Select};
use dynamodel::{AttributeValue, Backend, ErrorKind, Item};

use super::support::*;
use crate::Engine;

fn filled(count: usize) -> Engine {
    let engine = engine_with(T::S, Some(T::N));
    for i in 0..count {
        put(
            &engine,
            item(&[("pk", s(&format!("p{}", i % 7))), ("sk", n(&i.to_string()))]),
        );
    }
    engine
}

/// Every item of a scan, following `LastEvaluatedKey`; also the page count.
fn scan_all(engine: &Engine, base: ScanInput) -> (Vec<Item>, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut start = None;
    loop {
        let out = run(engine.scan(ScanInput {
            exclusive_start_key: start.take(),
            ..base.clone()
        }))
        .unwrap();
        pages += 1;
        items.extend(out.items.unwrap());
        match out.last_evaluated_key {
            Some(key) => start = Some(key),
            None => return (items, pages),
        }
    }
}

fn keys(items: &[Item]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|i| {
            (
                i["pk"].as_s().unwrap().to_owned(),
                i["sk"].as_n().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn scan_order_is_stable_and_groups_partitions_in_sort_order() {
    let engine = filled(40);
    let first = run(engine.scan(scan())).unwrap().items.unwrap();
    assert_eq!(first.len(), 40);
    let again = run(filled(40).scan(scan())).unwrap().items.unwrap();
    assert_eq!(
        keys(&first),
        keys(&again),
        "a fresh engine scans in the same order"
    );
    let mut partitions: Vec<AttributeValue> = Vec::new();
    for window in first.windows(2) {
        if window[0]["pk"] == window[1]["pk"] {
            assert!(window[0]["sk"].as_n().unwrap() < window[1]["sk"].as_n().unwrap());
        } else {
            partitions.push(window[0]["pk"].clone());
        }
    }
    partitions.push(first.last().unwrap()["pk"].clone());
    assert_eq!(partitions.len(), 7, "each partition is contiguous");
    let hashes: Vec<u64> = partitions
        .iter()
        .map(|p| {
            crate::storage::KeyValue::from_attribute(p)
                .unwrap()
                .partition_hash()
        })
        .collect();
    assert!(
        hashes.windows(2).all(|w| w[0] < w[1]),
        "partitions in hash order"
    );
}

#[test]
fn limit_pages_cover_everything_once() {
    let engine = filled(23);
    let (items, pages) = scan_all(
        &engine,
        ScanInput {
            limit: Some(5),
            ..scan()
        },
    );
    assert_eq!(pages, 5);
    assert_eq!(
        keys(&items),
        keys(&run(engine.scan(scan())).unwrap().items.unwrap())
    );
}

#[test]
fn one_megabyte_pages() {
    let engine = engine_with(T::S, None);
    let payload = "y".repeat(200_000);
    for i in 0..12 {
        put(
            &engine,
            item(&[("pk", s(&format!("k{i:02}"))), ("v", s(&payload))]),
        );
    }
    let mut counts = Vec::new();
    let mut start = None;
    loop {
        let out = run(engine.scan(ScanInput {
            exclusive_start_key: start.take(),
            ..scan()
        }))
        .unwrap();
        counts.push(out.scanned_count);
        match out.last_evaluated_key {
            Some(key) => start = Some(key),
            None => break,
        }
    }
    // 6 items of ~200 KB cross 1 MB.
    assert_eq!(counts, vec![6, 6, 0]);
}

#[test]
fn parallel_segments_are_disjoint_and_complete() {
    let engine = filled(200);
    let everything: BTreeSet<_> = keys(&run(engine.scan(scan())).unwrap().items.unwrap())
        .into_iter()
        .collect();
    for total in [1, 2, 3, 8, 1000] {
        let mut seen = BTreeSet::new();
        let mut count = 0;
        let mut owner = std::collections::BTreeMap::new();
        for segment in 0..total {
            let input = ScanInput {
                segment: Some(segment),
                total_segments: Some(total),
                limit: Some(9),
                ..scan()
            };
            let (items, _) = scan_all(&engine, input);
            for (pk, sk) in keys(&items) {
                count += 1;
                let first_owner = *owner.entry(pk.clone()).or_insert(segment);
                assert_eq!(first_owner, segment, "a partition belongs to one segment");
                seen.insert((pk, sk));
            }
        }
        assert_eq!(count, everything.len(), "no item twice ({total} segments)");
        assert_eq!(seen, everything, "every item once ({total} segments)");
    }
}

#[test]
fn select_count() {
    let engine = filled(10);
    let out = run(engine.scan(ScanInput {
        select: Some(Select::Count),
        ..scan()
    }))
    .unwrap();
    assert_eq!((out.count, out.scanned_count, out.items), (10, 10, None));
}

#[test]
fn segment_parameters() {
    let engine = filled(3);
    assert_validation(
        run(engine.scan(ScanInput {
            segment: Some(0),
            ..scan()
        })),
        "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            total_segments: Some(4),
            ..scan()
        })),
        "The Segment parameter is required but was not present in the request when parameter TotalSegments is present",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            segment: Some(5),
            total_segments: Some(5),
            ..scan()
        })),
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less than TotalSegments: 5",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            segment: Some(-1),
            total_segments: Some(4),
            ..scan()
        })),
        "1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            segment: Some(0),
            total_segments: Some(1_000_001),
            ..scan()
        })),
        "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            segment: Some(0),
            total_segments: Some(0),
            ..scan()
        })),
        "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            limit: Some(0),
            ..scan()
        })),
        "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    assert!(
        run(engine.scan(ScanInput {
            segment: Some(999_999),
            total_segments: Some(1_000_000),
            ..scan()
        }))
        .is_ok()
    );
}

#[test]
fn scan_errors() {
    let engine = filled(3);
    assert_validation(
        run(engine.scan(ScanInput {
            exclusive_start_key: Some(item(&[("bad", s("p"))])),
            ..scan()
        })),
        "The provided starting key is invalid",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            exclusive_start_key: Some(item(&[("pk", n("1")), ("sk", n("1"))])),
            ..scan()
        })),
        "The provided starting key is invalid",
    );
    let dupes = AttributeValue::Ss(vec!["b".into(), "a".into(), "b".into()]);
    assert_validation(
        run(engine.scan(ScanInput {
            exclusive_start_key: Some(item(&[("pk", dupes), ("sk", n("1"))])),
            ..scan()
        })),
        "One or more parameter values were invalid: Input collection [b, a, b] contains duplicates.",
    );
    assert_validation(
        run(engine.scan(ScanInput {
            filter_expression: Some("a = :a".into()),
            ..scan()
        })),
        "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :a",
    );
    let missing = run(engine.scan(ScanInput {
        table_name: "nope".into(),
        ..scan()
    }));
    assert_eq!(
        failure(missing),
        (
            ErrorKind::ResourceNotFound,
            "Requested resource not found".to_owned()
        )
    );
}
