//! The backend parity suite, one binary: each typed-API test body is written once, generic
//! over the backend, and runs on the in-process engine, the AWS backend over the in-process
//! SDK client, the AWS backend against dynamodel's HTTP server, and the AWS backend against
//! DynamoDB Local (see `backends`). `protocol` drives the HTTP server with the Rust SDK, the
//! AWS CLI and boto3, side by side with DynamoDB Local.

// The test bodies are generic functions the `#[test]`s call, so clippy's in-test allowances do
// not reach them; as in any test, a failure should stop at the line that failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backends;
mod support;

mod indexes;
mod items;
mod protocol;
mod query_scan;
mod tables;
mod timestamps;
mod transactions;
