//! Typed transactions: TransactWriteItems mixing tables and action kinds, and
//! TransactGetItems with typed handles to read the results back.

use std::future::IntoFuture;
use std::marker::PhantomData;

use super::Client;
use super::items::{BoxFuture, Guard, WriteCondition};
use crate::backend::Backend;
use crate::error::{CancellationReason, Error, Result};
use crate::expr::{Condition, ConditionNode, Renderer, Update, UpdateAction};
use crate::model::{
    Item, ReturnValuesOnConditionCheckFailure, TransactConditionCheck, TransactDelete, TransactGet,
    TransactGetItem, TransactGetItemsInput, TransactPut, TransactUpdate, TransactWriteItem,
    TransactWriteItemsInput,
};
use crate::table::{Key, Table};

impl<B: Backend> Client<B> {
    /// A TransactWriteItems request: all actions succeed or none does.
    ///
    /// Actions keep the order they are added in; when the transaction is cancelled,
    /// [`Error::transaction_failures`] names the failed actions by that index.
    ///
    /// ```
    /// # use dynamodel::{Backend, Client, Result, Table, Update};
    /// # #[derive(Table)] #[dynamodel(table = "accounts")]
    /// # struct Account { #[dynamodel(partition_key)] id: String, balance: i64 }
    /// async fn transfer<B: Backend>(db: &Client<B>, amount: i64) -> Result<()> {
    ///     db.transaction()
    ///         .update_if(
    ///             Account::key("alice"),
    ///             |a| Update::new().increment(a.balance.clone(), -amount),
    ///             |a| a.balance.ge(amount),
    ///         )
    ///         .update(Account::key("bob"), |a| Update::new().increment(a.balance, amount))
    ///         .await
    /// }
    /// ```
    pub fn transaction(&self) -> Transaction<'_, B> {
        Transaction {
            client: self,
            actions: Vec::new(),
            client_request_token: None,
            return_old_on_failure: false,
        }
    }

    /// A TransactGetItems request: a consistent snapshot of up to 100 items from any tables.
    pub fn transact_get(&self) -> TransactGetBuilder<'_, B> {
        TransactGetBuilder {
            client: self,
            gets: Vec::new(),
        }
    }
}

/// A TransactWriteItems request; `.await` it. Built by [`Client::transaction`].
#[must_use = "a request does nothing until it is awaited"]
pub struct Transaction<'a, B> {
    pub(super) client: &'a Client<B>,
    /// Rendered actions; a rendering error is kept and reported when the request is sent.
    actions: Vec<Result<TransactWriteItem>>,
    client_request_token: Option<String>,
    return_old_on_failure: bool,
}

/// A rendered condition with its placeholders.
struct Rendered {
    expression: Option<String>,
    renderer: Renderer,
}

fn render<T: Table>(guard: Guard, condition: Option<Result<ConditionNode>>) -> Result<Rendered> {
    let mut renderer = Renderer::new();
    let expression = render_with::<T>(&mut renderer, guard, condition)?;
    Ok(Rendered {
        expression,
        renderer,
    })
}

fn render_with<T: Table>(
    renderer: &mut Renderer,
    guard: Guard,
    condition: Option<Result<ConditionNode>>,
) -> Result<Option<String>> {
    let mut write = WriteCondition::new(guard);
    write.user = condition;
    Ok(write.render_with::<T>(renderer)?.0)
}

impl<'a, B: Backend> Transaction<'a, B> {
    /// Writes `item`, replacing any item with the same key.
    pub fn put<T: Table>(self, item: &T) -> Self {
        let item = self.client.item_to_put(item);
        self.push_put::<T>(item, Guard::None, None)
    }

    /// Writes `item` only if the existing item (or its absence) meets `condition`.
    pub fn put_if<T: Table>(
        self,
        item: &T,
        condition: impl FnOnce(T::Paths<T>) -> Condition<T>,
    ) -> Self {
        let item = self.client.item_to_put(item);
        self.push_put::<T>(item, Guard::None, Some(condition(T::paths()).into_node()))
    }

    /// Writes `item` only if no item with its key exists.
    pub fn create<T: Table>(self, item: &T) -> Self {
        let item = self.client.item_to_put(item);
        self.push_put::<T>(item, Guard::MustNotExist, None)
    }

