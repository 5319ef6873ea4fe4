// `projection_of` names a table: a type with `#[derive(Table)]`.
use dynamodel::{Attribute, Projection};

#[derive(Attribute)]
struct Address {
    street: String,
}

#[derive(Projection)]
#[dynamodel(projection_of = Address)]
struct Street {
    street: String,
}

fn main() {}
