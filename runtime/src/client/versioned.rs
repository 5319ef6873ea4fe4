//! Optimistic locking: writes that succeed only if the stored item still has the version
//! the caller read, and that increment it.
//!
//! The rule, for an item whose in-memory version is `v`:
//! * `v == 0` means "never saved": the write requires `attribute_not_exists(version) OR
//!   version = 0`, so it cannot overwrite an item someone else created.
//! * otherwise the write requires `version = v`.
//!
//! Puts and updates store `v + 1`. A failed requirement is a
//! [version conflict](crate::Error::is_version_conflict), never a plain conditional-check
//! failure, and carries the item as it is now.

use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::expr::{
    Comparator, ConditionNode, Operand, RawPath, Renderer, SetValue, Update, UpdateAction,
};
use crate::model::{
    AttributeValue, DeleteItemInput, Number, PutItemInput, ReturnValue,
    ReturnValuesOnConditionCheckFailure, UpdateItemInput,
};
use crate::table::Table;

use super::items::Guard;
use super::{Client, Transaction};

/// A table whose items carry a version number for optimistic locking. The derive implements
/// it for a struct with a `#[dynamodel(version)]` field; by hand:
///
/// ```
/// # use dynamodel::{Table, Versioned};
/// #[derive(Table)]
/// #[dynamodel(table = "docs")]
/// struct Doc { #[dynamodel(partition_key)] id: String, body: String, version: u64 }
///
/// impl Versioned for Doc {
///     const VERSION_ATTRIBUTE: &'static str = "version";
///     fn version(&self) -> u64 { self.version }
///     fn set_version(&mut self, version: u64) { self.version = version }
/// }
/// ```
pub trait Versioned: Table {
    /// The attribute that stores the version (a number).
    const VERSION_ATTRIBUTE: &'static str;
    /// The version this value was read with; `0` for an item never saved.
    fn version(&self) -> u64;
    /// Sets the version.
    fn set_version(&mut self, version: u64);
}

/// The requirement that the stored version is `expected` (see the module docs).
fn version_condition<T: Versioned>(expected: u64) -> ConditionNode {
    let path = || RawPath::attribute(T::VERSION_ATTRIBUTE);
    let equal = ConditionNode::Compare(
        Operand::Path(path()),
        Comparator::Eq,
        Operand::Value(version_value(expected)),
    );
    if expected == 0 {
        ConditionNode::Or(Box::new(ConditionNode::NotExists(path())), Box::new(equal))
    } else {
        equal
    }
}

fn version_value(version: u64) -> AttributeValue {
    AttributeValue::N(Number::from(version))
}

fn next_version<T: Versioned>(expected: u64) -> Result<u64> {
    expected.checked_add(1).ok_or_else(|| {
        Error::validation(format!(
            "the version of a `{}` item cannot pass `u64::MAX`",
            T::TABLE_NAME
        ))
    })
}

/// Turns a failed version condition into a version conflict.
fn conflict<T: Versioned>(error: Error, expected: u64) -> Error {
    if !error.is_conditional_check_failed() {
        return error;
    }
    let message = format!(
        "the `{}` item is no longer at version {expected}: read it again and retry",
        T::TABLE_NAME
    );
    Error::version_conflict(message, error.into_item())
}

impl<B: Backend> Client<B> {
    /// Writes `item` if the stored item still has `item`'s version (or does not exist, for a
    /// new item at version 0), and stores it with the next version, which is set on `item`.
    /// On any error `item` keeps its version.
    pub async fn put_versioned<T: Versioned>(&self, item: &mut T) -> Result<()> {
        let expected = item.version();
        item.set_version(next_version::<T>(expected)?);
        let result = self.put_at_version(item, expected).await;
        if result.is_err() {
            item.set_version(expected);
        }
        result
    }

    /// `update`'s actions plus the version increment, and the condition that the item
    /// exists at version `expected`.
    fn versioned_update<T: Versioned>(
        &self,
        expected: u64,
        update: Update<T>,
    ) -> Result<(Vec<UpdateAction>, ConditionNode)> {
        let mut actions = update.into_actions()?;
        actions.push(UpdateAction::Set(
            RawPath::attribute(T::VERSION_ATTRIBUTE),
            SetValue::Value(version_value(next_version::<T>(expected)?)),
        ));
        let actions = self.stamp_actions::<T>(actions)?;
        let key = RawPath::attribute(T::PARTITION_KEY);
        // An update must not create the item: require it to exist as well.
        let condition = ConditionNode::And(
            Box::new(ConditionNode::Exists(key)),
            Box::new(version_condition::<T>(expected)),
        );
        Ok((actions, condition))
    }

