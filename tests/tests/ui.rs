//! Compile-fail (UI) tests: `tests/ui/<area>/<rule-name>.rs`, one rule per case, each with
//! the `.stderr` a user sees. Run `TRYBUILD=overwrite cargo test -p dynamodel-tests --test
//! main ui` to write new `.stderr` files, then review every one.
//!
//! Compiler output changes between releases, so the cases are pinned to the toolchain
//! they were recorded with; update the version together with the `.stderr` files.

/// The derive macros: every rule of `#[derive(Table)]` and `#[derive(Attribute)]`, and one
/// case that compiles every supported field type.
#[rustversion::stable(1.95)]
#[test]
fn derive() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/derive/pass/*.rs");
    cases.compile_fail("ui/derive/*.rs");
}
