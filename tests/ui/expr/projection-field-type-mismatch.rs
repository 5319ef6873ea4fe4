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

// A projection field has the table field's type: `score` is a `u64` in `Game`.
#[derive(Projection)]
#[dynamodel(projection_of = Game)]
struct Summary {
    name: String,
    score: i32,
}

fn main() {}
