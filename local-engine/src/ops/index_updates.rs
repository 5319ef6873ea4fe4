//! The `GlobalSecondaryIndexUpdates` of UpdateTable: create (with backfill), update
//! throughput, delete.
//!
//! Backfill model: a created index is filled at once, under the table's write lock, from every
//! item whose index key attributes are present and valid (items with a wrong-typed or invalid
//! key value are skipped, as DynamoDB's backfill skips them). It then reports `CREATING` with
//! `Backfilling: true`, and refuses Query and Scan, until the engine clock has moved
//! [`BACKFILL_TIME`] past its creation (wait, or call `Engine::advance_clock`); from then on it
//! is `ACTIVE`. Writes during that time maintain it like any other index.

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime};

use dynamodel::Error;
use dynamodel::model::{
    AttributeDefinition, BillingMode, CreateGlobalSecondaryIndexAction, GlobalSecondaryIndexUpdate,
    UpdateTableInput,
};

use super::index_definitions::{self, Context, Requested};
use crate::messages::{Violations, index as msg, table_update};
use crate::storage::index::{Index, IndexScope, IndexState};
use crate::storage::{Table, TableData, TableSettings};

/// How long a created index stays `CREATING` on the engine clock.
pub(crate) const BACKFILL_TIME: Duration = Duration::from_secs(1);

/// Parameter constraints of the index updates.
pub(crate) fn check_constraints(
    violations: &mut Violations,
    updates: &[GlobalSecondaryIndexUpdate],
) {
    for (i, update) in updates.iter().enumerate() {
        let member = format!("globalSecondaryIndexUpdates.{}.member", i + 1);
        if let Some(create) = &update.create {
            crate::validate::table_name(
                violations,
                &create.index_name,
                &format!("{member}.create.indexName"),
                crate::validate::CREATE_MIN_NAME,
            );
            if let Some(throughput) = &create.provisioned_throughput {
                super::create_table::check_throughput(
                    violations,
                    throughput,
                    &format!("{member}.create.provisionedThroughput"),
                );
            }
        }
        if let Some(throughput) = update
            .update
            .as_ref()
            .and_then(|u| u.provisioned_throughput.as_ref())
        {
            super::create_table::check_throughput(
                violations,
                throughput,
                &format!("{member}.update.provisionedThroughput"),
            );
        }
    }
}

/// The name each update acts on, checking one action per entry and one entry per index.
fn names(updates: &[GlobalSecondaryIndexUpdate]) -> Result<Vec<&str>, Error> {
    let mut seen = BTreeSet::new();
    let mut names = Vec::with_capacity(updates.len());
    for update in updates {
        let actions = [
            update.create.as_ref().map(|c| c.index_name.as_str()),
            update.update.as_ref().map(|u| u.index_name.as_str()),
            update.delete.as_ref().map(|d| d.index_name.as_str()),
        ];
        let mut present = actions.into_iter().flatten();
        let name = present.next().ok_or_else(msg::no_action)?;
        if present.next().is_some() {
            return Err(msg::one_action_per_update());
        }
        if !seen.insert(name) {
            return Err(msg::one_update_per_index(name));
        }
        names.push(name);
    }
    Ok(names)
}

