//! The fuzz corpus as a regression test on stable Rust: every file of
//! `local-engine/fuzz/corpus/<target>/` goes through the fuzz target's own code
//! (`local-engine/fuzz/src/harness.rs`, compiled into this module), and none may panic. The
//! corpus holds the seeds, a minimized sample of what the fuzzer found, and every input that
//! once crashed the engine; `local-engine/fuzz/README.md` says how to run the fuzzers.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use crate::Engine;

#[allow(dead_code, unreachable_pub)]
#[path = "../../fuzz/src/harness.rs"]
mod harness;

/// Panics on the engine's large-stack expression threads: their join turns a panic into an
/// error response, so only a panic hook sees them. (The count is process-wide: a test that
/// panicked on such a thread on purpose, concurrently, would be blamed on a corpus file.)
static EXPRESSION_THREAD_PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_expression_thread_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if thread::current().name() == Some("dynamodel-local-expression") {
                EXPRESSION_THREAD_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

/// Runs every file of `corpus/<target>` through `run`; returns how many there were.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    count_expression_thread_panics();
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fuzz", "corpus", target]
        .iter()
        .collect();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let data = fs::read(file).unwrap();
        let before = EXPRESSION_THREAD_PANICS.load(Ordering::SeqCst);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| run(&data)));
        let swallowed = EXPRESSION_THREAD_PANICS.load(Ordering::SeqCst) != before;
        if outcome.is_err() || swallowed {
            failures.push(file.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "corpus inputs that panic: {failures:#?}"
    );
    files.len()
}

#[test]
fn expressions_corpus_never_panics() {
    let replayed = replay("expressions", harness::expressions);
    assert!(replayed >= 20, "only {replayed} expression corpus files");
}

#[test]
fn wire_corpus_never_panics() {
    let replayed = replay("wire", harness::wire);
    assert!(replayed >= 20, "only {replayed} wire corpus files");
}

/// The harness itself: the input format splits as documented, and the fixture is what the
/// seeds assume (the corpus would silently stop reaching evaluation otherwise).
#[test]
fn harness_reads_inputs_as_documented() {
    use dynamodel::{AttributeValue, Backend, Number};

    let (text, placeholders) = harness::split_expression_input(
        b"#n = :v\0#n=name\n:v=5\n:s={\"SS\":[\"a\"]}\nnoise\n:t=x",
    );
    assert_eq!(text, "#n = :v");
    assert_eq!(
        placeholders.names.get("#n").map(String::as_str),
        Some("name")
    );
    assert_eq!(
        placeholders.values.get(":v"),
        Some(&AttributeValue::N(Number::parse("5").unwrap()))
    );
    assert_eq!(
        placeholders.values.get(":s"),
        Some(&AttributeValue::Ss(vec!["a".into()]))
    );
    assert_eq!(
        placeholders.values.get(":t"),
        Some(&AttributeValue::S("x".into()))
    );
    assert_eq!(placeholders.values.len(), 3);

    let engine = harness::fixture();
    let scan = harness::block_on(engine.scan(dynamodel::model::ScanInput {
        table_name: harness::TABLE.into(),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(scan.count, 3);
    assert!(scan.items.unwrap().contains(&harness::fixture_item()));
}
