//! `ExpressionAttributeNames` and `ExpressionAttributeValues`: checking the maps, resolving
//! placeholders, and reporting the ones no expression used.

use std::collections::BTreeSet;

use dynamodel::model::{ExpressionAttributeNames, ExpressionAttributeValues};
use dynamodel::{AttributeValue, Error};

use super::ast::{NameRef, ValueRef};
use super::reserved::is_reserved;
use crate::messages::{self, Layer, expression};
use crate::validate::value;

/// The placeholder maps of one request and which entries its expressions used.
#[derive(Debug)]
pub(crate) struct Placeholders<'a> {
    names: Option<&'a ExpressionAttributeNames>,
    values: Option<&'a ExpressionAttributeValues>,
    used_names: BTreeSet<&'a str>,
    used_values: BTreeSet<&'a str>,
    /// How the operation reports request errors (unused entries use it).
    layer: Layer,
}

/// Which expressions a request has, to check the maps against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Uses {
    /// Any expression at all (names may appear in every kind).
    pub(crate) any_expression: bool,
    /// An expression that can hold values (all kinds but projections).
    pub(crate) value_expression: bool,
}

/// The longest placeholder key, in bytes [local].
const MAX_KEY_BYTES: usize = 255;

/// Attribute names must be shorter than this many bytes [local].
const MAX_NAME_BYTES: usize = 65_536;

/// Key syntax, then key length, for every key of one map.
fn check_keys<'k>(
    keys: impl Iterator<Item = &'k String> + Clone,
    sigil: char,
    map: &str,
) -> Result<(), Error> {
    if let Some(key) = keys.clone().find(|k| !valid_key(k, sigil)) {
        return Err(messages::invalid_placeholder_key(map, key));
    }
    if let Some(key) = keys.into_iter().find(|k| k.len() > MAX_KEY_BYTES) {
        return Err(messages::placeholder_key_too_long(map, key.len()));
    }
    Ok(())
}

fn valid_key(key: &str, sigil: char) -> bool {
    let mut chars = key.chars();
    chars.next() == Some(sigil)
        && key.len() > 1
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl<'a> Placeholders<'a> {
    /// Checks the maps themselves (presence, emptiness, key syntax, values) and wraps them.
    pub(crate) fn new(
        names: Option<&'a ExpressionAttributeNames>,
        values: Option<&'a ExpressionAttributeValues>,
        uses: Uses,
        layer: Layer,
    ) -> Result<Self, Error> {
        let constraint = |text: &str| match layer {
            Layer::Enveloped => messages::enveloped(text),
            Layer::Current | Layer::Older => Error::validation(text),
        };
        if names.is_some() && !uses.any_expression {
            return Err(constraint(messages::NAMES_WITHOUT_EXPRESSION));
        }
        if values.is_some() && !uses.value_expression {
            return Err(constraint(messages::VALUES_WITHOUT_EXPRESSION));
        }
        if names.is_some_and(|n| n.is_empty()) {
            return Err(constraint(messages::NAMES_EMPTY));
        }
        if values.is_some_and(|v| v.is_empty()) {
            return Err(constraint(messages::VALUES_EMPTY));
        }
        check_keys(
            names.into_iter().flat_map(|n| n.keys()),
            '#',
            "ExpressionAttributeNames",
        )?;
        check_keys(
            values.into_iter().flat_map(|v| v.keys()),
            ':',
            "ExpressionAttributeValues",
        )?;
        for (key, v) in values.into_iter().flatten() {
            value::check_value(v, layer).map_err(|error| {
                messages::invalid_placeholder_value(layer, key, error.message())
            })?;
        }
        for (key, name) in names.into_iter().flatten() {
            if name.is_empty() {
                return Err(messages::empty_attribute_name(key));
            }
            if name.len() >= MAX_NAME_BYTES {
                return Err(messages::attribute_name_too_large(key));
            }
        }
        Ok(Placeholders {
            names,
            values,
            used_names: BTreeSet::new(),
            used_values: BTreeSet::new(),
            layer,
        })
    }

    /// Resolves a name, marking a placeholder used; rejects undefined placeholders and reserved
    /// words. The error is the detail after `Invalid <Parameter>: `.
    pub(crate) fn resolve_name(&mut self, name: &NameRef) -> Result<String, String> {
        match name {
            NameRef::Literal { name, .. } => {
                if is_reserved(name) {
                    return Err(expression::reserved_keyword(name));
                }
                Ok(name.clone())
            }
            NameRef::Placeholder { key, .. } => {
                let (key, name) = self
                    .names
                    .and_then(|names| names.get_key_value(key))
                    .ok_or_else(|| expression::undefined_name(key))?;
                self.used_names.insert(key);
                Ok(name.clone())
            }
        }
    }

    /// Resolves a value placeholder, marking it used.
    pub(crate) fn resolve_value(&mut self, value: &ValueRef) -> Result<&'a AttributeValue, String> {
        let (key, found) = self
            .values
            .and_then(|values| values.get_key_value(&value.key))
            .ok_or_else(|| expression::undefined_value(&value.key))?;
        self.used_values.insert(key);
        Ok(found)
    }

    /// The name a resolved name reference stands for (after [`Placeholders::resolve_name`]).
    pub(crate) fn name_of(&self, name: &NameRef) -> Option<String> {
        match name {
            NameRef::Literal { name, .. } => Some(name.clone()),
            NameRef::Placeholder { key, .. } => self.names?.get(key).cloned(),
        }
    }

    /// The value a placeholder stands for (after [`Placeholders::resolve_value`]).
    pub(crate) fn value_of(&self, value: &ValueRef) -> Option<&'a AttributeValue> {
        self.values?.get(&value.key)
    }

    /// How the operation reports request errors.
    pub(crate) fn layer(&self) -> Layer {
        self.layer
    }

    /// Fails if a map entry was never used: names first, then values.
    pub(crate) fn finish(&self) -> Result<(), Error> {
        let unused = |keys: Option<Vec<&str>>, used: &BTreeSet<&str>| -> Vec<String> {
            keys.unwrap_or_default()
                .into_iter()
                .filter(|k| !used.contains(k))
                .map(str::to_owned)
                .collect()
        };
        let names = unused(
            self.names.map(|n| n.keys().map(String::as_str).collect()),
            &self.used_names,
        );
        if !names.is_empty() {
            let keys: Vec<&str> = names.iter().map(String::as_str).collect();
            return Err(messages::unused_placeholders(
                self.layer,
                "ExpressionAttributeNames",
                &keys,
            ));
        }
        let values = unused(
            self.values.map(|v| v.keys().map(String::as_str).collect()),
            &self.used_values,
        );
        if !values.is_empty() {
            let keys: Vec<&str> = values.iter().map(String::as_str).collect();
            return Err(messages::unused_placeholders(
                self.layer,
                "ExpressionAttributeValues",
                &keys,
            ));
        }
        Ok(())
    }
}
