use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "user accounts")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
}

fn main() {}
