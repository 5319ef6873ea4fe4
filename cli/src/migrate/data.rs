//! Data steps: scan a table, hand each item to a registered function (or copy it as is),
//! write the results, and record progress so an interrupted run resumes where it stopped.
//!
//! # The guarantee: nothing lost, nothing written twice
//!
//! Items are handled in chunks of at most [`DataOptions::chunk_items`] items (and about 3 MB).
//! A chunk's writes, the step's new checkpoint in the ledger (the key of the chunk's last
//! item, and the counts) and the renewal of the migration lock go in **one**
//! TransactWriteItems: either all of them happen or none. The checkpoint update is
//! conditional on the previous chunk count, so a chunk can never be committed twice, even by
//! a runner that lost the lock. A run that stops — crash, kill, error — resumes by scanning
//! after the last committed key: every item before it was written exactly once, every item
//! after it not at all. The local checkpoint file mirrors the ledger for people and tools;
//! the ledger is the authority when they differ (the file lags by at most one chunk).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dynamodel::model::{ScanInput, TransactDelete, TransactPut, TransactWriteItem};
use dynamodel::{Backend, Item};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::ledger::{Checkpoint, Ledger};
use super::live;
use super::registry::{DataError, ItemChange};

/// A registered data function.
pub(crate) type DataFunction = Arc<dyn Fn(Item) -> Result<ItemChange, DataError> + Send + Sync>;

/// Tuning of data steps.
#[derive(Clone, Debug)]
pub struct DataOptions {
    /// Items per chunk (one transaction each); at most 98 (the checkpoint and the lock
    /// renewal take the other two of DynamoDB's 100 actions).
    pub chunk_items: usize,
    /// At most this many items per second, if set.
    pub rate: Option<f64>,
    /// The folder of the local checkpoint files, if any.
    pub checkpoint_dir: Option<PathBuf>,
}

impl Default for DataOptions {
    fn default() -> Self {
        DataOptions {
            chunk_items: 98,
            rate: None,
            checkpoint_dir: None,
        }
    }
}

/// A budget under TransactWriteItems' 4 MB, measured on the items' JSON.
const MAX_CHUNK_BYTES: usize = 3 * 1024 * 1024;

/// One data step to run.
#[derive(Clone)]
pub(crate) struct DataStep<'s> {
    /// The migration id.
    pub(crate) migration: &'s str,
    /// The step's position in the migration (0-based).
    pub(crate) step: usize,
    /// The table read.
    pub(crate) source: &'s str,
    /// The table written (the source itself for an in-place step).
    pub(crate) target: &'s str,
    /// The function applied to each item (`None`: copy as is).
    pub(crate) function: Option<DataFunction>,
}

/// What the local checkpoint file holds.
#[derive(Debug, Serialize, Deserialize)]
struct CheckpointFile {
    processed: u64,
    written: u64,
    chunks: u64,
    done: bool,
    last_key: Option<Item>,
}

/// Runs `step` to the end from its checkpoint; the final checkpoint.
pub(crate) async fn run<B: Backend>(
    backend: &B,
    ledger: &Ledger<'_, B>,
    step: &DataStep<'_>,
    options: &DataOptions,
) -> Result<Checkpoint> {
    let chunk_items = options.chunk_items.clamp(1, 98);
    let mut checkpoint = ledger.checkpoint(step.migration, step.step).await?;
    let file = checkpoint_path(options, step);
    if let Some(path) = &file {
        if let Some(local) = read_file(path) {
            if local.chunks != checkpoint.chunks {
                eprintln!(
                    "  the local checkpoint {} is at chunk {}, the ledger at chunk {}: resuming \
                     from the ledger",
                    path.display(),
                    local.chunks,
                    checkpoint.chunks
                );
            }
        }
    }
    if checkpoint.done {
        return Ok(checkpoint);
    }
    let description = live::describe(backend, step.source)
        .await?
        .ok_or_else(|| Error::Refused(format!("table `{}` does not exist", step.source)))?;
    let key_names: Vec<String> = description
        .key_schema
        .iter()
        .flatten()
        .map(|element| element.attribute_name.clone())
        .collect();
    if live::describe(backend, step.target).await?.is_none() {
        return Err(Error::Refused(format!(
            "table `{}` does not exist",
            step.target
        )));
    }
    let in_place = step.source == step.target;
    let progress = progress_bar(description.item_count, step, &checkpoint);
    let started = Instant::now();
    let processed_before = checkpoint.processed;
    if checkpoint.chunks > 0 {
        eprintln!(
            "  resuming after {} items ({} written) from the checkpoint",
            checkpoint.processed, checkpoint.written
        );
    }
    let mut start_key = checkpoint.last_key.clone();
    loop {
        let input = ScanInput {
            table_name: step.source.to_owned(),
            exclusive_start_key: start_key.clone(),
            limit: i32::try_from(chunk_items).ok(),
            consistent_read: Some(true),
            ..ScanInput::default()
        };
        let page = backend
            .scan(input)
            .await
            .map_err(Error::backend(format!("scanning `{}`", step.source)))?;
        let items = page.items.unwrap_or_default();
        let finished = page.last_evaluated_key.is_none();
        let mut rest = items.as_slice();
        while !rest.is_empty() {
            let (chunk, after) = split_chunk(rest, chunk_items);
            rest = after;
            let mut actions = Vec::with_capacity(chunk.len() + 2);
            let mut written = 0;
            for item in chunk {
                if let Some(action) = change(step, item, &key_names, in_place)? {
                    actions.push(action);
                    written += 1;
                }
            }
            let last_key = chunk.last().map(|item| key_of(item, &key_names));
            let next = Checkpoint {
                last_key,
                processed: checkpoint.processed + chunk.len() as u64,
                written: checkpoint.written + written,
                chunks: checkpoint.chunks + 1,
                done: finished && rest.is_empty(),
            };
            actions.push(ledger.checkpoint_action(step.migration, step.step, &checkpoint, &next));
            actions.push(ledger.renew_lock_action());
            let what = format!("writing chunk {} of `{}`", next.chunks, step.migration);
            ledger.transact(actions, &what).await?;
            checkpoint = next;
            write_file(file.as_deref(), &checkpoint);
            progress.inc(chunk.len() as u64);
            throttle(
                options.rate,
                checkpoint.processed - processed_before,
                started,
            )
            .await;
        }
        if finished {
            break;
        }
        start_key = match items.last() {
            Some(item) => Some(key_of(item, &key_names)),
            None => page.last_evaluated_key,
        };
    }
    if !checkpoint.done {
        // The last page was empty: the table ended on a chunk boundary.
        let next = Checkpoint {
            done: true,
            chunks: checkpoint.chunks + 1,
            ..checkpoint.clone()
        };
        let actions = vec![
            ledger.checkpoint_action(step.migration, step.step, &checkpoint, &next),
            ledger.renew_lock_action(),
        ];
        ledger.transact(actions, "finishing the data step").await?;
        checkpoint = next;
        write_file(file.as_deref(), &checkpoint);
    }
    progress.finish_and_clear();
    eprintln!(
        "  {} items processed, {} written",
        checkpoint.processed, checkpoint.written
    );
    Ok(checkpoint)
}

