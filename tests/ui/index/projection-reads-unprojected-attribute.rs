use dynamodel::{Client, Projection, Table};
use dynamodel_local::Engine;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by_user", partition_key = "user_id", projection = keys_only))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    user_id: String,
    title: String,
}

#[derive(Projection)]
#[dynamodel(projection_of = Image)]
struct Title {
    id: String,
    title: String,
}

fn main() {
    let client = Client::new(Engine::new());
    // `by_user` holds only the keys: it has no `title` to read.
    let _ = client.query_index(Image::by_user(), "u1").project::<Title>();
}
