//! `UpdateItem`: changes an item, or creates it, under the table's write lock.
//!
//! Order of checks: parameter constraints; `ReturnValues`; mixed legacy and expression
//! parameters; the placeholder maps; the key's values; the update (`UpdateExpression` or
//! `AttributeUpdates`), then the condition (`ConditionExpression` or `Expected`); unused
//! placeholders; the table; the key against the schema; updates of key attributes. Then, under
//! the lock: the condition against the stored item, the update, the size of the result.
//!
//! A missing item is created (key attributes plus the update) unless the update only removes
//! (`REMOVE`, `DELETE`); an empty update creates it with its key alone. `UPDATED_OLD` returns
//! the updated paths of the old item and `UPDATED_NEW` the written (not removed) paths of the
//! new one, nested as in the item; `Attributes` is absent when that leaves nothing.

use dynamodel::Error;
use dynamodel::Item;
use dynamodel::model::{AttributeAction, ReturnValue, UpdateItemInput, UpdateItemOutput};

use super::key_paths::NestedHeads;
use super::write_condition::{self, ConditionParams};
use crate::capacity::{self, Consumed};
use crate::engine::Shared;
use crate::expr::update::{Dialect, Plan, apply, legacy};
use crate::expr::{Placeholders, Projection, Uses, check};
use crate::messages::{Layer, Violations, update as msg};
use crate::size::{MAX_ITEM_BYTES, item_size};
use crate::storage::StoredItem;
use crate::storage::index::KeyWrite;
use crate::validate::{key, value};

pub(crate) fn run(shared: &Shared, input: UpdateItemInput) -> Result<UpdateItemOutput, Error> {
    check_constraints(&input)?;
    let params = ConditionParams {
        expression: input.condition_expression.as_deref(),
        expected: input.expected.as_ref(),
        operator: input.conditional_operator.as_ref(),
    };
    params.reject_mixed(
        &[(input.attribute_updates.is_some(), "AttributeUpdates")],
        &[(input.update_expression.is_some(), "UpdateExpression")],
    )?;
    let any_expression = input.update_expression.is_some() || params.expression.is_some();
    let uses = Uses {
        any_expression,
        value_expression: any_expression,
    };
    let mut placeholders = Placeholders::new(
        input.expression_attribute_names.as_ref(),
        input.expression_attribute_values.as_ref(),
        uses,
        Layer::Enveloped,
    )?;
    value::check_item(&input.key, Layer::Enveloped)?;
    let plan = plan(shared, &input, &mut placeholders)?;
    let condition = write_condition::prepare(shared, params, &mut placeholders)?;
    placeholders.finish()?;
    let table = super::item_table(shared, &input.table_name)?;
    let schema = &table.definition.key_schema;
    let storage_key = key::key_map(schema, &input.key)?;
    if let Some(action) = plan.actions.iter().find(|a| schema.is_key(a.path().head())) {
        return Err(msg::key_attribute(action.path().head()));
    }
    NestedHeads::new()
        .update_operands(&plan)
        .update_targets(&plan)
        .condition(condition.as_ref())
        .reject_keys(&table)?;
    let (old, new, consumed, metrics) = {
        let mut data = table.data.write();
        let old = data
            .items
            .get(&storage_key)
            .map(StoredItem::item)
            .transpose()?;
        write_condition::enforce(
            condition.as_ref(),
            old.as_ref(),
            input.return_values_on_condition_check_failure.as_ref(),
        )?;
        let (old, new, consumed) = if old.is_none() && plan.only_removes() {
            (None, None, Consumed::from(capacity::write_units(0)))
        } else {
            // The update is applied to the decoded old item itself; a copy is kept only when
            // the response returns the old image.
            let (returns_old, returns_new) = return_images(input.return_values.as_ref());
            let kept = if returns_old { old.clone() } else { None };
            let item = apply::apply(&plan, old, &input.key)?;
            let size = item_size(&item);
            if size > MAX_ITEM_BYTES {
                return Err(msg::item_too_large());
            }
            data.check_index_keys_of(&item, KeyWrite::Update)?;
            let stored = StoredItem::new(&item, size);
            let written = data.write_checked(storage_key.clone(), Some(stored))?;
            let units = capacity::write_units(size.max(written.old.as_ref().map_or(0, |o| o.size)));
            let consumed = Consumed::write(units, &data.indexes, &written.entries);
            (kept, returns_new.then_some(item), consumed)
        };
        let metrics = data.requested_metrics(
            input.return_item_collection_metrics.as_ref(),
            &schema.hash,
            &storage_key,
        );
        (old, new, consumed, metrics)
    };
    let attributes = returned(input.return_values.as_ref(), &plan, old, new);
    Ok(UpdateItemOutput {
        attributes,
        consumed_capacity: capacity::report(
            input.return_consumed_capacity.as_ref(),
            &input.table_name,
            consumed,
        ),
        item_collection_metrics: metrics,
    })
}

