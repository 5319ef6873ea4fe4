//! One table: its immutable definition and its items behind the table's own lock.

use std::collections::BTreeMap;

use dynamodel::model::AttributeType;
use dynamodel::model::{
    AttributeDefinition, BillingMode, BillingModeSummary, KeySchemaElement,
    ProvisionedThroughputDescription, ScalarAttributeType, TableDescription, TableStatus,
};
use dynamodel::{AttributeValue, Item};
use parking_lot::RwLock;

use super::key::{KeyValue, StorageKey};

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
    pub(crate) attribute_definitions: Vec<AttributeDefinition>,
    pub(crate) billing_mode: BillingMode,
    pub(crate) read_capacity: i64,
    pub(crate) write_capacity: i64,
    pub(crate) created_at: f64,
    pub(crate) arn: String,
    pub(crate) id: String,
    pub(crate) deletion_protection: bool,
}

/// An item with its size, computed once when it was written.
#[derive(Clone, Debug)]
pub(crate) struct StoredItem {
    pub(crate) item: Item,
    pub(crate) size: usize,
}

/// The items of a table, ordered by [`StorageKey`].
#[derive(Debug, Default)]
pub(crate) struct TableData {
    pub(crate) items: BTreeMap<StorageKey, StoredItem>,
    /// Sum of the stored items' sizes.
    pub(crate) size_bytes: usize,
}

impl TableData {
    /// Stores `item`, returning the item it replaced.
    pub(crate) fn put(&mut self, key: StorageKey, item: StoredItem) -> Option<StoredItem> {
        self.size_bytes = self.size_bytes.saturating_add(item.size);
        let old = self.items.insert(key, item);
        if let Some(old) = &old {
            self.size_bytes = self.size_bytes.saturating_sub(old.size);
        }
        old
    }

    /// Removes the item under `key`, returning it.
    pub(crate) fn delete(&mut self, key: &StorageKey) -> Option<StoredItem> {
        let old = self.items.remove(key);
        if let Some(old) = &old {
            self.size_bytes = self.size_bytes.saturating_sub(old.size);
        }
        old
    }
}

/// A table: definition plus items. Operations on one table serialize on `data`; reads share it.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) definition: TableDefinition,
    pub(crate) data: RwLock<TableData>,
    /// The time-to-live attribute, when time to live is enabled.
    pub(crate) time_to_live: RwLock<Option<String>>,
}

impl Table {
    pub(crate) fn new(definition: TableDefinition) -> Self {
        Table {
            definition,
            data: RwLock::new(TableData::default()),
            time_to_live: RwLock::new(None),
        }
    }

    /// The table's description in the given status.
    pub(crate) fn describe(&self, status: TableStatus) -> TableDescription {
        let (count, size) = {
            let data = self.data.read();
            (data.items.len(), data.size_bytes)
        };
        let def = &self.definition;
        let on_demand = def.billing_mode == BillingMode::PayPerRequest;
        TableDescription {
            table_name: Some(def.name.clone()),
            attribute_definitions: Some(def.attribute_definitions.clone()),
            key_schema: Some(def.key_schema_elements.clone()),
            table_status: Some(status),
            creation_date_time: Some(def.created_at),
            provisioned_throughput: Some(ProvisionedThroughputDescription {
                read_capacity_units: Some(def.read_capacity),
                write_capacity_units: Some(def.write_capacity),
                number_of_decreases_today: Some(0),
                last_increase_date_time: None,
                last_decrease_date_time: None,
            }),
            table_size_bytes: Some(i64::try_from(size).unwrap_or(i64::MAX)),
            item_count: Some(i64::try_from(count).unwrap_or(i64::MAX)),
            table_arn: Some(def.arn.clone()),
            table_id: Some(def.id.clone()),
            billing_mode_summary: on_demand.then_some(BillingModeSummary {
                billing_mode: Some(BillingMode::PayPerRequest),
                last_update_to_pay_per_request_date_time: Some(def.created_at),
            }),
            local_secondary_indexes: None,
            global_secondary_indexes: None,
            stream_specification: None,
            table_class_summary: None,
            deletion_protection_enabled: Some(def.deletion_protection),
        }
    }
}
