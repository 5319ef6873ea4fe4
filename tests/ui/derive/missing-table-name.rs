use dynamodel::Table;

#[derive(Table)]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
}

fn main() {}
