//! `CreateTable`.
//!
//! Order ([capture], [dynalite]): the table name alone; then every parameter constraint
//! together (enum values, throughput minimums, key schema length); then unsupported features;
//! then billing mode against throughput; then the key schema against the attribute
//! definitions; then whether the name is taken. The table is usable at once; the response says
//! `CREATING` as DynamoDB's does, and DescribeTable says `ACTIVE`.

use std::collections::BTreeSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use dynamodel::Error;
use dynamodel::model::{
    BillingMode, CreateTableInput, CreateTableOutput, KeySchemaElement, KeyType,
    ProvisionedThroughput, ScalarAttributeType, TableClass, TableStatus,
};

use crate::engine::Shared;
use crate::messages::unsupported::Feature;
use crate::messages::{self, Violations, unsupported};
use crate::storage::{KeyAttribute, KeyKind, KeySchema, Table, TableDefinition};
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
    unsupported::reject(&[
        (
            input.global_secondary_indexes.is_some(),
            Feature::GlobalSecondaryIndexes,
        ),
        (
            input.local_secondary_indexes.is_some(),
            Feature::LocalSecondaryIndexes,
        ),
        (
            input
                .stream_specification
                .as_ref()
                .is_some_and(|s| s.stream_enabled),
            Feature::StreamSpecification,
        ),
    ])?;
    let (billing_mode, read, write) = billing(&input)?;
    let key_schema = key_schema(&input)?;
    let table = Arc::new(Table::new(TableDefinition {
        arn: format!(
            "arn:aws:dynamodb:{}:{}:table/{}",
            shared.config.region, shared.config.account_id, input.table_name
        ),
        name: input.table_name,
        key_schema,
        key_schema_elements: input.key_schema,
        attribute_definitions: input.attribute_definitions,
        billing_mode,
        read_capacity: read,
        write_capacity: write,
        created_at: now(),
        id: table_id(),
        deletion_protection: input.deletion_protection_enabled.unwrap_or(false),
    }));
    if !shared.tables.insert(Arc::clone(&table)) {
        return Err(messages::table_already_exists(&table.definition.name));
    }
    Ok(CreateTableOutput {
        table_description: Some(table.describe(TableStatus::Creating)),
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
        if throughput.write_capacity_units < 1 {
            let member = "provisionedThroughput.writeCapacityUnits";
            violations.min_value(throughput.write_capacity_units, member, 1);
        }
        if throughput.read_capacity_units < 1 {
            let member = "provisionedThroughput.readCapacityUnits";
            violations.min_value(throughput.read_capacity_units, member, 1);
        }
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
    if let Some(TableClass::Unknown(other)) = &input.table_class {
        violations.enum_value(other, "tableClass", TableClass::VALUES);
    }
    violations.finish()
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
        (
            _,
            Some(ProvisionedThroughput {
                read_capacity_units: read,
                write_capacity_units: write,
            }),
        ) => {
            if *read > MAX_CAPACITY {
                return Err(messages::throughput_out_of_bounds(
                    *read,
                    "ReadCapacityUnits",
                ));
            }
            if *write > MAX_CAPACITY {
                return Err(messages::throughput_out_of_bounds(
                    *write,
                    "WriteCapacityUnits",
                ));
            }
            Ok((BillingMode::Provisioned, *read, *write))
        }
    }
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
    if definitions.len() != keys.len() {
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
fn now() -> f64 {
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
