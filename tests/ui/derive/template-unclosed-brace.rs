use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "social")]
#[dynamodel(partition_key(name = "pk", template = "USER#{user_id"))]
struct User {
    user_id: String,
}

fn main() {}
