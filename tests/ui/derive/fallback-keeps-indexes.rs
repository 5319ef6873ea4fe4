use dynamodel::{Client, Table};
use dynamodel_local::Engine;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by_user", partition_key = "user_id", projection(include("id"))))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    user_id: String,
}

fn main() {
    // The derive fails on `include("id")`, yet the index and its item type exist: that one
    // error is the only one.
    let client = Client::new(Engine::new());
    let query = client.query_index(Image::by_user(), "u1");
    let _: Option<ImageByUserItem> = None;
    let _ = query;
}
