//! One step of a migration: a single change DynamoDB makes in place, or a data step.
//!
//! Steps carry the state before the change as well as after, so that `down` can invert the
//! reversible ones and `plan` can say exactly what changes.

use std::collections::BTreeMap;

use dynamodel::model::StreamViewType;
use dynamodel::{Billing, IndexSchema, TableSchema, Throughput};
use serde::{Deserialize, Serialize};

/// One step of a migration, as `migration.toml` lists it (`kind = "..."`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// CreateTable (with its indexes, stream and tags), then time to live if the schema has
    /// it.
    CreateTable {
        /// The table's schema.
        schema: TableSchema,
    },
    /// DeleteTable: every item is lost, so this step cannot be reverted.
    DeleteTable {
        /// The schema of the table being deleted (for the record).
        schema: TableSchema,
    },
    /// UpdateTable creating one global secondary index; DynamoDB fills it from the table.
    CreateGlobalIndex {
        /// The table.
        table: String,
        /// The new index.
        index: IndexSchema,
    },
    /// UpdateTable deleting one global secondary index.
    DeleteGlobalIndex {
        /// The table.
        table: String,
        /// The index being deleted (kept so that `down` can create it again).
        index: IndexSchema,
    },
    /// UpdateTable changing the throughput of one global secondary index.
    UpdateGlobalIndexThroughput {
        /// The table.
        table: String,
        /// The index name.
        index: String,
        /// The throughput before.
        from: Throughput,
        /// The throughput after.
        to: Throughput,
    },
    /// UpdateTable changing the billing mode or the table's throughput.
    SetBilling {
        /// The table.
        table: String,
        /// The billing before.
        from: Billing,
        /// The billing after.
        to: Billing,
        /// When switching to provisioned: the throughput of each existing global index.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        index_throughput: BTreeMap<String, Throughput>,
        /// When switching back to on-demand (for `down`): each index's throughput before.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        index_throughput_before: BTreeMap<String, Throughput>,
    },
    /// UpdateTimeToLive: turns time to live on or off, or moves it to another attribute
    /// (off, then on).
    SetTimeToLive {
        /// The table.
        table: String,
        /// The expiry attribute before, if time to live was on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        /// The expiry attribute after, if time to live is on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<String>,
    },
    /// UpdateTable changing the stream: on, off, or another view type (off, then on).
    SetStream {
        /// The table.
        table: String,
        /// The view type before, if the stream was on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<StreamViewType>,
        /// The view type after, if the stream is on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<StreamViewType>,
    },
    /// TagResource / UntagResource.
    SetTags {
        /// The table.
        table: String,
        /// The tags before.
        #[serde(default)]
        from: BTreeMap<String, String>,
        /// The tags after.
        #[serde(default)]
        to: BTreeMap<String, String>,
    },
    /// Copies every item of one table into another, resumably, optionally through a
    /// registered function (a rebuild's copy).
    CopyItems {
        /// The table read.
        from: String,
        /// The table written.
        to: String,
        /// A registered data function applied to each item, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        function: Option<String>,
    },
    /// Runs a registered data function over every item of a table, writing the results
    /// back, resumably.
    Data {
        /// The table.
        table: String,
        /// The registered function's name.
        function: String,
    },
}

impl Step {
    /// The table this step changes (for a copy, the table written).
    pub fn table(&self) -> &str {
        match self {
            Step::CreateTable { schema } | Step::DeleteTable { schema } => &schema.table_name,
            Step::CreateGlobalIndex { table, .. }
            | Step::DeleteGlobalIndex { table, .. }
            | Step::UpdateGlobalIndexThroughput { table, .. }
            | Step::SetBilling { table, .. }
            | Step::SetTimeToLive { table, .. }
            | Step::SetStream { table, .. }
            | Step::SetTags { table, .. }
            | Step::Data { table, .. } => table,
            Step::CopyItems { to, .. } => to,
        }
    }

    /// The step that undoes this one, or why there is none.
    pub fn inverse(&self) -> Result<Step, &'static str> {
        Ok(match self.clone() {
            Step::CreateTable { schema } => Step::DeleteTable { schema },
            Step::DeleteTable { .. } => {
                return Err("deleting a table loses its items; they cannot be brought back");
            }
            Step::CreateGlobalIndex { table, index } => Step::DeleteGlobalIndex { table, index },
            Step::DeleteGlobalIndex { table, index } => Step::CreateGlobalIndex { table, index },
            Step::UpdateGlobalIndexThroughput {
                table,
                index,
                from,
                to,
            } => Step::UpdateGlobalIndexThroughput {
                table,
                index,
                from: to,
                to: from,
            },
            Step::SetBilling {
                table,
                from,
                to,
                index_throughput,
                index_throughput_before,
            } => Step::SetBilling {
                table,
                from: to,
                to: from,
                index_throughput: index_throughput_before,
                index_throughput_before: index_throughput,
            },
            Step::SetTimeToLive { table, from, to } => Step::SetTimeToLive {
                table,
                from: to,
                to: from,
            },
            Step::SetStream { table, from, to } => Step::SetStream {
                table,
                from: to,
                to: from,
            },
            Step::SetTags { table, from, to } => Step::SetTags {
                table,
                from: to,
                to: from,
            },
            Step::CopyItems { .. } => {
                return Err("a copy writes items into a table that may have changed since");
            }
            Step::Data { .. } => {
                return Err("a data function's changes to items cannot be undone");
            }
        })
    }

    /// Whether this step reads and writes items (a data step) rather than the schema.
    pub fn is_data(&self) -> bool {
        matches!(self, Step::CopyItems { .. } | Step::Data { .. })
    }
}

/// Applies `step` to `tables`, the expected schema of every table: what the step leaves
/// behind. Used to check that a migration's steps lead to its snapshot.
pub fn apply_to(tables: &mut BTreeMap<String, TableSchema>, step: &Step) {
    match step {
        Step::CreateTable { schema } => {
            tables.insert(schema.table_name.clone(), schema.clone());
        }
        Step::DeleteTable { schema } => {
            tables.remove(&schema.table_name);
        }
        Step::CopyItems { .. } | Step::Data { .. } => {}
        step => {
            let Some(schema) = tables.get_mut(step.table()) else {
                return;
            };
            apply_to_table(schema, step);
        }
    }
}

fn apply_to_table(schema: &mut TableSchema, step: &Step) {
    match step {
        Step::CreateGlobalIndex { index, .. } => schema.global_indexes.push(index.clone()),
        Step::DeleteGlobalIndex { index, .. } => {
            schema.global_indexes.retain(|i| i.name != index.name);
        }
        Step::UpdateGlobalIndexThroughput { index, to, .. } => {
            for i in &mut schema.global_indexes {
                if i.name == *index {
                    i.throughput = Some(*to);
                }
            }
        }
        Step::SetBilling {
            to,
            index_throughput,
            ..
        } => {
            schema.billing = to.clone();
            for index in &mut schema.global_indexes {
                index.throughput = match to {
                    Billing::OnDemand => None,
                    Billing::Provisioned { .. } => index_throughput
                        .get(&index.name)
                        .copied()
                        .or(index.throughput),
                };
            }
        }
        Step::SetTimeToLive { to, .. } => schema.time_to_live = to.clone(),
        Step::SetStream { to, .. } => schema.stream = to.clone(),
        Step::SetTags { to, .. } => schema.tags = to.clone(),
        Step::CreateTable { .. }
        | Step::DeleteTable { .. }
        | Step::CopyItems { .. }
        | Step::Data { .. } => {}
    }
}
