use std::time::SystemTime;

use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(created_at)]
    created_at: SystemTime,
}

fn main() {}