    /// Updates the existing item with `key`; the transaction is cancelled when it is missing.
    pub fn update<T: Table>(
        self,
        key: Key<T>,
        update: impl FnOnce(T::Paths<T>) -> Update<T>,
    ) -> Self {
        let actions = self.client.update_actions(update(T::paths()));
        self.push_update(key, actions, None)
    }

    /// Updates the existing item with `key` only if it meets `condition`.
    pub fn update_if<T: Table>(
        self,
        key: Key<T>,
        update: impl FnOnce(T::Paths<T>) -> Update<T>,
        condition: impl FnOnce(T::Paths<T>) -> Condition<T>,
    ) -> Self {
        let actions = self.client.update_actions(update(T::paths()));
        self.push_update(key, actions, Some(condition(T::paths()).into_node()))
    }

    /// Deletes the item with `key` (deleting a missing item is not a failure).
    pub fn delete<T: Table>(self, key: Key<T>) -> Self {
        self.push_delete::<T>(key.to_item(), None)
    }

    /// Deletes the item with `key` only if it meets `condition`.
    pub fn delete_if<T: Table>(
        self,
        key: Key<T>,
        condition: impl FnOnce(T::Paths<T>) -> Condition<T>,
    ) -> Self {
        self.push_delete::<T>(key.to_item(), Some(condition(T::paths()).into_node()))
    }

    /// Requires the item with `key` (which this transaction does not write) to meet
    /// `condition`.
    pub fn check<T: Table>(
        mut self,
        key: Key<T>,
        condition: impl FnOnce(T::Paths<T>) -> Condition<T>,
    ) -> Self {
        let condition = condition(T::paths());
        let action = (|| {
            let rendered = render::<T>(Guard::None, Some(condition.into_node()))?;
            let condition_expression = rendered
                .expression
                .ok_or_else(|| Error::validation("a condition check needs a condition"))?;
            Ok(TransactConditionCheck {
                table_name: T::TABLE_NAME.to_owned(),
                key: key.to_item()?,
                condition_expression,
                expression_attribute_names: rendered.renderer.names(),
                expression_attribute_values: rendered.renderer.values(),
                return_values_on_condition_check_failure: None,
            }
            .into())
        })();
        self.actions.push(action);
        self
    }

    /// When an action's condition fails, carry the existing item in its cancellation
    /// reason ([`TransactionFailure::old_item`]). Applies to every action; see
    /// [`and_return_old_on_failure`](Self::and_return_old_on_failure) for one action.
    pub fn return_old_on_failure(mut self) -> Self {
        self.return_old_on_failure = true;
        self
    }

    /// When the condition of the action added just before fails, carry the existing item
    /// in its cancellation reason ([`TransactionFailure::old_item`]); the other actions'
    /// reasons carry no item (DynamoDB's per-action `ReturnValuesOnConditionCheckFailure`).
    /// No effect on an action without a condition (a plain put or delete).
    ///
    /// ```
    /// # use dynamodel::{Backend, Client, Result, Table, Update};
    /// # #[derive(Table)] #[dynamodel(table = "accounts")]
    /// # struct Account { #[dynamodel(partition_key)] id: String, balance: i64 }
    /// async fn withdraw<B: Backend>(db: &Client<B>, amount: i64) -> Result<()> {
    ///     db.transaction()
    ///         .update_if(
    ///             Account::key("alice"),
    ///             |a| Update::new().increment(a.balance.clone(), -amount),
    ///             |a| a.balance.ge(amount),
    ///         )
    ///         .and_return_old_on_failure()
    ///         .update(Account::key("bank"), |a| Update::new().increment(a.balance, amount))
    ///         .await
    /// }
    /// ```
    pub fn and_return_old_on_failure(mut self) -> Self {
        if let Some(Ok(action)) = self.actions.last_mut() {
            request_old_on_failure(action);
        }
        self
    }

    /// Makes the request idempotent for ten minutes: resending the same transaction with
    /// the same token does not apply it twice; reusing the token with other actions fails
    /// with `IdempotentParameterMismatchException`.
    pub fn client_request_token(mut self, token: impl Into<String>) -> Self {
        self.client_request_token = Some(token.into());
        self
    }

