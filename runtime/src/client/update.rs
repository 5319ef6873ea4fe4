//! Typed updates: `update` (the item must exist) and `upsert` (created if missing).

use std::future::IntoFuture;

use super::Client;
use super::items::{BoxFuture, Guard, WriteCondition};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::expr::{Condition, Document, Renderer, Update};
use crate::model::{ReturnValue, UpdateItemInput};
use crate::table::{Key, Table};

impl<B: Backend> Client<B> {
    /// Updates the existing item with `key`; fails with a conditional-check error
    /// ([`Error::is_conditional_check_failed`]) when there is no such item.
    ///
    /// ```
    /// # use dynamodel::{Backend, Client, Result, Table, Update};
    /// # #[derive(Table)] #[dynamodel(table = "games")]
    /// # struct Game { #[dynamodel(partition_key)] id: String, turn: u32, moves: Vec<String> }
    /// async fn play<B: Backend>(db: &Client<B>, id: &str, turn: u32) -> Result<Game> {
    ///     db.update(Game::key(id), |g| {
    ///         Update::new().increment(g.turn.clone(), 1).append(g.moves, ["e4".to_owned()])
    ///     })
    ///     .condition(|g| g.turn.eq(turn))
    ///     .return_new()
    ///     .await
    /// }
    /// ```
    pub fn update<T: Table + Document>(
        &self,
        key: Key<T>,
        update: impl FnOnce(T::Paths<T>) -> Update<T>,
    ) -> UpdateItem<'_, B, T> {
        UpdateItem::new(self, key, update(T::paths()), Guard::MustExist)
    }

    /// Updates the item with `key`, creating it from the key and the update when missing.
    ///
    /// An item created this way holds only its key and what the update set: make sure that
    /// is enough to read it back as `T` (`Option` and `default` fields), or read it with a
    /// projection.
    pub fn upsert<T: Table + Document>(
        &self,
        key: Key<T>,
        update: impl FnOnce(T::Paths<T>) -> Update<T>,
    ) -> UpdateItem<'_, B, T> {
        UpdateItem::new(self, key, update(T::paths()), Guard::None)
    }
}

/// An UpdateItem request; `.await` it. Built by [`Client::update`] and [`Client::upsert`].
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateItem<'a, B, T: Table> {
    client: &'a Client<B>,
    key: Key<T>,
    update: Update<T>,
    condition: WriteCondition,
}

impl<'a, B: Backend, T: Table + Document> UpdateItem<'a, B, T> {
    fn new(client: &'a Client<B>, key: Key<T>, update: Update<T>, guard: Guard) -> Self {
        UpdateItem {
            client,
            key,
            update,
            condition: WriteCondition::new(guard),
        }
    }

    /// Update only if the existing item (or its absence) meets `condition`. Calling it
    /// again replaces the condition.
    pub fn condition(mut self, condition: impl FnOnce(T::Paths<T>) -> Condition<T>) -> Self {
        self.condition.user = Some(condition(T::paths()).into_node());
        self
    }

    /// When the condition fails, carry the existing item in the error
    /// ([`Error::old_item`]).
    pub fn return_old_on_failure(mut self) -> Self {
        self.condition.return_old_on_failure = true;
        self
    }

    /// Return the whole item as it is after the update.
    pub fn return_new(self) -> UpdateReturning<'a, B, T> {
        UpdateReturning {
            update: self,
            values: ReturnValue::AllNew,
        }
    }

    /// Return the whole item as it was before the update (`None` when an upsert created it).
    pub fn return_old(self) -> UpdateReturningOld<'a, B, T> {
        UpdateReturningOld { update: self }
    }

    fn input(self, return_values: Option<ReturnValue>) -> Result<(UpdateItemInput, &'a Client<B>)> {
        let mut renderer = Renderer::new();
        let update_expression = renderer.update(&self.client.update_actions(self.update)?)?;
        let (condition_expression, on_failure) = self.condition.render_with::<T>(&mut renderer)?;
        let input = UpdateItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            key: self.key.to_item()?,
            update_expression: Some(update_expression),
            condition_expression,
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            return_values,
            return_values_on_condition_check_failure: on_failure,
            ..UpdateItemInput::default()
        };
        Ok((input, self.client))
    }

    /// Sends the request.
    pub async fn send(self) -> Result<()> {
        let (input, client) = self.input(None)?;
        client.backend.update_item(input).await?;
        Ok(())
    }
}

impl<'a, B: Backend, T: Table + Document> IntoFuture for UpdateItem<'a, B, T> {
    type Output = Result<()>;
    type IntoFuture = BoxFuture<'a, Result<()>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// An UpdateItem request that returns the updated item; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateReturning<'a, B, T: Table> {
    update: UpdateItem<'a, B, T>,
    values: ReturnValue,
}

impl<B: Backend, T: Table + Document> UpdateReturning<'_, B, T> {
    /// Sends the request; returns the item after the update.
    pub async fn send(self) -> Result<T> {
        let (input, client) = self.update.input(Some(self.values))?;
        let output = client.backend.update_item(input).await?;
        match output.attributes {
            Some(item) => T::from_item(item),
            None => Err(Error::conversion("the update returned no attributes")),
        }
    }
}

impl<'a, B: Backend, T: Table + Document> IntoFuture for UpdateReturning<'a, B, T> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<'a, Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// An UpdateItem request that returns the item as it was; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateReturningOld<'a, B, T: Table> {
    update: UpdateItem<'a, B, T>,
}

impl<B: Backend, T: Table + Document> UpdateReturningOld<'_, B, T> {
    /// Sends the request; returns the item before the update, if there was one.
    pub async fn send(self) -> Result<Option<T>> {
        let (input, client) = self.update.input(Some(ReturnValue::AllOld))?;
        let output = client.backend.update_item(input).await?;
        output
            .attributes
            .filter(|item| !item.is_empty())
            .map(T::from_item)
            .transpose()
    }
}

impl<'a, B: Backend, T: Table + Document> IntoFuture for UpdateReturningOld<'a, B, T> {
    type Output = Result<Option<T>>;
    type IntoFuture = BoxFuture<'a, Result<Option<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
