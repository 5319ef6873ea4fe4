//! Time to live: which items have expired, and the sweep that deletes them.
//!
//! An item has expired when the table's time-to-live attribute is a number of epoch seconds
//! before the engine's clock ([AWS] *Time to Live*: a value that is not a number, or is more
//! than five years in the past, never expires the item). DynamoDB deletes expired items in the
//! background within days, so reads see them until then; the engine deletes them when
//! [`Engine::expire_now`](crate::Engine::expire_now) runs, and reads skip them meanwhile only
//! when the engine was built with `hide_expired_items(true)`.

use std::time::{SystemTime, UNIX_EPOCH};

use dynamodel::{AttributeValue, Error, Item};

use crate::engine::Shared;
use crate::storage::{StoredItem, Table};

/// Five years of seconds: older expiry times are ignored.
const MAX_PAST_SECONDS: f64 = 5.0 * 365.0 * 24.0 * 3600.0;

/// Seconds since the epoch at `now`.
pub(crate) fn epoch_seconds(now: SystemTime) -> f64 {
    now.duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Whether an item whose time-to-live attribute is `value` has expired at `now` (epoch
/// seconds).
fn expires(value: Option<&AttributeValue>, now: f64) -> bool {
    let Some(AttributeValue::N(number)) = value else {
        return false;
    };
    let Ok(at) = number.to_string().parse::<f64>() else {
        return false;
    };
    at < now && now - at <= MAX_PAST_SECONDS
}

/// What reads of `table` hide: the expiry attribute and the time, when hiding is on.
pub(crate) fn hidden(shared: &Shared, table: &Table) -> Option<(String, f64)> {
    if !shared.hide_expired {
        return None;
    }
    let attribute = table.time_to_live.read().clone()?;
    Some((attribute, epoch_seconds(shared.clock.now())))
}

/// Whether a read should skip the stored item, read from its encoded form (only the
/// time-to-live attribute is decoded).
pub(crate) fn skip_stored(
    hidden: Option<&(String, f64)>,
    stored: &StoredItem,
) -> Result<bool, Error> {
    match hidden {
        Some((attribute, now)) => Ok(expires(stored.attribute(attribute)?.as_ref(), *now)),
        None => Ok(false),
    }
}

/// What a read of one item returns: the item `stored` holds and its size, unless there is
/// none or reads hide it as expired.
pub(crate) fn read(
    hidden: Option<&(String, f64)>,
    stored: Option<&StoredItem>,
) -> Result<Option<(Item, usize)>, Error> {
    match stored {
        Some(stored) if !skip_stored(hidden, stored)? => Ok(Some((stored.item()?, stored.size))),
        _ => Ok(None),
    }
}

/// Deletes every expired item of every table with time to live; returns how many.
pub(crate) fn sweep(shared: &Shared) -> usize {
    let now = epoch_seconds(shared.clock.now());
    let mut deleted = 0;
    for table in shared.tables.all() {
        let Some(attribute) = table.time_to_live.read().clone() else {
            continue;
        };
        let mut data = table.data.write();
        let keys: Vec<_> = data
            .items
            .iter()
            // An item that does not decode is left for a read to report.
            .filter(|(_, stored)| {
                stored
                    .attribute(&attribute)
                    .is_ok_and(|value| expires(value.as_ref(), now))
            })
            .map(|(key, _)| key.clone())
            .collect();
        for key in keys {
            if data.delete(&key).is_ok() {
                deleted += 1;
            }
        }
    }
    deleted
}
