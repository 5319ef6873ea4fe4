//! Typed expressions: conditions, filters, updates and projections whose attribute names and
//! value types are checked by the compiler.
//!
//! `#[derive(Table)]` and `#[derive(Attribute)]` generate a typed [`Path`] for every field
//! (`Game::paths().player.fields().name`); what a path offers depends on the field's Rust
//! type, so `begins_with` on a number, `+` on a string, `add_members` on a list or an update
//! of a key attribute do not compile. Builders render DynamoDB expressions with generated
//! placeholders (`#n0`, `:v0`), never by pasting strings. [`Condition::raw_unchecked`] is the
//! escape hatch for what the typed API cannot say.

mod condition;
mod path;
mod projection;
mod render;
mod update;
mod value;

pub use condition::{
    Comparator, Condition, ConditionNode, MAX_IN_OPERANDS, Operand, RawExpression, Size,
};
pub use path::{
    Document, Element, Field, KeyField, ListElement, ListType, MapType, Mutable, Path, PathElement,
    RawPath, field_path,
};
pub use projection::{Projection, projected};
pub use render::Renderer;
pub use update::{SetValue, Update, UpdateAction};
pub use value::{AsValue, Container, HasSize, Numeric, Ordered, Prefixed, Removable, SetType};

#[cfg(test)]
mod tests;
