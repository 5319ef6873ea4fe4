//! Composite key templates for single-table design.
//!
//! A table struct can build its partition and sort keys from its fields with a template,
//! `#[dynamodel(sort_key(name = "sk", template = "POST#{posted_at}#{post_id}"))]`: the key
//! attribute `sk` is the string `POST#00000000001714564800#p1`. The derive generates a key
//! type per template (`PostSortKey { posted_at, post_id }`) that implements
//! [`KeyAttribute`] by writing and parsing the template, typed prefixes
//! (`Post::sort_prefix().posted_at(t)`), and [`Entity`](crate::Entity) so that several
//! entity types can share one table.
//!
//! # The format
//!
//! A template is a list of parts separated by `#`; each part is literal text or exactly one
//! `{field}`. A field's value is written by its [`KeySegment`] implementation:
//!
//! | Rust | segment |
//! |---|---|
//! | `String` | as is, with `%` and `#` escaped as `%25` and `%23` |
//! | `u8` … `u128`, `usize` | zero-padded decimal, as wide as the type's maximum (`u64`: 20 digits) |
//! | `i8` … `i128`, `isize` | shifted by 2^(bits-1) into the unsigned type, then as above |
//! | `chrono::DateTime<Utc>` | RFC 3339 UTC with microseconds, `2024-05-01T12:00:00.000000Z` |
//! | `chrono::NaiveDate` | `2024-05-01` |
//! | `uuid::Uuid` | hyphenated lower case |
//!
//! Because no segment contains `#`, a key splits back into exactly its parts: reading a key
//! checks every literal part and decodes every field, and a key that does not match fails
//! with an error naming the template. Integers, times, dates and UUIDs have fixed-width
//! encodings whose string order is the values' order ([`OrderedSegment`]), so the sort key
//! order of `POST#{posted_at}#{post_id}` is time order.
//!
//! # Prefixes
//!
//! A prefix fixes the leading fields of a sort key template, left to right, and ends with
//! the `#` after the last fixed part: `POST#` (every post), `POST#<posted_at>#` (the posts of
//! one instant). The closing `#` keeps `USER#u1#` from matching `USER#u10#...`. After the
//! fixed fields, the next field can take an inclusive range when it is an
//! [`OrderedSegment`] ([`KeyRange`]). Each entity's sort key template should start with a
//! literal of its own (`POST`, `FOLLOW`) so that its prefixes never match other entities.

mod range;
mod segment;

#[cfg(test)]
mod tests;

pub use range::{KeyPrefix, KeyRange, SegmentRange, SortKeyMatch};
pub use segment::{KeySegment, OrderedSegment};

use crate::convert::KeyAttribute;
use crate::error::{Error, Result};
use crate::model::AttributeValue;

/// A key type generated from a key template: it is written as, and parsed from, a string
/// that follows [`TEMPLATE`](Self::TEMPLATE).
pub trait KeyTemplate: KeyAttribute {
    /// The template as declared, such as `USER#{user_id}`.
    const TEMPLATE: &'static str;
}

/// The separator of a template's parts.
const SEPARATOR: char = '#';

/// One `#`-separated part of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part<'t> {
    Literal(&'t str),
    Field(&'t str),
}

fn parse_part(part: &str) -> Part<'_> {
    match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(field) => Part::Field(field),
        None => Part::Literal(part),
    }
}

/// Writes a key (or a key prefix) from a template, one field at a time in template order.
/// Used by the code `#[derive(Table)]` generates.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct KeyWriter {
    template: &'static str,
    /// How many parts of the template are written.
    written: usize,
    text: String,
}

impl KeyWriter {
    /// A writer at the start of `template`.
    pub fn new(template: &'static str) -> Self {
        KeyWriter {
            template,
            written: 0,
            text: String::new(),
        }
    }

