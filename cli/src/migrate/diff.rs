//! The difference between two snapshots as the steps that turn one into the other, and the
//! changes DynamoDB cannot make in place.

use std::collections::BTreeMap;

use dynamodel::{Billing, IndexSchema, TableSchema, Throughput};

use super::step::Step;

/// What it takes to turn one table schema into another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableDiff {
    /// The in-place steps, in the order they must run.
    pub steps: Vec<Step>,
    /// Why the table cannot be changed in place (empty when it can): a key or local index
    /// change needs a new table.
    pub rebuild_reasons: Vec<String>,
    /// Things the reviewer must know about the steps.
    pub notes: Vec<String>,
}

/// The steps that turn table `before` into `after` (same name, both present).
pub fn diff_table(before: &TableSchema, after: &TableSchema) -> TableDiff {
    let mut diff = TableDiff {
        rebuild_reasons: rebuild_reasons(before, after),
        ..TableDiff::default()
    };
    if !diff.rebuild_reasons.is_empty() {
        return diff;
    }
    let table = &after.table_name;
    let before_indexes = by_name(&before.global_indexes);
    let after_indexes = by_name(&after.global_indexes);

    // Indexes whose key or projection changed are deleted and created again.
    let recreated: Vec<&str> = after_indexes
        .iter()
        .filter(|(name, index)| {
            before_indexes
                .get(*name)
                .is_some_and(|old| !same_index_shape(old, index))
        })
        .map(|(name, _)| *name)
        .collect();
    for name in &recreated {
        diff.notes.push(format!(
            "DynamoDB cannot change the key or projection of index `{name}` of `{table}` in \
             place: it is deleted, then created again and backfilled; queries on it fail \
             in between"
        ));
    }

    // 1. Deletions first: fewer indexes to give throughput to, and room under the limits.
    for (name, index) in &before_indexes {
        if !after_indexes.contains_key(name) || recreated.contains(name) {
            diff.steps.push(Step::DeleteGlobalIndex {
                table: table.clone(),
                index: (*index).clone(),
            });
        }
    }

    // 2. Billing, with the throughput of the indexes that stay.
    let kept: Vec<&str> = before_indexes
        .keys()
        .filter(|name| after_indexes.contains_key(*name) && !recreated.contains(name))
        .copied()
        .collect();
    let mode_changes = is_provisioned(&before.billing) != is_provisioned(&after.billing);
    if before.billing != after.billing {
        let throughputs = |indexes: &BTreeMap<&str, &IndexSchema>| {
            kept.iter()
                .filter_map(|name| {
                    let throughput = indexes.get(name)?.throughput?;
                    Some(((*name).to_owned(), throughput))
                })
                .collect::<BTreeMap<String, Throughput>>()
        };
        let (index_throughput, index_throughput_before) = if mode_changes {
            (throughputs(&after_indexes), throughputs(&before_indexes))
        } else {
            (BTreeMap::new(), BTreeMap::new())
        };
        if mode_changes {
            diff.notes.push(format!(
                "`{table}` switches its billing mode; DynamoDB allows a switch to on-demand only \
                 a few times in 24 hours"
            ));
        }
        diff.steps.push(Step::SetBilling {
            table: table.clone(),
            from: before.billing.clone(),
            to: after.billing.clone(),
            index_throughput,
            index_throughput_before,
        });
    }

    // 3. Throughput of kept indexes, when the mode stays provisioned.
    if !mode_changes {
        for name in &kept {
            let old = before_indexes.get(name).and_then(|index| index.throughput);
            let new = after_indexes.get(name).and_then(|index| index.throughput);
            if let (Some(from), Some(to)) = (old, new) {
                if from != to {
                    diff.steps.push(Step::UpdateGlobalIndexThroughput {
                        table: table.clone(),
                        index: (*name).to_owned(),
                        from,
                        to,
                    });
                }
            }
        }
    }

    // 4. New and recreated indexes, one UpdateTable each.
    for (name, index) in &after_indexes {
        if !before_indexes.contains_key(name) || recreated.contains(name) {
            diff.steps.push(Step::CreateGlobalIndex {
                table: table.clone(),
                index: (*index).clone(),
            });
        }
    }

    // 5. Time to live, stream, tags.
    if before.time_to_live != after.time_to_live {
        if before.time_to_live.is_some() && after.time_to_live.is_some() {
            diff.notes.push(format!(
                "moving the time to live of `{table}` to another attribute turns it off, then on; \
                 DynamoDB may refuse the second change for up to an hour after the first"
            ));
        }
        diff.steps.push(Step::SetTimeToLive {
            table: table.clone(),
            from: before.time_to_live.clone(),
            to: after.time_to_live.clone(),
        });
    }
    if before.stream != after.stream {
        if before.stream.is_some() && after.stream.is_some() {
            diff.notes.push(format!(
                "changing the stream view type of `{table}` turns the stream off, then on: \
                 readers move to a new stream ARN"
            ));
        }
        diff.steps.push(Step::SetStream {
            table: table.clone(),
            from: before.stream.clone(),
            to: after.stream.clone(),
        });
    }
    if before.tags != after.tags {
        diff.steps.push(Step::SetTags {
            table: table.clone(),
            from: before.tags.clone(),
            to: after.tags.clone(),
        });
    }
    diff
}

