//! One table: its immutable definition and its items behind the table's own lock.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::SystemTime;

use dynamodel::model::AttributeType;
use dynamodel::model::{
    AttributeDefinition, BillingMode, BillingModeSummary, ItemCollectionMetrics, KeySchemaElement,
    ProvisionedThroughputDescription, ReturnItemCollectionMetrics, ScalarAttributeType,
    StreamSpecification, TableClass, TableClassSummary, TableDescription, TableStatus,
};
use dynamodel::{AttributeValue, Error, Item};
use parking_lot::RwLock;

use super::encoding;
use super::index::{EntryChange, Index, IndexScope, KeyWrite};
use super::item_collections::{Change, ItemCollections};
use super::key::{KeyValue, StorageKey};
use crate::messages;

/// A key attribute: its name and scalar type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyAttribute {
    pub(crate) name: String,
    pub(crate) kind: KeyKind,
}

/// The three scalar types a key can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    S,
    N,
    B,
}

impl KeyKind {
    pub(crate) fn from_scalar(scalar: &ScalarAttributeType) -> Option<KeyKind> {
        match scalar {
            ScalarAttributeType::S => Some(KeyKind::S),
            ScalarAttributeType::N => Some(KeyKind::N),
            ScalarAttributeType::B => Some(KeyKind::B),
            ScalarAttributeType::Unknown(_) => None,
        }
    }

    pub(crate) fn attribute_type(self) -> AttributeType {
        match self {
            KeyKind::S => AttributeType::S,
            KeyKind::N => AttributeType::N,
            KeyKind::B => AttributeType::B,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        self.attribute_type().as_str()
    }

    /// Whether `value` has this type.
    pub(crate) fn matches(self, value: &AttributeValue) -> bool {
        value.attribute_type() == self.attribute_type()
    }
}

/// A table's primary key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeySchema {
    pub(crate) hash: KeyAttribute,
    pub(crate) range: Option<KeyAttribute>,
}

impl KeySchema {
    /// The number of key attributes (1 or 2).
    pub(crate) fn len(&self) -> usize {
        1 + usize::from(self.range.is_some())
    }

    /// Whether `name` is one of the key attributes.
    pub(crate) fn is_key(&self, name: &str) -> bool {
        self.hash.name == name || self.range.as_ref().is_some_and(|r| r.name == name)
    }

    /// The storage key of an item or key map already checked against this schema.
    pub(crate) fn storage_key(&self, item: &Item) -> Option<StorageKey> {
        let partition = KeyValue::from_attribute(item.get(&self.hash.name)?)?;
        let sort = match &self.range {
            Some(range) => Some(KeyValue::from_attribute(item.get(&range.name)?)?),
            None => None,
        };
        Some(StorageKey::new(partition, sort))
    }

    /// The key attributes of a storage key, as an item (for `LastEvaluatedKey`).
    pub(crate) fn key_item(&self, key: &StorageKey) -> Item {
        let mut item = Item::new();
        item.insert(self.hash.name.clone(), key.partition.to_attribute());
        if let (Some(range), super::key::SortPart::Value(value)) = (&self.range, &key.sort) {
            item.insert(range.name.clone(), value.to_attribute());
        }
        item
    }
}

/// What CreateTable fixed about a table; never changes afterwards.
#[derive(Debug)]
pub(crate) struct TableDefinition {
    pub(crate) name: String,
    pub(crate) key_schema: KeySchema,
    pub(crate) key_schema_elements: Vec<KeySchemaElement>,
    pub(crate) created_at: f64,
    pub(crate) arn: String,
    pub(crate) id: String,
}

/// What UpdateTable can change about a table (its indexes are in [`TableData`]).
#[derive(Clone, Debug)]
pub(crate) struct TableSettings {
    /// Definitions of the table's and its indexes' key attributes, in request order.
    pub(crate) attribute_definitions: Vec<AttributeDefinition>,
    pub(crate) billing_mode: BillingMode,
    /// Read and write capacity units (0 and 0 for on-demand).
    pub(crate) read_capacity: i64,
    pub(crate) write_capacity: i64,
    /// When the table last switched to on-demand (epoch seconds).
    pub(crate) on_demand_since: Option<f64>,
    pub(crate) deletion_protection: bool,
    /// Stored and described; the engine produces no stream records.
    pub(crate) stream: Option<StreamSpecification>,
    pub(crate) table_class: Option<TableClass>,
}

