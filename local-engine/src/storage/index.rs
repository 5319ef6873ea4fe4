//! Secondary indexes: their definitions and their ordered entries.
//!
//! Encoding: each index keeps its own `BTreeMap<IndexPosition, StoredItem>` of projected items.
//! [`IndexPosition`] orders by, in turn:
//!
//! 1. `hash`: the partition hash of the index partition key. A one-attribute partition hashes
//!    exactly as a table partition key does (so a local index sees partitions in the table's
//!    order); a multi-attribute one folds the attributes' hashes in key-schema order.
//! 2. `partition`: the partition key values, in key-schema order.
//! 3. `sort`: one [`SortPart::Value`] per sort key attribute, compared left to right, so a
//!    multi-attribute sort key orders like a tuple. Search bounds put `Bottom`, `Top` or
//!    `PrefixEnd` at the position of the condition and pad the rest.
//! 4. `table`: the item's table key, so index keys need not be unique and equal index keys
//!    follow table-key order.
//!
//! An item is in an index only when it has every index key attribute (sparse indexes); writes
//! whose index key attributes have the wrong type, are empty or too large are rejected before
//! anything is stored ([`Index::check`]), so maintenance itself cannot fail.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use dynamodel::model::{KeySchemaElement, Projection, ProjectionType};
use dynamodel::{AttributeValue, Error, Item};

use super::key::{KeyValue, SortPart, StorageKey};
use super::table::{KeyAttribute, KeySchema, StoredItem};
use crate::messages::index as msg;
use crate::size::{MAX_HASH_KEY_BYTES, MAX_RANGE_KEY_BYTES, item_size};

/// Global or local.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IndexScope {
    Global,
    Local,
}

/// How an item reaches an index: written whole (PutItem, a batch or transaction put) or by
/// an update expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyWrite {
    Item,
    Update,
}

/// Which attributes an index copies from the table (besides the table and index keys).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Projected {
    All,
    KeysOnly,
    Include(BTreeSet<String>),
}

impl Projected {
    /// The projection a CreateTable or UpdateTable request describes (already validated).
    pub(crate) fn from_model(projection: &Projection) -> Projected {
        match projection.projection_type {
            Some(ProjectionType::All) => Projected::All,
            Some(ProjectionType::Include) => Projected::Include(
                projection
                    .non_key_attributes
                    .iter()
                    .flatten()
                    .cloned()
                    .collect(),
            ),
            _ => Projected::KeysOnly,
        }
    }
}

/// Whether an index can be read yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IndexState {
    Active,
    /// Created by UpdateTable: filled, but reported `CREATING` (and refused to Query and Scan)
    /// until the engine clock reaches `until`.
    Creating {
        until: SystemTime,
    },
}

/// An index key: one to four partition attributes and zero to four sort attributes (local
/// indexes and one-attribute global indexes have one partition attribute and at most one sort
/// attribute).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct IndexKeySchema {
    pub(crate) partition: Vec<KeyAttribute>,
    pub(crate) sort: Vec<KeyAttribute>,
}

impl IndexKeySchema {
    /// Every key attribute, partition attributes first.
    pub(crate) fn attributes(&self) -> impl Iterator<Item = &KeyAttribute> {
        self.partition.iter().chain(&self.sort)
    }

    /// Whether `name` is one of the index key attributes.
    pub(crate) fn is_key(&self, name: &str) -> bool {
        self.attributes().any(|a| a.name == name)
    }
}

/// One secondary index and its entries.
#[derive(Clone, Debug)]
pub(crate) struct Index {
    pub(crate) name: String,
    pub(crate) scope: IndexScope,
    pub(crate) key: IndexKeySchema,
    /// The table's key, which every entry carries.
    pub(crate) table_key: KeySchema,
    /// The key schema as the request gave it, for descriptions.
    pub(crate) key_schema_elements: Vec<KeySchemaElement>,
    /// The projection as the request gave it, for descriptions.
    pub(crate) projection: Projection,
    pub(crate) projected: Projected,
    /// Read and write capacity of a global index of a provisioned table.
    pub(crate) throughput: Option<(i64, i64)>,
    pub(crate) arn: String,
    pub(crate) state: IndexState,
    pub(crate) entries: BTreeMap<IndexPosition, StoredItem>,
    /// Sum of the entries' sizes.
    pub(crate) size_bytes: usize,
}

