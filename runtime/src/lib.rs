//! # dynamodel
//!
//! Typed Amazon DynamoDB models for Rust. Annotate plain structs with
//! `#[derive(Table)]` and get typed tables, keys and queries that run unchanged on real
//! DynamoDB or on the bundled in-process engine (`dynamodel-local`).
//!
//! ```
//! use dynamodel::{Attribute, Table};
//!
//! #[derive(Table, Debug, PartialEq)]
//! #[dynamodel(table = "orders", rename_all = "camelCase")]
//! struct Order {
//!     #[dynamodel(partition_key)]
//!     customer_id: String,
//!     #[dynamodel(sort_key)]
//!     order_id: u64,
//!     total_cents: i64,
//!     note: Option<String>,
//! }
//!
//! let order = Order { customer_id: "c1".into(), order_id: 7, total_cents: 1250, note: None };
//! let item = order.to_item()?;
//! assert_eq!(item["customerId"].as_s(), Some("c1"));
//! assert!(!item.contains_key("note"));
//! assert_eq!(Order::from_item(item)?, order);
//! # Ok::<(), dynamodel::Error>(())
//! ```
//!
//! The data model ([`model`]) mirrors DynamoDB's API; the [`Backend`] trait is the port
//! both backends implement; [`Client`] is the typed API on top.

#[cfg(feature = "aws")]
pub mod aws;
pub mod backend;
pub mod client;
pub mod collection;
pub mod convert;
pub mod entity;
pub mod error;
pub mod expr;
pub mod index;
pub mod key_template;
pub mod lifecycle;
pub mod model;
pub mod schema;
pub mod table;

pub use backend::Backend;
pub use client::{Client, CursorKey, Page, ParallelScan, Versioned};
pub use collection::Collection;
pub use convert::{Attribute, BeginsWith, KeyAttribute, SetMember};
pub use entity::{DEFAULT_ENTITY_ATTRIBUTE, Entity};
pub use error::{CancellationReason, Error, ErrorKind, Result};
pub use expr::{Condition, Path, Projection, Update};
pub use index::{AsKey, Index, IndexKind, Source};
pub use key_template::{KeyPrefix, KeyRange, KeySegment, KeyTemplate, OrderedSegment};
pub use lifecycle::{Clock, Lifecycle, Timestamp};
pub use model::{AttributeValue, Item, Number};
pub use schema::{Billing, IndexProjection, IndexSchema, SchemaConflict, TableSchema, Throughput};
pub use table::{Key, NoSortKey, SortKeySlot, Table};

#[cfg(feature = "derive")]
pub use dynamodel_derive::{Attribute, Collection, Projection, Table};

/// Paths used by the code `dynamodel-derive` generates. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::collection::same_partition_values;
    pub use crate::convert::type_mismatch;
    pub use crate::entity::{check_entity, put_entity, same_key, same_str};
    pub use crate::expr::{AsValue, field_path, projected};
    pub use crate::key_template::{
        KeyReader, KeyWriter, SortKeyMatch, assert_segment, checked_key_field, read_key,
    };
    pub use crate::lifecycle::{TimestampAttribute, read_ttl, timestamp_value, ttl_attribute};
    pub use crate::model::{AttributeType, AttributeValue, Item, ScalarAttributeType};
    pub use crate::table::{
        FieldCodec, ItemBuilder, field, list, put_field, take_elements, take_field, take_map,
        unknown_variant, variant_parts, variant_value,
    };
    pub use std::clone::Clone;
    pub use std::cmp::PartialEq;
    pub use std::convert::Into;
    pub use std::default::Default;
    pub use std::fmt;
    pub use std::marker::PhantomData;
    pub use std::marker::{Send, Sync};
    pub use std::option::Option;
    pub use std::result::Result;
    pub use std::string::String;
    pub use std::vec::Vec;
}
