//! Single-table design on the engine: key templates, entity checks, typed prefixes and
//! ranges, and collections of several entities read in one query.

use chrono::{DateTime, TimeZone, Utc};
use dynamodel::{Attribute, Collection, Item, Table};

use crate::support::client_with;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "social", entity = "user")]
#[dynamodel(partition_key(name = "pk", template = "USER#{user_id}"))]
#[dynamodel(sort_key(name = "sk", template = "PROFILE"))]
struct User {
    user_id: String,
    name: String,
}

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "social", entity = "post")]
#[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
#[dynamodel(sort_key(name = "sk", template = "POST#{posted_at}#{post_id}"))]
struct Post {
    author: String,
    posted_at: u64,
    #[dynamodel(key_only)]
    post_id: String,
    text: String,
}

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "social", entity = "follow")]
#[dynamodel(partition_key(name = "pk", template = "USER#{follower}"))]
#[dynamodel(sort_key(name = "sk", template = "FOLLOW#{followee}"))]
struct Follow {
    follower: String,
    followee: String,
}

/// An entity of the same partitions that `UserFeed` does not hold.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "social", entity = "comment")]
#[dynamodel(partition_key(name = "pk", template = "USER#{user_id}"))]
#[dynamodel(sort_key(name = "sk", template = "COMMENT#{id}"))]
struct Comment {
    user_id: String,
    id: u32,
}

#[derive(Collection, Debug, Clone, PartialEq)]
enum UserFeed {
    User(User),
    Post(Post),
    Follow(Follow),
}

fn post(author: &str, posted_at: u64, post_id: &str) -> Post {
    Post {
        author: author.into(),
        posted_at,
        post_id: post_id.into(),
        text: format!("{post_id} at {posted_at}"),
    }
}

fn user(user_id: &str) -> User {
    User {
        user_id: user_id.into(),
        name: user_id.to_uppercase(),
    }
}

fn follow(follower: &str, followee: &str) -> Follow {
    Follow {
        follower: follower.into(),
        followee: followee.into(),
    }
}

/// A user, their posts at 10, 20, 30 and 40, and whom they follow, for `u1` and `u2`.
async fn social() -> dynamodel::Client<dynamodel_local::Engine> {
    let db = client_with::<User>().await;
    for id in ["u1", "u2"] {
        db.put(&user(id)).await.unwrap();
        for (i, at) in [10, 20, 30, 40].into_iter().enumerate() {
            db.put(&post(id, at, &format!("{id}-p{i}"))).await.unwrap();
        }
        db.put(&follow(id, "u9")).await.unwrap();
    }
    db.put(&follow("u1", "u3")).await.unwrap();
    db
}

fn times(posts: &[Post]) -> Vec<u64> {
    posts.iter().map(|p| p.posted_at).collect()
}

#[test]
fn items_hold_the_template_keys_the_fields_and_the_entity() {
    let item = post("ann", 7, "p#1").to_item().unwrap();
    assert_eq!(item["pk"].as_s(), Some("USER#ann"));
    assert_eq!(item["sk"].as_s(), Some("POST#00000000000000000007#p%231"));
    assert_eq!(item["__entity"].as_s(), Some("post"));
    assert_eq!(item["author"].as_s(), Some("ann"));
    assert!(!item.contains_key("post_id"), "`key_only` stays in the key");
    assert_eq!(
        Post::from_item(item.clone()).unwrap(),
        post("ann", 7, "p#1")
    );
    assert_eq!(Post::parse_key(&item).unwrap(), Post::key("ann", 7, "p#1"));
    assert_eq!(Post::SORT_KEY, Some("sk"));
    let schema = Post::schema();
    assert_eq!(schema.partition_key.0, "pk");
}

#[test]
fn an_item_of_another_entity_is_an_error_naming_both() {
    let err = Post::from_item(user("u1").to_item().unwrap()).unwrap_err();
    assert_eq!(
        err.message(),
        "an item of entity `user` cannot be read as entity `post` (attribute `__entity`)"
    );
}