    /// How many actions the transaction holds.
    pub fn len(&self) -> usize {
        self.actions.len()
    }

    /// Whether the transaction holds no action.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Adds a put of `item` (already stamped) under `guard` and `condition`.
    pub(super) fn push_put<T: Table>(
        mut self,
        item: Result<Item>,
        guard: Guard,
        condition: Option<Result<ConditionNode>>,
    ) -> Self {
        let action = (|| {
            let rendered = render::<T>(guard, condition)?;
            Ok(TransactPut {
                table_name: T::TABLE_NAME.to_owned(),
                item: item?,
                condition_expression: rendered.expression,
                expression_attribute_names: rendered.renderer.names(),
                expression_attribute_values: rendered.renderer.values(),
                return_values_on_condition_check_failure: None,
            }
            .into())
        })();
        self.actions.push(action);
        self
    }

    /// Adds an update of the existing item with `key` by `actions` (already stamped),
    /// under `condition`.
    pub(super) fn push_update<T: Table>(
        mut self,
        key: Key<T>,
        actions: Result<Vec<UpdateAction>>,
        condition: Option<Result<ConditionNode>>,
    ) -> Self {
        let action = (|| {
            let mut renderer = Renderer::new();
            let update_expression = renderer.update(&actions?)?;
            let condition_expression =
                render_with::<T>(&mut renderer, Guard::MustExist, condition)?;
            Ok(TransactUpdate {
                table_name: T::TABLE_NAME.to_owned(),
                key: key.to_item()?,
                update_expression,
                condition_expression,
                expression_attribute_names: renderer.names(),
                expression_attribute_values: renderer.values(),
                return_values_on_condition_check_failure: None,
            }
            .into())
        })();
        self.actions.push(action);
        self
    }

    /// Adds a delete of the item of `T`'s table with `key` under `condition`.
    pub(super) fn push_delete<T: Table>(
        mut self,
        key: Result<Item>,
        condition: Option<Result<ConditionNode>>,
    ) -> Self {
        let action = (|| {
            let rendered = render::<T>(Guard::None, condition)?;
            Ok(TransactDelete {
                table_name: T::TABLE_NAME.to_owned(),
                key: key?,
                condition_expression: rendered.expression,
                expression_attribute_names: rendered.renderer.names(),
                expression_attribute_values: rendered.renderer.values(),
                return_values_on_condition_check_failure: None,
            }
            .into())
        })();
        self.actions.push(action);
        self
    }

    /// Sends the request. A cancelled transaction fails with an error for which
    /// [`Error::is_transaction_canceled`] holds; see [`Error::transaction_failures`].
    pub async fn send(self) -> Result<()> {
        let mut transact_items = self.actions.into_iter().collect::<Result<Vec<_>>>()?;
        if self.return_old_on_failure {
            for action in &mut transact_items {
                request_old_on_failure(action);
            }
        }
        let input = TransactWriteItemsInput {
            transact_items,
            client_request_token: self.client_request_token,
            ..TransactWriteItemsInput::default()
        };
        self.client.backend().transact_write_items(input).await?;
        Ok(())
    }
}

/// Sets `ReturnValuesOnConditionCheckFailure = ALL_OLD` on an action that has a condition.
fn request_old_on_failure(action: &mut TransactWriteItem) {
    let all_old = Some(ReturnValuesOnConditionCheckFailure::AllOld);
    if let Some(put) = &mut action.put {
        if put.condition_expression.is_some() {
            put.return_values_on_condition_check_failure = all_old;
        }
    } else if let Some(update) = &mut action.update {
        if update.condition_expression.is_some() {
            update.return_values_on_condition_check_failure = all_old;
        }
    } else if let Some(delete) = &mut action.delete {
        if delete.condition_expression.is_some() {
            delete.return_values_on_condition_check_failure = all_old;
        }
    } else if let Some(check) = &mut action.condition_check {
        check.return_values_on_condition_check_failure = all_old;
    }
}

impl<'a, B: Backend> IntoFuture for Transaction<'a, B> {
    type Output = Result<()>;
    type IntoFuture = BoxFuture<'a, Result<()>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<B> std::fmt::Debug for Transaction<'_, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction")
            .field("actions", &self.actions.len())
            .finish_non_exhaustive()
    }
}

