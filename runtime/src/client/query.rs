//! Typed Query: partition key equality, then at most one sort-key condition.

use std::future::IntoFuture;
use std::marker::PhantomData;

use super::items::BoxFuture;
use super::{Client, Page, count, decode_items};
use crate::backend::Backend;
use crate::convert::{BeginsWith, KeyAttribute};
use crate::error::{Error, Result};
use crate::expr::{
    AsValue, Comparator, Condition, ConditionNode, Document, Operand, Projection, RawPath, Renderer,
};
use crate::model::{AttributeValue, Item, QueryInput, Select};
use crate::table::Table;

/// Typestate: no sort-key condition yet.
#[derive(Debug)]
pub enum Unsorted {}
/// Typestate: the sort-key condition is set; another one does not compile.
#[derive(Debug)]
pub enum Sorted {}

/// A condition on the sort key of a Query.
#[derive(Clone, Debug, PartialEq)]
pub enum SortCondition {
    /// `sk = v`
    Eq(AttributeValue),
    /// `sk < v`
    Lt(AttributeValue),
    /// `sk <= v`
    Le(AttributeValue),
    /// `sk > v`
    Gt(AttributeValue),
    /// `sk >= v`
    Ge(AttributeValue),
    /// `sk BETWEEN low AND high` (inclusive)
    Between(AttributeValue, AttributeValue),
    /// `begins_with(sk, prefix)`
    BeginsWith(AttributeValue),
}

/// A Query over one partition of `T`'s table. Built by [`Client::query`].
///
/// ```
/// use dynamodel::{Backend, Client, Result, Table};
///
/// #[derive(Table)]
/// #[dynamodel(table = "orders")]
/// struct Order {
///     #[dynamodel(partition_key)]
///     customer: String,
///     #[dynamodel(sort_key)]
///     seq: u32,
/// }
///
/// /// Orders 10 to 20 of a customer, newest first, on any backend.
/// async fn some_orders<B: Backend>(client: &Client<B>) -> Result<Vec<Order>> {
///     let page = client.query::<Order>("customer-1").sort_between(10u32, 20u32).descending().await?;
///     Ok(page.items)
/// }
/// ```
#[must_use = "a request does nothing until it is awaited"]
pub struct Query<'a, B, T: Table, S = Unsorted> {
    client: &'a Client<B>,
    /// The partition key value, or why it could not be converted.
    partition: Result<AttributeValue>,
    sort: Option<SortCondition>,
    descending: bool,
    limit: Option<u32>,
    consistent_read: bool,
    start: Option<Item>,
    /// A sort value that failed to convert, reported when the query is sent.
    pending: Option<Error>,
    filter: Option<Result<ConditionNode>>,
    projection: Option<Vec<RawPath>>,
    table: PhantomData<fn() -> T>,
    state: PhantomData<fn() -> S>,
}

impl<B: Backend> Client<B> {
    /// Queries the items of `T` whose partition key equals `partition`, in sort-key order.
    pub fn query<T: Table>(&self, partition: impl AsValue<T::PartitionKey>) -> Query<'_, B, T> {
        Query {
            client: self,
            partition: partition.to_value(),
            sort: None,
            descending: false,
            limit: None,
            consistent_read: false,
            start: None,
            pending: None,
            filter: None,
            projection: None,
            table: PhantomData,
            state: PhantomData,
        }
    }
}

