//! A table's schema as a value: keys, billing, secondary indexes, time to live, streams and
//! tags.
//!
//! `#[derive(Table)]` produces one with [`Table::schema`](crate::Table::schema);
//! [`Client::create_table`](crate::Client::create_table) creates the table from it, and the
//! migration tool diffs two of them. It serializes with serde so that a schema can be kept
//! as a snapshot file.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{
    AttributeDefinition, BillingMode, CreateTableInput, GlobalSecondaryIndex, KeySchemaElement,
    KeyType, LocalSecondaryIndex, Projection, ProjectionType, ProvisionedThroughput,
    ScalarAttributeType, StreamSpecification, StreamViewType, TableDescription, Tag,
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

impl TableSchema {
    /// The schema a live table has, read back from its DescribeTable description: key,
    /// billing, indexes and stream. Time to live (DescribeTimeToLive) and tags
    /// (ListTagsOfResource) are not part of a description: they come back empty, for the
    /// caller to fill in.
    ///
    /// Fails with a conversion error when the description lacks the table name or key
    /// schema, or names a key attribute without a type.
    pub fn from_description(description: &TableDescription) -> crate::Result<TableSchema> {
        let table_name = description
            .table_name
            .clone()
            .ok_or_else(|| crate::Error::conversion("the table description has no TableName"))?;
        let definitions = description.attribute_definitions.as_deref().unwrap_or(&[]);
        let key_schema = description.key_schema.as_deref().ok_or_else(|| {
            crate::Error::conversion(format!(
                "the description of `{table_name}` has no KeySchema"
            ))
        })?;
        let (partition, sort) = key_parts(key_schema, definitions, &table_name)?;
        let partition_key = partition.into_iter().next().ok_or_else(|| {
            crate::Error::conversion(format!("the key of `{table_name}` has no HASH element"))
        })?;
        let provisioned = description
            .billing_mode_summary
            .as_ref()
            .and_then(|summary| summary.billing_mode.as_ref())
            .is_none_or(|mode| *mode == BillingMode::Provisioned);
        let billing = match (&description.provisioned_throughput, provisioned) {
            (Some(throughput), true) => Billing::Provisioned {
                read: throughput.read_capacity_units.unwrap_or(0),
                write: throughput.write_capacity_units.unwrap_or(0),
            },
            _ => Billing::OnDemand,
        };
        let mut global_indexes = Vec::new();
        for index in description
            .global_secondary_indexes
            .as_deref()
            .unwrap_or(&[])
        {
            let throughput = index
                .provisioned_throughput
                .as_ref()
                .filter(|_| provisioned)
                .map(|t| Throughput {
                    read: t.read_capacity_units.unwrap_or(0),
                    write: t.write_capacity_units.unwrap_or(0),
                });
            global_indexes.push(index_from_description(
                index.index_name.as_deref(),
                index.key_schema.as_deref(),
                index.projection.as_ref(),
                throughput,
                definitions,
                &table_name,
            )?);
        }
        let mut local_indexes = Vec::new();
        for index in description
            .local_secondary_indexes
            .as_deref()
            .unwrap_or(&[])
        {
            local_indexes.push(index_from_description(
                index.index_name.as_deref(),
                index.key_schema.as_deref(),
                index.projection.as_ref(),
                None,
                definitions,
                &table_name,
            )?);
        }
        let stream = description
            .stream_specification
            .as_ref()
            .filter(|spec| spec.stream_enabled)
            .and_then(|spec| spec.stream_view_type.clone());
        Ok(TableSchema {
            sort_key: sort.into_iter().next(),
            table_name,
            partition_key,
            billing,
            global_indexes,
            local_indexes,
            time_to_live: None,
            stream,
            tags: BTreeMap::new(),
        })
    }
}

/// The partition and sort key attributes of `key_schema`, typed from `definitions`.
fn key_parts(
    key_schema: &[KeySchemaElement],
    definitions: &[AttributeDefinition],
    table_name: &str,
) -> crate::Result<(Vec<KeyPart>, Vec<KeyPart>)> {
    let (mut partition, mut sort) = (Vec::new(), Vec::new());
    for element in key_schema {
        let name = &element.attribute_name;
        let attribute_type = definitions
            .iter()
            .find(|d| d.attribute_name == *name)
            .map(|d| d.attribute_type.clone())
            .ok_or_else(|| {
                crate::Error::conversion(format!(
                    "the description of `{table_name}` has no AttributeDefinition for key \
                     attribute `{name}`"
                ))
            })?;
        match element.key_type {
            KeyType::Range => sort.push((name.clone(), attribute_type)),
            _ => partition.push((name.clone(), attribute_type)),
        }
    }
    Ok((partition, sort))
}

