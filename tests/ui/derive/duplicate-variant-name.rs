use dynamodel::Attribute;

#[derive(Attribute)]
#[dynamodel(rename_all = "lowercase")]
enum Level {
    Low,
    #[dynamodel(rename = "low")]
    Lowest,
}

fn main() {}
