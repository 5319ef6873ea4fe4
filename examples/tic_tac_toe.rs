//! Tic-tac-toe on the in-process engine: both players of every game move from their own
//! tokio task at the same time, and conditional writes alone keep the games legal. A move
//! is one UpdateItem that requires the board the player saw and that it is their turn, so
//! a double submission (the same move sent from two windows) and a move out of turn are
//! rejected by the database.
//!
//! Run it with `cargo run --example tic_tac_toe`; `cargo test -p dynamodel-examples
//! --example tic_tac_toe` plays many concurrent games and checks every finished board.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use dynamodel::{Backend, Client, Result, Table, Update};
use dynamodel_local::Engine;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "tic_tac_toe", rename_all = "camelCase")]
struct Game {
    #[dynamodel(partition_key)]
    game_id: String,
    /// Nine cells, row by row: `X`, `O` or `.` for an empty cell.
    board: String,
    /// Who moves next: `X` or `O`; `-` once the game is over.
    turn: String,
    winner: Option<String>,
}

const LINES: [[usize; 3]; 8] = [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
    [0, 3, 6],
    [1, 4, 7],
    [2, 5, 8],
    [0, 4, 8],
    [2, 4, 6],
];

/// The marks that complete a line on `board`.
fn lines_of(board: &[u8]) -> Vec<u8> {
    LINES
        .iter()
        .filter_map(|line| {
            let [a, b, c] = line.map(|i| board.get(i).copied().unwrap_or(b'.'));
            (a != b'.' && a == b && b == c).then_some(a)
        })
        .collect()
}

/// What rejected moves the players saw.
#[derive(Debug, Default)]
struct Rejections {
    double_submissions: AtomicUsize,
    out_of_turn: AtomicUsize,
}

/// Plays `mark` at `cell` on the board the player saw: one conditional update.
async fn play<B: Backend>(db: &Client<B>, seen: &Game, mark: char, cell: usize) -> Result<Game> {
    let mut board: Vec<u8> = seen.board.clone().into_bytes();
    if let Some(slot) = board.get_mut(cell) {
        *slot = mark as u8;
    }
    let winner = lines_of(&board).first().map(|&m| char::from(m).to_string());
    let full = !board.contains(&b'.');
    let next = match (&winner, full, mark) {
        (Some(_), _, _) | (None, true, _) => "-",
        (None, false, 'X') => "O",
        (None, false, _) => "X",
    };
    let board = String::from_utf8(board).unwrap_or_default();
    let (seen_board, mark) = (seen.board.clone(), mark.to_string());
    db.update(Game::key(seen.game_id.clone()), |g| {
        let update = Update::new().set(g.board, board).set(g.turn, next);
        match winner {
            Some(winner) => update.set(g.winner, Some(winner)),
            None => update,
        }
    })
    .condition(|g| g.board.eq(seen_board).and(g.turn.eq(mark)))
    .return_new()
    .await
}

/// A cheap deterministic choice of an empty cell for a player.
fn pick(board: &str, seed: usize) -> Option<usize> {
    let empty: Vec<usize> = board
        .bytes()
        .enumerate()
        .filter(|(_, cell)| *cell == b'.')
        .map(|(index, _)| index)
        .collect();
    empty.get(seed % empty.len().max(1)).copied()
}