#[test]
fn a_malformed_key_is_an_error_naming_the_template() {
    let mut item = post("ann", 7, "p1").to_item().unwrap();
    item.insert(
        "sk".into(),
        dynamodel::AttributeValue::S("POST#7#p1".into()),
    );
    let err = Post::from_item(item).unwrap_err();
    assert!(err.is_conversion(), "{err:?}");
    assert!(
        err.message()
            .contains("template `POST#{posted_at}#{post_id}`"),
        "{}",
        err.message()
    );
}

#[test]
fn a_stored_field_must_agree_with_its_key() {
    let mut item = post("ann", 7, "p1").to_item().unwrap();
    item.insert("author".into(), "bob".to_owned().to_attribute().unwrap());
    let err = Post::from_item(item).unwrap_err();
    assert_eq!(
        err.message(),
        "attribute `author` holds \"bob\", but the key `pk` (template `USER#{author}`) holds \"ann\""
    );
}

#[tokio::test]
async fn items_round_trip_through_their_template_keys() {
    let db = social().await;
    let read = db.get(Post::key("u1", 20, "u1-p1")).await.unwrap();
    assert_eq!(read, Some(post("u1", 20, "u1-p1")));
    assert_eq!(db.get(User::key("u2")).await.unwrap(), Some(user("u2")));
    assert_eq!(db.get(Post::key("u1", 20, "nope")).await.unwrap(), None);
}

#[tokio::test]
async fn a_typed_prefix_selects_one_entity_of_a_partition() {
    let db = social().await;
    let posts = db
        .query::<Post>(Post::partition("u1"))
        .sort_begins_with(Post::sort_prefix())
        .all()
        .await
        .unwrap();
    assert_eq!(times(&posts), [10, 20, 30, 40]);
    assert!(posts.iter().all(|p| p.author == "u1"));

    let at_20 = db
        .query::<Post>(Post::partition("u1"))
        .sort_begins_with(Post::sort_prefix().posted_at(20))
        .all()
        .await
        .unwrap();
    assert_eq!(at_20, [post("u1", 20, "u1-p1")]);

    // The whole partition holds other entities too: reading them as posts fails.
    let err = db
        .query::<Post>(Post::partition("u1"))
        .all()
        .await
        .unwrap_err();
    assert!(
        err.message().contains("cannot be read as entity `post`"),
        "{err}"
    );
}

#[tokio::test]
async fn a_range_on_the_first_free_field_is_inclusive_and_ordered() {
    let db = social().await;
    let query = |range| {
        let db = &db;
        async move {
            let posts = db
                .query::<Post>(Post::partition("u1"))
                .sort_within(range)
                .all()
                .await
                .unwrap();
            times(&posts)
        }
    };
    assert_eq!(
        query(Post::sort_prefix().posted_at_in(20..=30)).await,
        [20, 30]
    );
    assert_eq!(
        query(Post::sort_prefix().posted_at_in(25..)).await,
        [30, 40]
    );
    assert_eq!(
        query(Post::sort_prefix().posted_at_in(..=20)).await,
        [10, 20]
    );
    assert_eq!(
        query(Post::sort_prefix().posted_at_in(..)).await,
        [10, 20, 30, 40]
    );
    let newest_first = db
        .query::<Post>(Post::partition("u1"))
        .sort_within(Post::sort_prefix().posted_at_in(15..=40))
        .descending()
        .limit(2)
        .send()
        .await
        .unwrap();
    assert_eq!(times(&newest_first.items), [40, 30]);
    let next = Post::parse_key(newest_first.last_evaluated_key.as_ref().unwrap()).unwrap();
    assert_eq!(next, Post::key("u1", 30, "u1-p2"));
}

