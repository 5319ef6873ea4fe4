//! Serde encoding of attribute values in DynamoDB's JSON 1.0 wire form: one-key objects
//! such as `{"S": "x"}`, `{"N": "1"}`, `{"B": "<base64>"}`, `{"NULL": true}`.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{AttributeValue, Item, Number};

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number as a string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Number, E> {
                Number::parse(text)
                    .map_err(|e| E::custom(format_args!("invalid number `{text}`: {e}")))
            }
        }
        deserializer.deserialize_str(NumberVisitor)
    }
}

/// Serializes bytes as base64 text.
struct Base64<'a>(&'a [u8]);

impl Serialize for Base64<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&BASE64.encode(self.0))
    }
}

struct Base64Seq<'a>(&'a [Vec<u8>]);

impl Serialize for Base64Seq<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for bytes in self.0 {
            seq.serialize_element(&Base64(bytes))?;
        }
        seq.end()
    }
}

/// Deserializes base64 text into bytes.
struct FromBase64(Vec<u8>);

impl<'de> Deserialize<'de> for FromBase64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct B64Visitor;
        impl Visitor<'_> for B64Visitor {
            type Value = FromBase64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("base64 text")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<FromBase64, E> {
                BASE64
                    .decode(text)
                    .map(FromBase64)
                    .map_err(|_| E::custom("Invalid Base64 value"))
            }
        }
        deserializer.deserialize_str(B64Visitor)
    }
}

