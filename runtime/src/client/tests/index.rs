//! Index queries and scans: the `IndexName` and the key condition of every sort-key shape
//! on a multi-attribute key, rendered with placeholders.

use super::{Order, Recorder, block_on};
use crate::Client;
use crate::error::Result;
use crate::index::{Index, IndexKind, Source};
use crate::model::{AttributeValue, Item, Number};
use crate::table::Table;

/// A hand-written global index of `orders` with a 2-attribute partition key and a
/// 3-attribute sort key.
#[derive(Clone, Copy, Debug)]
struct ByPlace;

impl Source for ByPlace {
    type Table = Order;
    type PartitionKey = (String, String);
    type SortKey = (u16, u8, u8);
    type Item = Order;

    const INDEX_NAME: Option<&'static str> = Some("by_place");
    const PARTITION_ATTRIBUTES: &'static [&'static str] = &["country", "city"];
    const SORT_ATTRIBUTES: &'static [&'static str] = &["year", "month", "day"];
    const PROJECTED_FIELDS: Option<&'static [&'static str]> = None;

    fn decode(item: Item) -> Result<Order> {
        Order::from_item(item)
    }
}

impl Index for ByPlace {
    const NAME: &'static str = "by_place";
    const KIND: IndexKind = IndexKind::Global;
}

fn n(v: u16) -> AttributeValue {
    AttributeValue::N(Number::from(u32::from(v)))
}

#[test]
fn index_queries_name_the_index_and_constrain_sort_attributes_left_to_right() {
    let recorder = Recorder::default();
    let db = Client::new(recorder.clone());
    block_on(async {
        let place = || db.query_index(ByPlace, ("FR", "Lyon"));
        place().send().await.unwrap();
        place().sort_lt(2024u16).send().await.unwrap();
        place().sort_eq((2024u16, 5u8, 1u8)).send().await.unwrap();
        place()
            .sort_prefix_eq(2024u16)
            .sort_prefix_eq(5u8)
            .sort_between(1u8, 9u8)
            .descending()
            .send()
            .await
            .unwrap();
        place()
            .sort_prefix_eq(2024u16)
            .sort_eq((5u8, 2u8))
            .send()
            .await
            .unwrap();
    });
    let queries = recorder.queries.lock().unwrap();
    assert!(queries.iter().all(|q| q.table_name == "orders"));
    assert!(
        queries
            .iter()
            .all(|q| q.index_name.as_deref() == Some("by_place"))
    );
    let expressions: Vec<&str> = queries
        .iter()
        .map(|q| q.key_condition_expression.as_deref().unwrap())
        .collect();
    assert_eq!(
        expressions,
        [
            "#n0 = :v0 AND #n1 = :v1",
            "#n0 = :v0 AND #n1 = :v1 AND #n2 < :v2",
            "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3 AND #n4 = :v4",
            "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3 AND #n4 BETWEEN :v4 AND :v5",
            "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3 AND #n4 = :v4",
        ]
    );
    let names = queries[3].expression_attribute_names.as_ref().unwrap();
    let names: Vec<&str> = (0..5).map(|i| names[&format!("#n{i}")].as_str()).collect();
    assert_eq!(names, ["country", "city", "year", "month", "day"]);
    let values = queries[3].expression_attribute_values.as_ref().unwrap();
    assert_eq!(values[":v0"], AttributeValue::S("FR".into()));
    assert_eq!(values[":v1"], AttributeValue::S("Lyon".into()));
    assert_eq!(values[":v2"], n(2024));
    assert_eq!((&values[":v4"], &values[":v5"]), (&n(1), &n(9)));
    assert_eq!(queries[3].scan_index_forward, Some(false));
    let last = queries[4].expression_attribute_values.as_ref().unwrap();
    assert_eq!((&last[":v3"], &last[":v4"]), (&n(5), &n(2)));
}

#[test]
fn index_scans_name_the_index() {
    let recorder = Recorder::default();
    let db = Client::new(recorder.clone());
    block_on(async {
        db.scan_index(ByPlace).limit(3).send().await.unwrap();
    });
    let scans = recorder.scans.lock().unwrap();
    assert_eq!(scans[0].table_name, "orders");
    assert_eq!(scans[0].index_name.as_deref(), Some("by_place"));
    assert_eq!(scans[0].limit, Some(3));
    assert_eq!(scans[0].consistent_read, None);
}
