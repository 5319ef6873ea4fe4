//! Attribute values that DynamoDB refuses wherever they appear: empty sets and sets with a
//! repeated member (nested values included). Empty strings and binaries are valid values; only
//! keys refuse them (see [`super::key`]).

use std::collections::{BTreeSet, HashSet};

use dynamodel::model::AttributeType;
use dynamodel::{AttributeValue, Error, Item};

use crate::messages::{self, Layer};

/// Checks every value of an item or key map.
pub(crate) fn check_item(item: &Item, layer: Layer) -> Result<(), Error> {
    item.values()
        .try_for_each(|value| check_value(value, layer))
}

/// Checks one value and everything nested in it.
pub(crate) fn check_value(value: &AttributeValue, layer: Layer) -> Result<(), Error> {
    match value {
        AttributeValue::Ss(set) => {
            let members: Vec<&[u8]> = set.iter().map(|s| s.as_bytes()).collect();
            check_members(&members, AttributeType::Ss, layer)
        }
        AttributeValue::Bs(set) => {
            let members: Vec<&[u8]> = set.iter().map(Vec::as_slice).collect();
            check_members(&members, AttributeType::Bs, layer)
        }
        AttributeValue::Ns(set) => {
            if set.is_empty() {
                return Err(messages::empty_set(layer, AttributeType::Ns));
            }
            // Number equality is numeric (`1` == `1.0`); the hash set only detects repeats.
            let mut seen = HashSet::with_capacity(set.len());
            if set.iter().any(|n| !seen.insert(*n)) {
                return Err(messages::duplicate_members(
                    layer,
                    AttributeType::Ns,
                    &[],
                    0,
                ));
            }
            Ok(())
        }
        AttributeValue::L(list) => list.iter().try_for_each(|v| check_value(v, layer)),
        AttributeValue::M(map) => check_item(map, layer),
        AttributeValue::S(_)
        | AttributeValue::N(_)
        | AttributeValue::B(_)
        | AttributeValue::Bool(_)
        | AttributeValue::Null => Ok(()),
    }
}

fn check_members(members: &[&[u8]], set_type: AttributeType, layer: Layer) -> Result<(), Error> {
    if members.is_empty() {
        return Err(messages::empty_set(layer, set_type));
    }
    let mut seen = BTreeSet::new();
    match members.iter().position(|m| !seen.insert(*m)) {
        Some(repeat) => Err(messages::duplicate_members(
            layer, set_type, members, repeat,
        )),
        None => Ok(()),
    }
}
