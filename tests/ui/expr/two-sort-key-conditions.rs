use dynamodel::{Client, Table};
use dynamodel_local::Engine;

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
    let client = Client::new(Engine::new());
    // A key condition has at most one sort-key condition: use `sort_between` for a range.
    let _ = client.query::<Game>("g1").sort_gt(1).sort_lt(5);
}
