//! The port between the typed client and whatever executes DynamoDB operations.

use std::future::Future;
use std::sync::Arc;

use crate::error::Result;
use crate::model::{
    CreateTableInput, CreateTableOutput, DeleteItemInput, DeleteItemOutput, DeleteTableInput,
    DeleteTableOutput, DescribeTableInput, DescribeTableOutput, GetItemInput, GetItemOutput,
    ListTablesInput, ListTablesOutput, PutItemInput, PutItemOutput, QueryInput, QueryOutput,
    ScanInput, ScanOutput, UpdateItemInput, UpdateItemOutput,
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
        list_tables(ListTablesInput) -> ListTablesOutput;
        put_item(PutItemInput) -> PutItemOutput;
        get_item(GetItemInput) -> GetItemOutput;
        delete_item(DeleteItemInput) -> DeleteItemOutput;
        update_item(UpdateItemInput) -> UpdateItemOutput;
        query(QueryInput) -> QueryOutput;
        scan(ScanInput) -> ScanOutput;
    }
}
