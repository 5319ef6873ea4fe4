use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by_user", partition_key = "user_id"))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(nullable)]
    user_id: Option<String>,
}

fn main() {}
