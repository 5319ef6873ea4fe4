//! Request bodies into model requests, with DynamoDB's answer when they do not fit.
//!
//! DynamoDB's JSON layer rejects bodies that are not JSON, and members of the wrong JSON
//! type, with a `SerializationException`; what is well-typed but invalid (a malformed
//! attribute value, bad base64, a number out of range, a missing required member) is a
//! `ValidationException`. serde reports both as errors; this module sorts them by what serde
//! and the model's decoder say (`dynamodel::model`'s wire decoder uses DynamoDB's own texts
//! for malformed attribute values, and `invalid number` for numbers).

use dynamodel::AttributeValue;
use dynamodel::model::{ExpressionAttributeNames, ExpressionAttributeValues, NumberError};
use serde::Deserialize;
use serde_json::error::Category;
use serde_json::{Map, Value};

use super::errors::WireError;
use super::member_path::{lower_first, missing_member_path};
use super::messages;
use crate::expr::placeholders::{Placeholders, Uses};
use crate::messages::{Layer, invalid_placeholder_value};
use crate::validate::value;

/// Decodes the request body of `operation`. A value of `ExpressionAttributeValues` that is not
/// an attribute value fails the decode; DynamoDB names its placeholder (see
/// [`placeholder_value_error`]).
pub(crate) fn decode_request<'a, T: Deserialize<'a>>(
    operation: &str,
    body: &'a [u8],
) -> Result<T, WireError> {
    decode(body).map_err(|error| {
        if error.exception() == "ValidationException" {
            placeholder_value_error(operation, body).unwrap_or(error)
        } else {
            error
        }
    })
}

/// Decodes a request body.
pub(crate) fn decode<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, WireError> {
    // A request is a JSON object; serde would also fill a structure from an array, by position.
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        check_syntax(body)?;
        return Err(WireError::serialization(Some(
            messages::LIST_NOT_EXPECTED.to_owned(),
        )));
    }
    serde_json::from_slice(body).map_err(|error| match error.classify() {
        // serde stops at the first member that does not fit; DynamoDB parses the whole body
        // first. Only on this (slow) path is the rest of the body checked.
        Category::Data => check_syntax(body)
            .err()
            .unwrap_or_else(|| missing_member(body, &error).unwrap_or_else(|| from_serde(&error))),
        _ => from_serde(&error),
    })
}

/// Whether the body is JSON at all (for requests whose target is unknown: DynamoDB checks the
/// body first).
pub(crate) fn check_syntax(body: &[u8]) -> Result<(), WireError> {
    serde_json::from_slice::<serde::de::IgnoredAny>(body)
        .map(|_| ())
        .map_err(|error| from_serde(&error))
}

fn from_serde(error: &serde_json::Error) -> WireError {
    match error.classify() {
        // Not JSON: DynamoDB answers with the exception name alone.
        Category::Io | Category::Syntax | Category::Eof => WireError::serialization(None),
        Category::Data => from_data_error(&without_position(error)),
    }
}

/// serde_json's message without its ` at line L column C` suffix.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

fn from_data_error(text: &str) -> WireError {
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        return WireError::serialization(Some(wrong_type(rest)));
    }
    if let Some(rest) = text.strip_prefix("invalid number `") {
        return WireError::validation(number_message(rest));
    }
    if text.starts_with("invalid length ") {
        // A structure given as an array (serde reads those by position).
        return WireError::serialization(Some(messages::LIST_NOT_EXPECTED.to_owned()));
    }
    if text.starts_with("unknown field `") {
        // Only attribute values reject unknown members (the request structures ignore them,
        // as DynamoDB does): an object without a known data type is an empty value.
        return WireError::validation(messages::EMPTY_ATTRIBUTE_VALUE.to_owned());
    }
    if let Some(rest) = text.strip_prefix("missing field `") {
        let member = rest.split('`').next().unwrap_or_default();
        return WireError::validation(messages::member_missing(&lower_first(member)));
    }
    if text.starts_with("Supplied AttributeValue")
        || text.starts_with("One or more parameter values were invalid")
        || text.starts_with("Invalid Base64")
    {
        // The model's attribute value decoder speaks DynamoDB's words already.
        return WireError::validation(text.to_owned());
    }
    WireError::serialization(Some(text.to_owned()))
}

