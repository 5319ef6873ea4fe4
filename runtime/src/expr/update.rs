//! Typed updates: `UpdateExpression`.

use std::marker::PhantomData;

use super::path::{Element, Field, ListType, Mutable, Path, RawPath};
use super::value::{AsValue, Numeric, Removable, SetType};
use crate::convert::{Attribute, SetMember};
use crate::error::{Error, Result};
use crate::model::AttributeValue;

/// The right-hand side of a `SET` action.
#[derive(Clone, Debug, PartialEq)]
pub enum SetValue {
    /// `:v`
    Value(AttributeValue),
    /// `if_not_exists(path, :v)`
    IfNotExists(RawPath, AttributeValue),
    /// `path + :v`
    Plus(RawPath, AttributeValue),
    /// `path - :v`
    Minus(RawPath, AttributeValue),
    /// `list_append(path, :v)`
    Append(RawPath, AttributeValue),
    /// `list_append(:v, path)`
    Prepend(RawPath, AttributeValue),
}

/// One action of an update.
#[derive(Clone, Debug, PartialEq)]
pub enum UpdateAction {
    /// `SET path = value`
    Set(RawPath, SetValue),
    /// `REMOVE path`
    Remove(RawPath),
    /// `ADD path :v`
    Add(RawPath, AttributeValue),
    /// `DELETE path :v`
    Delete(RawPath, AttributeValue),
}

/// A typed update of items of table `T`: a list of actions, rendered as one
/// `UpdateExpression`. Key attributes cannot be targeted; each action's value must have the
/// field's type.
pub struct Update<T> {
    actions: Vec<UpdateAction>,
    error: Option<Error>,
    table: PhantomData<fn() -> T>,
}

impl<T> Default for Update<T> {
    fn default() -> Self {
        Update {
            actions: Vec::new(),
            error: None,
            table: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Update<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Update")
            .field("actions", &self.actions)
            .field("error", &self.error)
            .finish()
    }
}

impl<T> Update<T> {
    /// An empty update.
    pub fn new() -> Self {
        Update::default()
    }

    fn push(mut self, action: Result<UpdateAction>) -> Self {
        match action {
            Ok(action) => self.actions.push(action),
            Err(error) => {
                self.error.get_or_insert(error);
            }
        }
        self
    }

    /// `SET path = value`.
    #[must_use]
    pub fn set<V, K: Mutable>(self, path: Path<T, V, K>, value: impl AsValue<V>) -> Self {
        let action = value
            .to_value()
            .map(|v| UpdateAction::Set(path.into_raw(), SetValue::Value(v)));
        self.push(action)
    }

    /// `SET path = if_not_exists(path, value)`: set only when the attribute is missing.
    #[must_use]
    pub fn set_if_not_exists<V, K: Mutable>(
        self,
        path: Path<T, V, K>,
        value: impl AsValue<V>,
    ) -> Self {
        let raw = path.into_raw();
        let action = value
            .to_value()
            .map(|v| UpdateAction::Set(raw.clone(), SetValue::IfNotExists(raw, v)));
        self.push(action)
    }

    /// `SET path = path + n` (the attribute must exist).
    #[must_use]
    pub fn increment<V: Numeric, K: Mutable>(
        self,
        path: Path<T, V, K>,
        n: impl AsValue<V>,
    ) -> Self {
        let raw = path.into_raw();
        let action = n
            .to_value()
            .map(|v| UpdateAction::Set(raw.clone(), SetValue::Plus(raw, v)));
        self.push(action)
    }

    /// `SET path = path - n` (the attribute must exist).
    #[must_use]
    pub fn decrement<V: Numeric, K: Mutable>(
        self,
        path: Path<T, V, K>,
        n: impl AsValue<V>,
    ) -> Self {
        let raw = path.into_raw();
        let action = n
            .to_value()
            .map(|v| UpdateAction::Set(raw.clone(), SetValue::Minus(raw, v)));
        self.push(action)
    }

    /// `ADD path n`: an atomic counter (a missing attribute counts as 0).
    #[must_use]
    pub fn add<V: Numeric, K: Mutable>(self, path: Path<T, V, K>, n: impl AsValue<V>) -> Self {
        let action = n.to_value().map(|v| UpdateAction::Add(path.into_raw(), v));
        self.push(action)
    }

    /// `SET path = list_append(path, elements)`.
    #[must_use]
    pub fn append<V, K: Mutable>(
        self,
        path: Path<T, V, K>,
        elements: impl IntoIterator<Item = V::Element>,
    ) -> Self
    where
        V: ListType,
        V::Element: Attribute,
    {
        let raw = path.into_raw();
        let action =
            list_of(elements).map(|v| UpdateAction::Set(raw.clone(), SetValue::Append(raw, v)));
        self.push(action)
    }

    /// `SET path = list_append(elements, path)`.
    #[must_use]
    pub fn prepend<V, K: Mutable>(
        self,
        path: Path<T, V, K>,
        elements: impl IntoIterator<Item = V::Element>,
    ) -> Self
    where
        V: ListType,
        V::Element: Attribute,
    {
        let raw = path.into_raw();
        let action =
            list_of(elements).map(|v| UpdateAction::Set(raw.clone(), SetValue::Prepend(raw, v)));
        self.push(action)
    }

    /// `ADD path members`: adds members to a set (creating it if missing).
    #[must_use]
    pub fn add_members<V: SetType, K: Mutable>(
        self,
        path: Path<T, V, K>,
        members: impl IntoIterator<Item = V::Member>,
    ) -> Self {
        let action = set_of::<V::Member>(members).map(|v| UpdateAction::Add(path.into_raw(), v));
        self.push(action)
    }

    /// `DELETE path members`: removes members from a set (a set left empty is removed).
    #[must_use]
    pub fn delete_members<V: SetType, K: Mutable>(
        self,
        path: Path<T, V, K>,
        members: impl IntoIterator<Item = V::Member>,
    ) -> Self {
        let action = set_of::<V::Member>(members).map(|v| UpdateAction::Delete(path.into_raw(), v));
        self.push(action)
    }

    /// `REMOVE path` of an `Option` field or a set.
    #[must_use]
    pub fn remove<V: Removable>(self, path: Path<T, V, Field>) -> Self {
        self.push(Ok(UpdateAction::Remove(path.into_raw())))
    }

    /// `REMOVE path` of a list element (later elements shift down) or a map entry.
    #[must_use]
    pub fn remove_element<V>(self, path: Path<T, V, Element>) -> Self {
        self.push(Ok(UpdateAction::Remove(path.into_raw())))
    }

    /// Whether no action was added.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.error.is_none()
    }

    /// The actions, or the first error raised while building them.
    pub fn into_actions(self) -> Result<Vec<UpdateAction>> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.actions),
        }
    }
}

fn list_of<E: Attribute>(elements: impl IntoIterator<Item = E>) -> Result<AttributeValue> {
    elements
        .into_iter()
        .map(|e| e.to_attribute())
        .collect::<Result<Vec<_>>>()
        .map(AttributeValue::L)
}

fn set_of<M: SetMember>(members: impl IntoIterator<Item = M>) -> Result<AttributeValue> {
    let members: Vec<M> = members.into_iter().collect();
    if members.is_empty() {
        return Err(Error::conversion("a set update needs at least one member"));
    }
    M::set_to_attribute(members.iter())
}
