use dynamodel::Attribute;

#[derive(Attribute)]
#[dynamodel(table = "addresses")]
struct Address {
    street: String,
}

fn main() {}
