use std::time::SystemTime;

use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(updated_at)]
    changed: Option<SystemTime>,
    #[dynamodel(updated_at)]
    modified: Option<SystemTime>,
}

fn main() {}
