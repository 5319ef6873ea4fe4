use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users", read_capacity = 5)]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
}

fn main() {}
