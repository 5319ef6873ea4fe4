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
    // The sort key `turn` is a number: `begins_with` needs a string or binary sort key.
    let _ = client.query::<Game>("g1").sort_begins_with(1u32);
}
