//! `CreateTable`.
//!
//! Order ([capture], [dynalite]): the table name alone; then every parameter constraint
//! together (enum values, throughput minimums, key schema length, index names); then billing
//! mode against throughput; then the key schema against the attribute definitions; then the
//! secondary indexes (see `index_definitions`); then whether the name is taken. The table is usable at once; the response says
//! `CREATING` as DynamoDB's does, and DescribeTable says `ACTIVE`.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use dynamodel::Error;
use dynamodel::model::{
    BillingMode, CreateTableInput, CreateTableOutput, KeySchemaElement, KeyType, Projection,
    ProjectionType, ProvisionedThroughput, ScalarAttributeType, TableClass, TableStatus, Tag,
};

use super::index_definitions::{self, Context, Requested};
use crate::engine::Shared;
use crate::messages::{self, Violations, index as index_msg};
use crate::storage::index::{Index, IndexScope};
use crate::storage::{KeyAttribute, KeyKind, KeySchema, Table, TableDefinition, TableSettings};
use crate::validate;

/// DynamoDB's upper bound for a capacity value ([dynalite]).
const MAX_CAPACITY: i64 = 1_000_000_000_000;

/// DynamoDB lists attribute types in this order in its enum message ([dynalite]).
const ATTRIBUTE_TYPES: &[&str] = &["B", "N", "S"];

pub(crate) fn run(shared: &Shared, input: CreateTableInput) -> Result<CreateTableOutput, Error> {
    let mut name_violations = Violations::new();
    validate::table_name(
        &mut name_violations,
        &input.table_name,
        "tableName",
        validate::CREATE_MIN_NAME,
    );
    name_violations.finish()?;
    check_constraints(&input)?;
    let (billing_mode, read, write) = billing(&input)?;
    let key_schema = key_schema(&input)?;
    let arn = format!(
        "arn:aws:dynamodb:{}:{}:table/{}",
        shared.config.region, shared.config.account_id, input.table_name
    );
    let indexes = indexes(&input, &arn, &key_schema, &billing_mode)?;
    let tags = tags(input.tags.as_deref().unwrap_or_default())?;
    let created_at = now();
    let settings = TableSettings {
        attribute_definitions: input.attribute_definitions,
        on_demand_since: (billing_mode == BillingMode::PayPerRequest).then_some(created_at),
        billing_mode,
        read_capacity: read,
        write_capacity: write,
        deletion_protection: input.deletion_protection_enabled.unwrap_or(false),
        stream: input.stream_specification,
        table_class: input.table_class,
    };
    let table = Arc::new(Table::new(
        TableDefinition {
            arn,
            name: input.table_name,
            key_schema,
            key_schema_elements: input.key_schema,
            created_at,
            id: table_id(),
        },
        settings,
        indexes,
    ));
    *table.tags.write() = tags;
    if !shared.tables.insert(Arc::clone(&table)) {
        return Err(messages::table_already_exists(&table.definition.name));
    }
    Ok(CreateTableOutput {
        table_description: Some(table.describe(TableStatus::Creating, shared.clock.now())),
    })
}

fn check_constraints(input: &CreateTableInput) -> Result<(), Error> {
    let mut violations = Violations::new();
    for (i, definition) in input.attribute_definitions.iter().enumerate() {
        if let ScalarAttributeType::Unknown(other) = &definition.attribute_type {
            let member = format!("attributeDefinitions.{}.member.attributeType", i + 1);
            violations.enum_value(other, &member, ATTRIBUTE_TYPES);
        }
    }
    if let Some(BillingMode::Unknown(other)) = &input.billing_mode {
        violations.enum_value(other, "billingMode", BillingMode::VALUES);
    }
    if let Some(throughput) = &input.provisioned_throughput {
        check_throughput(&mut violations, throughput, "provisionedThroughput");
    }
    match input.key_schema.len() {
        0 => violations.min_length("[]", "keySchema", 1),
        1 | 2 => {}
        _ => violations.max_length(&java_list(&input.key_schema), "keySchema", 2),
    }
    for (i, element) in input.key_schema.iter().enumerate() {
        if let KeyType::Unknown(other) = &element.key_type {
            let member = format!("keySchema.{}.member.keyType", i + 1);
            violations.enum_value(other, &member, KeyType::VALUES);
        }
    }
    for (i, index) in input.global_secondary_indexes.iter().flatten().enumerate() {
        let member = format!("globalSecondaryIndexes.{}.member", i + 1);
        validate::table_name(
            &mut violations,
            &index.index_name,
            &format!("{member}.indexName"),
            validate::CREATE_MIN_NAME,
        );
        check_projection_type(&mut violations, &index.projection, &member);
        if let Some(throughput) = &index.provisioned_throughput {
            check_throughput(
                &mut violations,
                throughput,
                &format!("{member}.provisionedThroughput"),
            );
        }
    }
    for (i, index) in input.local_secondary_indexes.iter().flatten().enumerate() {
        let member = format!("localSecondaryIndexes.{}.member", i + 1);
        validate::table_name(
            &mut violations,
            &index.index_name,
            &format!("{member}.indexName"),
            validate::CREATE_MIN_NAME,
        );
        check_projection_type(&mut violations, &index.projection, &member);
    }
    if let Some(TableClass::Unknown(other)) = &input.table_class {
        violations.enum_value(other, "tableClass", TableClass::VALUES);
    }
    violations.finish()
}

