//! Opaque, tamper-evident pagination cursors: a page's `LastEvaluatedKey` as a URL-safe
//! string that a web API can hand to its clients and accept back.
//!
//! The format is documented on [`CursorKey`].

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;

use super::query::SortCondition;
use crate::error::{Error, Result};
use crate::model::{AttributeValue, Item};

/// The version byte of the current format.
const VERSION: u8 = 1;
/// Domain separation for the tag, so the key can never sign anything else by accident.
const DOMAIN: &[u8] = b"dynamodel-cursor";
/// The length of an HMAC-SHA256 tag.
const TAG_LEN: usize = 32;
/// The shortest key accepted: 128 bits.
pub const MIN_CURSOR_KEY_LEN: usize = 16;

/// The secret that signs and verifies pagination cursors. Keep it stable across the
/// servers of one application (cursors signed with one key fail with another) and secret
/// (whoever has it can forge cursors).
///
/// `Debug` does not print the key.
///
/// # Format (version 1)
///
/// A cursor is the unpadded URL-safe base64 (`A-Z a-z 0-9 - _`) of
///
/// ```text
/// version (1 byte, = 1) || key (the LastEvaluatedKey as DynamoDB JSON) || tag (32 bytes)
/// ```
///
/// where `tag` is HMAC-SHA256 under the application's [`CursorKey`] of
///
/// ```text
/// "dynamodel-cursor" || version || len(scope) (u32, big endian) || scope || key
/// ```
///
/// and `scope` is a canonical JSON description of the request the page came from: the
/// operation (Query or Scan), the table, the index name (if any), and for a Query the
/// partition key value, the sort-key condition and the direction; for a Scan, the segment.
/// The scope is not carried in the cursor: it is recomputed from the request the cursor is
/// given to, so a cursor issued for one query fails to verify on another, exactly like one
/// that was altered, truncated or signed with another key.
///
/// The key is readable by anyone holding the cursor (it is signed, not encrypted): it holds
/// the key attributes of the last item read, which a client of a paginated API has seen
/// anyway.
#[derive(Clone)]
pub struct CursorKey {
    bytes: Arc<[u8]>,
}

impl CursorKey {
    /// A key from secret bytes, at least [`MIN_CURSOR_KEY_LEN`] (16) of them; 32 random
    /// bytes are a good choice.
    pub fn from_bytes(bytes: impl AsRef<[u8]>) -> Result<Self> {
        let bytes = bytes.as_ref();
        if bytes.len() < MIN_CURSOR_KEY_LEN {
            return Err(Error::configuration(format!(
                "a cursor key needs at least {MIN_CURSOR_KEY_LEN} bytes, got {}: use 32 random bytes",
                bytes.len()
            )));
        }
        Ok(CursorKey {
            bytes: bytes.into(),
        })
    }

    fn mac(&self, scope: &CursorScope, key: &[u8]) -> Result<Hmac<Sha256>> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.bytes)
            .map_err(|_| Error::configuration("the cursor key was rejected by HMAC-SHA256"))?;
        let scope_len = u32::try_from(scope.0.len())
            .map_err(|_| Error::configuration("a cursor scope larger than 4 GiB"))?;
        mac.update(DOMAIN);
        mac.update(&[VERSION]);
        mac.update(&scope_len.to_be_bytes());
        mac.update(&scope.0);
        mac.update(key);
        Ok(mac)
    }
}

impl fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CursorKey(..)")
    }
}

/// The request a page came from, as the bytes its cursor is bound to (see the module docs).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct CursorScope(Arc<[u8]>);

impl fmt::Debug for CursorScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.0))
    }
}

#[derive(Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Scope<'a> {
    Query {
        table: &'a str,
        index: Option<&'a str>,
        partition: &'a AttributeValue,
        sort: Option<(&'static str, Vec<&'a AttributeValue>)>,
        descending: bool,
    },
    Scan {
        table: &'a str,
        index: Option<&'a str>,
        segment: Option<(u32, u32)>,
    },
}

impl CursorScope {
    /// The scope of a Query on `table` (or its `index`) with this key condition and
    /// direction.
    pub(crate) fn query(
        table: &str,
        index: Option<&str>,
        partition: &AttributeValue,
        sort: Option<&SortCondition>,
        descending: bool,
    ) -> Result<Self> {
        let sort = sort.map(|condition| match condition {
            SortCondition::Eq(v) => ("eq", vec![v]),
            SortCondition::Lt(v) => ("lt", vec![v]),
            SortCondition::Le(v) => ("le", vec![v]),
            SortCondition::Gt(v) => ("gt", vec![v]),
            SortCondition::Ge(v) => ("ge", vec![v]),
            SortCondition::Between(low, high) => ("between", vec![low, high]),
            SortCondition::BeginsWith(v) => ("begins_with", vec![v]),
        });
        Self::of(&Scope::Query {
            table,
            index,
            partition,
            sort,
            descending,
        })
    }

