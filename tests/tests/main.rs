//! The workspace's one integration test binary: the typed API on the in-process engine,
//! model round trips, and the derive's compile-fail (UI) cases.

mod support;

mod derive_roundtrip;
mod features;
mod items;
mod query_scan;
mod tables;
mod ui;
