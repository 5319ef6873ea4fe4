//! Models shared by the parity tests: one field of every kind the derive supports, and
//! tables keyed by each scalar type.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use dynamodel::{Attribute, Number, Table};

/// A table with a sort key and one field of every kind the derive supports.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "kitchen_sink", rename_all = "camelCase")]
pub(crate) struct KitchenSink {
    #[dynamodel(partition_key)]
    pub id: String,
    #[dynamodel(sort_key)]
    pub version: u64,
    pub flag: bool,
    pub tiny: i8,
    pub small: u16,
    pub big: u64,
    pub huge: i128,
    pub ratio: f64,
    pub exact: Number,
    pub bytes: Vec<u8>,
    pub names: Vec<String>,
    pub tags: BTreeSet<String>,
    pub scores: HashSet<i64>,
    pub blobs: BTreeSet<Vec<u8>>,
    pub counts: HashMap<String, u32>,
    pub labels: BTreeMap<String, String>,
    pub nested: Address,
    pub shape: Shape,
    pub level: Level,
    pub note: Option<String>,
    #[dynamodel(nullable)]
    pub cleared: Option<String>,
    #[dynamodel(rename = "legacy_name")]
    pub renamed: String,
    #[dynamodel(default)]
    pub defaulted: u32,
    #[dynamodel(skip)]
    pub cache: Option<String>,
}

/// A nested struct (stored as a map).
#[derive(Attribute, Debug, Clone, PartialEq)]
#[dynamodel(rename_all = "camelCase")]
pub(crate) struct Address {
    pub street_name: String,
    pub zip: Option<u32>,
}

/// A unit-only enum (stored as a string).
#[derive(Attribute, Debug, Clone, Copy, PartialEq)]
pub(crate) enum Level {
    Low,
    #[dynamodel(rename = "HIGH")]
    High,
}

/// An enum with data (stored externally tagged).
#[derive(Attribute, Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Point,
    Circle(f64),
    Rect { width: u32, height: u32 },
}

impl KitchenSink {
    /// A fully populated sample whose values depend on `n`.
    pub(crate) fn sample(id: &str, n: u64) -> Self {
        KitchenSink {
            id: id.to_owned(),
            version: n,
            flag: n.is_multiple_of(2),
            tiny: -8,
            small: 65_535,
            big: u64::MAX - n,
            huge: -17_014_118_346_046_923_173_168_730_371_588_410_572 - i128::from(n),
            ratio: 0.1 + n as f64,
            exact: "12345678901234567890.123456789"
                .parse()
                .expect("valid number"),
            bytes: vec![0, 1, 0xfe, 0xff],
            names: vec!["a".into(), String::new(), "c".into()],
            tags: BTreeSet::from(["x".to_owned(), "y".to_owned()]),
            scores: HashSet::from([1, -2, 3]),
            blobs: BTreeSet::from([vec![1u8], vec![2u8, 3]]),
            counts: HashMap::from([("apples".to_owned(), 3)]),
            labels: BTreeMap::from([("k".to_owned(), "v".to_owned())]),
            nested: Address {
                street_name: "Main St".into(),
                zip: Some(12345),
            },
            shape: Shape::Rect {
                width: 3,
                height: 4,
            },
            level: Level::High,
            note: None,
            cleared: None,
            renamed: "old".into(),
            defaulted: 7,
            cache: None,
        }
    }
}

/// A table with only a partition key.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "users")]
pub(crate) struct User {
    #[dynamodel(partition_key)]
    pub user_id: String,
    pub name: String,
    pub age: Option<u8>,
}

/// A table with a numeric partition key and a binary sort key.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "readings")]
pub(crate) struct Reading {
    #[dynamodel(partition_key)]
    pub sensor: u32,
    #[dynamodel(sort_key)]
    pub stamp: Vec<u8>,
    pub value: f64,
}

/// A table keyed by string partition and string sort key, for ordering tests.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "events")]
pub(crate) struct Event {
    #[dynamodel(partition_key)]
    pub stream: String,
    #[dynamodel(sort_key)]
    pub at: String,
    pub payload: String,
}

/// Creates `T`'s table on `db`.
pub(crate) async fn with_table<T: Table, B: dynamodel::Backend>(
    db: dynamodel::Client<B>,
) -> dynamodel::Client<B> {
    db.create_table::<T>().await.expect("table is created");
    db
}
