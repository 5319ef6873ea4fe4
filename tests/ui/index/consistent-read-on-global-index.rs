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
    // DynamoDB reads global secondary indexes eventually consistently only.
    let _ = client.query_index(Image::by_user(), "u1").consistent_read(true);
}
