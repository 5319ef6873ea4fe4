//! The differential test: every case under `cases/` is sent, request by request, to the
//! in-process engine (through the HTTP server's protocol service, no socket) and to DynamoDB
//! Local (over HTTP on 127.0.0.1), and the answers are compared after normalization (see
//! `reply`). A case agrees when every answer matches; where DynamoDB Local is known to differ
//! from DynamoDB, the case's `expect` asserts DynamoDB's answer for the engine and names the
//! `docs/compatibility.md` entry with the evidence (see `cases`). There are no skips: a case
//! either agrees, or differs exactly as documented, or fails the run.
//!
//! One DynamoDB Local serves the whole run (started through `scripts/dynamodb-local.sh`, or
//! the one `DYNAMODB_LOCAL_ENDPOINT` names); the run fails if it cannot be started. Cases run
//! on `DIFFERENTIAL_JOBS` workers (default 4), each with a namespace of its own in DynamoDB
//! Local, whose tables are dropped after every case.
//!
//! `cargo test -p dynamodel-differential -- <filter>...` runs the cases whose `file/name`
//! contains one of the filters (`--skip <text>` and `--list` work as with libtest);
//! `DIFFERENTIAL_SUGGEST=1` adds an `expect` skeleton to each mismatch;
//! `DIFFERENTIAL_VERBOSE=1` lists every documented difference used.

// A test: a failure should stop at the line that failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cases;
mod description;
mod dynamodb_local;
mod engine;
mod reply;
mod run;
mod settle;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use cases::Case;
use dynamodb_local::{Connection, DynamoDbLocal};
use run::{Outcome, Worker};

fn main() -> ExitCode {
    let started = Instant::now();
    let arguments = Arguments::parse(std::env::args().skip(1));
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases = cases::load(&manifest.join("cases")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !cases.is_empty(),
        "no case files in {}/cases",
        manifest.display()
    );
    check_compat_ids(&cases, &manifest.join("../../docs/compatibility.md"));
    cases.retain(|case| arguments.selects(&case.name));
    if arguments.list {
        for case in &cases {
            println!("{}: test", case.name);
        }
        return ExitCode::SUCCESS;
    }
    if cases.is_empty() {
        println!("differential: 0 cases (every case filtered out)");
        return ExitCode::SUCCESS;
    }

    let local = DynamoDbLocal::start().unwrap_or_else(|error| {
        panic!("the differential test needs DynamoDB Local, which could not be started: {error}")
    });
    let outcomes = run_all(&cases, &local);
    drop(local);

    let mut failed = 0;
    let mut agree = 0;
    let mut documented = 0;
    let mut per_compat: BTreeMap<&str, usize> = BTreeMap::new();
    let verbose = std::env::var_os("DIFFERENTIAL_VERBOSE").is_some();
    for (case, outcome) in cases.iter().zip(&outcomes) {
        match outcome {
            Outcome::Agree => agree += 1,
            Outcome::Documented(ids) => {
                documented += 1;
                for id in ids {
                    *per_compat.entry(id.as_str()).or_default() += 1;
                }
                if verbose {
                    println!("documented: {} ({})", case.name, ids.join(", "));
                }
            }
            Outcome::Failed(report) => {
                failed += 1;
                println!("FAILED {}\n{report}\n", case.name);
            }
        }
    }
    for (id, count) in &per_compat {
        println!("differential: documented difference `{id}`: {count} case(s)");
    }
    println!(
        "differential: {} cases, {agree} agree, {documented} documented differences, {failed} failed ({:.1} s)",
        cases.len(),
        started.elapsed().as_secs_f64()
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The command line, read like libtest's: names that are not options filter cases (a case
/// runs when its `file/name` contains one), `--skip <text>` leaves cases out, `--list` lists
/// them; libtest's other options are accepted and ignored.
#[derive(Debug, Default)]
struct Arguments {
    filters: Vec<String>,
    skips: Vec<String>,
    list: bool,
}

impl Arguments {
    fn parse(mut args: impl Iterator<Item = String>) -> Self {
        let mut parsed = Arguments::default();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--list" => parsed.list = true,
                "--skip" => parsed.skips.extend(args.next()),
                // libtest options that take a value.
                "--test-threads" | "--format" | "--color" | "--logfile" | "--shuffle-seed"
                | "-Z" => {
                    args.next();
                }
                other if other.starts_with('-') => {}
                _ => parsed.filters.push(arg),
            }
        }
        parsed
    }

    fn selects(&self, name: &str) -> bool {
        (self.filters.is_empty() || self.filters.iter().any(|f| name.contains(f.as_str())))
            && !self.skips.iter().any(|s| name.contains(s.as_str()))
    }
}

/// Runs `cases` on a pool of workers; the outcomes in case order.
fn run_all(cases: &[Case], local: &DynamoDbLocal) -> Vec<Outcome> {
    let jobs = std::env::var("DIFFERENTIAL_JOBS")
        .ok()
        .and_then(|jobs| jobs.parse::<usize>().ok())
        .filter(|&jobs| jobs > 0)
        .unwrap_or(4);
    let suggest = std::env::var_os("DIFFERENTIAL_SUGGEST").is_some();
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Outcome>>> =
        Mutex::new(std::iter::repeat_with(|| None).take(cases.len()).collect());
    std::thread::scope(|scope| {
        for job in 0..jobs {
            let (next, outcomes) = (&next, &outcomes);
            scope.spawn(move || {
                let key = format!("differential{}w{job}", std::process::id());
                let mut worker = Worker::new(Connection::new(local.addr, key), suggest);
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(index) else { break };
                    let outcome = worker.run(case);
                    outcomes.lock().unwrap()[index] = Some(outcome);
                }
            });
        }
    });
    outcomes
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|outcome| outcome.expect("every case ran"))
        .collect()
}

/// Every `expect` names a row of the differential table in `docs/compatibility.md`.
fn check_compat_ids(cases: &[Case], doc: &Path) {
    let text = std::fs::read_to_string(doc).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
    for case in cases {
        for step in &case.steps {
            for id in step.expect.iter().flat_map(|expect| &expect.compat) {
                let row = format!("| `{id}` |");
                assert!(
                    text.lines().any(|line| line.starts_with(&row)),
                    "{}: `expect.compat` {id:?} is not a row of {} (a line starting with {row:?})",
                    case.name,
                    doc.display()
                );
            }
        }
    }
}
