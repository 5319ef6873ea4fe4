//! dynamodel in one screen: model a table with a derive, create it on the in-process
//! engine, then write, read, query, scan and delete typed items.
//!
//! Run it with `cargo run --example quickstart` (no AWS account, no network).

use std::collections::BTreeSet;

use dynamodel::{Attribute, Client, Table};
use dynamodel_local::Engine;

/// A player's score in one game: games are the partition, players sorted by turn.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "scores", rename_all = "camelCase")]
struct Score {
    #[dynamodel(partition_key)]
    game_id: String,
    #[dynamodel(sort_key)]
    turn: u32,
    player: Player,
    points: i64,
    tags: BTreeSet<String>,
    /// Left out of the item when `None`.
    comment: Option<String>,
}

/// Nested structs are stored as maps.
#[derive(Attribute, Debug, Clone, PartialEq)]
struct Player {
    name: String,
    level: Level,
}

/// Unit enums are stored as strings.
#[derive(Attribute, Debug, Clone, Copy, PartialEq)]
enum Level {
    Rookie,
    Pro,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), dynamodel::Error> {
    // The in-process engine: a fresh, empty "DynamoDB" in microseconds.
    let db = Client::new(Engine::new());

    let table = db.create_table::<Score>().await?;
    println!(
        "created table {} with key {:?}",
        table.table_name.as_deref().unwrap_or_default(),
        Score::schema()
            .key_schema()
            .iter()
            .map(|k| &k.attribute_name)
            .collect::<Vec<_>>()
    );

    for turn in 1..=5 {
        let score = Score {
            game_id: "game-1".into(),
            turn,
            player: Player {
                name: if turn % 2 == 0 {
                    "ada".into()
                } else {
                    "grace".into()
                },
                level: if turn > 3 { Level::Pro } else { Level::Rookie },
            },
            points: i64::from(turn) * 10,
            tags: BTreeSet::from(["ranked".to_owned()]),
            comment: (turn == 5).then(|| "final move".to_owned()),
        };
        db.put(&score).await?;
    }
    println!("put 5 scores into game-1");

    let third = db
        .get(Score::key("game-1", 3u32))
        .consistent_read(true)
        .await?;
    println!("get turn 3: {third:?}");

    let middle = db.query::<Score>("game-1").sort_between(2u32, 4u32).await?;
    let turns: Vec<u32> = middle.items.iter().map(|s| s.turn).collect();
    println!("query turns 2..=4: {turns:?}");

    let latest = db.query::<Score>("game-1").descending().limit(2).await?;
    let turns: Vec<u32> = latest.items.iter().map(|s| s.turn).collect();
    println!(
        "latest two turns: {turns:?} (more pages: {})",
        latest.has_more()
    );

    let everything = db.scan::<Score>().all().await?;
    println!("scan found {} scores", everything.len());

    let removed = db.delete(Score::key("game-1", 1u32)).return_old().await?;
    println!(
        "deleted turn 1 (it scored {:?} points)",
        removed.map(|s| s.points)
    );

    let left = db.query::<Score>("game-1").count().await?;
    println!("{left} scores left in game-1");
    Ok(())
}
