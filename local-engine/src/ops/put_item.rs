//! `PutItem`: replaces the whole item; `ReturnValues` NONE or ALL_OLD.

use dynamodel::Error;
use dynamodel::model::{
    PutItemInput, PutItemOutput, ReturnValue, ReturnValuesOnConditionCheckFailure,
};

use crate::capacity::{self, Kind};
use crate::engine::Shared;
use crate::expr::{Placeholders, Uses};
use crate::messages::unsupported::{self, Feature};
use crate::messages::{self, Layer, Violations};
use crate::size::{MAX_ITEM_BYTES, item_size};
use crate::storage::StoredItem;
use crate::validate::{self, key, value};

pub(crate) fn run(shared: &Shared, input: PutItemInput) -> Result<PutItemOutput, Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    validate::return_values(&mut violations, input.return_values.as_ref());
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    validate::return_item_collection_metrics(
        &mut violations,
        input.return_item_collection_metrics.as_ref(),
    );
    if let Some(ReturnValuesOnConditionCheckFailure::Unknown(other)) =
        &input.return_values_on_condition_check_failure
    {
        let allowed = ReturnValuesOnConditionCheckFailure::VALUES;
        violations.enum_value(other, "returnValuesOnConditionCheckFailure", allowed);
    }
    violations.finish()?;
    let return_old = match &input.return_values {
        None | Some(ReturnValue::None) => false,
        Some(ReturnValue::AllOld) => true,
        Some(_) => return Err(messages::return_values_put_delete()),
    };
    unsupported::reject(&[
        (
            input.condition_expression.is_some(),
            Feature::ConditionExpression,
        ),
        (input.expected.is_some(), Feature::Expected),
        (
            input.conditional_operator.is_some(),
            Feature::ConditionalOperator,
        ),
    ])?;
    let uses = Uses {
        any_expression: false,
        value_expression: false,
    };
    Placeholders::new(
        input.expression_attribute_names.as_ref(),
        input.expression_attribute_values.as_ref(),
        uses,
        Layer::Enveloped,
    )?;
    value::check_item(&input.item, Layer::Enveloped)?;
    let table = super::item_table(shared, &input.table_name)?;
    let storage_key = key::item_key(&table.definition.key_schema, &input.item)?;
    let size = item_size(&input.item);
    if size > MAX_ITEM_BYTES {
        return Err(messages::item_too_large());
    }
    let old = table.data.write().put(
        storage_key,
        StoredItem {
            item: input.item,
            size,
        },
    );
    let units = capacity::write_units(size.max(old.as_ref().map_or(0, |o| o.size)));
    Ok(PutItemOutput {
        attributes: old.filter(|_| return_old).map(|o| o.item),
        consumed_capacity: capacity::report(
            input.return_consumed_capacity.as_ref(),
            &input.table_name,
            units,
            Kind::Write,
        ),
        item_collection_metrics: None,
    })
}
