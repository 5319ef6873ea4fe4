//! Schema migrations: golden folders for generate and export, applying every step kind to
//! the engine and to DynamoDB Local, data steps that resume after a failure, the lock and
//! the checksum guard.

mod apply;
mod binary;
mod dynamodb_local;
mod golden;
mod guards;
mod killed;
mod process;
mod resume;
mod single_table;
mod support;
mod tags;
