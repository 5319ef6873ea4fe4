use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key, ttl)]
    expires: u64,
}

fn main() {}
