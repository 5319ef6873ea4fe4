//! Support for the code `#[derive(Table)]` and `#[derive(Attribute)]` generate to convert
//! the fields of a struct to and from the attributes of an item, reached through
//! `__private`.
//!
//! Writing, generated code converts every field in declaration order (so an error names the
//! first failing field), then pushes the attributes into an [`ItemBuilder`] in ascending
//! name order: the item is then built in one pass over sorted input instead of one search
//! and insertion per field.
//!
//! Reading, generated code walks the item once, moving each attribute into the slot of the
//! field stored under that name (an `Option<AttributeValue>`), then reads the fields from
//! their slots in declaration order: no attribute is searched for or removed from the map.

use std::fmt;

use crate::convert::{Attribute, type_mismatch};
use crate::error::Result;
use crate::model::{AttributeType, AttributeValue, Item};

/// The attributes of an item being written by generated code, collected in a `Vec` and
/// turned into the item at the end.
///
/// Attributes may be pushed in any order; pushed in ascending name order (byte order, as
/// `Item` sorts), building the item costs one comparison per attribute. As with
/// `Item::insert`, the last value pushed under a name wins.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct ItemBuilder {
    attributes: Vec<(String, AttributeValue)>,
}

impl ItemBuilder {
    /// A builder with room for `capacity` attributes.
    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        ItemBuilder {
            attributes: Vec::with_capacity(capacity),
        }
    }

    /// Adds the attribute `name`; `None` (an absent value) is left out.
    #[inline]
    pub fn push(&mut self, name: &str, value: Option<AttributeValue>) {
        if let Some(value) = value {
            self.attributes.push((name.to_owned(), value));
        }
    }

    /// The item. `Item`'s `FromIterator` sorts its input stably (a single pass when it is
    /// already sorted), drops all but the last of equal names and bulk-builds the map.
    #[inline]
    pub fn into_item(self) -> Item {
        self.attributes.into_iter().collect()
    }
}

impl Extend<(String, AttributeValue)> for ItemBuilder {
    fn extend<I: IntoIterator<Item = (String, AttributeValue)>>(&mut self, attributes: I) {
        self.attributes.extend(attributes);
    }
}

/// How generated code converts one value of type `V`: a field, a newtype's inner value or
/// a variant's data. Built by [`field`].
///
/// `field::<V>()` is the one place generated code requires `V: Attribute`, so rustc
/// reports an unsupported type once, on the field's type, instead of at every use.
#[doc(hidden)]
pub struct FieldCodec<V> {
    to: fn(&V) -> Result<AttributeValue>,
    from: fn(AttributeValue) -> Result<V>,
    is_absent: fn(&V) -> bool,
    from_absent: fn() -> Result<V>,
}

/// The conversions of `V` for generated code.
#[doc(hidden)]
#[inline]
pub fn field<V: Attribute>() -> FieldCodec<V> {
    FieldCodec {
        to: V::to_attribute,
        from: V::from_attribute,
        is_absent: V::is_absent,
        from_absent: V::from_absent,
    }
}

impl<V> FieldCodec<V> {
    /// [`Attribute::to_attribute`].
    #[inline]
    pub fn to_attribute(&self, value: &V) -> Result<AttributeValue> {
        (self.to)(value)
    }

    /// [`Attribute::from_attribute`].
    #[inline]
    pub fn from_attribute(&self, value: AttributeValue) -> Result<V> {
        (self.from)(value)
    }

    /// [`Attribute::is_absent`].
    #[inline]
    pub fn is_absent(&self, value: &V) -> bool {
        (self.is_absent)(value)
    }

    /// [`Attribute::from_absent`].
    #[inline]
    pub fn from_absent(&self) -> Result<V> {
        (self.from_absent)()
    }

    /// The attribute of the field `name`: `None` when the value is absent (left out of
    /// the item); errors name the attribute.
    #[inline]
    pub fn attribute(&self, value: &V, name: &str) -> Result<Option<AttributeValue>> {
        if (self.is_absent)(value) {
            return Ok(None);
        }
        match (self.to)(value) {
            Ok(attribute) => Ok(Some(attribute)),
            Err(e) => Err(e.in_attribute(name)),
        }
    }

    /// The attribute of the `nullable` field `name`: `NULL` when the value is absent.
    #[inline]
    pub fn nullable_attribute(&self, value: &V, name: &str) -> Result<Option<AttributeValue>> {
        match self.attribute(value, name)? {
            Some(attribute) => Ok(Some(attribute)),
            None => Ok(Some(AttributeValue::Null)),
        }
    }

    /// Reads the field `name` from its attribute, `None` when the item has none (then
    /// [`Attribute::from_absent`] decides); errors name the attribute.
    #[inline]
    pub fn read(&self, value: Option<AttributeValue>, name: &str) -> Result<V> {
        let read = match value {
            Some(value) => (self.from)(value),
            None => (self.from_absent)(),
        };
        read.map_err(|e| e.in_attribute(name))
    }

