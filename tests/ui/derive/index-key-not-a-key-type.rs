use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(name = "by_flag", partition_key = "flagged"))]
struct Image {
    #[dynamodel(partition_key)]
    id: String,
    // A sparse key is fine, but its value must still be a string, number or binary.
    flagged: Option<bool>,
}

fn main() {}
