use dynamodel::{Client, Table};
use dynamodel_local::Engine;

#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
    name: String,
}

fn main() {
    let client = Client::new(Engine::new());
    // `users` has no sort key, so a Query takes no sort-key condition.
    let _ = client.query::<User>("u1").sort_eq("x");
}
