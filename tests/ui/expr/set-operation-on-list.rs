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
    // `tags` is a list (`Vec<String>`), not a set: `ADD` of members needs a set.
    let _: Update<Game> = Update::new().add_members(g.tags, ["new".to_owned()]);
}
