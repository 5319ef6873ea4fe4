use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "levels")]
enum Level {
    Low,
    High,
}

fn main() {}
