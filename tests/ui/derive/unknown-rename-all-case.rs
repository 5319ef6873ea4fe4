use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users", rename_all = "camelcase")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
}

fn main() {}
