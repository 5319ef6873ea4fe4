//! Table management from the model.

use super::Client;
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::model::{
    DeleteTableInput, DescribeTableInput, ListTablesInput, TableDescription,
    TimeToLiveSpecification, UpdateTimeToLiveInput,
};
use crate::schema::TableSchema;
use crate::table::Table;

impl<B: Backend> Client<B> {
    /// Creates `T`'s table from its schema and returns its description.
    ///
    /// The table's secondary indexes, stream and tags are part of the CreateTable request.
    /// When the schema names a time-to-live attribute, time to live is enabled right after,
    /// which DynamoDB accepts only once the table is `ACTIVE`: the in-process engine makes a
    /// new table active at once, DynamoDB takes a few seconds (wait for it, or enable time to
    /// live with the migration tool).
    pub async fn create_table<T: Table>(&self) -> Result<TableDescription> {
        self.create_table_from(&T::schema()).await
    }

    /// Creates a table from a schema value, as [`Client::create_table`] does from a model.
    ///
    /// In single-table design several models share one table and each declares the indexes
    /// it reads; create the table from their combined schema:
    ///
    /// ```no_run
    /// # use dynamodel::{Backend, Client, Table, TableSchema};
    /// # async fn run<B: Backend, User: Table, Post: Table>(db: &Client<B>) -> dynamodel::Result<()> {
    /// let schema = TableSchema::merged([User::schema(), Post::schema()])
    ///     .map_err(|conflict| dynamodel::Error::configuration(conflict.to_string()))?;
    /// db.create_table_from(&schema).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_table_from(&self, schema: &TableSchema) -> Result<TableDescription> {
        let output = self
            .backend
            .create_table(schema.create_table_input())
            .await?;
        if let Some(attribute_name) = &schema.time_to_live {
            let input = UpdateTimeToLiveInput {
                table_name: schema.table_name.clone(),
                time_to_live_specification: TimeToLiveSpecification {
                    enabled: true,
                    attribute_name: attribute_name.clone(),
                },
            };
            self.backend.update_time_to_live(input).await?;
        }
        Ok(output.table_description.unwrap_or_default())
    }

    /// Creates `T`'s table unless a table of that name exists; returns whether it created it.
    pub async fn ensure_table<T: Table>(&self) -> Result<bool> {
        match self.create_table::<T>().await {
            Ok(_) => Ok(true),
            Err(error) if error.is_resource_in_use() => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Deletes `T`'s table and everything in it.
    pub async fn delete_table<T: Table>(&self) -> Result<TableDescription> {
        let input = DeleteTableInput {
            table_name: T::TABLE_NAME.to_owned(),
        };
        let output = self.backend.delete_table(input).await?;
        Ok(output.table_description.unwrap_or_default())
    }

    /// Describes `T`'s table.
    pub async fn describe_table<T: Table>(&self) -> Result<TableDescription> {
        let input = DescribeTableInput {
            table_name: T::TABLE_NAME.to_owned(),
        };
        let output = self.backend.describe_table(input).await?;
        Ok(output.table.unwrap_or_default())
    }

    /// The names of all tables, in ascending order (follows every page).
    pub async fn list_tables(&self) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let mut start = None;
        loop {
            let input = ListTablesInput {
                exclusive_start_table_name: start.clone(),
                limit: None,
            };
            let output = self.backend.list_tables(input).await?;
            names.extend(output.table_names);
            match output.last_evaluated_table_name {
                // A backend that repeats its cursor would loop forever; stop instead.
                Some(last) if start.as_deref() == Some(last.as_str()) => {
                    return Err(Error::configuration(format!(
                        "ListTables returned the start table name `{last}` as its cursor again"
                    )));
                }
                Some(last) => start = Some(last),
                None => return Ok(names),
            }
        }
    }
}
