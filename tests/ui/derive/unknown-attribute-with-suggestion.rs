use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    #[dynamodel(partiton_key)]
    user_id: String,
}

fn main() {}