    async fn put_at_version<T: Versioned>(&self, item: &T, expected: u64) -> Result<()> {
        let mut renderer = Renderer::new();
        let condition = renderer.condition(&version_condition::<T>(expected))?;
        let input = PutItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            item: self.item_to_put(item)?,
            condition_expression: Some(condition),
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            return_values_on_condition_check_failure: Some(
                ReturnValuesOnConditionCheckFailure::AllOld,
            ),
            ..PutItemInput::default()
        };
        self.backend()
            .put_item(input)
            .await
            .map_err(|error| conflict::<T>(error, expected))?;
        Ok(())
    }

    /// Applies `update` to the stored item if it still has `item`'s version, incrementing
    /// the version; returns the item as it is after the update. The update must not touch
    /// the version attribute itself.
    pub async fn update_versioned<T: Versioned>(
        &self,
        item: &T,
        update: impl FnOnce(T::Paths<T>) -> Update<T>,
    ) -> Result<T> {
        let expected = item.version();
        let (actions, condition) = self.versioned_update(expected, update(T::paths()))?;
        let mut renderer = Renderer::new();
        let update_expression = renderer.update(&actions)?;
        let condition_expression = renderer.condition(&condition)?;
        let input = UpdateItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            key: item.primary_key().to_item()?,
            update_expression: Some(update_expression),
            condition_expression: Some(condition_expression),
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            return_values: Some(ReturnValue::AllNew),
            return_values_on_condition_check_failure: Some(
                ReturnValuesOnConditionCheckFailure::AllOld,
            ),
            ..UpdateItemInput::default()
        };
        let output = self
            .backend()
            .update_item(input)
            .await
            .map_err(|error| conflict::<T>(error, expected))?;
        match output.attributes {
            Some(item) => T::from_item(item),
            None => Err(Error::conversion("the update returned no attributes")),
        }
    }

    /// Deletes the stored item if it still has `item`'s version.
    pub async fn delete_versioned<T: Versioned>(&self, item: &T) -> Result<()> {
        let expected = item.version();
        let mut renderer = Renderer::new();
        let condition = renderer.condition(&version_condition::<T>(expected))?;
        let input = DeleteItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            key: item.primary_key().to_item()?,
            condition_expression: Some(condition),
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            return_values_on_condition_check_failure: Some(
                ReturnValuesOnConditionCheckFailure::AllOld,
            ),
            ..DeleteItemInput::default()
        };
        self.backend()
            .delete_item(input)
            .await
            .map_err(|error| conflict::<T>(error, expected))?;
        Ok(())
    }
}

/// Versioned writes inside a transaction: the same conditions and increments as
/// [`Client::put_versioned`], [`Client::update_versioned`] and
/// [`Client::delete_versioned`]. A stale version cancels the whole transaction; its
/// [`TransactionFailure`](super::TransactionFailure) is a `ConditionalCheckFailed` at that
/// action's index. The items passed in are not changed: after the transaction commits,
/// the stored version is `item.version() + 1` (read the items again, or set it yourself).
impl<B: Backend> Transaction<'_, B> {
    /// Writes `item` at the next version if the stored item still has `item`'s version
    /// (or does not exist, for version 0).
    pub fn put_versioned<T: Versioned>(self, item: &T) -> Self {
        let expected = item.version();
        let stored = next_version::<T>(expected).and_then(|next| {
            let mut stored = self.client.item_to_put(item)?;
            stored.insert(T::VERSION_ATTRIBUTE.to_owned(), version_value(next));
            Ok(stored)
        });
        let condition = Some(Ok(version_condition::<T>(expected)));
        self.push_put::<T>(stored, Guard::None, condition)
    }

    /// Applies `update` to the stored item if it still has `item`'s version, incrementing
    /// the version. The update must not touch the version attribute itself.
    pub fn update_versioned<T: Versioned>(
        self,
        item: &T,
        update: impl FnOnce(T::Paths<T>) -> Update<T>,
    ) -> Self {
        let prepared = self
            .client
            .versioned_update(item.version(), update(T::paths()));
        let (actions, condition) = match prepared {
            Ok((actions, condition)) => (Ok(actions), Some(Ok(condition))),
            Err(error) => (Err(error), None),
        };
        self.push_update(item.primary_key(), actions, condition)
    }

    /// Deletes the stored item if it still has `item`'s version.
    pub fn delete_versioned<T: Versioned>(self, item: &T) -> Self {
        let condition = Some(Ok(version_condition::<T>(item.version())));
        self.push_delete::<T>(item.primary_key().to_item(), condition)
    }
}
