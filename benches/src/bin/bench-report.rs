//! Prints the medians criterion recorded for the benchmarks of this package, each next to
//! its peer from the same group and table size, with the ratio, as a Markdown table.
//!
//! `cargo run -p dynamodel-benches --bin bench-report [CRITERION_DIR]`
//!
//! The directory defaults to `$CARGO_TARGET_DIR/criterion`, else the workspace's
//! `target/criterion`. It holds the latest run of every benchmark ever run there: clear it
//! before a run whose figures you want alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The library whose figures the others are compared with.
const OURS: &str = "dynamodel";

#[derive(Debug, Deserialize)]
struct BenchmarkId {
    group_id: String,
    function_id: Option<String>,
    value_str: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Estimates {
    median: Estimate,
}

#[derive(Debug, Deserialize)]
struct Estimate {
    point_estimate: f64,
}

/// Medians in ns by (group, table size) and then by function.
type Results = BTreeMap<(String, String), BTreeMap<String, f64>>;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(default_dir, PathBuf::from);
    let mut results = Results::new();
    collect(&dir, &mut results);
    if results.is_empty() {
        eprintln!(
            "no criterion results under {}: run `cargo bench -p dynamodel-benches` first",
            dir.display()
        );
        std::process::exit(1);
    }
    println!("| benchmark | items in table | {OURS} | peer | peer's median | peer ÷ {OURS} |");
    println!("|---|---:|---:|---|---:|---:|");
    let mut ordered: Vec<_> = results.into_iter().collect();
    ordered.sort_by_key(|((group, size), _)| (group.clone(), size.parse::<u64>().unwrap_or(0)));
    for ((group, size), functions) in ordered {
        let Some(&ours) = functions.get(OURS) else {
            continue;
        };
        for (peer, &theirs) in functions.iter().filter(|(name, _)| *name != OURS) {
            println!(
                "| {group} | {size} | {} | {peer} | {} | {:.1}× |",
                format_ns(ours),
                format_ns(theirs),
                theirs / ours
            );
        }
    }
}

fn default_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(target) => PathBuf::from(target).join("criterion"),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion"),
    }
}

/// Every `new/benchmark.json` with its `new/estimates.json` under `dir`.
fn collect(dir: &Path, results: &mut Results) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        if path.file_name().is_some_and(|name| name == "new") {
            if let Some((id, median)) = read(&path) {
                let function = id.function_id.unwrap_or_default();
                let size = id.value_str.unwrap_or_else(|| "-".to_owned());
                results
                    .entry((id.group_id, size))
                    .or_default()
                    .insert(function, median);
            }
        } else {
            collect(&path, results);
        }
    }
}

fn read(dir: &Path) -> Option<(BenchmarkId, f64)> {
    let id = std::fs::read_to_string(dir.join("benchmark.json")).ok()?;
    let estimates = std::fs::read_to_string(dir.join("estimates.json")).ok()?;
    let id: BenchmarkId = serde_json::from_str(&id).ok()?;
    let estimates: Estimates = serde_json::from_str(&estimates).ok()?;
    Some((id, estimates.median.point_estimate))
}

fn format_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
