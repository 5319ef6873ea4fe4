//! Derive macros for [dynamodel](https://docs.rs/dynamodel): `#[derive(Table)]`,
//! `#[derive(Attribute)]`, `#[derive(Projection)]` and `#[derive(Collection)]`. Use them through the `dynamodel`
//! crate, which re-exports them next to the traits they implement.
//!
//! The examples below run as doctests through `dynamodel` (a dev-dependency); the
//! workspace's UI tests compile the same shapes and the typed-expression rules
//! (`tests/ui/derive/` and `tests/ui/expr/`).

mod ast;
mod attr;
mod case;
mod check;
mod ctxt;
mod expand;
mod fallback;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// Derives `dynamodel::Table` (and `dynamodel::Attribute`) for a struct with named fields:
/// the struct is stored as the items of one DynamoDB table.
///
/// ```
/// use dynamodel::Table;
///
/// #[derive(Table, Clone, Debug, PartialEq)]
/// #[dynamodel(table = "games", rename_all = "camelCase")]
/// pub struct Game {
///     #[dynamodel(partition_key)]
///     game_id: String,        // stored as `gameId`
///     #[dynamodel(sort_key)]
///     turn: u32,
///     player: String,
///     winner: Option<String>, // left out of the item when `None`
/// }
///
/// let key = Game::key("g1", 3); // a `dynamodel::Key<Game>`
/// assert_eq!(Game::TABLE_NAME, "games");
/// assert_eq!(Game::PARTITION_KEY, "gameId");
/// assert_eq!(Game::SORT_KEY, Some("turn"));
/// ```
///
/// # What it generates
///
/// * `impl Table`: `TABLE_NAME`, `PARTITION_KEY` and `SORT_KEY` (the attribute names
///   after renaming), `type PartitionKey` and `type SortKey` (the key fields' types, or
///   `dynamodel::NoSortKey`), `schema()` (key types from `KeyAttribute::SCALAR_TYPE`,
///   billing from the attributes below), `to_item`, `from_item` and `primary_key`.
/// * `impl Attribute`: the struct stored as a map (`M`), so a table struct can also be
///   nested inside another item.
/// * Typed paths (see [Typed paths](#typed-paths)): a struct `GamePaths`, the
///   `dynamodel::expr::Document` impl that `Game::paths()` returns them through, and
///   `dynamodel::expr::ListElement`, so that a `Vec<Game>` field is a list in paths.
/// * An inherent constructor with the struct's visibility,
///   `fn key(partition_key: impl Into<Pk>, sort_key: impl Into<Sk>) -> Key<Self>`
///   (without the second parameter when there is no sort key), with the key fields' names
///   as parameter names. Number keys are taken as they are (`turn: u32`), so that integer
///   literals infer their type: `Game::key("g1", 3)`. (A field or method of your own named
///   `key` clashes with it.)
/// * For each secondary index, a marker type, an associated function returning it and,
///   unless it projects all attributes, an item struct (see
///   [`global_index(...)` and `local_index(...)`](#global_index-and-local_index)).
///
/// Every field type must implement `dynamodel::Attribute` and key field types
/// `dynamodel::KeyAttribute` (strings, numbers, `Vec<u8>`, or a newtype with
/// `#[derive(Attribute)]` and `#[dynamodel(key)]`); otherwise the error points at the
/// field's type. Type parameters get `T: Attribute + Send + Sync + 'static` bounds; a
/// table cannot have lifetime parameters.
///
/// An attribute that is absent from an item reads as `None` for an `Option` field, as an
/// empty set for a set field, as `Default::default()` for a `default` field, and as a
/// conversion error naming the attribute otherwise.
///
/// # Typed paths
///
/// `Game::paths()` returns a generated `GamePaths` struct (with the visibility of `Game`)
/// with one field per stored field, named like the Rust field, of type
/// `dynamodel::Path<Game, FieldType, Marker>`: the attribute's name in the item (after
/// `rename` and `rename_all`) and its Rust type. The marker is `dynamodel::expr::KeyField`
/// for the partition and sort keys, which conditions compare but updates cannot target,
/// and `dynamodel::expr::Field` otherwise. Skipped fields have no path. What a path allows
/// depends on its type: `lt` on numbers, strings and binary, `begins_with` on strings,
/// `increment` on numbers, `add_members` on sets, `at(i)` on lists, `entry(k)` on maps and
/// `fields()` on structs with `#[derive(Attribute)]` (or `#[derive(Table)]`).
///
/// ```
/// use dynamodel::{Attribute, Condition, Table, Update};
///
/// #[derive(Attribute)]
/// struct Player {
///     name: String,
///     #[dynamodel(rename = "lvl")]
///     level: u8,
/// }
///
/// #[derive(Table)]
/// #[dynamodel(table = "games", rename_all = "camelCase")]
/// struct Game {
///     #[dynamodel(partition_key)]
///     game_id: String,
///     turn: u32,
///     players: Vec<Player>,
///     winner: Option<String>,
/// }
///
/// let g = Game::paths(); // a `GamePaths`
/// let open: Condition<Game> = g.winner.not_exists().and(g.turn.lt(9));
/// let promote: Update<Game> = Update::new()
///     .increment(g.turn.clone(), 1)
///     .set(g.players.at(0).fields().level, 2);
/// assert_eq!(g.players.at(0).fields().level.raw().to_string(), "players[0].lvl");
/// assert_eq!(g.game_id.raw().head(), "gameId");
/// ```
///
/// The paths struct and its fields have the visibility of the struct, whatever the fields'
/// own visibility. A generic table's paths carry its type parameters, followed by the table
/// the paths start from: `struct Blob<T>` has `BlobPaths<T, R = Blob<T>>`. A type of your
/// own named `GamePaths` next to `Game` clashes with the generated one.
///
/// # Container attributes
///
/// ## `table = "name"` (required)
///
/// The table name: 3 to 255 characters of `a-z`, `A-Z`, `0-9`, `_`, `-` and `.`.
///
/// ## `rename_all = "case"`
///
/// Renames every field that has no `rename`, from its `snake_case` Rust name, to one of
/// `camelCase`, `snake_case`, `PascalCase`, `SCREAMING_SNAKE_CASE`, `kebab-case`,
/// `SCREAMING-KEBAB-CASE`, `lowercase` or `UPPERCASE`.
///
/// ```
/// # use dynamodel::{Attribute, Table};
/// #[derive(Table)]
/// #[dynamodel(table = "orders", rename_all = "PascalCase")]
/// struct Order {
///     #[dynamodel(partition_key)]
///     order_id: String, // stored as `OrderId`
/// }
/// ```
///
/// ## `read_capacity = N, write_capacity = N`
///
/// Provisioned billing with these capacity units; both or neither. Without them the
/// schema says on-demand billing (`Billing::OnDemand`).
///
/// ```
/// # use dynamodel::{Attribute, Billing, Table};
/// #[derive(Table)]
/// #[dynamodel(table = "audit", read_capacity = 5, write_capacity = 10)]
/// struct AuditEntry {
///     #[dynamodel(partition_key)]
///     id: u64,
/// }
/// assert_eq!(AuditEntry::schema().billing, Billing::Provisioned { read: 5, write: 10 });
/// ```
///
/// ## `partition_key(name = "pk", template = "...")` and `sort_key(name = "sk", template = "...")`
///
/// Key templates for single-table design: the key attribute `name` is a string built from
/// fields, instead of being one field (a key is a marked field or a template, not both).
/// A template is `#`-separated parts, each literal text or one `{field}`:
/// `USER#{user_id}`, `POST#{posted_at}#{post_id}`, `PROFILE`. Values are written by
/// `dynamodel::KeySegment` (strings escaped so that `#` cannot forge a segment, integers
/// zero-padded so that key order is numeric order, times as fixed-width RFC 3339; see
/// `dynamodel::key_template`), and read back when an item is read: a key that does not
/// match its template is an error naming the template.
///
/// Template fields are also stored as attributes of their own by default, so that filters,
/// projections and indexes can use them (`key_only` leaves one out), and their paths are
/// key paths: compared, never updated. Reading checks that the attribute and the key agree.
///
/// Key templates generate, with the struct's visibility: a key type per template
/// (`PostPartitionKey { author }`, `PostSortKey { posted_at, post_id }`: the table's
/// `PartitionKey`/`SortKey`); `Post::key(author, posted_at, post_id)` with one parameter per
/// template field; `Post::partition(author)` for queries; `Post::parse_key(&item)`; and for
/// a sort key template with fields, `Post::sort_prefix()`, a `PostSortPrefix<N>` that fixes
/// leading fields left to right (`.posted_at(t)`) and takes an inclusive range of the next
/// one when its type is ordered (`.posted_at_in(a..=b)`). Tables with templates cannot be
/// generic. (Functions of your own named `partition`, `sort_prefix` or `parse_key` clash.)
///
/// ```
/// # use dynamodel::Table;
/// #[derive(Table, Debug, PartialEq)]
/// #[dynamodel(table = "social", entity = "post")]
/// #[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
/// #[dynamodel(sort_key(name = "sk", template = "POST#{posted_at}#{post_id}"))]
/// pub struct Post {
///     author: String,
///     posted_at: u64,
///     #[dynamodel(key_only)]
///     post_id: String, // only inside `sk`
///     text: String,
/// }
///
/// let post = Post { author: "ann".into(), posted_at: 7, post_id: "p1".into(), text: "hi".into() };
/// let item = post.to_item()?;
/// assert_eq!(item["pk"].as_s(), Some("USER#ann"));
/// assert_eq!(item["sk"].as_s(), Some("POST#00000000000000000007#p1"));
/// assert_eq!(item["__entity"].as_s(), Some("post"));
/// assert!(!item.contains_key("post_id"));
/// assert_eq!(Post::parse_key(&item)?, Post::key("ann", 7, "p1"));
/// assert_eq!(Post::from_item(item)?, post);
/// # Ok::<(), dynamodel::Error>(())
/// ```
///
/// ## `entity = "name"` and `entity_attribute = "name"`
///
/// The entity type of the items, for tables that hold several: writing stores the name in
/// the attribute `entity_attribute` (default `__entity`), reading checks it (an item of
/// another entity is an error that names both), and the struct implements
/// `dynamodel::Entity`, so it can be a variant of a `#[derive(Collection)]` enum.
///
/// ## `global_index(...)` and `local_index(...)`
///
/// Secondary indexes, one item per index; their field names are the struct's Rust field
/// names (stored under their attribute names after renaming):
///
/// * `name = "..."` (required): 3 to 255 characters of `a-z`, `A-Z`, `0-9`, `_`, `-`, `.`.
/// * `partition_key = "field"` (global indexes only; a local index shares the table's), or
///   `partition_key("a", "b", ..)` for a multi-attribute key of up to 4 fields.
/// * `sort_key = "field"`, or `sort_key("a", "b", ..)` (up to 4, global indexes only).
///   Required for a local index, which only a table with a sort key can have.
/// * `projection = all` (the default), `projection = keys_only`, or
///   `projection(include("field", ..))`: the non-key fields copied besides the keys.
/// * `throughput(read = N, write = N)`: required on a global index of a provisioned table,
///   rejected otherwise.
/// * `derive(Debug, Clone, ..)`: derives for the generated item struct (below).
///
/// Index key fields must have key types, or be `Option`s of key types: an item whose index
/// key field is `None` is not in the index (a sparse index). They cannot be `nullable` or
/// `skip`. For each index the derive generates, with the struct's visibility and named
/// after the struct and the index (`by_user` of `Image` below):
///
/// * a marker type `ImageByUserIndex` implementing `dynamodel::Index`, returned by
///   `Image::by_user()`, to pass to `Client::query_index` and `Client::scan_index`;
/// * for `keys_only` and `include(..)` indexes, the item struct `ImageByUserItem` that
///   queries of the index return: the table's key fields, the index's key fields (without
///   their `Option`) and the included fields. An `all` index returns the table's struct.
///
/// `Table::schema()` lists the indexes, so `create_table` creates them.
///
/// ```
/// use dynamodel::{IndexProjection, Table};
///
/// #[derive(Table)]
/// #[dynamodel(table = "images", rename_all = "camelCase")]
/// #[dynamodel(global_index(name = "by_user", partition_key = "user_id", sort_key = "created_at", projection = keys_only))]
/// #[dynamodel(global_index(name = "by_place", partition_key("country", "city")))]
/// #[dynamodel(local_index(name = "by_size", sort_key = "size", projection(include("title")), derive(Debug)))]
/// pub struct Image {
///     #[dynamodel(partition_key)]
///     album: String,
///     #[dynamodel(sort_key)]
///     image_id: String,
///     user_id: Option<String>, // images without a user are not in `by_user`
///     created_at: u64,
///     country: String,
///     city: String,
///     size: u64,
///     title: String,
/// }
///
/// let schema = Image::schema();
/// assert_eq!(schema.global_indexes[0].partition_key[0].0, "userId");
/// assert_eq!(schema.global_indexes[0].projection, IndexProjection::KeysOnly);
/// assert_eq!(schema.local_indexes[0].projection, IndexProjection::Include(vec!["title".into()]));
/// let _: ImageByUserIndex = Image::by_user();
/// let _item = ImageBySizeItem {
///     album: "a".into(),
///     image_id: "i".into(),
///     size: 3,
///     title: "t".into(),
/// };
/// ```
///
/// # Field attributes
///
/// ## `partition_key` and `sort_key`
///
/// The key fields: exactly one partition key and at most one sort key. Key fields cannot
/// also be `skip`, `default` or `nullable`.
///
/// ## `rename = "name"`
///
/// The attribute name of the field, instead of its Rust name (after `rename_all`). A raw
/// identifier such as `r#type` is stored as `type` without `rename`. Two stored fields
/// cannot have the same attribute name.
///
/// ```
/// # use dynamodel::{Attribute, Table};
/// #[derive(Table)]
/// #[dynamodel(table = "users")]
/// struct User {
///     #[dynamodel(partition_key, rename = "PK")]
///     id: String,
///     r#type: String, // stored as `type`
/// }
/// ```
///
/// ## `skip`
///
/// The field is not stored; reading fills it with `Default::default()`.
///
/// ## `default`
///
/// When the attribute is absent, reading gives `Default::default()` instead of an error:
/// for fields added to a model after items were written.
///
/// ## `nullable`
///
/// For an `Option` field: `None` is stored as `NULL` instead of leaving the attribute out
/// (either reads back as `None`).
///
/// ```
/// # use dynamodel::{Attribute, Table};
/// # #[derive(Default)] struct Session;
/// #[derive(Table)]
/// #[dynamodel(table = "profiles")]
/// struct Profile {
///     #[dynamodel(partition_key)]
///     user_id: String,
///     #[dynamodel(skip)]
///     session: Option<Session>, // never stored
///     #[dynamodel(default)]
///     visits: u32,              // 0 when the item has no `visits`
///     #[dynamodel(nullable)]
///     nickname: Option<String>, // `None` is stored as NULL
/// }
/// ```
///
/// ## `key_only`
///
/// For a field of a key template: store it only inside the key, not also as an attribute of
/// its own; reading takes it from the key. It then has no path for expressions.
#[proc_macro_derive(Table, attributes(dynamodel))]
pub fn derive_table(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    expand::derive_table(input.clone())
        .unwrap_or_else(|error| fallback::table(input, error))
        .into()
}

