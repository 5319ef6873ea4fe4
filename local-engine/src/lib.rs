//! # dynamodel-local
//!
//! An in-process engine that behaves like Amazon DynamoDB, so tests of code written against
//! `dynamodel` are fast, offline and honest. [`Engine`] implements [`dynamodel::Backend`] on
//! the model types directly: no JSON, no sockets.
//!
//! ```no_run
//! # async fn demo() -> dynamodel::Result<()> {
//! use dynamodel::Backend;
//! use dynamodel::model::{
//!     AttributeDefinition, BillingMode, CreateTableInput, KeySchemaElement, ScalarAttributeType,
//! };
//!
//! let engine = dynamodel_local::Engine::new();
//! engine
//!     .create_table(CreateTableInput {
//!         table_name: "games".into(),
//!         attribute_definitions: vec![AttributeDefinition::new("id", ScalarAttributeType::S)],
//!         key_schema: vec![KeySchemaElement::hash("id")],
//!         billing_mode: Some(BillingMode::PayPerRequest),
//!         ..Default::default()
//!     })
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! Served today: CreateTable (with local and global secondary indexes, including
//! multi-attribute global index keys), UpdateTable, DeleteTable, DescribeTable, ListTables,
//! PutItem, GetItem, UpdateItem, DeleteItem, Query and Scan of tables and indexes (with
//! parallel segments), batches, transactions and time to live, with DynamoDB's whole
//! expression language (condition, filter, key condition, projection and update expressions)
//! and the legacy parameters (`Expected`, `AttributeUpdates`, `KeyConditions`, `QueryFilter`,
//! `ScanFilter`, `AttributesToGet`, `ConditionalOperator`), in DynamoDB's validation order and
//! with its messages. A `StreamSpecification` is stored and described, but no stream records
//! are produced.
//!
//! Layout: `ops` has one module per operation; `storage` holds tables and the ordered key
//! encoding; `expr` the expression language; `validate` the request checks; `messages` every
//! message text; `size` and `capacity` DynamoDB's item-size and capacity arithmetic. The
//! design notes are in `docs/design.md` ("In-process engine").

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod capacity;
mod clock;
mod engine;
mod expr;
mod messages;
mod ops;
mod size;
mod storage;
mod tokens;
mod ttl;
mod validate;

#[cfg(feature = "server")]
pub mod server;

#[cfg(feature = "sdk")]
mod sdk;
#[cfg(feature = "sdk")]
pub use sdk::{InProcessHttpClient, sdk_client, sdk_config};

#[cfg(test)]
mod tests;

pub use engine::{Engine, EngineBuilder, EngineConfig};
