//! Attribute values and items: the model's types ⇄ the SDK's, without loss.
//!
//! Numbers cross as their exact text (the model's normalized form going out, parsed exactly
//! coming back), binary as bytes, and every other type one to one. Sets keep their member
//! order. Going out cannot fail; coming back fails only on a value DynamoDB never sends (an
//! unparseable number or a data type this SDK does not know), as a transport error.

use std::collections::HashMap;

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue as SdkValue;

use crate::error::{Error, Result};
use crate::model::{AttributeValue, Item, Number};

/// A model value as the SDK's.
pub(crate) fn to_sdk(value: AttributeValue) -> SdkValue {
    match value {
        AttributeValue::S(s) => SdkValue::S(s),
        AttributeValue::N(n) => SdkValue::N(n.to_string()),
        AttributeValue::B(b) => SdkValue::B(Blob::new(b)),
        AttributeValue::Bool(b) => SdkValue::Bool(b),
        AttributeValue::Null => SdkValue::Null(true),
        AttributeValue::M(m) => SdkValue::M(item_to_sdk(m)),
        AttributeValue::L(l) => SdkValue::L(l.into_iter().map(to_sdk).collect()),
        AttributeValue::Ss(ss) => SdkValue::Ss(ss),
        AttributeValue::Ns(ns) => SdkValue::Ns(ns.iter().map(Number::to_string).collect()),
        AttributeValue::Bs(bs) => SdkValue::Bs(bs.into_iter().map(Blob::new).collect()),
    }
}

/// An SDK value as the model's.
pub(crate) fn from_sdk(value: SdkValue) -> Result<AttributeValue> {
    Ok(match value {
        SdkValue::S(s) => AttributeValue::S(s),
        SdkValue::N(n) => AttributeValue::N(number(&n)?),
        SdkValue::B(b) => AttributeValue::B(b.into_inner()),
        SdkValue::Bool(b) => AttributeValue::Bool(b),
        // DynamoDB only ever sends `NULL: true`; there is no other null to map `false` to.
        SdkValue::Null(_) => AttributeValue::Null,
        SdkValue::M(m) => AttributeValue::M(item_from_sdk(m)?),
        SdkValue::L(l) => AttributeValue::L(l.into_iter().map(from_sdk).collect::<Result<_>>()?),
        SdkValue::Ss(ss) => AttributeValue::Ss(ss),
        SdkValue::Ns(ns) => {
            AttributeValue::Ns(ns.iter().map(|n| number(n)).collect::<Result<_>>()?)
        }
        SdkValue::Bs(bs) => AttributeValue::Bs(bs.into_iter().map(Blob::into_inner).collect()),
        other => {
            return Err(unreadable(format!(
                "an attribute value of a type this SDK does not know: {other:?}"
            )));
        }
    })
}

/// A model item (or map) as the SDK's.
pub(crate) fn item_to_sdk(item: Item) -> HashMap<String, SdkValue> {
    item.into_iter()
        .map(|(name, value)| (name, to_sdk(value)))
        .collect()
}

/// An SDK item (or map) as the model's.
pub(crate) fn item_from_sdk(item: HashMap<String, SdkValue>) -> Result<Item> {
    item.into_iter()
        .map(|(name, value)| Ok((name, from_sdk(value)?)))
        .collect()
}

/// An optional model item as the SDK's.
pub(crate) fn opt_item_to_sdk(item: Option<Item>) -> Option<HashMap<String, SdkValue>> {
    item.map(item_to_sdk)
}

/// An optional SDK item as the model's.
pub(crate) fn opt_item_from_sdk(item: Option<HashMap<String, SdkValue>>) -> Result<Option<Item>> {
    item.map(item_from_sdk).transpose()
}

/// Optional placeholder values (`ExpressionAttributeValues`) as the SDK's.
/// `ExpressionAttributeNames` in the SDK's map type.
pub(crate) fn names_to_sdk(
    names: Option<std::collections::BTreeMap<String, String>>,
) -> Option<std::collections::HashMap<String, String>> {
    names.map(|names| names.into_iter().collect())
}

pub(crate) fn values_to_sdk(
    values: Option<std::collections::BTreeMap<String, AttributeValue>>,
) -> Option<HashMap<String, SdkValue>> {
    values.map(item_to_sdk)
}

/// An optional list of values as the SDK's (`AttributeValueList`).
pub(crate) fn list_to_sdk(values: Option<Vec<AttributeValue>>) -> Option<Vec<SdkValue>> {
    values.map(|values| values.into_iter().map(to_sdk).collect())
}

