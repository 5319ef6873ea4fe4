//! The port between the typed client and whatever executes DynamoDB operations.

use std::future::Future;
use std::sync::Arc;

use crate::error::Result;
use crate::model::{
    BatchGetItemInput, BatchGetItemOutput, BatchWriteItemInput, BatchWriteItemOutput,
    CreateTableInput, CreateTableOutput, DeleteItemInput, DeleteItemOutput, DeleteTableInput,
    DeleteTableOutput, DescribeTableInput, DescribeTableOutput, DescribeTimeToLiveInput,
    DescribeTimeToLiveOutput, GetItemInput, GetItemOutput, ListTablesInput, ListTablesOutput,
    ListTagsOfResourceInput, ListTagsOfResourceOutput, PutItemInput, PutItemOutput, QueryInput,
    QueryOutput, ScanInput, ScanOutput, TagResourceInput, TagResourceOutput, TransactGetItemsInput,
    TransactGetItemsOutput, TransactWriteItemsInput, TransactWriteItemsOutput, UntagResourceInput,
    UntagResourceOutput, UpdateItemInput, UpdateItemOutput, UpdateTableInput, UpdateTableOutput,
    UpdateTimeToLiveInput, UpdateTimeToLiveOutput,
};

/// Something that executes DynamoDB operations: the in-process engine
/// (`dynamodel_local::Engine`) or real DynamoDB.
///
/// One method per DynamoDB operation, taking and returning the [`model`](crate::model)
/// types. Implementations return DynamoDB's errors as [`Error`](crate::Error)s with the
/// matching [`ErrorKind`](crate::ErrorKind) and DynamoDB's message.
pub trait Backend: Send + Sync + 'static {
    /// `CreateTable`.
    fn create_table(
        &self,
        input: CreateTableInput,
    ) -> impl Future<Output = Result<CreateTableOutput>> + Send;

    /// `DeleteTable`.
    fn delete_table(
        &self,
        input: DeleteTableInput,
    ) -> impl Future<Output = Result<DeleteTableOutput>> + Send;

    /// `DescribeTable`.
    fn describe_table(
        &self,
        input: DescribeTableInput,
    ) -> impl Future<Output = Result<DescribeTableOutput>> + Send;

    /// `UpdateTable`.
    fn update_table(
        &self,
        input: UpdateTableInput,
    ) -> impl Future<Output = Result<UpdateTableOutput>> + Send;

    /// `ListTables`.
    fn list_tables(
        &self,
        input: ListTablesInput,
    ) -> impl Future<Output = Result<ListTablesOutput>> + Send;

    /// `PutItem`.
    fn put_item(&self, input: PutItemInput) -> impl Future<Output = Result<PutItemOutput>> + Send;

    /// `GetItem`.
    fn get_item(&self, input: GetItemInput) -> impl Future<Output = Result<GetItemOutput>> + Send;

    /// `DeleteItem`.
    fn delete_item(
        &self,
        input: DeleteItemInput,
    ) -> impl Future<Output = Result<DeleteItemOutput>> + Send;

    /// `UpdateItem`.
    fn update_item(
        &self,
        input: UpdateItemInput,
    ) -> impl Future<Output = Result<UpdateItemOutput>> + Send;

    /// `Query`.
    fn query(&self, input: QueryInput) -> impl Future<Output = Result<QueryOutput>> + Send;

    /// `Scan`.
    fn scan(&self, input: ScanInput) -> impl Future<Output = Result<ScanOutput>> + Send;

    /// `TransactWriteItems`.
    fn transact_write_items(
        &self,
        input: TransactWriteItemsInput,
    ) -> impl Future<Output = Result<TransactWriteItemsOutput>> + Send;

    /// `TransactGetItems`.
    fn transact_get_items(
        &self,
        input: TransactGetItemsInput,
    ) -> impl Future<Output = Result<TransactGetItemsOutput>> + Send;

    /// `BatchWriteItem`.
    fn batch_write_item(
        &self,
        input: BatchWriteItemInput,
    ) -> impl Future<Output = Result<BatchWriteItemOutput>> + Send;

    /// `BatchGetItem`.
    fn batch_get_item(
        &self,
        input: BatchGetItemInput,
    ) -> impl Future<Output = Result<BatchGetItemOutput>> + Send;

    /// `UpdateTimeToLive`.
    fn update_time_to_live(
        &self,
        input: UpdateTimeToLiveInput,
    ) -> impl Future<Output = Result<UpdateTimeToLiveOutput>> + Send;

    /// `DescribeTimeToLive`.
    fn describe_time_to_live(
        &self,
        input: DescribeTimeToLiveInput,
    ) -> impl Future<Output = Result<DescribeTimeToLiveOutput>> + Send;

    /// `TagResource`.
    fn tag_resource(
        &self,
        input: TagResourceInput,
    ) -> impl Future<Output = Result<TagResourceOutput>> + Send;

    /// `UntagResource`.
    fn untag_resource(
        &self,
        input: UntagResourceInput,
    ) -> impl Future<Output = Result<UntagResourceOutput>> + Send;

    /// `ListTagsOfResource`.
    fn list_tags_of_resource(
        &self,
        input: ListTagsOfResourceInput,
    ) -> impl Future<Output = Result<ListTagsOfResourceOutput>> + Send;
}

macro_rules! forward {
    ($($method:ident($input:ty) -> $output:ty;)+) => {
        $(
            fn $method(&self, input: $input) -> impl Future<Output = Result<$output>> + Send {
                (**self).$method(input)
            }
        )+
    };
}

impl<B: Backend + ?Sized> Backend for Arc<B>
where
    Arc<B>: Send + Sync,
{
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
        transact_write_items(TransactWriteItemsInput) -> TransactWriteItemsOutput;
        transact_get_items(TransactGetItemsInput) -> TransactGetItemsOutput;
        batch_write_item(BatchWriteItemInput) -> BatchWriteItemOutput;
        batch_get_item(BatchGetItemInput) -> BatchGetItemOutput;
        update_time_to_live(UpdateTimeToLiveInput) -> UpdateTimeToLiveOutput;
        describe_time_to_live(DescribeTimeToLiveInput) -> DescribeTimeToLiveOutput;
        tag_resource(TagResourceInput) -> TagResourceOutput;
        untag_resource(UntagResourceInput) -> UntagResourceOutput;
        list_tags_of_resource(ListTagsOfResourceInput) -> ListTagsOfResourceOutput;
    }
}
