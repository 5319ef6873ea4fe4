//! Typed Query of a table or a secondary index: partition key equality, then sort-key
//! conditions in the shapes DynamoDB accepts.

use std::future::IntoFuture;
use std::marker::PhantomData;

use futures::stream::{BoxStream, TryStreamExt};

use super::cursor::{CursorKey, CursorScope, PendingCursor};
use super::items::BoxFuture;
use super::{Client, Page, stream};
use crate::backend::Backend;
use crate::convert::BeginsWith;
use crate::error::{Error, Result};
use crate::expr::{
    AsValue, Comparator, Condition, ConditionNode, Document, Operand, Projection, RawPath, Renderer,
};
use crate::index::{AsKey, ConsistentReads, ProjectionCheck, SortKeyParts, Source};
use crate::key_template::SortKeyMatch;
use crate::model::{AttributeValue, Item, QueryInput, Select};
use crate::table::Table;

/// Typestate: no sort-key condition yet.
#[derive(Debug)]
pub enum Unsorted {}
/// Typestate: the sort-key condition is set; another one does not compile.
#[derive(Debug)]
pub enum Sorted {}
/// Typestate of a multi-attribute sort key: its leading attributes are fixed by equality
/// ([`Query::sort_prefix_eq`]); `R` is the type of the attributes left, which take the
/// next condition.
#[derive(Debug)]
pub struct Prefixed<R>(std::convert::Infallible, PhantomData<fn() -> R>);

/// The typestates in which a sort-key condition can still be added to a query of `T`, and
/// the sort attributes left to constrain: all of them before any condition, the ones after
/// the fixed prefix after [`Query::sort_prefix_eq`].
pub trait OpenSort<T: Source> {
    /// The Rust type of the sort attributes left: a key type, a tuple, or
    /// [`NoSortKey`](crate::NoSortKey).
    type Remaining;
}

impl<T: Source> OpenSort<T> for Unsorted {
    type Remaining = T::SortKey;
}

impl<T: Source, R> OpenSort<T> for Prefixed<R> {
    type Remaining = R;
}

/// The Rust type of the next sort attribute of a query of `T` in typestate `S`: the one
/// that `sort_lt`, `sort_between`, `sort_prefix_eq` and the like compare.
pub type NextSortKey<T, S> = <<S as OpenSort<T>>::Remaining as SortKeyParts>::First;

/// A condition on the sort key of a Query (on a multi-attribute sort key: on the first
/// attribute after the ones fixed by equality).
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

/// A Query over one partition of a table or of a secondary index `T` (see [`Source`]).
/// Built by [`Client::query`] and [`Client::query_index`].
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
pub struct Query<'a, B, T: Source, S = Unsorted> {
    client: &'a Client<B>,
    /// The partition key values (one per partition attribute), or why one could not be
    /// converted.
    partition: Result<Vec<AttributeValue>>,
    /// Values of the leading sort attributes, compared for equality.
    sort_prefix: Vec<AttributeValue>,
    /// The condition on the sort attribute after the prefix.
    sort: Option<SortCondition>,
    descending: bool,
    limit: Option<u32>,
    consistent_read: bool,
    start: Option<Item>,
    /// A cursor to continue after, verified when the query is sent.
    cursor: Option<PendingCursor>,
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
        Query::new(self, partition.to_value().map(|value| vec![value]))
    }
}

impl<'a, B: Backend, T: Source> Query<'a, B, T> {
    /// A query of the partition with these key values.
    pub(super) fn new(client: &'a Client<B>, partition: Result<Vec<AttributeValue>>) -> Self {
        Query {
            client,
            partition,
            sort_prefix: Vec::new(),
            sort: None,
            descending: false,
            limit: None,
            consistent_read: false,
            start: None,
            cursor: None,
            pending: None,
            filter: None,
            projection: None,
            table: PhantomData,
            state: PhantomData,
        }
    }
}

