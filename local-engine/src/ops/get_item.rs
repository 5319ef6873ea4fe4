//! `GetItem`: every read is consistent here; `ConsistentRead` only changes the capacity cost.
//! A projection returns the selected parts of the item (an empty item when none exist).

use dynamodel::Error;
use dynamodel::model::{GetItemInput, GetItemOutput};

use super::key_paths::NestedHeads;
use super::selection;
use crate::capacity;
use crate::engine::Shared;
use crate::expr::{Placeholders, Uses};
use crate::messages::{Layer, Violations};
use crate::validate::{self, key, value};

pub(crate) fn run(shared: &Shared, input: GetItemInput) -> Result<GetItemOutput, Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    validate::attributes_to_get(&mut violations, input.attributes_to_get.as_deref());
    violations.finish()?;
    super::reject_mixed(
        Layer::Current,
        &[(input.attributes_to_get.is_some(), "AttributesToGet")],
        &[(
            input.projection_expression.is_some(),
            "ProjectionExpression",
        )],
    )?;
    let uses = Uses {
        any_expression: input.projection_expression.is_some(),
        value_expression: false,
    };
    let mut placeholders = Placeholders::new(
        input.expression_attribute_names.as_ref(),
        None,
        uses,
        Layer::Current,
    )?;
    value::check_item(&input.key, Layer::Current)?;
    let projection = selection::projection(
        shared,
        input.projection_expression.as_deref(),
        input.attributes_to_get.as_deref(),
        &mut placeholders,
    )?;
    placeholders.finish()?;
    let table = super::item_table(shared, &input.table_name)?;
    let storage_key = key::key_map(&table.definition.key_schema, &input.key)?;
    NestedHeads::new()
        .projection(projection.as_ref())
        .reject_keys(&table)?;
    let hidden = crate::ttl::hidden(shared, &table);
    // Under the lock only a share of the encoded item (a count bumped); decoded after.
    let stored = table.data.read().items.get(&storage_key).cloned();
    let found =
        crate::ttl::read(hidden.as_ref(), stored.as_ref())?.map(|(item, size)| match &projection {
            Some(projection) => (projection.apply(&item), size),
            None => (item, size),
        });
    let consistent = input.consistent_read.unwrap_or(false);
    let units = capacity::read_units(found.as_ref().map_or(0, |(_, size)| *size), consistent);
    Ok(GetItemOutput {
        item: found.map(|(item, _)| item),
        consumed_capacity: capacity::report(
            input.return_consumed_capacity.as_ref(),
            &input.table_name,
            units,
        ),
    })
}