/// What one write did to an index's entry of the item (sizes of the projected entries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EntryChange {
    /// The entry removed, if the old item had one.
    pub(crate) old: Option<usize>,
    /// The entry stored, if the new item has one.
    pub(crate) new: Option<usize>,
    /// Both exist under different index keys: a delete plus a put.
    pub(crate) moved: bool,
    /// Both exist and are identical: the index was not written.
    pub(crate) unchanged: bool,
}

/// Where an entry sits in an index (see the module docs for the order).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct IndexPosition {
    pub(crate) hash: u64,
    pub(crate) partition: Vec<KeyValue>,
    pub(crate) sort: Vec<SortPart>,
    pub(crate) table: TableTiebreak,
}

/// The table key of an entry, or a search bound before or after every table key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TableTiebreak {
    Bottom,
    Key(StorageKey),
    Top,
}

impl IndexPosition {
    /// The first position of a partition hash (a search bound for parallel scans).
    pub(crate) fn hash_floor(hash: u64) -> IndexPosition {
        IndexPosition {
            hash,
            partition: Vec::new(),
            sort: Vec::new(),
            table: TableTiebreak::Bottom,
        }
    }

    /// The table key of an entry's position.
    pub(crate) fn table_key(&self) -> Option<&StorageKey> {
        match &self.table {
            TableTiebreak::Key(key) => Some(key),
            _ => None,
        }
    }
}

/// The hash of an index partition (see the module docs).
pub(crate) fn partition_hash(values: &[KeyValue]) -> u64 {
    match values {
        [single] => single.partition_hash(),
        many => many.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, value| {
            (hash ^ value.partition_hash()).wrapping_mul(0x0000_0100_0000_01b3)
        }),
    }
}

impl Index {
    /// Rejects an item whose index key attributes would not make a valid index key: a wrong
    /// type, an empty string or binary, or a value over the key size limits. Missing
    /// attributes are fine (the item is left out of the index).
    pub(crate) fn check(&self, item: &Item) -> Result<(), Error> {
        self.check_write(item, KeyWrite::Item)
    }

    /// [`Index::check`] for an item written as `write` (the empty-value texts differ).
    pub(crate) fn check_write(&self, item: &Item, write: KeyWrite) -> Result<(), Error> {
        for (attribute, limit) in self.limits() {
            let Some(value) = item.get(&attribute.name) else {
                continue;
            };
            if !attribute.kind.matches(value) {
                return Err(msg::type_mismatch(
                    &attribute.name,
                    attribute.kind.as_str(),
                    value.attribute_type().as_str(),
                    &self.name,
                ));
            }
            match value {
                AttributeValue::S(s) if s.is_empty() => {
                    return Err(match write {
                        KeyWrite::Item => msg::empty_string(&self.name, &attribute.name),
                        KeyWrite::Update => msg::update_to_empty("string"),
                    });
                }
                AttributeValue::B(b) if b.is_empty() => {
                    return Err(match write {
                        KeyWrite::Item => msg::empty_binary(&self.name, &attribute.name),
                        KeyWrite::Update => msg::update_to_empty("binary"),
                    });
                }
                _ => {}
            }
            if crate::size::value_size(value) > limit {
                return Err(msg::key_too_large());
            }
        }
        Ok(())
    }

    /// Whether `item` may be indexed as it is: [`Index::check`] without the error (used by
    /// backfills, which skip such items as DynamoDB does).
    pub(crate) fn accepts(&self, item: &Item) -> bool {
        self.check(item).is_ok()
    }

    fn limits(&self) -> impl Iterator<Item = (&KeyAttribute, usize)> {
        let partition = self.key.partition.iter().map(|a| (a, MAX_HASH_KEY_BYTES));
        let sort = self.key.sort.iter().map(|a| (a, MAX_RANGE_KEY_BYTES));
        partition.chain(sort)
    }