/// Derives `dynamodel::Attribute` for a struct or enum: the type is stored as one
/// attribute value inside an item.
///
/// ```
/// use dynamodel::{Attribute, Table};
///
/// #[derive(Attribute, Clone, Debug, PartialEq)]
/// #[dynamodel(key)]
/// pub struct PlayerId(String); // stored as its string; usable as a key
///
/// #[derive(Attribute, Debug, PartialEq)]
/// #[dynamodel(rename_all = "camelCase")]
/// pub struct Address {
///     street_name: String, // {"streetName": ..., "floor": ...}
///     floor: u8,
/// }
///
/// #[derive(Attribute, Debug, PartialEq)]
/// #[dynamodel(rename_all = "lowercase")]
/// pub enum Mark { X, O } // "x" or "o"
///
/// #[derive(Attribute, Debug, PartialEq)]
/// pub enum Move {
///     Pass,                      // "Pass"
///     Place(u8),                 // {"Place": 4}
///     Swap(u8, u8),              // {"Swap": [1, 2]}
///     Resign { reason: String }, // {"Resign": {"reason": "..."}}
/// }
///
/// #[derive(Table)]
/// #[dynamodel(table = "players")]
/// pub struct Player {
///     #[dynamodel(partition_key)]
///     id: PlayerId,
///     address: Address,
///     mark: Mark,
///     last_move: Option<Move>,
/// }
///
/// let key = Player::key(PlayerId("p1".into()));
/// ```
///
/// # How each shape is stored
///
/// * A struct with named fields: a map (`M`) with one entry per stored field. Its fields
///   take the field attributes of `#[derive(Table)]` except the keys.
/// * A newtype struct `struct UserId(String);`: transparent, stored as its inner value
///   (and left out of an item when the inner value is, like `None`).
/// * A tuple struct with several fields: a list (`L`) of its fields, in order.
/// * An enum whose variants are all unit variants: the variant's name as a string (`S`).
/// * Any other enum is externally tagged: a unit variant is the string `"Variant"`; a
///   variant with data is a map with one entry, `{"Variant": data}`, where the data of a
///   newtype variant is its inner value, of a struct variant a map of its fields, and of a
///   tuple variant a list of its fields. Reading accepts exactly these forms; an unknown
///   variant is a conversion error that names it and lists the known ones.
///
/// Type parameters get a `T: Attribute` bound. Conversion errors carry the path of the
/// attribute that failed, such as `address.floor` or `last_move.Resign.reason`.
///
/// # Typed paths
///
/// Every derived type implements `dynamodel::expr::ListElement`, so a `Vec` of it is a list
/// in paths (`at(i)`), and a `key` newtype implements `dynamodel::expr::Ordered` (`lt`,
/// `between`). A struct with named fields also gets a `<Name>Paths` struct, like
/// `#[derive(Table)]` (see there), reached with `fields()` on a path to it:
/// `Player::paths().address.fields().street_name`. Enums and tuple structs have no field
/// paths: compare them as whole values.
///
/// # Container attributes
///
/// ## `rename_all = "case"`
///
/// Renames the fields of a struct (written in `snake_case`), or the variants of an enum
/// (written in `PascalCase`), that have no `rename`, to one of `camelCase`, `snake_case`,
/// `PascalCase`, `SCREAMING_SNAKE_CASE`, `kebab-case`, `SCREAMING-KEBAB-CASE`,
/// `lowercase` or `UPPERCASE`. The fields of struct variants keep their names.
///
/// ## `key`
///
/// On a newtype struct: also implement `dynamodel::KeyAttribute`, with the inner type's
/// key type, so that the newtype can be a table's partition or sort key. The inner type
/// must be a key type and the newtype must implement `Clone`.
///
/// ```
/// # use dynamodel::{Attribute, Table};
/// #[derive(Attribute, Clone, Debug, PartialEq)]
/// #[dynamodel(key)]
/// struct OrderNumber(u64); // a number (N) key
/// ```
///
/// # Field attributes
///
/// On the named fields of structs and struct variants: `rename = "name"`, `skip`,
/// `default` and `nullable`, as for `#[derive(Table)]`. `partition_key` and `sort_key` are
/// errors: only tables have keys. Unnamed fields take no attributes.
///
/// ```
/// # use dynamodel::{Attribute, Table};
/// # #[derive(Default)] struct Locale;
/// #[derive(Attribute)]
/// struct Settings {
///     #[dynamodel(rename = "tz")]
///     time_zone: String,
///     #[dynamodel(default)]
///     dark_mode: bool,
///     #[dynamodel(nullable)]
///     locale: Option<String>,
///     #[dynamodel(skip)]
///     parsed: Option<Locale>,
/// }
/// ```
///
/// # Variant attributes
///
/// ## `rename = "name"`
///
/// The name the variant is stored under, instead of its Rust name (after `rename_all`).
///
/// ```
/// # use dynamodel::{Attribute, Table};
/// #[derive(Attribute)]
/// enum Status {
///     #[dynamodel(rename = "active")]
///     Active,
///     #[dynamodel(rename = "gone")]
///     Deleted { at: String },
/// }
/// ```
#[proc_macro_derive(Attribute, attributes(dynamodel))]
pub fn derive_attribute(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    expand::derive_attribute(input.clone())
        .unwrap_or_else(|error| fallback::attribute(input, error))
        .into()
}