/// Sort-key conditions. Each method requires a table with a sort key (bounds sit on the
/// methods so misuse names the missing sort key, not the whole impl block).
impl<'a, B: Backend, T: Table> Query<'a, B, T, Unsorted> {
    fn sorted(self, condition: Result<SortCondition>) -> Query<'a, B, T, Sorted> {
        let (sort, pending) = match condition {
            Ok(condition) => (Some(condition), self.pending),
            Err(error) => (None, Some(error)),
        };
        Query {
            client: self.client,
            partition: self.partition,
            sort,
            descending: self.descending,
            limit: self.limit,
            consistent_read: self.consistent_read,
            start: self.start,
            pending,
            filter: self.filter,
            projection: self.projection,
            table: PhantomData,
            state: PhantomData,
        }
    }

    /// Items whose sort key equals `value`.
    pub fn sort_eq(self, value: impl AsValue<T::SortKey>) -> Query<'a, B, T, Sorted>
    where
        T::SortKey: KeyAttribute,
    {
        let condition = value.to_value().map(SortCondition::Eq);
        self.sorted(condition)
    }

    /// Items whose sort key is less than `value`.
    pub fn sort_lt(self, value: impl AsValue<T::SortKey>) -> Query<'a, B, T, Sorted>
    where
        T::SortKey: KeyAttribute,
    {
        let condition = value.to_value().map(SortCondition::Lt);
        self.sorted(condition)
    }

    /// Items whose sort key is at most `value`.
    pub fn sort_le(self, value: impl AsValue<T::SortKey>) -> Query<'a, B, T, Sorted>
    where
        T::SortKey: KeyAttribute,
    {
        let condition = value.to_value().map(SortCondition::Le);
        self.sorted(condition)
    }

    /// Items whose sort key is greater than `value`.
    pub fn sort_gt(self, value: impl AsValue<T::SortKey>) -> Query<'a, B, T, Sorted>
    where
        T::SortKey: KeyAttribute,
    {
        let condition = value.to_value().map(SortCondition::Gt);
        self.sorted(condition)
    }

    /// Items whose sort key is at least `value`.
    pub fn sort_ge(self, value: impl AsValue<T::SortKey>) -> Query<'a, B, T, Sorted>
    where
        T::SortKey: KeyAttribute,
    {
        let condition = value.to_value().map(SortCondition::Ge);
        self.sorted(condition)
    }

    /// Items whose sort key is between `low` and `high`, both included.
    pub fn sort_between(
        self,
        low: impl AsValue<T::SortKey>,
        high: impl AsValue<T::SortKey>,
    ) -> Query<'a, B, T, Sorted>
    where
        T::SortKey: KeyAttribute,
    {
        let condition = low
            .to_value()
            .and_then(|low| Ok(SortCondition::Between(low, high.to_value()?)));
        self.sorted(condition)
    }

    /// Items whose sort key starts with `prefix` (string and binary sort keys only).
    pub fn sort_begins_with(self, prefix: impl AsValue<T::SortKey>) -> Query<'a, B, T, Sorted>
    where
        T::SortKey: BeginsWith,
    {
        let condition = prefix.to_value().map(SortCondition::BeginsWith);
        self.sorted(condition)
    }
}

impl<'a, B: Backend, T: Table, S> Query<'a, B, T, S> {
    /// Return items in descending sort-key order.
    pub fn descending(mut self) -> Self {
        self.descending = true;
        self
    }

    /// Evaluate at most `limit` items per request (DynamoDB's `Limit`; it counts items
    /// read, before any filter).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Read with strong consistency.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Keep only the items that match `filter` (DynamoDB's `FilterExpression`: applied after
    /// the items are read, so `Limit` and read capacity count the items before filtering).
    ///
    /// Calling it again replaces the filter; combine conditions with `and`/`or` instead.
    pub fn filter(mut self, filter: impl FnOnce(T::Paths<T>) -> Condition<T>) -> Self
    where
        T: Document,
    {
        self.filter = Some(filter(T::paths()).into_node());
        self
    }

    /// Continue after the `last_evaluated_key` of an earlier page.
    pub fn start_after(mut self, last_evaluated_key: Item) -> Self {
        self.start = Some(last_evaluated_key);
        self
    }

    fn input(&mut self) -> Result<QueryInput> {
        if let Some(error) = self.pending.take() {
            return Err(error.in_attribute(T::SORT_KEY.unwrap_or_default()));
        }
        let mut renderer = Renderer::new();
        let partition = std::mem::replace(&mut self.partition, Ok(AttributeValue::Null))
            .map_err(|e| e.in_attribute(T::PARTITION_KEY))?;
        let partition = ConditionNode::Compare(
            Operand::Path(RawPath::attribute(T::PARTITION_KEY)),
            Comparator::Eq,
            Operand::Value(partition),
        );
        let mut expression = renderer.condition(&partition)?;
        if let (Some(condition), Some(sort_key)) = (&self.sort, T::SORT_KEY) {
            let path = || Operand::Path(RawPath::attribute(sort_key));
            let compare = |comparator, v: &AttributeValue| {
                ConditionNode::Compare(path(), comparator, Operand::Value(v.clone()))
            };
            let node = match condition {
                SortCondition::Eq(v) => compare(Comparator::Eq, v),
                SortCondition::Lt(v) => compare(Comparator::Lt, v),
                SortCondition::Le(v) => compare(Comparator::Le, v),
                SortCondition::Gt(v) => compare(Comparator::Gt, v),
                SortCondition::Ge(v) => compare(Comparator::Ge, v),
                SortCondition::Between(low, high) => ConditionNode::Between(
                    path(),
                    Operand::Value(low.clone()),
                    Operand::Value(high.clone()),
                ),
                SortCondition::BeginsWith(prefix) => {
                    ConditionNode::BeginsWith(RawPath::attribute(sort_key), prefix.clone())
                }
            };
            expression.push_str(" AND ");
            expression.push_str(&renderer.condition(&node)?);
        }
        let filter_expression = match self.filter.take() {
            Some(filter) => Some(renderer.condition(&filter?)?),
            None => None,
        };
        let projection_expression = self
            .projection
            .as_deref()
            .map(|paths| renderer.projection(paths));
        Ok(QueryInput {
            table_name: T::TABLE_NAME.to_owned(),
            key_condition_expression: Some(expression),
            filter_expression,
            projection_expression,
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            scan_index_forward: self.descending.then_some(false),
            limit: self.limit.map(|l| i32::try_from(l).unwrap_or(i32::MAX)),
            consistent_read: self.consistent_read.then_some(true),
            exclusive_start_key: self.start.clone(),
            ..QueryInput::default()
        })
    }

