use std::time::SystemTime;

use dynamodel::Attribute;

#[derive(Attribute)]
struct Audit {
    #[dynamodel(created_at)]
    created_at: Option<SystemTime>,
}

fn main() {}
