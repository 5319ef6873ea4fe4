//! Every typed index operation compiles: queries and scans of global and local indexes,
//! single and multi-attribute keys, every sort-key shape DynamoDB accepts, projections of
//! projected fields, and the item types each projection gives.

use dynamodel::{Backend, Client, Index, IndexKind, Page, Projection, Result, Source, Table};

#[derive(Table)]
#[dynamodel(table = "images", rename_all = "camelCase")]
#[dynamodel(global_index(name = "by_user", partition_key = "user_id", sort_key = "created_at", projection = keys_only))]
#[dynamodel(global_index(name = "by_tag", partition_key = "tag", sort_key = "title", projection(include("size"))))]
#[dynamodel(global_index(name = "by_place", partition_key("country", "city"), sort_key("year", "month", "day")))]
#[dynamodel(global_index(name = "GSI-everything", partition_key = "country"))]
#[dynamodel(local_index(name = "by_size", sort_key = "size", projection(include("title")), derive(Clone, Debug)))]
pub struct Image {
    #[dynamodel(partition_key)]
    album: String,
    #[dynamodel(sort_key)]
    id: String,
    user_id: String,
    created_at: u64,
    tag: Option<String>,
    title: String,
    size: u64,
    country: String,
    city: String,
    year: u16,
    month: u8,
    day: u8,
}

#[derive(Projection)]
#[dynamodel(projection_of = Image)]
pub struct Sized {
    album: String,
    id: String,
    size: u64,
}

async fn single_attribute_keys<B: Backend>(db: &Client<B>) -> Result<()> {
    let _: Page<ImageByUserItem> = db.query_index(Image::by_user(), "u1").await?;
    let _: Vec<ImageByUserItem> = db
        .query_index(Image::by_user(), String::from("u1"))
        .sort_between(1u64, 2u64)
        .descending()
        .limit(10)
        .filter(|image| image.created_at.ne(5u64))
        .all()
        .await?;
    let _: u64 = db.query_index(Image::by_user(), "u1").sort_eq(7u64).count().await?;
    let tagged: Vec<ImageByTagItem> = db
        .query_index(Image::by_tag(), "cats")
        .sort_begins_with("Sunset")
        .all()
        .await?;
    let _: Option<String> = tagged.into_iter().next().map(|item| item.title + &item.tag);
    let _: Vec<Sized> = db.query_index(Image::by_tag(), "cats").project::<Sized>().all().await?;
    let _: Page<Image> = db.query_index(Image::gsi_everything(), "FR").send().await?;
    Ok(())
}

async fn multi_attribute_keys<B: Backend>(db: &Client<B>) -> Result<()> {
    let place = || db.query_index(Image::by_place(), ("FR", "Lyon"));
    let _: Vec<Image> = place().all().await?;
    let _ = place().sort_eq((2024u16, 5u8, 1u8)).await?;
    let _ = place().sort_lt(2024u16).await?;
    let _ = place().sort_prefix_eq(2024u16).sort_eq((5u8, 1u8)).await?;
    let _ = place().sort_prefix_eq(2024u16).sort_between(3u8, 6u8).await?;
    let _ = place().sort_prefix_eq(2024u16).sort_prefix_eq(5u8).sort_ge(10u8).await?;
    let _ = place().sort_prefix_eq(2024u16).sort_prefix_eq(5u8).sort_eq(1u8).await?;
    let _ = place().sort_prefix_eq(2024u16).count().await?;
    Ok(())
}

async fn local_index_and_scans<B: Backend>(db: &Client<B>) -> Result<()> {
    let items: Vec<ImageBySizeItem> = db
        .query_index(Image::by_size(), "album")
        .sort_ge(100u64)
        .consistent_read(true)
        .all()
        .await?;
    let _ = items.first().cloned().map(|item| item.size);
    let _: Page<ImageByUserItem> = db.scan_index(Image::by_user()).limit(5).await?;
    let _: Vec<ImageBySizeItem> = db.scan_index(Image::by_size()).consistent_read(true).all().await?;
    let _: Vec<Sized> = db.scan_index(Image::by_size()).project::<Sized>().all().await?;
    let _: u64 = db.scan_index(Image::by_tag()).count().await?;
    Ok(())
}

fn main() {
    assert_eq!(<ImageByPlaceIndex as Index>::NAME, "by_place");
    assert_eq!(ImageBySizeIndex::KIND, IndexKind::Local);
    assert_eq!(ImageByPlaceIndex::SORT_ATTRIBUTES, ["year", "month", "day"]);
    let _ = single_attribute_keys::<dynamodel_local::Engine>;
    let _ = multi_attribute_keys::<dynamodel_local::Engine>;
    let _ = local_index_and_scans::<dynamodel_local::Engine>;
}
