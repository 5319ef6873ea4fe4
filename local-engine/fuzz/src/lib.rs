//! The fuzz targets' shared code. `harness.rs` is also compiled into the corpus replay test of
//! `dynamodel-local` (`local-engine/src/tests/fuzz_corpus.rs`), so keep it free of anything
//! but `dynamodel`, `serde`, `serde_json` and the `Engine` of the parent module.

pub use dynamodel_local::Engine;

mod harness;

pub use harness::{
    block_on, expressions, fixture, fixture_item, parse_value, split_expression_input, wire,
};
