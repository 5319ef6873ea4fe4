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
    // `game_id` is the partition key: DynamoDB rejects updates of key attributes.
    let _: Update<Game> = Update::new().set(g.game_id, "g2");
}
