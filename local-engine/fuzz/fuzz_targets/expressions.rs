//! Arbitrary bytes → text → every expression kind (condition, filter, key condition,
//! projection, update) on a fixed item, with the placeholder maps the input defines. See
//! `src/harness.rs` for the input format. Only a panic (or a broken stored-item invariant)
//! fails.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dynamodel_local_fuzz::expressions(data));
