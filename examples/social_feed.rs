//! Single-table design: users, their posts and whom they follow, all in one table, each
//! user's items in one partition (`USER#<id>`) told apart by their sort keys and entity
//! names. One query reads a profile with its posts; typed prefixes and ranges read posts by
//! time.
//!
//! A follow is one item in the follower's partition (`USER#ada` / `FOLLOW#bob`), so "whom
//! does ada follow" is a query of her partition. The other direction, "who follows bob",
//! is the same items seen through a global secondary index that inverts their keys
//! (partition `followee`, sort `follower`): only follow items have those attributes, so the
//! index holds nothing else (it is sparse), and with a KEYS_ONLY projection it stays small.
//! A user's feed reads whom they follow, then each followee's posts, and merges them by time
//! (fan-out on read).
//!
//! Run it with `cargo run --example social_feed`.

use dynamodel::{Client, Collection, Table};
use dynamodel_local::Engine;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "social", entity = "user")]
#[dynamodel(partition_key(name = "pk", template = "USER#{user_id}"))]
#[dynamodel(sort_key(name = "sk", template = "PROFILE"))]
struct User {
    user_id: String,
    display_name: String,
}

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "social", entity = "post")]
#[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
#[dynamodel(sort_key(name = "sk", template = "POST#{posted_at}#{post_id}"))]
struct Post {
    author: String,
    /// Seconds since the epoch: zero-padded in the key, so key order is time order.
    posted_at: u64,
    post_id: String,
    text: String,
}

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "social", entity = "follow")]
#[dynamodel(partition_key(name = "pk", template = "USER#{follower}"))]
#[dynamodel(sort_key(name = "sk", template = "FOLLOW#{followee}"))]
#[dynamodel(global_index(
    name = "followers",
    partition_key = "followee",
    sort_key = "follower",
    projection = keys_only,
    derive(Debug, PartialEq)
))]
struct Follow {
    follower: String,
    followee: String,
}

/// Everything in a user's partition, read in one request.
#[derive(Collection, Debug)]
enum Profile {
    User(User),
    Post(Post),
    Follow(Follow),
}

fn post(author: &str, posted_at: u64, post_id: &str, text: &str) -> Post {
    Post {
        author: author.into(),
        posted_at,
        post_id: post_id.into(),
        text: text.into(),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> dynamodel::Result<()> {
    let db = Client::new(Engine::new());
    // One table for every entity: `User`, `Post` and `Follow` share its keys, and `Follow`
    // also declares the table's index, so its schema is the one to create.
    db.create_table::<Follow>().await?;

    for (id, name) in [("ada", "Ada"), ("bob", "Bob"), ("cy", "Cy")] {
        db.put(&User {
            user_id: id.into(),
            display_name: name.into(),
        })
        .await?;
    }
    let posts = [
        post("ada", 1_700_000_000, "a1", "hello"),
        post("ada", 1_700_000_600, "a2", "lunch"),
        post("ada", 1_700_003_600, "a3", "an hour later"),
        post("bob", 1_700_000_300, "b1", "hi ada"),
        post("bob", 1_700_002_000, "b2", "sure"),
        post("cy", 1_700_001_000, "c1", "coffee?"),
    ];
    for post in &posts {
        db.put(post).await?;
    }
    for (follower, followee) in [("ada", "bob"), ("ada", "cy"), ("cy", "bob"), ("bob", "ada")] {
        db.put(&Follow {
            follower: follower.into(),
            followee: followee.into(),
        })
        .await?;
    }
    let item = posts[0].to_item()?;
    println!(
        "a post is stored under pk={:?} sk={:?} as entity {:?}",
        item["pk"].as_s().unwrap_or_default(),
        item["sk"].as_s().unwrap_or_default(),
        item["__entity"].as_s().unwrap_or_default()
    );

    // A profile page: the user, their posts and whom they follow, in one query.
    let page = db
        .query_collection::<Profile>(User::partition("ada"))
        .all()
        .await?;
    let entities: Vec<&str> = page.iter().map(Collection::entity).collect();
    println!("ada's partition in one query: {entities:?}");
    assert_eq!(
        entities,
        ["follow", "follow", "post", "post", "post", "user"]
    );
    for item in &page {
        match item {
            Profile::User(user) => println!("  profile: {}", user.display_name),
            Profile::Post(post) => println!(
                "  post {} at {}: {}",
                post.post_id, post.posted_at, post.text
            ),
            Profile::Follow(follow) => println!("  follows {}", follow.followee),
        }
    }
    let Some(Profile::User(ada)) = page.last() else {
        panic!("the profile sorts last (PROFILE > POST# > FOLLOW#)");
    };
    assert_eq!(ada.display_name, "Ada");

    // Only the posts, newest first: a typed prefix of the sort key.
    let newest = db
        .query::<Post>(Post::partition("ada"))
        .sort_begins_with(Post::sort_prefix())
        .descending()
        .limit(2)
        .send()
        .await?;
    let texts: Vec<&str> = newest.items.iter().map(|p| p.text.as_str()).collect();
    println!("ada's two newest posts: {texts:?}");
    assert_eq!(texts, ["an hour later", "lunch"]);

    // Posts in the first half hour: an inclusive range on the first free field.
    let start = 1_700_000_000;
    let first_half_hour = db
        .query::<Post>(Post::partition("ada"))
        .sort_within(Post::sort_prefix().posted_at_in(start..=start + 1_800))
        .all()
        .await?;
    let ids: Vec<&str> = first_half_hour.iter().map(|p| p.post_id.as_str()).collect();
    println!("ada's posts in the first half hour: {ids:?}");
    assert_eq!(ids, ["a1", "a2"]);

    // Who follows bob: the follow items through the inverted index, in follower order. The
    // index projects only keys, so its items are the generated `FollowFollowersItem`.
    let followers: Vec<FollowFollowersItem> =
        db.query_index(Follow::followers(), "bob").all().await?;
    let names: Vec<&str> = followers.iter().map(|f| f.follower.as_str()).collect();
    println!("bob's followers, through the index: {names:?}");
    assert_eq!(names, ["ada", "cy"]);
    // Users and posts have no `followee`: the index holds the four follows and nothing else.
    let indexed = db.scan_index(Follow::followers()).count().await?;
    assert_eq!(indexed, 4);

    // Ada's feed: whom she follows (her partition), then their posts, newest first.
    let mut feed = Vec::new();
    let follows = db
        .query::<Follow>(Follow::partition("ada"))
        .sort_begins_with(Follow::sort_prefix())
        .all()
        .await?;
    for follow in &follows {
        feed.extend(
            db.query::<Post>(Post::partition(follow.followee.as_str()))
                .sort_begins_with(Post::sort_prefix())
                .all()
                .await?,
        );
    }
    feed.sort_by_key(|post| std::cmp::Reverse(post.posted_at));
    let feed: Vec<(&str, &str)> = feed
        .iter()
        .map(|p| (p.author.as_str(), p.text.as_str()))
        .collect();
    println!("ada's feed: {feed:?}");
    assert_eq!(
        feed,
        [("bob", "sure"), ("cy", "coffee?"), ("bob", "hi ada")]
    );

    // Reading an item as the wrong entity is an error that names both.
    let wrong = Post::from_item(ada.to_item()?).expect_err("a user is not a post");
    println!("reading a user as a post: {wrong}");
    assert!(wrong.message().contains("entity `user`"));
    Ok(())
}
