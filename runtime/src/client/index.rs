//! Queries and scans of secondary indexes: the same [`Query`] and [`Scan`] builders as for
//! tables, reading an [`Index`] instead.

use super::{Client, Query, Scan};
use crate::backend::Backend;
use crate::index::{AsKey, Index};

impl<B: Backend> Client<B> {
    /// Queries the items of `index` whose index partition key equals `partition` (a tuple
    /// with one value per attribute for a multi-attribute key), in index sort-key order.
    ///
    /// Items come back as the index's item type: the table's struct when the index projects
    /// `ALL` attributes, otherwise the generated projection struct (`ImageByUserItem` for
    /// index `by_user` of `Image`). Items without the index's key attributes (an `Option`
    /// key field that is `None`) are not in the index.
    ///
    /// ```
    /// use dynamodel::{Backend, Client, Result, Table};
    ///
    /// #[derive(Table)]
    /// #[dynamodel(table = "matches")]
    /// #[dynamodel(global_index(name = "by_place", partition_key("country", "city"), sort_key("year", "round")))]
    /// pub struct Match {
    ///     #[dynamodel(partition_key)]
    ///     id: String,
    ///     country: String,
    ///     city: String,
    ///     year: u16,
    ///     round: u8,
    /// }
    ///
    /// /// The matches of Lyon in 2024 from round 3 on: `=` on the leading sort attribute,
    /// /// a range on the next.
    /// async fn late_rounds<B: Backend>(db: &Client<B>) -> Result<Vec<Match>> {
    ///     db.query_index(Match::by_place(), ("FR", "Lyon"))
    ///         .sort_prefix_eq(2024u16)
    ///         .sort_ge(3u8)
    ///         .all()
    ///         .await
    /// }
    /// ```
    pub fn query_index<I: Index>(
        &self,
        index: I,
        partition: impl AsKey<I::PartitionKey>,
    ) -> Query<'_, B, I> {
        let _ = index;
        Query::new(self, partition.to_values())
    }

    /// Scans every item of `index`, in DynamoDB's (hash) order: only the items that have
    /// the index's key attributes, as the index's item type (see
    /// [`query_index`](Self::query_index)).
    pub fn scan_index<I: Index>(&self, index: I) -> Scan<'_, B, I> {
        let _ = index;
        Scan::new(self)
    }
}
