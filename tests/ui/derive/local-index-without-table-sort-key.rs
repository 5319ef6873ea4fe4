use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(local_index(name = "by_size", sort_key = "size"))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    size: u64,
}

fn main() {}
