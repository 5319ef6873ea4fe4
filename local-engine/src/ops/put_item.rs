//! `PutItem`: replaces the whole item, optionally under a condition; `ReturnValues` NONE or
//! ALL_OLD.

use dynamodel::Error;
use dynamodel::model::{PutItemInput, PutItemOutput, ReturnValue};

use super::key_paths::NestedHeads;
use super::write_condition::{self, ConditionParams};
use crate::capacity::{self, Consumed};
use crate::engine::Shared;
use crate::expr::{Placeholders, Uses};
use crate::messages::{self, Layer, Violations};
use crate::size::{MAX_ITEM_BYTES, item_size};
use crate::storage::StoredItem;
use crate::validate::{key, value};

pub(crate) fn run(shared: &Shared, input: PutItemInput) -> Result<PutItemOutput, Error> {
    check_constraints(&input)?;
    let return_old = match &input.return_values {
        None | Some(ReturnValue::None) => false,
        Some(ReturnValue::AllOld) => true,
        Some(_) => return Err(messages::return_values_put_delete()),
    };
    let params = ConditionParams {
        expression: input.condition_expression.as_deref(),
        expected: input.expected.as_ref(),
        operator: input.conditional_operator.as_ref(),
    };
    params.reject_mixed(&[], &[])?;
    let uses = Uses {
        any_expression: params.expression.is_some(),
        value_expression: params.expression.is_some(),
    };
    let mut placeholders = Placeholders::new(
        input.expression_attribute_names.as_ref(),
        input.expression_attribute_values.as_ref(),
        uses,
        Layer::Enveloped,
    )?;
    value::check_item(&input.item, Layer::Enveloped)?;
    let condition = write_condition::prepare(shared, params, &mut placeholders)?;
    placeholders.finish()?;
    let table = super::item_table(shared, &input.table_name)?;
    let storage_key = key::item_key(&table.definition.key_schema, &input.item)?;
    NestedHeads::new()
        .condition(condition.as_ref())
        .reject_keys(&table)?;
    let size = item_size(&input.item);
    if size > MAX_ITEM_BYTES {
        return Err(messages::item_too_large());
    }
    let (old, consumed, metrics) = {
        let mut data = table.data.write();
        data.check_index_keys(&input.item)?;
        // Decoded only for a condition to read.
        let old = condition
            .as_ref()
            .and_then(|_| data.items.get(&storage_key))
            .map(StoredItem::item)
            .transpose()?;
        write_condition::enforce(
            condition.as_ref(),
            old.as_ref(),
            input.return_values_on_condition_check_failure.as_ref(),
        )?;
        let stored = StoredItem::new(&input.item, size);
        let written = data.write_checked(storage_key.clone(), Some(stored))?;
        let units = capacity::write_units(size.max(written.old.as_ref().map_or(0, |o| o.size)));
        let consumed = Consumed::write(units, &data.indexes, &written.entries);
        let metrics = data.requested_metrics(
            input.return_item_collection_metrics.as_ref(),
            &table.definition.key_schema.hash,
            &storage_key,
        );
        (written.old, consumed, metrics)
    };
    Ok(PutItemOutput {
        attributes: old.filter(|_| return_old).map(|o| o.item()).transpose()?,
        consumed_capacity: capacity::report(
            input.return_consumed_capacity.as_ref(),
            &input.table_name,
            consumed,
        ),
        item_collection_metrics: metrics,
    })
}

fn check_constraints(input: &PutItemInput) -> Result<(), Error> {
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
    violations.finish()
}
