use dynamodel::Table;

// Each mistake is reported, in one compile.
#[derive(Table)]
#[dynamodel(tabel = "users", rename_all = "kebab")]
struct User {
    #[dynamodel(sort_key, nullable)]
    user_id: String,
    #[dynamodel(rename = "")]
    name: String,
    #[dynamodel(default = "none")]
    age: u8,
}

fn main() {}
