//! The HTTP load test: the same workloads against `dynamodel local serve`, DynamoDB Local and
//! dynoxide's server, one after another in one invocation, with the ratios printed at the
//! end (see BENCHMARKS.md, "HTTP server").
//!
//! For each server: start it on a free loopback port and time the first successful
//! ListTables (startup; polled every millisecond, over several starts, median reported), and
//! stop it again, waiting for its processes to exit; start it once more, create the table and load the read data, then run every workload
//! at each connection count for a fixed time after a warm-up, and finally read the peak
//! resident memory of the server's processes.

mod http;
pub mod report;
mod server;
mod workload;

use std::sync::Arc;
use std::time::{Duration, Instant};

pub use report::{Measurement, Run};
pub use server::{Server, ServerSpec};
pub use workload::Workload;

use http::Connection;

/// How long each workload runs, and at which connection counts.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Measured time per workload and connection count.
    pub duration: Duration,
    /// Unmeasured time before it.
    pub warmup: Duration,
    /// Connection counts (each connection has one request in flight).
    pub connections: Vec<usize>,
    /// The workloads to run.
    pub workloads: Vec<Workload>,
    /// Times each server is started to time its startup (the last start is the one that
    /// serves the workloads); the report quotes the median.
    pub startups: usize,
}

/// Runs every workload against one server and returns its figures.
pub async fn measure(spec: &ServerSpec, settings: &Settings) -> Result<Run, String> {
    let mut startups = Vec::with_capacity(settings.startups);
    for _ in 1..settings.startups {
        // Started, timed, stopped (on drop, waiting for its processes to exit).
        startups.push(Server::start(spec).await?.startup);
    }
    let server = Server::start(spec).await?;
    startups.push(server.startup);
    startups.sort_unstable();
    eprintln!("{}: answered after {startups:.1?}", spec.name);
    prepare(&server, settings)
        .await
        .map_err(|e| format!("loading the data: {e}"))?;
    let mut measurements = Vec::new();
    for &workload in &settings.workloads {
        for &connections in &settings.connections {
            let m = run_workload(&server, workload, connections, settings)
                .await
                .map_err(|e| format!("{} at {connections} connection(s): {e}", workload.name()))?;
            eprintln!(
                "{}: {} at {} connection(s): {:.0} ops/s, p50 {:.2?}, p99 {:.2?}",
                spec.name,
                workload.name(),
                connections,
                m.ops_per_second,
                m.p50,
                m.p99
            );
            measurements.push(m);
        }
    }
    Ok(Run {
        server: spec.name,
        startups,
        peak_memory: server.peak_memory(),
        measurements,
    })
}

/// Creates the table and loads the items the read and update workloads use.
async fn prepare(server: &Server, settings: &Settings) -> Result<(), String> {
    let mut connection = Connection::open(server.address).await.map_err(|e| e.0)?;
    connection
        .call("CreateTable", workload::create_table())
        .await
        .map_err(|e| e.0)?;
    let workers = settings.connections.iter().copied().max().unwrap_or(1);
    for batch in workload::preload(workers) {
        let reply = connection
            .call("BatchWriteItem", batch)
            .await
            .map_err(|e| e.0)?;
        let reply: serde_json::Value =
            serde_json::from_slice(&reply).map_err(|e| format!("BatchWriteItem reply: {e}"))?;
        let unprocessed = reply["UnprocessedItems"].as_object().map_or(0, |m| m.len());
        if unprocessed != 0 {
            return Err("the preload left unprocessed items".into());
        }
    }
    Ok(())
}

async fn run_workload(
    server: &Server,
    workload: Workload,
    connections: usize,
    settings: &Settings,
) -> Result<Measurement, String> {
    let start_gate = Arc::new(tokio::sync::Barrier::new(connections + 1));
    let mut tasks = Vec::with_capacity(connections);
    for worker in 0..connections {
        let ring = workload.ring(worker);
        let mut connection = Connection::open(server.address).await.map_err(|e| e.0)?;
        let gate = Arc::clone(&start_gate);
        let (warmup, duration) = (settings.warmup, settings.duration);
        tasks.push(tokio::spawn(async move {
            gate.wait().await;
            let operation = workload.operation();
            let warm_until = Instant::now() + warmup;
            let mut requests = ring.iter().cycle();
            while Instant::now() < warm_until {
                let body = requests.next().cloned().unwrap_or_default();
                connection.call(operation, body).await?;
            }
            let end = Instant::now() + duration;
            let mut latencies = Vec::new();
            loop {
                let sent = Instant::now();
                if sent >= end {
                    break;
                }
                let body = requests.next().cloned().unwrap_or_default();
                connection.call(operation, body).await?;
                latencies.push(sent.elapsed());
            }
            Ok::<_, http::RequestError>(latencies)
        }));
    }
    start_gate.wait().await;
    let mut latencies = Vec::new();
    for task in tasks {
        let worker = task
            .await
            .map_err(|e| format!("a load worker panicked: {e}"))?;
        latencies.extend(worker.map_err(|e| e.0)?);
    }
    Ok(Measurement::new(
        workload,
        connections,
        settings.duration,
        latencies,
    ))
}
