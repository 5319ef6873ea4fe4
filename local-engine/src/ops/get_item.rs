//! `GetItem`: every read is consistent here; `ConsistentRead` only changes the capacity cost.

use dynamodel::Error;
use dynamodel::model::{GetItemInput, GetItemOutput};

use crate::capacity::{self, Kind};
use crate::engine::Shared;
use crate::expr::{Placeholders, Uses};
use crate::messages::unsupported::{self, Feature};
use crate::messages::{Layer, Violations};
use crate::validate::{self, key, value};

pub(crate) fn run(shared: &Shared, input: GetItemInput) -> Result<GetItemOutput, Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    violations.finish()?;
    unsupported::reject(&[
        (
            input.projection_expression.is_some(),
            Feature::ProjectionExpression,
        ),
        (input.attributes_to_get.is_some(), Feature::AttributesToGet),
    ])?;
    let uses = Uses {
        any_expression: false,
        value_expression: false,
    };
    Placeholders::new(
        input.expression_attribute_names.as_ref(),
        None,
        uses,
        Layer::Current,
    )?;
    value::check_item(&input.key, Layer::Current)?;
    let table = super::item_table(shared, &input.table_name)?;
    let storage_key = key::key_map(&table.definition.key_schema, &input.key)?;
    let found = table.data.read().items.get(&storage_key).cloned();
    let consistent = input.consistent_read.unwrap_or(false);
    let units = capacity::read_units(found.as_ref().map_or(0, |f| f.size), consistent);
    Ok(GetItemOutput {
        item: found.map(|f| f.item),
        consumed_capacity: capacity::report(
            input.return_consumed_capacity.as_ref(),
            &input.table_name,
            units,
            Kind::Read,
        ),
    })
}
