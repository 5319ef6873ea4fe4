//! The legacy `AttributeUpdates` parameter read as a [`Plan`].
//!
//! Semantics (AWS API reference, `AttributeValueUpdate`; checked against DynamoDB Local
//! 3.3.0): each entry names a top-level attribute literally. `PUT` (the default) stores the
//! value; `DELETE` without a value removes the attribute, with a set removes those members;
//! `ADD` adds a number, adds set members or appends a list, creating the attribute when it is
//! absent. Only `PUT` and `ADD` create a missing item.

use std::collections::BTreeMap;

use dynamodel::model::{AttributeAction, AttributeType, AttributeValueUpdate};
use dynamodel::{AttributeValue, Error};

use super::{Action, Dialect, Plan, Value};
use crate::expr::document::DocPath;
use crate::messages::{Layer, legacy, update as msg};
use crate::validate::value;

/// The plan of an `AttributeUpdates` map (actions already known to be valid enum values).
pub(crate) fn plan<'a>(
    updates: &'a BTreeMap<String, AttributeValueUpdate>,
    layer: Layer,
) -> Result<Plan<'a>, Error> {
    let invalid = |text: String| layer.wrap(legacy::invalid(&text));
    let mut actions = Vec::with_capacity(updates.len());
    for (name, update) in updates {
        let path = DocPath::attribute(name);
        let action = update.action.as_ref().unwrap_or(&AttributeAction::Put);
        if let Some(value) = &update.value {
            value::check_value(value, layer)?;
        }
        actions.push(match (action, &update.value) {
            (AttributeAction::Delete, None) => Action::Remove(path),
            (_, None) => return Err(invalid(msg::VALUE_REQUIRED.to_owned())),
            (AttributeAction::Delete, Some(value)) => {
                if !is_set(value) {
                    return Err(invalid(msg::delete_not_supported(value.attribute_type())));
                }
                Action::Delete(path, value)
            }
            (AttributeAction::Add, Some(value)) => match value.attribute_type() {
                AttributeType::L => Action::Append(path, value),
                AttributeType::N => Action::Add(path, value),
                _ if is_set(value) => Action::Add(path, value),
                other => return Err(invalid(msg::add_not_supported(other))),
            },
            (_, Some(value)) => Action::Set(path, Value::Const(value)),
        });
    }
    Ok(Plan {
        actions,
        dialect: Dialect::Legacy,
    })
}

fn is_set(value: &AttributeValue) -> bool {
    matches!(
        value,
        AttributeValue::Ss(_) | AttributeValue::Ns(_) | AttributeValue::Bs(_)
    )
}
