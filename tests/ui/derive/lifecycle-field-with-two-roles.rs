use std::time::SystemTime;

use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(ttl, updated_at)]
    touched: Option<SystemTime>,
}

fn main() {}
