use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(version)]
    version: u32,
}

fn main() {}
