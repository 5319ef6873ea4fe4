//! An image-tagging app: images listed by user, by day and by tag, and a moderation queue,
//! each access pattern served by a secondary index.
//!
//! * `images`, keyed by `image_id`, has three global secondary indexes:
//!   * `by_user` (partition `user_id`, sort `uploaded_at`), KEYS_ONLY: a user's gallery
//!     lists image ids in upload order; the generated `ImageByUserItem` holds the keys only.
//!   * `by_day` (partition `day`, sort `uploaded_at`), INCLUDE `title`: a day's timeline
//!     shows titles without reading the images; its items are `ImageByDayItem`.
//!   * `in_review` (partition `review`, sort `uploaded_at`): a sparse index. Only images
//!     with a `review` attribute (flagged ones) are in it; clearing the flag removes the
//!     image from the index, so the moderation queue never scans the whole table.
//! * `image_tags` holds one item per image–tag pair, keyed by image (partition `image_id`,
//!   sort `tag`): the tags of an image are one query. Its `by_tag` index inverts the pair
//!   (partition `tag`, sort `uploaded_at`), so the images with a tag are one query too,
//!   newest first. This is DynamoDB's adjacency-list pattern for a many-to-many relation;
//!   a list attribute of tags on the image could not be indexed by tag. The pair items copy
//!   `uploaded_at` and `title`, so a tag page needs no second read. An image and its tag
//!   items are written in one transaction, so the index never shows half an upload.
//!
//! Run it with `cargo run --example image_tagging`; it checks what it prints.

use dynamodel::{Backend, Client, Table, Update};
use dynamodel_local::Engine;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "images")]
#[dynamodel(global_index(
    name = "by_user",
    partition_key = "user_id",
    sort_key = "uploaded_at",
    projection = keys_only,
    derive(Debug, PartialEq)
))]
#[dynamodel(global_index(
    name = "by_day",
    partition_key = "day",
    sort_key = "uploaded_at",
    projection(include("title")),
    derive(Debug)
))]
#[dynamodel(global_index(
    name = "in_review",
    partition_key = "review",
    sort_key = "uploaded_at",
    projection = all
))]
struct Image {
    #[dynamodel(partition_key)]
    image_id: String,
    user_id: String,
    /// RFC 3339 UTC with a fixed width, so string order is time order.
    uploaded_at: String,
    /// The UTC day of `uploaded_at`, `YYYY-MM-DD`: the partition of `by_day`.
    day: String,
    title: String,
    /// Why the image awaits moderation; `None` keeps it out of `in_review`.
    review: Option<String>,
}

/// One tag of one image.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "image_tags")]
#[dynamodel(global_index(name = "by_tag", partition_key = "tag", sort_key = "uploaded_at"))]
struct ImageTag {
    #[dynamodel(partition_key)]
    image_id: String,
    #[dynamodel(sort_key)]
    tag: String,
    uploaded_at: String,
    title: String,
}

/// Writes an image and its tags in one transaction.
async fn upload<B: Backend>(db: &Client<B>, image: &Image, tags: &[&str]) -> dynamodel::Result<()> {
    let mut write = db.transaction().put(image);
    for tag in tags {
        write = write.put(&ImageTag {
            image_id: image.image_id.clone(),
            tag: (*tag).to_owned(),
            uploaded_at: image.uploaded_at.clone(),
            title: image.title.clone(),
        });
    }
    write.await
}