    /// Reads a field with a `default`, used when the item has no attribute `name`; the
    /// default is passed in so that only a `default` field needs `V: Default`.
    #[inline]
    pub fn read_or_default(
        &self,
        value: Option<AttributeValue>,
        name: &str,
        default: fn() -> V,
    ) -> Result<V> {
        match value {
            Some(value) => self.read(Some(value), name),
            None => Ok(default()),
        }
    }

    /// Removes the attribute `name` from `item` and reads it, as [`FieldCodec::read`], for
    /// generated code whose attribute names are not known at compile time (projections).
    #[inline]
    pub fn take(&self, item: &mut Item, name: &str) -> Result<V> {
        self.read(item.remove(name), name)
    }

    /// Removes the attribute `name` from `item` and reads it, as
    /// [`FieldCodec::read_or_default`].
    #[inline]
    pub fn take_or_default(&self, item: &mut Item, name: &str, default: fn() -> V) -> Result<V> {
        self.read_or_default(item.remove(name), name, default)
    }

    /// Reads the element at `index` of a list (a tuple's field), adding the index to errors.
    #[inline]
    pub fn from_element(&self, value: AttributeValue, index: usize) -> Result<V> {
        (self.from)(value).map_err(|e| e.in_element(index))
    }
}

impl<V> fmt::Debug for FieldCodec<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FieldCodec")
            .field("type", &std::any::type_name::<V>())
            .finish()
    }
}

/// Writes the field `name` into `item`, leaving absent values out, for hand-written
/// [`Table`](crate::Table) impls.
#[doc(hidden)]
pub fn put_field<V: Attribute>(item: &mut Item, name: &str, value: &V) -> Result<()> {
    if let Some(attribute) = field::<V>().attribute(value, name)? {
        item.insert(name.to_owned(), attribute);
    }
    Ok(())
}

/// Removes and reads the field `name` of `item`, for hand-written
/// [`Table`](crate::Table) impls.
#[doc(hidden)]
pub fn take_field<V: Attribute>(item: &mut Item, name: &str) -> Result<V> {
    field::<V>().take(item, name)
}

/// Reads the map of a struct stored as `M`, for generated code.
#[doc(hidden)]
pub fn take_map(value: AttributeValue) -> Result<Item> {
    match value {
        AttributeValue::M(map) => Ok(map),
        other => Err(type_mismatch(AttributeType::M, &other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> AttributeValue {
        AttributeValue::S(text.to_owned())
    }

    #[test]
    fn builder_sorts_any_order_and_keeps_the_last_value_of_a_name() {
        let mut builder = ItemBuilder::with_capacity(4);
        builder.push("b", Some(s("first b")));
        builder.push("a", Some(s("a")));
        builder.push("c", None);
        builder.extend([("b".to_owned(), s("second b"))]);
        let item = builder.into_item();
        let entries: Vec<(&str, &AttributeValue)> =
            item.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(entries, [("a", &s("a")), ("b", &s("second b"))]);
    }

    #[test]
    fn absent_values_are_left_out_or_null_when_nullable() {
        let codec = field::<Option<String>>();
        assert_eq!(codec.attribute(&None, "note").unwrap(), None);
        assert_eq!(
            codec.nullable_attribute(&None, "note").unwrap(),
            Some(AttributeValue::Null)
        );
        assert_eq!(
            codec
                .nullable_attribute(&Some("x".to_owned()), "note")
                .unwrap(),
            Some(s("x"))
        );
    }

    #[test]
    fn write_errors_name_the_attribute() {
        let err = field::<f64>().attribute(&f64::NAN, "rate").unwrap_err();
        assert!(err.message().starts_with("attribute `rate`: "), "{err}");
    }

    #[test]
    fn reads_from_slots_name_the_attribute_and_use_defaults() {
        let codec = field::<u32>();
        assert_eq!(
            codec
                .read(Some(AttributeValue::N(7u32.into())), "n")
                .unwrap(),
            7
        );
        let missing = codec.read(None, "count").unwrap_err();
        assert_eq!(missing.message(), "attribute `count`: attribute is missing");
        let wrong = codec.read(Some(s("x")), "count").unwrap_err();
        assert!(
            wrong
                .message()
                .starts_with("attribute `count`: expected a number"),
            "{wrong}"
        );
        assert_eq!(codec.read_or_default(None, "count", || 5).unwrap(), 5);
        assert_eq!(field::<Option<u32>>().read(None, "n").unwrap(), None);
    }

    #[test]
    fn take_removes_the_attribute() {
        let mut item = Item::from([("a".to_owned(), s("x")), ("b".to_owned(), s("y"))]);
        assert_eq!(take_field::<String>(&mut item, "a").unwrap(), "x");
        assert!(!item.contains_key("a"));
        put_field(&mut item, "c", &None::<String>).unwrap();
        assert!(!item.contains_key("c"));
    }
}
