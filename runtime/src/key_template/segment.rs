//! [`KeySegment`]: how one field's value is written into a key template, and read back.

use std::fmt;

use crate::error::{Error, Result};

/// A value that can fill a `{field}` of a key template (see [`key_template`](super)).
///
/// Implemented for `String` (escaped), every integer type (zero-padded), and with the
/// `chrono` and `uuid` features for `DateTime<Utc>`, `NaiveDate` and `Uuid`. Implement it
/// for your own identifier types by delegating to one of those.
///
/// The contract: `decode_segment` reads back exactly what `encode_segment` wrote, and the
/// encoding never contains `#`, the separator of the template's parts (the key writer
/// checks this and fails with an error instead of building a forged key).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be part of a key template",
    label = "not a key segment type",
    note = "key template fields must implement `dynamodel::KeySegment`: `String`, integers, `chrono::DateTime<Utc>`, `chrono::NaiveDate`, `uuid::Uuid`, or a type of your own that implements it"
)]
pub trait KeySegment: Clone + fmt::Debug + PartialEq + Send + Sync + 'static {
    /// Appends the value's encoding to `out`.
    fn encode_segment(&self, out: &mut String) -> Result<()>;

    /// Reads a value from its encoding (one segment of a key, without separators).
    fn decode_segment(text: &str) -> Result<Self>;
}

/// A [`KeySegment`] whose encodings all have the same length, use ASCII characters from
/// `!` to `~` other than `#`, and sort as the values do. Such a segment supports range
/// conditions (`posted_at_in(a..=b)`) in the typed prefixes of a sort key template.
///
/// Strings are not ordered segments: their encodings have different lengths, so a string
/// that is a prefix of another one does not always sort first once the next segment
/// follows it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not support range conditions in a key template",
    label = "not an ordered key segment",
    note = "ranges need a fixed-width, order-preserving encoding: integers, `chrono::DateTime<Utc>`, `chrono::NaiveDate` or `uuid::Uuid`; fix the value of this segment with a prefix instead"
)]
pub trait OrderedSegment: KeySegment {}

/// `%` and `#` are written as `%25` and `%23`; every other character as itself.
///
/// The escape keeps `#` out of the encoding, so a value can never end a segment early and
/// forge the next ones (`"a#b"` is one segment, `a%23b`), and it is reversible.
impl KeySegment for String {
    fn encode_segment(&self, out: &mut String) -> Result<()> {
        for c in self.chars() {
            match c {
                '%' => out.push_str("%25"),
                '#' => out.push_str("%23"),
                c => out.push(c),
            }
        }
        Ok(())
    }

    fn decode_segment(text: &str) -> Result<Self> {
        let mut value = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find('%') {
            let (before, escape) = rest.split_at(at);
            value.push_str(before);
            let decoded = match escape.get(..3) {
                Some("%25") => '%',
                Some("%23") => '#',
                _ => {
                    return Err(Error::conversion(format!(
                        "`{text}` is not an escaped string segment: `%` must start `%25` or `%23`"
                    )));
                }
            };
            value.push(decoded);
            rest = escape.get(3..).unwrap_or_default();
        }
        value.push_str(rest);
        Ok(value)
    }
}

/// Unsigned integers as decimal digits zero-padded to the width of the type's maximum, so
/// that key order is numeric order: `u8` 3 digits, `u16` 5, `u32` 10, `u64` and `usize`
/// 20, `u128` 39.
macro_rules! unsigned {
    ($($ty:ty => $width:expr),+) => {$(
        impl KeySegment for $ty {
            fn encode_segment(&self, out: &mut String) -> Result<()> {
                out.push_str(&format!("{:0width$}", self, width = $width));
                Ok(())
            }

            fn decode_segment(text: &str) -> Result<Self> {
                parse_digits::<$ty>(text, $width)
            }
        }

        impl OrderedSegment for $ty {}
    )+};
}

unsigned!(u8 => 3, u16 => 5, u32 => 10, u64 => 20, usize => 20, u128 => 39);

