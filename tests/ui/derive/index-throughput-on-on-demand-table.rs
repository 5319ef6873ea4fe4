use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by_user", partition_key = "user_id", throughput(read = 5, write = 5)))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    user_id: String,
}

fn main() {}