/// The error for a request whose `ExpressionAttributeValues` holds a malformed value (no data
/// type, two data types, a number that does not parse or is out of range, `NULL: false`,
/// anywhere inside it): `ExpressionAttributeValues contains invalid value: <why> for key <key>`
/// in the operation's layer, as for the values the model can hold (empty or duplicate sets).
/// The checks DynamoDB makes before it reads the values (the maps' presence and keys, the names)
/// come first, and the values are judged in key order, as the engine does. `None` when no value
/// is malformed, or when one is not JSON of the right type or not base64 (those stay
/// serialization and protocol errors).
fn placeholder_value_error(operation: &str, body: &[u8]) -> Option<WireError> {
    let request: Map<String, Value> = serde_json::from_slice(body).ok()?;
    let raw = request.get("ExpressionAttributeValues")?.as_object()?;
    let decoded: Vec<(&String, Result<AttributeValue, serde_json::Error>)> = raw
        .iter()
        .map(|(key, value)| (key, AttributeValue::deserialize(value)))
        .collect();
    if decoded.iter().all(|(_, value)| value.is_ok()) {
        return None;
    }
    let names: Option<ExpressionAttributeNames> = match request.get("ExpressionAttributeNames") {
        None | Some(Value::Null) => None,
        Some(names) => Some(ExpressionAttributeNames::deserialize(names).ok()?),
    };
    let layer = match operation {
        "PutItem" | "DeleteItem" | "UpdateItem" => Layer::Enveloped,
        "Scan" => Layer::Older,
        _ => Layer::Current,
    };
    let present = |member: &str| request.get(member).is_some_and(|v| !v.is_null());
    let value_expression = [
        "ConditionExpression",
        "FilterExpression",
        "KeyConditionExpression",
        "UpdateExpression",
    ]
    .into_iter()
    .any(present);
    let uses = Uses {
        any_expression: value_expression || present("ProjectionExpression"),
        value_expression,
    };
    // The maps with every value standing in as `NULL`, which passes the value checks.
    let stand_ins: ExpressionAttributeValues = raw
        .keys()
        .map(|key| (key.clone(), AttributeValue::Null))
        .collect();
    if let Err(error) = Placeholders::new(names.as_ref(), Some(&stand_ins), uses, layer) {
        return Some(WireError::from_engine(error));
    }
    for (key, decoded) in &decoded {
        let error = match decoded {
            Ok(value) => match value::check_value(value, layer) {
                Ok(()) => continue,
                Err(error) => invalid_placeholder_value(layer, key, error.message()),
            },
            Err(error) => {
                let wire = from_serde(error);
                let message = wire.message().unwrap_or_default();
                if wire.exception() != "ValidationException"
                    || message.starts_with("Invalid Base64")
                {
                    return None;
                }
                invalid_placeholder_value(layer, key, message)
            }
        };
        return Some(WireError::from_engine(error));
    }
    None
}

/// A required member missing anywhere in the request: DynamoDB names it by its full path
/// (`transactItems.1.member.conditionCheck.conditionExpression`), which serde's error does
/// not give (see `member_path`).
fn missing_member(body: &[u8], error: &serde_json::Error) -> Option<WireError> {
    let text = without_position(error);
    let member = text.strip_prefix("missing field `")?.split('`').next()?;
    let path = missing_member_path(body, error.line(), error.column(), member)?;
    Some(WireError::validation(messages::member_missing(&path)))
}

/// `<unexpected>, expected <what>` from serde's invalid-type error, in Coral's words.
fn wrong_type(rest: &str) -> String {
    let (unexpected, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    if unexpected == "map" {
        return messages::MAP_NOT_EXPECTED.to_owned();
    }
    if unexpected == "sequence" {
        return messages::LIST_NOT_EXPECTED.to_owned();
    }
    let token = if unexpected.starts_with("boolean `true`") {
        "TRUE_VALUE"
    } else if unexpected.starts_with("boolean `false`") {
        "FALSE_VALUE"
    } else if unexpected.starts_with("integer") || unexpected.starts_with("floating point") {
        "NUMBER_VALUE"
    } else if unexpected.starts_with("string") {
        "STRING_VALUE"
    } else {
        "NULL_VALUE"
    };
    let target = match expected {
        "a sequence" => return messages::EXPECTED_LIST.to_owned(),
        "a map" => return messages::EXPECTED_MAP.to_owned(),
        "base64 text" => "Blob",
        "a boolean" => "Boolean",
        "i32" | "u32" | "i16" | "u16" => "Integer",
        "i64" | "u64" => "Long",
        "f64" | "f32" => "Double",
        expected
            if expected.starts_with("struct ") || expected.starts_with("an attribute value") =>
        {
            return messages::EXPECTED_STRUCTURE.to_owned();
        }
        _ => "String",
    };
    messages::not_convertible(token, target)
}

/// `<text>`: <reason>` from the model's number decoder, in DynamoDB's words.
fn number_message(rest: &str) -> String {
    let reason = rest.rsplit_once("`: ").map_or("", |(_, reason)| reason);
    if reason == NumberError::Precision.to_string() {
        messages::NUMBER_PRECISION.to_owned()
    } else if reason == NumberError::Overflow.to_string() {
        messages::NUMBER_OVERFLOW.to_owned()
    } else if reason == NumberError::Underflow.to_string() {
        messages::NUMBER_UNDERFLOW.to_owned()
    } else {
        messages::NOT_A_NUMBER.to_owned()
    }
}
