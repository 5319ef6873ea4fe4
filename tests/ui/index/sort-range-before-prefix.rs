use dynamodel::{Client, Table};
use dynamodel_local::Engine;

#[derive(Table)]
#[dynamodel(table = "matches")]
#[dynamodel(global_index(name = "by_date", partition_key = "league", sort_key("year", "round")))]
struct Match {
    #[dynamodel(partition_key)]
    id: String,
    league: String,
    year: u16,
    round: u8,
}

fn main() {
    let client = Client::new(Engine::new());
    // A range on `year` ends the key condition: `round` cannot follow it.
    let _ = client
        .query_index(Match::by_date(), "L1")
        .sort_gt(2020u16)
        .sort_prefix_eq(3u8);
}
