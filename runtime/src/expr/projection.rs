//! Typed projections: read only some attributes of an item into a struct of your own.

use super::path::RawPath;
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

    /// The attributes to read.
    fn projected_paths() -> Vec<RawPath>;

    /// Reads a projected item.
    fn from_item(item: Item) -> Result<Self>;
}