/// Sort-key conditions, while one can still be added. Each method requires a sort
/// attribute left to constrain (bounds sit on the methods so misuse names the missing sort
/// key, not the whole impl block).
///
/// On a multi-attribute sort key `(A, B, ..)`, DynamoDB takes conditions on the sort
/// attributes left to right: `=` on each leading attribute ([`sort_prefix_eq`]), then any
/// one condition on the next. [`sort_eq`] compares every attribute left.
///
/// [`sort_prefix_eq`]: Query::sort_prefix_eq
/// [`sort_eq`]: Query::sort_eq
impl<'a, B: Backend, T: Source, S: OpenSort<T>> Query<'a, B, T, S> {
    /// Moves to typestate `N`, with `prefix` added to the equalities and `condition` as the
    /// condition after them; a conversion error is kept for `send`, naming the attribute.
    fn sorted<N>(
        mut self,
        step: Result<(Vec<AttributeValue>, Option<SortCondition>)>,
    ) -> Query<'a, B, T, N> {
        match step {
            Ok((prefix, condition)) => {
                self.sort_prefix.extend(prefix);
                self.sort = condition;
            }
            Err(error) => {
                let name = T::SORT_ATTRIBUTES
                    .get(self.sort_prefix.len())
                    .copied()
                    .unwrap_or_default();
                self.pending.get_or_insert(error.in_attribute(name));
            }
        }
        Query {
            client: self.client,
            partition: self.partition,
            sort_prefix: self.sort_prefix,
            sort: self.sort,
            descending: self.descending,
            limit: self.limit,
            consistent_read: self.consistent_read,
            start: self.start,
            cursor: self.cursor,
            pending: self.pending,
            filter: self.filter,
            projection: self.projection,
            table: PhantomData,
            state: PhantomData,
        }
    }

    /// Items whose sort key equals `value`: on a multi-attribute sort key, a tuple with a
    /// value for each attribute left.
    pub fn sort_eq(self, value: impl AsKey<S::Remaining>) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
    {
        let step = value.to_values().map(|mut values| {
            let last = values.pop().map(SortCondition::Eq);
            (values, last)
        });
        self.sorted(step)
    }

    /// Items whose (next) sort attribute is less than `value`.
    pub fn sort_lt(self, value: impl AsValue<NextSortKey<T, S>>) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
    {
        self.sorted(
            value
                .to_value()
                .map(|v| (Vec::new(), Some(SortCondition::Lt(v)))),
        )
    }

    /// Items whose (next) sort attribute is at most `value`.
    pub fn sort_le(self, value: impl AsValue<NextSortKey<T, S>>) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
    {
        self.sorted(
            value
                .to_value()
                .map(|v| (Vec::new(), Some(SortCondition::Le(v)))),
        )
    }

    /// Items whose (next) sort attribute is greater than `value`.
    pub fn sort_gt(self, value: impl AsValue<NextSortKey<T, S>>) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
    {
        self.sorted(
            value
                .to_value()
                .map(|v| (Vec::new(), Some(SortCondition::Gt(v)))),
        )
    }

    /// Items whose (next) sort attribute is at least `value`.
    pub fn sort_ge(self, value: impl AsValue<NextSortKey<T, S>>) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
    {
        self.sorted(
            value
                .to_value()
                .map(|v| (Vec::new(), Some(SortCondition::Ge(v)))),
        )
    }

    /// Items whose (next) sort attribute is between `low` and `high`, both included.
    pub fn sort_between(
        self,
        low: impl AsValue<NextSortKey<T, S>>,
        high: impl AsValue<NextSortKey<T, S>>,
    ) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
    {
        let step = low.to_value().and_then(|low| {
            let high = high.to_value()?;
            Ok((Vec::new(), Some(SortCondition::Between(low, high))))
        });
        self.sorted(step)
    }

    /// Items whose (next) sort attribute starts with `prefix` (string and binary sort keys
    /// only).
    pub fn sort_begins_with(
        self,
        prefix: impl AsValue<NextSortKey<T, S>>,
    ) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
        NextSortKey<T, S>: BeginsWith,
    {
        let step = prefix
            .to_value()
            .map(|v| (Vec::new(), Some(SortCondition::BeginsWith(v))));
        self.sorted(step)
    }

    /// Fixes the next attribute of a multi-attribute sort key to `value`; the attribute
    /// after it takes the next condition (or none). Not available on the last attribute:
    /// use [`sort_eq`](Self::sort_eq) there.
    pub fn sort_prefix_eq(
        self,
        value: impl AsValue<NextSortKey<T, S>>,
    ) -> Query<'a, B, T, Prefixed<<S::Remaining as SortKeyParts>::Rest>>
    where
        S::Remaining: SortKeyParts,
        <S::Remaining as SortKeyParts>::Rest: SortKeyParts,
    {
        self.sorted(value.to_value().map(|v| (vec![v], None)))
    }

    /// Items whose sort key matches a typed prefix or range of the table's sort key
    /// template, such as `Post::sort_prefix().posted_at_in(a..=b)` (see
    /// [`key_template`](crate::key_template)).
    pub fn sort_within<M>(self, matching: M) -> Query<'a, B, T, Sorted>
    where
        S::Remaining: SortKeyParts,
        M: SortKeyMatch<Key = NextSortKey<T, S>>,
    {
        self.sort_condition(matching.sort_condition())
    }

    /// Moves to [`Sorted`] with `condition` on the next sort attribute.
    pub(super) fn sort_condition(
        self,
        condition: Result<SortCondition>,
    ) -> Query<'a, B, T, Sorted> {
        self.sorted(condition.map(|condition| (Vec::new(), Some(condition))))
    }
}

