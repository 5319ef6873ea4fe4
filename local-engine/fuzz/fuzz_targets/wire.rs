//! Arbitrary bytes → `serde_json` into every operation's request and response type and into
//! `AttributeValue`/`Item`; what decodes must round-trip and is handed to an engine. Only a
//! panic (or a broken round trip or stored-item invariant) fails.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dynamodel_local_fuzz::wire(data));
