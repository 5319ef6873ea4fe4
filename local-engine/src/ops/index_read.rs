//! Query and Scan of a secondary index: which index, whether it may be read as asked, the
//! positions a key condition selects, `ExclusiveStartKey` and `LastEvaluatedKey`.
//!
//! An index page carries the index key and the table key in `LastEvaluatedKey`; the matching
//! `ExclusiveStartKey` must hold exactly those attributes.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::time::SystemTime;

use dynamodel::model::Select;
use dynamodel::{Error, Item};

use super::key_range::{self, SortCondition};
use crate::expr::{KeyOp, KeyTerm, Projection};
use crate::messages::{index as msg, key_condition, start_key};
use crate::storage::index::{
    Index, IndexKeySchema, IndexPosition, IndexScope, Projected, TableTiebreak, partition_hash,
};
use crate::storage::{
    KeyAttribute, KeySchema, KeyValue, SortPart, StorageKey, StoredItem, TableData,
};
use crate::validate::key;

/// The index a Query or Scan names, checked against how it is read.
pub(crate) fn resolve<'d>(
    data: &'d TableData,
    table: &str,
    name: &str,
    consistent: Option<bool>,
    select: Option<&Select>,
    now: SystemTime,
) -> Result<&'d Index, Error> {
    let index = data.index(name).ok_or_else(|| msg::no_such_index(name))?;
    if index.scope == IndexScope::Global {
        if consistent == Some(true) {
            return Err(msg::consistent_read_on_global());
        }
        if select == Some(&Select::AllAttributes) && index.projected != Projected::All {
            return Err(msg::all_attributes_not_projected(name));
        }
    }
    if !index.is_active(now) {
        return Err(msg::index_not_active(table, name));
    }
    Ok(index)
}

/// Whether returned items must be read from the table rather than the index: a local index
/// asked for attributes it does not project (DynamoDB fetches them from the table).
pub(crate) fn fetches_from_table(
    index: &Index,
    select: Option<&Select>,
    projection: Option<&Projection>,
) -> bool {
    if index.scope != IndexScope::Local || index.projected == Projected::All {
        return false;
    }
    match projection {
        Some(projection) => projection.heads().any(|name| !index.projects(name)),
        None => select == Some(&Select::AllAttributes),
    }
}

/// The item to read at `position`: the index entry, or with `fetch` the table's item.
pub(crate) fn item_of<'a>(
    items: &'a BTreeMap<StorageKey, StoredItem>,
    fetch: bool,
    position: &IndexPosition,
    entry: &'a StoredItem,
) -> Option<&'a StoredItem> {
    if fetch {
        items.get(position.table_key()?)
    } else {
        Some(entry)
    }
}

/// What a Query of an index reads: one index partition, optionally narrowed by equalities on
/// leading sort attributes and a condition on the next one.
#[derive(Clone, Debug)]
pub(crate) struct IndexRange {
    partition: Vec<KeyValue>,
    equal: Vec<KeyValue>,
    last: Option<SortCondition>,
    sort_len: usize,
}

impl IndexRange {
    /// Reads key condition terms against the index key.
    pub(crate) fn plan(key: &IndexKeySchema, terms: &[KeyTerm]) -> Result<IndexRange, Error> {
        if let ([hash], sort) = (key.partition.as_slice(), key.sort.as_slice()) {
            if sort.len() <= 1 {
                if terms.len() > 2 {
                    return Err(key_condition::too_many_conditions());
                }
                let schema = KeySchema {
                    hash: hash.clone(),
                    range: sort.first().cloned(),
                };
                let range = key_range::plan(&schema, terms)?;
                return Ok(IndexRange {
                    partition: vec![range.partition.partition],
                    equal: Vec::new(),
                    last: range.sort,
                    sort_len: sort.len(),
                });
            }
        }
        multi_attribute(key, terms)
    }

    fn hash(&self) -> u64 {
        partition_hash(&self.partition)
    }

    /// A position: this partition, `sort` padded with `pad`, the table key `table`.
    fn position(
        &self,
        mut sort: Vec<SortPart>,
        pad: SortPart,
        table: TableTiebreak,
    ) -> IndexPosition {
        while sort.len() < self.sort_len {
            sort.push(pad.clone());
        }
        IndexPosition {
            hash: self.hash(),
            partition: self.partition.clone(),
            sort,
            table,
        }
    }

