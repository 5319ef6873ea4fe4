//! Consumed capacity, as DynamoDB reports it.
//!
//! Source: AWS, *Read/write capacity mode* and *DynamoDB item sizes and formats*: one read unit
//! is one strongly consistent read of up to 4 KB (half a unit when eventually consistent); one
//! write unit is one write of up to 1 KB. Query and Scan round the total size read, not each
//! item; GetItem of a missing item still costs the minimum. Writes cost the larger of the old
//! and the new item.

use dynamodel::model::{Capacity, ConsumedCapacity, ReturnConsumedCapacity};

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

/// The `ConsumedCapacity` of a single-item, batch, Query or Scan request, if it asked for
/// one: the aggregate `CapacityUnits` alone. DynamoDB reports the read/write split only for
/// transactions (checked against DynamoDB: paritysuite/dynamodb-conformance#69; the AWS CLI's
/// examples of `put-item` and `batch-write-item` output).
pub(crate) fn report(
    mode: Option<&ReturnConsumedCapacity>,
    table: &str,
    units: f64,
) -> Option<ConsumedCapacity> {
    build(mode, table, units, None)
}

/// The `ConsumedCapacity` of one table of a transaction, if the request asked for one: the
/// aggregate and its `ReadCapacityUnits` or `WriteCapacityUnits`, in the `Table` breakdown
/// too (the AWS CLI's `transact-write-items` and `transact-get-items` examples;
/// ExtendDB/extenddb#77 quotes DynamoDB's `INDEXES` answer).
pub(crate) fn report_transactional(
    mode: Option<&ReturnConsumedCapacity>,
    table: &str,
    units: f64,
    kind: Kind,
) -> Option<ConsumedCapacity> {
    build(mode, table, units, Some(kind))
}

fn build(
    mode: Option<&ReturnConsumedCapacity>,
    table: &str,
    units: f64,
    split: Option<Kind>,
) -> Option<ConsumedCapacity> {
    let indexes = match mode {
        Some(ReturnConsumedCapacity::Total) => false,
        Some(ReturnConsumedCapacity::Indexes) => true,
        _ => return None,
    };
    let (read, write) = match split {
        Some(Kind::Read) => (Some(units), None),
        Some(Kind::Write) => (None, Some(units)),
        None => (None, None),
    };
    Some(ConsumedCapacity {
        table_name: Some(table.to_owned()),
        capacity_units: Some(units),
        read_capacity_units: read,
        write_capacity_units: write,
        table: indexes.then_some(Capacity {
            read_capacity_units: read,
            write_capacity_units: write,
            capacity_units: Some(units),
        }),
        local_secondary_indexes: None,
        global_secondary_indexes: None,
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
