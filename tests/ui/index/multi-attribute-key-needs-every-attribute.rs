use dynamodel::{Client, Table};
use dynamodel_local::Engine;

#[derive(Table)]
#[dynamodel(table = "matches")]
#[dynamodel(global_index(name = "by_place", partition_key("country", "city")))]
struct Match {
    #[dynamodel(partition_key)]
    id: String,
    country: String,
    city: String,
}

fn main() {
    let client = Client::new(Engine::new());
    // The partition key is `(country, city)`: a query names both.
    let _ = client.query_index(Match::by_place(), "FR");
}
