use dynamodel::Attribute;

#[derive(Attribute)]
struct Address {
    #[dynamodel(rename)]
    street_name: String,
}

fn main() {}
