//! Single-item reads and writes: put, get, delete.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use super::Client;
use crate::backend::Backend;
use crate::error::Result;
use crate::model::{DeleteItemInput, GetItemInput, PutItemInput, ReturnValue};
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

impl<B: Backend> Client<B> {
    /// Writes `item`, replacing any item with the same key.
    pub fn put<'a, T: Table>(&'a self, item: &'a T) -> Put<'a, B, T> {
        Put { client: self, item }
    }

    /// Reads the item with `key`, or `None` if there is none.
    pub fn get<T: Table>(&self, key: Key<T>) -> Get<'_, B, T> {
        Get { client: self, key, consistent_read: false }
    }

    /// Deletes the item with `key` (deleting a missing item is not an error).
    pub fn delete<T: Table>(&self, key: Key<T>) -> Delete<'_, B, T> {
        Delete { client: self, key }
    }
}

/// A PutItem request; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct Put<'a, B, T> {
    client: &'a Client<B>,
    item: &'a T,
}

impl<'a, B: Backend, T: Table> Put<'a, B, T> {
    /// Also return the item this put replaced, if any.
    pub fn return_old(self) -> PutReturningOld<'a, B, T> {
        PutReturningOld { put: self }
    }

    fn input(&self) -> Result<PutItemInput> {
        Ok(PutItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            item: self.item.to_item()?,
            ..PutItemInput::default()
        })
    }

    /// Sends the request.
    pub async fn send(self) -> Result<()> {
        let input = self.input()?;
        self.client.backend.put_item(input).await?;
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
        let mut input = self.put.input()?;
        input.return_values = Some(ReturnValue::AllOld);
        let output = self.put.client.backend.put_item(input).await?;
        output.attributes.filter(|item| !item.is_empty()).map(T::from_item).transpose()
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

impl<B: Backend, T: Table> Get<'_, B, T> {
    /// Read with strong consistency (DynamoDB reads are eventually consistent by default).
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Sends the request; `None` when there is no such item.
    pub async fn send(self) -> Result<Option<T>> {
        let input = GetItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            key: self.key.to_item()?,
            consistent_read: self.consistent_read.then_some(true),
            ..GetItemInput::default()
        };
        let output = self.client.backend.get_item(input).await?;
        output.item.map(T::from_item).transpose()
    }
}

into_future!(Get, Option<T>);

/// A DeleteItem request; `.await` it.
#[must_use = "a request does nothing until it is awaited"]
pub struct Delete<'a, B, T: Table> {
    client: &'a Client<B>,
    key: Key<T>,
}

impl<'a, B: Backend, T: Table> Delete<'a, B, T> {
    /// Also return the deleted item, if there was one.
    pub fn return_old(self) -> DeleteReturningOld<'a, B, T> {
        DeleteReturningOld { delete: self }
    }

    fn input(&self) -> Result<DeleteItemInput> {
        Ok(DeleteItemInput {
            table_name: T::TABLE_NAME.to_owned(),
            key: self.key.to_item()?,
            ..DeleteItemInput::default()
        })
    }

    /// Sends the request.
    pub async fn send(self) -> Result<()> {
        let input = self.input()?;
        self.client.backend.delete_item(input).await?;
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
        let mut input = self.delete.input()?;
        input.return_values = Some(ReturnValue::AllOld);
        let output = self.delete.client.backend.delete_item(input).await?;
        output.attributes.filter(|item| !item.is_empty()).map(T::from_item).transpose()
    }
}

into_future!(DeleteReturningOld, Option<T>);