#[tokio::test]
async fn a_collection_reads_every_entity_of_a_partition_in_one_query() {
    let db = social().await;
    let feed = db
        .query_collection::<UserFeed>(User::partition("u1"))
        .all()
        .await
        .unwrap();
    // Sort key order: FOLLOW#... < POST#... < PROFILE.
    let entities: Vec<&str> = feed.iter().map(Collection::entity).collect();
    assert_eq!(
        entities,
        ["follow", "follow", "post", "post", "post", "post", "user"]
    );
    assert_eq!(feed[0], UserFeed::Follow(follow("u1", "u3")));
    assert_eq!(feed[6], UserFeed::User(user("u1")));
    assert!(feed.iter().all(|item| match item {
        UserFeed::User(u) => u.user_id == "u1",
        UserFeed::Post(p) => p.author == "u1",
        UserFeed::Follow(f) => f.follower == "u1",
    }));

    let posts = db
        .query_collection::<UserFeed>(User::partition("u2"))
        .sort_within(Post::sort_prefix().posted_at_in(30..))
        .descending()
        .all()
        .await
        .unwrap();
    assert_eq!(
        posts,
        [
            UserFeed::Post(post("u2", 40, "u2-p3")),
            UserFeed::Post(post("u2", 30, "u2-p2"))
        ]
    );
}

#[tokio::test]
async fn collection_pages_follow_the_last_evaluated_key() {
    let db = social().await;
    let first = db
        .query_collection::<UserFeed>(User::partition("u1"))
        .limit(4)
        .send()
        .await
        .unwrap();
    assert_eq!(first.items.len(), 4);
    let rest = db
        .query_collection::<UserFeed>(User::partition("u1"))
        .start_after(first.last_evaluated_key.clone().unwrap())
        .all()
        .await
        .unwrap();
    assert_eq!(rest.len(), 3);
    assert_eq!(rest.last(), Some(&UserFeed::User(user("u1"))));
}

#[tokio::test]
async fn an_unknown_entity_fails_the_collection_unless_skipped() {
    let db = social().await;
    db.put(&Comment {
        user_id: "u1".into(),
        id: 1,
    })
    .await
    .unwrap();
    let err = db
        .query_collection::<UserFeed>(User::partition("u1"))
        .all()
        .await
        .unwrap_err();
    assert!(err.is_conversion());
    assert!(
        err.message().starts_with(
            "collection `UserFeed` has no variant for an item of entity `comment` (its entities are `user`, `post`, `follow`)"
        ),
        "{}",
        err.message()
    );
    let feed = db
        .query_collection::<UserFeed>(User::partition("u1"))
        .skip_unknown()
        .all()
        .await
        .unwrap();
    assert_eq!(feed.len(), 7, "every item but the comment");
}

/// A sort key of signed numbers and times: key order is value order on the engine.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "readings")]
#[dynamodel(partition_key(name = "pk", template = "SENSOR#{sensor}"))]
#[dynamodel(sort_key(name = "sk", template = "{delta}#{at}"))]
struct Reading {
    sensor: String,
    delta: i32,
    at: DateTime<Utc>,
}

#[tokio::test]
async fn signed_and_time_segments_sort_by_value() {
    let db = client_with::<Reading>().await;
    let at = |s| Utc.timestamp_opt(s, 0).single().unwrap();
    for (delta, s) in [(5, 3), (-100, 2), (-5, 1), (0, 9), (-5, 0)] {
        let reading = Reading {
            sensor: "s1".into(),
            delta,
            at: at(s),
        };
        db.put(&reading).await.unwrap();
    }
    let read = db
        .query::<Reading>(Reading::partition("s1"))
        .all()
        .await
        .unwrap();
    let order: Vec<(i32, i64)> = read.iter().map(|r| (r.delta, r.at.timestamp())).collect();
    assert_eq!(order, [(-100, 2), (-5, 0), (-5, 1), (0, 9), (5, 3)]);
    let minus_five = db
        .query::<Reading>(Reading::partition("s1"))
        .sort_within(Reading::sort_prefix().delta(-5).at_in(at(1)..))
        .all()
        .await
        .unwrap();
    assert_eq!(minus_five.len(), 1);
    assert_eq!(minus_five[0].at, at(1));
}

#[test]
fn parse_key_reads_an_item_without_the_other_attributes() {
    let mut item = Item::new();
    item.insert("pk".into(), "USER#u1".to_owned().to_attribute().unwrap());
    item.insert("sk".into(), "FOLLOW#u2".to_owned().to_attribute().unwrap());
    assert_eq!(Follow::parse_key(&item).unwrap(), Follow::key("u1", "u2"));
    let err = User::parse_key(&item).unwrap_err();
    assert!(
        err.message().contains("template `PROFILE`"),
        "{}",
        err.message()
    );
}
