//! Typed conditions and updates: a turn-based game where every move is a conditional update,
//! so a stale or duplicated move is rejected by the database, not by application code.
//!
//! Run it with `cargo run --example moves`.

use dynamodel::{Client, Projection, Table, Update};
use dynamodel_local::Engine;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "matches", rename_all = "camelCase")]
struct Match {
    #[dynamodel(partition_key)]
    match_id: String,
    turn: u32,
    next_player: String,
    moves: Vec<String>,
    winner: Option<String>,
}

/// Just the turn and who plays next, read with a projection.
#[derive(Projection, Debug)]
#[dynamodel(projection_of = Match)]
struct Status {
    turn: u32,
    next_player: String,
}

/// Plays `mv` for `player` if it is their turn and the match is still open.
async fn play(
    db: &Client<Engine>,
    player: &str,
    other: &str,
    turn: u32,
    mv: &str,
) -> dynamodel::Result<Match> {
    db.update(Match::key("m1"), |m| {
        Update::new()
            .increment(m.turn.clone(), 1)
            .append(m.moves, [mv.to_owned()])
            .set(m.next_player, other)
    })
    .condition(|m| {
        m.turn
            .eq(turn)
            .and(m.next_player.eq(player))
            .and(m.winner.not_exists())
    })
    .return_new()
    .await
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> dynamodel::Result<()> {
    let db = Client::new(Engine::new());
    db.create_table::<Match>().await?;

    let start = Match {
        match_id: "m1".into(),
        turn: 0,
        next_player: "ada".into(),
        moves: Vec::new(),
        winner: None,
    };
    db.create(&start).await?;
    // A second `create` of the same match is refused by its built-in existence guard.
    let again = db
        .create(&start)
        .await
        .expect_err("a second create is refused");
    println!("creating m1 twice: {}", again.code().unwrap_or_default());

    let after = play(&db, "ada", "bob", 0, "e4").await?;
    println!(
        "ada plays e4 -> turn {}, moves {:?}",
        after.turn, after.moves
    );

    // Ada submits again from a second window: the turn moved on, the update is refused.
    let stale = play(&db, "ada", "bob", 0, "d4")
        .await
        .expect_err("a stale move is refused");
    println!(
        "ada's duplicate move: conditional check failed = {}",
        stale.is_conditional_check_failed()
    );

    let after = play(&db, "bob", "ada", 1, "e5").await?;
    println!(
        "bob plays e5 -> turn {}, moves {:?}",
        after.turn, after.moves
    );

    db.update(Match::key("m1"), |m| Update::new().set(m.winner, "ada"))
        .await?;
    let late = play(&db, "ada", "bob", 2, "Qh5")
        .await
        .expect_err("a late move is refused");
    println!(
        "a move after the match ended is refused: {}",
        late.is_conditional_check_failed()
    );

    let status = db.get(Match::key("m1")).project::<Status>().await?;
    if let Some(status) = status {
        println!(
            "status: turn {}, {} to play",
            status.turn, status.next_player
        );
    }
    Ok(())
}
