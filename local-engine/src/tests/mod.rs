//! Engine tests, one module per behaviour. Tests drive the engine through `Backend`, as users
//! do, and assert DynamoDB's outcomes: error kinds with exact messages, item contents, orders.

mod capacity;
mod concurrency;
mod condition_model;
mod conditions;
mod filters;
mod items;
mod keys;
mod model;
mod projections;
mod query;
mod query_errors;
mod scan;
mod support;
mod tables;
mod update_errors;
mod updates;
