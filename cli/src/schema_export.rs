//! `schema export`: the tables as infrastructure code — CloudFormation (`AWS::DynamoDB::Table`
//! resources, YAML) or Terraform (`aws_dynamodb_table` resources, HCL).
//!
//! Strings are written as JSON string literals, which are valid double-quoted scalars in YAML
//! and valid strings in HCL, so names with any characters are quoted correctly.

use std::fmt::Write as _;

use dynamodel::model::ScalarAttributeType;
use dynamodel::{Billing, IndexProjection, IndexSchema, TableSchema};

use crate::migrate::{Error, Result, Snapshot};

/// An infrastructure-code format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An AWS CloudFormation template (YAML).
    Cloudformation,
    /// Terraform resources of the AWS provider (HCL).
    Terraform,
}

/// The tables of `snapshot` in `format`.
///
/// Terraform's `global_secondary_index` block has one `hash_key` and one `range_key`, so an
/// index with a multi-attribute key is refused for Terraform.
pub fn render(snapshot: &Snapshot, format: Format) -> Result<String> {
    match format {
        Format::Cloudformation => Ok(cloudformation(snapshot)),
        Format::Terraform => terraform(snapshot),
    }
}

fn quote(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// `orders-2024.v1` → `Orders20240V1`-style identifiers: letters and digits, each run
/// capitalized.
fn logical_id(table: &str) -> String {
    let mut id = String::new();
    for word in table.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.push(first.to_ascii_uppercase());
            id.extend(chars);
        }
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert(0, 'T');
    }
    id.push_str("Table");
    id
}

fn cloudformation(snapshot: &Snapshot) -> String {
    let mut out = String::from(
        "AWSTemplateFormatVersion: \"2010-09-09\"\n\
         Description: \"DynamoDB tables of the dynamodel models\"\n\
         Resources:\n",
    );
    if snapshot.tables.is_empty() {
        out.push_str("  {}\n");
    }
    for table in snapshot.tables.values() {
        cloudformation_table(&mut out, table);
    }
    out
}

fn cloudformation_table(out: &mut String, table: &TableSchema) {
    let p = "      ";
    let _ = writeln!(out, "  {}:", logical_id(&table.table_name));
    let _ = writeln!(out, "    Type: AWS::DynamoDB::Table");
    let _ = writeln!(out, "    Properties:");
    let _ = writeln!(out, "{p}TableName: {}", quote(&table.table_name));
    let _ = writeln!(out, "{p}AttributeDefinitions:");
    for definition in table.attribute_definitions() {
        let _ = writeln!(
            out,
            "{p}  - AttributeName: {}",
            quote(&definition.attribute_name)
        );
        let _ = writeln!(out, "{p}    AttributeType: {}", definition.attribute_type);
    }
    let _ = writeln!(out, "{p}KeySchema:");
    cloudformation_key(out, &format!("{p}  "), &table.key_schema());
    match &table.billing {
        Billing::OnDemand => {
            let _ = writeln!(out, "{p}BillingMode: PAY_PER_REQUEST");
        }
        Billing::Provisioned { read, write } => {
            let _ = writeln!(out, "{p}BillingMode: PROVISIONED");
            let _ = writeln!(out, "{p}ProvisionedThroughput:");
            let _ = writeln!(out, "{p}  ReadCapacityUnits: {read}");
            let _ = writeln!(out, "{p}  WriteCapacityUnits: {write}");
        }
    }
    for (key, indexes) in [
        ("GlobalSecondaryIndexes", &table.global_indexes),
        ("LocalSecondaryIndexes", &table.local_indexes),
    ] {
        if indexes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{p}{key}:");
        for index in indexes {
            let _ = writeln!(out, "{p}  - IndexName: {}", quote(&index.name));
            let _ = writeln!(out, "{p}    KeySchema:");
            cloudformation_key(out, &format!("{p}      "), &index.key_schema());
            let _ = writeln!(out, "{p}    Projection:");
            let (kind, names) = projection(index);
            let _ = writeln!(out, "{p}      ProjectionType: {kind}");
            if let Some(names) = names {
                let _ = writeln!(out, "{p}      NonKeyAttributes:");
                for name in names {
                    let _ = writeln!(out, "{p}        - {}", quote(name));
                }
            }
            if let Some(t) = index.throughput {
                let _ = writeln!(out, "{p}    ProvisionedThroughput:");
                let _ = writeln!(out, "{p}      ReadCapacityUnits: {}", t.read);
                let _ = writeln!(out, "{p}      WriteCapacityUnits: {}", t.write);
            }
        }
    }
    if let Some(attribute) = &table.time_to_live {
        let _ = writeln!(out, "{p}TimeToLiveSpecification:");
        let _ = writeln!(out, "{p}  AttributeName: {}", quote(attribute));
        let _ = writeln!(out, "{p}  Enabled: true");
    }
    if let Some(view) = &table.stream {
        let _ = writeln!(out, "{p}StreamSpecification:");
        let _ = writeln!(out, "{p}  StreamViewType: {view}");
    }
    if !table.tags.is_empty() {
        let _ = writeln!(out, "{p}Tags:");
        for (key, value) in &table.tags {
            let _ = writeln!(out, "{p}  - Key: {}", quote(key));
            let _ = writeln!(out, "{p}    Value: {}", quote(value));
        }
    }
}