    /// The scope of a Scan of `table` (or its `index`), or of one segment of it.
    pub(crate) fn scan(
        table: &str,
        index: Option<&str>,
        segment: Option<(u32, u32)>,
    ) -> Result<Self> {
        Self::of(&Scope::Scan {
            table,
            index,
            segment,
        })
    }

    fn of(scope: &Scope<'_>) -> Result<Self> {
        let bytes = serde_json::to_vec(scope)
            .map_err(|e| Error::conversion(format!("cannot describe the cursor scope: {e}")))?;
        Ok(CursorScope(bytes.into()))
    }

    /// Signs `last_evaluated_key` for this scope.
    pub(crate) fn encode(&self, key: &CursorKey, last_evaluated_key: &Item) -> Result<String> {
        let json = serde_json::to_vec(last_evaluated_key)
            .map_err(|e| Error::conversion(format!("cannot encode the cursor: {e}")))?;
        let tag = key.mac(self, &json)?.finalize().into_bytes();
        let mut bytes = Vec::with_capacity(1 + json.len() + TAG_LEN);
        bytes.push(VERSION);
        bytes.extend_from_slice(&json);
        bytes.extend_from_slice(&tag);
        Ok(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Verifies `cursor` against this scope and returns the key it carries.
    pub(crate) fn decode(&self, key: &CursorKey, cursor: &str) -> Result<Item> {
        let bytes = URL_SAFE_NO_PAD
            .decode(cursor)
            .map_err(|_| Error::invalid_cursor("the cursor is not URL-safe base64"))?;
        let Some((&version, rest)) = bytes.split_first() else {
            return Err(Error::invalid_cursor("the cursor is empty"));
        };
        if version != VERSION {
            return Err(Error::invalid_cursor(format!(
                "unknown cursor version {version}: this version of dynamodel reads version {VERSION}"
            )));
        }
        let Some(split) = rest.len().checked_sub(TAG_LEN) else {
            return Err(Error::invalid_cursor("the cursor is truncated"));
        };
        let (json, tag) = rest.split_at(split);
        key.mac(self, json)?.verify_slice(tag).map_err(|_| {
            Error::invalid_cursor(
                "the cursor was altered, signed with another key, or issued for another request",
            )
        })?;
        serde_json::from_slice(json).map_err(|_| {
            Error::invalid_cursor("the cursor's key is not a DynamoDB key (signed but unreadable)")
        })
    }
}

/// A cursor given to a request, verified when the request is prepared (once its scope is
/// known).
#[derive(Clone, Debug)]
pub(crate) struct PendingCursor {
    pub(crate) key: CursorKey,
    pub(crate) token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> CursorKey {
        CursorKey::from_bytes([byte; 32]).unwrap()
    }

    fn last_key() -> Item {
        let mut item = Item::new();
        item.insert("pk".into(), AttributeValue::S("user-1".into()));
        item.insert("sk".into(), AttributeValue::S("order-0042".into()));
        item
    }

    fn scope(partition: &str) -> CursorScope {
        CursorScope::query(
            "orders",
            None,
            &AttributeValue::S(partition.into()),
            None,
            false,
        )
        .unwrap()
    }

    #[test]
    fn round_trips_and_is_url_safe() {
        let cursor = scope("user-1").encode(&key(7), &last_key()).unwrap();
        assert!(
            cursor
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{cursor}"
        );
        assert_eq!(
            scope("user-1").decode(&key(7), &cursor).unwrap(),
            last_key()
        );
    }

    #[test]
    fn rejects_other_keys_scopes_and_edits() {
        let cursor = scope("user-1").encode(&key(7), &last_key()).unwrap();
        let rejected = |result: Result<Item>| result.unwrap_err().is_invalid_cursor();
        assert!(rejected(scope("user-1").decode(&key(8), &cursor)));
        assert!(rejected(scope("user-2").decode(&key(7), &cursor)));
        let scan = CursorScope::scan("orders", None, None).unwrap();
        assert!(rejected(scan.decode(&key(7), &cursor)));
        assert!(rejected(
            scope("user-1").decode(&key(7), &cursor[..cursor.len() - 4])
        ));
        assert!(rejected(scope("user-1").decode(&key(7), "")));
        assert!(rejected(scope("user-1").decode(&key(7), "not base64!")));
        // Every single-bit change anywhere in the payload is caught.
        let bytes = URL_SAFE_NO_PAD.decode(&cursor).unwrap();
        for index in 0..bytes.len() {
            let mut edited = bytes.clone();
            edited[index] ^= 1;
            let edited = URL_SAFE_NO_PAD.encode(edited);
            assert!(
                rejected(scope("user-1").decode(&key(7), &edited)),
                "byte {index}"
            );
        }
    }

    #[test]
    fn keys_are_long_enough_and_secret() {
        assert!(CursorKey::from_bytes([0u8; 15]).is_err());
        assert_eq!(format!("{:?}", key(1)), "CursorKey(..)");
    }
}
