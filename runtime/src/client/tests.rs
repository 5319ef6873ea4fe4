//! The client's requests, checked against a backend that records them.

mod index;

use std::collections::BTreeMap;
use std::future::{Future, ready};
use std::sync::{Arc, Mutex};

use crate::backend::Backend;
use crate::convert::{Attribute, type_mismatch};
use crate::error::{Error, Result};
use crate::model::*;
use crate::schema::{Billing, TableSchema};
use crate::table::{Key, Table, put_field, take_field};
use crate::{Client, NoSortKey};

#[derive(Debug, Clone, PartialEq)]
struct Order {
    customer: String,
    seq: u32,
}

impl Attribute for Order {
    fn to_attribute(&self) -> Result<AttributeValue> {
        self.to_item().map(AttributeValue::M)
    }
    fn from_attribute(value: AttributeValue) -> Result<Self> {
        match value {
            AttributeValue::M(item) => Order::from_item(item),
            other => Err(type_mismatch(AttributeType::M, &other)),
        }
    }
}

// `Table` requires `Document`; these hand-written tables have no typed paths.
impl crate::expr::Document for Order {
    type Paths<R: 'static> = ();
    fn paths_at<R: 'static>(_prefix: Option<&crate::expr::RawPath>) -> Self::Paths<R> {}
}

impl Table for Order {
    const TABLE_NAME: &'static str = "orders";
    const PARTITION_KEY: &'static str = "customer";
    const SORT_KEY: Option<&'static str> = Some("seq");
    type PartitionKey = String;
    type SortKey = u32;

    fn schema() -> TableSchema {
        TableSchema {
            sort_key: Some(("seq".into(), ScalarAttributeType::N)),
            ..TableSchema::new("orders", ("customer".into(), ScalarAttributeType::S))
        }
    }
    fn to_item(&self) -> Result<Item> {
        let mut item = Item::new();
        put_field(&mut item, "customer", &self.customer)?;
        put_field(&mut item, "seq", &self.seq)?;
        Ok(item)
    }
    fn from_item(mut item: Item) -> Result<Self> {
        Ok(Order {
            customer: take_field(&mut item, "customer")?,
            seq: take_field(&mut item, "seq")?,
        })
    }
    fn primary_key(&self) -> Key<Self> {
        Key::new(self.customer.clone(), self.seq)
    }
}

/// A partition-key-only table, to check that the key has one attribute.
#[derive(Debug, Clone, PartialEq)]
struct Flag {
    name: String,
}

impl Attribute for Flag {
    fn to_attribute(&self) -> Result<AttributeValue> {
        self.to_item().map(AttributeValue::M)
    }
    fn from_attribute(value: AttributeValue) -> Result<Self> {
        match value {
            AttributeValue::M(item) => Flag::from_item(item),
            other => Err(type_mismatch(AttributeType::M, &other)),
        }
    }
}

impl crate::expr::Document for Flag {
    type Paths<R: 'static> = ();
    fn paths_at<R: 'static>(_prefix: Option<&crate::expr::RawPath>) -> Self::Paths<R> {}
}

impl Table for Flag {
    const TABLE_NAME: &'static str = "flags";
    const PARTITION_KEY: &'static str = "name";
    const SORT_KEY: Option<&'static str> = None;
    type PartitionKey = String;
    type SortKey = NoSortKey;

    fn schema() -> TableSchema {
        TableSchema {
            billing: Billing::Provisioned { read: 5, write: 2 },
            ..TableSchema::new("flags", ("name".into(), ScalarAttributeType::S))
        }
    }
    fn to_item(&self) -> Result<Item> {
        let mut item = Item::new();
        put_field(&mut item, "name", &self.name)?;
        Ok(item)
    }
    fn from_item(mut item: Item) -> Result<Self> {
        Ok(Flag {
            name: take_field(&mut item, "name")?,
        })
    }
    fn primary_key(&self) -> Key<Self> {
        Key::new(self.name.clone(), NoSortKey)
    }
}

/// Records query and scan inputs; answers with scripted pages.
#[derive(Default, Clone)]
struct Recorder {
    queries: Arc<Mutex<Vec<QueryInput>>>,
    scans: Arc<Mutex<Vec<ScanInput>>>,
    /// Each request pops the next `LastEvaluatedKey` to return.
    cursors: Arc<Mutex<Vec<Option<Item>>>>,
}

impl Recorder {
    fn next_cursor(&self) -> Option<Item> {
        let mut cursors = self.cursors.lock().unwrap();
        if cursors.is_empty() {
            None
        } else {
            cursors.remove(0)
        }
    }
}

fn unsupported<T: Send>() -> impl Future<Output = Result<T>> + Send {
    ready(Err(Error::configuration("not used by this test")))
}

