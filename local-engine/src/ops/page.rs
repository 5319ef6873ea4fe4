//! One page of a Query or Scan.
//!
//! A page reads items in key order until `Limit` items were read or 1 MB of item data was read
//! (the item that crosses 1 MB is included, as DynamoDB does); either way the key of the last
//! item read becomes `LastEvaluatedKey`, even when no item follows (DynamoDB does not look
//! ahead). Every item read counts towards `Limit`, the 1 MB and `ScannedCount`; the filter
//! then decides which count towards `Count` and are returned (projected), so a page can be
//! empty and still carry a `LastEvaluatedKey`.
//!
//! Which items a page reads depends only on the keys, the sizes and (when reads hide expired
//! items) the time-to-live attribute, so [`read`] picks them under the table's lock, taking a
//! share of each encoded item, and [`Page::evaluate`] decodes, filters and projects them after
//! the lock is released.

use dynamodel::{Error, Item};

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
}

/// The items one page read; `K` is the position type of what was read (a table or index key).
#[derive(Debug)]
pub(crate) struct Page<K = StorageKey> {
    /// The items read, in order, still encoded.
    pub(crate) read: Vec<StoredItem>,
    /// The total size of the items read.
    pub(crate) bytes: usize,
    /// Where the next page starts, when this one stopped early.
    pub(crate) last_key: Option<K>,
}

/// What a page returns once its items are evaluated.
#[derive(Debug, Default)]
pub(crate) struct Matched {
    /// The matching items (projected), unless only counting.
    pub(crate) items: Vec<Item>,
    /// How many items were read (`ScannedCount`).
    pub(crate) scanned: usize,
    /// How many of them matched the filter (`Count`).
    pub(crate) matched: usize,
}

impl<K> Page<K> {
    /// The page without its position type, once `LastEvaluatedKey` is built.
    pub(crate) fn without_key(self) -> Page<()> {
        Page {
            read: self.read,
            bytes: self.bytes,
            last_key: self.last_key.map(drop),
        }
    }

    /// Decodes the items read, keeping those that pass the filter (projected).
    pub(crate) fn evaluate(&self, reader: Reader<'_, '_>) -> Result<Matched, Error> {
        let mut matched = Matched {
            items: Vec::new(),
            scanned: self.read.len(),
            matched: 0,
        };
        for stored in &self.read {
            let item = stored.item()?;
            if reader.filter.is_none_or(|f| f.eval(Some(&item))) {
                matched.matched += 1;
                if reader.keep_items {
                    matched.items.push(match reader.projection {
                        Some(projection) => projection.apply(&item),
                        None => item,
                    });
                }
            }
        }
        Ok(matched)
    }
}

impl<K> Default for Page<K> {
    fn default() -> Self {
        Page {
            read: Vec::new(),
            bytes: 0,
            last_key: None,
        }
    }
}

/// Reads one page from `entries`, skipping the items `hidden` hides.
pub(crate) fn read<'a, K: Clone + 'a>(
    entries: impl Iterator<Item = (&'a K, &'a StoredItem)>,
    limit: Option<usize>,
    hidden: Option<&(String, f64)>,
) -> Result<Page<K>, Error> {
    let mut page = Page::default();
    for (key, stored) in entries {
        if crate::ttl::skip_stored(hidden, stored)? {
            continue;
        }
        page.bytes = page.bytes.saturating_add(stored.size);
        page.read.push(stored.clone());
        if limit.is_some_and(|limit| page.read.len() >= limit) || page.bytes >= MAX_PAGE_BYTES {
            page.last_key = Some(key.clone());
            break;
        }
    }
    Ok(page)
}

/// A count as DynamoDB's `i32` fields carry it.
pub(crate) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
