use dynamodel::Attribute;

#[derive(Attribute)]
#[dynamodel(key)]
struct UserId(String);

fn main() {}