/// One player's task: read the game, move when it is their turn (sometimes twice at once,
/// as from two windows), and now and then try to move out of turn.
async fn player<B: Backend>(
    db: Client<B>,
    game_id: String,
    mark: char,
    seed: usize,
    rejections: Arc<Rejections>,
) -> Result<()> {
    let mut step = seed;
    loop {
        step = step.wrapping_mul(31).wrapping_add(7);
        let Some(game) = db
            .get(Game::key(game_id.clone()))
            .consistent_read(true)
            .await?
        else {
            return Ok(());
        };
        if game.turn == "-" {
            return Ok(());
        }
        let Some(cell) = pick(&game.board, step) else {
            return Ok(());
        };
        if game.turn != mark.to_string() {
            if step.is_multiple_of(5) {
                // A move out of turn: the condition on `turn` rejects it.
                match play(&db, &game, mark, cell).await {
                    Err(e) if e.is_conditional_check_failed() => {
                        rejections.out_of_turn.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => return Err(e),
                    Ok(_) => panic!("a move out of turn was accepted"),
                }
            }
            tokio::task::yield_now().await;
            continue;
        }
        if step.is_multiple_of(3) {
            // The same player submits two moves on the board they saw, at once.
            let other = pick(&game.board, step + 1).unwrap_or(cell);
            let (first, second) =
                tokio::join!(play(&db, &game, mark, cell), play(&db, &game, mark, other));
            let accepted = [&first, &second].iter().filter(|r| r.is_ok()).count();
            assert_eq!(accepted, 1, "exactly one of two simultaneous moves wins");
            for result in [first, second] {
                match result {
                    Err(e) if e.is_conditional_check_failed() => {
                        rejections
                            .double_submissions
                            .fetch_add(1, Ordering::Relaxed);
                    }
                    other => {
                        other?;
                    }
                }
            }
        } else {
            match play(&db, &game, mark, cell).await {
                // The other player moved in between (not possible in turn order) or a
                // stale read: read again.
                Err(e) if e.is_conditional_check_failed() => {}
                other => {
                    other?;
                }
            }
        }
    }
}

/// Plays `games` games at once, two tasks each, and returns the finished games.
async fn play_games<B: Backend + Clone>(
    db: &Client<B>,
    games: usize,
) -> Result<(Vec<Game>, Arc<Rejections>)> {
    let rejections = Arc::new(Rejections::default());
    let mut tasks = Vec::new();
    for n in 0..games {
        let game_id = format!("game-{n}");
        db.create(&Game {
            game_id: game_id.clone(),
            board: ".........".into(),
            turn: "X".into(),
            winner: None,
        })
        .await?;
        for (mark, seed) in [('X', n * 2 + 1), ('O', n * 2 + 2)] {
            let task = player(db.clone(), game_id.clone(), mark, seed, rejections.clone());
            tasks.push(tokio::spawn(task));
        }
    }
    for task in tasks {
        task.await
            .map_err(|e| dynamodel::Error::configuration(e.to_string()))??;
    }
    let finished = db.scan::<Game>().all().await?;
    Ok((finished, rejections))
}

/// Whether a finished board could come from legal play: X moved first, turns alternated,
/// and the game stopped at the first line.
fn is_legal_finish(game: &Game) -> bool {
    let board = game.board.as_bytes();
    let count = |mark| board.iter().filter(|&&c| c == mark).count();
    let (x, o) = (count(b'X'), count(b'O'));
    let lines = lines_of(board);
    let winners: Vec<u8> = {
        let mut w = lines.clone();
        w.dedup();
        w
    };
    let expected_winner = winners.first().map(|&m| char::from(m).to_string());
    let counts_ok = match winners.as_slice() {
        [] => x + o == 9 && x == o + 1,
        [b'X'] => x == o + 1,
        [b'O'] => x == o,
        _ => false,
    };
    board.len() == 9 && counts_ok && game.turn == "-" && game.winner == expected_winner
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let db = Client::new(Engine::new());
    db.create_table::<Game>().await?;
    println!("playing 20 games, each player in its own task");
    let (games, rejections) = play_games(&db, 20).await?;
    for game in games.iter().take(3) {
        let rows: Vec<&str> = (0..3).map(|r| &game.board[r * 3..r * 3 + 3]).collect();
        println!(
            "{}: {}  winner: {}",
            game.game_id,
            rows.join("/"),
            game.winner.as_deref().unwrap_or("draw")
        );
    }
    assert_eq!(games.len(), 20);
    assert!(games.iter().all(is_legal_finish), "every board is legal");
    println!(
        "all 20 boards legal; rejected {} double submissions and {} moves out of turn",
        rejections.double_submissions.load(Ordering::Relaxed),
        rejections.out_of_turn.load(Ordering::Relaxed)
    );
    assert!(rejections.double_submissions.load(Ordering::Relaxed) > 0);
    assert!(rejections.out_of_turn.load(Ordering::Relaxed) > 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_concurrent_games_finish_legally() {
        let db = Client::new(Engine::new());
        db.create_table::<Game>().await.unwrap();
        let (games, rejections) = play_games(&db, 200).await.unwrap();
        assert_eq!(games.len(), 200);
        for game in &games {
            assert!(is_legal_finish(game), "{game:?}");
        }
        assert!(rejections.double_submissions.load(Ordering::Relaxed) > 0);
        assert!(rejections.out_of_turn.load(Ordering::Relaxed) > 0);
    }

    #[test]
    fn the_legality_check_rejects_impossible_boards() {
        let game = |board: &str, winner: Option<&str>| Game {
            game_id: "g".into(),
            board: board.into(),
            turn: "-".into(),
            winner: winner.map(str::to_owned),
        };
        assert!(is_legal_finish(&game("XXXOO....", Some("X"))));
        assert!(is_legal_finish(&game("XOXXOOOXX", None)));
        // Two X moves in a row.
        assert!(!is_legal_finish(&game("XXXO.....", Some("X"))));
        // Both players completed a line.
        assert!(!is_legal_finish(&game("XXXOOO...", Some("X"))));
        // O won but X moved once more afterwards.
        assert!(!is_legal_finish(&game("OOOXX.XX.", Some("O"))));
        // The winner field disagrees with the board.
        assert!(!is_legal_finish(&game("XXXOO....", None)));
    }
}
