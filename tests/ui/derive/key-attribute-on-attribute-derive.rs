use dynamodel::Attribute;

#[derive(Attribute)]
struct Address {
    #[dynamodel(partition_key)]
    street: String,
    city: String,
}

fn main() {}
