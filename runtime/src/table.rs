//! Tables described by Rust types: the [`Table`] trait that `#[derive(Table)]` implements,
//! typed primary keys, and the table schema as a value.

use std::fmt;
use std::marker::PhantomData;

use crate::convert::{Attribute, KeyAttribute};
use crate::error::{Error, Result};
use crate::expr::Document;
use crate::model::{AttributeValue, Item};
use crate::schema::TableSchema;

/// A struct stored as items of one DynamoDB table. Derive it with `#[derive(Table)]`.
///
/// A table is also a [`Document`]: its fields have typed paths, [`Table::paths`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a table",
    label = "expected a type with `#[derive(Table)]`",
    note = "derive `dynamodel::Table` for the struct stored as the table's items, with `#[dynamodel(table = \"...\")]` and a `partition_key` field"
)]
pub trait Table: Attribute + Document + Send + Sync + 'static {
    /// The table name.
    const TABLE_NAME: &'static str;
    /// The partition key attribute's name.
    const PARTITION_KEY: &'static str;
    /// The sort key attribute's name, if the table has one.
    const SORT_KEY: Option<&'static str>;

    /// The attributes dynamodel maintains on writes (`version`, `created_at`,
    /// `updated_at`, `ttl` fields); none unless the derive declares them.
    const LIFECYCLE: crate::lifecycle::Lifecycle = crate::lifecycle::Lifecycle::NONE;

    /// The Rust type of the partition key.
    type PartitionKey: KeyAttribute + Send + Sync + 'static;
    /// The Rust type of the sort key, or [`NoSortKey`].
    type SortKey: SortKeySlot;

    /// The table's schema: key schema, attribute definitions and billing.
    fn schema() -> TableSchema;

    /// Converts the struct into an item.
    fn to_item(&self) -> Result<Item>;

    /// Reads an item into the struct.
    fn from_item(item: Item) -> Result<Self>;

    /// The primary key of this item.
    fn primary_key(&self) -> Key<Self>;

    /// The typed paths of this table's attributes, for conditions, filters, updates and
    /// projections (see [`expr`](crate::expr)).
    fn paths() -> Self::Paths<Self> {
        Self::paths_at(None)
    }
}

/// The sort key slot of a table: a key type, or [`NoSortKey`] for tables without one.
pub trait SortKeySlot: Send + Sync + 'static {
    #[doc(hidden)]
    fn put_sort_key(&self, name: Option<&'static str>, key: &mut Item) -> Result<()>;
}

impl<T: KeyAttribute + Send + Sync + 'static> SortKeySlot for T {
    fn put_sort_key(&self, name: Option<&'static str>, key: &mut Item) -> Result<()> {
        let name =
            name.ok_or_else(|| Error::configuration("sort key value for a table without one"))?;
        key.insert(
            name.to_owned(),
            self.to_attribute().map_err(|e| e.in_attribute(name))?,
        );
        Ok(())
    }
}

/// The sort key type of a table that has only a partition key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoSortKey;

impl SortKeySlot for NoSortKey {
    fn put_sort_key(&self, _name: Option<&'static str>, _key: &mut Item) -> Result<()> {
        Ok(())
    }
}

/// The primary key of one item of table `T`, with the key attributes' Rust types.
///
/// Build it with the generated `T::key(..)` constructor; a key for another table or with
/// values of the wrong type does not compile.
pub struct Key<T: Table> {
    partition: T::PartitionKey,
    sort: T::SortKey,
    table: PhantomData<fn() -> T>,
}

impl<T: Table> Key<T> {
    /// A key from its partition and sort values (`NoSortKey` for tables without a sort key).
    pub fn new(partition: T::PartitionKey, sort: T::SortKey) -> Self {
        Key {
            partition,
            sort,
            table: PhantomData,
        }
    }

    /// The partition key value.
    pub fn partition(&self) -> &T::PartitionKey {
        &self.partition
    }

    /// The sort key value.
    pub fn sort(&self) -> &T::SortKey {
        &self.sort
    }

    /// The key as DynamoDB's key map.
    pub fn to_item(&self) -> Result<Item> {
        let mut key = Item::new();
        key.insert(
            T::PARTITION_KEY.to_owned(),
            self.partition
                .to_attribute()
                .map_err(|e| e.in_attribute(T::PARTITION_KEY))?,
        );
        self.sort.put_sort_key(T::SORT_KEY, &mut key)?;
        Ok(key)
    }
}