impl Backend for Recorder {
    fn create_table(
        &self,
        _: CreateTableInput,
    ) -> impl Future<Output = Result<CreateTableOutput>> + Send {
        unsupported()
    }
    fn delete_table(
        &self,
        _: DeleteTableInput,
    ) -> impl Future<Output = Result<DeleteTableOutput>> + Send {
        unsupported()
    }
    fn describe_table(
        &self,
        _: DescribeTableInput,
    ) -> impl Future<Output = Result<DescribeTableOutput>> + Send {
        unsupported()
    }
    fn update_table(
        &self,
        _: UpdateTableInput,
    ) -> impl Future<Output = Result<UpdateTableOutput>> + Send {
        unsupported()
    }
    fn list_tables(
        &self,
        input: ListTablesInput,
    ) -> impl Future<Output = Result<ListTablesOutput>> + Send {
        // A broken backend that always returns the same cursor.
        ready(Ok(ListTablesOutput {
            table_names: vec!["a".into()],
            last_evaluated_table_name: Some(
                input
                    .exclusive_start_table_name
                    .unwrap_or_else(|| "a".into()),
            ),
        }))
    }
    fn put_item(&self, _: PutItemInput) -> impl Future<Output = Result<PutItemOutput>> + Send {
        unsupported()
    }
    fn get_item(&self, _: GetItemInput) -> impl Future<Output = Result<GetItemOutput>> + Send {
        unsupported()
    }
    fn delete_item(
        &self,
        _: DeleteItemInput,
    ) -> impl Future<Output = Result<DeleteItemOutput>> + Send {
        unsupported()
    }
    fn update_item(
        &self,
        _: UpdateItemInput,
    ) -> impl Future<Output = Result<UpdateItemOutput>> + Send {
        unsupported()
    }
    fn query(&self, input: QueryInput) -> impl Future<Output = Result<QueryOutput>> + Send {
        self.queries.lock().unwrap().push(input);
        let item = Order {
            customer: "c".into(),
            seq: 1,
        }
        .to_item()
        .unwrap();
        ready(Ok(QueryOutput {
            items: Some(vec![item]),
            count: 1,
            scanned_count: 1,
            last_evaluated_key: self.next_cursor(),
            consumed_capacity: None,
        }))
    }
    fn scan(&self, input: ScanInput) -> impl Future<Output = Result<ScanOutput>> + Send {
        self.scans.lock().unwrap().push(input);
        ready(Ok(ScanOutput {
            items: Some(vec![]),
            count: 0,
            scanned_count: 0,
            last_evaluated_key: self.next_cursor(),
            consumed_capacity: None,
        }))
    }
    fn transact_write_items(
        &self,
        _: TransactWriteItemsInput,
    ) -> impl Future<Output = Result<TransactWriteItemsOutput>> + Send {
        unsupported()
    }
    fn transact_get_items(
        &self,
        _: TransactGetItemsInput,
    ) -> impl Future<Output = Result<TransactGetItemsOutput>> + Send {
        unsupported()
    }
    fn batch_write_item(
        &self,
        _: BatchWriteItemInput,
    ) -> impl Future<Output = Result<BatchWriteItemOutput>> + Send {
        unsupported()
    }
    fn batch_get_item(
        &self,
        _: BatchGetItemInput,
    ) -> impl Future<Output = Result<BatchGetItemOutput>> + Send {
        unsupported()
    }
    fn update_time_to_live(
        &self,
        _: UpdateTimeToLiveInput,
    ) -> impl Future<Output = Result<UpdateTimeToLiveOutput>> + Send {
        unsupported()
    }
    fn describe_time_to_live(
        &self,
        _: DescribeTimeToLiveInput,
    ) -> impl Future<Output = Result<DescribeTimeToLiveOutput>> + Send {
        unsupported()
    }
    fn tag_resource(
        &self,
        _: TagResourceInput,
    ) -> impl Future<Output = Result<TagResourceOutput>> + Send {
        unsupported()
    }
    fn untag_resource(
        &self,
        _: UntagResourceInput,
    ) -> impl Future<Output = Result<UntagResourceOutput>> + Send {
        unsupported()
    }
    fn list_tags_of_resource(
        &self,
        _: ListTagsOfResourceInput,
    ) -> impl Future<Output = Result<ListTagsOfResourceOutput>> + Send {
        unsupported()
    }
}

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

