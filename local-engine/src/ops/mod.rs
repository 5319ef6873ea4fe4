//! One module per DynamoDB operation. Each `run` validates in DynamoDB's order (parameter
//! constraints, then the table lookup, then checks that need the table), then applies the
//! operation under the table's lock.

pub(crate) mod batch_get_item;
pub(crate) mod batch_write_item;
pub(crate) mod create_table;
pub(crate) mod delete_item;
pub(crate) mod delete_table;
pub(crate) mod describe_table;
pub(crate) mod describe_time_to_live;
pub(crate) mod get_item;
pub(crate) mod list_tables;
pub(crate) mod list_tags_of_resource;
pub(crate) mod put_item;
pub(crate) mod query;
pub(crate) mod scan;
pub(crate) mod tag_resource;
pub(crate) mod transact_get_items;
pub(crate) mod transact_write_items;
pub(crate) mod untag_resource;
pub(crate) mod update_item;
pub(crate) mod update_table;
pub(crate) mod update_time_to_live;

mod index_definitions;
mod index_read;
mod index_selection;
pub(crate) mod index_updates;
mod key_paths;
mod key_range;
mod legacy_conditions;
mod page;
mod selection;
mod write_condition;

use std::sync::Arc;

use dynamodel::Error;

use crate::engine::Shared;
use crate::expr::parser::MAX_DEPTH;
use crate::expr::stack;
use crate::messages::{self, Layer, Violations, expression};
use crate::storage::Table;
use crate::validate;

/// The table an item operation, Query or Scan names (`Requested resource not found`).
fn item_table(shared: &Shared, name: &str) -> Result<Arc<Table>, Error> {
    shared
        .tables
        .get(name)
        .ok_or_else(messages::resource_not_found)
}

/// The table a tagging operation's `arn` (naming table `name`) points at.
fn tagged_table(shared: &Shared, name: &str, arn: &str) -> Result<Arc<Table>, Error> {
    shared
        .tables
        .get(name)
        .ok_or_else(|| messages::tags::table_not_found(arn))
}

/// The standard `TableName` constraint of every operation but CreateTable.
fn check_table_name(violations: &mut Violations, name: &str) {
    validate::table_name(violations, name, "tableName", validate::MIN_NAME);
}

/// Runs the checks of one expression (`work` returns the error detail) on a stack deep
/// enough for it, and wraps a failure as `Invalid <parameter>: <detail>` in `layer`.
fn expression<T: Send>(
    parameter: &str,
    source: &str,
    layer: Layer,
    work: impl FnOnce() -> Result<T, String> + Send,
) -> Result<T, Error> {
    stack::for_source(source, work)
        .unwrap_or_else(|| Err(expression::too_deep(MAX_DEPTH)))
        .map_err(|detail| messages::invalid_expression_in(layer, parameter, &detail))
}

/// Rejects a request that mixes legacy and expression parameters; each slice lists
/// `(present, name)` in DynamoDB's order.
fn reject_mixed(
    layer: Layer,
    legacy: &[(bool, &str)],
    expressions: &[(bool, &str)],
) -> Result<(), Error> {
    fn present<'n>(list: &[(bool, &'n str)]) -> Vec<&'n str> {
        list.iter()
            .filter(|(present, _)| *present)
            .map(|(_, name)| *name)
            .collect()
    }
    let (legacy, expressions) = (present(legacy), present(expressions));
    if legacy.is_empty() || expressions.is_empty() {
        return Ok(());
    }
    Err(messages::mixed_parameters(layer, &legacy, &expressions))
}