/// The leading chunk of `items` (by count and size) and the rest.
fn split_chunk(items: &[Item], max_items: usize) -> (&[Item], &[Item]) {
    let mut bytes = 0;
    let mut end = 0;
    for item in items.iter().take(max_items) {
        let size = serde_json::to_vec(item).map_or(0, |json| json.len());
        if end > 0 && bytes + size > MAX_CHUNK_BYTES {
            break;
        }
        bytes += size;
        end += 1;
    }
    items.split_at(end)
}

fn key_of(item: &Item, key_names: &[String]) -> Item {
    key_names
        .iter()
        .filter_map(|name| Some((name.clone(), item.get(name)?.clone())))
        .collect()
}

/// The write `step` makes for `item`, if any.
fn change(
    step: &DataStep<'_>,
    item: &Item,
    key_names: &[String],
    in_place: bool,
) -> Result<Option<TransactWriteItem>> {
    let change = match &step.function {
        Some(function) => function(item.clone()).map_err(|error| {
            Error::Data(format!(
                "`{}` failed on the item with key {}: {error}; fix the function and run `up` \
                 again to resume at this item",
                step.migration,
                describe_key(&key_of(item, key_names))
            ))
        })?,
        None => ItemChange::Put(item.clone()),
    };
    Ok(match change {
        ItemChange::Keep => None,
        ItemChange::Put(new) => Some(
            TransactPut {
                table_name: step.target.to_owned(),
                item: new,
                ..TransactPut::default()
            }
            .into(),
        ),
        ItemChange::Delete if in_place => Some(
            TransactDelete {
                table_name: step.target.to_owned(),
                key: key_of(item, key_names),
                ..TransactDelete::default()
            }
            .into(),
        ),
        ItemChange::Delete => {
            return Err(Error::Data(format!(
                "a copy step's function returned `Delete` (for the item with key {}); a copy \
                 skips items with `Keep`",
                describe_key(&key_of(item, key_names))
            )));
        }
    })
}

fn describe_key(key: &Item) -> String {
    serde_json::to_string(key).unwrap_or_else(|_| "?".to_owned())
}

fn progress_bar(total: Option<i64>, step: &DataStep<'_>, checkpoint: &Checkpoint) -> ProgressBar {
    let total = total.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
    let bar = ProgressBar::new(total.max(checkpoint.processed));
    if let Ok(style) =
        ProgressStyle::with_template("  {msg} [{bar:30}] {pos}/{len} items ({per_sec}, {elapsed})")
    {
        bar.set_style(style);
    }
    bar.set_message(format!("{} → {}", step.source, step.target));
    bar.set_position(checkpoint.processed);
    bar
}

async fn throttle(rate: Option<f64>, processed: u64, started: Instant) {
    let Some(rate) = rate.filter(|rate| *rate > 0.0) else {
        return;
    };
    let due = Duration::from_secs_f64(processed as f64 / rate);
    if let Some(wait) = due.checked_sub(started.elapsed()) {
        tokio::time::sleep(wait).await;
    }
}

fn checkpoint_path(options: &DataOptions, step: &DataStep<'_>) -> Option<PathBuf> {
    let dir = options.checkpoint_dir.as_ref()?;
    Some(dir.join(format!("{}.step{}.json", step.migration, step.step + 1)))
}

fn read_file(path: &Path) -> Option<CheckpointFile> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the local mirror of the checkpoint (best effort: the ledger is the authority).
fn write_file(path: Option<&Path>, checkpoint: &Checkpoint) {
    let Some(path) = path else {
        return;
    };
    let file = CheckpointFile {
        processed: checkpoint.processed,
        written: checkpoint.written,
        chunks: checkpoint.chunks,
        done: checkpoint.done,
        last_key: checkpoint.last_key.clone(),
    };
    let Ok(json) = serde_json::to_string_pretty(&file) else {
        return;
    };
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            let temporary = path.with_extension("json.tmp");
            std::fs::write(&temporary, json)?;
            std::fs::rename(&temporary, path)
        });
    if let Err(error) = written {
        eprintln!(
            "  warning: cannot write the local checkpoint {}: {error}",
            path.display()
        );
    }
}
