use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by_user", partition_key = "user_id"))]
#[dynamodel(local_index(name = "by_user", sort_key = "created_at"))]
struct Image {
    #[dynamodel(partition_key)]
    album: String,
    #[dynamodel(sort_key)]
    id: String,
    user_id: String,
    created_at: u64,
}

fn main() {}
