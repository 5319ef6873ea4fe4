//! The ledger: a DynamoDB table (`dynamodel_migrations` by default) in the migrated account
//! that records each applied migration with its checksum and step progress, the checkpoints
//! of data steps, and the lock that keeps two runners from applying at once.
//!
//! Items, all keyed by the string attribute `id`:
//! * `migration#NNNN_name`: `checksum`, `state` (`applying`, `applied`, `reverting`),
//!   `steps_done` (steps completed in the current direction), `updated_at`.
//! * `data#NNNN_name#STEP`: a data step's checkpoint: `last_key` (the key of the last item
//!   handled, a map), `processed`, `written`, `chunks`, `done`.
//! * `lock`: `owner` and `expires_at` (epoch seconds), written with a condition so only one
//!   runner holds it; every progress write renews it and fails if it was lost.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use dynamodel::model::{AttributeDefinition, ScalarAttributeType};
use dynamodel::model::{
    BillingMode, CreateTableInput, DeleteItemInput, DescribeTableInput, GetItemInput,
    KeySchemaElement, PutItemInput, ScanInput, TransactUpdate, TransactWriteItem,
    TransactWriteItemsInput,
};
use dynamodel::{AttributeValue, Backend, Item, Number};

use super::error::{Error, Result};

/// The ledger table's default name.
pub const DEFAULT_TABLE: &str = "dynamodel_migrations";

/// Where a migration stands in the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// `up` started it; `steps_done` steps are done.
    Applying,
    /// Every step is done.
    Applied,
    /// `down` started reverting it; `steps_done` inverse steps are done.
    Reverting,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Applying => "applying",
            State::Applied => "applied",
            State::Reverting => "reverting",
        }
    }

    fn parse(text: &str) -> Option<State> {
        Some(match text {
            "applying" => State::Applying,
            "applied" => State::Applied,
            "reverting" => State::Reverting,
            _ => return None,
        })
    }
}

/// One migration's ledger entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The migration id (`NNNN_name`).
    pub id: String,
    /// The checksum of its files when it was applied.
    pub checksum: String,
    /// Where it stands.
    pub state: State,
    /// Steps done in the current direction.
    pub steps_done: usize,
    /// When the entry last changed (epoch seconds).
    pub updated_at: i64,
}

/// A data step's checkpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checkpoint {
    /// The key of the last item handled; the scan resumes after it.
    pub last_key: Option<Item>,
    /// Items read and handled.
    pub processed: u64,
    /// Items written (put or deleted).
    pub written: u64,
    /// Chunks committed; each commit is conditional on this count.
    pub chunks: u64,
    /// Whether the step finished.
    pub done: bool,
}

/// The ledger of one target, used by one runner (`owner`).
#[derive(Debug)]
pub struct Ledger<'a, B> {
    backend: &'a B,
    table: String,
    owner: String,
    lock_ttl: Duration,
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

fn n(value: impl Into<Number>) -> AttributeValue {
    AttributeValue::N(value.into())
}

fn key(id: &str) -> Item {
    Item::from([("id".to_owned(), s(id))])
}

fn number(item: &Item, name: &str) -> i64 {
    item.get(name)
        .and_then(AttributeValue::as_n)
        .and_then(Number::to_i128)
        .and_then(|value| i64::try_from(value).ok())
        .unwrap_or(0)
}

fn text<'i>(item: &'i Item, name: &str) -> &'i str {
    item.get(name).and_then(AttributeValue::as_s).unwrap_or("")
}

