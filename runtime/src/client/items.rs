//! Single-item reads and writes: create, put, get, delete, with conditions.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use super::Client;
use crate::backend::Backend;
use crate::error::Result;
use crate::expr::{Condition, ConditionNode, Document, Projection, RawPath, Renderer};
use crate::model::{
    DeleteItemInput, GetItemInput, PutItemInput, ReturnValue, ReturnValuesOnConditionCheckFailure,
};
use crate::table::{Key, Table};

pub(super) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

macro_rules! into_future {
    ($builder:ident, $output:ty) => {
        impl<'a, B: Backend, T: Table> IntoFuture for $builder<'a, B, T> {
            type Output = Result<$output>;
            type IntoFuture = BoxFuture<'a, Result<$output>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}

/// Whether a write requires the item to exist or not to exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Guard {
    /// No existence requirement (put, upsert, delete).
    None,
    /// The item must not exist (create).
    MustNotExist,
    /// The item must exist (update).
    MustExist,
}

/// A write's condition: the existence guard of the verb, and the user's condition.
pub(super) struct WriteCondition {
    pub(super) user: Option<Result<ConditionNode>>,
    pub(super) guard: Guard,
    pub(super) return_old_on_failure: bool,
}

impl WriteCondition {
    pub(super) fn new(guard: Guard) -> Self {
        WriteCondition {
            user: None,
            guard,
            return_old_on_failure: false,
        }
    }

    /// Renders the condition (guard first) with `renderer`.
    pub(super) fn render_with<T: Table>(
        self,
        renderer: &mut Renderer,
    ) -> Result<(Option<String>, Option<ReturnValuesOnConditionCheckFailure>)> {
        let key = || RawPath::attribute(T::PARTITION_KEY);
        let guard = match self.guard {
            Guard::None => None,
            Guard::MustNotExist => Some(ConditionNode::NotExists(key())),
            Guard::MustExist => Some(ConditionNode::Exists(key())),
        };
        let node = match (guard, self.user.transpose()?) {
            (Some(guard), Some(user)) => Some(ConditionNode::And(Box::new(guard), Box::new(user))),
            (guard, user) => guard.or(user),
        };
        let expression = node.map(|node| renderer.condition(&node)).transpose()?;
        let on_failure = self
            .return_old_on_failure
            .then_some(ReturnValuesOnConditionCheckFailure::AllOld);
        Ok((expression, on_failure))
    }

    /// Renders the condition (guard first) into a fresh renderer.
    fn render<T: Table>(
        self,
    ) -> Result<(
        Option<String>,
        Renderer,
        Option<ReturnValuesOnConditionCheckFailure>,
    )> {
        let mut renderer = Renderer::new();
        let (expression, on_failure) = self.render_with::<T>(&mut renderer)?;
        Ok((expression, renderer, on_failure))
    }
}

impl<B: Backend> Client<B> {
    /// Writes `item`, replacing any item with the same key.
    pub fn put<'a, T: Table>(&'a self, item: &'a T) -> Put<'a, B, T> {
        Put {
            client: self,
            item,
            condition: WriteCondition::new(Guard::None),
        }
    }

    /// Writes `item` only if no item with its key exists; otherwise fails with a
    /// conditional-check error ([`Error::is_conditional_check_failed`](crate::Error)).
    pub fn create<'a, T: Table>(&'a self, item: &'a T) -> Put<'a, B, T> {
        let mut put = self.put(item);
        put.condition.guard = Guard::MustNotExist;
        put
    }

    /// Reads the item with `key`, or `None` if there is none.
    pub fn get<T: Table>(&self, key: Key<T>) -> Get<'_, B, T> {
        Get {
            client: self,
            key,
            consistent_read: false,
        }
    }

    /// Deletes the item with `key` (deleting a missing item is not an error).
    pub fn delete<T: Table>(&self, key: Key<T>) -> Delete<'_, B, T> {
        Delete {
            client: self,
            key,
            condition: WriteCondition::new(Guard::None),
        }
    }
}

/// A PutItem request; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct Put<'a, B, T> {
    client: &'a Client<B>,
    item: &'a T,
    condition: WriteCondition,
}

impl<'a, B: Backend, T: Table> Put<'a, B, T> {
    /// Write only if the existing item (or its absence) meets `condition`; otherwise the
    /// write fails with a conditional-check error. Calling it again replaces the condition.
    pub fn condition(mut self, condition: impl FnOnce(T::Paths<T>) -> Condition<T>) -> Self
    where
        T: Document,
    {
        self.condition.user = Some(condition(T::paths()).into_node());
        self
    }

    /// When the condition fails, carry the existing item in the error
    /// ([`Error::old_item`](crate::Error::old_item)).
    pub fn return_old_on_failure(mut self) -> Self {
        self.condition.return_old_on_failure = true;
        self
    }

    /// Also return the item this put replaced, if any.
    pub fn return_old(self) -> PutReturningOld<'a, B, T> {
        PutReturningOld { put: self }
    }

    fn input(self) -> Result<(PutItemInput, &'a Client<B>)> {
        let (condition_expression, renderer, on_failure) = self.condition.render::<T>()?;
        let input = PutItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            item: self.client.item_to_put(self.item)?,
            condition_expression,
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            return_values_on_condition_check_failure: on_failure,
            ..PutItemInput::default()
        };
        Ok((input, self.client))
    }

    /// Sends the request.
    pub async fn send(self) -> Result<()> {
        let (input, client) = self.input()?;
        client.backend.put_item(input).await?;
        Ok(())
    }
}

