//! Typed secondary-index reads on every backend: a KEYS_ONLY global index (its generated
//! item type, order and pages), a local index read consistently, a multi-attribute global
//! index with an INCLUDE projection, and a sparse index that items enter and leave.

use dynamodel::{Backend, Client, Table, Update};

use crate::backends::{Target, parity_tests};
use crate::support::with_table;

parity_tests!(
    a_keys_only_index_returns_keys_in_index_order_and_pages,
    a_local_index_reads_consistently_in_its_sort_order,
    a_multi_attribute_index_takes_sort_conditions_left_to_right,
    a_sparse_index_holds_only_the_items_that_have_its_key,
);

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "photos", rename_all = "camelCase")]
#[dynamodel(global_index(
    name = "by_owner",
    partition_key = "owner",
    sort_key = "taken_at",
    projection = keys_only,
    derive(Debug, PartialEq)
))]
#[dynamodel(global_index(
    name = "by_place",
    partition_key("country", "city"),
    sort_key("year", "month"),
    projection(include("title")),
    derive(Debug, PartialEq)
))]
#[dynamodel(global_index(name = "featured", partition_key = "featured", sort_key = "likes"))]
#[dynamodel(local_index(name = "by_likes", sort_key = "likes"))]
struct Photo {
    #[dynamodel(partition_key)]
    album: String,
    #[dynamodel(sort_key)]
    photo_id: String,
    owner: String,
    taken_at: u64,
    country: String,
    city: String,
    year: u16,
    month: u8,
    likes: u32,
    /// The editor who featured the photo; `None` keeps it out of `featured`.
    featured: Option<String>,
    title: String,
}

/// Photo `n` of 12. No two photos share an index's full key, so every index order is
/// defined: `taken_at` falls as `n` grows, months are `n + 1`, and `likes` (`5n mod 13`)
/// is unique and differs from the table's sort order.
fn photo(n: u32) -> Photo {
    Photo {
        album: format!("album{}", n % 2),
        photo_id: format!("p{n:02}"),
        owner: format!("u{}", n % 3),
        taken_at: 1_011 - u64::from(n),
        country: "FR".into(),
        city: if n.is_multiple_of(2) { "Lyon" } else { "Paris" }.into(),
        year: 2020 + (n % 3) as u16,
        month: n as u8 + 1,
        likes: n * 5 % 13,
        featured: n.is_multiple_of(3).then(|| format!("editor{}", n % 2)),
        title: format!("Photo {n}"),
    }
}

/// The 12 photos, written to `db`'s new `photos` table.
async fn photos<B: Backend>(db: Client<B>) -> (Client<B>, Vec<Photo>) {
    let db = with_table::<Photo, _>(db).await;
    let photos: Vec<Photo> = (0..12).map(photo).collect();
    for photo in &photos {
        db.put(photo).await.unwrap();
    }
    (db, photos)
}

async fn a_keys_only_index_returns_keys_in_index_order_and_pages<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let (db, photos) = photos(db).await;
    let mut expected: Vec<PhotoByOwnerItem> = photos
        .iter()
        .filter(|p| p.owner == "u1")
        .map(|p| PhotoByOwnerItem {
            album: p.album.clone(),
            photo_id: p.photo_id.clone(),
            owner: p.owner.clone(),
            taken_at: p.taken_at,
        })
        .collect();
    expected.sort_by_key(|p| p.taken_at);
    assert_eq!(expected.len(), 4);

    let items: Vec<PhotoByOwnerItem> = db.query_index(Photo::by_owner(), "u1").all().await.unwrap();
    assert_eq!(items, expected, "every key, in `taken_at` order");

    let later = db
        .query_index(Photo::by_owner(), "u1")
        .sort_gt(expected[1].taken_at)
        .all()
        .await
        .unwrap();
    assert_eq!(later, expected[2..]);

    // Pages of 3, newest first: each page's last key carries the index key and the table
    // key, and the next page starts after it.
    expected.reverse();
    let first = db
        .query_index(Photo::by_owner(), "u1")
        .descending()
        .limit(3)
        .send()
        .await
        .unwrap();
    assert_eq!(first.items, expected[..3]);
    let key = first.last_evaluated_key.expect("a fourth item is left");
    let mut names: Vec<&str> = key.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["album", "owner", "photoId", "takenAt"]);
    let rest = db
        .query_index(Photo::by_owner(), "u1")
        .descending()
        .limit(3)
        .start_after(key)
        .send()
        .await
        .unwrap();
    assert_eq!(rest.items, expected[3..]);
}

