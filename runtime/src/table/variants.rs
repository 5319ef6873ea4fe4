//! Support for the code `#[derive(Attribute)]` generates for tuple structs (stored as `L`)
//! and enums with data (externally tagged), reached through `__private`.

use crate::error::{Error, Result};
use crate::model::{AttributeType, AttributeValue, Item};

/// Stores the fields of a tuple as `L`, for generated code; errors carry the index.
#[doc(hidden)]
pub fn list<const N: usize>(elements: [Result<AttributeValue>; N]) -> Result<AttributeValue> {
    elements
        .into_iter()
        .enumerate()
        .map(|(index, element)| element.map_err(|e| e.in_element(index)))
        .collect::<Result<Vec<_>>>()
        .map(AttributeValue::L)
}

/// Reads the `N` elements of a tuple stored as `L`, for generated code.
#[doc(hidden)]
pub fn take_elements<const N: usize>(value: AttributeValue) -> Result<[AttributeValue; N]> {
    match value {
        AttributeValue::L(list) => {
            let found = list.len();
            <[AttributeValue; N]>::try_from(list).map_err(|_| {
                Error::conversion(format!("expected a list of {N} elements, found {found}"))
            })
        }
        other => Err(crate::convert::type_mismatch(AttributeType::L, &other)),
    }
}

/// Stores the data of an enum variant as the one-entry map `{"Variant": value}`, for
/// generated code.
#[doc(hidden)]
pub fn variant_value(name: &str, value: Result<AttributeValue>) -> Result<AttributeValue> {
    let value = value.map_err(|e| e.in_attribute(name))?;
    Ok(AttributeValue::M(Item::from([(name.to_owned(), value)])))
}

/// Splits a stored enum value for generated code: a string names a unit variant; a
/// one-entry map names a variant and holds its data.
#[doc(hidden)]
pub fn variant_parts(value: AttributeValue) -> Result<(String, Option<AttributeValue>)> {
    match value {
        AttributeValue::S(name) => Ok((name, None)),
        AttributeValue::M(map) if map.len() == 1 => match map.into_iter().next() {
            Some((name, value)) => Ok((name, Some(value))),
            None => Err(Error::conversion(
                "expected a map with one entry naming the enum variant",
            )),
        },
        AttributeValue::M(map) => Err(Error::conversion(format!(
            "expected a map with one entry naming the enum variant, found {} entries",
            map.len()
        ))),
        other => Err(Error::conversion(format!(
            "expected an enum variant: a string (S) or a map with one entry (M), found {}",
            other.attribute_type()
        ))),
    }
}

/// The error for an enum variant that is unknown or stored in the wrong form, for generated
/// code. `unit` and `data` list the enum's unit variants and variants with data.
#[doc(hidden)]
pub fn unknown_variant(name: &str, unit: &[&str], data: &[&str]) -> Error {
    if unit.contains(&name) {
        return Error::conversion(format!(
            "variant `{name}` holds no data and is stored as the string \"{name}\", found a map"
        ));
    }
    if data.contains(&name) {
        return Error::conversion(format!(
            "variant `{name}` holds data and is stored as a map {{\"{name}\": ...}}, found a string"
        ));
    }
    let expected = unit
        .iter()
        .chain(data)
        .map(|variant| format!("`{variant}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Error::conversion(format!(
        "unknown variant `{name}`, expected one of {expected}"
    ))
}
