//! A data step that fails midway — before a chunk commits, and after a chunk commits but
//! before the runner hears back — resumes from its checkpoint: every item is transformed
//! exactly once, none is lost.

use std::future::Future;
use std::sync::Mutex;

use dynamodel::model::*;
use dynamodel::{AttributeValue, Backend, Error, Item, Number, Result, TableSchema};
use dynamodel_cli::migrate::{DataMigrations, GenerateOptions, ItemChange, Step};
use dynamodel_local::Engine;

use super::support::{migrator, s};

/// When the next data-chunk transaction on `table` fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Never.
    None,
    /// The N-th (1-based) chunk fails without being written.
    Before(usize),
    /// The N-th chunk is written, then the call reports a failure (a crash after commit).
    After(usize),
}

/// A backend that fails one chunk transaction of a data step as told.
pub(crate) struct Flaky<'b, B> {
    inner: &'b B,
    table: String,
    state: Mutex<(Failure, usize)>,
}

impl<'b, B: Backend> Flaky<'b, B> {
    pub(crate) fn new(inner: &'b B, table: &str, failure: Failure) -> Self {
        Flaky {
            inner,
            table: table.to_owned(),
            state: Mutex::new((failure, 0)),
        }
    }

    fn touches(&self, input: &TransactWriteItemsInput) -> bool {
        input.transact_items.iter().any(|action| {
            action
                .put
                .as_ref()
                .is_some_and(|p| p.table_name == self.table)
                || action
                    .delete
                    .as_ref()
                    .is_some_and(|d| d.table_name == self.table)
        })
    }
}

fn injected() -> Error {
    Error::transport("injected failure", std::io::Error::other("the runner died"))
}

macro_rules! forward {
    ($($method:ident($input:ty) -> $output:ty;)+) => {$(
        fn $method(&self, input: $input) -> impl Future<Output = Result<$output>> + Send {
            self.inner.$method(input)
        }
    )+};
}

impl<B: Backend> Backend for Flaky<'static, B> {
    forward! {
        create_table(CreateTableInput) -> CreateTableOutput;
        delete_table(DeleteTableInput) -> DeleteTableOutput;
        describe_table(DescribeTableInput) -> DescribeTableOutput;
        update_table(UpdateTableInput) -> UpdateTableOutput;
        list_tables(ListTablesInput) -> ListTablesOutput;
        put_item(PutItemInput) -> PutItemOutput;
        get_item(GetItemInput) -> GetItemOutput;
        delete_item(DeleteItemInput) -> DeleteItemOutput;
        update_item(UpdateItemInput) -> UpdateItemOutput;
        query(QueryInput) -> QueryOutput;
        scan(ScanInput) -> ScanOutput;
        transact_get_items(TransactGetItemsInput) -> TransactGetItemsOutput;
        batch_write_item(BatchWriteItemInput) -> BatchWriteItemOutput;
        batch_get_item(BatchGetItemInput) -> BatchGetItemOutput;
        update_time_to_live(UpdateTimeToLiveInput) -> UpdateTimeToLiveOutput;
        describe_time_to_live(DescribeTimeToLiveInput) -> DescribeTimeToLiveOutput;
        tag_resource(TagResourceInput) -> TagResourceOutput;
        untag_resource(UntagResourceInput) -> UntagResourceOutput;
        list_tags_of_resource(ListTagsOfResourceInput) -> ListTagsOfResourceOutput;
    }

    fn transact_write_items(
        &self,
        input: TransactWriteItemsInput,
    ) -> impl Future<Output = Result<TransactWriteItemsOutput>> + Send {
        let failure = if self.touches(&input) {
            let mut state = self.state.lock().unwrap();
            state.1 += 1;
            match state.0 {
                Failure::Before(n) if n == state.1 => Failure::Before(n),
                Failure::After(n) if n == state.1 => Failure::After(n),
                _ => Failure::None,
            }
        } else {
            Failure::None
        };
        async move {
            match failure {
                Failure::Before(_) => Err(injected()),
                Failure::After(_) => {
                    self.inner.transact_write_items(input).await?;
                    Err(injected())
                }
                Failure::None => self.inner.transact_write_items(input).await,
            }
        }
    }
}

const ITEMS: usize = 95;

fn bump() -> DataMigrations {
    DataMigrations::new().function("bump", |mut item: Item| {
        let count = item
            .get("count")
            .and_then(AttributeValue::as_n)
            .and_then(Number::to_i128)
            .ok_or("no count")?;
        item.insert(
            "count".into(),
            AttributeValue::N(Number::from(count as i64 + 1)),
        );
        Ok(ItemChange::Put(item))
    })
}

