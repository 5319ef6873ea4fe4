use dynamodel::Attribute;

#[derive(Attribute, Clone)]
#[dynamodel(key)]
struct Enabled(bool);

fn main() {}
