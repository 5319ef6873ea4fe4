use dynamodel::{Client, Table};
use dynamodel_local::Engine;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by_user", partition_key = "user_id"))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    user_id: String,
}

fn main() {
    let client = Client::new(Engine::new());
    // The index partition key `user_id` is a `String`.
    let _ = client.query_index(Image::by_user(), 42);
}
