//! The schema of every table at one point of the migration history: what `schema.json` in a
//! migration folder holds, and what the registered models produce.

use std::collections::BTreeMap;
use std::path::Path;

use dynamodel::TableSchema;
use dynamodel::model::ScalarAttributeType;
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};

/// Every managed table's schema, by table name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The tables, by name (sorted, so the file is stable under review).
    pub tables: BTreeMap<String, TableSchema>,
}

impl Snapshot {
    /// A snapshot of `tables`; schemas with one table name are merged
    /// ([`TableSchema::merge`]), and contradicting ones are an error.
    pub fn from_tables(tables: impl IntoIterator<Item = TableSchema>) -> Result<Self> {
        let mut snapshot = Snapshot::default();
        for table in tables {
            // Models sharing a table (single-table design) each declare what they use of
            // it; the table's schema is their combination.
            match snapshot.tables.get_mut(&table.table_name) {
                Some(existing) => existing
                    .merge(&table)
                    .map_err(|conflict| Error::Usage(conflict.to_string()))?,
                None => {
                    snapshot.tables.insert(table.table_name.clone(), table);
                }
            }
        }
        for table in snapshot.tables.values() {
            check_attribute_types(table)?;
        }
        Ok(snapshot)
    }

    /// Reads a `schema.json`.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(Error::io(path))?;
        Self::parse(&text, path)
    }

    /// Parses the text of a `schema.json` read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let snapshot: Snapshot = serde_json::from_str(text).map_err(|error| Error::Parse {
            path: path.to_owned(),
            message: format!("not a schema snapshot: {error}"),
        })?;
        for (name, table) in &snapshot.tables {
            if *name != table.table_name {
                return Err(Error::Parse {
                    path: path.to_owned(),
                    message: format!(
                        "the entry `{name}` holds the schema of table `{}`",
                        table.table_name
                    ),
                });
            }
        }
        Ok(snapshot)
    }

    /// The pretty-printed JSON of this snapshot, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|error| unreachable!("a snapshot always serializes: {error}"));
        text.push('\n');
        text
    }
}

/// Every key attribute of `table` (table key and index keys) has one type: DynamoDB's
/// `AttributeDefinitions` give each attribute a single type, so a schema that declares
/// `customer` as `S` in one key and `N` in another cannot be created.
fn check_attribute_types(table: &TableSchema) -> Result<()> {
    let table_key = [("partition key", &table.partition_key)]
        .into_iter()
        .chain(table.sort_key.iter().map(|part| ("sort key", part)))
        .map(|(role, part)| (format!("the table's {role}"), part));
    let index_keys = table
        .global_indexes
        .iter()
        .map(|index| ("global", index))
        .chain(table.local_indexes.iter().map(|index| ("local", index)))
        .flat_map(|(scope, index)| {
            let parts = index
                .partition_key
                .iter()
                .map(|part| ("partition key", part))
                .chain(index.sort_key.iter().map(|part| ("sort key", part)));
            parts.map(move |(role, part)| {
                (
                    format!("the {role} of {scope} index `{}`", index.name),
                    part,
                )
            })
        });
    let mut first: BTreeMap<&str, (String, &ScalarAttributeType)> = BTreeMap::new();
    let mut conflicts = Vec::new();
    for (place, (name, attribute_type)) in table_key.chain(index_keys) {
        match first.get(name.as_str()) {
            Some((first_place, first_type)) if *first_type != attribute_type => {
                conflicts.push(format!(
                    "`{name}` is {first_type} as {first_place} but {attribute_type} as {place}"
                ));
            }
            Some(_) => {}
            None => {
                first.insert(name, (place, attribute_type));
            }
        }
    }
    if conflicts.is_empty() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "table `{}` declares a key attribute with two types: {}. DynamoDB gives each attribute \
         one type in the table's AttributeDefinitions; make the model's fields (or the index \
         keys) agree on the type",
        table.table_name,
        conflicts.join("; ")
    )))
}
