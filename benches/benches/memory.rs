//! Memory per stored item, against the item's size as DynamoDB counts it.
//!
//! Each measurement runs in a fresh child process (so memory freed by one run cannot be
//! reused by the next), which fills one store with the benchmark's orders and reports:
//!
//! * `heap`: bytes the store still holds on the Rust heap, counted by a global allocator
//!   that sums requested sizes (malloc's own per-block overhead not included); `blocks`:
//!   live allocations;
//! * `rss`: the growth of the resident set, which includes malloc's overhead, and is the
//!   only figure that sees SQLite's memory (SQLite allocates with libc's malloc directly);
//! * DynamoDB's size of the same items, from the engine's DescribeTable (`TableSizeBytes`).
//!
//! Stores: `items` (the orders as `dynamodel::Item`s in a `Vec`: the data model alone),
//! `dynamodel` (the in-process engine) and `dynoxide` (the embedded peer, in-memory SQLite).
//! Sizes: 10^5 orders, and 10^6 with `DYNAMODEL_BENCH_LARGE=1`.
//!
//! `cargo bench -p dynamodel-benches --bench memory`

use std::alloc::System;
use std::hint::black_box;
use std::process::Command;

use dynamodel::Backend;
use dynamodel_benches::sizes::table_sizes;
use dynamodel_benches::{local, peer};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const STORES: [&str; 3] = ["items", "dynamodel", "dynoxide"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|arg| arg == "--child") {
        let store = args.get(at + 1).expect("a store after --child");
        let n = args
            .get(at + 2)
            .and_then(|n| n.parse().ok())
            .expect("an item count after the store");
        child(store, n);
        return;
    }
    // `cargo test --benches` runs this without `--bench`: a quick smoke run is enough there.
    let sizes: Vec<u64> = if args.iter().any(|arg| arg == "--bench") {
        table_sizes()
            .into_iter()
            .filter(|&n| n >= 100_000)
            .collect()
    } else {
        vec![1_000]
    };
    println!(
        "{:>9} {:>9} {:>10} {:>10} {:>10} {:>10} {:>9} {:>9}",
        "items", "store", "DynamoDB", "heap", "blocks", "rss", "heap/DDB", "rss/DDB"
    );
    for n in sizes {
        let mut dynamo_size = None;
        for store in STORES {
            let exe = std::env::current_exe().expect("the path of this benchmark");
            let output = Command::new(exe)
                .args(["--child", store, &n.to_string()])
                .output()
                .expect("run a measurement child");
            assert!(
                output.status.success(),
                "{store} child failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let report = Report::parse(&String::from_utf8_lossy(&output.stdout));
            let ddb = *dynamo_size.get_or_insert(report.dynamo_bytes_per_item);
            let heap = report.heap_bytes as f64 / n as f64;
            let rss = report.rss_bytes as f64 / n as f64;
            println!(
                "{n:>9} {store:>9} {ddb:>9.0}B {:>9}B {:>10.1} {:>9}B {:>8.1}x {:>8.1}x",
                format!("{heap:.0}"),
                report.blocks as f64 / n as f64,
                format!("{rss:.0}"),
                heap / ddb,
                rss / ddb,
            );
            if let Some(extra) = report.extra {
                println!("{:>20} {extra}", "");
            }
        }
    }
    println!(
        "per item; heap: bytes still allocated on the Rust heap (requested sizes; for dynoxide"
    );
    println!(
        "this leaves out SQLite, which calls libc's malloc directly); rss: resident set growth"
    );
}

/// What one child measured.
#[derive(Debug, Default)]
struct Report {
    dynamo_bytes_per_item: f64,
    heap_bytes: u64,
    blocks: u64,
    rss_bytes: u64,
    extra: Option<String>,
}

impl Report {
    fn print(&self) {
        println!(
            "dynamo={} heap={} blocks={} rss={}",
            self.dynamo_bytes_per_item, self.heap_bytes, self.blocks, self.rss_bytes
        );
        if let Some(extra) = &self.extra {
            println!("extra={extra}");
        }
    }

    fn parse(text: &str) -> Report {
        let mut report = Report::default();
        for line in text.lines() {
            if let Some(extra) = line.strip_prefix("extra=") {
                report.extra = Some(extra.to_owned());
                continue;
            }
            for field in line.split_whitespace() {
                let Some((key, value)) = field.split_once('=') else {
                    continue;
                };
                match key {
                    "dynamo" => report.dynamo_bytes_per_item = value.parse().unwrap_or(0.0),
                    "heap" => report.heap_bytes = value.parse().unwrap_or(0),
                    "blocks" => report.blocks = value.parse().unwrap_or(0),
                    "rss" => report.rss_bytes = value.parse().unwrap_or(0),
                    _ => {}
                }
            }
        }
        report
    }
}

fn child(store: &str, n: u64) {
    let rss_before = resident_bytes();
    let region = Region::new(GLOBAL);
    let mut report = Report::default();
    match store {
        "items" => {
            let items: Vec<_> = (0..n).map(local::item).collect();
            report.measure(&region, rss_before);
            black_box(&items);
            report.dynamo_bytes_per_item = dynamo_bytes_per_item(n);
        }
        "dynamodel" => {
            let engine = local::engine_with_table();
            for index in 0..n {
                local::now(engine.put_item(local::put_input(local::item(index)))).expect("put");
            }
            report.measure(&region, rss_before);
            let (bytes, count) = local::table_size(&engine);
            assert_eq!(count, n);
            report.dynamo_bytes_per_item = bytes as f64 / n as f64;
        }
        "dynoxide" => {
            let db = peer::database_with_table();
            for index in 0..n {
                db.put_item(peer::put_request(peer::item(index)))
                    .expect("put");
            }
            report.measure(&region, rss_before);
            let pages = db.db_size_bytes().expect("dynoxide database size");
            report.extra = Some(format!(
                "SQLite database pages: {:.0} B per item",
                pages as f64 / n as f64
            ));
            report.dynamo_bytes_per_item = dynamo_bytes_per_item(n);
        }
        other => panic!("unknown store `{other}`, expected one of {STORES:?}"),
    }
    report.print();
}

impl Report {
    fn measure(&mut self, region: &Region<'_, System>, rss_before: u64) {
        let change = region.change();
        let held = change.bytes_allocated as i128 + change.bytes_reallocated as i128
            - change.bytes_deallocated as i128;
        self.heap_bytes = u64::try_from(held).unwrap_or(0);
        self.blocks = (change.allocations as u64).saturating_sub(change.deallocations as u64);
        self.rss_bytes = resident_bytes().saturating_sub(rss_before);
    }
}

/// The DynamoDB size of orders `0..n`, as the engine counts it (outside any measurement).
fn dynamo_bytes_per_item(n: u64) -> f64 {
    let engine = local::engine_with_table();
    for index in 0..n.min(10_000) {
        local::now(engine.put_item(local::put_input(local::item(index)))).expect("put");
    }
    let (bytes, count) = local::table_size(&engine);
    bytes as f64 / count as f64
}

/// This process's resident set, from `/proc/self/status` (`VmRSS`).
fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kb| kb * 1024)
}
