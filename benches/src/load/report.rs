//! Figures of one run and the Markdown report comparing the servers.

use std::fmt::Write;
use std::time::Duration;

use super::Workload;

/// One workload at one connection count.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// The workload.
    pub workload: Workload,
    /// Concurrent connections.
    pub connections: usize,
    /// Completed requests per second over the measured time.
    pub ops_per_second: f64,
    /// Median latency.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
}

impl Measurement {
    /// Figures from the latencies of every request completed in `duration`.
    pub fn new(
        workload: Workload,
        connections: usize,
        duration: Duration,
        mut latencies: Vec<Duration>,
    ) -> Self {
        latencies.sort_unstable();
        let percentile = |p: f64| {
            let last = latencies.len().saturating_sub(1);
            // Nearest-rank on the sorted latencies.
            let rank = ((last as f64) * p).round() as usize;
            latencies.get(rank).copied().unwrap_or_default()
        };
        Measurement {
            workload,
            connections,
            ops_per_second: latencies.len() as f64 / duration.as_secs_f64(),
            p50: percentile(0.50),
            p99: percentile(0.99),
        }
    }
}

/// Everything measured on one server.
#[derive(Clone, Debug)]
pub struct Run {
    /// The server's name.
    pub server: &'static str,
    /// Spawn to first successful request, of every start, fastest first.
    pub startups: Vec<Duration>,
    /// Peak resident memory of its processes after the load, in bytes.
    pub peak_memory: u64,
    /// Every workload at every connection count.
    pub measurements: Vec<Measurement>,
}

impl Run {
    /// The median startup.
    pub fn startup(&self) -> Duration {
        self.startups
            .get(self.startups.len() / 2)
            .copied()
            .unwrap_or_default()
    }

    fn find(&self, workload: Workload, connections: usize) -> Option<&Measurement> {
        self.measurements
            .iter()
            .find(|m| m.workload == workload && m.connections == connections)
    }
}

/// The Markdown report: throughput and latency per workload, then startup and memory, each
/// with the first run's ratio against every other run.
pub fn markdown(runs: &[Run]) -> String {
    let mut out = String::new();
    let Some((ours, peers)) = runs.split_first() else {
        return out;
    };
    let ratio_header: String = peers
        .iter()
        .map(|p| format!(" ops/s ÷ {} |", p.server))
        .collect();
    let _ = writeln!(
        out,
        "| workload | connections | server | ops/s | p50 | p99 |{ratio_header}"
    );
    let _ = writeln!(
        out,
        "|---|---:|---|---:|---:|---:|{}",
        "---:|".repeat(peers.len())
    );
    for m in &ours.measurements {
        for run in runs {
            let Some(r) = run.find(m.workload, m.connections) else {
                continue;
            };
            let ratios: String = if std::ptr::eq(run, ours) {
                peers
                    .iter()
                    .map(|p| match p.find(m.workload, m.connections) {
                        Some(peer) => format!(" {:.1}× |", m.ops_per_second / peer.ops_per_second),
                        None => " – |".into(),
                    })
                    .collect()
            } else {
                " |".repeat(peers.len())
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.0} | {} | {} |{ratios}",
                m.workload.name(),
                m.connections,
                run.server,
                r.ops_per_second,
                micros(r.p50),
                micros(r.p99),
            );
        }
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "| server | startup (median) | startup (range) | peak memory | startup ÷ {0} | peak memory ÷ {0} |",
        ours.server
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    for run in runs {
        let (first, last) = (
            run.startups.first().copied().unwrap_or_default(),
            run.startups.last().copied().unwrap_or_default(),
        );
        let _ = writeln!(
            out,
            "| {} | {} | {}–{} | {:.0} MB | {:.1}× | {:.1}× |",
            run.server,
            millis(run.startup()),
            millis(first),
            millis(last),
            run.peak_memory as f64 / 1e6,
            run.startup().as_secs_f64() / ours.startup().as_secs_f64(),
            run.peak_memory as f64 / ours.peak_memory as f64,
        );
    }
    out
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}