    fn next_part(&self) -> Option<Part<'static>> {
        self.template
            .split(SEPARATOR)
            .nth(self.written)
            .map(parse_part)
    }

    fn start_part(&mut self) {
        if self.written > 0 {
            self.text.push(SEPARATOR);
        }
        self.written += 1;
    }

    /// Writes the literal parts before the next field.
    fn literals(&mut self) {
        while let Some(Part::Literal(literal)) = self.next_part() {
            self.start_part();
            self.text.push_str(literal);
        }
    }

    /// Writes the literal parts up to `field`, then its value.
    pub fn segment<V: KeySegment>(&mut self, field: &str, value: &V) -> Result<()> {
        self.literals();
        match self.next_part() {
            Some(Part::Field(name)) if name == field => {}
            _ => {
                return Err(Error::configuration(format!(
                    "key template `{}` has no field `{field}` here",
                    self.template
                )));
            }
        }
        self.start_part();
        let start = self.text.len();
        value
            .encode_segment(&mut self.text)
            .map_err(|e| e.in_attribute(field))?;
        if self
            .text
            .get(start..)
            .is_some_and(|s| s.contains(SEPARATOR))
        {
            return Err(Error::conversion(format!(
                "the key segment of `{field}` contains `#`, which would split it in two (template `{}`)",
                self.template
            ))
            .in_attribute(field));
        }
        Ok(())
    }

    /// The whole key, once every field is written.
    pub fn finish(mut self) -> Result<String> {
        self.literals();
        match self.next_part() {
            None => Ok(self.text),
            Some(_) => Err(Error::configuration(format!(
                "key template `{}` is missing fields",
                self.template
            ))),
        }
    }

    /// The key prefix so far: the parts written and the literal parts up to the next field,
    /// closed by `#` (empty when the template starts with a field and none is written).
    pub fn prefix(mut self) -> String {
        self.literals();
        if self.written > 0 {
            self.text.push(SEPARATOR);
        }
        self.text
    }
}

/// Reads the fields of a key written from a template, in template order. Used by the code
/// `#[derive(Table)]` generates.
#[doc(hidden)]
#[derive(Debug)]
pub struct KeyReader {
    template: &'static str,
    key: String,
    /// The field parts of the key, in order, with their template names.
    fields: std::vec::IntoIter<(&'static str, String)>,
}

impl KeyReader {
    /// Splits `value`, which must be a string with the template's literal parts.
    pub fn new(template: &'static str, value: AttributeValue) -> Result<Self> {
        let AttributeValue::S(key) = value else {
            return Err(Error::conversion(format!(
                "expected a string (S) key built from the template `{template}`, found {}",
                value.attribute_type()
            )));
        };
        let mismatch = || {
            Error::conversion(format!(
                "key `{key}` does not match the template `{template}`"
            ))
        };
        let mut fields = Vec::new();
        let mut parts = key.split(SEPARATOR);
        for part in template.split(SEPARATOR).map(parse_part) {
            let text = parts.next().ok_or_else(mismatch)?;
            match part {
                Part::Literal(literal) if literal == text => {}
                Part::Literal(_) => return Err(mismatch()),
                Part::Field(name) => fields.push((name, text.to_owned())),
            }
        }
        if parts.next().is_some() {
            return Err(mismatch());
        }
        Ok(KeyReader {
            template,
            key,
            fields: fields.into_iter(),
        })
    }

    /// Decodes the next field, which the template names `field`.
    pub fn segment<V: KeySegment>(&mut self, field: &str) -> Result<V> {
        match self.fields.next() {
            Some((name, text)) if name == field => V::decode_segment(&text).map_err(|e| {
                Error::conversion(format!(
                    "key `{}` (template `{}`), field `{field}`: {}",
                    self.key,
                    self.template,
                    e.message()
                ))
            }),
            _ => Err(Error::configuration(format!(
                "key template `{}` has no field `{field}` here",
                self.template
            ))),
        }
    }
}

/// Reads the key attribute `name` of an item, for generated code (`parse_key`).
#[doc(hidden)]
pub fn read_key<K: KeyAttribute>(item: &crate::model::Item, name: &str) -> Result<K> {
    match item.get(name) {
        Some(value) => K::from_attribute(value.clone()).map_err(|e| e.in_attribute(name)),
        None => Err(Error::conversion("the key attribute is missing").in_attribute(name)),
    }
}

/// A template field stored as an attribute and inside a key, for generated code: the two
/// must agree, or the item was changed behind the key's back.
#[doc(hidden)]
pub fn checked_key_field<V: KeySegment>(
    stored: V,
    in_key: &V,
    field: &str,
    key: &str,
    template: &str,
) -> Result<V> {
    if stored == *in_key {
        Ok(stored)
    } else {
        Err(Error::conversion(format!(
            "attribute `{field}` holds {stored:?}, but the key `{key}` (template `{template}`) holds {in_key:?}"
        )))
    }
}

/// Requires `V: KeySegment`, for generated code: the one place a template field type that
/// is not a segment is reported.
#[doc(hidden)]
pub fn assert_segment<V: KeySegment>() {}
