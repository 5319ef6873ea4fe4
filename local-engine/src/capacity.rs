//! Consumed capacity, as DynamoDB reports it.
//!
//! Source: AWS, *Read/write capacity mode* and *DynamoDB item sizes and formats*: one read unit
//! is one strongly consistent read of up to 4 KB (half a unit when eventually consistent); one
//! write unit is one write of up to 1 KB. Query and Scan round the total size read, not each
//! item; GetItem of a missing item still costs the minimum. Writes cost the larger of the old
//! and the new item.

use std::collections::BTreeMap;

use dynamodel::model::{Capacity, ConsumedCapacity, ReturnConsumedCapacity};

use crate::storage::index::{EntryChange, Index, IndexScope};

const READ_UNIT_BYTES: usize = 4096;
const WRITE_UNIT_BYTES: usize = 1024;

/// Read units for `bytes` read (at least one unit; half when eventually consistent).
pub(crate) fn read_units(bytes: usize, consistent: bool) -> f64 {
    let units = bytes.div_ceil(READ_UNIT_BYTES).max(1) as f64;
    if consistent { units } else { units / 2.0 }
}

/// Write units for a write whose larger image is `bytes` (at least one unit).
pub(crate) fn write_units(bytes: usize) -> f64 {
    bytes.div_ceil(WRITE_UNIT_BYTES).max(1) as f64
}

/// Whether units are reads or writes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Read,
    Write,
}

/// Capacity units consumed on a table and on its indexes.
///
/// Index writes follow the developer guide (*Provisioned throughput considerations* of global
/// and local secondary indexes), measured on the projected entry in 1 KB units: an index the
/// write leaves alone (no entry before or after, or an identical entry) costs nothing and gets
/// no entry in the breakdown; a new or a removed entry costs one write of its size; an entry
/// rewritten under the same index key costs one write of the larger; an entry whose index key
/// changed costs a delete of the old plus a put of the new (the figures measured against
/// DynamoDB in nubo-db/dynoxide#176 agree).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Consumed {
    table: f64,
    global: BTreeMap<String, f64>,
    local: BTreeMap<String, f64>,
}

impl From<f64> for Consumed {
    /// Units on the table alone.
    fn from(units: f64) -> Self {
        Consumed {
            table: units,
            ..Consumed::default()
        }
    }
}

impl Consumed {
    /// A read of `index`: charged to the index, none to the table.
    pub(crate) fn on_index(scope: IndexScope, name: &str, units: f64) -> Self {
        let mut consumed = Consumed::default();
        consumed.add_index(scope, name, units);
        consumed
    }

    /// A read of `units` on the table, or on its index `index` (scope and name) if given.
    pub(crate) fn read(index: Option<(IndexScope, String)>, units: f64) -> Self {
        match index {
            Some((scope, name)) => Consumed::on_index(scope, &name, units),
            None => Consumed::from(units),
        }
    }

    /// A write of `table_units` on the table whose index entries changed as `entries` say
    /// (aligned with `indexes`).
    pub(crate) fn write(table_units: f64, indexes: &[Index], entries: &[EntryChange]) -> Self {
        let mut consumed = Consumed::from(table_units);
        for (index, entry) in indexes.iter().zip(entries) {
            if let Some(units) = index_write_units(entry) {
                consumed.add_index(index.scope, &index.name, units);
            }
        }
        consumed
    }

    fn add_index(&mut self, scope: IndexScope, name: &str, units: f64) {
        let map = match scope {
            IndexScope::Global => &mut self.global,
            IndexScope::Local => &mut self.local,
        };
        *map.entry(name.to_owned()).or_default() += units;
    }

    /// Adds `other`'s units to these.
    pub(crate) fn add(&mut self, other: &Consumed) {
        self.table += other.table;
        for (mine, theirs) in [
            (&mut self.global, &other.global),
            (&mut self.local, &other.local),
        ] {
            for (name, units) in theirs {
                *mine.entry(name.clone()).or_default() += units;
            }
        }
    }

    /// These units, times `factor` (transactions cost twice).
    pub(crate) fn times(mut self, factor: f64) -> Self {
        self.table *= factor;
        for units in self.global.values_mut().chain(self.local.values_mut()) {
            *units *= factor;
        }
        self
    }

    /// Table and index units together.
    pub(crate) fn total(&self) -> f64 {
        self.table + self.global.values().sum::<f64>() + self.local.values().sum::<f64>()
    }
}

/// The write units an index entry change costs, or `None` when the index was not written.
fn index_write_units(entry: &EntryChange) -> Option<f64> {
    if entry.unchanged {
        return None;
    }
    match (entry.old, entry.new) {
        (None, None) => None,
        (Some(old), Some(new)) if entry.moved => Some(write_units(old) + write_units(new)),
        (old, new) => Some(write_units(old.unwrap_or(0).max(new.unwrap_or(0)))),
    }
}