/// The enum constraint on an index's `ProjectionType` (`member` names the index).
pub(crate) fn check_projection_type(
    violations: &mut Violations,
    projection: &Projection,
    member: &str,
) {
    if let Some(ProjectionType::Unknown(other)) = &projection.projection_type {
        let member = format!("{member}.projection.projectionType");
        violations.enum_value(other, &member, ProjectionType::VALUES);
    }
}

/// The table's secondary indexes, checked and empty: local ones first, each kind in request
/// order.
fn indexes(
    input: &CreateTableInput,
    arn: &str,
    key_schema: &KeySchema,
    billing_mode: &BillingMode,
) -> Result<Vec<Index>, Error> {
    if input
        .local_secondary_indexes
        .as_ref()
        .is_some_and(Vec::is_empty)
    {
        return Err(index_msg::empty_list("LocalSecondaryIndexes"));
    }
    if input
        .global_secondary_indexes
        .as_ref()
        .is_some_and(Vec::is_empty)
    {
        return Err(index_msg::empty_list("GlobalSecondaryIndexes"));
    }
    if input.local_secondary_indexes.is_some() && key_schema.range.is_none() {
        return Err(index_msg::local_needs_table_range());
    }
    let context = Context {
        table_arn: arn,
        table_key: key_schema,
        definitions: &input.attribute_definitions,
        billing_mode,
    };
    let local = input
        .local_secondary_indexes
        .iter()
        .flatten()
        .map(|index| Requested {
            name: &index.index_name,
            scope: IndexScope::Local,
            key_schema: &index.key_schema,
            projection: &index.projection,
            throughput: None,
        });
    let global = input
        .global_secondary_indexes
        .iter()
        .flatten()
        .map(|index| Requested {
            name: &index.index_name,
            scope: IndexScope::Global,
            key_schema: &index.key_schema,
            projection: &index.projection,
            throughput: index.provisioned_throughput.as_ref(),
        });
    let indexes = local
        .chain(global)
        .map(|requested| index_definitions::build(&context, &requested))
        .collect::<Result<Vec<_>, _>>()?;
    index_definitions::check_all(&indexes)?;
    let used = index_definitions::used_attributes(key_schema, &indexes);
    let defined: Vec<&str> = input
        .attribute_definitions
        .iter()
        .map(|d| d.attribute_name.as_str())
        .collect();
    if defined.iter().any(|name| !used.contains(name)) {
        let used: Vec<&str> = used.into_iter().collect();
        return Err(index_msg::unused_definitions(&defined, &used));
    }
    Ok(indexes)
}

/// The `Tags` of the request, checked as TagResource checks them ([capture]: CreateTable
/// sends the same texts), by key.
fn tags(tags: &[Tag]) -> Result<BTreeMap<String, String>, Error> {
    validate::tags::check_tags(tags)?;
    if tags.len() > validate::tags::MAX_TAGS {
        return Err(messages::tags::too_many());
    }
    Ok(tags
        .iter()
        .map(|tag| (tag.key.clone(), tag.value.clone()))
        .collect())
}

/// The capacity minimums of a throughput member named `member` (`provisionedThroughput`, or an
/// index's `globalSecondaryIndexes.1.member.provisionedThroughput`).
pub(crate) fn check_throughput(
    violations: &mut Violations,
    throughput: &ProvisionedThroughput,
    member: &str,
) {
    if throughput.write_capacity_units < 1 {
        let member = format!("{member}.writeCapacityUnits");
        violations.min_value(throughput.write_capacity_units, &member, 1);
    }
    if throughput.read_capacity_units < 1 {
        let member = format!("{member}.readCapacityUnits");
        violations.min_value(throughput.read_capacity_units, &member, 1);
    }
}