/// Applies `input`'s index updates to `data`, with the table's new `settings`. Everything is
/// checked before anything changes. Returns the index deleted, if any.
pub(crate) fn apply(
    table: &Table,
    data: &mut TableData,
    settings: &mut TableSettings,
    input: &UpdateTableInput,
    now: SystemTime,
) -> Result<Option<Index>, Error> {
    let updates = input
        .global_secondary_index_updates
        .as_deref()
        .unwrap_or_default();
    if input.global_secondary_index_updates.is_some() && updates.is_empty() {
        return Err(msg::empty_list("GlobalSecondaryIndexUpdates"));
    }
    let names = names(updates)?;
    let changes = updates
        .iter()
        .filter(|u| u.create.is_some() || u.delete.is_some())
        .count();
    let busy = data.indexes.iter().any(|i| !i.is_active(now));
    if changes > 1 || (changes == 1 && busy) {
        return Err(table_update::one_index_change_at_a_time());
    }
    let provisioned = settings.billing_mode == BillingMode::Provisioned;
    let mut throughputs = Vec::new();
    for (update, name) in updates.iter().zip(&names) {
        if update.create.is_some() {
            continue;
        }
        match data.index(name).map(|i| i.scope) {
            Some(IndexScope::Global) => {}
            Some(IndexScope::Local) if update.delete.is_some() => {
                return Err(msg::delete_not_global());
            }
            _ => return Err(msg::not_found(&table.definition.name, name)),
        }
        if let Some(throughput) = update
            .update
            .as_ref()
            .and_then(|u| u.provisioned_throughput.as_ref())
        {
            if !provisioned {
                return Err(msg::update_on_demand(name));
            }
            throughputs.push((*name, super::create_table::capacity(throughput)?));
        }
    }
    if provisioned {
        let uncovered = data.indexes.iter().find(|i| {
            i.scope == IndexScope::Global
                && i.throughput.is_none_or(|t| t == (0, 0))
                && !throughputs.iter().any(|(name, _)| *name == i.name)
                && !names.contains(&i.name.as_str())
        });
        if let Some(index) = uncovered {
            return Err(msg::throughput_required(&index.name));
        }
    }
    if let Some(create) = updates.iter().find_map(|u| u.create.as_ref()) {
        create_index(table, data, settings, input, create, now)?;
    }
    let mut deleted = None;
    if let Some(delete) = updates.iter().find_map(|u| u.delete.as_ref()) {
        if let Some(at) = data
            .indexes
            .iter()
            .position(|i| i.name == delete.index_name)
        {
            deleted = Some(data.indexes.remove(at));
        }
        drop_unused_definitions(table, data, settings);
    }
    for (name, capacity) in throughputs {
        if let Some(index) = data.indexes.iter_mut().find(|i| i.name == name) {
            index.throughput = Some(capacity);
        }
    }
    if !provisioned {
        for index in &mut data.indexes {
            if index.scope == IndexScope::Global {
                index.throughput = Some((0, 0));
            }
        }
    }
    Ok(deleted)
}

fn create_index(
    table: &Table,
    data: &mut TableData,
    settings: &mut TableSettings,
    input: &UpdateTableInput,
    create: &CreateGlobalSecondaryIndexAction,
    now: SystemTime,
) -> Result<(), Error> {
    if data.index(&create.index_name).is_some() {
        return Err(msg::already_exists(&create.index_name));
    }
    let requested = input
        .attribute_definitions
        .as_ref()
        .ok_or_else(|| msg::definitions_missing(&create.index_name))?;
    let redefined = requested.iter().any(|wanted| {
        settings.attribute_definitions.iter().any(|known| {
            known.attribute_name == wanted.attribute_name
                && known.attribute_type != wanted.attribute_type
        })
    });
    if redefined {
        return Err(msg::definition_redefined());
    }
    let definitions = merged_definitions(&settings.attribute_definitions, requested);
    if settings.billing_mode == BillingMode::Provisioned && create.provisioned_throughput.is_none()
    {
        return Err(msg::create_throughput_required(&create.index_name));
    }
    let context = Context {
        table_arn: &table.definition.arn,
        table_key: &table.definition.key_schema,
        definitions: &definitions,
        billing_mode: &settings.billing_mode,
    };
    let mut index = index_definitions::build(
        &context,
        &Requested {
            name: &create.index_name,
            scope: IndexScope::Global,
            key_schema: &create.key_schema,
            projection: &create.projection,
            throughput: create.provisioned_throughput.as_ref(),
        },
    )?;
    let mut all = data.indexes.clone();
    all.push(index.clone());
    index_definitions::check_all(&all)?;
    for (key, stored) in &data.items {
        let item = stored.item()?;
        if index.accepts(&item) {
            index.insert(key, &item);
        }
    }
    index.state = IndexState::Creating {
        until: now + BACKFILL_TIME,
    };
    let used: BTreeSet<&str> = index.key.attributes().map(|a| a.name.as_str()).collect();
    for definition in definitions {
        let known = settings
            .attribute_definitions
            .iter()
            .any(|d| d.attribute_name == definition.attribute_name);
        if !known && used.contains(definition.attribute_name.as_str()) {
            settings.attribute_definitions.push(definition);
        }
    }
    data.indexes.push(index);
    Ok(())
}

/// The table's definitions, then those of the request for attributes the table does not
/// define (a request's definition of an attribute the table has must repeat its type).
fn merged_definitions(
    current: &[AttributeDefinition],
    requested: &[AttributeDefinition],
) -> Vec<AttributeDefinition> {
    let mut merged = current.to_vec();
    for definition in requested {
        if !merged
            .iter()
            .any(|d| d.attribute_name == definition.attribute_name)
        {
            merged.push(definition.clone());
        }
    }
    merged
}

/// Drops the definitions of attributes no key uses any more (after an index is deleted).
fn drop_unused_definitions(table: &Table, data: &TableData, settings: &mut TableSettings) {
    let used = index_definitions::used_attributes(&table.definition.key_schema, &data.indexes);
    settings
        .attribute_definitions
        .retain(|d| used.contains(d.attribute_name.as_str()));
}