/// Derives `dynamodel::expr::Projection` for a struct with named fields that holds some
/// attributes of a table's items: reads with it send a `ProjectionExpression`, so only
/// those attributes travel, and return the struct instead of the whole item.
///
/// ```
/// use dynamodel::{Projection, Table};
/// use dynamodel::expr::Projection as _;
///
/// #[derive(Table)]
/// #[dynamodel(table = "games", rename_all = "camelCase")]
/// pub struct Game {
///     #[dynamodel(partition_key)]
///     game_id: String,
///     #[dynamodel(sort_key)]
///     turn: u32,
///     player_name: String,
///     board: Vec<u8>,
/// }
///
/// #[derive(Projection, Debug, PartialEq)]
/// #[dynamodel(projection_of = Game)]
/// pub struct Turn {
///     turn: u32,           // read from `turn`
///     player_name: String, // read from `playerName`: the table's names apply
/// }
///
/// let paths: Vec<String> = Turn::projected_paths().iter().map(|p| p.to_string()).collect();
/// assert_eq!(paths, ["turn", "playerName"]);
/// ```
///
/// # Rules
///
/// * `projection_of = Table` (required) names the table, a type with `#[derive(Table)]`
///   (generic tables with their arguments: `projection_of = Blob<String>`).
/// * Every field is a field of the table's struct with the same name and the same type,
///   checked at compile time: a field the table does not have is the error
///   "no field `x` on type `GamePaths`", a field of another type is a mismatched-types
///   error, both on the projection's field. A skipped field of the table has no path.
/// * Each field is read under the table's attribute name (after the table's `rename` and
///   `rename_all`); an absent attribute reads as the field type says (`None` for an
///   `Option`), or as an error naming it.
///
/// # Field attributes
///
/// ## `default`
///
/// When the attribute is absent, reading gives `Default::default()` instead of an error.
/// No other attribute applies: the table declares names and keys.
///
/// ```
/// # use dynamodel::{Projection, Table};
/// # #[derive(Table)]
/// # #[dynamodel(table = "games")]
/// # pub struct Game { #[dynamodel(partition_key)] game_id: String, score: u32 }
/// #[derive(Projection)]
/// #[dynamodel(projection_of = Game)]
/// struct Score {
///     #[dynamodel(default)]
///     score: u32, // 0 when the item has no `score`
/// }
/// ```
#[proc_macro_derive(Projection, attributes(dynamodel))]
pub fn derive_projection(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    expand::derive_projection(input.clone())
        .unwrap_or_else(|error| fallback::projection(input, error))
        .into()
}

