//! Engine tests, one module per behaviour. Tests drive the engine through `Backend`, as users
//! do, and assert DynamoDB's outcomes: error kinds with exact messages, item contents, orders.

mod batches;
mod capacity;
mod concurrency;
mod condition_model;
mod conditions;
mod filters;
mod fuzz_corpus;
mod index_capacity;
mod index_fixture;
mod index_model;
mod index_queries;
mod index_selection;
mod indexes;
mod item_collections;
mod items;
mod key_paths;
mod keys;
mod model;
mod projections;
mod query;
mod query_errors;
mod scan;
#[cfg(feature = "sdk")]
mod sdk_operations;
mod support;
mod tables;
mod tags;
mod time_to_live;
mod transactions;
mod update_errors;
mod update_table;
mod updates;
#[cfg(feature = "server")]
mod wire_operations;
