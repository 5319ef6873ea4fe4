//! Steps, plans and drift as text for people: the comments in `migration.toml` and the
//! output of `plan`, `up`, `down` and `status`.

use std::collections::BTreeMap;

use dynamodel::{Billing, IndexProjection, IndexSchema, Throughput};

use super::step::Step;

/// One line saying what `step` does.
pub fn describe(step: &Step) -> String {
    match step {
        Step::CreateTable { schema } => {
            let mut text = format!(
                "create table `{}` with key {}",
                schema.table_name,
                key(std::iter::once(&schema.partition_key).chain(&schema.sort_key))
            );
            let indexes = schema.global_indexes.len() + schema.local_indexes.len();
            if indexes > 0 {
                text.push_str(&format!(", {indexes} secondary index(es)"));
            }
            text.push_str(&format!(", {}", billing(&schema.billing)));
            if let Some(attribute) = &schema.time_to_live {
                text.push_str(&format!(", time to live on `{attribute}`"));
            }
            text
        }
        Step::DeleteTable { schema } => format!(
            "DELETE table `{}` and every item in it (irreversible)",
            schema.table_name
        ),
        Step::CreateGlobalIndex { table, index } => format!(
            "create global index {} on `{table}` (DynamoDB backfills it from the items)",
            index_summary(index)
        ),
        Step::DeleteGlobalIndex { table, index } => {
            format!("delete global index `{}` of `{table}`", index.name)
        }
        Step::UpdateGlobalIndexThroughput {
            table,
            index,
            from,
            to,
        } => format!(
            "change the throughput of index `{index}` of `{table}` from {} to {}",
            throughput(*from),
            throughput(*to)
        ),
        Step::SetBilling {
            table, from, to, ..
        } => format!(
            "change the billing of `{table}` from {} to {}",
            billing(from),
            billing(to)
        ),
        Step::SetTimeToLive { table, from, to } => match (from, to) {
            (None, Some(to)) => format!("turn on time to live for `{table}` on `{to}`"),
            (Some(from), None) => format!("turn off time to live (`{from}`) for `{table}`"),
            (Some(from), Some(to)) => {
                format!("move the time to live of `{table}` from `{from}` to `{to}`")
            }
            (None, None) => format!("leave the time to live of `{table}` off"),
        },
        Step::SetStream { table, from, to } => match (from, to) {
            (None, Some(to)) => format!("turn on the stream of `{table}` ({to})"),
            (Some(from), None) => format!("turn off the stream ({from}) of `{table}`"),
            (Some(from), Some(to)) => {
                format!("change the stream of `{table}` from {from} to {to}")
            }
            (None, None) => format!("leave the stream of `{table}` off"),
        },
        Step::SetTags { table, from, to } => format!(
            "change the tags of `{table}` from {} to {}",
            tags(from),
            tags(to)
        ),
        Step::CopyItems { from, to, function } => match function {
            Some(function) => {
                format!("copy every item of `{from}` into `{to}` through `{function}` (resumable)")
            }
            None => format!("copy every item of `{from}` into `{to}` (resumable)"),
        },
        Step::Data { table, function } => {
            format!("run data function `{function}` over every item of `{table}` (resumable)")
        }
    }
}

fn key<'a>(parts: impl Iterator<Item = &'a dynamodel::schema::KeyPart>) -> String {
    let parts: Vec<String> = parts
        .map(|(name, attribute_type)| format!("{name} ({attribute_type})"))
        .collect();
    parts.join(", ")
}

fn index_summary(index: &IndexSchema) -> String {
    let mut text = format!(
        "`{}` on {}",
        index.name,
        key(index.partition_key.iter().chain(&index.sort_key))
    );
    text.push_str(match &index.projection {
        IndexProjection::All => ", projecting all attributes",
        IndexProjection::KeysOnly => ", projecting keys only",
        IndexProjection::Include(_) => ", projecting keys and",
    });
    if let IndexProjection::Include(names) = &index.projection {
        text.push(' ');
        text.push_str(&names.join(", "));
    }
    if let Some(t) = index.throughput {
        text.push_str(&format!(", {}", throughput(t)));
    }
    text
}

fn billing(billing: &Billing) -> String {
    match billing {
        Billing::OnDemand => "on-demand".to_owned(),
        Billing::Provisioned { read, write } => {
            format!("provisioned {read} read / {write} write units")
        }
    }
}

fn throughput(t: Throughput) -> String {
    format!("{} read / {} write units", t.read, t.write)
}

fn tags(tags: &BTreeMap<String, String>) -> String {
    if tags.is_empty() {
        return "none".to_owned();
    }
    let pairs: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{{{}}}", pairs.join(", "))
}
