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
    // `at(i)` is for lists: `name` is a string.
    let _: Condition<Game> = g.name.at(0).eq("x");
}
