//! Key values of tables and indexes: one attribute, or a tuple of attributes for DynamoDB's
//! multi-attribute global secondary index keys.

use crate::convert::KeyAttribute;
use crate::error::Result;
use crate::expr::AsValue;
use crate::model::AttributeValue;
use crate::table::NoSortKey;

/// A value usable as a key of type `K`: a value of a single key type (anything
/// [`AsValue<K>`], so `&str` for `String`), or for a multi-attribute key `(A, B, ..)` a
/// tuple of values, one per key attribute in key order.
#[diagnostic::on_unimplemented(
    message = "a `{Self}` cannot be used as a key of type `{K}`",
    label = "expected a value of the key's type `{K}`",
    note = "a key value has the key field's Rust type (or `&str` for a `String` field); a multi-attribute key takes a tuple with one value per attribute, in key order"
)]
pub trait AsKey<K> {
    /// The attribute values, one per key attribute.
    fn to_values(self) -> Result<Vec<AttributeValue>>;
}

// No `K: KeyAttribute` bound: a tuple key never matches `AsValue<K>`, so a single value
// given for a multi-attribute key reports the one error above, not also "not a key type".
impl<K, V: AsValue<K>> AsKey<K> for V {
    fn to_values(self) -> Result<Vec<AttributeValue>> {
        Ok(vec![self.to_value()?])
    }
}

macro_rules! tuple_keys {
    ($(($($key:ident $value:ident $index:tt),+))+) => {$(
        impl<$($key: KeyAttribute, $value: AsValue<$key>),+> AsKey<($($key,)+)> for ($($value,)+) {
            fn to_values(self) -> Result<Vec<AttributeValue>> {
                Ok(vec![$(self.$index.to_value()?),+])
            }
        }
    )+};
}

tuple_keys! {
    (K0 V0 0, K1 V1 1)
    (K0 V0 0, K1 V1 1, K2 V2 2)
    (K0 V0 0, K1 V1 1, K2 V2 2, K3 V3 3)
}

/// A sort key seen as its first attribute and the rest, so that key conditions name the
/// sort attributes left to right: a single key type `K` is `K` then nothing
/// ([`NoSortKey`]); `(A, B)` is `A` then `B`; `(A, B, C)` is `A` then `(B, C)`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no sort key attribute left to compare",
    label = "no sort key condition is possible here",
    note = "a table or index without a sort key takes only the partition key; a multi-attribute sort key takes conditions on its attributes left to right"
)]
pub trait SortKeyParts {
    /// The Rust type of the first attribute.
    type First: KeyAttribute;
    /// The attributes after the first, or [`NoSortKey`].
    type Rest;
}

impl<K: KeyAttribute> SortKeyParts for K {
    type First = K;
    type Rest = NoSortKey;
}

impl<A: KeyAttribute, B: KeyAttribute> SortKeyParts for (A, B) {
    type First = A;
    type Rest = B;
}

impl<A: KeyAttribute, B: KeyAttribute, C: KeyAttribute> SortKeyParts for (A, B, C) {
    type First = A;
    type Rest = (B, C);
}

impl<A: KeyAttribute, B: KeyAttribute, C: KeyAttribute, D: KeyAttribute> SortKeyParts
    for (A, B, C, D)
{
    type First = A;
    type Rest = (B, C, D);
}

#[cfg(test)]
mod tests {
    use super::AsKey;
    use crate::model::AttributeValue;

    fn values<K>(key: impl AsKey<K>) -> Vec<AttributeValue> {
        key.to_values().expect("the key converts")
    }

    #[test]
    fn a_single_key_is_one_value() {
        assert_eq!(values::<String>("u1"), [AttributeValue::S("u1".into())]);
        assert_eq!(
            values::<u32>(7u32),
            [AttributeValue::N("7".parse().unwrap())]
        );
    }

    #[test]
    fn a_tuple_key_is_one_value_per_attribute_in_order() {
        assert_eq!(
            values::<(String, u16, String)>(("US", 2024u16, "Seattle")),
            [
                AttributeValue::S("US".into()),
                AttributeValue::N("2024".parse().unwrap()),
                AttributeValue::S("Seattle".into()),
            ]
        );
    }
}