/// Derives `dynamodel::Collection` for an enum whose variants each hold one entity type
/// that shares a partition: one query reads all of them, each item into the variant its
/// entity attribute names.
///
/// ```
/// use dynamodel::{Collection, Table};
///
/// #[derive(Table, Debug)]
/// #[dynamodel(table = "social", entity = "user")]
/// #[dynamodel(partition_key(name = "pk", template = "USER#{user_id}"))]
/// #[dynamodel(sort_key(name = "sk", template = "PROFILE"))]
/// pub struct User { user_id: String, name: String }
///
/// #[derive(Table, Debug)]
/// #[dynamodel(table = "social", entity = "post")]
/// #[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
/// #[dynamodel(sort_key(name = "sk", template = "POST#{posted_at}#{post_id}"))]
/// pub struct Post { author: String, posted_at: u64, post_id: String, text: String }
///
/// #[derive(Collection, Debug)]
/// pub enum UserFeed {
///     User(User),
///     Post(Post),
/// }
///
/// assert_eq!(<UserFeed as Collection>::ENTITIES, ["user", "post"]);
/// // db.query_collection::<UserFeed>(User::partition("u1")).all().await?
/// ```
///
/// # Rules
///
/// * Each variant is a newtype of a `#[derive(Table)]` struct with `entity = "..."`; the
///   first one is the anchor: the collection is queried through its partition key type.
/// * Every variant is stored in the same table, with the same partition key attribute built
///   from a template of the same shape and field types (`USER#{user_id}` and
///   `USER#{author}` agree when both fields are `String`), the same sort key attribute and
///   the same entity attribute; entity names differ. The compiler checks each of these and
///   reports a variant that breaks one on its type.
/// * The enum takes no `#[dynamodel(...)]` attributes and no generic parameters.
#[proc_macro_derive(Collection, attributes(dynamodel))]
pub fn derive_collection(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    expand::collection::derive_collection(input.clone())
        .unwrap_or_else(|error| expand::collection::fallback(input, error))
        .into()
}
