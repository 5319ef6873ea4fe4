//! Typed projections: read only some attributes of an item into a struct of your own.

use super::path::{Path, RawPath};
use crate::error::Result;
use crate::model::Item;
use crate::table::Table;

/// A struct that holds some attributes of table `Table`'s items. Derive it with
/// `#[derive(Projection)]` and `#[dynamodel(projection_of = Game)]`: every field must exist
/// in the table's struct with the same type, or the derive does not compile.
///
/// Reads with a projection send a `ProjectionExpression`, so only those attributes travel.
pub trait Projection: Sized {
    /// The table whose items this projects.
    type Table: Table;

    /// The Rust names of the table's fields that this projection reads, so that reading it
    /// from a secondary index that does not project one of them fails to compile.
    const FIELDS: &'static [&'static str];

    /// The attributes to read.
    fn projected_paths() -> Vec<RawPath>;

    /// Reads a projected item.
    fn from_item(item: Item) -> Result<Self>;
}

#[doc(hidden)]
/// The untyped path of a table field, for `#[derive(Projection)]`: generated code calls it
/// as `projected::<Game, FieldType, _>(paths.field)`, so that a projection field whose type
/// differs from the table's is a type error on that field.
pub fn projected<T, V, K>(path: Path<T, V, K>) -> RawPath {
    path.into_raw()
}
