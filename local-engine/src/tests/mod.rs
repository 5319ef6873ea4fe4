//! Engine tests, one module per behaviour. Tests drive the engine through `Backend`, as users
//! do, and assert DynamoDB's outcomes: error kinds with exact messages, item contents, orders.

mod capacity;
mod concurrency;
mod items;
mod keys;
mod model;
mod query;
mod query_errors;
mod scan;
mod support;
mod tables;