impl Serialize for AttributeValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            AttributeValue::S(s) => map.serialize_entry("S", s)?,
            AttributeValue::N(n) => map.serialize_entry("N", n)?,
            AttributeValue::B(b) => map.serialize_entry("B", &Base64(b))?,
            AttributeValue::Bool(b) => map.serialize_entry("BOOL", b)?,
            AttributeValue::Null => map.serialize_entry("NULL", &true)?,
            AttributeValue::M(m) => map.serialize_entry("M", m)?,
            AttributeValue::L(l) => map.serialize_entry("L", l)?,
            AttributeValue::Ss(ss) => map.serialize_entry("SS", ss)?,
            AttributeValue::Ns(ns) => map.serialize_entry("NS", ns)?,
            AttributeValue::Bs(bs) => map.serialize_entry("BS", &Base64Seq(bs))?,
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = AttributeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an attribute value object with exactly one data type key")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AttributeValue, A::Error> {
        let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? else {
            return Err(de::Error::custom(
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            ));
        };
        let value = match key.as_ref() {
            "S" => AttributeValue::S(map.next_value()?),
            "N" => AttributeValue::N(map.next_value()?),
            "B" => AttributeValue::B(map.next_value::<FromBase64>()?.0),
            "BOOL" => AttributeValue::Bool(map.next_value()?),
            "NULL" => {
                if !map.next_value::<bool>()? {
                    return Err(de::Error::custom(
                        "One or more parameter values were invalid: Null attribute value types must have the value of true",
                    ));
                }
                AttributeValue::Null
            }
            "M" => AttributeValue::M(map.next_value::<Item>()?),
            "L" => AttributeValue::L(map.next_value()?),
            "SS" => AttributeValue::Ss(map.next_value()?),
            "NS" => AttributeValue::Ns(map.next_value()?),
            "BS" => AttributeValue::Bs(
                map.next_value::<Vec<FromBase64>>()?
                    .into_iter()
                    .map(|b| b.0)
                    .collect(),
            ),
            other => {
                return Err(de::Error::unknown_field(
                    other,
                    &["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"],
                ));
            }
        };
        if map.next_key::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
            ));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(text: &str) -> Number {
        Number::parse(text).unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
    }

    fn decode(json: &str) -> Result<AttributeValue, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn encode(value: &AttributeValue) -> String {
        serde_json::to_string(value).unwrap_or_else(|e| panic!("{value:?} should encode: {e}"))
    }

    /// Every type: the JSON decodes to the value and the value encodes to the same JSON.
    #[test]
    fn every_type_round_trips() {
        let item: Item = [
            ("a".to_owned(), AttributeValue::S("x".into())),
            ("b".to_owned(), AttributeValue::Null),
        ]
        .into_iter()
        .collect();
        let cases = [
            (r#"{"S":"x"}"#, AttributeValue::S("x".into())),
            (r#"{"S":""}"#, AttributeValue::S(String::new())),
            (r#"{"S":"é\"\n"}"#, AttributeValue::S("é\"\n".into())),
            (r#"{"N":"1"}"#, AttributeValue::N(n("1"))),
            (r#"{"N":"-0.00000015"}"#, AttributeValue::N(n("-1.5e-7"))),
            (r#"{"B":"AAE="}"#, AttributeValue::B(vec![0, 1])),
            (r#"{"B":""}"#, AttributeValue::B(Vec::new())),
            (r#"{"BOOL":true}"#, AttributeValue::Bool(true)),
            (r#"{"BOOL":false}"#, AttributeValue::Bool(false)),
            (r#"{"NULL":true}"#, AttributeValue::Null),
            (
                r#"{"M":{"a":{"S":"x"},"b":{"NULL":true}}}"#,
                AttributeValue::M(item),
            ),
            (r#"{"M":{}}"#, AttributeValue::M(Item::new())),
            (
                r#"{"L":[{"N":"1"},{"L":[]},{"BOOL":false}]}"#,
                AttributeValue::L(vec![
                    AttributeValue::N(n("1")),
                    AttributeValue::L(Vec::new()),
                    AttributeValue::Bool(false),
                ]),
            ),
            (
                r#"{"SS":["b","a",""]}"#,
                AttributeValue::Ss(vec!["b".into(), "a".into(), String::new()]),
            ),
            (
                r#"{"NS":["1","2.5","-100"]}"#,
                AttributeValue::Ns(vec![n("1"), n("2.5"), n("-1e2")]),
            ),
            (
                r#"{"BS":["AAE=","/w=="]}"#,
                AttributeValue::Bs(vec![vec![0, 1], vec![255]]),
            ),
        ];
        for (json, value) in cases {
            assert_eq!(decode(json), Ok(value.clone()), "decode {json}");
            assert_eq!(encode(&value), json, "encode {value:?}");
        }
    }

    /// Numbers are read in any valid spelling and written in DynamoDB's normalized form.
    #[test]
    fn numbers_are_normalized_on_the_way_out() {
        let cases = [
            (r#"{"N":"1.50"}"#, r#"{"N":"1.5"}"#),
            (r#"{"N":"1e2"}"#, r#"{"N":"100"}"#),
            (r#"{"N":"-0.000"}"#, r#"{"N":"0"}"#),
            (r#"{"NS":["1.0","+2E0"]}"#, r#"{"NS":["1","2"]}"#),
        ];
        for (input, output) in cases {
            let value = decode(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(encode(&value), output, "{input}");
        }
    }

    #[test]
    fn malformed_values_are_rejected() {
        let cases = [
            (r#"{}"#, "Supplied AttributeValue is empty"),
            (r#"{"S":"x","N":"1"}"#, "more than one datatypes"),
            (r#"{"S":"x","S":"y"}"#, "more than one datatypes"),
            (
                r#"{"NULL":false}"#,
                "Null attribute value types must have the value of true",
            ),
            (r#"{"B":"!!"}"#, "Invalid Base64 value"),
            (r#"{"B":"AAE"}"#, "Invalid Base64 value"),
            (r#"{"BS":["AAE=","%"]}"#, "Invalid Base64 value"),
            (r#"{"X":"1"}"#, "unknown field `X`"),
            (r#"{"s":"x"}"#, "unknown field `s`"),
            (
                r#"{"N":"abc"}"#,
                "invalid number `abc`: not a decimal number",
            ),
            (r#"{"N":"1e126"}"#, "invalid number `1e126`"),
            (r#"{"NS":["1","x"]}"#, "invalid number `x`"),
            (r#"{"N":1}"#, "invalid type"),
            (r#"{"S":1}"#, "invalid type"),
            (r#"{"BOOL":"true"}"#, "invalid type"),
            (r#"{"NULL":null}"#, "invalid type"),
            (r#"{"L":{}}"#, "invalid type"),
            (r#"{"M":[]}"#, "invalid type"),
            (r#"{"SS":"a"}"#, "invalid type"),
            (r#""x""#, "invalid type"),
            (r#"null"#, "invalid type"),
            (r#"{"L":[{}]}"#, "Supplied AttributeValue is empty"),
        ];
        for (json, message) in cases {
            match decode(json) {
                Ok(value) => panic!("{json} should be rejected, got {value:?}"),
                Err(error) => assert!(
                    error.contains(message),
                    "{json}: `{error}` lacks `{message}`"
                ),
            }
        }
    }

    #[test]
    fn items_round_trip() {
        let json = r#"{"id":{"S":"k"},"n":{"N":"7"},"tags":{"SS":["a"]}}"#;
        let item: Item = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(item.get("n"), Some(&AttributeValue::N(n("7"))));
        assert_eq!(serde_json::to_string(&item).ok().as_deref(), Some(json));
    }

    #[test]
    fn decodes_from_json_values_too() {
        // Owned keys (not borrowed from the input) take the same path.
        let value = serde_json::json!({ "M": { "k": { "N": "1.0" } } });
        let decoded: Result<AttributeValue, _> = serde_json::from_value(value);
        let expected = AttributeValue::M(
            [("k".to_owned(), AttributeValue::N(n("1")))]
                .into_iter()
                .collect(),
        );
        assert_eq!(decoded.map_err(|e| e.to_string()), Ok(expected));
        let escaped_key = decode(r#"{"\u0053":"x"}"#);
        assert_eq!(escaped_key, Ok(AttributeValue::S("x".into())));
    }

    fn number() -> impl Strategy<Value = Number> {
        (any::<bool>(), any::<u64>(), -140i32..=120)
            .prop_filter_map("out of range", |(neg, c, e)| {
                Number::from_parts(neg, c.into(), e).ok()
            })
    }

    fn attribute_value() -> impl Strategy<Value = AttributeValue> {
        let leaf = prop_oneof![
            any::<String>().prop_map(AttributeValue::S),
            number().prop_map(AttributeValue::N),
            prop::collection::vec(any::<u8>(), 0..8).prop_map(AttributeValue::B),
            any::<bool>().prop_map(AttributeValue::Bool),
            Just(AttributeValue::Null),
            prop::collection::vec(any::<String>(), 1..4).prop_map(AttributeValue::Ss),
            prop::collection::vec(number(), 1..4).prop_map(AttributeValue::Ns),
            prop::collection::vec(prop::collection::vec(any::<u8>(), 0..6), 1..4)
                .prop_map(AttributeValue::Bs),
        ];
        // Depth at most 4: a leaf wrapped in up to 3 levels of lists and maps.
        leaf.prop_recursive(3, 48, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(AttributeValue::L),
                prop::collection::btree_map(any::<String>(), inner, 0..4)
                    .prop_map(AttributeValue::M),
            ]
        })
    }

    proptest! {
        #[test]
        fn json_round_trips(value in attribute_value()) {
            let json = encode(&value);
            prop_assert_eq!(decode(&json), Ok(value.clone()), "json {}", json);
            // Through serde_json::Value as well (owned strings instead of borrowed ones).
            let tree = serde_json::to_value(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let decoded: Result<AttributeValue, _> = serde_json::from_value(tree);
            prop_assert_eq!(decoded.map_err(|e| e.to_string()), Ok(value));
        }
    }
}
