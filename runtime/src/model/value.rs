//! DynamoDB's attribute values.

use std::collections::BTreeMap;
use std::fmt;

use super::Number;

/// An item or a map value: attribute names to values, in a deterministic (sorted) order.
pub type Item = BTreeMap<String, AttributeValue>;

/// One DynamoDB attribute value, of any of the ten DynamoDB data types.
///
/// Sets keep their members in the order given; DynamoDB does not order set members, and
/// equality here is structural (use the engine's comparison for DynamoDB's set equality).
#[derive(Clone, PartialEq, Eq)]
pub enum AttributeValue {
    /// String (`S`).
    S(String),
    /// Number (`N`), exact.
    N(Number),
    /// Binary (`B`), the decoded bytes.
    B(Vec<u8>),
    /// Boolean (`BOOL`).
    Bool(bool),
    /// Null (`NULL`).
    Null,
    /// Map (`M`).
    M(Item),
    /// List (`L`).
    L(Vec<AttributeValue>),
    /// String set (`SS`).
    Ss(Vec<String>),
    /// Number set (`NS`).
    Ns(Vec<Number>),
    /// Binary set (`BS`).
    Bs(Vec<Vec<u8>>),
}

/// The ten DynamoDB data types, as named on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttributeType {
    /// `S`
    S,
    /// `N`
    N,
    /// `B`
    B,
    /// `BOOL`
    Bool,
    /// `NULL`
    Null,
    /// `M`
    M,
    /// `L`
    L,
    /// `SS`
    Ss,
    /// `NS`
    Ns,
    /// `BS`
    Bs,
}

impl AttributeType {
    /// The type's wire name (`"S"`, `"BOOL"`, `"SS"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeType::S => "S",
            AttributeType::N => "N",
            AttributeType::B => "B",
            AttributeType::Bool => "BOOL",
            AttributeType::Null => "NULL",
            AttributeType::M => "M",
            AttributeType::L => "L",
            AttributeType::Ss => "SS",
            AttributeType::Ns => "NS",
            AttributeType::Bs => "BS",
        }
    }

    /// Parses a wire name.
    pub fn from_wire(name: &str) -> Option<AttributeType> {
        Some(match name {
            "S" => AttributeType::S,
            "N" => AttributeType::N,
            "B" => AttributeType::B,
            "BOOL" => AttributeType::Bool,
            "NULL" => AttributeType::Null,
            "M" => AttributeType::M,
            "L" => AttributeType::L,
            "SS" => AttributeType::Ss,
            "NS" => AttributeType::Ns,
            "BS" => AttributeType::Bs,
            _ => return None,
        })
    }
}

impl fmt::Display for AttributeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AttributeValue {
    /// This value's data type.
    pub fn attribute_type(&self) -> AttributeType {
        match self {
            AttributeValue::S(_) => AttributeType::S,
            AttributeValue::N(_) => AttributeType::N,
            AttributeValue::B(_) => AttributeType::B,
            AttributeValue::Bool(_) => AttributeType::Bool,
            AttributeValue::Null => AttributeType::Null,
            AttributeValue::M(_) => AttributeType::M,
            AttributeValue::L(_) => AttributeType::L,
            AttributeValue::Ss(_) => AttributeType::Ss,
            AttributeValue::Ns(_) => AttributeType::Ns,
            AttributeValue::Bs(_) => AttributeType::Bs,
        }
    }

