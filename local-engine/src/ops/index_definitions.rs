//! Secondary index definitions of CreateTable and UpdateTable, checked with DynamoDB's rules
//! and turned into empty [`Index`]es.
//!
//! Rules: key attributes must be defined; a local index has the table's partition key and a
//! sort key, on a table that has one; a global index has one to four partition (`HASH`)
//! attributes followed by up to four sort (`RANGE`) attributes, none twice; `INCLUDE` needs
//! `NonKeyAttributes`, none twice, and the other projection types forbid them; index names are unique
//! across both kinds; at most 5 local and 20 global indexes and 100 projected non-key
//! attributes over all of them; global indexes of provisioned tables need throughput and those
//! of on-demand tables must not have it.

use std::collections::{BTreeMap, BTreeSet};

use dynamodel::Error;
use dynamodel::model::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, Projection, ProjectionType,
    ProvisionedThroughput,
};

use crate::messages::{self, index as msg};
use crate::storage::index::{Index, IndexKeySchema, IndexScope, IndexState, Projected};
use crate::storage::{KeyAttribute, KeyKind, KeySchema};

/// The most local indexes of one table.
pub(crate) const MAX_LOCAL: usize = 5;
/// The most global indexes of one table.
pub(crate) const MAX_GLOBAL: usize = 20;
/// The most projected non-key attributes over all indexes of one table.
pub(crate) const MAX_PROJECTED: usize = 100;
/// The most partition, and the most sort, attributes of a global index key.
pub(crate) const MAX_KEY_PARTS: usize = 4;

/// One requested index, of either kind.
pub(crate) struct Requested<'a> {
    pub(crate) name: &'a str,
    pub(crate) scope: IndexScope,
    pub(crate) key_schema: &'a [KeySchemaElement],
    pub(crate) projection: &'a Projection,
    pub(crate) throughput: Option<&'a ProvisionedThroughput>,
}

/// The table an index is defined on.
pub(crate) struct Context<'a> {
    pub(crate) table_arn: &'a str,
    pub(crate) table_key: &'a KeySchema,
    pub(crate) definitions: &'a [AttributeDefinition],
    pub(crate) billing_mode: &'a BillingMode,
}

/// Checks one index and builds it, empty and active.
pub(crate) fn build(context: &Context<'_>, requested: &Requested<'_>) -> Result<Index, Error> {
    let names: Vec<&str> = requested
        .key_schema
        .iter()
        .map(|k| k.attribute_name.as_str())
        .collect();
    let defined: Vec<&str> = context
        .definitions
        .iter()
        .map(|d| d.attribute_name.as_str())
        .collect();
    if names.iter().any(|name| !defined.contains(name)) {
        return Err(messages::key_not_in_definitions(&names, &defined));
    }
    let key = match requested.scope {
        IndexScope::Local => local_key(context, requested)?,
        IndexScope::Global => global_key(context, requested)?,
    };
    let projected = projection(requested.projection)?;
    let throughput = match (requested.scope, context.billing_mode, requested.throughput) {
        (IndexScope::Local, _, _) => None,
        (IndexScope::Global, BillingMode::PayPerRequest, Some(_)) => {
            return Err(msg::throughput_forbidden(requested.name));
        }
        (IndexScope::Global, BillingMode::PayPerRequest, None) => Some((0, 0)),
        (IndexScope::Global, _, None) => return Err(msg::throughput_required(requested.name)),
        (IndexScope::Global, _, Some(throughput)) => {
            Some(super::create_table::capacity(throughput)?)
        }
    };
    Ok(Index {
        name: requested.name.to_owned(),
        scope: requested.scope,
        key,
        table_key: context.table_key.clone(),
        key_schema_elements: requested.key_schema.to_vec(),
        projection: requested.projection.clone(),
        projected,
        throughput,
        arn: format!("{}/index/{}", context.table_arn, requested.name),
        state: IndexState::Active,
        entries: BTreeMap::new(),
        size_bytes: 0,
    })
}