impl<'a, B: Backend, T: Source, S> Query<'a, B, T, S> {
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

    /// Read with strong consistency (tables and local secondary indexes only: DynamoDB
    /// reads global secondary indexes eventually consistently).
    pub fn consistent_read(mut self, consistent: bool) -> Self
    where
        T: ConsistentReads,
    {
        self.consistent_read = consistent;
        self
    }

    /// Keep only the items that match `filter` (DynamoDB's `FilterExpression`: applied after
    /// the items are read, so `Limit` and read capacity count the items before filtering).
    ///
    /// Calling it again replaces the filter; combine conditions with `and`/`or` instead.
    pub fn filter(
        mut self,
        filter: impl FnOnce(<T::Table as Document>::Paths<T::Table>) -> Condition<T::Table>,
    ) -> Self {
        self.filter = Some(filter(T::Table::paths()).into_node());
        self
    }

    /// Continue after the `last_evaluated_key` of an earlier page.
    pub fn start_after(mut self, last_evaluated_key: Item) -> Self {
        self.start = Some(last_evaluated_key);
        self
    }

    /// Continue after a [`Page::cursor`] token that this same query (same table, index,
    /// key condition and direction) issued under `key`. The token is verified when the
    /// query is sent; an altered, truncated, foreign or other-query token fails with an
    /// error for which [`Error::is_invalid_cursor`] holds. Replaces `start_after`.
    pub fn after_cursor(mut self, key: &CursorKey, cursor: &str) -> Self {
        self.cursor = Some(PendingCursor {
            key: key.clone(),
            token: cursor.to_owned(),
        });
        self
    }

    /// The request and the scope its pages' cursors are bound to, with any cursor given to
    /// [`after_cursor`](Self::after_cursor) verified and applied.
    fn prepare(&mut self) -> Result<(QueryInput, CursorScope)> {
        let scope = match &self.partition {
            Ok(partition) => Some(CursorScope::query(
                T::Table::TABLE_NAME,
                T::INDEX_NAME,
                &scope_partition(partition, &self.sort_prefix),
                self.sort.as_ref(),
                self.descending,
            )?),
            // `input` reports the conversion error.
            Err(_) => None,
        };
        let mut input = self.input()?;
        let scope = scope.ok_or_else(|| Error::configuration("query without a partition key"))?;
        if let Some(cursor) = self.cursor.take() {
            input.exclusive_start_key = Some(scope.decode(&cursor.key, &cursor.token)?);
        }
        Ok((input, scope))
    }