    /// The string, if this is an `S`.
    pub fn as_s(&self) -> Option<&str> {
        match self {
            AttributeValue::S(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is an `N`.
    pub fn as_n(&self) -> Option<&Number> {
        match self {
            AttributeValue::N(n) => Some(n),
            _ => None,
        }
    }

    /// The bytes, if this is a `B`.
    pub fn as_b(&self) -> Option<&[u8]> {
        match self {
            AttributeValue::B(b) => Some(b),
            _ => None,
        }
    }

    /// The boolean, if this is a `BOOL`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            AttributeValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The map, if this is an `M`.
    pub fn as_m(&self) -> Option<&Item> {
        match self {
            AttributeValue::M(m) => Some(m),
            _ => None,
        }
    }

    /// The list, if this is an `L`.
    pub fn as_l(&self) -> Option<&[AttributeValue]> {
        match self {
            AttributeValue::L(l) => Some(l),
            _ => None,
        }
    }

    /// Whether this is `NULL`.
    pub fn is_null(&self) -> bool {
        matches!(self, AttributeValue::Null)
    }
}

/// Prints the value in DynamoDB's JSON wire form, e.g. `{"S":"x"}`.
impl fmt::Debug for AttributeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(self) {
            Ok(json) => f.write_str(&json),
            Err(_) => f.write_str("<unprintable attribute value>"),
        }
    }
}

impl From<String> for AttributeValue {
    fn from(value: String) -> Self {
        AttributeValue::S(value)
    }
}

impl From<&str> for AttributeValue {
    fn from(value: &str) -> Self {
        AttributeValue::S(value.to_owned())
    }
}

impl From<Number> for AttributeValue {
    fn from(value: Number) -> Self {
        AttributeValue::N(value)
    }
}

impl From<bool> for AttributeValue {
    fn from(value: bool) -> Self {
        AttributeValue::Bool(value)
    }
}

impl From<Vec<u8>> for AttributeValue {
    fn from(value: Vec<u8>) -> Self {
        AttributeValue::B(value)
    }
}

impl From<Item> for AttributeValue {
    fn from(value: Item) -> Self {
        AttributeValue::M(value)
    }
}

impl From<Vec<AttributeValue>> for AttributeValue {
    fn from(value: Vec<AttributeValue>) -> Self {
        AttributeValue::L(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attribute_value_is_32_bytes() {
        // Pinned: was 48 while `Number` held a 16-byte-aligned u128. Items store one per
        // attribute, lists one per element.
        assert_eq!(std::mem::size_of::<AttributeValue>(), 32);
    }

    const ALL_TYPES: [AttributeType; 10] = [
        AttributeType::S,
        AttributeType::N,
        AttributeType::B,
        AttributeType::Bool,
        AttributeType::Null,
        AttributeType::M,
        AttributeType::L,
        AttributeType::Ss,
        AttributeType::Ns,
        AttributeType::Bs,
    ];

    fn one_of_each() -> Vec<AttributeValue> {
        vec![
            AttributeValue::S("x".into()),
            AttributeValue::N(Number::from(1)),
            AttributeValue::B(vec![1]),
            AttributeValue::Bool(true),
            AttributeValue::Null,
            AttributeValue::M(Item::new()),
            AttributeValue::L(Vec::new()),
            AttributeValue::Ss(vec!["a".into()]),
            AttributeValue::Ns(vec![Number::from(2)]),
            AttributeValue::Bs(vec![vec![3]]),
        ]
    }

    #[test]
    fn wire_names_round_trip() {
        let names = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"];
        for (ty, name) in ALL_TYPES.into_iter().zip(names) {
            assert_eq!(ty.as_str(), name);
            assert_eq!(ty.to_string(), name);
            assert_eq!(AttributeType::from_wire(name), Some(ty));
        }
        for unknown in ["", "s", "Bool", "STRING", "NUMBER", "N "] {
            assert_eq!(AttributeType::from_wire(unknown), None, "`{unknown}`");
        }
    }

    #[test]
    fn each_value_reports_its_type() {
        let types: Vec<AttributeType> = one_of_each()
            .iter()
            .map(AttributeValue::attribute_type)
            .collect();
        assert_eq!(types, ALL_TYPES);
    }

    #[test]
    fn accessors_match_only_their_type() {
        for value in one_of_each() {
            let ty = value.attribute_type();
            assert_eq!(value.as_s().is_some(), ty == AttributeType::S, "{value:?}");
            assert_eq!(value.as_n().is_some(), ty == AttributeType::N, "{value:?}");
            assert_eq!(value.as_b().is_some(), ty == AttributeType::B, "{value:?}");
            assert_eq!(
                value.as_bool().is_some(),
                ty == AttributeType::Bool,
                "{value:?}"
            );
            assert_eq!(value.is_null(), ty == AttributeType::Null, "{value:?}");
            assert_eq!(value.as_m().is_some(), ty == AttributeType::M, "{value:?}");
            assert_eq!(value.as_l().is_some(), ty == AttributeType::L, "{value:?}");
        }
        assert_eq!(AttributeValue::S("x".into()).as_s(), Some("x"));
        assert_eq!(
            AttributeValue::N(Number::from(7)).as_n(),
            Some(&Number::from(7))
        );
        assert_eq!(AttributeValue::B(vec![1, 2]).as_b(), Some(&[1u8, 2][..]));
        assert_eq!(AttributeValue::Bool(false).as_bool(), Some(false));
        assert_eq!(
            AttributeValue::L(vec![AttributeValue::Null]).as_l(),
            Some(&[AttributeValue::Null][..])
        );
    }

    #[test]
    fn conversions_pick_the_obvious_type() {
        assert_eq!(AttributeValue::from("x"), AttributeValue::S("x".into()));
        assert_eq!(
            AttributeValue::from(String::from("y")),
            AttributeValue::S("y".into())
        );
        assert_eq!(
            AttributeValue::from(Number::from(3)),
            AttributeValue::N(Number::from(3))
        );
        assert_eq!(AttributeValue::from(true), AttributeValue::Bool(true));
        assert_eq!(AttributeValue::from(vec![9u8]), AttributeValue::B(vec![9]));
        assert_eq!(
            AttributeValue::from(Item::new()),
            AttributeValue::M(Item::new())
        );
        assert_eq!(
            AttributeValue::from(vec![AttributeValue::Null]),
            AttributeValue::L(vec![AttributeValue::Null])
        );
    }

    #[test]
    fn equality_is_structural_with_numeric_numbers() {
        let spelled = |text: &str| Number::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            AttributeValue::N(spelled("1.0")),
            AttributeValue::N(spelled("1"))
        );
        // Set members keep their order: equality is structural, not set equality.
        assert_ne!(
            AttributeValue::Ss(vec!["a".into(), "b".into()]),
            AttributeValue::Ss(vec!["b".into(), "a".into()])
        );
        assert_ne!(
            AttributeValue::S("1".into()),
            AttributeValue::N(Number::from(1))
        );
        assert_ne!(AttributeValue::B(Vec::new()), AttributeValue::L(Vec::new()));
    }

    #[test]
    fn debug_prints_wire_json() {
        let value = AttributeValue::M(
            [
                (
                    "n".to_owned(),
                    AttributeValue::N(Number::parse("1.50").unwrap_or_default()),
                ),
                ("b".to_owned(), AttributeValue::B(vec![0, 1])),
                ("z".to_owned(), AttributeValue::Null),
            ]
            .into_iter()
            .collect(),
        );
        assert_eq!(
            format!("{value:?}"),
            r#"{"M":{"b":{"B":"AAE="},"n":{"N":"1.5"},"z":{"NULL":true}}}"#
        );
        assert_eq!(
            format!("{:?}", AttributeValue::Bool(true)),
            r#"{"BOOL":true}"#
        );
    }
}