fn local_key(context: &Context<'_>, requested: &Requested<'_>) -> Result<IndexKeySchema, Error> {
    let table_hash = &context.table_key.hash.name;
    let hash = requested
        .key_schema
        .first()
        .filter(|k| k.key_type == KeyType::Hash)
        .ok_or_else(messages::first_key_not_hash)?;
    if hash.attribute_name != *table_hash {
        return Err(msg::local_hash_mismatch(
            requested.name,
            &hash.attribute_name,
            table_hash,
        ));
    }
    let range = match requested.key_schema {
        [_, range] if range.key_type == KeyType::Range => range,
        [_, _] => return Err(messages::second_key_not_range()),
        [_] => return Err(msg::local_needs_range(requested.name)),
        _ => return Err(msg::local_key_too_big()),
    };
    if range.attribute_name == *table_hash {
        return Err(messages::key_names_equal());
    }
    Ok(IndexKeySchema {
        partition: vec![context.table_key.hash.clone()],
        sort: vec![attribute(context, &range.attribute_name)?],
    })
}

fn global_key(context: &Context<'_>, requested: &Requested<'_>) -> Result<IndexKeySchema, Error> {
    let elements = requested.key_schema;
    if elements.is_empty() {
        return Err(msg::key_schema_empty());
    }
    if !elements.iter().any(|e| e.key_type == KeyType::Hash) {
        return Err(msg::no_hash_key());
    }
    let mut seen = BTreeSet::new();
    if !elements
        .iter()
        .all(|e| seen.insert(e.attribute_name.as_str()))
    {
        return Err(msg::key_attribute_repeated());
    }
    let mut partition = Vec::new();
    let mut sort = Vec::new();
    for element in elements {
        let attribute = attribute(context, &element.attribute_name)?;
        match element.key_type {
            KeyType::Hash if sort.is_empty() => partition.push(attribute),
            KeyType::Hash => return Err(msg::key_order()),
            _ => sort.push(attribute),
        }
    }
    if partition.len() > MAX_KEY_PARTS {
        return Err(msg::too_many_partition_keys());
    }
    if sort.len() > MAX_KEY_PARTS {
        return Err(msg::too_many_sort_keys());
    }
    Ok(IndexKeySchema { partition, sort })
}

fn attribute(context: &Context<'_>, name: &str) -> Result<KeyAttribute, Error> {
    context
        .definitions
        .iter()
        .find(|d| d.attribute_name == name)
        .and_then(|d| KeyKind::from_scalar(&d.attribute_type))
        .map(|kind| KeyAttribute {
            name: name.to_owned(),
            kind,
        })
        .ok_or_else(messages::key_attribute_without_definition)
}

fn projection(projection: &Projection) -> Result<Projected, Error> {
    let has_attributes = projection
        .non_key_attributes
        .as_ref()
        .is_some_and(|names| !names.is_empty());
    match &projection.projection_type {
        None => Err(msg::projection_type_missing()),
        Some(ProjectionType::Include) if !has_attributes => Err(msg::include_without_attributes()),
        Some(ProjectionType::Include) => {
            let names = projection.non_key_attributes.iter().flatten();
            let mut seen = BTreeSet::new();
            if !names.into_iter().all(|name| seen.insert(name)) {
                return Err(msg::projected_attribute_repeated());
            }
            Ok(Projected::from_model(projection))
        }
        Some(other) if has_attributes => Err(msg::attributes_without_include(other.as_str())),
        Some(_) => Ok(Projected::from_model(projection)),
    }
}

/// The rules over all of a table's indexes: unique names, counts, projected attributes.
pub(crate) fn check_all(indexes: &[Index]) -> Result<(), Error> {
    let mut names = BTreeSet::new();
    if let Some(duplicate) = indexes.iter().find(|i| !names.insert(i.name.as_str())) {
        return Err(msg::duplicate_name(&duplicate.name));
    }
    let count = |scope| indexes.iter().filter(|i| i.scope == scope).count();
    if count(IndexScope::Local) > MAX_LOCAL {
        return Err(msg::too_many_local());
    }
    if count(IndexScope::Global) > MAX_GLOBAL {
        return Err(msg::too_many_global());
    }
    let projected: usize = indexes
        .iter()
        .map(|i| match &i.projected {
            Projected::Include(names) => names.len(),
            _ => 0,
        })
        .sum();
    if projected > MAX_PROJECTED {
        return Err(msg::too_many_projected());
    }
    Ok(())
}

/// Every attribute name a key of the table or of one of `indexes` uses.
pub(crate) fn used_attributes<'a>(table: &'a KeySchema, indexes: &'a [Index]) -> BTreeSet<&'a str> {
    std::iter::once(&table.hash)
        .chain(table.range.as_ref())
        .chain(indexes.iter().flat_map(|i| i.key.attributes()))
        .map(|a| a.name.as_str())
        .collect()
}
