//! Attribute values that DynamoDB refuses wherever they appear: empty sets and sets with a
//! repeated member (nested values included). Empty strings and binaries are valid values; only
//! keys refuse them (see [`super::key`]).

use std::collections::BTreeSet;

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
        AttributeValue::Ss(set) => check_members(set, AttributeType::Ss, layer, |members| {
            members.iter().map(String::as_bytes).collect()
        }),
        AttributeValue::Bs(set) => check_members(set, AttributeType::Bs, layer, |members| {
            members.iter().map(Vec::as_slice).collect()
        }),
        // Number equality is numeric (`1` == `1.0`: both are stored normalized); the message
        // names no member.
        AttributeValue::Ns(set) => check_members(set, AttributeType::Ns, layer, |_| Vec::new()),
        AttributeValue::L(list) => list.iter().try_for_each(|v| check_value(v, layer)),
        AttributeValue::M(map) => check_item(map, layer),
        AttributeValue::S(_)
        | AttributeValue::N(_)
        | AttributeValue::B(_)
        | AttributeValue::Bool(_)
        | AttributeValue::Null => Ok(()),
    }
}

/// Rejects an empty set or one with a repeated member; `bytes` gives the members as the
/// duplicate message quotes them (only built for the message).
fn check_members<T: Ord>(
    members: &[T],
    set_type: AttributeType,
    layer: Layer,
    bytes: impl FnOnce(&[T]) -> Vec<&[u8]>,
) -> Result<(), Error> {
    if members.is_empty() {
        return Err(messages::empty_set(layer, set_type));
    }
    match first_repeat(members) {
        Some(repeat) => Err(messages::duplicate_members(
            layer,
            set_type,
            &bytes(members),
            repeat,
        )),
        None => Ok(()),
    }
}

/// Sets up to this size are checked for repeats pair by pair, without allocating.
const SMALL_SET: usize = 16;

/// The position of the first member equal to an earlier one.
fn first_repeat<T: Ord>(members: &[T]) -> Option<usize> {
    if members.len() <= SMALL_SET {
        members
            .iter()
            .enumerate()
            .position(|(i, member)| members.iter().take(i).any(|earlier| earlier == member))
    } else {
        let mut seen = BTreeSet::new();
        members.iter().position(|member| !seen.insert(member))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_repeat_is_found_in_small_and_large_sets() {
        assert_eq!(first_repeat(&[1, 2, 3]), None);
        assert_eq!(first_repeat(&[1, 2, 1, 2]), Some(2));
        let large: Vec<u32> = (0..40).chain([7, 3]).collect();
        assert_eq!(first_repeat(&large), Some(40));
        let distinct: Vec<u32> = (0..40).collect();
        assert_eq!(first_repeat(&distinct), None);
    }
}
