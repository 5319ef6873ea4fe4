//! Tables described by Rust types: the [`Table`] trait that `#[derive(Table)]` implements,
//! typed primary keys, and the table schema as a value.

use std::fmt;
use std::marker::PhantomData;

use crate::convert::{Attribute, KeyAttribute};
use crate::error::{Error, Result};
use crate::expr::Document;
use crate::model::Item;
use crate::schema::TableSchema;

mod fields;
mod variants;

#[doc(hidden)]
pub use fields::{FieldCodec, ItemBuilder, field, put_field, take_field, take_map};
#[doc(hidden)]
pub use variants::{list, take_elements, unknown_variant, variant_parts, variant_value};

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
