//! One module per DynamoDB operation. Each `run` validates in DynamoDB's order (parameter
//! constraints, then parameters this engine does not support, then the table lookup, then
//! checks that need the table), then applies the operation under the table's lock.

pub(crate) mod create_table;
pub(crate) mod delete_item;
pub(crate) mod delete_table;
pub(crate) mod describe_table;
pub(crate) mod get_item;
pub(crate) mod list_tables;
pub(crate) mod put_item;
pub(crate) mod query;
pub(crate) mod scan;

mod key_range;
mod legacy_conditions;
mod page;

use std::sync::Arc;

use dynamodel::Error;

use crate::engine::Shared;
use crate::messages::{self, Violations};
use crate::storage::Table;
use crate::validate;

/// The table an item operation, Query or Scan names (`Requested resource not found`).
fn item_table(shared: &Shared, name: &str) -> Result<Arc<Table>, Error> {
    shared
        .tables
        .get(name)
        .ok_or_else(messages::resource_not_found)
}

/// The standard `TableName` constraint of every operation but CreateTable.
fn check_table_name(violations: &mut Violations, name: &str) {
    validate::table_name(violations, name, "tableName", validate::MIN_NAME);
}
