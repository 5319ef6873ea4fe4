//! What a migration crate registers: the models (their schemas, as the compiler sees them)
//! and the data functions its migrations may run.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use dynamodel::{Item, Table, TableSchema};

/// The models whose tables migrations manage, in registration order.
#[derive(Clone, Debug, Default)]
pub struct Models {
    schemas: Vec<TableSchema>,
}

impl Models {
    /// No models.
    pub fn new() -> Self {
        Models::default()
    }

    /// Registers `T`'s table ([`Table::schema`]).
    #[must_use]
    pub fn table<T: Table>(self) -> Self {
        self.schema(T::schema())
    }

    /// Registers a table by its schema (for tables without a model type).
    #[must_use]
    pub fn schema(mut self, schema: TableSchema) -> Self {
        self.schemas.push(schema);
        self
    }

    /// The registered schemas, in registration order.
    pub fn schemas(&self) -> &[TableSchema] {
        &self.schemas
    }
}

/// What a data function does with one item.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemChange {
    /// Leave it (counted as processed, nothing written).
    Keep,
    /// Write this item (in place: usually the same key; in a copy: into the target table).
    Put(Item),
    /// Delete the item (in place only).
    Delete,
}

/// The error a data function returns for an item it cannot handle; the run stops there and
/// resumes at that item.
pub type DataError = Box<dyn std::error::Error + Send + Sync>;

type DataFn = dyn Fn(Item) -> Result<ItemChange, DataError> + Send + Sync;

/// The data functions a migration crate registers by name; `migration.toml` steps name them
/// (`kind = "data"`, or `function` on a copy).
#[derive(Clone, Default)]
pub struct DataMigrations {
    functions: BTreeMap<String, Arc<DataFn>>,
}

impl DataMigrations {
    /// No functions.
    pub fn new() -> Self {
        DataMigrations::default()
    }

    /// Registers `function` as `name`. It must be deterministic and idempotent in effect:
    /// it may see an item again if the item changed since an interrupted run read it.
    #[must_use]
    pub fn function<F>(mut self, name: impl Into<String>, function: F) -> Self
    where
        F: Fn(Item) -> Result<ItemChange, DataError> + Send + Sync + 'static,
    {
        self.functions.insert(name.into(), Arc::new(function));
        self
    }

    /// The function registered as `name`.
    pub(crate) fn get(&self, name: &str) -> Option<Arc<DataFn>> {
        self.functions.get(name).cloned()
    }

    /// The registered names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.functions.keys().map(String::as_str)
    }
}

impl fmt::Debug for DataMigrations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.functions.keys()).finish()
    }
}
