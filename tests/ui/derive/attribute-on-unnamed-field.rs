use dynamodel::Attribute;

#[derive(Attribute)]
struct UserId(#[dynamodel(rename = "id")] String);

fn main() {}
