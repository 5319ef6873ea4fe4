use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    #[dynamodel(partition_key = true)]
    user_id: String,
}

fn main() {}
