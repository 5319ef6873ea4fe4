//! Messages about malformed attribute values (empty and duplicate set members).
//!
//! DynamoDB checks values in one of two layers and the layer decides the wording ([capture],
//! four regions, 2026-10-09):
//!
//! * the current layer, run by PutItem, UpdateItem and DeleteItem inside the
//!   `1 validation error detected: ` envelope and by GetItem and Query bare, quotes set members
//!   and lists them in byte order up to the first repeat, then the repeat, then the rest as sent;
//!   it names no members of a number set;
//! * the older layer, run by Scan (and batch and transaction calls), prints members as sent,
//!   unquoted, and drops the prefix and full stop from the number-set message.

use std::collections::BTreeSet;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use dynamodel::Error;
use dynamodel::model::AttributeType;

/// Which of DynamoDB's two value-checking layers an operation runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layer {
    /// Current wording inside the `1 validation error detected: ` envelope (PutItem, DeleteItem).
    Enveloped,
    /// Current wording, bare (GetItem, Query).
    Current,
    /// Older wording, bare (Scan).
    Older,
}

impl Layer {
    /// The error for `message` in this layer (enveloped or bare).
    pub(crate) fn wrap(self, message: String) -> Error {
        match self {
            Layer::Enveloped => super::enveloped(&message),
            Layer::Current | Layer::Older => Error::validation(message),
        }
    }
}

const INVALID: &str = "One or more parameter values were invalid: ";

/// [capture] An empty set; the string and number texts really have two spaces.
pub(crate) fn empty_set(layer: Layer, set_type: AttributeType) -> Error {
    let text = match set_type {
        AttributeType::Ns => "An number set  may not be empty",
        AttributeType::Bs => "Binary sets should not be empty",
        _ => "An string set  may not be empty",
    };
    layer.wrap(format!("{INVALID}{text}"))
}

/// [capture] A set with a repeated member. `members` are the raw members (UTF-8 strings or
/// bytes) in request order, `repeat` the index of the first member equal to an earlier one.
pub(crate) fn duplicate_members(
    layer: Layer,
    set_type: AttributeType,
    members: &[&[u8]],
    repeat: usize,
) -> Error {
    if set_type == AttributeType::Ns {
        return match layer {
            Layer::Older => Error::validation("Input collection contains duplicates"),
            _ => layer.wrap(format!("{INVALID}Input collection contains duplicates.")),
        };
    }
    let render = |member: &[u8]| match set_type {
        AttributeType::Bs => BASE64.encode(member),
        _ => String::from_utf8_lossy(member).into_owned(),
    };
    let listed: Vec<String> = if layer == Layer::Older {
        members.iter().map(|m| render(m)).collect()
    } else {
        let before: BTreeSet<&[u8]> = members.iter().take(repeat).copied().collect();
        before
            .into_iter()
            .chain(members.iter().skip(repeat).copied())
            .map(|m| format!("\"{}\"", render(m)))
            .collect()
    };
    let (separator, suffix) = match (set_type, layer) {
        (AttributeType::Bs, Layer::Older) => (", ", "of type BS contains duplicates."),
        (AttributeType::Bs, _) => (",", "of type BS contains duplicates."),
        _ => (", ", " contains duplicates."),
    };
    layer.wrap(format!(
        "{INVALID}Input collection [{}]{suffix}",
        listed.join(separator)
    ))
}

/// A value as DynamoDB quotes it in expression errors: `{S:a}`, `{N:1}`, `{B:<base64>}`
/// ([dynalite] for `S` and `N`; the `B` rendering is this engine's guess).
pub(crate) fn quoted_value(value: &dynamodel::AttributeValue) -> String {
    use dynamodel::AttributeValue;
    match value {
        AttributeValue::S(s) => format!("{{S:{s}}}"),
        AttributeValue::N(n) => format!("{{N:{n}}}"),
        AttributeValue::B(b) => format!("{{B:{}}}", BASE64.encode(b)),
        AttributeValue::Bool(b) => format!("{{BOOL:{b}}}"),
        AttributeValue::Null => "{NULL:true}".to_owned(),
        other => format!("{{{}}}", other.attribute_type()),
    }
}
