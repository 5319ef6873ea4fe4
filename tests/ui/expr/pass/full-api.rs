//! The whole typed expression surface compiles with derived models: nested paths
//! (`fields()`, `at(i)`, `entry(k)`), every condition, every update action and projections,
//! under the names the items really use.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use dynamodel::expr::{Element, Field, KeyField, RawExpression, Renderer};
use dynamodel::model::AttributeType;
use dynamodel::{Attribute, Client, Condition, Path, Projection, Table, Update};
use dynamodel_local::Engine;

#[derive(Attribute, Clone, Debug, PartialEq)]
#[dynamodel(key)]
pub struct GameId(String);

#[derive(Attribute, Debug, PartialEq)]
#[dynamodel(rename_all = "camelCase")]
pub struct Address {
    street_name: String,
    floor: u8,
}

#[derive(Attribute, Debug, PartialEq)]
pub struct Player {
    name: String,
    #[dynamodel(rename = "addr")]
    address: Option<Address>,
    scores: Vec<u32>,
    nickname: Option<String>,
}

#[derive(Attribute, Clone, Debug, PartialEq)]
pub enum Mark {
    X,
    O,
}

#[derive(Table, Debug, PartialEq)]
#[dynamodel(table = "games", rename_all = "camelCase")]
pub struct Game {
    #[dynamodel(partition_key)]
    game_id: GameId,
    #[dynamodel(sort_key)]
    turn: u32,
    name: String,
    score: i64,
    winner: Option<String>,
    flag: bool,
    players: Vec<Player>,
    marks: Vec<Mark>,
    tags: HashSet<String>,
    lucky: BTreeSet<u32>,
    counts: BTreeMap<String, u32>,
    by_name: BTreeMap<String, Player>,
    board: Vec<u8>,
    #[dynamodel(rename = "v")]
    version: Option<u64>,
    #[dynamodel(skip)]
    cache: Option<String>,
}

/// A generic table: its paths carry the type parameter.
#[derive(Table)]
#[dynamodel(table = "blobs")]
pub struct Blob<T> {
    #[dynamodel(partition_key)]
    hash: Vec<u8>,
    content: T,
}

#[derive(Projection, Debug, PartialEq)]
#[dynamodel(projection_of = Game)]
pub struct Summary {
    turn: u32,
    name: String,
    winner: Option<String>,
    #[dynamodel(default)]
    score: i64,
    version: Option<u64>,
}

#[derive(Projection)]
#[dynamodel(projection_of = Blob<String>)]
pub struct BlobContent {
    content: String,
}

fn paths() {
    let g = Game::paths();
    let _: Path<Game, GameId, KeyField> = g.game_id.clone();
    let _: Path<Game, u32, KeyField> = g.turn.clone();
    let _: Path<Game, String, Field> = g.name.clone();

    let street = g.players.at(1).fields().address.fields().street_name;
    assert_eq!(street.raw().to_string(), "players[1].addr.streetName");
    let score: Path<Game, u32, Element> = g.by_name.entry("ann").fields().scores.at(2);
    assert_eq!(score.raw().to_string(), "byName.ann.scores[2]");
    let count: Path<Game, u32, Element> = g.counts.entry("wins");
    assert_eq!(count.raw().to_string(), "counts.wins");
    assert_eq!(g.version.raw().head(), "v");
    assert_eq!(g.game_id.raw().head(), "gameId");

    // Paths are `Clone` and `Debug` whatever the table is.
    let copy = g.clone();
    assert!(format!("{copy:?}").contains("byName"));

    let b = Blob::<String>::paths();
    let _: Path<Blob<String>, String, Field> = b.content;
}