fn image(image_id: &str, user_id: &str, uploaded_at: &str, title: &str) -> Image {
    Image {
        image_id: image_id.into(),
        user_id: user_id.into(),
        uploaded_at: uploaded_at.into(),
        day: uploaded_at.get(..10).unwrap_or(uploaded_at).into(),
        title: title.into(),
        review: None,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> dynamodel::Result<()> {
    let db = Client::new(Engine::new());
    db.create_table::<Image>().await?;
    db.create_table::<ImageTag>().await?;

    let flagged = |mut image: Image| {
        image.review = Some("reported".into());
        image
    };
    let uploads = [
        (
            image("img1", "ada", "2024-05-01T08:00:00Z", "sunrise"),
            &["sky", "beach"][..],
        ),
        (
            flagged(image("img2", "bob", "2024-05-01T12:30:00Z", "lunch")),
            &["food"][..],
        ),
        (
            image("img3", "ada", "2024-05-01T18:45:00Z", "sunset"),
            &["sky", "beach"][..],
        ),
        (
            image("img4", "ada", "2024-05-02T09:15:00Z", "cat on a mat"),
            &["cats"][..],
        ),
        (
            image("img5", "bob", "2024-05-02T10:00:00Z", "cat in a box"),
            &["cats"][..],
        ),
        (
            flagged(image("img6", "cy", "2024-05-02T23:59:00Z", "night sky")),
            &["sky"][..],
        ),
        (
            image("img7", "ada", "2024-05-03T07:00:00Z", "draft"),
            &[][..],
        ),
    ];
    for (image, tags) in &uploads {
        upload(&db, image, tags).await?;
    }
    println!("uploaded {} images with their tags", uploads.len());

    // Images by user: the KEYS_ONLY index returns ids (and the index keys) in upload order.
    let gallery: Vec<ImageByUserItem> = db.query_index(Image::by_user(), "ada").all().await?;
    let ids: Vec<&str> = gallery.iter().map(|i| i.image_id.as_str()).collect();
    println!("ada's images, oldest first: {ids:?}");
    assert_eq!(ids, ["img1", "img3", "img4", "img7"]);
    let latest = db
        .query_index(Image::by_user(), "ada")
        .descending()
        .limit(2)
        .send()
        .await?;
    let latest_ids: Vec<&str> = latest.items.iter().map(|i| i.image_id.as_str()).collect();
    println!("ada's two latest: {latest_ids:?}");
    assert_eq!(latest_ids, ["img7", "img4"]);
    assert!(latest.has_more(), "a third image of ada's is left");
    // The index holds keys only: the rest of an image is one `get` away.
    let newest = db.get(Image::key(latest_ids[0])).await?;
    assert_eq!(newest.map(|i| i.title).as_deref(), Some("draft"));

    // Images by day: the INCLUDE index carries the titles; a range of the sort key narrows
    // the day to its afternoon.
    let day: Vec<ImageByDayItem> = db.query_index(Image::by_day(), "2024-05-01").all().await?;
    let titles: Vec<&str> = day.iter().map(|i| i.title.as_str()).collect();
    println!("2024-05-01: {titles:?}");
    assert_eq!(titles, ["sunrise", "lunch", "sunset"]);
    let afternoon = db
        .query_index(Image::by_day(), "2024-05-01")
        .sort_between("2024-05-01T12:00:00Z", "2024-05-01T23:59:59Z")
        .all()
        .await?;
    let titles: Vec<&str> = afternoon.iter().map(|i| i.title.as_str()).collect();
    println!("2024-05-01 from noon: {titles:?}");
    assert_eq!(titles, ["lunch", "sunset"]);

    // Images by tag, newest first, through the inverted index of the tag items.
    let sky = db
        .query_index(ImageTag::by_tag(), "sky")
        .descending()
        .all()
        .await?;
    let sky: Vec<(&str, &str)> = sky
        .iter()
        .map(|t| (t.image_id.as_str(), t.title.as_str()))
        .collect();
    println!("tagged sky, newest first: {sky:?}");
    assert_eq!(
        sky,
        [
            ("img6", "night sky"),
            ("img3", "sunset"),
            ("img1", "sunrise")
        ]
    );
    let cats = db.query_index(ImageTag::by_tag(), "cats").count().await?;
    assert_eq!(cats, 2);
    // And the other direction: the tags of one image, from its partition of the table.
    let tags = db.query::<ImageTag>("img1").all().await?;
    let tags: Vec<&str> = tags.iter().map(|t| t.tag.as_str()).collect();
    println!("img1's tags: {tags:?}");
    assert_eq!(tags, ["beach", "sky"]);

    // The moderation queue: a sparse index holds only the flagged images.
    let queue = db.query_index(Image::in_review(), "reported").all().await?;
    let queued: Vec<&str> = queue.iter().map(|i| i.image_id.as_str()).collect();
    println!("awaiting review: {queued:?}");
    assert_eq!(queued, ["img2", "img6"]);
    assert_eq!(db.scan_index(Image::in_review()).count().await?, 2);
    // Clearing the flag takes the image out of the index.
    db.update(Image::key("img2"), |i| Update::new().remove(i.review))
        .await?;
    let queue = db.scan_index(Image::in_review()).all().await?;
    let queued: Vec<&str> = queue.iter().map(|i| i.image_id.as_str()).collect();
    println!("after reviewing img2: {queued:?}");
    assert_eq!(queued, ["img6"]);
    Ok(())
}