/// Why `before` cannot become `after` in place: the key schema, a key attribute's type or
/// the local indexes differ.
fn rebuild_reasons(before: &TableSchema, after: &TableSchema) -> Vec<String> {
    let mut reasons = Vec::new();
    if before.partition_key != after.partition_key {
        reasons.push(format!(
            "the partition key changes from {} to {}",
            key_part(Some(&before.partition_key)),
            key_part(Some(&after.partition_key))
        ));
    }
    if before.sort_key != after.sort_key {
        reasons.push(format!(
            "the sort key changes from {} to {}",
            key_part(before.sort_key.as_ref()),
            key_part(after.sort_key.as_ref())
        ));
    }
    let old = by_name(&before.local_indexes);
    let new = by_name(&after.local_indexes);
    for name in old.keys().filter(|name| !new.contains_key(*name)) {
        reasons.push(format!("the local index `{name}` is removed"));
    }
    for (name, index) in &new {
        match old.get(name) {
            None => reasons.push(format!("the local index `{name}` is added")),
            Some(old) if !same_index_shape(old, index) => {
                reasons.push(format!(
                    "the local index `{name}` changes its key or projection"
                ));
            }
            Some(_) => {}
        }
    }
    reasons
}

fn key_part(part: Option<&(String, dynamodel::model::ScalarAttributeType)>) -> String {
    match part {
        Some((name, attribute_type)) => format!("`{name}` ({attribute_type})"),
        None => "none".to_owned(),
    }
}

/// Whether two indexes have the same key attributes, types and projection (throughput
/// aside). The order of `INCLUDE` attributes does not matter.
fn same_index_shape(a: &IndexSchema, b: &IndexSchema) -> bool {
    a.partition_key == b.partition_key
        && a.sort_key == b.sort_key
        && normalized_projection(a) == normalized_projection(b)
}

fn normalized_projection(index: &IndexSchema) -> dynamodel::IndexProjection {
    match &index.projection {
        dynamodel::IndexProjection::Include(names) => {
            let mut names = names.clone();
            names.sort();
            names.dedup();
            dynamodel::IndexProjection::Include(names)
        }
        other => other.clone(),
    }
}

fn by_name(indexes: &[IndexSchema]) -> BTreeMap<&str, &IndexSchema> {
    indexes
        .iter()
        .map(|index| (index.name.as_str(), index))
        .collect()
}

fn is_provisioned(billing: &Billing) -> bool {
    matches!(billing, Billing::Provisioned { .. })
}

/// `schema` with its indexes in name order and `INCLUDE` lists sorted, so that two schemas
/// that differ only in declaration order compare equal.
pub fn normalized(schema: &TableSchema) -> TableSchema {
    let mut schema = schema.clone();
    for indexes in [&mut schema.global_indexes, &mut schema.local_indexes] {
        indexes.sort_by(|a, b| a.name.cmp(&b.name));
        for index in indexes.iter_mut() {
            index.projection = normalized_projection(index);
        }
    }
    schema
}
