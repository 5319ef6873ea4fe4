//! Keys checked against a table's key schema.

use dynamodel::{AttributeValue, Error, Item};

use crate::messages::{self, start_key};
use crate::size::{MAX_HASH_KEY_BYTES, MAX_RANGE_KEY_BYTES};
use crate::storage::{KeyAttribute, KeySchema, StorageKey};

/// The storage key of a full item (PutItem): every key attribute present with its type, not
/// empty, within the size limits.
pub(crate) fn item_key(schema: &KeySchema, item: &Item) -> Result<StorageKey, Error> {
    for attribute in key_attributes(schema) {
        let value = item
            .get(&attribute.name)
            .ok_or_else(|| messages::missing_key(&attribute.name))?;
        if !attribute.kind.matches(value) {
            return Err(messages::key_type_mismatch(
                &attribute.name,
                attribute.kind.as_str(),
                value.attribute_type().as_str(),
            ));
        }
    }
    finish(schema, item)
}

/// The storage key of a `Key` map (GetItem, DeleteItem): exactly the key attributes.
pub(crate) fn key_map(schema: &KeySchema, key: &Item) -> Result<StorageKey, Error> {
    if key.len() != schema.len() {
        return Err(messages::key_schema_mismatch());
    }
    for attribute in key_attributes(schema) {
        match key.get(&attribute.name) {
            Some(value) if attribute.kind.matches(value) => {}
            _ => return Err(messages::key_schema_mismatch()),
        }
    }
    finish(schema, key)
}

/// The first key attribute of `item` whose type is not the schema's, when `item` has every
/// key attribute.
pub(crate) fn mistyped<'s, 'i>(
    schema: &'s KeySchema,
    item: &'i Item,
) -> Option<(&'s KeyAttribute, &'i AttributeValue)> {
    let mut present = Vec::with_capacity(2);
    for attribute in key_attributes(schema) {
        present.push((attribute, item.get(&attribute.name)?));
    }
    present
        .into_iter()
        .find(|(attribute, value)| !attribute.kind.matches(value))
}

/// The storage key of an `ExclusiveStartKey`. `invalid_type` is the error for a key attribute
/// of the wrong type (Query names the schema; Scan calls the whole key invalid).
pub(crate) fn start_key(
    schema: &KeySchema,
    key: &Item,
    invalid_type: fn() -> Error,
) -> Result<StorageKey, Error> {
    if key.len() != schema.len() || key_attributes(schema).any(|a| !key.contains_key(&a.name)) {
        return Err(start_key::invalid());
    }
    if key_attributes(schema).any(|a| key.get(&a.name).is_some_and(|v| !a.kind.matches(v))) {
        return Err(invalid_type());
    }
    finish(schema, key)
}

fn key_attributes(schema: &KeySchema) -> impl Iterator<Item = &KeyAttribute> {
    std::iter::once(&schema.hash).chain(schema.range.as_ref())
}

/// Empty and oversized key values, then the storage key.
fn finish(schema: &KeySchema, item: &Item) -> Result<StorageKey, Error> {
    check_key_value(
        &schema.hash,
        item,
        MAX_HASH_KEY_BYTES,
        messages::hash_key_too_large,
    )?;
    if let Some(range) = &schema.range {
        check_key_value(
            range,
            item,
            MAX_RANGE_KEY_BYTES,
            messages::range_key_too_large,
        )?;
    }
    schema
        .storage_key(item)
        .ok_or_else(messages::key_schema_mismatch)
}

fn check_key_value(
    attribute: &KeyAttribute,
    item: &Item,
    max: usize,
    too_large: fn() -> Error,
) -> Result<(), Error> {
    match item.get(&attribute.name) {
        Some(AttributeValue::S(s)) if s.is_empty() => {
            Err(messages::empty_string_key(&attribute.name))
        }
        Some(AttributeValue::B(b)) if b.is_empty() => {
            Err(messages::empty_binary_key(&attribute.name))
        }
        Some(AttributeValue::S(s)) if s.len() > max => Err(too_large()),
        Some(AttributeValue::B(b)) if b.len() > max => Err(too_large()),
        _ => Ok(()),
    }
}