/// An item in its encoded form (one heap block, see [`super::encoding`]) with its size,
/// computed once when it was written. Equal items have equal bytes.
///
/// The block is shared, so a read takes its copy under the table's lock by bumping a count,
/// and decodes it after releasing the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StoredItem {
    /// Only ever [`encoding::encode`]'s output.
    bytes: Arc<[u8]>,
    pub(crate) size: usize,
}

impl StoredItem {
    /// Stores `item`, whose DynamoDB size is `size`.
    pub(crate) fn new(item: &Item, size: usize) -> StoredItem {
        StoredItem {
            bytes: encoding::encode(item, size).into(),
            size,
        }
    }

    /// The stored item, decoded.
    ///
    /// # Errors
    /// `InternalServerError` if the bytes do not decode. That cannot come from any request
    /// (the bytes are the encoder's, and the encoding's tests cover every value shape); it
    /// would mean the engine's own memory is corrupt, which is reported rather than hidden
    /// behind an empty item.
    pub(crate) fn item(&self) -> Result<Item, Error> {
        encoding::decode(&self.bytes).map_err(|_| messages::stored_item_corrupt())
    }

    /// The value of the top-level attribute `name`, decoding nothing else.
    ///
    /// # Errors
    /// As [`StoredItem::item`].
    pub(crate) fn attribute(&self, name: &str) -> Result<Option<AttributeValue>, Error> {
        encoding::attribute(&self.bytes, name).map_err(|_| messages::stored_item_corrupt())
    }
}

/// The items of a table, ordered by [`StorageKey`], its settings and its indexes: everything
/// a write or UpdateTable changes, under one lock.
#[derive(Debug)]
pub(crate) struct TableData {
    pub(crate) items: BTreeMap<StorageKey, StoredItem>,
    /// Sum of the stored items' sizes.
    pub(crate) size_bytes: usize,
    pub(crate) settings: TableSettings,
    /// Local and global secondary indexes, in the order CreateTable listed them (local ones
    /// first), then in order of creation.
    pub(crate) indexes: Vec<Index>,
    /// Item collection sizes, on a table with local indexes (which only CreateTable can add).
    pub(crate) collections: Option<ItemCollections>,
}

impl TableData {
    /// Rejects `item` if one of its index key attributes would not make a valid index key.
    /// Every write path calls this before it stores anything.
    pub(crate) fn check_index_keys(&self, item: &Item) -> Result<(), Error> {
        self.check_index_keys_of(item, KeyWrite::Item)
    }

    /// [`TableData::check_index_keys`] for an item written as `write`.
    pub(crate) fn check_index_keys_of(&self, item: &Item, write: KeyWrite) -> Result<(), Error> {
        self.indexes
            .iter()
            .try_for_each(|index| index.check_write(item, write))
    }

    /// Removes the item under `key` and its index entries, returning it.
    pub(crate) fn delete(&mut self, key: &StorageKey) -> Result<Option<StoredItem>, Error> {
        Ok(self.write(key.clone(), None)?.old)
    }