async fn a_local_index_reads_consistently_in_its_sort_order<B: Backend>(db: Client<B>, _: Target) {
    let (db, photos) = photos(db).await;
    let mut expected: Vec<&Photo> = photos
        .iter()
        .filter(|p| p.album == "album1" && p.likes >= 6)
        .collect();
    expected.sort_by_key(|p| p.likes);
    assert_eq!(expected.len(), 3);

    let items = db
        .query_index(Photo::by_likes(), "album1")
        .sort_ge(6u32)
        .consistent_read(true)
        .all()
        .await
        .unwrap();
    let expected: Vec<Photo> = expected.into_iter().cloned().collect();
    assert_eq!(items, expected, "whole photos (ALL), in `likes` order");

    let all = db.scan_index(Photo::by_likes()).count().await.unwrap();
    assert_eq!(all, 12, "every photo has `likes`");
}

async fn a_multi_attribute_index_takes_sort_conditions_left_to_right<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let (db, photos) = photos(db).await;
    let in_lyon = |keep: &dyn Fn(&Photo) -> bool| -> Vec<PhotoByPlaceItem> {
        let mut items: Vec<&Photo> = photos
            .iter()
            .filter(|p| p.city == "Lyon" && keep(p))
            .collect();
        items.sort_by_key(|p| (p.year, p.month));
        items
            .into_iter()
            .map(|p| PhotoByPlaceItem {
                album: p.album.clone(),
                photo_id: p.photo_id.clone(),
                country: p.country.clone(),
                city: p.city.clone(),
                year: p.year,
                month: p.month,
                title: p.title.clone(),
            })
            .collect()
    };

    let all = db
        .query_index(Photo::by_place(), ("FR", "Lyon"))
        .all()
        .await
        .unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all, in_lyon(&|_| true), "in (year, month) order");

    let year = db
        .query_index(Photo::by_place(), ("FR", "Lyon"))
        .sort_prefix_eq(2020u16)
        .sort_ge(4u8)
        .all()
        .await
        .unwrap();
    let expected = in_lyon(&|p| p.year == 2020 && p.month >= 4);
    assert_eq!(expected.len(), 1, "p06, not p00 of January");
    assert_eq!(year, expected);

    let exact = db
        .query_index(Photo::by_place(), ("FR", "Lyon"))
        .sort_eq((2021u16, 5u8))
        .all()
        .await
        .unwrap();
    assert_eq!(exact, in_lyon(&|p| p.photo_id == "p04"));

    let nowhere = db
        .query_index(Photo::by_place(), ("FR", "Nice"))
        .count()
        .await
        .unwrap();
    assert_eq!(nowhere, 0);
}

async fn a_sparse_index_holds_only_the_items_that_have_its_key<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let (db, photos) = photos(db).await;
    let featured_ids = |items: &[Photo]| -> Vec<String> {
        let mut ids: Vec<String> = items.iter().map(|p| p.photo_id.clone()).collect();
        ids.sort();
        ids
    };
    let scanned = db.scan_index(Photo::featured()).all().await.unwrap();
    assert_eq!(featured_ids(&scanned), ["p00", "p03", "p06", "p09"]);

    let editor0: Vec<(String, u32)> = db
        .query_index(Photo::featured(), "editor0")
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.photo_id, p.likes))
        .collect();
    let mut expected: Vec<(String, u32)> = photos
        .iter()
        .filter(|p| p.featured.as_deref() == Some("editor0"))
        .map(|p| (p.photo_id.clone(), p.likes))
        .collect();
    expected.sort_by_key(|(_, likes)| *likes);
    assert_eq!(editor0, expected);

    // Removing the key takes an item out of the index; setting it puts one in.
    db.update(Photo::key("album0", "p06"), |p| {
        Update::new().remove(p.featured)
    })
    .await
    .unwrap();
    db.update(Photo::key("album1", "p01"), |p| {
        Update::new().set(p.featured, "editor1".to_owned())
    })
    .await
    .unwrap();
    let scanned = db.scan_index(Photo::featured()).all().await.unwrap();
    assert_eq!(featured_ids(&scanned), ["p00", "p01", "p03", "p09"]);
    assert_eq!(
        db.query_index(Photo::featured(), "editor0")
            .count()
            .await
            .unwrap(),
        1,
        "p00 alone is left with editor0"
    );
}