    /// The positions the range selects, as bounds.
    pub(crate) fn bounds(&self) -> (Bound<IndexPosition>, Bound<IndexPosition>) {
        let prefix: Vec<SortPart> = self.equal.iter().cloned().map(SortPart::Value).collect();
        let (low, high) = match &self.last {
            Some(condition) => condition.bounds(),
            None => (Bound::Unbounded, Bound::Unbounded),
        };
        let at = |part: SortPart, pad: SortPart, table: TableTiebreak| {
            let mut sort = prefix.clone();
            sort.push(part);
            self.position(sort, pad, table)
        };
        let low = match low {
            Bound::Included(part) => {
                Bound::Included(at(part, SortPart::Bottom, TableTiebreak::Bottom))
            }
            Bound::Excluded(part) => Bound::Excluded(at(part, SortPart::Top, TableTiebreak::Top)),
            Bound::Unbounded => Bound::Included(self.position(
                prefix.clone(),
                SortPart::Bottom,
                TableTiebreak::Bottom,
            )),
        };
        let high = match high {
            Bound::Included(part) => Bound::Included(at(part, SortPart::Top, TableTiebreak::Top)),
            Bound::Excluded(part) => {
                Bound::Excluded(at(part, SortPart::Bottom, TableTiebreak::Bottom))
            }
            Bound::Unbounded => {
                Bound::Included(self.position(prefix.clone(), SortPart::Top, TableTiebreak::Top))
            }
        };
        (low, high)
    }

    /// Whether `position` lies in this range's partition.
    pub(crate) fn holds(&self, position: &IndexPosition) -> bool {
        position.partition == self.partition
    }
}

/// A multi-attribute index key: every partition attribute with `=`; sort attributes left to
/// right with `=`, the last one given may use any key condition.
fn multi_attribute(key: &IndexKeySchema, terms: &[KeyTerm]) -> Result<IndexRange, Error> {
    let term = |attribute: &KeyAttribute| terms.iter().find(|t| t.attribute == attribute.name);
    if terms.iter().any(|t| !key.is_key(&t.attribute)) {
        return Err(key_condition::not_supported());
    }
    let mut partition = Vec::with_capacity(key.partition.len());
    for attribute in &key.partition {
        let term = term(attribute).ok_or_else(|| key_condition::missed_key(&attribute.name))?;
        if term.op != KeyOp::Eq {
            return Err(key_condition::not_supported());
        }
        partition.push(key_range::key_value(attribute, term.values.first())?);
    }
    let mut equal = Vec::new();
    let mut last = None;
    let mut used = 0;
    for attribute in &key.sort {
        let Some(term) = term(attribute) else { break };
        used += 1;
        if last.is_some() {
            return Err(key_condition::not_supported());
        }
        match key_range::sort_condition(attribute, term)? {
            SortCondition::Eq(value) => equal.push(value),
            other => last = Some(other),
        }
    }
    if used + key.partition.len() != terms.len() {
        // A sort attribute was skipped: conditions must cover a leading run of them.
        return Err(key_condition::not_supported());
    }
    Ok(IndexRange {
        partition,
        equal,
        last,
        sort_len: key.sort.len(),
    })
}

/// The position an `ExclusiveStartKey` names: exactly the table key and the index key.
pub(crate) fn start_position(index: &Index, start: &Item) -> Result<IndexPosition, Error> {
    let table_attributes: Vec<&str> = std::iter::once(&index.table_key.hash)
        .chain(index.table_key.range.as_ref())
        .map(|a| a.name.as_str())
        .collect();
    let expected = table_attributes
        .iter()
        .copied()
        .chain(index.key.attributes().map(|a| a.name.as_str()))
        .collect::<std::collections::BTreeSet<_>>();
    if start.len() != expected.len() || start.keys().any(|k| !expected.contains(k.as_str())) {
        return Err(start_key::invalid());
    }
    let table_part: Item = start
        .iter()
        .filter(|(name, _)| table_attributes.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let table_key = key::start_key(&index.table_key, &table_part, start_key::invalid)?;
    index.check(start).map_err(|_| start_key::invalid())?;
    index
        .position(start, &table_key)
        .ok_or_else(start_key::invalid)
}

/// `LastEvaluatedKey` of an index page: the table key and the index key of the last entry.
pub(crate) fn last_key(index: &Index, position: &IndexPosition) -> Item {
    let mut item = position
        .table_key()
        .map(|key| index.table_key.key_item(key))
        .unwrap_or_default();
    let values = position.partition.iter().map(KeyValue::to_attribute).chain(
        position.sort.iter().filter_map(|part| match part {
            SortPart::Value(value) => Some(value.to_attribute()),
            _ => None,
        }),
    );
    for (attribute, value) in index.key.attributes().zip(values) {
        item.insert(attribute.name.clone(), value);
    }
    item
}
