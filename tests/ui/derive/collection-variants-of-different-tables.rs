use dynamodel::{Collection, Table};

#[derive(Table)]
#[dynamodel(table = "social", entity = "user")]
#[dynamodel(partition_key(name = "pk", template = "USER#{user_id}"))]
#[dynamodel(sort_key(name = "sk", template = "PROFILE"))]
struct User {
    user_id: String,
}

#[derive(Table)]
#[dynamodel(table = "posts", entity = "post")]
#[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
#[dynamodel(sort_key(name = "sk", template = "POST#{id}"))]
struct Post {
    author: String,
    id: u64,
}

#[derive(Collection)]
enum UserFeed {
    User(User),
    Post(Post),
}

fn main() {}
