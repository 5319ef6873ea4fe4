//! Every supported field type and container shape compiles, and the generated API is
//! usable as documented.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use dynamodel::{Attribute, AttributeValue, Billing, Key, KeyAttribute, NoSortKey, Number, Table};

#[derive(Attribute, Clone, Debug, PartialEq)]
#[dynamodel(key)]
pub struct PlayerId(String);

#[derive(Attribute, Clone, Debug, PartialEq)]
#[dynamodel(key)]
pub struct Sequence(u64);

#[derive(Attribute, Debug, PartialEq, Default)]
#[dynamodel(rename_all = "camelCase")]
pub struct Address {
    street_name: String,
    #[dynamodel(default)]
    floor: u8,
    #[dynamodel(skip)]
    cached: Option<String>,
}

#[derive(Attribute, Debug, PartialEq)]
#[dynamodel(rename_all = "lowercase")]
pub enum Mark {
    X,
    O,
}

#[derive(Attribute, Debug, PartialEq)]
#[dynamodel(rename_all = "snake_case")]
pub enum Move {
    Pass,
    Place(u8),
    Swap(u8, u8),
    Resign {
        reason: String,
        #[dynamodel(rename = "at")]
        turn: Option<u32>,
    },
    #[dynamodel(rename = "undo")]
    Undo {},
}

#[derive(Attribute, Debug, PartialEq)]
pub struct Pair(String, bool);

#[derive(Attribute, Debug, PartialEq)]
pub struct Wrapper<T>(Vec<T>);

#[derive(Attribute, Debug, PartialEq)]
pub struct Generic<T> {
    value: T,
    values: Vec<T>,
}

/// A recursive type.
#[derive(Attribute, Debug, PartialEq)]
pub struct Comment {
    text: String,
    replies: Vec<Comment>,
}

#[derive(Table, Debug, PartialEq)]
#[dynamodel(
    table = "everything",
    rename_all = "camelCase",
    read_capacity = 5,
    write_capacity = 10
)]
pub struct Everything {
    #[dynamodel(partition_key)]
    id: PlayerId,
    #[dynamodel(sort_key)]
    seq: Sequence,
    i8: i8,
    i16: i16,
    i32: i32,
    i64: i64,
    i128: i128,
    isize: isize,
    u8: u8,
    u16: u16,
    u32: u32,
    u64: u64,
    u128: u128,
    usize: usize,
    f32: f32,
    f64: f64,
    flag: bool,
    text: String,
    bytes: Vec<u8>,
    list: Vec<String>,
    nested_list: Vec<Vec<i64>>,
    string_set: HashSet<String>,
    number_set: HashSet<i64>,
    binary_set: HashSet<Vec<u8>>,
    string_tree_set: BTreeSet<String>,
    number_tree_set: BTreeSet<i64>,
    binary_tree_set: BTreeSet<Vec<u8>>,
    map: HashMap<String, Address>,
    tree_map: BTreeMap<String, Vec<Move>>,
    optional: Option<String>,
    #[dynamodel(nullable)]
    nullable: Option<Mark>,
    boxed: Box<Address>,
    address: Address,
    mark: Mark,
    last_move: Move,
    pair: Pair,
    wrapper: Wrapper<bool>,
    generic: Generic<f64>,
    comment: Comment,
    number: Number,
    raw: AttributeValue,
    r#type: String,
    #[dynamodel(rename = "legacy")]
    renamed: String,
    #[dynamodel(default)]
    defaulted: u32,
    #[dynamodel(skip)]
    skipped: Option<std::time::Instant>,
}

#[derive(Table, Debug, PartialEq)]
#[dynamodel(table = "games")]
pub(crate) struct Game {
    #[dynamodel(partition_key)]
    game_id: String,
    #[dynamodel(sort_key)]
    turn: u32,
}

#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
}

#[derive(Table)]
#[dynamodel(table = "blobs")]
struct Blob<T> {
    #[dynamodel(partition_key)]
    hash: Vec<u8>,
    #[dynamodel(sort_key)]
    at: Number,
    content: T,
}

fn assert_key_attribute<T: KeyAttribute>() {}

fn main() {
    let _: Key<Game> = Game::key("g1", 3);
    let _: Key<Game> = Game::key(String::from("g1"), 3u32);
    let _: Key<User> = User::key("u1");
    let _: Key<Everything> = Everything::key(PlayerId("p1".into()), Sequence(1));
    let _: Key<Blob<String>> = Blob::<String>::key(vec![1, 2], Number::from(7u8));
    let _: NoSortKey = *Key::<User>::sort(&User::key("u1"));
    assert_key_attribute::<PlayerId>();
    assert_key_attribute::<Sequence>();

    let schema = Everything::schema();
    assert_eq!(schema.billing, Billing::Provisioned { read: 5, write: 10 });
    assert_eq!(Everything::PARTITION_KEY, "id");
    assert_eq!(Everything::SORT_KEY, Some("seq"));
    assert_eq!(User::schema().billing, Billing::OnDemand);
    assert_eq!(User::SORT_KEY, None);
}
