//! Item collections of tables with local secondary indexes.
//!
//! Source: AWS developer guide, *Item collections in Local Secondary Indexes* and *Item
//! collection size limit*: an item collection is every table item and every local index entry
//! that share one partition key value; on a table with local indexes it cannot pass 10 GB, and
//! a write that would make it larger fails with `ItemCollectionSizeLimitExceededException`.
//! `ItemCollectionMetrics` estimates a collection's size as a range in GB.
//!
//! Sizes are tracked incrementally, per partition key value, as writes store and remove items
//! (the sum of the items' sizes and of their local index entries' sizes, as `TableSizeBytes`
//! and `IndexSizeBytes` count them), so checking a write never scans the partition.

use std::collections::BTreeMap;

use dynamodel::Error;
use dynamodel::Item;
use dynamodel::model::{ItemCollectionMetrics, ReturnItemCollectionMetrics};

use super::key::KeyValue;
use super::table::KeyAttribute;
use crate::messages;

/// Bytes in one GB, as `SizeEstimateRangeGB` and the limit count them.
const GB: usize = 1 << 30;

/// The largest an item collection may grow: 10 GB.
pub(crate) const MAX_COLLECTION_BYTES: usize = 10 * GB;

/// Whether a request's `ReturnItemCollectionMetrics` asks for the metrics.
pub(crate) fn requested(mode: Option<&ReturnItemCollectionMetrics>) -> bool {
    matches!(mode, Some(ReturnItemCollectionMetrics::Size))
}

/// How one or more writes change the size of one item collection: the bytes they remove and
/// the bytes they add (kept apart so no signed arithmetic is needed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Change {
    pub(crate) removed: usize,
    pub(crate) added: usize,
}

impl Change {
    /// The change of `self` followed by `other`.
    pub(crate) fn then(self, other: Change) -> Change {
        Change {
            removed: self.removed.saturating_add(other.removed),
            added: self.added.saturating_add(other.added),
        }
    }
}

/// The size of every non-empty item collection of a table with local indexes.
#[derive(Debug)]
pub(crate) struct ItemCollections {
    sizes: BTreeMap<KeyValue, usize>,
    limit: usize,
}

impl ItemCollections {
    pub(crate) fn new() -> Self {
        ItemCollections {
            sizes: BTreeMap::new(),
            limit: MAX_COLLECTION_BYTES,
        }
    }

    /// Lowers the limit so a test can reach it with small items.
    #[cfg(test)]
    pub(crate) fn set_limit(&mut self, bytes: usize) {
        self.limit = bytes;
    }

    /// The size of the collection of `partition`, in bytes.
    pub(crate) fn size(&self, partition: &KeyValue) -> usize {
        self.sizes.get(partition).copied().unwrap_or(0)
    }

    /// The size of the collection of `partition` after `change`.
    fn after(&self, partition: &KeyValue, change: Change) -> usize {
        self.size(partition)
            .saturating_add(change.added)
            .saturating_sub(change.removed)
    }

    /// Rejects `change` if it grows the collection of `partition` past the limit (a change that
    /// shrinks or keeps a collection is always allowed).
    pub(crate) fn check(&self, partition: &KeyValue, change: Change) -> Result<(), Error> {
        if change.added > change.removed && self.after(partition, change) > self.limit {
            return Err(messages::item_collection_too_large());
        }
        Ok(())
    }

    /// Records `change` to the collection of `partition`.
    pub(crate) fn apply(&mut self, partition: &KeyValue, change: Change) {
        let size = self.after(partition, change);
        if size == 0 {
            self.sizes.remove(partition);
        } else {
            self.sizes.insert(partition.clone(), size);
        }
    }

    /// The `ItemCollectionMetrics` of the collection of `partition` (the table's partition key
    /// is `hash`). The estimate is the whole-GB range the size falls in: `[0.0, 1.0]` below
    /// 1 GB, `[1.0, 2.0]` below 2 GB, and so on. DynamoDB documents only "a lower bound and an
    /// upper bound" that "is subject to change over time"; the bracket is the engine's choice.
    pub(crate) fn metrics(
        &self,
        hash: &KeyAttribute,
        partition: &KeyValue,
    ) -> ItemCollectionMetrics {
        let lower = (self.size(partition) / GB) as f64;
        let mut key = Item::new();
        key.insert(hash.name.clone(), partition.to_attribute());
        ItemCollectionMetrics {
            item_collection_key: Some(key),
            size_estimate_range_gb: Some(vec![lower, lower + 1.0]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::KeyKind;

    fn partition(text: &str) -> KeyValue {
        KeyValue::from_attribute(&dynamodel::AttributeValue::S(text.into())).unwrap()
    }

    #[test]
    fn growth_past_the_limit_is_refused_and_shrinking_is_not() {
        let mut collections = ItemCollections::new();
        collections.set_limit(100);
        let p = partition("p");
        let grow = |added| Change { removed: 0, added };
        collections.check(&p, grow(100)).unwrap();
        collections.apply(&p, grow(100));
        assert_eq!(collections.size(&p), 100);
        let error = collections.check(&p, grow(1)).unwrap_err();
        assert_eq!(error.message(), "Collection size exceeded");
        collections.set_limit(50);
        let shrink = Change {
            removed: 10,
            added: 5,
        };
        collections.check(&p, shrink).unwrap();
        collections.apply(
            &p,
            Change {
                removed: 100,
                added: 0,
            },
        );
        assert_eq!(collections.size(&p), 0);
        assert!(collections.sizes.is_empty());
    }

    #[test]
    fn metrics_bracket_the_size_in_whole_gb() {
        let mut collections = ItemCollections::new();
        let p = partition("p");
        let hash = KeyAttribute {
            name: "pk".into(),
            kind: KeyKind::S,
        };
        let metrics = collections.metrics(&hash, &p);
        assert_eq!(metrics.size_estimate_range_gb, Some(vec![0.0, 1.0]));
        let key = metrics.item_collection_key.unwrap();
        assert_eq!(
            key.get("pk"),
            Some(&dynamodel::AttributeValue::S("p".into()))
        );
        collections.apply(
            &p,
            Change {
                removed: 0,
                added: 3 * GB + 1,
            },
        );
        let metrics = collections.metrics(&hash, &p);
        assert_eq!(metrics.size_estimate_range_gb, Some(vec![3.0, 4.0]));
    }
}
