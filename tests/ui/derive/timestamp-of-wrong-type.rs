use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(updated_at)]
    updated_at: Option<String>,
    #[dynamodel(ttl)]
    expires: bool,
}

fn main() {}
