//! Typed Query and Scan on every backend: sort-key conditions, order, pagination, counts,
//! parallel segments and 1 MB pages.

use dynamodel::{Backend, Client};

use crate::backends::{Target, parity_tests};
use crate::support::{Event, Reading, User, with_table};

parity_tests!(
    query_returns_one_partition_in_sort_key_order,
    every_sort_key_condition,
    numeric_and_binary_keys_sort_by_value_and_unsigned_bytes,
    limit_pages_with_start_after,
    scan_sees_every_item_once_and_segments_split_them,
    a_page_stops_at_one_megabyte_of_data_read,
);

async fn events_db<B: Backend>(db: Client<B>) -> Client<B> {
    let db = with_table::<Event, _>(db).await;
    for (stream, at) in [
        ("s1", "2024-01-01"),
        ("s1", "2024-01-15"),
        ("s1", "2024-02-01"),
        ("s1", "2024-02-20"),
        ("s1", "2025-01-01"),
        ("s2", "2024-01-10"),
    ] {
        let event = Event {
            stream: stream.into(),
            at: at.into(),
            payload: format!("{stream}@{at}"),
        };
        db.put(&event).await.unwrap();
    }
    db
}

fn ats(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.at.as_str()).collect()
}

async fn query_returns_one_partition_in_sort_key_order<B: Backend>(db: Client<B>, _: Target) {
    let db = events_db(db).await;
    let page = db.query::<Event>("s1").await.unwrap();
    assert_eq!(
        ats(&page.items),
        [
            "2024-01-01",
            "2024-01-15",
            "2024-02-01",
            "2024-02-20",
            "2025-01-01"
        ]
    );
    assert_eq!((page.count, page.scanned_count), (5, 5));
    assert!(!page.has_more());
    let page = db.query::<Event>("s1").descending().await.unwrap();
    assert_eq!(ats(&page.items)[0], "2025-01-01");
    assert!(db.query::<Event>("nope").await.unwrap().items.is_empty());
}

async fn every_sort_key_condition<B: Backend>(db: Client<B>, _: Target) {
    let db = events_db(db).await;
    let q = || db.query::<Event>("s1");
    assert_eq!(
        ats(&q().sort_eq("2024-02-01").await.unwrap().items),
        ["2024-02-01"]
    );
    assert_eq!(
        ats(&q().sort_lt("2024-01-15").await.unwrap().items),
        ["2024-01-01"]
    );
    assert_eq!(
        ats(&q().sort_le("2024-01-15").await.unwrap().items),
        ["2024-01-01", "2024-01-15"]
    );
    assert_eq!(
        ats(&q().sort_gt("2024-02-20").await.unwrap().items),
        ["2025-01-01"]
    );
    assert_eq!(
        ats(&q().sort_ge("2024-02-20").await.unwrap().items),
        ["2024-02-20", "2025-01-01"]
    );
    assert_eq!(
        ats(&q()
            .sort_between("2024-01-15", "2024-02-20")
            .await
            .unwrap()
            .items),
        ["2024-01-15", "2024-02-01", "2024-02-20"]
    );
    assert_eq!(
        ats(&q().sort_begins_with("2024-02").await.unwrap().items),
        ["2024-02-01", "2024-02-20"]
    );
    assert_eq!(
        ats(&q()
            .sort_begins_with("2024")
            .descending()
            .await
            .unwrap()
            .items),
        ["2024-02-20", "2024-02-01", "2024-01-15", "2024-01-01"]
    );
}

