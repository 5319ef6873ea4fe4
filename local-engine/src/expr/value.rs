//! DynamoDB's value semantics for conditions: equality, order, `contains`, `begins_with` and
//! `size`.
//!
//! Sources: AWS, *Condition and filter expressions, operators, and functions* and the
//! `ComparisonOperator` reference, checked against DynamoDB Local 3.3.0:
//!
//! * Values of different types are never equal and never ordered (a comparison across types
//!   is false, not an error). Numbers compare numerically (`1` = `1.0`), strings by UTF-8
//!   bytes, binaries by unsigned bytes. Only `S`, `N` and `B` are ordered.
//! * Sets are equal when they hold the same members in any order; lists are equal element by
//!   element; maps when they have the same keys with equal values.
//! * `contains(a, b)`: a string contains a substring, a binary a byte run, a set a member of its
//!   element type, a list an element equal to `b`.
//! * `begins_with(a, b)`: a string or binary prefix of the same type.
//! * `size(a)`: a string's length in UTF-16 code units (as Java counts it: `size("a😀")` is 3),
//!   a binary's bytes, the members of a set, the elements of a list, the entries of a map; no
//!   other type has a size.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use dynamodel::{AttributeValue, Number};

/// DynamoDB equality: same type and equal value (sets as sets, numbers numerically).
pub(crate) fn equal(a: &AttributeValue, b: &AttributeValue) -> bool {
    use AttributeValue as V;
    match (a, b) {
        (V::S(a), V::S(b)) => a == b,
        (V::N(a), V::N(b)) => a == b,
        (V::B(a), V::B(b)) => a == b,
        (V::Bool(a), V::Bool(b)) => a == b,
        (V::Null, V::Null) => true,
        (V::Ss(a), V::Ss(b)) => {
            same_members(a.iter().map(String::as_str), b.iter().map(String::as_str))
        }
        (V::Ns(a), V::Ns(b)) => same_members(a.iter(), b.iter()),
        (V::Bs(a), V::Bs(b)) => {
            same_members(a.iter().map(Vec::as_slice), b.iter().map(Vec::as_slice))
        }
        (V::L(a), V::L(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y)),
        (V::M(a), V::M(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, x)| b.get(key).is_some_and(|y| equal(x, y)))
        }
        _ => false,
    }
}

fn same_members<T: Ord>(a: impl Iterator<Item = T>, b: impl Iterator<Item = T>) -> bool {
    let a: BTreeSet<T> = a.collect();
    let b: BTreeSet<T> = b.collect();
    a == b
}

/// The order of two values of one orderable type (`S`, `N`, `B`); `None` otherwise.
pub(crate) fn order(a: &AttributeValue, b: &AttributeValue) -> Option<Ordering> {
    use AttributeValue as V;
    match (a, b) {
        (V::S(a), V::S(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
        (V::N(a), V::N(b)) => Some(a.cmp(b)),
        (V::B(a), V::B(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// `contains(haystack, needle)`.
pub(crate) fn contains(haystack: &AttributeValue, needle: &AttributeValue) -> bool {
    use AttributeValue as V;
    match (haystack, needle) {
        (V::S(text), V::S(part)) => text.contains(part.as_str()),
        (V::B(bytes), V::B(part)) => contains_bytes(bytes, part),
        (V::Ss(set), V::S(member)) => set.iter().any(|m| m == member),
        (V::Ns(set), V::N(member)) => set.iter().any(|m| m == member),
        (V::Bs(set), V::B(member)) => set.iter().any(|m| m == member),
        (V::L(list), needle) => list.iter().any(|element| equal(element, needle)),
        _ => false,
    }
}

fn contains_bytes(bytes: &[u8], part: &[u8]) -> bool {
    part.is_empty() || bytes.windows(part.len()).any(|window| window == part)
}

/// `begins_with(value, prefix)`.
pub(crate) fn begins_with(value: &AttributeValue, prefix: &AttributeValue) -> bool {
    match (value, prefix) {
        (AttributeValue::S(value), AttributeValue::S(prefix)) => value.starts_with(prefix.as_str()),
        (AttributeValue::B(value), AttributeValue::B(prefix)) => value.starts_with(prefix),
        _ => false,
    }
}

/// `size(value)`, for the types that have one.
pub(crate) fn size(value: &AttributeValue) -> Option<Number> {
    use AttributeValue as V;
    let size = match value {
        V::S(s) => s.encode_utf16().count(),
        V::B(b) => b.len(),
        V::Ss(set) => set.len(),
        V::Ns(set) => set.len(),
        V::Bs(set) => set.len(),
        V::L(list) => list.len(),
        V::M(map) => map.len(),
        V::N(_) | V::Bool(_) | V::Null => return None,
    };
    Some(Number::from(size))
}

#[cfg(test)]
mod tests;
