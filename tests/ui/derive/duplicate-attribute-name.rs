use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users", rename_all = "camelCase")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
    #[dynamodel(rename = "userId")]
    legacy_id: String,
}

fn main() {}
