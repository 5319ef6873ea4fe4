use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(local_index(name = "by_size", sort_key("width", "height")))]
struct Image {
    #[dynamodel(partition_key)]
    album: String,
    #[dynamodel(sort_key)]
    id: String,
    width: u32,
    height: u32,
}

fn main() {}