    fn input(&mut self) -> Result<QueryInput> {
        if let Some(error) = self.pending.take() {
            return Err(error);
        }
        let partition = std::mem::replace(&mut self.partition, Ok(Vec::new())).map_err(|e| {
            e.in_attribute(T::PARTITION_ATTRIBUTES.first().copied().unwrap_or_default())
        })?;
        let mut renderer = Renderer::new();
        let expression = key_condition::<T>(
            &mut renderer,
            &partition,
            &self.sort_prefix,
            self.sort.as_ref(),
        )?;
        let filter_expression = match self.filter.take() {
            Some(filter) => Some(renderer.condition(&filter?)?),
            None => None,
        };
        let projection_expression = self
            .projection
            .as_deref()
            .map(|paths| renderer.projection(paths));
        Ok(QueryInput {
            table_name: T::Table::TABLE_NAME.to_owned(),
            index_name: T::INDEX_NAME.map(str::to_owned),
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
    pub async fn send(self) -> Result<Page<T::Item>> {
        self.send_with(T::decode).await
    }

    /// Follows every page and returns all matching items.
    pub async fn all(self) -> Result<Vec<T::Item>> {
        self.stream().try_collect().await
    }

    /// The pages, lazily: each request is sent when the consumer asks for the next page,
    /// following `LastEvaluatedKey` (with `limit`, each page evaluates at most that many
    /// items). The stream ends after the last page, or after the first error.
    pub fn pages(self) -> BoxStream<'a, Result<Page<T::Item>>> {
        self.pages_with(T::decode)
    }

    /// The matching items of every page, lazily, in sort-key order (see
    /// [`pages`](Self::pages)).
    ///
    /// ```
    /// use futures::TryStreamExt;
    /// # use dynamodel::{Backend, Client, Result, Table};
    /// # #[derive(Table)] #[dynamodel(table = "orders")]
    /// # struct Order { #[dynamodel(partition_key)] customer: String, #[dynamodel(sort_key)] seq: u32, total: i64 }
    /// /// The first order of a customer above `threshold`, reading no more pages than needed.
    /// async fn first_big<B: Backend>(db: &Client<B>, threshold: i64) -> Result<Option<Order>> {
    ///     let mut orders = db.query::<Order>("customer-1").stream();
    ///     while let Some(order) = orders.try_next().await? {
    ///         if order.total > threshold {
    ///             return Ok(Some(order));
    ///         }
    ///     }
    ///     Ok(None)
    /// }
    /// ```
    pub fn stream(self) -> BoxStream<'a, Result<T::Item>> {
        stream::items(self.pages())
    }

    /// Reads only the attributes of projection `P` (a `ProjectionExpression`).
    ///
    /// On an index with a `KEYS_ONLY` or `INCLUDE` projection, `P` may read only the
    /// fields the index projects; another fails to build, naming the field and the index.
    pub fn project<P: Projection<Table = T::Table>>(mut self) -> ProjectedQuery<'a, B, T, S, P> {
        let () = ProjectionCheck::<T, P>::VALID;
        self.projection = Some(P::projected_paths());
        ProjectedQuery {
            query: self,
            projection: PhantomData,
        }
    }

    async fn send_with<O>(mut self, decode: fn(Item) -> Result<O>) -> Result<Page<O>> {
        let (input, scope) = self.prepare()?;
        let output = self.client.backend.query(input).await?;
        stream::RawPage::from(output).decode(decode, Some(scope))
    }

    fn pages_with<O: Send + 'a>(
        mut self,
        decode: fn(Item) -> Result<O>,
    ) -> BoxStream<'a, Result<Page<O>>> {
        let client = self.client;
        stream::pages(self.prepare(), decode, move |input| {
            client.backend.query(input)
        })
    }

    /// Counts the matching items across every page (`Select = COUNT`; no items are read
    /// into memory).
    pub async fn count(mut self) -> Result<u64> {
        let client = self.client;
        let input = self.prepare().map(|(mut input, _)| {
            input.select = Some(Select::Count);
            input
        });
        stream::total_count(stream::raw_pages(input, move |input| {
            client.backend.query(input)
        }))
        .await
    }
}

impl<'a, B: Backend, T: Source, S: 'a> IntoFuture for Query<'a, B, T, S> {
    type Output = Result<Page<T::Item>>;
    type IntoFuture = BoxFuture<'a, Result<Page<T::Item>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A Query that reads projection `P` instead of whole items. Built by [`Query::project`].
#[must_use = "a request does nothing until it is awaited"]
pub struct ProjectedQuery<'a, B, T: Source, S, P> {
    query: Query<'a, B, T, S>,
    projection: PhantomData<fn() -> P>,
}

impl<'a, B: Backend, T: Source, S, P: Projection<Table = T::Table>> ProjectedQuery<'a, B, T, S, P> {
    /// Sends one request and returns one page of projections.
    pub async fn send(self) -> Result<Page<P>> {
        self.query.send_with(P::from_item).await
    }