    /// Sends one request and returns one page.
    pub async fn send(self) -> Result<Page<T>> {
        self.send_with(T::from_item).await
    }

    /// Follows every page and returns all matching items.
    pub async fn all(self) -> Result<Vec<T>> {
        self.all_with(T::from_item).await
    }

    /// Reads only the attributes of projection `P` (a `ProjectionExpression`).
    pub fn project<P: Projection<Table = T>>(mut self) -> ProjectedQuery<'a, B, T, S, P> {
        self.projection = Some(P::projected_paths());
        ProjectedQuery {
            query: self,
            projection: PhantomData,
        }
    }

    async fn send_with<O>(mut self, decode: fn(Item) -> Result<O>) -> Result<Page<O>> {
        let input = self.input()?;
        let output = self.client.backend.query(input).await?;
        Ok(Page {
            items: decode_items(output.items, decode)?,
            count: count(output.count),
            scanned_count: count(output.scanned_count),
            last_evaluated_key: output.last_evaluated_key,
        })
    }

    async fn all_with<O>(mut self, decode: fn(Item) -> Result<O>) -> Result<Vec<O>> {
        let mut input = self.input()?;
        let mut items = Vec::new();
        loop {
            let output = self.client.backend.query(input.clone()).await?;
            items.extend(decode_items(output.items, decode)?);
            match output.last_evaluated_key {
                Some(key) if input.exclusive_start_key.as_ref() == Some(&key) => {
                    return Err(Error::configuration(
                        "Query returned its start key as the next cursor again",
                    ));
                }
                Some(key) => input.exclusive_start_key = Some(key),
                None => return Ok(items),
            }
        }
    }

    /// Counts the matching items across every page (`Select = COUNT`; no items are read
    /// into memory).
    pub async fn count(mut self) -> Result<u64> {
        let mut input = self.input()?;
        input.select = Some(Select::Count);
        let mut total = 0u64;
        loop {
            let output = self.client.backend.query(input.clone()).await?;
            total += u64::from(count(output.count));
            match output.last_evaluated_key {
                Some(key) if input.exclusive_start_key.as_ref() == Some(&key) => {
                    return Err(Error::configuration(
                        "Query returned its start key as the next cursor again",
                    ));
                }
                Some(key) => input.exclusive_start_key = Some(key),
                None => return Ok(total),
            }
        }
    }
}

impl<'a, B: Backend, T: Table, S: 'a> IntoFuture for Query<'a, B, T, S> {
    type Output = Result<Page<T>>;
    type IntoFuture = BoxFuture<'a, Result<Page<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A Query that reads projection `P` instead of whole items. Built by [`Query::project`].
#[must_use = "a request does nothing until it is awaited"]
pub struct ProjectedQuery<'a, B, T: Table, S, P> {
    query: Query<'a, B, T, S>,
    projection: PhantomData<fn() -> P>,
}

impl<'a, B: Backend, T: Table, S, P: Projection<Table = T>> ProjectedQuery<'a, B, T, S, P> {
    /// Sends one request and returns one page of projections.
    pub async fn send(self) -> Result<Page<P>> {
        self.query.send_with(P::from_item).await
    }

    /// Follows every page and returns all projections.
    pub async fn all(self) -> Result<Vec<P>> {
        self.query.all_with(P::from_item).await
    }
}

impl<'a, B: Backend, T: Table, S: 'a, P: Projection<Table = T> + Send + 'a> IntoFuture
    for ProjectedQuery<'a, B, T, S, P>
{
    type Output = Result<Page<P>>;
    type IntoFuture = BoxFuture<'a, Result<Page<P>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