    /// The position of `item` (stored under `table_key`), or `None` when the item lacks an
    /// index key attribute or has one of another type.
    pub(crate) fn position(&self, item: &Item, table_key: &StorageKey) -> Option<IndexPosition> {
        let value = |attribute: &KeyAttribute| {
            item.get(&attribute.name)
                .filter(|v| attribute.kind.matches(v))
                .and_then(KeyValue::from_attribute)
        };
        let partition: Vec<KeyValue> = self
            .key
            .partition
            .iter()
            .map(value)
            .collect::<Option<_>>()?;
        let sort = self
            .key
            .sort
            .iter()
            .map(|a| value(a).map(SortPart::Value))
            .collect::<Option<_>>()?;
        Some(IndexPosition {
            hash: partition_hash(&partition),
            partition,
            sort,
            table: TableTiebreak::Key(table_key.clone()),
        })
    }

    /// What the index stores of `item`: the table key, the index key and the projected
    /// attributes.
    pub(crate) fn project(&self, item: &Item) -> Item {
        match &self.projected {
            Projected::All => item.clone(),
            Projected::KeysOnly | Projected::Include(_) => item
                .iter()
                .filter(|(name, _)| self.projects(name))
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
        }
    }

    /// Whether the index holds the attribute `name` of its items.
    pub(crate) fn projects(&self, name: &str) -> bool {
        self.table_key.is_key(name)
            || self.key.is_key(name)
            || match &self.projected {
                Projected::All => true,
                Projected::KeysOnly => false,
                Projected::Include(names) => names.contains(name),
            }
    }

    /// Replaces the entry of `old` with the entry of `new` (either may be absent, as may their
    /// entries: an item lacking an index key attribute has none), reporting the change.
    pub(crate) fn replace(
        &mut self,
        table_key: &StorageKey,
        old: Option<&Item>,
        new: Option<&Item>,
    ) -> EntryChange {
        let old_position = old.and_then(|item| self.position(item, table_key));
        let removed = old_position.as_ref().and_then(|p| self.entries.remove(p));
        if let Some(removed) = &removed {
            self.size_bytes = self.size_bytes.saturating_sub(removed.size);
        }
        let Some((position, projected)) =
            new.and_then(|item| Some((self.position(item, table_key)?, self.project(item))))
        else {
            return EntryChange {
                old: removed.map(|r| r.size),
                new: None,
                moved: false,
                unchanged: false,
            };
        };
        let size = item_size(&projected);
        let entry = StoredItem::new(&projected, size);
        let moved = removed.is_some() && old_position.as_ref() != Some(&position);
        // Each item has one encoding, so equal bytes are equal entries.
        let unchanged = !moved && removed.as_ref() == Some(&entry);
        self.size_bytes = self.size_bytes.saturating_add(size);
        self.entries.insert(position, entry);
        EntryChange {
            old: removed.map(|r| r.size),
            new: Some(size),
            moved,
            unchanged,
        }
    }

    /// The size of the entry `item` would have, or `None` when it would have none.
    pub(crate) fn entry_size(&self, item: &Item) -> Option<usize> {
        let indexed = self.key.attributes().all(|attribute| {
            item.get(&attribute.name)
                .is_some_and(|value| attribute.kind.matches(value))
        });
        indexed.then(|| match &self.projected {
            Projected::All => item_size(item),
            Projected::KeysOnly | Projected::Include(_) => item_size(&self.project(item)),
        })
    }

    /// Adds `item` (stored under `table_key`) if it has the index key.
    pub(crate) fn insert(&mut self, table_key: &StorageKey, item: &Item) {
        let Some(position) = self.position(item, table_key) else {
            return;
        };
        let projected = self.project(item);
        let size = item_size(&projected);
        self.size_bytes = self.size_bytes.saturating_add(size);
        let stored = StoredItem::new(&projected, size);
        if let Some(old) = self.entries.insert(position, stored) {
            self.size_bytes = self.size_bytes.saturating_sub(old.size);
        }
    }

    /// Whether Query and Scan may read the index at `now`.
    pub(crate) fn is_active(&self, now: SystemTime) -> bool {
        match self.state {
            IndexState::Active => true,
            IndexState::Creating { until } => now >= until,
        }
    }
}
