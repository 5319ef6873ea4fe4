//! The benchmark model: an order with 20 fields of every common shape, deriving both
//! dynamodel's `Table` and serde's traits so that dynamodel and `serde_dynamo` convert the
//! very same struct.
//!
//! Items are laid out in partitions of [`PARTITION_SIZE`] orders (`tenantId`), sorted by
//! `orderId`, so a Query of 100 items reads the same shape of data whatever the table size.

use std::collections::{BTreeMap, BTreeSet};

use dynamodel::{Attribute, Table};
use serde::{Deserialize, Serialize};

/// Orders per partition: Query always reads 100 of them, whatever the table size.
pub const PARTITION_SIZE: u64 = 1_000;

/// An order: two key attributes and 18 other fields (strings, integers, a float, a bool, a
/// unit enum, a nested struct, a list of structs, a string set, two optional fields and a
/// map). One of the optional fields is `None`, so both libraries leave it out.
#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dynamodel(table = "orders", rename_all = "camelCase")]
#[serde(rename_all = "camelCase")]
pub struct Order {
    #[dynamodel(partition_key)]
    pub tenant_id: String,
    #[dynamodel(sort_key)]
    pub order_id: u64,
    pub customer_name: String,
    pub customer_email: String,
    pub status: Status,
    pub currency: String,
    pub total_cents: i64,
    pub item_count: u32,
    pub discount_rate: f64,
    pub created_at_ms: u64,
    pub updated_at_ms: u64,
    pub priority: i32,
    pub gift: bool,
    pub shipping: Address,
    pub lines: Vec<Line>,
    /// A string set (`SS`) in both libraries.
    #[serde(with = "serde_dynamo::string_set")]
    pub tags: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub region: String,
}

/// A unit enum, stored as its variant name (`S`) by both libraries.
#[derive(Attribute, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Paid,
    Shipped,
    Delivered,
}

/// A nested struct, stored as a map (`M`).
#[derive(Attribute, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dynamodel(rename_all = "camelCase")]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub street: String,
    pub city: String,
    pub postcode: String,
    pub country: String,
}

/// One line of an order: the list holds three of them, each a map.
#[derive(Attribute, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dynamodel(rename_all = "camelCase")]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub sku: String,
    pub quantity: u32,
    pub unit_price_cents: i64,
}

const FIRST_NAMES: [&str; 8] = [
    "Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Ken", "Radia",
];
const LAST_NAMES: [&str; 8] = [
    "Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Thompson", "Perlman",
];
const CITIES: [&str; 4] = ["Lisbon", "Osaka", "Toronto", "Nairobi"];
const TAGS: [&str; 6] = [
    "priority",
    "wholesale",
    "fragile",
    "returning",
    "promo",
    "eu",
];

/// SplitMix64: a cheap, well-spread hash for deterministic sample data.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn pick<'a>(choices: &[&'a str], seed: u64) -> &'a str {
    let len = u64::try_from(choices.len()).unwrap_or(1);
    let index = usize::try_from(seed % len).unwrap_or(0);
    choices.get(index).copied().unwrap_or_default()
}

/// The partition key of partition `partition`.
pub fn tenant_id(partition: u64) -> String {
    format!("tenant-{partition:06}")
}

impl Order {
    /// The `index`-th order of the table: partition `index / PARTITION_SIZE`, sort key
    /// `index % PARTITION_SIZE`. Deterministic, 583 bytes on average as DynamoDB counts them.
    pub fn sample(index: u64) -> Order {
        let h = mix(index);
        let first = pick(&FIRST_NAMES, h);
        let last = pick(&LAST_NAMES, h >> 8);
        let lines = (0..3u64)
            .map(|line| {
                let lh = mix(h ^ line);
                Line {
                    sku: format!("SKU-{:08X}", lh & 0xffff_ffff),
                    quantity: u32::try_from(lh % 5).unwrap_or(0) + 1,
                    unit_price_cents: i64::try_from(lh % 50_000).unwrap_or(0) + 99,
                }
            })
            .collect::<Vec<_>>();
        let total_cents = lines
            .iter()
            .map(|line| i64::from(line.quantity) * line.unit_price_cents)
            .sum();
        let status = match h % 4 {
            0 => Status::Pending,
            1 => Status::Paid,
            2 => Status::Shipped,
            _ => Status::Delivered,
        };
        let created_at_ms = 1_700_000_000_000 + (h % 10_000_000_000);
        Order {
            tenant_id: tenant_id(index / PARTITION_SIZE),
            order_id: index % PARTITION_SIZE,
            customer_name: format!("{first} {last}"),
            customer_email: format!(
                "{}.{}@example.com",
                first.to_lowercase(),
                last.to_lowercase()
            ),
            status,
            currency: "EUR".to_owned(),
            total_cents,
            item_count: lines.iter().map(|line| line.quantity).sum(),
            discount_rate: f64::from(u32::try_from(h % 30).unwrap_or(0)) / 100.0,
            created_at_ms,
            updated_at_ms: created_at_ms + (h >> 20) % 86_400_000,
            priority: i32::try_from(h % 10).unwrap_or(0) - 5,
            gift: h.is_multiple_of(7),
            shipping: Address {
                street: format!("{} Rua das Flores", h % 900 + 1),
                city: pick(&CITIES, h >> 16).to_owned(),
                postcode: format!("{:05}", h % 100_000),
                country: "PT".to_owned(),
            },
            lines,
            tags: (0..3)
                .map(|t| pick(&TAGS, (h >> (24 + t * 3)) + t).to_owned())
                .collect(),
            note: Some("leave the parcel with the neighbour at number 12".to_owned()),
            coupon: None,
            metadata: BTreeMap::from([
                ("channel".to_owned(), "web".to_owned()),
                ("campaign".to_owned(), format!("spring-{}", h % 12)),
                ("referrer".to_owned(), "newsletter".to_owned()),
            ]),
            region: "eu-west-1".to_owned(),
        }
    }
}
