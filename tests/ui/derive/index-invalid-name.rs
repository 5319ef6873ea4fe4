use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by user", partition_key = "user_id"))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    user_id: String,
}

fn main() {}
