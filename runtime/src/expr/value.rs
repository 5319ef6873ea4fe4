//! What a typed path allows, decided by the Rust type stored there.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::path::ListElement;
use crate::convert::{Attribute, SetMember};
use crate::error::Result;
use crate::model::{AttributeValue, Number};

/// A value usable where a path of type `V` expects one: `V` itself, `&V`, `&str` for
/// strings, and a plain value for an `Option` path.
#[diagnostic::on_unimplemented(
    message = "a `{Self}` cannot be compared with or stored in an attribute of type `{V}`",
    label = "expected a value of the attribute's type `{V}`",
    note = "values in expressions must have the field's Rust type (or `&str` for `String` fields)"
)]
pub trait AsValue<V> {
    /// The attribute value.
    fn to_value(self) -> Result<AttributeValue>;
}

impl<V: Attribute> AsValue<V> for V {
    fn to_value(self) -> Result<AttributeValue> {
        self.to_attribute()
    }
}

impl<V: Attribute> AsValue<V> for &V {
    fn to_value(self) -> Result<AttributeValue> {
        self.to_attribute()
    }
}

impl AsValue<String> for &str {
    fn to_value(self) -> Result<AttributeValue> {
        Ok(AttributeValue::S(self.to_owned()))
    }
}

impl<V: Attribute> AsValue<Option<V>> for V {
    fn to_value(self) -> Result<AttributeValue> {
        self.to_attribute()
    }
}

impl AsValue<Option<String>> for &str {
    fn to_value(self) -> Result<AttributeValue> {
        Ok(AttributeValue::S(self.to_owned()))
    }
}

/// Types DynamoDB orders (`<`, `BETWEEN`): numbers, strings and binary.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no order in DynamoDB",
    label = "`<`, `<=`, `>`, `>=` and `between` need a number, string or binary attribute",
    note = "DynamoDB only orders numbers (N), strings (S) and binary (B)"
)]
pub trait Ordered {}

/// Number types: `+`/`-` in `SET` and `ADD`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number",
    label = "arithmetic and `ADD` need a number attribute",
    note = "DynamoDB only adds and subtracts numbers (N)"
)]
pub trait Numeric {}

/// Strings and binary: `begins_with`.
#[diagnostic::on_unimplemented(
    message = "`begins_with` needs a string or binary attribute, not `{Self}`",
    note = "DynamoDB only supports `begins_with` on strings (S) and binary (B)"
)]
pub trait Prefixed {}

/// Strings, binary, sets, lists and maps: `size`.
#[diagnostic::on_unimplemented(
    message = "`size` is not defined for `{Self}`",
    note = "DynamoDB's `size` works on strings, binary, sets, lists and maps"
)]
pub trait HasSize {}

/// What `contains` looks for: a substring in a string, a member in a set, an element in a
/// list.
#[diagnostic::on_unimplemented(
    message = "`contains` is not defined for `{Self}`",
    note = "DynamoDB's `contains` works on strings (substring), sets (member) and lists (element)"
)]
pub trait Container {
    /// The type of what it contains.
    type Member;
}

/// Sets and their member type: `ADD` and `DELETE` of members.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set",
    label = "adding and deleting members needs a set attribute (`HashSet` or `BTreeSet`)",
    note = "DynamoDB's `ADD` and `DELETE` of members work on string, number and binary sets"
)]
pub trait SetType {
    /// The member type.
    type Member: SetMember;
}

/// Field types that read back after `REMOVE`: `Option` (as `None`) and sets (as empty).
/// List elements and map entries can always be removed.
#[diagnostic::on_unimplemented(
    message = "removing `{Self}` would leave an item that no longer reads back",
    label = "only `Option` fields, sets, list elements and map entries can be removed",
    note = "make the field an `Option` to allow `remove`, or `set` it to another value"
)]
pub trait Removable {}

macro_rules! numbers {
    ($($ty:ty),+) => {$(
        impl Ordered for $ty {}
        impl Numeric for $ty {}
        impl ListElement for $ty {}
    )+};
}

numbers!(
    i8, i16, i32, i64, i128, isize, u16, u32, u64, u128, usize, f32, f64, Number
);

impl Ordered for u8 {}
impl Numeric for u8 {}

impl Ordered for String {}
impl Prefixed for String {}
impl HasSize for String {}
impl ListElement for String {}
impl Container for String {
    type Member = String;
}

impl ListElement for bool {}
impl ListElement for AttributeValue {}

impl<E: Attribute> ListElement for Vec<E> {}
impl<E: Attribute> HasSize for Vec<E> {}

/// `Vec<u8>` is binary: ordered and prefix-matched by unsigned bytes.
impl Ordered for Vec<u8> {}
impl Prefixed for Vec<u8> {}

impl<E: ListElement + Attribute> Container for Vec<E> {
    type Member = E;
}

impl<M: SetMember, S> SetType for HashSet<M, S> {
    type Member = M;
}
impl<M: SetMember> SetType for BTreeSet<M> {
    type Member = M;
}
impl<M: SetMember, S> Container for HashSet<M, S> {
    type Member = M;
}
impl<M: SetMember> Container for BTreeSet<M> {
    type Member = M;
}
impl<M, S> HasSize for HashSet<M, S> {}
impl<M> HasSize for BTreeSet<M> {}
impl<M, S> Removable for HashSet<M, S> {}
impl<M> Removable for BTreeSet<M> {}
impl<M, S> ListElement for HashSet<M, S> {}
impl<M> ListElement for BTreeSet<M> {}

impl<V, S> HasSize for HashMap<String, V, S> {}
impl<V> HasSize for BTreeMap<String, V> {}
impl<V, S> ListElement for HashMap<String, V, S> {}
impl<V> ListElement for BTreeMap<String, V> {}

impl<V> Removable for Option<V> {}
impl<V: ListElement> ListElement for Option<V> {}
impl<V: Ordered> Ordered for Option<V> {}
impl<V: Numeric> Numeric for Option<V> {}
impl<V: Prefixed> Prefixed for Option<V> {}
impl<V: HasSize> HasSize for Option<V> {}
impl<V: Container> Container for Option<V> {
    type Member = V::Member;
}
impl<V: SetType> SetType for Option<V> {
    type Member = V::Member;
}

impl<V: ListElement> ListElement for Box<V> {}

#[cfg(feature = "chrono")]
mod chrono_impls {
    use chrono::{DateTime, NaiveDate, Utc};

    use super::{ListElement, Ordered, Prefixed};

    impl Ordered for DateTime<Utc> {}
    impl Prefixed for DateTime<Utc> {}
    impl ListElement for DateTime<Utc> {}
    impl Ordered for NaiveDate {}
    impl Prefixed for NaiveDate {}
    impl ListElement for NaiveDate {}
}

#[cfg(feature = "uuid")]
mod uuid_impls {
    use super::{ListElement, Ordered};

    impl Ordered for uuid::Uuid {}
    impl ListElement for uuid::Uuid {}
}
