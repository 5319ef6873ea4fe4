//! Entity types: several item types in one table, told apart by an attribute.

use crate::error::{Error, Result};
use crate::model::{AttributeValue, Item};
use crate::table::Table;

/// The attribute that records an item's entity type unless a table names another one with
/// `#[dynamodel(entity_attribute = "...")]`.
pub const DEFAULT_ENTITY_ATTRIBUTE: &str = "__entity";

/// A table struct that is one entity type of a table shared with others (single-table
/// design). Derived by `#[derive(Table)]` with `#[dynamodel(entity = "name")]`.
///
/// Writing an entity stores its name in [`ENTITY_ATTRIBUTE`](Self::ENTITY_ATTRIBUTE);
/// reading checks it, so an item of another entity is an error that names both, never a
/// struct filled from the wrong attributes. A [`Collection`](crate::Collection) reads
/// several entities of one partition in one query.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an entity type",
    label = "expected a table with `#[dynamodel(entity = \"...\")]`",
    note = "give each table struct of a collection its entity name: `#[dynamodel(table = \"...\", entity = \"...\")]`"
)]
pub trait Entity: Table {
    /// The entity name, such as `post`.
    const ENTITY: &'static str;
    /// The attribute that holds the entity name ([`DEFAULT_ENTITY_ATTRIBUTE`] by default).
    const ENTITY_ATTRIBUTE: &'static str;

    /// The partition key template with its field names left out (`USER#{}`), or the empty
    /// string for a partition key field: the variants of a collection must agree on it.
    #[doc(hidden)]
    const PARTITION_SHAPE: &'static str;
    /// The types the partition key is built from (a tuple of the template fields' types,
    /// or the partition key field's type): the variants of a collection must agree on it.
    #[doc(hidden)]
    type PartitionValues;
}

/// The entity name recorded in `item` under `attribute`, if it holds a string.
pub fn entity_of<'i>(item: &'i Item, attribute: &str) -> Option<&'i str> {
    match item.get(attribute) {
        Some(AttributeValue::S(entity)) => Some(entity),
        _ => None,
    }
}

/// Records `entity` in `item`, for generated code.
#[doc(hidden)]
pub fn put_entity(item: &mut impl Extend<(String, AttributeValue)>, attribute: &str, entity: &str) {
    item.extend([(attribute.to_owned(), AttributeValue::S(entity.to_owned()))]);
}

/// Checks that `item` is an item of `entity`, for generated code.
#[doc(hidden)]
pub fn check_entity(item: &Item, attribute: &str, entity: &str) -> Result<()> {
    match item.get(attribute) {
        Some(AttributeValue::S(found)) if found == entity => Ok(()),
        Some(AttributeValue::S(found)) => Err(Error::conversion(format!(
            "an item of entity `{found}` cannot be read as entity `{entity}` (attribute `{attribute}`)"
        ))),
        Some(other) => Err(Error::conversion(format!(
            "attribute `{attribute}` holds the entity name as a string (S), found {}",
            other.attribute_type()
        ))),
        None => Err(Error::conversion(format!(
            "the item has no `{attribute}` attribute, so it is not an item of entity `{entity}`"
        ))),
    }
}

/// Whether two strings are equal, in a constant: the derive's compile-time checks that the
/// variants of a collection share their table.
#[doc(hidden)]
pub const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether two optional key names are equal, in a constant (see [`same_str`]).
#[doc(hidden)]
pub const fn same_key(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_str(a, b),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{check_entity, entity_of, put_entity, same_str};
    use crate::model::{AttributeValue, Item};

    #[test]
    fn the_entity_is_written_and_checked() {
        let mut item = Item::new();
        put_entity(&mut item, "__entity", "post");
        assert_eq!(entity_of(&item, "__entity"), Some("post"));
        assert!(check_entity(&item, "__entity", "post").is_ok());
        let err = check_entity(&item, "__entity", "user").unwrap_err();
        assert_eq!(
            err.message(),
            "an item of entity `post` cannot be read as entity `user` (attribute `__entity`)"
        );
        let err = check_entity(&Item::new(), "kind", "user").unwrap_err();
        assert_eq!(
            err.message(),
            "the item has no `kind` attribute, so it is not an item of entity `user`"
        );
        item.insert("__entity".into(), AttributeValue::Bool(true));
        assert!(check_entity(&item, "__entity", "post").is_err());
    }

    #[test]
    fn same_str_compares_bytes() {
        // Evaluated at compile time, as the derive's generated checks use it.
        const _: () = assert!(same_str("social", "social"));
        assert!(!same_str("social", "socia1"));
        assert!(!same_str("social", "socials"));
    }
}
