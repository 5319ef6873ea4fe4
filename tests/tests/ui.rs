//! Compile-fail (UI) tests: `tests/ui/<area>/<rule-name>.rs`, one rule per case, each with
//! the `.stderr` a user sees. Run `TRYBUILD=overwrite cargo test -p dynamodel-tests --test
//! main ui` to write new `.stderr` files, then review every one.
//!
//! Compiler output changes between releases, so the cases are pinned to the toolchain
//! they were recorded with; update the version together with the `.stderr` files.

/// The derive macros: every rule of `#[derive(Table)]`, `#[derive(Attribute)]` and
/// `#[derive(Projection)]`, and the cases that compile every supported field type and
/// stored form.
#[rustversion::stable(1.95)]
#[test]
fn derive() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/derive/pass/*.rs");
    cases.compile_fail("ui/derive/*.rs");
}

/// The typed expressions: each rule of paths, conditions, updates, key conditions and
/// projections that the compiler enforces, and one case that compiles the whole surface.
#[rustversion::stable(1.95)]
#[test]
fn expr() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/expr/pass/*.rs");
    cases.compile_fail("ui/expr/*.rs");
}

/// Secondary indexes: the key, sort-condition, consistency and projection rules of index
/// queries, and one case that compiles the whole index surface.
#[rustversion::stable(1.95)]
#[test]
fn index() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/index/pass/*.rs");
    cases.compile_fail("ui/index/*.rs");
}