fn index_from_description(
    name: Option<&str>,
    key_schema: Option<&[KeySchemaElement]>,
    projection: Option<&Projection>,
    throughput: Option<Throughput>,
    definitions: &[AttributeDefinition],
    table_name: &str,
) -> crate::Result<IndexSchema> {
    let name = name.ok_or_else(|| {
        crate::Error::conversion(format!("an index of `{table_name}` has no IndexName"))
    })?;
    let (partition_key, sort_key) = key_parts(key_schema.unwrap_or(&[]), definitions, table_name)?;
    let projection = match projection.and_then(|p| p.projection_type.as_ref()) {
        Some(ProjectionType::KeysOnly) => IndexProjection::KeysOnly,
        Some(ProjectionType::Include) => IndexProjection::Include(
            projection
                .and_then(|p| p.non_key_attributes.clone())
                .unwrap_or_default(),
        ),
        _ => IndexProjection::All,
    };
    Ok(IndexSchema {
        name: name.to_owned(),
        partition_key,
        sort_key,
        projection,
        throughput,
    })
}

impl TableSchema {
    /// Combines the schemas of several models stored in one table (single-table design: each
    /// entity may declare the indexes it uses) into the table's schema.
    ///
    /// The models must agree on the table name, the key and the billing; an index declared
    /// by several of them must be declared identically; time to live, stream and tags are
    /// combined when they do not contradict each other.
    ///
    /// ```
    /// use dynamodel::{IndexSchema, TableSchema};
    /// use dynamodel::model::ScalarAttributeType::S;
    ///
    /// let user = TableSchema::new("app", ("pk".into(), S));
    /// let mut post = TableSchema::new("app", ("pk".into(), S));
    /// post.global_indexes.push(IndexSchema {
    ///     name: "by_tag".into(),
    ///     partition_key: vec![("tag".into(), S)],
    ///     sort_key: vec![],
    ///     projection: Default::default(),
    ///     throughput: None,
    /// });
    /// let table = TableSchema::merged([user, post])?;
    /// assert_eq!(table.global_indexes.len(), 1);
    /// # Ok::<(), dynamodel::schema::SchemaConflict>(())
    /// ```
    pub fn merged(
        schemas: impl IntoIterator<Item = TableSchema>,
    ) -> Result<TableSchema, SchemaConflict> {
        let mut schemas = schemas.into_iter();
        let Some(mut merged) = schemas.next() else {
            return Err(SchemaConflict {
                table_name: String::new(),
                reason: "no schema to merge".into(),
            });
        };
        for schema in schemas {
            merged.merge(&schema)?;
        }
        Ok(merged)
    }

    /// Adds what `other`, another model of the same table, declares (see
    /// [`TableSchema::merged`]); on a conflict `self` is left unchanged.
    pub fn merge(&mut self, other: &TableSchema) -> Result<(), SchemaConflict> {
        let conflict = |reason: String| SchemaConflict {
            table_name: self.table_name.clone(),
            reason,
        };
        if self.table_name != other.table_name {
            return Err(conflict(format!(
                "it cannot be merged with the schema of table `{}`",
                other.table_name
            )));
        }
        if self.partition_key != other.partition_key || self.sort_key != other.sort_key {
            return Err(conflict(format!(
                "its models declare different keys: {} and {}",
                describe_key(self),
                describe_key(other)
            )));
        }
        if self.billing != other.billing {
            return Err(conflict(format!(
                "its models declare different billing: {:?} and {:?}",
                self.billing, other.billing
            )));
        }
        let mut merged = self.clone();
        merge_indexes(&mut merged.global_indexes, &other.global_indexes).map_err(conflict)?;
        merge_indexes(&mut merged.local_indexes, &other.local_indexes).map_err(conflict)?;
        if let Some(index) = merged
            .global_indexes
            .iter()
            .find(|g| merged.local_indexes.iter().any(|l| l.name == g.name))
        {
            return Err(conflict(format!(
                "`{}` is declared both as a global and as a local index",
                index.name
            )));
        }
        merged.time_to_live = merge_setting(
            "time-to-live attribute",
            &self.time_to_live,
            &other.time_to_live,
        )
        .map_err(conflict)?;
        merged.stream =
            merge_setting("stream view type", &self.stream, &other.stream).map_err(conflict)?;
        for (key, value) in &other.tags {
            match merged.tags.get(key) {
                Some(existing) if existing != value => {
                    return Err(conflict(format!(
                        "its models give tag `{key}` two values: `{existing}` and `{value}`"
                    )));
                }
                _ => {
                    merged.tags.insert(key.clone(), value.clone());
                }
            }
        }
        *self = merged;
        Ok(())
    }
}

/// Two models of one table that declare it differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaConflict {
    /// The table.
    pub table_name: String,
    /// What the models disagree on.
    pub reason: String,
}

impl fmt::Display for SchemaConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "table `{}`: {}", self.table_name, self.reason)
    }
}

impl std::error::Error for SchemaConflict {}

fn describe_key(schema: &TableSchema) -> String {
    let part = |(name, kind): &KeyPart| format!("`{name}` ({})", kind.as_ref());
    match &schema.sort_key {
        Some(sort) => format!("{} + {}", part(&schema.partition_key), part(sort)),
        None => part(&schema.partition_key),
    }
}

