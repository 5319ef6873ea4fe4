//! Ordered storage keys.
//!
//! Encoding: an item is stored under `StorageKey { hash, partition, sort }` and the derived
//! ordering compares those three fields in turn:
//!
//! 1. `hash`: FNV-1a 64, finished with MurmurHash3's 64-bit mixer, of the partition key
//!    value's type tag (`b'S'`, `b'N'` or `b'B'`) followed by its bytes (UTF-8 for `S`, the normalized sign, coefficient and exponent for `N` so that `1` and
//!    `1.0` hash alike, the raw bytes for `B`). Deterministic across runs and platforms, so Scan
//!    returns partitions in one stable pseudo-random order, as DynamoDB does.
//! 2. `partition`: the key value itself, which separates partitions whose hashes collide.
//! 3. `sort`: [`SortPart::Value`] with the sort key value (or [`SortPart::Bottom`] in a table
//!    without a sort key). Within a partition items follow the sort key: `N` by numeric value
//!    (`Number`'s `Ord`), `S` by UTF-8 bytes (`str`'s `Ord`), `B` by unsigned bytes.
//!
//! One table's keys all have the same value types (the schema fixes them), so the derived
//! ordering between variants of [`KeyValue`] only matters for search bounds.

use std::cmp::Ordering;

use dynamodel::{AttributeValue, Number};

/// A scalar key value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum KeyValue {
    S(String),
    N(Number),
    B(Vec<u8>),
}

impl KeyValue {
    /// The key value of an attribute value, if it is a scalar key type.
    pub(crate) fn from_attribute(value: &AttributeValue) -> Option<KeyValue> {
        match value {
            AttributeValue::S(s) => Some(KeyValue::S(s.clone())),
            AttributeValue::N(n) => Some(KeyValue::N(*n)),
            AttributeValue::B(b) => Some(KeyValue::B(b.clone())),
            _ => None,
        }
    }

    pub(crate) fn to_attribute(&self) -> AttributeValue {
        match self {
            KeyValue::S(s) => AttributeValue::S(s.clone()),
            KeyValue::N(n) => AttributeValue::N(*n),
            KeyValue::B(b) => AttributeValue::B(b.clone()),
        }
    }

    /// Whether this value starts with `prefix` (strings by bytes; numbers never do).
    pub(crate) fn starts_with(&self, prefix: &KeyValue) -> bool {
        match (self, prefix) {
            (KeyValue::S(value), KeyValue::S(prefix)) => value.starts_with(prefix.as_str()),
            (KeyValue::B(value), KeyValue::B(prefix)) => value.starts_with(prefix),
            _ => false,
        }
    }

    /// The smallest key value of all (a search bound).
    pub(crate) fn minimum() -> KeyValue {
        KeyValue::S(String::new())
    }

    /// FNV-1a 64 of the type tag and the value's bytes (see the module docs).
    pub(crate) fn partition_hash(&self) -> u64 {
        let mut hash = Fnv1a::new();
        match self {
            KeyValue::S(s) => {
                hash.write(b"S");
                hash.write(s.as_bytes());
            }
            KeyValue::N(n) => {
                // The normalized parts are unique per value (`1`, `1.0` and `1e0` hash alike)
                // and need no text allocation.
                hash.write(b"N");
                hash.write(&[u8::from(n.is_negative())]);
                hash.write(&n.coefficient().to_be_bytes());
                hash.write(&n.exponent().to_be_bytes());
            }
            KeyValue::B(b) => {
                hash.write(b"B");
                hash.write(b);
            }
        }
        mix(hash.finish())
    }
}

/// A position within a partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SortPart {
    /// Before every item of the partition; also the sort part of items in a hash-only table.
    Bottom,
    /// An item's sort key value.
    Value(KeyValue),
    /// Just after every value that starts with this prefix (a search bound only), so that
    /// `begins_with` is a contiguous range in both directions.
    PrefixEnd(KeyValue),
    /// After every item of the partition (a search bound only).
    Top,
}

