use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "games")]
struct Game {
    #[dynamodel(partition_key)]
    game_id: String,
    #[dynamodel(partition_key)]
    turn: u32,
}

fn main() {}
