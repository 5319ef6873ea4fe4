use dynamodel::{Projection, Table};

#[derive(Table)]
#[dynamodel(table = "games")]
struct Game {
    #[dynamodel(partition_key)]
    game_id: String,
    #[dynamodel(rename = "p")]
    player: String,
}

// A projection reads each field under the table's name for it: `rename` is the table's
// business, and the only field attribute is `default`.
#[derive(Projection)]
#[dynamodel(projection_of = Game)]
struct Summary {
    #[dynamodel(rename = "p")]
    player: String,
}

fn main() {}
