//! Workspace-level tests for dynamodel. The integration tests live in `tests/main.rs`; this
//! library only makes the README's code blocks doctests, so what the README shows compiles
//! and runs.
#![doc = include_str!("../README.md")]
