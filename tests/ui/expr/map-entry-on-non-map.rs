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
    // `entry(key)` is for maps with string keys: `tags` is a list.
    let _: Condition<Game> = g.tags.entry("first").eq("x");
}