/// 95 items, chunks of 10: the 3rd chunk fails after it commits, the 7th before; each
/// failed `up` is run again. Every item ends with `count = 1`.
pub(crate) async fn resumes_without_loss_or_duplicates<B: Backend>(backend: &'static B) {
    let dir = tempfile::tempdir().unwrap();
    let visits = TableSchema::new("visits", s("pk"));
    let plain = migrator(backend, dir.path(), std::slice::from_ref(&visits), bump());
    plain
        .generate("create_visits", &GenerateOptions::default())
        .unwrap();
    plain.up(false).await.unwrap();
    for i in 0..ITEMS {
        let item = Item::from([
            ("pk".to_owned(), AttributeValue::S(format!("v{i:03}"))),
            ("count".to_owned(), AttributeValue::N(Number::from(0))),
        ]);
        let input = PutItemInput {
            table_name: "visits".into(),
            item,
            ..PutItemInput::default()
        };
        backend.put_item(input).await.unwrap();
    }
    let data = GenerateOptions {
        data_steps: vec![Step::Data {
            table: "visits".into(),
            function: "bump".into(),
        }],
        ..GenerateOptions::default()
    };
    let migration = plain.generate("bump_counts", &data).unwrap().unwrap();

    for failure in [Failure::After(3), Failure::Before(4)] {
        let flaky: &'static Flaky<'static, B> =
            Box::leak(Box::new(Flaky::new(backend, "visits", failure)));
        let m = migrator(flaky, dir.path(), std::slice::from_ref(&visits), bump());
        let error = m.up(false).await.unwrap_err().to_string();
        assert!(error.contains("injected failure"), "{error}");
        let status = m.status().await.unwrap().to_string();
        assert!(status.contains("partly applied (0/1 steps"), "{status}");
    }
    let applied = plain.up(false).await.unwrap();
    assert_eq!(applied, std::slice::from_ref(&migration.id));

    let mut counts = std::collections::BTreeMap::new();
    let mut start = None;
    loop {
        let page = backend
            .scan(ScanInput {
                table_name: "visits".into(),
                exclusive_start_key: start.take(),
                consistent_read: Some(true),
                ..ScanInput::default()
            })
            .await
            .unwrap();
        for item in page.items.unwrap_or_default() {
            let pk = item["pk"].as_s().unwrap().to_owned();
            let count = item["count"].as_n().and_then(Number::to_i128).unwrap();
            counts.insert(pk, count);
        }
        match page.last_evaluated_key {
            Some(key) => start = Some(key),
            None => break,
        }
    }
    assert_eq!(counts.len(), ITEMS, "items were lost or added");
    let wrong: Vec<_> = counts.iter().filter(|(_, count)| **count != 1).collect();
    assert!(
        wrong.is_empty(),
        "items transformed other than once: {wrong:?}"
    );

    // The ledger's checkpoint counts every item once; the local file mirrors it.
    let ledger = dynamodel_cli::migrate::ledger::Ledger::new(backend, "dynamodel_migrations", "t");
    let checkpoint = ledger.checkpoint(&migration.id, 0).await.unwrap();
    assert!(checkpoint.done);
    assert_eq!(
        (checkpoint.processed, checkpoint.written),
        (ITEMS as u64, ITEMS as u64)
    );
    let file = dir
        .path()
        .join(".checkpoints")
        .join(format!("{}.step1.json", migration.id));
    let local: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(local["processed"], ITEMS);
    assert_eq!(local["done"], true);
}

#[tokio::test]
async fn a_data_step_resumes_on_the_engine() {
    let engine: &'static Engine = Box::leak(Box::new(Engine::new()));
    resumes_without_loss_or_duplicates(engine).await;
}

/// A copy step (the rebuild's) with a failure after commit copies every item exactly once.
#[tokio::test]
async fn a_rebuild_copies_every_item_once_after_a_failure() {
    let engine: &'static Engine = Box::leak(Box::new(Engine::new()));
    let dir = tempfile::tempdir().unwrap();
    let mut old = TableSchema::new("orders", s("pk"));
    let m = migrator(engine, dir.path(), &[old.clone()], DataMigrations::new());
    m.generate("create", &GenerateOptions::default()).unwrap();
    m.up(false).await.unwrap();
    for i in 0..37 {
        let item = Item::from([
            ("pk".to_owned(), AttributeValue::S(format!("o{i}"))),
            (
                "customer".to_owned(),
                AttributeValue::S(format!("c{}", i % 5)),
            ),
        ]);
        engine
            .put_item(PutItemInput {
                table_name: "orders".into(),
                item,
                ..PutItemInput::default()
            })
            .await
            .unwrap();
    }
    old.partition_key = s("customer");
    old.sort_key = Some(s("pk"));
    let m = migrator(engine, dir.path(), &[old.clone()], DataMigrations::new());
    let refused = m
        .generate("rekey", &GenerateOptions::default())
        .unwrap_err();
    assert!(refused.to_string().contains("--allow-rebuild"), "{refused}");
    let options = GenerateOptions {
        allow_rebuild: true,
        ..GenerateOptions::default()
    };
    let migration = m.generate("rekey", &options).unwrap().unwrap();
    assert!(matches!(
        &migration.file.steps[..],
        [Step::CreateTable { .. }, Step::CopyItems { .. }]
    ));
    let flaky: &'static Flaky<'static, Engine> =
        Box::leak(Box::new(Flaky::new(engine, "orders_v2", Failure::After(2))));
    let failing = migrator(flaky, dir.path(), &[old.clone()], DataMigrations::new());
    assert!(failing.up(false).await.is_err());
    m.up(false).await.unwrap();
    let copied = engine
        .scan(ScanInput {
            table_name: "orders_v2".into(),
            ..ScanInput::default()
        })
        .await
        .unwrap();
    assert_eq!(copied.count, 37);
    // The plan sees both tables as the snapshot expects them.
    let plan = m.plan().await.unwrap();
    assert!(plan.drift.is_empty(), "{plan}");
}
