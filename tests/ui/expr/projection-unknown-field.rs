use dynamodel::{Projection, Table};

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

// Every field of a projection is a field of the table: `player` is not one of `Game`'s.
#[derive(Projection)]
#[dynamodel(projection_of = Game)]
struct Summary {
    turn: u32,
    player: String,
}

fn main() {}
