//! Tables and the ordered storage of their items.
//!
//! The registry maps table names to tables under one `RwLock`, held only to look a table up,
//! add or remove one; each [`Table`] has its own lock, so operations on different tables never
//! contend. Item order is defined in [`key`].

pub(crate) mod describe;
pub(crate) mod encoding;
pub(crate) mod index;
pub(crate) mod item_collections;
pub(crate) mod key;
pub(crate) mod table;

use std::collections::BTreeMap;
use std::sync::Arc;

use parking_lot::RwLock;

pub(crate) use key::{KeyValue, SortPart, StorageKey};
pub(crate) use table::{
    KeyAttribute, KeyKind, KeySchema, StoredItem, Table, TableData, TableDefinition, TableSettings,
};

/// All tables, by name (names in ascending order for ListTables).
#[derive(Debug, Default)]
pub(crate) struct Registry {
    tables: RwLock<BTreeMap<String, Arc<Table>>>,
}

impl Registry {
    pub(crate) fn get(&self, name: &str) -> Option<Arc<Table>> {
        self.tables.read().get(name).cloned()
    }

    /// Adds `table` unless the name is taken; returns whether it was added.
    pub(crate) fn insert(&self, table: Arc<Table>) -> bool {
        let mut tables = self.tables.write();
        if tables.contains_key(&table.definition.name) {
            return false;
        }
        tables.insert(table.definition.name.clone(), table);
        true
    }

    pub(crate) fn remove(&self, name: &str) -> Option<Arc<Table>> {
        self.tables.write().remove(name)
    }

    /// Up to `limit` names after `after`, and whether more follow.
    pub(crate) fn names(&self, after: Option<&str>, limit: usize) -> (Vec<String>, bool) {
        use std::ops::Bound;
        let tables = self.tables.read();
        let start = match after {
            Some(name) => Bound::Excluded(name),
            None => Bound::Unbounded,
        };
        let mut names = tables
            .range::<str, _>((start, Bound::Unbounded))
            .map(|(n, _)| n);
        let page: Vec<String> = names.by_ref().take(limit).cloned().collect();
        let more = names.next().is_some();
        (page, more)
    }

    /// Every table, in name order.
    pub(crate) fn all(&self) -> Vec<Arc<Table>> {
        self.tables.read().values().cloned().collect()
    }

    pub(crate) fn len(&self) -> usize {
        self.tables.read().len()
    }
}
