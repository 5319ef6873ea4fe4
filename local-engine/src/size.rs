//! Item size, as DynamoDB computes it for the 400 KB limit, capacity units and 1 MB pages.
//!
//! Source: AWS, *DynamoDB item sizes and formats*
//! (developerguide/CapacityUnitCalculations.html). The size of an item is the sum over its
//! attributes of (UTF-8 bytes of the attribute name) + (size of the value), where a value's size
//! is:
//!
//! | type        | size                                                                   |
//! |-------------|------------------------------------------------------------------------|
//! | `S`         | UTF-8 bytes                                                            |
//! | `N`         | 1 byte per two significant digits, rounded up, plus 1 byte             |
//! | `B`         | raw (decoded) bytes                                                    |
//! | `BOOL`/`NULL` | 1 byte                                                               |
//! | `L`         | 3 bytes + for each element: 1 byte + the element's size                |
//! | `M`         | 3 bytes + for each entry: 1 byte + UTF-8 bytes of its name + its size  |
//! | `SS`/`NS`/`BS` | the sum of the members' sizes (each as `S`, `N` or `B`)             |
//!
//! The guide calls the number size approximate; this engine uses exactly
//! `1 + ceil(significant_digits / 2)`. Sizes are computed once per write and stored with the item.

use dynamodel::{AttributeValue, Item, Number};

/// The largest item DynamoDB stores: 400 KB.
pub(crate) const MAX_ITEM_BYTES: usize = 409_600;

/// The most data one Query or Scan page reads: 1 MB.
pub(crate) const MAX_PAGE_BYTES: usize = 1_048_576;

/// The largest partition key value, in bytes.
pub(crate) const MAX_HASH_KEY_BYTES: usize = 2048;

/// The largest sort key value, in bytes.
pub(crate) const MAX_RANGE_KEY_BYTES: usize = 1024;

/// The size of a whole item.
pub(crate) fn item_size(item: &Item) -> usize {
    item.iter()
        .map(|(name, value)| name.len().saturating_add(value_size(value)))
        .sum()
}

/// The size of one value (without its attribute name).
pub(crate) fn value_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => number_size(n),
        AttributeValue::B(b) => b.len(),
        AttributeValue::Bool(_) | AttributeValue::Null => 1,
        AttributeValue::L(list) => list.iter().fold(3usize, |sum, v| {
            sum.saturating_add(1).saturating_add(value_size(v))
        }),
        AttributeValue::M(map) => map.iter().fold(3usize, |sum, (name, v)| {
            sum.saturating_add(1)
                .saturating_add(name.len())
                .saturating_add(value_size(v))
        }),
        AttributeValue::Ss(set) => set.iter().map(String::len).sum(),
        AttributeValue::Ns(set) => set.iter().map(number_size).sum(),
        AttributeValue::Bs(set) => set.iter().map(Vec::len).sum(),
    }
}

/// `1 + ceil(significant_digits / 2)`.
pub(crate) fn number_size(number: &Number) -> usize {
    let digits = number.significant_digits() as usize;
    1 + digits.div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> AttributeValue {
        AttributeValue::N(Number::parse(text).unwrap())
    }

    #[test]
    fn strings_and_binaries_count_bytes() {
        assert_eq!(value_size(&AttributeValue::S("héllo".into())), 6);
        assert_eq!(value_size(&AttributeValue::B(vec![0, 255, 7])), 3);
        assert_eq!(value_size(&AttributeValue::S(String::new())), 0);
    }

    #[test]
    fn scalars_and_containers() {
        assert_eq!(value_size(&AttributeValue::Bool(true)), 1);
        assert_eq!(value_size(&AttributeValue::Null), 1);
        assert_eq!(value_size(&AttributeValue::L(vec![])), 3);
        assert_eq!(value_size(&AttributeValue::M(Item::new())), 3);
        let list = AttributeValue::L(vec![AttributeValue::S("ab".into()), AttributeValue::Null]);
        assert_eq!(value_size(&list), 3 + (1 + 2) + (1 + 1));
        let mut map = Item::new();
        map.insert("key".into(), AttributeValue::S("vv".into()));
        assert_eq!(value_size(&AttributeValue::M(map)), 3 + 1 + 3 + 2);
        let set = AttributeValue::Ss(vec!["a".into(), "bcd".into(), String::new()]);
        assert_eq!(value_size(&set), 4);
    }

    #[test]
    fn item_size_adds_names() {
        let mut item = Item::new();
        item.insert("pk".into(), AttributeValue::S("abc".into()));
        item.insert("é".into(), AttributeValue::Bool(false));
        assert_eq!(item_size(&item), 2 + 3 + 2 + 1);
    }

    #[test]
    fn numbers_by_significant_digits() {
        assert_eq!(value_size(&n("0")), 2);
        assert_eq!(value_size(&n("7")), 2);
        assert_eq!(value_size(&n("12")), 2);
        assert_eq!(value_size(&n("123")), 3);
        assert_eq!(value_size(&n("1000")), 2);
        assert_eq!(value_size(&n("-12.345")), 4);
        assert_eq!(value_size(&n("0.00001")), 2);
        assert_eq!(
            value_size(&AttributeValue::Ns(vec![Number::parse("1").unwrap(); 3])),
            6
        );
    }
}
