use dynamodel::{Condition, Table};

// The derive fails on the misspelled attribute, yet its typed paths are generated: code that
// uses them sees no further errors.
#[derive(Table)]
#[dynamodel(table = "users")]
struct User {
    #[dynamodel(partition_key)]
    user_id: String,
    #[dynamodel(defualt)]
    visits: u32,
}

fn main() {
    let u = User::paths();
    let _: Condition<User> = u.visits.gt(3).and(u.user_id.eq("u1"));
}