impl<T: Table> Clone for Key<T>
where
    T::PartitionKey: Clone,
    T::SortKey: Clone,
{
    fn clone(&self) -> Self {
        Key::new(self.partition.clone(), self.sort.clone())
    }
}

impl<T: Table> PartialEq for Key<T>
where
    T::PartitionKey: PartialEq,
    T::SortKey: PartialEq,
{
    fn eq(&self, other: &Self) -> bool {
        self.partition == other.partition && self.sort == other.sort
    }
}

impl<T: Table> fmt::Debug for Key<T>
where
    T::PartitionKey: fmt::Debug,
    T::SortKey: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("table", &T::TABLE_NAME)
            .field(T::PARTITION_KEY, &self.partition)
            .field(T::SORT_KEY.unwrap_or("sort"), &self.sort)
            .finish()
    }
}

/// Reads a required attribute of an item for generated code.
#[doc(hidden)]
pub fn take_field<V: Attribute>(item: &mut Item, name: &str) -> Result<V> {
    match item.remove(name) {
        Some(value) => V::from_attribute(value).map_err(|e| e.in_attribute(name)),
        None => V::from_absent().map_err(|e| e.in_attribute(name)),
    }
}

/// Reads an attribute with a `default` for generated code.
#[doc(hidden)]
pub fn take_field_or_default<V: Attribute + Default>(item: &mut Item, name: &str) -> Result<V> {
    match item.remove(name) {
        Some(value) => V::from_attribute(value).map_err(|e| e.in_attribute(name)),
        None => Ok(V::default()),
    }
}

/// Writes a field for generated code, leaving absent values out.
#[doc(hidden)]
pub fn put_field<V: Attribute>(item: &mut Item, name: &str, value: &V) -> Result<()> {
    if !value.is_absent() {
        item.insert(
            name.to_owned(),
            value.to_attribute().map_err(|e| e.in_attribute(name))?,
        );
    }
    Ok(())
}

/// Writes a `nullable` field for generated code: absent values become `NULL`.
#[doc(hidden)]
pub fn put_nullable_field<V: Attribute>(item: &mut Item, name: &str, value: &V) -> Result<()> {
    let value = if value.is_absent() {
        AttributeValue::Null
    } else {
        value.to_attribute().map_err(|e| e.in_attribute(name))?
    };
    item.insert(name.to_owned(), value);
    Ok(())
}

// Support for the code `dynamodel-derive` generates, reached through `__private`.

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
    put: fn(&mut Item, &str, &V) -> Result<()>,
    put_nullable: fn(&mut Item, &str, &V) -> Result<()>,
    take: fn(&mut Item, &str) -> Result<V>,
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
        put: put_field::<V>,
        put_nullable: put_nullable_field::<V>,
        take: take_field::<V>,
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

    /// [`put_field`].
    #[inline]
    pub fn put(&self, item: &mut Item, name: &str, value: &V) -> Result<()> {
        (self.put)(item, name, value)
    }

    /// [`put_nullable_field`].
    #[inline]
    pub fn put_nullable(&self, item: &mut Item, name: &str, value: &V) -> Result<()> {
        (self.put_nullable)(item, name, value)
    }

    /// [`take_field`].
    #[inline]
    pub fn take(&self, item: &mut Item, name: &str) -> Result<V> {
        (self.take)(item, name)
    }

    /// Reads the element at `index` of a list (a tuple's field), adding the index to errors.
    #[inline]
    pub fn from_element(&self, value: AttributeValue, index: usize) -> Result<V> {
        (self.from)(value).map_err(|e| e.in_element(index))
    }

    /// [`take_field_or_default`], with the default passed in so that only a `default`
    /// field needs `V: Default`.
    #[inline]
    pub fn take_or_default(&self, item: &mut Item, name: &str, default: fn() -> V) -> Result<V> {
        if item.contains_key(name) {
            (self.take)(item, name)
        } else {
            Ok(default())
        }
    }
}

impl<V> fmt::Debug for FieldCodec<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FieldCodec")
            .field("type", &std::any::type_name::<V>())
            .finish()
    }
}

/// Reads the map of a struct stored as `M`, for generated code.
#[doc(hidden)]
pub fn take_map(value: AttributeValue) -> Result<Item> {
    match value {
        AttributeValue::M(map) => Ok(map),
        other => Err(crate::convert::type_mismatch(
            crate::model::AttributeType::M,
            &other,
        )),
    }
}

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
        other => Err(crate::convert::type_mismatch(
            crate::model::AttributeType::L,
            &other,
        )),
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