/// One failed action of a cancelled transaction.
#[derive(Clone, Copy, Debug)]
pub struct TransactionFailure<'e> {
    /// The action's index, in the order the actions were added.
    pub index: usize,
    /// Why it failed: `reason.code` is `ConditionalCheckFailed`, `TransactionConflict`,
    /// `ValidationError`, ...
    pub reason: &'e CancellationReason,
}

impl TransactionFailure<'_> {
    /// Whether the action's condition was false.
    pub fn is_conditional_check_failed(&self) -> bool {
        self.reason.code == "ConditionalCheckFailed"
    }

    /// The item as it was, decoded as `T`, when the transaction was sent with
    /// `return_old_on_failure` and this action's condition failed.
    pub fn old_item<T: Table>(&self) -> Option<Result<T>> {
        self.reason.item.clone().map(T::from_item)
    }
}

impl Error {
    /// The failed actions of a cancelled transaction, in action order (actions whose reason
    /// is `None` are left out). Empty for any other error.
    pub fn transaction_failures(&self) -> impl Iterator<Item = TransactionFailure<'_>> {
        self.cancellation_reasons()
            .iter()
            .enumerate()
            .filter(|(_, reason)| reason.code != "None")
            .map(|(index, reason)| TransactionFailure { index, reason })
    }
}

/// A TransactGetItems request; add reads with [`get`](Self::get), then `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct TransactGetBuilder<'a, B> {
    client: &'a Client<B>,
    gets: Vec<Result<TransactGetItem>>,
}

/// Where one read's result is in a [`TransactGetResults`]; typed by the item it reads.
#[derive(Debug)]
pub struct ItemHandle<T> {
    index: usize,
    table: PhantomData<fn() -> T>,
}

impl<T> Clone for ItemHandle<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ItemHandle<T> {}

impl<'a, B: Backend> TransactGetBuilder<'a, B> {
    /// Reads the item with `key`; read it back from the results with the returned handle.
    pub fn get<T: Table>(&mut self, key: Key<T>) -> ItemHandle<T> {
        let get = key.to_item().map(|key| {
            TransactGet {
                table_name: T::TABLE_NAME.to_owned(),
                key,
                ..TransactGet::default()
            }
            .into()
        });
        self.gets.push(get);
        ItemHandle {
            index: self.gets.len() - 1,
            table: PhantomData,
        }
    }

    /// Sends the request.
    pub async fn send(self) -> Result<TransactGetResults> {
        let transact_items = self.gets.into_iter().collect::<Result<Vec<_>>>()?;
        let expected = transact_items.len();
        let input = TransactGetItemsInput {
            transact_items,
            ..TransactGetItemsInput::default()
        };
        let output = self.client.backend().transact_get_items(input).await?;
        let items: Vec<Option<Item>> = output
            .responses
            .unwrap_or_default()
            .into_iter()
            .map(|response| response.item)
            .collect();
        if items.len() != expected {
            return Err(Error::conversion(format!(
                "`TransactGetItems` returned {} responses for {expected} reads",
                items.len()
            )));
        }
        Ok(TransactGetResults { items })
    }
}

impl<'a, B: Backend> IntoFuture for TransactGetBuilder<'a, B> {
    type Output = Result<TransactGetResults>;
    type IntoFuture = BoxFuture<'a, Result<TransactGetResults>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<B> std::fmt::Debug for TransactGetBuilder<'_, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransactGetBuilder")
            .field("gets", &self.gets.len())
            .finish_non_exhaustive()
    }
}

/// The items of a TransactGetItems request, read back through their [`ItemHandle`]s.
#[derive(Clone, Debug)]
pub struct TransactGetResults {
    items: Vec<Option<Item>>,
}

impl TransactGetResults {
    /// The item read through `handle`, or `None` when there was no such item.
    pub fn get<T: Table>(&self, handle: ItemHandle<T>) -> Result<Option<T>> {
        match self.items.get(handle.index) {
            Some(item) => item.clone().map(T::from_item).transpose(),
            None => Err(Error::configuration(
                "the handle belongs to another `transact_get` request",
            )),
        }
    }
}
