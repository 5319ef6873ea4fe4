use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
    #[dynamodel(nullable)]
    nickname: String,
}

fn main() {}
