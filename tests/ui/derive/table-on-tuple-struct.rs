use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "points")]
struct Point(String, i64);

fn main() {}
