//! The compile-time rule that a projection read from an index reads only attributes the
//! index projects.
//!
//! A `KEYS_ONLY` or `INCLUDE` index holds some attributes of each item. `.project::<P>()`
//! on a query or scan of such an index evaluates [`ProjectionCheck::VALID`], a constant that
//! fails to compile (when the crate is built, not by `cargo check`) if `P` reads a field the
//! index does not hold, naming the field and the index.

use std::marker::PhantomData;

use super::Source;
use crate::expr::Projection;

/// The longest error message; longer names are cut.
const MESSAGE_CAPACITY: usize = 512;

/// Checks at compile time that projection `P` reads only fields that source `S` holds.
#[doc(hidden)]
pub struct ProjectionCheck<S, P>(PhantomData<fn() -> (S, P)>);

impl<S, P> std::fmt::Debug for ProjectionCheck<S, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProjectionCheck")
    }
}

impl<S: Source, P: Projection> ProjectionCheck<S, P> {
    /// Evaluating it fails to compile when `P` reads a field that `S` does not hold.
    pub const VALID: () = {
        if let (Some(projected), Some(index)) = (S::PROJECTED_FIELDS, S::INDEX_NAME) {
            if let Some(field) = first_missing(P::FIELDS, projected) {
                let message = Message::new()
                    .push("the projection reads `")
                    .push(field)
                    .push("`, which index `")
                    .push(index)
                    .push("` does not project; read it from the table, add it to the index's `include(...)` list, or use a projection without it");
                panic!("{}", message.as_str());
            }
        }
    };
}

/// The first of `fields` that is not in `projected`.
const fn first_missing(fields: &[&'static str], projected: &[&str]) -> Option<&'static str> {
    let mut i = 0;
    while i < fields.len() {
        let field = fields[i];
        let mut found = false;
        let mut j = 0;
        while j < projected.len() {
            if crate::entity::same_str(field, projected[j]) {
                found = true;
            }
            j += 1;
        }
        if !found {
            return Some(field);
        }
        i += 1;
    }
    None
}

/// A message assembled at compile time (const panics format one `&str` only).
struct Message {
    bytes: [u8; MESSAGE_CAPACITY],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            bytes: [0; MESSAGE_CAPACITY],
            len: 0,
        }
    }

    /// Appends `text`, as much of it as fits, cutting only at a char boundary.
    const fn push(mut self, text: &str) -> Self {
        let text = text.as_bytes();
        let mut i = 0;
        while i < text.len() && self.len < MESSAGE_CAPACITY {
            // Stop before a char that does not fit whole.
            let width = match text[i] {
                byte if byte < 0x80 => 1,
                byte if byte >= 0xF0 => 4,
                byte if byte >= 0xE0 => 3,
                _ => 2,
            };
            if self.len + width > MESSAGE_CAPACITY {
                break;
            }
            let mut k = 0;
            while k < width && i < text.len() {
                self.bytes[self.len] = text[i];
                self.len += 1;
                i += 1;
                k += 1;
            }
        }
        self
    }

    const fn as_str(&self) -> &str {
        let (used, _) = self.bytes.split_at(self.len);
        match std::str::from_utf8(used) {
            Ok(text) => text,
            Err(_) => "the projection reads an attribute that the index does not project",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Message, first_missing};

    #[test]
    fn finds_the_first_field_the_index_does_not_hold() {
        assert_eq!(
            first_missing(&["id", "title"], &["id", "user_id"]),
            Some("title")
        );
        assert_eq!(first_missing(&["id"], &["id", "user_id"]), None);
        assert_eq!(first_missing(&[], &["id"]), None);
    }

    #[test]
    fn messages_are_assembled_and_cut_at_char_boundaries() {
        assert_eq!(
            Message::new().push("a `").push("b").push("`").as_str(),
            "a `b`"
        );
        let long = "é".repeat(400); // 800 bytes
        let message = Message::new().push("x").push(&long);
        assert_eq!(message.as_str().len(), 511);
        assert!(message.as_str().ends_with('é'));
    }
}