fn names(pairs: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
    Some(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

fn n(v: u32) -> AttributeValue {
    AttributeValue::N(Number::from(v))
}

#[test]
fn query_renders_each_sort_condition_with_placeholders() {
    let recorder = Recorder::default();
    let db = Client::new(recorder.clone());
    block_on(async {
        db.query::<Order>("c").send().await.unwrap();
        db.query::<Order>("c").sort_eq(1u32).send().await.unwrap();
        db.query::<Order>("c").sort_lt(1u32).send().await.unwrap();
        db.query::<Order>("c").sort_le(1u32).send().await.unwrap();
        db.query::<Order>("c").sort_gt(1u32).send().await.unwrap();
        db.query::<Order>("c").sort_ge(1u32).send().await.unwrap();
        db.query::<Order>("c")
            .sort_between(1u32, 9u32)
            .send()
            .await
            .unwrap();
    });
    let queries = recorder.queries.lock().unwrap();
    let expressions: Vec<&str> = queries
        .iter()
        .map(|q| q.key_condition_expression.as_deref().unwrap())
        .collect();
    assert_eq!(
        expressions,
        [
            "#n0 = :v0",
            "#n0 = :v0 AND #n1 = :v1",
            "#n0 = :v0 AND #n1 < :v1",
            "#n0 = :v0 AND #n1 <= :v1",
            "#n0 = :v0 AND #n1 > :v1",
            "#n0 = :v0 AND #n1 >= :v1",
            "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
        ]
    );
    assert_eq!(
        queries[0].expression_attribute_names,
        names(&[("#n0", "customer")])
    );
    assert_eq!(
        queries[1].expression_attribute_names,
        names(&[("#n0", "customer"), ("#n1", "seq")])
    );
    let between = queries[6].expression_attribute_values.as_ref().unwrap();
    assert_eq!(between[":v0"], AttributeValue::S("c".into()));
    assert_eq!((&between[":v1"], &between[":v2"]), (&n(1), &n(9)));
    // Defaults are left out of the request.
    assert_eq!(queries[0].scan_index_forward, None);
    assert_eq!(queries[0].limit, None);
    assert_eq!(queries[0].consistent_read, None);
}

#[test]
fn rendering_is_deterministic() {
    let recorder = Recorder::default();
    let db = Client::new(recorder.clone());
    block_on(async {
        for _ in 0..3 {
            db.query::<Order>("c")
                .sort_between(1u32, 2u32)
                .descending()
                .limit(5)
                .send()
                .await
                .unwrap();
        }
    });
    let queries = recorder.queries.lock().unwrap();
    assert!(queries.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(queries[0].scan_index_forward, Some(false));
    assert_eq!(queries[0].limit, Some(5));
}

#[test]
fn all_follows_cursors_and_stops_on_a_repeated_one() {
    let recorder = Recorder::default();
    let key = Order {
        customer: "c".into(),
        seq: 1,
    }
    .to_item()
    .unwrap();
    *recorder.cursors.lock().unwrap() = vec![Some(key.clone()), None];
    let db = Client::new(recorder.clone());
    let items = block_on(db.query::<Order>("c").all()).unwrap();
    assert_eq!(items.len(), 2);
    {
        let queries = recorder.queries.lock().unwrap();
        assert_eq!(queries[1].exclusive_start_key.as_ref(), Some(&key));
    }

    *recorder.cursors.lock().unwrap() = vec![Some(key.clone()), Some(key.clone())];
    let error = block_on(db.query::<Order>("c").all()).unwrap_err();
    assert_eq!(error.kind(), crate::ErrorKind::Configuration);

    let error = block_on(db.list_tables()).unwrap_err();
    assert_eq!(error.kind(), crate::ErrorKind::Configuration);
}

#[test]
fn scan_segment_and_count_requests() {
    let recorder = Recorder::default();
    let db = Client::new(recorder.clone());
    block_on(async {
        db.scan::<Order>()
            .segment(2, 8)
            .limit(10)
            .consistent_read(true)
            .send()
            .await
            .unwrap();
        db.scan::<Order>().count().await.unwrap();
    });
    let scans = recorder.scans.lock().unwrap();
    assert_eq!(
        (scans[0].segment, scans[0].total_segments),
        (Some(2), Some(8))
    );
    assert_eq!(scans[0].limit, Some(10));
    assert_eq!(scans[0].consistent_read, Some(true));
    assert_eq!(scans[1].select, Some(Select::Count));
}

#[test]
fn keys_and_schemas() {
    let key = Key::<Order>::new("c".into(), 7).to_item().unwrap();
    assert_eq!(key.len(), 2);
    assert_eq!(key["seq"], n(7));
    let key = Key::<Flag>::new("f".into(), NoSortKey).to_item().unwrap();
    assert_eq!(key.len(), 1);
    let input = Flag::schema().create_table_input();
    assert_eq!(input.billing_mode, Some(BillingMode::Provisioned));
    assert_eq!(
        input.provisioned_throughput,
        Some(ProvisionedThroughput {
            read_capacity_units: 5,
            write_capacity_units: 2
        })
    );
    assert_eq!(
        format!("{:?}", Key::<Flag>::new("f".into(), NoSortKey)),
        r#"Key { table: "flags", name: "f", sort: NoSortKey }"#
    );
}