fn to_u64(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

impl<'a, B: Backend> Ledger<'a, B> {
    /// The ledger in `table` on `backend`, for runner `owner`, whose lock lasts `lock_ttl`
    /// past each renewal.
    pub fn new(backend: &'a B, table: impl Into<String>, owner: impl Into<String>) -> Self {
        Ledger {
            backend,
            table: table.into(),
            owner: owner.into(),
            lock_ttl: Duration::from_secs(300),
        }
    }

    /// The lock lasts `ttl` past each renewal (5 minutes by default).
    #[must_use]
    pub fn lock_ttl(mut self, ttl: Duration) -> Self {
        self.lock_ttl = ttl;
        self
    }

    /// The ledger table's name.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// This runner's id.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// Whether the ledger table exists.
    pub async fn exists(&self) -> Result<bool> {
        let input = DescribeTableInput {
            table_name: self.table.clone(),
        };
        match self.backend.describe_table(input).await {
            Ok(_) => Ok(true),
            Err(error) if error.is_resource_not_found() => Ok(false),
            Err(error) => Err(Error::backend(format!(
                "describing the ledger `{}`",
                self.table
            ))(error)),
        }
    }

    /// The CreateTable request of the ledger table (on-demand, key `id`).
    pub fn create_input(&self) -> CreateTableInput {
        CreateTableInput {
            table_name: self.table.clone(),
            attribute_definitions: vec![AttributeDefinition::new("id", ScalarAttributeType::S)],
            key_schema: vec![KeySchemaElement::hash("id")],
            billing_mode: Some(BillingMode::PayPerRequest),
            ..CreateTableInput::default()
        }
    }

    /// Every migration entry, by id. An absent ledger table has none.
    pub async fn records(&self) -> Result<BTreeMap<String, Record>> {
        let mut records = BTreeMap::new();
        if !self.exists().await? {
            return Ok(records);
        }
        let mut start = None;
        loop {
            let input = ScanInput {
                table_name: self.table.clone(),
                consistent_read: Some(true),
                exclusive_start_key: start.take(),
                ..ScanInput::default()
            };
            let page = self
                .backend
                .scan(input)
                .await
                .map_err(Error::backend(format!(
                    "reading the ledger `{}`",
                    self.table
                )))?;
            for item in page.items.unwrap_or_default() {
                let Some(id) = text(&item, "id").strip_prefix("migration#") else {
                    continue;
                };
                let state = State::parse(text(&item, "state")).ok_or_else(|| {
                    Error::Refused(format!(
                        "the ledger entry of `{id}` has an unknown state `{}`",
                        text(&item, "state")
                    ))
                })?;
                records.insert(
                    id.to_owned(),
                    Record {
                        id: id.to_owned(),
                        checksum: text(&item, "checksum").to_owned(),
                        state,
                        steps_done: usize::try_from(number(&item, "steps_done")).unwrap_or(0),
                        updated_at: number(&item, "updated_at"),
                    },
                );
            }
            match page.last_evaluated_key {
                Some(key) => start = Some(key),
                None => return Ok(records),
            }
        }
    }

    /// Takes the lock, or fails with [`Error::Locked`] naming the holder. A lock past its
    /// expiry, or already ours, is taken over.
    pub async fn lock(&self) -> Result<()> {
        let now = now();
        let item = Item::from([
            ("id".to_owned(), s("lock")),
            ("owner".to_owned(), s(&self.owner)),
            ("expires_at".to_owned(), n(now + self.ttl_secs())),
        ]);
        let input = PutItemInput {
            table_name: self.table.clone(),
            item,
            condition_expression: Some(
                "attribute_not_exists(#id) OR #expires < :now OR #owner = :me".to_owned(),
            ),
            expression_attribute_names: Some(names(&[
                ("#id", "id"),
                ("#expires", "expires_at"),
                ("#owner", "owner"),
            ])),
            expression_attribute_values: Some(BTreeMap::from([
                (":now".to_owned(), n(now)),
                (":me".to_owned(), s(&self.owner)),
            ])),
            ..PutItemInput::default()
        };
        match self.backend.put_item(input).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_conditional_check_failed() => {
                let holder = self.get("lock").await?.unwrap_or_default();
                Err(Error::Locked {
                    owner: text(&holder, "owner").to_owned(),
                    expires_at: number(&holder, "expires_at"),
                })
            }
            Err(error) => Err(Error::backend("taking the migration lock")(error)),
        }
    }

    /// Releases the lock if this runner holds it.
    pub async fn unlock(&self) -> Result<()> {
        let input = DeleteItemInput {
            table_name: self.table.clone(),
            key: key("lock"),
            condition_expression: Some("#owner = :me".to_owned()),
            expression_attribute_names: Some(names(&[("#owner", "owner")])),
            expression_attribute_values: Some(BTreeMap::from([(":me".to_owned(), s(&self.owner))])),
            ..DeleteItemInput::default()
        };
        match self.backend.delete_item(input).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_conditional_check_failed() => Ok(()),
            Err(error) => Err(Error::backend("releasing the migration lock")(error)),
        }
    }

    /// Removes the lock whoever holds it (`--force-unlock`, after a runner died).
    pub async fn force_unlock(&self) -> Result<()> {
        let input = DeleteItemInput {
            table_name: self.table.clone(),
            key: key("lock"),
            ..DeleteItemInput::default()
        };
        self.backend
            .delete_item(input)
            .await
            .map(drop)
            .map_err(Error::backend("removing the migration lock"))
    }

    fn ttl_secs(&self) -> i64 {
        i64::try_from(self.lock_ttl.as_secs()).unwrap_or(i64::MAX / 2)
    }

    /// The update that renews our lock, failing the transaction if we lost it.
    pub(crate) fn renew_lock_action(&self) -> TransactWriteItem {
        TransactUpdate {
            table_name: self.table.clone(),
            key: key("lock"),
            update_expression: "SET #expires = :expires".to_owned(),
            condition_expression: Some("#owner = :me".to_owned()),
            expression_attribute_names: Some(names(&[
                ("#expires", "expires_at"),
                ("#owner", "owner"),
            ])),
            expression_attribute_values: Some(BTreeMap::from([
                (":expires".to_owned(), n(now() + self.ttl_secs())),
                (":me".to_owned(), s(&self.owner)),
            ])),
            ..TransactUpdate::default()
        }
        .into()
    }

    /// Records `steps_done` for migration `id` in `state`, with its checksum, renewing the
    /// lock in the same transaction.
    pub async fn record(
        &self,
        id: &str,
        checksum: &str,
        state: State,
        steps_done: usize,
    ) -> Result<()> {
        let update: TransactWriteItem = TransactUpdate {
            table_name: self.table.clone(),
            key: key(&format!("migration#{id}")),
            update_expression: "SET #checksum = :checksum, #state = :state, #steps = :steps, \
                                #updated = :now"
                .to_owned(),
            expression_attribute_names: Some(names(&[
                ("#checksum", "checksum"),
                ("#state", "state"),
                ("#steps", "steps_done"),
                ("#updated", "updated_at"),
            ])),
            expression_attribute_values: Some(BTreeMap::from([
                (":checksum".to_owned(), s(checksum)),
                (":state".to_owned(), s(state.as_str())),
                (":steps".to_owned(), n(steps_done)),
                (":now".to_owned(), n(now())),
            ])),
            ..TransactUpdate::default()
        }
        .into();
        self.transact(
            vec![update, self.renew_lock_action()],
            &format!("recording `{id}`"),
        )
        .await
    }

    /// Removes migration `id`'s entry and its data checkpoints (after `down` reverted it).
    pub async fn forget(&self, id: &str, steps: usize) -> Result<()> {
        for key_id in std::iter::once(format!("migration#{id}"))
            .chain((0..steps).map(|step| format!("data#{id}#{step}")))
        {
            let input = DeleteItemInput {
                table_name: self.table.clone(),
                key: key(&key_id),
                ..DeleteItemInput::default()
            };
            self.backend
                .delete_item(input)
                .await
                .map_err(Error::backend(format!(
                    "removing `{key_id}` from the ledger"
                )))?;
        }
        Ok(())
    }

    /// The checkpoint of data step `step` of migration `id`.
    pub async fn checkpoint(&self, id: &str, step: usize) -> Result<Checkpoint> {
        let Some(item) = self.get(&format!("data#{id}#{step}")).await? else {
            return Ok(Checkpoint::default());
        };
        Ok(Checkpoint {
            last_key: item.get("last_key").and_then(AttributeValue::as_m).cloned(),
            processed: to_u64(number(&item, "processed")),
            written: to_u64(number(&item, "written")),
            chunks: to_u64(number(&item, "chunks")),
            done: item.get("done").and_then(AttributeValue::as_bool) == Some(true),
        })
    }

    /// The action that moves data step `step` of migration `id` from checkpoint `from`
    /// (`from.chunks` chunks) to `to`; it fails if another write moved it first.
    pub(crate) fn checkpoint_action(
        &self,
        id: &str,
        step: usize,
        from: &Checkpoint,
        to: &Checkpoint,
    ) -> TransactWriteItem {
        let mut values = BTreeMap::from([
            (":processed".to_owned(), n(to.processed)),
            (":written".to_owned(), n(to.written)),
            (":chunks".to_owned(), n(to.chunks)),
            (":done".to_owned(), AttributeValue::Bool(to.done)),
            (":before".to_owned(), n(from.chunks)),
        ]);
        let mut set = "#processed = :processed, #written = :written, #chunks = :chunks, \
                       #done = :done"
            .to_owned();
        if let Some(last_key) = &to.last_key {
            values.insert(":last".to_owned(), AttributeValue::M(last_key.clone()));
            set.push_str(", #last = :last");
        }
        let condition = if from.chunks == 0 {
            "attribute_not_exists(#chunks) OR #chunks = :before"
        } else {
            "#chunks = :before"
        };
        TransactUpdate {
            table_name: self.table.clone(),
            key: key(&format!("data#{id}#{step}")),
            update_expression: format!("SET {set}"),
            condition_expression: Some(condition.to_owned()),
            expression_attribute_names: Some(
                names(&[
                    ("#processed", "processed"),
                    ("#written", "written"),
                    ("#chunks", "chunks"),
                    ("#done", "done"),
                    ("#last", "last_key"),
                ])
                .into_iter()
                .filter(|(placeholder, _)| placeholder != "#last" || to.last_key.is_some())
                .collect(),
            ),
            expression_attribute_values: Some(values),
            ..TransactUpdate::default()
        }
        .into()
    }

    /// Runs `actions` as one transaction; a cancelled one says whether the lock was lost.
    pub(crate) async fn transact(&self, actions: Vec<TransactWriteItem>, what: &str) -> Result<()> {
        let input = TransactWriteItemsInput {
            transact_items: actions,
            ..TransactWriteItemsInput::default()
        };
        match self.backend.transact_write_items(input).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_transaction_canceled() => {
                let reasons: Vec<String> = error
                    .cancellation_reasons()
                    .iter()
                    .enumerate()
                    .filter(|(_, reason)| reason.code != "None")
                    .map(|(index, reason)| format!("action {}: {}", index + 1, reason.code))
                    .collect();
                Err(Error::Refused(format!(
                    "{what}: the write was cancelled ({}): another runner took the migration \
                     lock or moved the checkpoint; run `status` and try again",
                    reasons.join(", ")
                )))
            }
            Err(error) => Err(Error::backend(what.to_owned())(error)),
        }
    }

    async fn get(&self, id: &str) -> Result<Option<Item>> {
        let input = GetItemInput {
            table_name: self.table.clone(),
            key: key(id),
            consistent_read: Some(true),
            ..GetItemInput::default()
        };
        self.backend
            .get_item(input)
            .await
            .map(|output| output.item)
            .map_err(Error::backend(format!("reading `{id}` from the ledger")))
    }
}

fn names(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(placeholder, name)| ((*placeholder).to_owned(), (*name).to_owned()))
        .collect()
}
