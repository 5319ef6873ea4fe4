//! One page of a Query or Scan.
//!
//! A page reads items in key order until `Limit` items were read or 1 MB of item data was read
//! (the item that crosses 1 MB is included, as DynamoDB does); either way the key of the last
//! item read becomes `LastEvaluatedKey`, even when no item follows (DynamoDB does not look
//! ahead). `Limit` counts items read, which is what a filter will later count as scanned.

use dynamodel::Item;

use crate::size::MAX_PAGE_BYTES;
use crate::storage::{StorageKey, StoredItem};

/// What one page read.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The items read, unless only counting.
    pub(crate) items: Vec<Item>,
    /// How many items were read.
    pub(crate) scanned: usize,
    /// Their total size.
    pub(crate) bytes: usize,
    /// Where the next page starts, when this one stopped early.
    pub(crate) last_key: Option<StorageKey>,
}

/// Reads one page from `entries`.
pub(crate) fn read<'a>(
    entries: impl Iterator<Item = (&'a StorageKey, &'a StoredItem)>,
    limit: Option<usize>,
    keep_items: bool,
) -> Page {
    let mut page = Page::default();
    for (key, stored) in entries {
        page.scanned += 1;
        page.bytes = page.bytes.saturating_add(stored.size);
        if keep_items {
            page.items.push(stored.item.clone());
        }
        if limit.is_some_and(|limit| page.scanned >= limit) || page.bytes >= MAX_PAGE_BYTES {
            page.last_key = Some(key.clone());
            break;
        }
    }
    page
}

/// A count as DynamoDB's `i32` fields carry it.
pub(crate) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
