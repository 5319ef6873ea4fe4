//! A table's schema as a value: keys, billing, secondary indexes, time to live, streams and
//! tags.
//!
//! `#[derive(Table)]` produces one with [`Table::schema`](crate::Table::schema);
//! [`Client::create_table`](crate::Client::create_table) creates the table from it, and the
//! migration tool diffs two of them. It serializes with serde so that a schema can be kept
//! as a snapshot file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    AttributeDefinition, BillingMode, CreateTableInput, GlobalSecondaryIndex, KeySchemaElement,
    LocalSecondaryIndex, Projection, ProjectionType, ProvisionedThroughput, ScalarAttributeType,
    StreamSpecification, StreamViewType, Tag,
};

/// How a table is billed, as the model declares it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// On-demand (`PAY_PER_REQUEST`), the default.
    #[default]
    OnDemand,
    /// Provisioned read and write capacity units.
    Provisioned {
        /// Read capacity units.
        read: i64,
        /// Write capacity units.
        write: i64,
    },
}

/// Read and write capacity units of a global secondary index on a provisioned table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Throughput {
    /// Read capacity units.
    pub read: i64,
    /// Write capacity units.
    pub write: i64,
}

impl Throughput {
    fn to_model(self) -> ProvisionedThroughput {
        ProvisionedThroughput {
            read_capacity_units: self.read,
            write_capacity_units: self.write,
        }
    }
}

/// A key attribute: its name and scalar type.
pub type KeyPart = (String, ScalarAttributeType);

/// Which attributes a secondary index copies from the table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexProjection {
    /// Every attribute.
    #[default]
    All,
    /// Only the table's and the index's key attributes.
    KeysOnly,
    /// The key attributes and these non-key attributes.
    Include(Vec<String>),
}

impl IndexProjection {
    /// The model form of this projection.
    pub fn to_model(&self) -> Projection {
        match self {
            IndexProjection::All => Projection {
                projection_type: Some(ProjectionType::All),
                non_key_attributes: None,
            },
            IndexProjection::KeysOnly => Projection {
                projection_type: Some(ProjectionType::KeysOnly),
                non_key_attributes: None,
            },
            IndexProjection::Include(names) => Projection {
                projection_type: Some(ProjectionType::Include),
                non_key_attributes: Some(names.clone()),
            },
        }
    }
}

/// A global or local secondary index.
///
/// A global index has one to four partition key attributes and zero to four sort key
/// attributes (DynamoDB's multi-attribute keys). A local index shares the table's partition
/// key and has exactly one sort key attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSchema {
    /// The index name.
    pub name: String,
    /// The partition key attributes, in key order.
    pub partition_key: Vec<KeyPart>,
    /// The sort key attributes, in key order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sort_key: Vec<KeyPart>,
    /// What the index copies.
    #[serde(default)]
    pub projection: IndexProjection,
    /// The throughput of a global index on a provisioned table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<Throughput>,
}

impl IndexSchema {
    /// The index's key schema: the partition attributes (`HASH`), then the sort attributes
    /// (`RANGE`).
    pub fn key_schema(&self) -> Vec<KeySchemaElement> {
        let hash = self
            .partition_key
            .iter()
            .map(|(name, _)| KeySchemaElement::hash(name));
        let range = self
            .sort_key
            .iter()
            .map(|(name, _)| KeySchemaElement::range(name));
        hash.chain(range).collect()
    }

    /// Every key attribute of the index, partition attributes first.
    pub fn key_parts(&self) -> impl Iterator<Item = &KeyPart> {
        self.partition_key.iter().chain(&self.sort_key)
    }

    /// The CreateTable (or UpdateTable `Create`) form of this index as a global index.
    pub fn to_global_secondary_index(&self) -> GlobalSecondaryIndex {
        GlobalSecondaryIndex {
            index_name: self.name.clone(),
            key_schema: self.key_schema(),
            projection: self.projection.to_model(),
            provisioned_throughput: self.throughput.map(Throughput::to_model),
        }
    }

    /// The CreateTable form of this index as a local index.
    pub fn to_local_secondary_index(&self) -> LocalSecondaryIndex {
        LocalSecondaryIndex {
            index_name: self.name.clone(),
            key_schema: self.key_schema(),
            projection: self.projection.to_model(),
        }
    }
}

