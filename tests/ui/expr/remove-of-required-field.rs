use dynamodel::{Table, Update};

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
    // `name` is a `String`: an item without it would no longer read back.
    let _: Update<Game> = Update::new().remove(g.name);
}