/// The `ConsumedCapacity` of a single-item, batch, Query or Scan request, if it asked for
/// one: the aggregate `CapacityUnits` alone. DynamoDB reports the read/write split only for
/// transactions (checked against DynamoDB: paritysuite/dynamodb-conformance#69; the AWS CLI's
/// examples of `put-item` and `batch-write-item` output).
pub(crate) fn report(
    mode: Option<&ReturnConsumedCapacity>,
    table: &str,
    consumed: impl Into<Consumed>,
) -> Option<ConsumedCapacity> {
    build(mode, table, &consumed.into(), None)
}

/// The `ConsumedCapacity` of one table of a transaction, if the request asked for one: the
/// aggregate and its `ReadCapacityUnits` or `WriteCapacityUnits`, in the `Table` and index
/// breakdowns too (the AWS CLI's `transact-write-items` and `transact-get-items` examples;
/// ExtendDB/extenddb#77 quotes DynamoDB's `INDEXES` answer).
pub(crate) fn report_transactional(
    mode: Option<&ReturnConsumedCapacity>,
    table: &str,
    consumed: impl Into<Consumed>,
    kind: Kind,
) -> Option<ConsumedCapacity> {
    build(mode, table, &consumed.into(), Some(kind))
}

/// `TOTAL` sends the aggregate (table and indexes); `INDEXES` adds the `Table` entry (always)
/// and one entry per index that consumed anything (the maps are left out when empty).
fn build(
    mode: Option<&ReturnConsumedCapacity>,
    table: &str,
    consumed: &Consumed,
    split: Option<Kind>,
) -> Option<ConsumedCapacity> {
    let indexes = match mode {
        Some(ReturnConsumedCapacity::Total) => false,
        Some(ReturnConsumedCapacity::Indexes) => true,
        _ => return None,
    };
    let capacity = |units: f64| {
        let (read, write) = match split {
            Some(Kind::Read) => (Some(units), None),
            Some(Kind::Write) => (None, Some(units)),
            None => (None, None),
        };
        Capacity {
            read_capacity_units: read,
            write_capacity_units: write,
            capacity_units: Some(units),
        }
    };
    let breakdown = |map: &BTreeMap<String, f64>| {
        (indexes && !map.is_empty()).then(|| {
            map.iter()
                .map(|(name, units)| (name.clone(), capacity(*units)))
                .collect()
        })
    };
    let total = capacity(consumed.total());
    Some(ConsumedCapacity {
        table_name: Some(table.to_owned()),
        capacity_units: total.capacity_units,
        read_capacity_units: total.read_capacity_units,
        write_capacity_units: total.write_capacity_units,
        table: indexes.then(|| capacity(consumed.table)),
        local_secondary_indexes: breakdown(&consumed.local),
        global_secondary_indexes: breakdown(&consumed.global),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_round_up_per_4kb_and_halve_when_eventual() {
        assert_eq!(read_units(0, true), 1.0);
        assert_eq!(read_units(0, false), 0.5);
        assert_eq!(read_units(4096, true), 1.0);
        assert_eq!(read_units(4097, true), 2.0);
        assert_eq!(read_units(4097, false), 1.0);
        assert_eq!(read_units(3 * 4096 + 1, false), 2.0);
    }

    #[test]
    fn writes_round_up_per_kb() {
        assert_eq!(write_units(0), 1.0);
        assert_eq!(write_units(1024), 1.0);
        assert_eq!(write_units(1025), 2.0);
        assert_eq!(write_units(409_600), 400.0);
    }

    #[test]
    fn report_only_when_asked() {
        assert!(report(None, "t", 1.0).is_none());
        assert!(report(Some(&ReturnConsumedCapacity::None), "t", 1.0).is_none());
        let total = report(Some(&ReturnConsumedCapacity::Total), "t", 2.0).unwrap();
        assert_eq!(total.capacity_units, Some(2.0));
        assert!(total.table.is_none());
        let indexes = report(Some(&ReturnConsumedCapacity::Indexes), "t", 0.5).unwrap();
        assert_eq!(indexes.table.unwrap().capacity_units, Some(0.5));
    }

    #[test]
    fn only_transactions_split_reads_from_writes() {
        let total = report(Some(&ReturnConsumedCapacity::Indexes), "t", 2.0).unwrap();
        assert_eq!(total.read_capacity_units, None);
        assert_eq!(total.write_capacity_units, None);
        assert_eq!(total.table.unwrap().write_capacity_units, None);
        let mode = Some(&ReturnConsumedCapacity::Indexes);
        let write = report_transactional(mode, "t", 4.0, Kind::Write).unwrap();
        assert_eq!(write.write_capacity_units, Some(4.0));
        assert_eq!(write.read_capacity_units, None);
        assert_eq!(write.table.unwrap().write_capacity_units, Some(4.0));
        let read = report_transactional(mode, "t", 2.0, Kind::Read).unwrap();
        assert_eq!(read.read_capacity_units, Some(2.0));
        assert_eq!(read.table.unwrap().read_capacity_units, Some(2.0));
    }
}