    /// Stores `new` under `key` (already checked with [`TableData::check_index_keys`]), or
    /// removes the item when `None`, maintaining every index and the item collection sizes;
    /// reports what it replaced and what each index went through. Nothing changes if it fails.
    pub(crate) fn write(
        &mut self,
        key: StorageKey,
        new: Option<StoredItem>,
    ) -> Result<Written, Error> {
        let old = self.items.get(&key);
        let mut change = Change::default();
        let mut entries = Vec::with_capacity(self.indexes.len());
        // Decoded once for every index, and only when there are indexes.
        let (old_item, new_item) = if self.indexes.is_empty() {
            (None, None)
        } else {
            (
                old.map(StoredItem::item).transpose()?,
                new.as_ref().map(StoredItem::item).transpose()?,
            )
        };
        for index in &mut self.indexes {
            let entry = index.replace(&key, old_item.as_ref(), new_item.as_ref());
            if index.scope == IndexScope::Local {
                change = change.then(Change {
                    removed: entry.old.unwrap_or(0),
                    added: entry.new.unwrap_or(0),
                });
            }
            entries.push(entry);
        }
        change = change.then(Change {
            removed: old.map_or(0, |o| o.size),
            added: new.as_ref().map_or(0, |n| n.size),
        });
        if let Some(collections) = &mut self.collections {
            collections.apply(&key.partition, change);
        }
        let old = match new {
            Some(new) => {
                self.size_bytes = self.size_bytes.saturating_add(new.size);
                self.items.insert(key, new)
            }
            None => self.items.remove(&key),
        };
        if let Some(old) = &old {
            self.size_bytes = self.size_bytes.saturating_sub(old.size);
        }
        Ok(Written { old, entries })
    }

    /// [`TableData::write`], unless it would grow the item's collection past the limit.
    pub(crate) fn write_checked(
        &mut self,
        key: StorageKey,
        new: Option<StoredItem>,
    ) -> Result<Written, Error> {
        if self.collections.is_some() {
            let change = self.collection_change(&key, new.as_ref())?;
            self.check_collection(&key.partition, change)?;
        }
        self.write(key, new)
    }

    /// Rejects a set of writes to distinct items (each a key and its new item, `None` for a
    /// delete) if together they would grow an item collection past the limit.
    pub(crate) fn check_collections<'a>(
        &self,
        writes: impl IntoIterator<Item = (&'a StorageKey, Option<&'a StoredItem>)>,
    ) -> Result<(), Error> {
        if self.collections.is_none() {
            return Ok(());
        }
        let mut changes: BTreeMap<&KeyValue, Change> = BTreeMap::new();
        for (key, new) in writes {
            let change = self.collection_change(key, new)?;
            let total = changes.entry(&key.partition).or_default();
            *total = total.then(change);
        }
        changes
            .into_iter()
            .try_for_each(|(partition, change)| self.check_collection(partition, change))
    }

    /// Rejects `change` to the item collection of `partition` if it would pass the limit
    /// (always accepted on a table without local indexes).
    pub(crate) fn check_collection(
        &self,
        partition: &KeyValue,
        change: Change,
    ) -> Result<(), Error> {
        match &self.collections {
            Some(collections) => collections.check(partition, change),
            None => Ok(()),
        }
    }

    /// How storing `new` under `key` (or removing the item when `None`) would change its item
    /// collection: the item and its local index entries, old and new.
    pub(crate) fn collection_change(
        &self,
        key: &StorageKey,
        new: Option<&StoredItem>,
    ) -> Result<Change, Error> {
        let local = |item: &Item| -> usize {
            self.indexes
                .iter()
                .filter(|index| index.scope == IndexScope::Local)
                .filter_map(|index| index.entry_size(item))
                .fold(0, usize::saturating_add)
        };
        let size = |stored: Option<&StoredItem>| -> Result<usize, Error> {
            stored.map_or(Ok(0), |s| Ok(s.size.saturating_add(local(&s.item()?))))
        };
        Ok(Change {
            removed: size(self.items.get(key))?,
            added: size(new)?,
        })
    }

    /// The `ItemCollectionMetrics` of the collection of `partition`, or `None` on a table
    /// without local indexes.
    pub(crate) fn collection_metrics(
        &self,
        hash: &KeyAttribute,
        partition: &KeyValue,
    ) -> Option<ItemCollectionMetrics> {
        Some(self.collections.as_ref()?.metrics(hash, partition))
    }

    /// The `ItemCollectionMetrics` a single-item write returns: those of the collection of
    /// `key`, when `mode` asks for them and the table has local indexes.
    pub(crate) fn requested_metrics(
        &self,
        mode: Option<&ReturnItemCollectionMetrics>,
        hash: &KeyAttribute,
        key: &StorageKey,
    ) -> Option<ItemCollectionMetrics> {
        super::item_collections::requested(mode)
            .then(|| self.collection_metrics(hash, &key.partition))
            .flatten()
    }

    /// The index named `name`.
    pub(crate) fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }
}

