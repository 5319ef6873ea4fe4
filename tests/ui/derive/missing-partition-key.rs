use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    user_id: String,
    name: String,
}

fn main() {}
