use dynamodel::Attribute;

#[derive(Attribute, Clone)]
#[dynamodel(key)]
struct OrderKey {
    customer: String,
    order: u64,
}

fn main() {}