    /// Follows every page and returns all projections.
    pub async fn all(self) -> Result<Vec<P>>
    where
        P: Send + 'a,
    {
        self.stream().try_collect().await
    }

    /// The pages of projections, lazily (see [`Query::pages`]).
    pub fn pages(self) -> BoxStream<'a, Result<Page<P>>>
    where
        P: Send + 'a,
    {
        self.query.pages_with(P::from_item)
    }

    /// The projections of every page, lazily (see [`Query::pages`]).
    pub fn stream(self) -> BoxStream<'a, Result<P>>
    where
        P: Send + 'a,
    {
        stream::items(self.pages())
    }

    /// Continue after a [`Page::cursor`] token (see [`Query::after_cursor`]).
    pub fn after_cursor(mut self, key: &CursorKey, cursor: &str) -> Self {
        self.query = self.query.after_cursor(key, cursor);
        self
    }
}

impl<'a, B: Backend, T: Source, S: 'a, P: Projection<Table = T::Table> + Send + 'a> IntoFuture
    for ProjectedQuery<'a, B, T, S, P>
{
    type Output = Result<Page<P>>;
    type IntoFuture = BoxFuture<'a, Result<Page<P>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The key values a page's cursor is bound to: the partition value, or for a
/// multi-attribute partition key or a fixed sort prefix, the list of all of them.
fn scope_partition(partition: &[AttributeValue], sort_prefix: &[AttributeValue]) -> AttributeValue {
    match (partition, sort_prefix) {
        ([single], []) => single.clone(),
        _ => AttributeValue::L(partition.iter().chain(sort_prefix).cloned().collect()),
    }
}

/// Renders the `KeyConditionExpression` of a query of `T`: `=` on every partition
/// attribute, `=` on each sort attribute of the prefix, then the condition on the next sort
/// attribute, joined with `AND`.
fn key_condition<T: Source>(
    renderer: &mut Renderer,
    partition: &[AttributeValue],
    sort_prefix: &[AttributeValue],
    sort: Option<&SortCondition>,
) -> Result<String> {
    let sort_attributes = T::SORT_ATTRIBUTES;
    let sort_used = sort_prefix.len() + usize::from(sort.is_some());
    if partition.len() != T::PARTITION_ATTRIBUTES.len() || sort_used > sort_attributes.len() {
        return Err(Error::configuration(format!(
            "the key condition has {} partition and {sort_used} sort values for a key of {} partition and {} sort attributes",
            partition.len(),
            T::PARTITION_ATTRIBUTES.len(),
            sort_attributes.len(),
        )));
    }
    let path = |name: &'static str| Operand::Path(RawPath::attribute(name));
    let equal = |name: &'static str, value: &AttributeValue| {
        ConditionNode::Compare(path(name), Comparator::Eq, Operand::Value(value.clone()))
    };
    let mut nodes: Vec<ConditionNode> = T::PARTITION_ATTRIBUTES
        .iter()
        .zip(partition)
        .chain(sort_attributes.iter().zip(sort_prefix))
        .map(|(name, value)| equal(name, value))
        .collect();
    if let (Some(condition), Some(&name)) = (sort, sort_attributes.get(sort_prefix.len())) {
        let compare = |comparator, value: &AttributeValue| {
            ConditionNode::Compare(path(name), comparator, Operand::Value(value.clone()))
        };
        nodes.push(match condition {
            SortCondition::Eq(v) => compare(Comparator::Eq, v),
            SortCondition::Lt(v) => compare(Comparator::Lt, v),
            SortCondition::Le(v) => compare(Comparator::Le, v),
            SortCondition::Gt(v) => compare(Comparator::Gt, v),
            SortCondition::Ge(v) => compare(Comparator::Ge, v),
            SortCondition::Between(low, high) => ConditionNode::Between(
                path(name),
                Operand::Value(low.clone()),
                Operand::Value(high.clone()),
            ),
            SortCondition::BeginsWith(prefix) => {
                ConditionNode::BeginsWith(RawPath::attribute(name), prefix.clone())
            }
        });
    }
    let mut expression = String::new();
    for node in &nodes {
        if !expression.is_empty() {
            expression.push_str(" AND ");
        }
        expression.push_str(&renderer.condition(node)?);
    }
    Ok(expression)
}