/// Adds `other`'s indexes to `into`; an index of the same name must be the same index.
fn merge_indexes(into: &mut Vec<IndexSchema>, other: &[IndexSchema]) -> Result<(), String> {
    for index in other {
        match into.iter().find(|existing| existing.name == index.name) {
            Some(existing) if existing != index => {
                return Err(format!(
                    "its models declare index `{}` differently",
                    index.name
                ));
            }
            Some(_) => {}
            None => into.push(index.clone()),
        }
    }
    Ok(())
}

/// The one value two models set, or the value both set alike.
fn merge_setting<T: Clone + PartialEq + fmt::Debug>(
    what: &str,
    ours: &Option<T>,
    theirs: &Option<T>,
) -> Result<Option<T>, String> {
    match (ours, theirs) {
        (Some(a), Some(b)) if a != b => {
            Err(format!("its models declare two {what}s: {a:?} and {b:?}"))
        }
        (Some(a), _) => Ok(Some(a.clone())),
        (None, b) => Ok(b.clone()),
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
    fn from_description_reads_back_what_create_table_sends() {
        let mut schema = orders();
        schema.billing = Billing::Provisioned { read: 5, write: 3 };
        schema.global_indexes[0].throughput = Some(Throughput { read: 2, write: 1 });
        schema.stream = Some(StreamViewType::KeysOnly);
        let input = schema.create_table_input();
        let description = TableDescription {
            table_name: Some(input.table_name.clone()),
            attribute_definitions: Some(input.attribute_definitions.clone()),
            key_schema: Some(input.key_schema.clone()),
            provisioned_throughput: Some(crate::model::ProvisionedThroughputDescription {
                read_capacity_units: Some(5),
                write_capacity_units: Some(3),
                ..Default::default()
            }),
            global_secondary_indexes: Some(vec![crate::model::GlobalSecondaryIndexDescription {
                index_name: Some("by_status".into()),
                key_schema: Some(schema.global_indexes[0].key_schema()),
                projection: Some(schema.global_indexes[0].projection.to_model()),
                provisioned_throughput: Some(crate::model::ProvisionedThroughputDescription {
                    read_capacity_units: Some(2),
                    write_capacity_units: Some(1),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            local_secondary_indexes: Some(vec![crate::model::LocalSecondaryIndexDescription {
                index_name: Some("by_total".into()),
                key_schema: Some(schema.local_indexes[0].key_schema()),
                projection: Some(schema.local_indexes[0].projection.to_model()),
                ..Default::default()
            }]),
            stream_specification: input.stream_specification.clone(),
            ..Default::default()
        };
        assert_eq!(TableSchema::from_description(&description).unwrap(), schema);
    }

    #[test]
    fn from_description_reads_on_demand_and_rejects_an_untyped_key() {
        let schema = TableSchema::new("t", ("id".into(), ScalarAttributeType::N));
        let mut description = TableDescription {
            table_name: Some("t".into()),
            attribute_definitions: Some(schema.attribute_definitions()),
            key_schema: Some(schema.key_schema()),
            billing_mode_summary: Some(crate::model::BillingModeSummary {
                billing_mode: Some(BillingMode::PayPerRequest),
                last_update_to_pay_per_request_date_time: None,
            }),
            provisioned_throughput: Some(Default::default()),
            ..Default::default()
        };
        assert_eq!(TableSchema::from_description(&description).unwrap(), schema);
        description.attribute_definitions = Some(Vec::new());
        let error = TableSchema::from_description(&description).unwrap_err();
        assert!(
            error
                .message()
                .contains("no AttributeDefinition for key attribute `id`")
        );
    }

    #[test]
    fn models_of_one_table_merge_their_indexes_and_settings() {
        let mut user = TableSchema::new("orders", ("pk".into(), ScalarAttributeType::S));
        user.sort_key = Some(("sk".into(), ScalarAttributeType::S));
        user.time_to_live = Some("expires".into());
        let merged = TableSchema::merged([user.clone(), orders(), orders()]).unwrap();
        assert_eq!(merged.global_indexes, orders().global_indexes);
        assert_eq!(merged.local_indexes, orders().local_indexes);
        assert_eq!(merged.time_to_live.as_deref(), Some("expires"));
    }

    #[test]
    fn conflicting_models_are_refused_with_the_reason() {
        let mut other = orders();
        other.global_indexes[0].projection = IndexProjection::KeysOnly;
        let error = TableSchema::merged([orders(), other]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "table `orders`: its models declare index `by_status` differently"
        );

        let mut unsorted = orders();
        unsorted.sort_key = None;
        let error = orders().merge(&unsorted).unwrap_err();
        assert_eq!(
            error.reason,
            "its models declare different keys: `pk` (S) + `sk` (S) and `pk` (S)"
        );

        let mut ttl = orders();
        ttl.time_to_live = Some("a".into());
        let mut other_ttl = orders();
        other_ttl.time_to_live = Some("b".into());
        let mut kept = ttl.clone();
        assert!(kept.merge(&other_ttl).is_err());
        assert_eq!(kept, ttl, "a failed merge leaves the schema unchanged");
    }

    #[test]
    fn a_schema_survives_a_json_round_trip() {
        let schema = orders();
        let json = serde_json::to_string(&schema).unwrap();
        assert_eq!(serde_json::from_str::<TableSchema>(&json).unwrap(), schema);
    }
}
