//! Collections: the entity types that share a partition, read together as one enum.

use crate::entity::{Entity, entity_of};
use crate::error::{Error, Result};
use crate::model::Item;

/// An enum with one variant per entity type stored in a shared partition, such as a user's
/// profile and their posts. Derive it with `#[derive(Collection)]` on an enum whose
/// variants each hold one [`Entity`] of the same table and partition key; query it with
/// [`Client::query_collection`](crate::Client::query_collection).
///
/// Each item is read into the variant its entity attribute names. An item of an entity
/// that no variant holds is an error unless the query asks to skip such items.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a collection",
    label = "expected an enum with `#[derive(Collection)]`",
    note = "derive `dynamodel::Collection` for an enum whose variants each hold one entity type of the table"
)]
pub trait Collection: Sized + Send + 'static {
    /// The entity of the first variant: the collection is queried through its table,
    /// partition key and sort key, which every variant shares.
    type Anchor: Entity;
    /// The enum's name, for errors.
    const NAME: &'static str;
    /// The entity names of the variants, in declaration order.
    const ENTITIES: &'static [&'static str];

    /// Reads an item of `entity` into its variant, or `None` when no variant is `entity`.
    fn from_entity_item(entity: &str, item: Item) -> Option<Result<Self>>;

    /// The entity name of this value's variant.
    fn entity(&self) -> &'static str;
}

/// Reads one item into collection `C`; with `skip_unknown`, an item without a known entity
/// is `None` instead of an error.
pub(crate) fn decode_item<C: Collection>(item: Item, skip_unknown: bool) -> Result<Option<C>> {
    let attribute = <C::Anchor as Entity>::ENTITY_ATTRIBUTE;
    let Some(entity) = entity_of(&item, attribute) else {
        return if skip_unknown {
            Ok(None)
        } else {
            Err(unknown(
                C::NAME,
                C::ENTITIES,
                &format!("an item without a string `{attribute}` attribute"),
            ))
        };
    };
    let entity = entity.to_owned();
    match C::from_entity_item(&entity, item) {
        Some(decoded) => decoded.map(Some),
        None if skip_unknown => Ok(None),
        None => Err(unknown(
            C::NAME,
            C::ENTITIES,
            &format!("an item of entity `{entity}`"),
        )),
    }
}

fn unknown(name: &str, entities: &[&str], what: &str) -> Error {
    let known = entities
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Error::conversion(format!(
        "collection `{name}` has no variant for {what} (its entities are {known}); \
         add a variant for it, or call `skip_unknown()` on the query to leave such items out"
    ))
}

/// Checks at compile time that two entity types can be variants of one collection, for
/// generated code: `A` and `B` build their partition keys from the same types.
#[doc(hidden)]
pub fn same_partition_values<A, B>()
where
    A: SamePartitionValues<B>,
{
}

/// Implemented only for `A: SamePartitionValues<A>`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "the variants of a collection build their partition keys from different types: `{Self}` and `{B}`",
    note = "every entity of a collection shares the partition key: use the same template with fields of the same types"
)]
pub trait SamePartitionValues<B> {}

impl<A> SamePartitionValues<A> for A {}