/// How DynamoDB echoes a too-long key schema: Java's default `toString` of each element
/// (`com.amazonaws.dynamodb.v20120810.KeySchemaElement@<identity hash>`, [capture]). The
/// identity hashes are not reproducible; a hash of the element stands in for them.
fn java_list(elements: &[KeySchemaElement]) -> String {
    let rendered: Vec<String> = elements
        .iter()
        .map(|e| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            hasher.write(e.attribute_name.as_bytes());
            hasher.write(e.key_type.as_str().as_bytes());
            format!(
                "com.amazonaws.dynamodb.v20120810.KeySchemaElement@{:08x}",
                hasher.finish() as u32
            )
        })
        .collect();
    format!("[{}]", rendered.join(", "))
}

/// The billing mode and the throughput to report (0/0 for on-demand).
fn billing(input: &CreateTableInput) -> Result<(BillingMode, i64, i64), Error> {
    match (&input.billing_mode, &input.provisioned_throughput) {
        (Some(BillingMode::PayPerRequest), Some(_)) => Err(messages::throughput_forbidden()),
        (Some(BillingMode::PayPerRequest), None) => Ok((BillingMode::PayPerRequest, 0, 0)),
        (_, None) => Err(messages::throughput_required()),
        (_, Some(throughput)) => {
            let (read, write) = capacity(throughput)?;
            Ok((BillingMode::Provisioned, read, write))
        }
    }
}

/// Read and write capacity of `throughput`, within DynamoDB's hard bound.
pub(crate) fn capacity(throughput: &ProvisionedThroughput) -> Result<(i64, i64), Error> {
    let (read, write) = (
        throughput.read_capacity_units,
        throughput.write_capacity_units,
    );
    if read > MAX_CAPACITY {
        return Err(messages::throughput_out_of_bounds(
            read,
            "ReadCapacityUnits",
        ));
    }
    if write > MAX_CAPACITY {
        return Err(messages::throughput_out_of_bounds(
            write,
            "WriteCapacityUnits",
        ));
    }
    Ok((read, write))
}

/// The key schema, checked against the attribute definitions ([capture], [dynalite] order).
fn key_schema(input: &CreateTableInput) -> Result<KeySchema, Error> {
    let definitions: Vec<&str> = input
        .attribute_definitions
        .iter()
        .map(|d| d.attribute_name.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    if let Some(duplicate) = definitions.iter().find(|name| !seen.insert(**name)) {
        return Err(messages::duplicate_definition(duplicate));
    }
    let keys: Vec<&str> = input
        .key_schema
        .iter()
        .map(|k| k.attribute_name.as_str())
        .collect();
    if keys.len() > definitions.len() {
        return Err(messages::key_attribute_without_definition());
    }
    if keys.iter().any(|key| !definitions.contains(key)) {
        return Err(messages::key_not_in_definitions(&keys, &definitions));
    }
    if let [first, second] = keys.as_slice() {
        if first == second {
            return Err(messages::key_names_equal());
        }
    }
    let mut elements = input.key_schema.iter();
    let hash = match elements.next() {
        Some(element) if element.key_type == KeyType::Hash => key_attribute(input, element)?,
        _ => return Err(messages::first_key_not_hash()),
    };
    let range = match elements.next() {
        Some(element) if element.key_type == KeyType::Range => Some(key_attribute(input, element)?),
        Some(_) => return Err(messages::second_key_not_range()),
        None => None,
    };
    let has_indexes =
        input.global_secondary_indexes.is_some() || input.local_secondary_indexes.is_some();
    if !has_indexes && definitions.len() != keys.len() {
        return Err(messages::definitions_count_mismatch());
    }
    Ok(KeySchema { hash, range })
}

fn key_attribute(
    input: &CreateTableInput,
    element: &KeySchemaElement,
) -> Result<KeyAttribute, Error> {
    input
        .attribute_definitions
        .iter()
        .find(|d| d.attribute_name == element.attribute_name)
        .and_then(|d| KeyKind::from_scalar(&d.attribute_type))
        .map(|kind| KeyAttribute {
            name: element.attribute_name.clone(),
            kind,
        })
        .ok_or_else(messages::key_attribute_without_definition)
}

/// Seconds since the epoch, with milliseconds.
pub(crate) fn now() -> f64 {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (elapsed.as_millis() as f64) / 1000.0
}

/// A fresh UUID-shaped id (version 4 layout): the process's random hasher keys, a counter and
/// the clock, so two tables never share an id.
fn table_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let state = std::collections::hash_map::RandomState::new();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let high = state.hash_one((count, nanos, 0u8));
    let low = state.hash_one((count, nanos, 1u8));
    let bits = (u128::from(high) << 64) | u128::from(low);
    let bits = (bits & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        hex.get(0..8).unwrap_or(""),
        hex.get(8..12).unwrap_or(""),
        hex.get(12..16).unwrap_or(""),
        hex.get(16..20).unwrap_or(""),
        hex.get(20..32).unwrap_or("")
    )
}
