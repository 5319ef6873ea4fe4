//! Updates resolved into a [`Plan`], and applying a plan to an item.
//!
//! `UpdateExpression` (checked by [`super::check::update`]) and the legacy `AttributeUpdates`
//! ([`legacy`]) both become a plan: a list of actions on resolved paths, in source order,
//! none of whose paths overlap. [`apply`] runs it against the stored item (AWS, *Update
//! expressions*; checked against DynamoDB Local 3.3.0):
//!
//! 1. every value is computed from the item as it was before the update (`SET a = b, b = a`
//!    swaps), in source order, so errors about values come first;
//! 2. `SET`, `ADD` and `DELETE` results are written in path order (`SET l[11] = :x,
//!    l[10] = :y` appends `:y` then `:x`); an index past the end of a list appends;
//! 3. removals run last, deepest and highest index first, so every index refers to the item
//!    before the update and the list closes up.
//!
//! A path whose parent is missing or of another type is an error for every action but a
//! `REMOVE`/`DELETE` whose last step is simply absent, which does nothing. `DELETE` that
//! empties a set removes the attribute.

pub(crate) mod apply;
pub(crate) mod legacy;

use dynamodel::AttributeValue;

use super::ast::ArithOp;
use super::document::DocPath;

/// The value of a `SET` action.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    /// The value at a path of the old item (an error when absent).
    Path(DocPath),
    Const(&'a AttributeValue),
    /// The value at the path, or the default when the old item has none.
    IfNotExists(DocPath, Box<Value<'a>>),
    ListAppend(Box<Value<'a>>, Box<Value<'a>>),
    Arith(ArithOp, Box<Value<'a>>, Box<Value<'a>>),
}

/// One action of a plan.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Action<'a> {
    Set(DocPath, Value<'a>),
    Remove(DocPath),
    /// `ADD`: a number added, a set's members added (creating the attribute when absent).
    Add(DocPath, &'a AttributeValue),
    /// `DELETE`: a set's members removed.
    Delete(DocPath, &'a AttributeValue),
    /// Legacy `ADD` of a list: appended to the stored list (created when absent).
    Append(DocPath, &'a AttributeValue),
}

impl Action<'_> {
    pub(crate) fn path(&self) -> &DocPath {
        match self {
            Action::Set(path, _)
            | Action::Remove(path)
            | Action::Add(path, _)
            | Action::Delete(path, _)
            | Action::Append(path, _) => path,
        }
    }

    /// Whether the action writes a value (`UPDATED_NEW` reports it) rather than removing.
    pub(crate) fn writes(&self) -> bool {
        !matches!(self, Action::Remove(_))
    }
}

/// Which wording errors about stored values use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    Expression,
    /// `AttributeUpdates` reports type mismatches in its own words.
    Legacy,
}

/// A checked update.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Plan<'a> {
    pub(crate) actions: Vec<Action<'a>>,
    pub(crate) dialect: Dialect,
}

impl Plan<'_> {
    /// Whether the update only removes (`REMOVE`, `DELETE`): such an update does not create a
    /// missing item. An empty update does create it.
    pub(crate) fn only_removes(&self) -> bool {
        !self.actions.is_empty()
            && self
                .actions
                .iter()
                .all(|a| matches!(a, Action::Remove(_) | Action::Delete(..)))
    }
}
