//! The schema of every table at one point of the migration history: what `schema.json` in a
//! migration folder holds, and what the registered models produce.

use std::collections::BTreeMap;
use std::path::Path;

use dynamodel::TableSchema;
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};

/// Every managed table's schema, by table name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The tables, by name (sorted, so the file is stable under review).
    pub tables: BTreeMap<String, TableSchema>,
}

impl Snapshot {
    /// A snapshot of `tables`; two schemas with one table name are an error.
    pub fn from_tables(tables: impl IntoIterator<Item = TableSchema>) -> Result<Self> {
        let mut snapshot = Snapshot::default();
        for table in tables {
            let name = table.table_name.clone();
            if snapshot.tables.insert(name.clone(), table).is_some() {
                return Err(Error::Usage(format!(
                    "two registered models use the table name `{name}`; each table must be \
                     registered once"
                )));
            }
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
