//! Secondary indexes declared on the model: the schema `create_table` sends, and typed
//! queries and scans of global and local indexes on the in-process engine (sparse indexes,
//! KEYS_ONLY and INCLUDE item types, multi-attribute keys, paging).

use dynamodel::model::ScalarAttributeType;
use dynamodel::{IndexKind, IndexProjection, Projection, Table};

use crate::support::client_with;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "images", rename_all = "camelCase")]
#[dynamodel(global_index(
    name = "by_user",
    partition_key = "user_id",
    sort_key = "created_at",
    projection = keys_only,
    derive(Debug, Clone, PartialEq)
))]
#[dynamodel(global_index(
    name = "by_tag",
    partition_key = "tag",
    sort_key = "created_at",
    projection(include("title")),
    derive(Debug, PartialEq)
))]
#[dynamodel(global_index(
    name = "by_place",
    partition_key("country", "city"),
    sort_key("year", "month", "day")
))]
#[dynamodel(local_index(name = "by_size", sort_key = "size"))]
struct Image {
    #[dynamodel(partition_key)]
    album: String,
    #[dynamodel(sort_key)]
    image_id: String,
    user_id: String,
    created_at: u64,
    /// Untagged images are not in `by_tag` (a sparse index).
    tag: Option<String>,
    title: String,
    size: u64,
    country: String,
    city: String,
    year: u16,
    month: u8,
    day: u8,
}

/// A projection that reads only attributes every index of `Image` holds.
#[derive(Projection, Debug, PartialEq)]
#[dynamodel(projection_of = Image)]
struct ImageKey {
    album: String,
    image_id: String,
}

fn image(n: u64) -> Image {
    Image {
        album: format!("album{}", n % 2),
        image_id: format!("img{n:02}"),
        user_id: format!("u{}", n % 3),
        created_at: 1000 + n,
        tag: (!n.is_multiple_of(4)).then(|| format!("tag{}", n % 2)),
        title: format!("Image {n}"),
        size: 100 * (n % 5),
        country: "FR".into(),
        city: if n.is_multiple_of(2) { "Lyon" } else { "Paris" }.into(),
        year: 2020 + (n % 3) as u16,
        month: (n % 12) as u8 + 1,
        day: (n % 28) as u8 + 1,
    }
}

/// 24 images across albums, users, tags and places, written to a fresh engine.
async fn gallery() -> (dynamodel::Client<dynamodel_local::Engine>, Vec<Image>) {
    let db = client_with::<Image>().await;
    let images: Vec<Image> = (0..24).map(image).collect();
    for image in &images {
        db.put(image).await.unwrap();
    }
    (db, images)
}

#[test]
fn the_schema_declares_every_index_with_attribute_names_and_types() {
    let schema = Image::schema();
    let names: Vec<&str> = schema
        .global_indexes
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["by_user", "by_tag", "by_place"]);
    let by_user = &schema.global_indexes[0];
    assert_eq!(
        by_user.partition_key,
        [("userId".into(), ScalarAttributeType::S)]
    );
    assert_eq!(
        by_user.sort_key,
        [("createdAt".into(), ScalarAttributeType::N)]
    );
    assert_eq!(by_user.projection, IndexProjection::KeysOnly);
    assert_eq!(
        schema.global_indexes[1].projection,
        IndexProjection::Include(vec!["title".into()])
    );
    let by_place = &schema.global_indexes[2];
    assert_eq!(by_place.partition_key.len(), 2);
    assert_eq!(
        by_place
            .sort_key
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>(),
        ["year", "month", "day"]
    );
    let by_size = &schema.local_indexes[0];
    assert_eq!(
        by_size.partition_key,
        [("album".into(), ScalarAttributeType::S)]
    );
    assert_eq!(by_size.sort_key, [("size".into(), ScalarAttributeType::N)]);
    assert_eq!(by_size.projection, IndexProjection::All);

    use dynamodel::{Index, Source};
    assert_eq!(ImageByUserIndex::NAME, "by_user");
    assert_eq!(ImageBySizeIndex::KIND, IndexKind::Local);
    assert_eq!(
        ImageByTagIndex::PROJECTED_FIELDS,
        Some(&["album", "image_id", "created_at", "tag", "title"][..])
    );
    assert_eq!(ImageByPlaceIndex::PROJECTED_FIELDS, None);
}