/// The update as a plan: from the expression, the legacy map, or nothing at all.
fn plan<'a>(
    shared: &Shared,
    input: &'a UpdateItemInput,
    placeholders: &mut Placeholders<'a>,
) -> Result<Plan<'a>, Error> {
    if let Some(source) = input.update_expression.as_deref() {
        return expression_plan(shared, source, placeholders);
    }
    match &input.attribute_updates {
        Some(updates) => legacy::plan(updates, Layer::Enveloped),
        None => Ok(Plan {
            actions: Vec::new(),
            dialect: Dialect::Expression,
        }),
    }
}

/// The checked plan of an `UpdateExpression`.
pub(super) fn expression_plan<'a>(
    shared: &Shared,
    source: &'a str,
    placeholders: &mut Placeholders<'a>,
) -> Result<Plan<'a>, Error> {
    super::expression("UpdateExpression", source, placeholders.layer(), || {
        let parsed = shared.expressions.update(source);
        let update = parsed.as_ref().as_ref().map_err(|e| e.detail.clone())?;
        check::update(update, placeholders)
    })
}

/// Whether a response in `mode` returns (part of) the old item, and the new one.
fn return_images(mode: Option<&ReturnValue>) -> (bool, bool) {
    match mode {
        Some(ReturnValue::AllOld | ReturnValue::UpdatedOld) => (true, false),
        Some(ReturnValue::AllNew | ReturnValue::UpdatedNew) => (false, true),
        _ => (false, false),
    }
}

/// The `Attributes` of the response.
fn returned(
    mode: Option<&ReturnValue>,
    plan: &Plan<'_>,
    old: Option<Item>,
    new: Option<Item>,
) -> Option<Item> {
    let project = |item: Option<Item>, writes_only: bool| {
        let paths = plan
            .actions
            .iter()
            .filter(|a| !writes_only || a.writes())
            .map(|a| a.path());
        let projected = Projection::of_clash_free(paths).apply(&item?);
        (!projected.is_empty()).then_some(projected)
    };
    match mode {
        Some(ReturnValue::AllOld) => old,
        Some(ReturnValue::AllNew) => new,
        Some(ReturnValue::UpdatedOld) => project(old, false),
        Some(ReturnValue::UpdatedNew) => project(new, true),
        _ => None,
    }
}

fn check_constraints(input: &UpdateItemInput) -> Result<(), Error> {
    let mut violations = Violations::new();
    write_condition::WriteMembers {
        table_name: &input.table_name,
        return_values: input.return_values.as_ref(),
        return_consumed_capacity: input.return_consumed_capacity.as_ref(),
        return_item_collection_metrics: input.return_item_collection_metrics.as_ref(),
        on_failure: input.return_values_on_condition_check_failure.as_ref(),
        conditional_operator: input.conditional_operator.as_ref(),
        expected: input.expected.as_ref(),
    }
    .check(&mut violations);
    for (name, update) in input.attribute_updates.iter().flatten() {
        if let Some(AttributeAction::Unknown(other)) = &update.action {
            let member = format!("attributeUpdates.{name}.member.action");
            violations.enum_value(other, &member, &msg::ACTIONS);
        }
    }
    violations.finish()
}
