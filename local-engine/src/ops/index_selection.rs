//! What a Query or Scan of a secondary index may name in its filter and its projection
//! (observed against DynamoDB Local 3.3.0, whose request validation is DynamoDB's):
//!
//! * a Query filter (`FilterExpression` or `QueryFilter`) may not read the *index's* key
//!   attributes (`Filter Expression can only contain non-primary key attributes`); the table's
//!   key attributes that are not part of the index key may be filtered on;
//! * a Query filter may read only attributes the index projects, global or local (the first
//!   error lists every other attribute, in ascending order); a Scan filter is not checked;
//! * a projection (`ProjectionExpression` or `AttributesToGet`) of a global index may name only
//!   projected attributes, for Query and Scan; a local index fetches the others from the table.
//!
//! Checked in that order, after the index is resolved and the key condition planned.

use std::collections::BTreeSet;

use dynamodel::Error;

use crate::expr::{Cond, Projection};
use crate::messages::{index as msg, read};
use crate::storage::index::{Index, IndexScope};

/// Whether a Query filter came as `FilterExpression` or as the legacy `QueryFilter`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FilterSource {
    Expression,
    QueryFilter,
}

/// The rules of a Query of `index`: its filter, then its projection.
pub(crate) fn check_query(
    index: &Index,
    filter: Option<&Cond<'_>>,
    source: FilterSource,
    projection: Option<&Projection>,
) -> Result<(), Error> {
    if let Some(filter) = filter {
        let mut paths = Vec::new();
        filter.paths(&mut paths);
        if let Some(key) = paths.iter().map(|p| p.head()).find(|h| index.key.is_key(h)) {
            return Err(match source {
                FilterSource::Expression => read::filter_on_key(key),
                FilterSource::QueryFilter => read::query_filter_on_key(key),
            });
        }
        let missing: BTreeSet<&str> = paths
            .iter()
            .map(|p| p.head())
            .filter(|head| !index.projects(head))
            .collect();
        if !missing.is_empty() {
            let names: Vec<&str> = missing.into_iter().collect();
            return Err(msg::filter_not_projected(&index.name, &names));
        }
    }
    check_projection(index, projection)
}

/// The rule of a projection of `index` (Query and Scan): a global index must project every
/// attribute named.
pub(crate) fn check_projection(
    index: &Index,
    projection: Option<&Projection>,
) -> Result<(), Error> {
    if index.scope != IndexScope::Global {
        return Ok(());
    }
    let Some(projection) = projection else {
        return Ok(());
    };
    let missing: Vec<&str> = projection
        .heads_in_order()
        .filter(|head| !index.projects(head))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(msg::not_projected(
        &index.name,
        &java_hash_set_order(missing),
    ))
}

/// `names` (distinct, in insertion order) in the iteration order of a `java.util.HashSet`
/// they were added to one by one: by bucket of the spread `String.hashCode()` in a table of
/// 16 buckets doubled whenever more than three quarters full, then by insertion within a
/// bucket. DynamoDB's `does not project [...]` list comes in that order.
fn java_hash_set_order(names: Vec<&str>) -> Vec<&str> {
    let mut buckets: usize = 16;
    while names.len() * 4 > buckets * 3 {
        buckets *= 2;
    }
    let bucket = |name: &str| {
        let hash = name.encode_utf16().fold(0_u32, |h, unit| {
            h.wrapping_mul(31).wrapping_add(u32::from(unit))
        });
        // `usize` holds any `u32` on the platforms the engine supports.
        usize::try_from(hash ^ (hash >> 16)).unwrap_or_default() & (buckets - 1)
    };
    let mut ordered: Vec<(usize, usize, &str)> = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| (bucket(name), i, name))
        .collect();
    ordered.sort_unstable();
    ordered.into_iter().map(|(_, _, name)| name).collect()
}

#[cfg(test)]
mod tests {
    use super::java_hash_set_order;

    #[test]
    fn names_come_in_java_hash_set_order() {
        // Observed from DynamoDB Local: `zeta`, `qq` and `mm` share a bucket and keep their
        // insertion order; the others follow by bucket.
        let inserted = vec!["zeta", "body", "b1", "a2", "qq", "alpha", "mm"];
        assert_eq!(
            java_hash_set_order(inserted),
            ["zeta", "qq", "mm", "a2", "alpha", "body", "b1"]
        );
        let attributes_to_get = vec!["zeta", "body", "alpha", "mm", "b1", "a2", "qq"];
        assert_eq!(
            java_hash_set_order(attributes_to_get),
            ["zeta", "mm", "qq", "a2", "alpha", "body", "b1"]
        );
    }
}