/// A table's schema as a value: what CreateTable needs, and what migrations diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSchema {
    /// The table name.
    pub table_name: String,
    /// The partition key attribute and its type.
    pub partition_key: KeyPart,
    /// The sort key attribute and its type, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_key: Option<KeyPart>,
    /// Billing mode and throughput.
    #[serde(default)]
    pub billing: Billing,
    /// Global secondary indexes, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub global_indexes: Vec<IndexSchema>,
    /// Local secondary indexes, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_indexes: Vec<IndexSchema>,
    /// The time-to-live attribute, when items expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<String>,
    /// The stream view type, when the table has a stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<StreamViewType>,
    /// Resource tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl TableSchema {
    /// A schema with only a table name and a partition key: on-demand, no sort key, no
    /// indexes, no time to live, no stream, no tags.
    pub fn new(table_name: impl Into<String>, partition_key: KeyPart) -> Self {
        TableSchema {
            table_name: table_name.into(),
            partition_key,
            sort_key: None,
            billing: Billing::OnDemand,
            global_indexes: Vec::new(),
            local_indexes: Vec::new(),
            time_to_live: None,
            stream: None,
            tags: BTreeMap::new(),
        }
    }

    /// The key schema (partition key first).
    pub fn key_schema(&self) -> Vec<KeySchemaElement> {
        let mut schema = vec![KeySchemaElement::hash(&self.partition_key.0)];
        if let Some((name, _)) = &self.sort_key {
            schema.push(KeySchemaElement::range(name));
        }
        schema
    }

    /// The secondary index called `name`, global or local.
    pub fn index(&self, name: &str) -> Option<&IndexSchema> {
        self.global_indexes
            .iter()
            .chain(&self.local_indexes)
            .find(|index| index.name == name)
    }

    /// The attribute definitions of every key attribute of the table and its indexes, each
    /// once, in the order they first appear (table key, global indexes, local indexes).
    pub fn attribute_definitions(&self) -> Vec<AttributeDefinition> {
        let table_key = std::iter::once(&self.partition_key).chain(&self.sort_key);
        let index_keys = self
            .global_indexes
            .iter()
            .chain(&self.local_indexes)
            .flat_map(IndexSchema::key_parts);
        let mut definitions: Vec<AttributeDefinition> = Vec::new();
        for (name, attribute_type) in table_key.chain(index_keys) {
            if !definitions.iter().any(|d| d.attribute_name == *name) {
                definitions.push(AttributeDefinition::new(name, attribute_type.clone()));
            }
        }
        definitions
    }

    /// The CreateTable request for this schema. Time to live is not part of CreateTable;
    /// [`Client::create_table`](crate::Client::create_table) enables it afterwards.
    pub fn create_table_input(&self) -> CreateTableInput {
        let (billing_mode, provisioned_throughput) = match self.billing {
            Billing::OnDemand => (BillingMode::PayPerRequest, None),
            Billing::Provisioned { read, write } => (
                BillingMode::Provisioned,
                Some(Throughput { read, write }.to_model()),
            ),
        };
        CreateTableInput {
            table_name: self.table_name.clone(),
            attribute_definitions: self.attribute_definitions(),
            key_schema: self.key_schema(),
            billing_mode: Some(billing_mode),
            provisioned_throughput,
            global_secondary_indexes: non_empty(
                self.global_indexes
                    .iter()
                    .map(IndexSchema::to_global_secondary_index)
                    .collect(),
            ),
            local_secondary_indexes: non_empty(
                self.local_indexes
                    .iter()
                    .map(IndexSchema::to_local_secondary_index)
                    .collect(),
            ),
            stream_specification: self.stream.clone().map(|view_type| StreamSpecification {
                stream_enabled: true,
                stream_view_type: Some(view_type),
            }),
            tags: (!self.tags.is_empty()).then(|| {
                self.tags
                    .iter()
                    .map(|(key, value)| Tag {
                        key: key.clone(),
                        value: value.clone(),
                    })
                    .collect()
            }),
            ..CreateTableInput::default()
        }
    }
}

/// `Some(items)` unless there are none (DynamoDB rejects an empty index list).
fn non_empty<T>(items: Vec<T>) -> Option<Vec<T>> {
    (!items.is_empty()).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders() -> TableSchema {
        let mut schema = TableSchema::new("orders", ("pk".into(), ScalarAttributeType::S));
        schema.sort_key = Some(("sk".into(), ScalarAttributeType::S));
        schema.global_indexes.push(IndexSchema {
            name: "by_status".into(),
            partition_key: vec![
                ("status".into(), ScalarAttributeType::S),
                ("region".into(), ScalarAttributeType::S),
            ],
            sort_key: vec![("sk".into(), ScalarAttributeType::S)],
            projection: IndexProjection::Include(vec!["total".into()]),
            throughput: None,
        });
        schema.local_indexes.push(IndexSchema {
            name: "by_total".into(),
            partition_key: vec![("pk".into(), ScalarAttributeType::S)],
            sort_key: vec![("total".into(), ScalarAttributeType::N)],
            projection: IndexProjection::KeysOnly,
            throughput: None,
        });
        schema
    }

    #[test]
    fn attribute_definitions_name_each_key_attribute_once() {
        let names: Vec<String> = orders()
            .attribute_definitions()
            .into_iter()
            .map(|d| d.attribute_name)
            .collect();
        assert_eq!(names, ["pk", "sk", "status", "region", "total"]);
    }

    #[test]
    fn create_table_input_carries_indexes_stream_and_tags() {
        let mut schema = orders();
        schema.stream = Some(StreamViewType::NewAndOldImages);
        schema.tags.insert("team".into(), "billing".into());
        let input = schema.create_table_input();
        let gsis = input.global_secondary_indexes.unwrap();
        assert_eq!(gsis[0].key_schema.len(), 3);
        assert_eq!(
            gsis[0].projection.non_key_attributes.as_deref(),
            Some(&["total".to_owned()][..])
        );
        let lsis = input.local_secondary_indexes.unwrap();
        assert_eq!(
            lsis[0].projection.projection_type,
            Some(ProjectionType::KeysOnly)
        );
        assert!(input.stream_specification.unwrap().stream_enabled);
        assert_eq!(input.tags.unwrap()[0].key, "team");
    }

    #[test]
    fn a_schema_survives_a_json_round_trip() {
        let schema = orders();
        let json = serde_json::to_string(&schema).unwrap();
        assert_eq!(serde_json::from_str::<TableSchema>(&json).unwrap(), schema);
    }
}