fn conditions() -> Condition<Game> {
    let g = Game::paths();
    let all = [
        g.name.eq("tic"),
        g.name.eq(String::from("tac")),
        g.name.ne("toe"),
        g.turn.eq(3),
        g.winner.eq("ann"),
        g.score.eq_path(&g.score),
        g.turn.is_in([1, 2, 3]),
        g.winner.exists(),
        g.winner.not_exists(),
        g.board.is_type(AttributeType::B),
        g.score.lt(10),
        g.score.le(10),
        g.score.gt(-1),
        g.score.ge(0),
        g.turn.between(1, 9),
        g.game_id.lt(GameId("m".into())),
        g.name.begins_with("t"),
        g.board.begins_with(vec![1u8]),
        g.winner.begins_with("a"),
        g.name.contains("ic"),
        g.tags.contains("x"),
        g.lucky.contains(7),
        g.marks.contains(Mark::X),
        g.marks.at(0).eq(Mark::O),
        g.name.size().eq(3),
        g.tags.size().ne(0),
        g.players.size().lt(4),
        g.counts.size().le(4),
        g.board.size().gt(0),
        g.marks.size().ge(1),
        g.name.size().between(1, 10),
        g.players.at(0).fields().name.eq("ann"),
        g.players.at(0).fields().address.fields().floor.gt(2),
        g.by_name.entry("bob").fields().nickname.exists(),
        Condition::raw_unchecked(RawExpression::new("attribute_exists(#x)").name("#x", "x")),
    ];
    let mut conditions = all.into_iter();
    let first = conditions.next().expect("at least one condition");
    conditions.fold(first, |all, next| all.and(!next.or(g.flag.eq(true))))
}

fn update() -> Update<Game> {
    let g = Game::paths();
    Update::new()
        .set(g.name.clone(), "renamed")
        .set(g.winner.clone(), "ann")
        .set(g.players.at(0).fields().address.fields().floor, 3)
        .set(g.counts.entry("wins"), 2)
        .set_if_not_exists(g.score.clone(), 0)
        .increment(g.score.clone(), 5)
        .decrement(g.counts.entry("losses"), 1)
        .add(g.version.clone(), 1)
        .append(g.marks.clone(), [Mark::X])
        .prepend(g.players.at(0).fields().scores, [10])
        .add_members(g.tags.clone(), ["new".to_owned()])
        .delete_members(g.lucky.clone(), [13])
        .remove(g.winner.clone())
        .remove(g.tags.clone())
        .remove_element(g.marks.at(2))
        .remove_element(g.by_name.entry("gone"))
}

fn projections() -> dynamodel::Result<()> {
    let paths: Vec<String> = Summary::projected_paths()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(paths, ["turn", "name", "winner", "score", "v"]);
    let game = Game {
        game_id: GameId("g1".into()),
        turn: 3,
        name: "tic".into(),
        score: 0,
        winner: None,
        flag: false,
        players: Vec::new(),
        marks: vec![Mark::X],
        tags: HashSet::new(),
        lucky: BTreeSet::new(),
        counts: BTreeMap::new(),
        by_name: BTreeMap::new(),
        board: vec![0; 9],
        version: Some(2),
        cache: None,
    };
    let mut item = game.to_item()?;
    item.remove("score");
    let summary = Summary::from_item(item)?;
    assert_eq!(
        summary,
        Summary {
            turn: 3,
            name: "tic".into(),
            winner: None,
            score: 0,
            version: Some(2)
        }
    );
    assert_eq!(BlobContent::projected_paths()[0].head(), "content");
    Ok(())
}

/// The client takes typed conditions, filters and projections (compiled, not run).
#[allow(dead_code)]
async fn requests(client: &Client<Engine>, game: &Game) -> dynamodel::Result<()> {
    client
        .put(game)
        .condition(|g| g.game_id.not_exists())
        .await?;
    client
        .delete(Game::key(GameId("g1".into()), 3))
        .condition(|g| g.flag.eq(true))
        .await?;
    let _: Option<Summary> = client
        .get(Game::key(GameId("g1".into()), 3))
        .project::<Summary>()
        .await?;
    let _ = client
        .query::<Game>(GameId("g1".into()))
        .sort_between(1u32, 9u32)
        .filter(|g| g.score.gt(0))
        .project::<Summary>()
        .await?;
    let _ = client
        .scan::<Game>()
        .filter(|g| g.tags.contains("x"))
        .await?;
    Ok(())
}

fn main() -> dynamodel::Result<()> {
    paths();
    let mut renderer = Renderer::new();
    renderer.condition(&conditions().into_node()?)?;
    renderer.update(&update().into_actions()?)?;
    let names = renderer.names().expect("names were rendered");
    for name in [
        "name", "players", "addr", "floor", "byName", "counts", "v", "gameId",
    ] {
        assert!(names.values().any(|n| n == name), "`{name}` is rendered");
    }
    projections()?;
    let _ = requests;
    Ok(())
}
