//! One page of a Query or Scan.
//!
//! A page reads items in key order until `Limit` items were read or 1 MB of item data was read
//! (the item that crosses 1 MB is included, as DynamoDB does); either way the key of the last
//! item read becomes `LastEvaluatedKey`, even when no item follows (DynamoDB does not look
//! ahead). Every item read counts towards `Limit`, the 1 MB and `ScannedCount`; the filter
//! then decides which count towards `Count` and are returned (projected), so a page can be
//! empty and still carry a `LastEvaluatedKey`.

use dynamodel::Item;

use crate::expr::{Cond, Projection};
use crate::size::MAX_PAGE_BYTES;
use crate::storage::{StorageKey, StoredItem};

/// What a page keeps of the items it reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader<'r, 'a> {
    /// Items that fail the filter are read but not returned or counted in `Count`.
    pub(crate) filter: Option<&'r Cond<'a>>,
    /// What to return of each matching item.
    pub(crate) projection: Option<&'r Projection>,
    /// Whether to return items at all (`Select = COUNT` does not).
    pub(crate) keep_items: bool,
    /// Expired items to treat as already deleted (see [`crate::ttl`]).
    pub(crate) hidden: Option<&'r (String, f64)>,
}

/// What one page read; `K` is the position type of what was read (a table or index key).
#[derive(Debug)]
pub(crate) struct Page<K = StorageKey> {
    /// The matching items (projected), unless only counting.
    pub(crate) items: Vec<Item>,
    /// How many items were read (`ScannedCount`).
    pub(crate) scanned: usize,
    /// How many of them matched the filter (`Count`).
    pub(crate) matched: usize,
    /// The total size of the items read.
    pub(crate) bytes: usize,
    /// Where the next page starts, when this one stopped early.
    pub(crate) last_key: Option<K>,
}

impl<K> Page<K> {
    /// The page without its position type, once `LastEvaluatedKey` is built.
    pub(crate) fn without_key(self) -> Page<()> {
        Page {
            items: self.items,
            scanned: self.scanned,
            matched: self.matched,
            bytes: self.bytes,
            last_key: self.last_key.map(drop),
        }
    }
}

impl<K> Default for Page<K> {
    fn default() -> Self {
        Page {
            items: Vec::new(),
            scanned: 0,
            matched: 0,
            bytes: 0,
            last_key: None,
        }
    }
}

/// Reads one page from `entries`.
pub(crate) fn read<'a, K: Clone + 'a>(
    entries: impl Iterator<Item = (&'a K, &'a StoredItem)>,
    limit: Option<usize>,
    reader: Reader<'_, '_>,
) -> Page<K> {
    let mut page = Page::default();
    for (key, stored) in entries {
        let item = stored.item();
        if crate::ttl::skip(reader.hidden, &item) {
            continue;
        }
        page.scanned += 1;
        page.bytes = page.bytes.saturating_add(stored.size);
        if reader.filter.is_none_or(|f| f.eval(Some(&item))) {
            page.matched += 1;
            if reader.keep_items {
                page.items.push(match reader.projection {
                    Some(projection) => projection.apply(&item),
                    None => item,
                });
            }
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
