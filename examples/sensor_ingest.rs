//! Sensor ingest: readings written with batch writes of any size, spread over several
//! partition keys per sensor (write sharding, so one busy sensor does not make one hot
//! partition), and per-sensor statistics kept with atomic counters through the typed
//! update builder. Reading a sensor back queries each of its shards.
//!
//! Run it with `cargo run --example sensor_ingest`.

use dynamodel::client::WriteOp;
use dynamodel::{Client, Result, Table, Update};
use dynamodel_local::Engine;

/// Partition keys per sensor.
const SHARDS: u32 = 4;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "readings", rename_all = "camelCase")]
struct Reading {
    /// `<sensor>#<shard>`: one sensor's readings spread over `SHARDS` partitions.
    #[dynamodel(partition_key)]
    shard_key: String,
    /// Milliseconds since the sensor started.
    #[dynamodel(sort_key)]
    at_ms: u64,
    celsius_tenths: i64,
}

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "sensor_stats", rename_all = "camelCase")]
struct SensorStats {
    #[dynamodel(partition_key)]
    sensor: String,
    #[dynamodel(default)]
    readings: u64,
    #[dynamodel(default)]
    sum_tenths: i64,
}

/// The shard of one reading: spread by time, so consecutive readings go to different
/// partitions.
fn shard_key(sensor: &str, at_ms: u64) -> String {
    format!("{sensor}#{}", (at_ms / 1000) % u64::from(SHARDS))
}

fn reading(sensor: &str, at_ms: u64) -> Reading {
    // A deterministic wobble around 21.5 °C.
    let wobble = i64::try_from((at_ms / 1000) % 17).unwrap_or(0) - 8;
    Reading {
        shard_key: shard_key(sensor, at_ms),
        at_ms,
        celsius_tenths: 215 + wobble,
    }
}

/// Writes a batch of one sensor's readings and adds them to its counters atomically.
async fn ingest(db: &Client<Engine>, sensor: &str, batch: Vec<Reading>) -> Result<()> {
    let count = u64::try_from(batch.len()).unwrap_or(u64::MAX);
    let sum: i64 = batch.iter().map(|r| r.celsius_tenths).sum();
    db.batch_write(batch.into_iter().map(WriteOp::Put))
        .await
        .map_err(|e| e.error)?;
    db.upsert(SensorStats::key(sensor), |s| {
        Update::new().add(s.readings, count).add(s.sum_tenths, sum)
    })
    .await
}

/// Every reading of a sensor, from all of its shards, in time order.
async fn readings_of(db: &Client<Engine>, sensor: &str) -> Result<Vec<Reading>> {
    let mut all = Vec::new();
    for shard in 0..SHARDS {
        all.extend(
            db.query::<Reading>(format!("{sensor}#{shard}"))
                .all()
                .await?,
        );
    }
    all.sort_by_key(|r| r.at_ms);
    Ok(all)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let db = Client::new(Engine::new());
    db.create_table::<Reading>().await?;
    db.create_table::<SensorStats>().await?;

    let sensors = ["greenhouse", "cellar", "attic"];
    // Three sensors report one reading every 250 ms for 5 minutes, ingested in batches of
    // 300 from concurrent tasks (each batch write is split into 25-item requests).
    let mut tasks = Vec::new();
    for sensor in sensors {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let times: Vec<u64> = (0..1200u64).map(|n| n * 250).collect();
            for chunk in times.chunks(300) {
                let batch = chunk.iter().map(|&at| reading(sensor, at)).collect();
                ingest(&db, sensor, batch).await?;
            }
            Ok::<_, dynamodel::Error>(())
        }));
    }
    for task in tasks {
        task.await
            .map_err(|e| dynamodel::Error::configuration(e.to_string()))??;
    }
    println!("ingested 3 × 1200 readings over {SHARDS} shards per sensor");

    for sensor in sensors {
        let stats = db
            .get(SensorStats::key(sensor))
            .await?
            .expect("stats exist");
        let readings = readings_of(&db, sensor).await?;
        let sum: i64 = readings.iter().map(|r| r.celsius_tenths).sum();
        let per_shard: Vec<usize> = {
            let mut counts = vec![0; SHARDS as usize];
            for r in &readings {
                let shard = r
                    .shard_key
                    .rsplit('#')
                    .next()
                    .and_then(|s| s.parse::<usize>().ok());
                if let Some(count) = shard.and_then(|s| counts.get_mut(s)) {
                    *count += 1;
                }
            }
            counts
        };
        println!(
            "{sensor}: {} readings (per shard {per_shard:?}), mean {:.1} °C",
            stats.readings,
            stats.sum_tenths as f64 / stats.readings as f64 / 10.0
        );
        assert_eq!(stats.readings, 1200);
        assert_eq!(readings.len(), 1200);
        assert_eq!(
            stats.sum_tenths, sum,
            "the counters match the stored readings"
        );
        assert!(
            per_shard.iter().all(|&n| n == 300),
            "writes are spread evenly"
        );
    }
    Ok(())
}