async fn numeric_and_binary_keys_sort_by_value_and_unsigned_bytes<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let db = with_table::<Reading, _>(db).await;
    for stamp in [
        vec![0x80],
        vec![0x01],
        vec![0xff, 0x00],
        vec![0x00, 0xff],
        vec![0x7f],
    ] {
        db.put(&Reading {
            sensor: 10,
            stamp,
            value: 1.0,
        })
        .await
        .unwrap();
    }
    let page = db.query::<Reading>(10u32).await.unwrap();
    let stamps: Vec<Vec<u8>> = page.items.into_iter().map(|r| r.stamp).collect();
    assert_eq!(
        stamps,
        [
            vec![0x00, 0xff],
            vec![0x01],
            vec![0x7f],
            vec![0x80],
            vec![0xff, 0x00]
        ]
    );
    let page = db
        .query::<Reading>(10u32)
        .sort_begins_with(vec![0xffu8])
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    // Another numeric partition is separate.
    assert!(db.query::<Reading>(100u32).await.unwrap().items.is_empty());
}

async fn limit_pages_with_start_after<B: Backend>(db: Client<B>, _: Target) {
    let db = events_db(db).await;
    let mut seen = Vec::new();
    let mut start = None;
    let mut pages = 0;
    loop {
        let mut query = db.query::<Event>("s1").limit(2);
        if let Some(key) = start.take() {
            query = query.start_after(key);
        }
        let page = query.await.unwrap();
        pages += 1;
        assert!(page.items.len() <= 2);
        seen.extend(page.items.into_iter().map(|e| e.at));
        match page.last_evaluated_key {
            Some(key) => start = Some(key),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    // 2 + 2 + 1: the last page is short, so DynamoDB knows it is the last.
    assert_eq!(pages, 3);
    assert_eq!(
        db.query::<Event>("s1").limit(2).all().await.unwrap().len(),
        5
    );
    assert_eq!(db.query::<Event>("s1").limit(1).count().await.unwrap(), 5);
    assert_eq!(
        db.query::<Event>("s1")
            .sort_begins_with("2024")
            .count()
            .await
            .unwrap(),
        4
    );
}

async fn scan_sees_every_item_once_and_segments_split_them<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<User, _>(db).await;
    for i in 0..200 {
        db.put(&User {
            user_id: format!("user-{i}"),
            name: format!("n{i}"),
            age: None,
        })
        .await
        .unwrap();
    }
    let mut all: Vec<String> = db
        .scan::<User>()
        .limit(7)
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.user_id)
        .collect();
    assert_eq!(all.len(), 200);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 200);

    let mut from_segments = Vec::new();
    for segment in 0..4 {
        let users = db.scan::<User>().segment(segment, 4).all().await.unwrap();
        assert!(!users.is_empty(), "segment {segment} of 200 items is empty");
        from_segments.extend(users.into_iter().map(|u| u.user_id));
    }
    from_segments.sort();
    assert_eq!(from_segments, all);

    // Scan order is stable from one scan to the next.
    let first: Vec<String> = db
        .scan::<User>()
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.user_id)
        .collect();
    let second: Vec<String> = db
        .scan::<User>()
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.user_id)
        .collect();
    assert_eq!(first, second);
    assert_eq!(db.scan::<User>().count().await.unwrap(), 200);
}

async fn a_page_stops_at_one_megabyte_of_data_read<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<Event, _>(db).await;
    // 30 items of ~100 KB each: about 3 MB in one partition.
    for i in 0..30 {
        let event = Event {
            stream: "big".into(),
            at: format!("{i:04}"),
            payload: "x".repeat(100_000),
        };
        db.put(&event).await.unwrap();
    }
    let page = db.query::<Event>("big").await.unwrap();
    assert!(page.has_more());
    assert!(
        (10..=11).contains(&page.items.len()),
        "page of {} items",
        page.items.len()
    );
    let key = page.last_evaluated_key.clone().unwrap();
    assert_eq!(key.len(), 2, "the last evaluated key is the primary key");
    let last = page.items.last().unwrap();
    assert_eq!(key["at"].as_s(), Some(last.at.as_str()));
    assert_eq!(db.query::<Event>("big").all().await.unwrap().len(), 30);
    let scanned = db.scan::<Event>().send().await.unwrap();
    assert!(scanned.has_more() && scanned.items.len() < 30);
}