fn number(text: &str) -> Result<Number> {
    Number::parse(text).map_err(|error| Error::transport(format!("DynamoDB returned the number `{text}`, which is not a valid DynamoDB number: {error}"), error))
}

/// A response the SDK parsed but this crate cannot represent.
pub(crate) fn unreadable(what: String) -> Error {
    Error::transport(format!("DynamoDB returned {what}"), UnreadableResponse)
}

/// The cause of a response that could not be converted.
#[derive(Debug)]
struct UnreadableResponse;

impl std::fmt::Display for UnreadableResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the response does not fit DynamoDB's data model")
    }
}

impl std::error::Error for UnreadableResponse {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn n(text: &str) -> Number {
        Number::parse(text).unwrap()
    }

    fn every_type() -> AttributeValue {
        let nested: Item = [
            ("empty_s".to_owned(), AttributeValue::S(String::new())),
            ("empty_b".to_owned(), AttributeValue::B(Vec::new())),
            ("empty_m".to_owned(), AttributeValue::M(Item::new())),
            ("empty_l".to_owned(), AttributeValue::L(Vec::new())),
            ("null".to_owned(), AttributeValue::Null),
        ]
        .into_iter()
        .collect();
        AttributeValue::L(vec![
            AttributeValue::S("é\u{0}x".into()),
            AttributeValue::N(n("12345678901234567890123456789012345678")),
            AttributeValue::N(n("-1E-130")),
            AttributeValue::N(n("9.9999999999999999999999999999999999999E+125")),
            AttributeValue::B(vec![0, 0xff, 0x80]),
            AttributeValue::Bool(false),
            AttributeValue::Null,
            AttributeValue::M(nested.clone()),
            AttributeValue::L(vec![
                AttributeValue::M(nested),
                AttributeValue::L(Vec::new()),
            ]),
            AttributeValue::Ss(vec!["b".into(), "a".into(), String::new()]),
            AttributeValue::Ns(vec![n("3"), n("-0.5"), n("1e20")]),
            AttributeValue::Bs(vec![vec![2], Vec::new(), vec![1, 2, 3]]),
        ])
    }

    #[test]
    fn every_type_round_trips() {
        let value = every_type();
        assert_eq!(from_sdk(to_sdk(value.clone())).unwrap(), value);
    }

    #[test]
    fn numbers_cross_as_exact_normalized_text() {
        assert_eq!(
            to_sdk(AttributeValue::N(n("1.50"))),
            SdkValue::N("1.5".into())
        );
        assert_eq!(
            to_sdk(AttributeValue::N(n("1e2"))),
            SdkValue::N("100".into())
        );
        let big = "123456789012345678901234567890.12345678";
        assert_eq!(to_sdk(AttributeValue::N(n(big))), SdkValue::N(big.into()));
        assert_eq!(
            from_sdk(SdkValue::N("1E+2".into())).unwrap(),
            AttributeValue::N(n("100"))
        );
        assert_eq!(
            to_sdk(AttributeValue::Ns(vec![n("0.10"), n("-7")])),
            SdkValue::Ns(vec!["0.1".into(), "-7".into()])
        );
    }

    #[test]
    fn binary_crosses_as_bytes_not_base64() {
        let sdk = to_sdk(AttributeValue::B(vec![0xde, 0xad]));
        assert_eq!(sdk, SdkValue::B(Blob::new(vec![0xde, 0xad])));
    }

    #[test]
    fn items_round_trip() {
        let item: Item = [
            ("a".to_owned(), every_type()),
            (String::new(), AttributeValue::Null),
        ]
        .into_iter()
        .collect();
        assert_eq!(item_from_sdk(item_to_sdk(item.clone())).unwrap(), item);
        assert_eq!(opt_item_from_sdk(opt_item_to_sdk(None)).unwrap(), None);
    }

    #[test]
    fn unreadable_values_are_transport_errors_not_panics() {
        for bad in [
            SdkValue::N("abc".into()),
            SdkValue::Ns(vec!["1".into(), "1e400".into()]),
        ] {
            let error = from_sdk(bad.clone()).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Transport, "{bad:?}: {error:?}");
        }
        let nested = SdkValue::M(
            [("x".to_owned(), SdkValue::L(vec![SdkValue::N("--1".into())]))]
                .into_iter()
                .collect(),
        );
        let error = from_sdk(nested).unwrap_err();
        assert!(error.message().contains("`--1`"), "{}", error.message());
        // NULL: false never comes from DynamoDB; it still maps to NULL instead of failing.
        assert_eq!(
            from_sdk(SdkValue::Null(false)).unwrap(),
            AttributeValue::Null
        );
    }
}
