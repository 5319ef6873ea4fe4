//! Items and updates as the client writes them: with the table's `created_at` and
//! `updated_at` attributes stamped from the client's clock (see
//! [`Lifecycle`](crate::Lifecycle)).

use super::Client;
use crate::error::Result;
use crate::expr::{Update, UpdateAction};
use crate::model::Item;
use crate::table::Table;

impl<B> Client<B> {
    /// `item` as a put writes it: `updated_at` now, `created_at` now unless set.
    pub(super) fn item_to_put<T: Table>(&self, item: &T) -> Result<Item> {
        let mut item = item.to_item()?;
        T::LIFECYCLE.stamp_item(&mut item, self.clock.0.now())?;
        Ok(item)
    }

    /// `update`'s actions as an update sends them: plus `SET updated_at = now` and
    /// `SET created_at = if_not_exists(created_at, now)`.
    pub(super) fn update_actions<T: Table>(&self, update: Update<T>) -> Result<Vec<UpdateAction>> {
        self.stamp_actions::<T>(update.into_actions()?)
    }

    /// `actions` of an update of `T`'s table, stamped like [`Self::update_actions`].
    pub(super) fn stamp_actions<T: Table>(
        &self,
        mut actions: Vec<UpdateAction>,
    ) -> Result<Vec<UpdateAction>> {
        T::LIFECYCLE.stamp_update(&mut actions, self.clock.0.now())?;
        Ok(actions)
    }
}
