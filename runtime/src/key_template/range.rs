//! Typed conditions on template sort keys: a prefix of leading fields (`begins_with`) and a
//! range on the next field (`BETWEEN`).

use std::fmt;
use std::marker::PhantomData;
use std::ops::{RangeFrom, RangeFull, RangeInclusive, RangeToInclusive};

use super::{KeySegment, KeyWriter, OrderedSegment};
use crate::client::SortCondition;
use crate::error::Result;
use crate::expr::AsValue;
use crate::model::AttributeValue;

/// The keys of template `K` whose leading fields have given values: `begins_with` on the
/// sort key. Built through the generated `sort_prefix()` of a table with a sort key
/// template (see [`key_template`](super)).
pub struct KeyPrefix<K> {
    /// The writer after the fixed fields, or the first field that failed to encode.
    writer: Result<KeyWriter>,
    key: PhantomData<fn() -> K>,
}

impl<K> KeyPrefix<K> {
    /// The prefix of every key of `template`, for generated code.
    #[doc(hidden)]
    pub fn new(template: &'static str) -> Self {
        KeyPrefix {
            writer: Ok(KeyWriter::new(template)),
            key: PhantomData,
        }
    }

    /// Fixes the next field, for generated code.
    #[doc(hidden)]
    #[must_use]
    pub fn fix<V: KeySegment>(self, field: &str, value: &V) -> Self {
        let writer = self.writer.and_then(|mut writer| {
            writer.segment(field, value)?;
            Ok(writer)
        });
        KeyPrefix {
            writer,
            key: PhantomData,
        }
    }

    /// Keys whose next field, `field`, is in `range`, for generated code. (`range` is a
    /// [`SegmentRange`] only when `V` is an [`OrderedSegment`].)
    #[doc(hidden)]
    pub fn range<V: KeySegment>(self, field: &str, range: impl SegmentRange<V>) -> KeyRange<K> {
        let (low, high) = range.bounds();
        let bounds = self.writer.and_then(|writer| {
            // Every key under the prefix continues with the field's fixed-width encoding,
            // then `#` or nothing. So `prefix + enc(low)` is at most every key whose field
            // is at least `low`, and `prefix + enc(high) + "$"` (`$` follows `#`) is more than
            // every key whose field is at most `high` and less than every other. Without a
            // bound, the prefix and `prefix + DEL` (after every ASCII encoding) close it.
            let bound = |value: Option<&V>, suffix: &str| -> Result<String> {
                let mut bound = writer.clone();
                match value {
                    Some(value) => {
                        bound.segment(field, value)?;
                        Ok(bound.text + suffix)
                    }
                    None => Ok(bound.prefix()),
                }
            };
            let low = bound(low.as_ref(), "")?;
            let high = match high {
                Some(high) => bound(Some(&high), "$")?,
                None => bound(None, "")? + "\u{7f}",
            };
            Ok((low, high))
        });
        KeyRange {
            bounds,
            key: PhantomData,
        }
    }

    /// The prefix text, such as `POST#00000000001714564800#`, or the error of a field
    /// value that could not be written.
    pub fn into_text(self) -> Result<String> {
        self.writer.map(KeyWriter::prefix)
    }
}

impl<K> fmt::Debug for KeyPrefix<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.writer {
            Ok(writer) => f
                .debug_tuple("KeyPrefix")
                .field(&writer.clone().prefix())
                .finish(),
            Err(error) => f.debug_tuple("KeyPrefix").field(error).finish(),
        }
    }
}

/// A prefix is a value of its key type where `begins_with` takes one.
impl<K> AsValue<K> for KeyPrefix<K> {
    fn to_value(self) -> Result<AttributeValue> {
        self.into_text().map(AttributeValue::S)
    }
}

/// The keys of template `K` under a prefix whose next field is in an inclusive range:
/// `BETWEEN` on the sort key. Built by the generated `<field>_in(range)` methods of a
/// prefix.
pub struct KeyRange<K> {
    bounds: Result<(String, String)>,
    key: PhantomData<fn() -> K>,
}

impl<K> KeyRange<K> {
    /// The lowest and highest key text of the range (both included), or the error of a
    /// field value that could not be written.
    pub fn into_bounds(self) -> Result<(String, String)> {
        self.bounds
    }
}

impl<K> fmt::Debug for KeyRange<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("KeyRange").field(&self.bounds).finish()
    }
}

/// A typed condition on a template sort key: a [`KeyPrefix`], a [`KeyRange`] or a
/// generated prefix builder.
pub trait SortKeyMatch {
    /// The key type whose template the condition is on.
    type Key;

    /// The key condition on the sort key.
    fn sort_condition(self) -> Result<SortCondition>;
}

impl<K> SortKeyMatch for KeyPrefix<K> {
    type Key = K;

    fn sort_condition(self) -> Result<SortCondition> {
        self.to_value().map(SortCondition::BeginsWith)
    }
}

impl<K> SortKeyMatch for KeyRange<K> {
    type Key = K;

    fn sort_condition(self) -> Result<SortCondition> {
        let (low, high) = self.bounds?;
        Ok(SortCondition::Between(
            AttributeValue::S(low),
            AttributeValue::S(high),
        ))
    }
}

/// An inclusive range of segment values: `a..=b`, `a..`, `..=b` or `..`.
///
/// Exclusive ends (`a..b`) are not offered: DynamoDB's `BETWEEN` includes both ends, and
/// a key that ends with the field cannot be excluded exactly by its encoding alone.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an inclusive range of `{V}`",
    label = "expected `a..=b`, `a..`, `..=b` or `..`",
    note = "key ranges include both ends, like DynamoDB's `BETWEEN`: write `a..=b`"
)]
pub trait SegmentRange<V> {
    /// The lowest and highest value, both included; `None` is unbounded.
    fn bounds(self) -> (Option<V>, Option<V>);
}

impl<V: OrderedSegment> SegmentRange<V> for RangeInclusive<V> {
    fn bounds(self) -> (Option<V>, Option<V>) {
        let (low, high) = self.into_inner();
        (Some(low), Some(high))
    }
}

impl<V: OrderedSegment> SegmentRange<V> for RangeFrom<V> {
    fn bounds(self) -> (Option<V>, Option<V>) {
        (Some(self.start), None)
    }
}

impl<V: OrderedSegment> SegmentRange<V> for RangeToInclusive<V> {
    fn bounds(self) -> (Option<V>, Option<V>) {
        (None, Some(self.end))
    }
}

impl<V: OrderedSegment> SegmentRange<V> for RangeFull {
    fn bounds(self) -> (Option<V>, Option<V>) {
        (None, None)
    }
}