#[tokio::test]
async fn a_keys_only_index_returns_the_generated_item_type() {
    let (db, images) = gallery().await;
    let items: Vec<ImageByUserItem> = db
        .query_index(Image::by_user(), "u1")
        .sort_ge(1010u64)
        .all()
        .await
        .unwrap();
    let expected: Vec<ImageByUserItem> = images
        .iter()
        .filter(|i| i.user_id == "u1" && i.created_at >= 1010)
        .map(|i| ImageByUserItem {
            album: i.album.clone(),
            image_id: i.image_id.clone(),
            user_id: i.user_id.clone(),
            created_at: i.created_at,
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(items, expected, "in index sort-key order");
}

#[tokio::test]
async fn a_sparse_index_holds_only_the_items_that_have_its_key() {
    let (db, images) = gallery().await;
    let mut scanned: Vec<String> = db
        .scan_index(Image::by_tag())
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|item| item.image_id)
        .collect();
    scanned.sort();
    let tagged: Vec<String> = images
        .iter()
        .filter(|i| i.tag.is_some())
        .map(|i| i.image_id.clone())
        .collect();
    assert_eq!(tagged.len(), 18, "every fourth image is untagged");
    assert_eq!(scanned, tagged);
}

#[tokio::test]
async fn an_include_index_returns_the_included_attributes() {
    let (db, images) = gallery().await;
    let items = db
        .query_index(Image::by_tag(), "tag1")
        .sort_between(1000u64, 1009u64)
        .all()
        .await
        .unwrap();
    let expected: Vec<ImageByTagItem> = images
        .iter()
        .filter(|i| i.tag.as_deref() == Some("tag1") && i.created_at <= 1009)
        .map(|i| ImageByTagItem {
            album: i.album.clone(),
            image_id: i.image_id.clone(),
            created_at: i.created_at,
            tag: "tag1".into(),
            title: i.title.clone(),
        })
        .collect();
    assert_eq!(items.len(), 5);
    assert_eq!(items, expected);
}

#[tokio::test]
async fn a_multi_attribute_index_takes_sort_conditions_left_to_right() {
    let (db, images) = gallery().await;
    let in_lyon = |keep: &dyn Fn(&Image) -> bool| -> Vec<String> {
        let mut ids: Vec<String> = images
            .iter()
            .filter(|i| i.city == "Lyon" && keep(i))
            .map(|i| i.image_id.clone())
            .collect();
        ids.sort_by_key(|id| {
            let i = images.iter().find(|i| &i.image_id == id).unwrap();
            (i.year, i.month, i.day, i.album.clone(), i.image_id.clone())
        });
        ids
    };
    let ids = |items: Vec<Image>| items.into_iter().map(|i| i.image_id).collect::<Vec<_>>();

    let all = db
        .query_index(Image::by_place(), ("FR", "Lyon"))
        .all()
        .await
        .unwrap();
    assert_eq!(ids(all), in_lyon(&|_| true));

    let year = db
        .query_index(Image::by_place(), ("FR", "Lyon"))
        .sort_prefix_eq(2020u16)
        .sort_ge(5u8)
        .all()
        .await
        .unwrap();
    let expected = in_lyon(&|i| i.year == 2020 && i.month >= 5);
    assert!(!expected.is_empty());
    assert_eq!(ids(year), expected);

    let exact = &images[6];
    let one = db
        .query_index(Image::by_place(), ("FR", "Lyon"))
        .sort_eq((exact.year, exact.month, exact.day))
        .all()
        .await
        .unwrap();
    assert_eq!(one, std::slice::from_ref(exact));

    let days = db
        .query_index(Image::by_place(), ("FR", "Lyon"))
        .sort_prefix_eq(exact.year)
        .sort_prefix_eq(exact.month)
        .sort_between(1u8, 28u8)
        .all()
        .await
        .unwrap();
    assert_eq!(
        ids(days),
        in_lyon(&|i| i.year == exact.year && i.month == exact.month)
    );

    let nothing_in_paris_lyon = db
        .query_index(Image::by_place(), ("FR", "Paris-Lyon"))
        .count()
        .await
        .unwrap();
    assert_eq!(nothing_in_paris_lyon, 0);
}

#[tokio::test]
async fn a_local_index_reads_consistently_in_its_sort_order() {
    let (db, images) = gallery().await;
    let items = db
        .query_index(Image::by_size(), "album0")
        .sort_gt(100u64)
        .consistent_read(true)
        .all()
        .await
        .unwrap();
    let mut expected: Vec<&Image> = images
        .iter()
        .filter(|i| i.album == "album0" && i.size > 100)
        .collect();
    expected.sort_by_key(|i| (i.size, i.image_id.clone()));
    let sizes: Vec<(u64, &str)> = items
        .iter()
        .map(|i| (i.size, i.image_id.as_str()))
        .collect();
    let expected: Vec<(u64, &str)> = expected
        .iter()
        .map(|i| (i.size, i.image_id.as_str()))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(sizes, expected);
}

#[tokio::test]
async fn index_pages_descend_and_continue_after_their_last_key() {
    let (db, images) = gallery().await;
    let mut expected: Vec<u64> = images
        .iter()
        .filter(|i| i.user_id == "u0")
        .map(|i| i.created_at)
        .collect();
    expected.sort_unstable_by(|a, b| b.cmp(a));

    let mut seen = Vec::new();
    let mut start = None;
    let mut pages = 0;
    loop {
        let mut query = db.query_index(Image::by_user(), "u0").descending().limit(3);
        if let Some(key) = start.take() {
            query = query.start_after(key);
        }
        let page = query.send().await.unwrap();
        pages += 1;
        assert!(page.items.len() <= 3);
        seen.extend(page.items.iter().map(|item| item.created_at));
        match page.last_evaluated_key {
            Some(key) => {
                assert!(
                    key.contains_key("userId") && key.contains_key("imageId"),
                    "{key:?}"
                );
                start = Some(key);
            }
            None => break,
        }
    }
    assert_eq!(seen, expected);
    assert!(pages >= 3, "8 items in pages of 3");
}

#[tokio::test]
async fn index_reads_take_filters_and_projections_of_projected_fields() {
    let (db, images) = gallery().await;
    // A filter names non-key attributes (DynamoDB rejects key attributes there); `by_tag`
    // projects `title`.
    let keys = db
        .query_index(Image::by_tag(), "tag0")
        .filter(|image| image.title.ne("Image 2"))
        .project::<ImageKey>()
        .all()
        .await
        .unwrap();
    let mut expected: Vec<&Image> = images
        .iter()
        .filter(|i| i.tag.as_deref() == Some("tag0") && i.title != "Image 2")
        .collect();
    expected.sort_by_key(|i| i.created_at);
    let expected: Vec<ImageKey> = expected
        .into_iter()
        .map(|i| ImageKey {
            album: i.album.clone(),
            image_id: i.image_id.clone(),
        })
        .collect();
    assert_eq!(expected.len(), 5);
    assert_eq!(keys, expected);

    let counted = db.scan_index(Image::by_size()).count().await.unwrap();
    assert_eq!(
        counted, 24,
        "a local index holds every item that has its sort key"
    );
}