/// What [`TableData::write`] replaced, and what it did to each index (in the order of
/// [`TableData::indexes`]).
#[derive(Debug)]
pub(crate) struct Written {
    pub(crate) old: Option<StoredItem>,
    pub(crate) entries: Vec<EntryChange>,
}

/// A table: definition plus items. Operations on one table serialize on `data`; reads share it.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) definition: TableDefinition,
    pub(crate) data: RwLock<TableData>,
    /// The time-to-live attribute, when time to live is enabled.
    pub(crate) time_to_live: RwLock<Option<String>>,
    /// Resource tags by key (TagResource, UntagResource, CreateTable's `Tags`).
    pub(crate) tags: RwLock<BTreeMap<String, String>>,
}

impl Table {
    pub(crate) fn new(
        definition: TableDefinition,
        settings: TableSettings,
        indexes: Vec<Index>,
    ) -> Self {
        let collections = indexes
            .iter()
            .any(|index| index.scope == IndexScope::Local)
            .then(ItemCollections::new);
        Table {
            definition,
            data: RwLock::new(TableData {
                items: BTreeMap::new(),
                size_bytes: 0,
                settings,
                indexes,
                collections,
            }),
            time_to_live: RwLock::new(None),
            tags: RwLock::new(BTreeMap::new()),
        }
    }

    /// The table's description in the given status.
    pub(crate) fn describe(&self, status: TableStatus, now: SystemTime) -> TableDescription {
        let data = self.data.read();
        let (count, size, settings) = (data.items.len(), data.size_bytes, &data.settings);
        let def = &self.definition;
        TableDescription {
            table_name: Some(def.name.clone()),
            attribute_definitions: Some(settings.attribute_definitions.clone()),
            key_schema: Some(def.key_schema_elements.clone()),
            table_status: Some(status),
            creation_date_time: Some(def.created_at),
            provisioned_throughput: Some(ProvisionedThroughputDescription {
                read_capacity_units: Some(settings.read_capacity),
                write_capacity_units: Some(settings.write_capacity),
                number_of_decreases_today: Some(0),
                last_increase_date_time: None,
                last_decrease_date_time: None,
            }),
            table_size_bytes: Some(i64::try_from(size).unwrap_or(i64::MAX)),
            item_count: Some(i64::try_from(count).unwrap_or(i64::MAX)),
            table_arn: Some(def.arn.clone()),
            table_id: Some(def.id.clone()),
            // Present once the table has been on-demand, also after a switch back to
            // provisioned (DynamoDB Local 3.3.0).
            billing_mode_summary: settings.on_demand_since.map(|since| BillingModeSummary {
                billing_mode: Some(settings.billing_mode.clone()),
                last_update_to_pay_per_request_date_time: Some(since),
            }),
            local_secondary_indexes: super::describe::local_indexes(&data.indexes),
            global_secondary_indexes: super::describe::global_indexes(&data.indexes, settings, now),
            stream_specification: settings.stream.clone().filter(|s| s.stream_enabled),
            table_class_summary: settings.table_class.clone().map(|class| TableClassSummary {
                table_class: Some(class),
            }),
            deletion_protection_enabled: Some(settings.deletion_protection),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_item_that_does_not_decode_is_an_internal_error_not_an_empty_item() {
        let corrupt = StoredItem {
            bytes: Arc::from(&[1, 2, b'p'][..]),
            size: 3,
        };
        let error = corrupt.item().unwrap_err();
        assert_eq!(error.kind(), dynamodel::ErrorKind::InternalServer);
        assert_eq!(
            corrupt.attribute("pk").unwrap_err().kind(),
            dynamodel::ErrorKind::InternalServer
        );
    }
}