fn cloudformation_key(out: &mut String, indent: &str, key: &[dynamodel::model::KeySchemaElement]) {
    for element in key {
        let _ = writeln!(
            out,
            "{indent}- AttributeName: {}",
            quote(&element.attribute_name)
        );
        let _ = writeln!(out, "{indent}  KeyType: {}", element.key_type);
    }
}

fn projection(index: &IndexSchema) -> (&'static str, Option<&[String]>) {
    match &index.projection {
        IndexProjection::All => ("ALL", None),
        IndexProjection::KeysOnly => ("KEYS_ONLY", None),
        IndexProjection::Include(names) => ("INCLUDE", Some(names)),
    }
}

/// A Terraform resource name: letters, digits, `_` and `-`, starting with a letter or `_`.
fn resource_name(table: &str) -> String {
    let mut name: String = table
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name.insert(0, '_');
    }
    name
}

fn terraform(snapshot: &Snapshot) -> Result<String> {
    let mut out = String::from("# DynamoDB tables of the dynamodel models.\n");
    for table in snapshot.tables.values() {
        out.push('\n');
        terraform_table(&mut out, table)?;
    }
    Ok(out)
}

fn single_key<'a>(
    table: &str,
    index: &IndexSchema,
    parts: &'a [(String, ScalarAttributeType)],
) -> Result<Option<&'a str>> {
    match parts {
        [] => Ok(None),
        [(name, _)] => Ok(Some(name)),
        _ => Err(Error::Usage(format!(
            "index `{}` of `{table}` has a multi-attribute key, which Terraform's \
             `global_secondary_index` block cannot express (one `hash_key`, one `range_key`); \
             export it with `--format cloudformation`",
            index.name
        ))),
    }
}

fn terraform_table(out: &mut String, table: &TableSchema) -> Result<()> {
    let name = &table.table_name;
    let _ = writeln!(
        out,
        "resource \"aws_dynamodb_table\" \"{}\" {{",
        resource_name(name)
    );
    let _ = writeln!(out, "  name           = {}", quote(name));
    match &table.billing {
        Billing::OnDemand => {
            let _ = writeln!(out, "  billing_mode   = \"PAY_PER_REQUEST\"");
        }
        Billing::Provisioned { read, write } => {
            let _ = writeln!(out, "  billing_mode   = \"PROVISIONED\"");
            let _ = writeln!(out, "  read_capacity  = {read}");
            let _ = writeln!(out, "  write_capacity = {write}");
        }
    }
    let _ = writeln!(out, "  hash_key       = {}", quote(&table.partition_key.0));
    if let Some((sort, _)) = &table.sort_key {
        let _ = writeln!(out, "  range_key      = {}", quote(sort));
    }
    for definition in table.attribute_definitions() {
        let _ = writeln!(out, "\n  attribute {{");
        let _ = writeln!(out, "    name = {}", quote(&definition.attribute_name));
        let _ = writeln!(out, "    type = \"{}\"", definition.attribute_type);
        let _ = writeln!(out, "  }}");
    }
    for (block, indexes) in [
        ("global_secondary_index", &table.global_indexes),
        ("local_secondary_index", &table.local_indexes),
    ] {
        for index in indexes {
            let _ = writeln!(out, "\n  {block} {{");
            let _ = writeln!(out, "    name               = {}", quote(&index.name));
            if block == "global_secondary_index" {
                if let Some(hash) = single_key(name, index, &index.partition_key)? {
                    let _ = writeln!(out, "    hash_key           = {}", quote(hash));
                }
            }
            if let Some(range) = single_key(name, index, &index.sort_key)? {
                let _ = writeln!(out, "    range_key          = {}", quote(range));
            }
            let (kind, names) = projection(index);
            let _ = writeln!(out, "    projection_type    = \"{kind}\"");
            if let Some(names) = names {
                let quoted: Vec<String> = names.iter().map(|n| quote(n)).collect();
                let _ = writeln!(out, "    non_key_attributes = [{}]", quoted.join(", "));
            }
            if let Some(t) = index.throughput {
                let _ = writeln!(out, "    read_capacity      = {}", t.read);
                let _ = writeln!(out, "    write_capacity     = {}", t.write);
            }
            let _ = writeln!(out, "  }}");
        }
    }
    if let Some(attribute) = &table.time_to_live {
        let _ = writeln!(out, "\n  ttl {{");
        let _ = writeln!(out, "    attribute_name = {}", quote(attribute));
        let _ = writeln!(out, "    enabled        = true");
        let _ = writeln!(out, "  }}");
    }
    if let Some(view) = &table.stream {
        let _ = writeln!(out, "\n  stream_enabled   = true");
        let _ = writeln!(out, "  stream_view_type = \"{view}\"");
    }
    if !table.tags.is_empty() {
        let _ = writeln!(out, "\n  tags = {{");
        for (key, value) in &table.tags {
            let _ = writeln!(out, "    {} = {}", quote(key), quote(value));
        }
        let _ = writeln!(out, "  }}");
    }
    let _ = writeln!(out, "}}");
    Ok(())
}
