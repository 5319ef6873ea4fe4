use dynamodel::{Condition, Table};

#[derive(Table)]
#[dynamodel(table = "games", rename_all = "camelCase")]
struct Game {
    #[dynamodel(partition_key)]
    game_id: String,
    #[dynamodel(sort_key)]
    turn: u32,
    name: String,
    score: u64,
    flag: bool,
    tags: Vec<String>,
}

fn main() {
    let g = Game::paths();
    // `contains` looks into strings, sets and lists: `score` is a number.
    let _: Condition<Game> = g.score.contains(1u64);
}