impl Ord for SortPart {
    fn cmp(&self, other: &Self) -> Ordering {
        use SortPart::{Bottom, PrefixEnd, Top, Value};
        match (self, other) {
            (Bottom, Bottom) | (Top, Top) => Ordering::Equal,
            (Bottom, _) | (_, Top) => Ordering::Less,
            (_, Bottom) | (Top, _) => Ordering::Greater,
            (Value(a), Value(b)) | (PrefixEnd(a), PrefixEnd(b)) => a.cmp(b),
            (PrefixEnd(prefix), Value(value)) => prefix_end_cmp(prefix, value),
            (Value(value), PrefixEnd(prefix)) => prefix_end_cmp(prefix, value).reverse(),
        }
    }
}

impl PartialOrd for SortPart {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Where the end of `prefix`'s range lies relative to `value`: after every value that starts
/// with the prefix; otherwise where the prefix itself lies.
fn prefix_end_cmp(prefix: &KeyValue, value: &KeyValue) -> Ordering {
    if value.starts_with(prefix) {
        Ordering::Greater
    } else {
        prefix.cmp(value)
    }
}

/// The key an item is stored under (see the module docs for the ordering).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct StorageKey {
    pub(crate) hash: u64,
    pub(crate) partition: KeyValue,
    pub(crate) sort: SortPart,
}

impl StorageKey {
    pub(crate) fn new(partition: KeyValue, sort: Option<KeyValue>) -> StorageKey {
        StorageKey {
            hash: partition.partition_hash(),
            partition,
            sort: sort.map_or(SortPart::Bottom, SortPart::Value),
        }
    }

    /// The same partition at another sort position.
    pub(crate) fn with_sort(&self, sort: SortPart) -> StorageKey {
        StorageKey {
            hash: self.hash,
            partition: self.partition.clone(),
            sort,
        }
    }

    /// The first possible key with this hash (a search bound).
    pub(crate) fn hash_floor(hash: u64) -> StorageKey {
        StorageKey {
            hash,
            partition: KeyValue::minimum(),
            sort: SortPart::Bottom,
        }
    }
}

/// MurmurHash3's 64-bit finalizer. FNV-1a alone leaves the high bits of short keys that
/// differ only in their last bytes nearly equal, and parallel-scan segments split the hash
/// space by its high bits, so every bit must depend on every input byte.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// 64-bit FNV-1a.
struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Fnv1a(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_reference_vectors() {
        let mut empty = Fnv1a::new();
        empty.write(b"");
        assert_eq!(empty.finish(), 0xcbf2_9ce4_8422_2325);
        let mut a = Fnv1a::new();
        a.write(b"a");
        assert_eq!(a.finish(), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn hash_depends_on_type_tag() {
        let s = KeyValue::S("1".into()).partition_hash();
        let b = KeyValue::B(b"1".to_vec()).partition_hash();
        assert_ne!(s, b);
        assert_eq!(s, KeyValue::S("1".into()).partition_hash());
    }

    #[test]
    fn equal_numbers_hash_alike() {
        let one = KeyValue::N(Number::parse("1").unwrap()).partition_hash();
        let one_point_zero = KeyValue::N(Number::parse("1.0").unwrap()).partition_hash();
        assert_eq!(one, one_point_zero);
    }

    #[test]
    fn prefix_end_sorts_after_its_range_only() {
        let s = |v: &str| SortPart::Value(KeyValue::S(v.into()));
        let end = SortPart::PrefixEnd(KeyValue::S("ab".into()));
        assert!(s("ab") < end);
        assert!(s("ab\u{10FFFF}\u{10FFFF}") < end);
        assert!(s("abzzz") < end);
        assert!(s("aa") < end);
        assert!(end < s("ac"));
        assert!(end < s("b"));
        assert!(end > s("a"));
        assert!(end < SortPart::Top);
    }

    #[test]
    fn sort_parts_bracket_values() {
        let v = SortPart::Value(KeyValue::S(String::new()));
        assert!(SortPart::Bottom < v);
        assert!(v < SortPart::Top);
        assert!(KeyValue::minimum() <= KeyValue::S(String::new()));
        assert!(KeyValue::minimum() < KeyValue::B(vec![]));
    }
}
