//! The workspace's one integration test binary without the AWS SDK: model round trips, the
//! derive's compile-fail (UI) cases, and typed expressions on the in-process engine. The
//! typed API's tests run on every backend in `tests/parity` (package `dynamodel-parity`).

// Test setup helpers unwrap too: a failure should stop the test at that line.
#![allow(clippy::unwrap_used)]

mod support;

mod batches;
mod derive_roundtrip;
mod expression_props;
mod expressions;
mod field_conversion;
mod indexes;
mod lifecycle;
mod optimistic_locking;
mod pagination;
mod single_table;
mod transactions;
mod ui;
