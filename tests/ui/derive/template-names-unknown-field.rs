use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "social")]
#[dynamodel(partition_key(name = "pk", template = "USER#{usr_id}"))]
struct User {
    user_id: String,
    name: String,
}

fn main() {}
