use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "games")]
struct Game {
    #[dynamodel(partition_key)]
    game_id: String,
    #[dynamodel(sort_key)]
    turn: u32,
    #[dynamodel(sort_key)]
    player: String,
}

fn main() {}