into_future!(Put, ());

/// A PutItem request that returns the replaced item; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct PutReturningOld<'a, B, T> {
    put: Put<'a, B, T>,
}

impl<B: Backend, T: Table> PutReturningOld<'_, B, T> {
    /// Sends the request; returns the replaced item, if there was one.
    pub async fn send(self) -> Result<Option<T>> {
        let (mut input, client) = self.put.input()?;
        input.return_values = Some(ReturnValue::AllOld);
        let output = client.backend.put_item(input).await?;
        output
            .attributes
            .filter(|item| !item.is_empty())
            .map(T::from_item)
            .transpose()
    }
}

into_future!(PutReturningOld, Option<T>);

/// A GetItem request; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct Get<'a, B, T: Table> {
    client: &'a Client<B>,
    key: Key<T>,
    consistent_read: bool,
}

impl<'a, B: Backend, T: Table> Get<'a, B, T> {
    /// Read with strong consistency (DynamoDB reads are eventually consistent by default).
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Reads only the attributes of projection `P` (a `ProjectionExpression`).
    pub fn project<P: Projection<Table = T>>(self) -> GetProjected<'a, B, T, P> {
        GetProjected {
            get: self,
            projection: PhantomData,
        }
    }

    fn input(&self, projection: Option<&[RawPath]>) -> Result<GetItemInput> {
        let mut renderer = Renderer::new();
        let projection_expression = projection.map(|paths| renderer.projection(paths));
        Ok(GetItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            key: self.key.to_item()?,
            consistent_read: self.consistent_read.then_some(true),
            projection_expression,
            expression_attribute_names: renderer.names(),
            ..GetItemInput::default()
        })
    }

    /// Sends the request; `None` when there is no such item.
    pub async fn send(self) -> Result<Option<T>> {
        let input = self.input(None)?;
        let output = self.client.backend.get_item(input).await?;
        output.item.map(T::from_item).transpose()
    }
}

into_future!(Get, Option<T>);

/// A GetItem request that reads projection `P`; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct GetProjected<'a, B, T: Table, P> {
    get: Get<'a, B, T>,
    projection: PhantomData<fn() -> P>,
}

impl<B: Backend, T: Table, P: Projection<Table = T>> GetProjected<'_, B, T, P> {
    /// Sends the request; `None` when there is no such item.
    pub async fn send(self) -> Result<Option<P>> {
        let input = self.get.input(Some(&P::projected_paths()))?;
        let output = self.get.client.backend.get_item(input).await?;
        output.item.map(P::from_item).transpose()
    }
}

impl<'a, B: Backend, T: Table, P: Projection<Table = T> + Send + 'a> IntoFuture
    for GetProjected<'a, B, T, P>
{
    type Output = Result<Option<P>>;
    type IntoFuture = BoxFuture<'a, Result<Option<P>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A DeleteItem request; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct Delete<'a, B, T: Table> {
    client: &'a Client<B>,
    key: Key<T>,
    condition: WriteCondition,
}

impl<'a, B: Backend, T: Table> Delete<'a, B, T> {
    /// Delete only if the existing item meets `condition`; otherwise fail with a
    /// conditional-check error. Calling it again replaces the condition.
    pub fn condition(mut self, condition: impl FnOnce(T::Paths<T>) -> Condition<T>) -> Self
    where
        T: Document,
    {
        self.condition.user = Some(condition(T::paths()).into_node());
        self
    }

    /// When the condition fails, carry the existing item in the error.
    pub fn return_old_on_failure(mut self) -> Self {
        self.condition.return_old_on_failure = true;
        self
    }

    /// Also return the deleted item, if there was one.
    pub fn return_old(self) -> DeleteReturningOld<'a, B, T> {
        DeleteReturningOld { delete: self }
    }

    fn input(self) -> Result<(DeleteItemInput, &'a Client<B>)> {
        let (condition_expression, renderer, on_failure) = self.condition.render::<T>()?;
        let input = DeleteItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            key: self.key.to_item()?,
            condition_expression,
            expression_attribute_names: renderer.names(),
            expression_attribute_values: renderer.values(),
            return_values_on_condition_check_failure: on_failure,
            ..DeleteItemInput::default()
        };
        Ok((input, self.client))
    }

    /// Sends the request.
    pub async fn send(self) -> Result<()> {
        let (input, client) = self.input()?;
        client.backend.delete_item(input).await?;
        Ok(())
    }
}

into_future!(Delete, ());

/// A DeleteItem request that returns the deleted item; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteReturningOld<'a, B, T: Table> {
    delete: Delete<'a, B, T>,
}

impl<B: Backend, T: Table> DeleteReturningOld<'_, B, T> {
    /// Sends the request; returns the deleted item, if there was one.
    pub async fn send(self) -> Result<Option<T>> {
        let (mut input, client) = self.delete.input()?;
        input.return_values = Some(ReturnValue::AllOld);
        let output = client.backend.delete_item(input).await?;
        output
            .attributes
            .filter(|item| !item.is_empty())
            .map(T::from_item)
            .transpose()
    }
}

into_future!(DeleteReturningOld, Option<T>);