/// Signed integers shifted into the unsigned range of their width by adding 2^(bits-1)
/// (so `i64::MIN` is `00000000000000000000`, `0` is `09223372036854775808`), then written
/// like that unsigned type: key order is numeric order, negative numbers included.
macro_rules! signed {
    ($($ty:ty => $unsigned:ty),+) => {$(
        impl KeySegment for $ty {
            fn encode_segment(&self, out: &mut String) -> Result<()> {
                // Same-width casts reinterpret the bits; flipping the sign bit adds 2^(bits-1).
                let shifted = (*self as $unsigned) ^ (1 << (<$ty>::BITS - 1));
                shifted.encode_segment(out)
            }

            fn decode_segment(text: &str) -> Result<Self> {
                let shifted = <$unsigned>::decode_segment(text)?;
                Ok((shifted ^ (1 << (<$ty>::BITS - 1))) as $ty)
            }
        }

        impl OrderedSegment for $ty {}
    )+};
}

signed!(i8 => u8, i16 => u16, i32 => u32, i64 => u64, isize => usize, i128 => u128);

/// Exactly `width` ASCII digits that fit in `T`.
fn parse_digits<T: std::str::FromStr>(text: &str, width: usize) -> Result<T> {
    if text.len() == width && text.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(value) = text.parse() {
            return Ok(value);
        }
    }
    Err(Error::conversion(format!(
        "`{text}` is not a {width}-digit `{}` segment",
        std::any::type_name::<T>()
    )))
}

#[cfg(feature = "chrono")]
mod chrono_impls {
    use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};

    use super::{KeySegment, OrderedSegment};
    use crate::error::{Error, Result};

    /// The years whose RFC 3339 text has four digits, so that every time has one width.
    fn check_year(year: i32, value: &dyn std::fmt::Display) -> Result<()> {
        if (0..=9999).contains(&year) {
            Ok(())
        } else {
            Err(Error::conversion(format!(
                "{value} cannot be a key segment: only the years 0 to 9999 have a fixed-width encoding"
            )))
        }
    }

    /// RFC 3339 in UTC with microseconds and `Z`, as the attribute is stored:
    /// `2024-05-01T12:00:00.000000Z` (27 characters; years 0 to 9999).
    impl KeySegment for DateTime<Utc> {
        fn encode_segment(&self, out: &mut String) -> Result<()> {
            check_year(self.year(), self)?;
            out.push_str(&self.to_rfc3339_opts(SecondsFormat::Micros, true));
            Ok(())
        }

        fn decode_segment(text: &str) -> Result<Self> {
            match DateTime::parse_from_rfc3339(text) {
                Ok(time) if text.len() == 27 && text.ends_with('Z') => Ok(time.with_timezone(&Utc)),
                _ => Err(Error::conversion(format!(
                    "`{text}` is not a UTC time segment like `2024-05-01T12:00:00.000000Z`"
                ))),
            }
        }
    }

    impl OrderedSegment for DateTime<Utc> {}

    /// `YYYY-MM-DD` (years 0 to 9999).
    impl KeySegment for NaiveDate {
        fn encode_segment(&self, out: &mut String) -> Result<()> {
            check_year(self.year(), self)?;
            out.push_str(&self.format("%Y-%m-%d").to_string());
            Ok(())
        }

        fn decode_segment(text: &str) -> Result<Self> {
            match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) if text.len() == 10 => Ok(date),
                _ => Err(Error::conversion(format!(
                    "`{text}` is not a date segment like `2024-05-01`"
                ))),
            }
        }
    }

    impl OrderedSegment for NaiveDate {}
}

#[cfg(feature = "uuid")]
mod uuid_impls {
    use uuid::Uuid;

    use super::{KeySegment, OrderedSegment};
    use crate::error::{Error, Result};

    /// Hyphenated lower case, 36 characters: key order is the order of the UUID's bytes.
    impl KeySegment for Uuid {
        fn encode_segment(&self, out: &mut String) -> Result<()> {
            out.push_str(&self.hyphenated().to_string());
            Ok(())
        }

        fn decode_segment(text: &str) -> Result<Self> {
            let lower = text.len() == 36 && !text.bytes().any(|b| b.is_ascii_uppercase());
            match Uuid::try_parse(text) {
                Ok(uuid) if lower && uuid.hyphenated().to_string() == text => Ok(uuid),
                _ => Err(Error::conversion(format!(
                    "`{text}` is not a hyphenated lower-case UUID segment"
                ))),
            }
        }
    }

    impl OrderedSegment for Uuid {}
}
