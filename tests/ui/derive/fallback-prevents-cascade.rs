use dynamodel::{Key, Table};

// The derive fails on the unknown attribute, yet code that uses `User` as a table sees no
// further errors: the only error is the one to fix.
#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
    #[dynamodel(nullabel)]
    nickname: Option<String>,
}

fn key() -> Key<User> {
    User::key("u1")
}

fn main() {
    let _ = key();
    let _ = <User as Table>::schema();
}
