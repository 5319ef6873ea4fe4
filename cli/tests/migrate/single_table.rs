//! Several models stored in one table: the table's schema is their combination.

use dynamodel::model::ScalarAttributeType::S;
use dynamodel::{IndexProjection, IndexSchema, TableSchema};
use dynamodel_cli::migrate::{Error, Snapshot};

fn entity(index: &str, projection: IndexProjection) -> TableSchema {
    let mut schema = TableSchema::new("app", ("pk".into(), S));
    schema.sort_key = Some(("sk".into(), S));
    schema.global_indexes.push(IndexSchema {
        name: index.into(),
        partition_key: vec![(format!("{index}_pk"), S)],
        sort_key: vec![],
        projection,
        throughput: None,
    });
    schema
}

#[test]
fn models_sharing_a_table_contribute_their_indexes() {
    let snapshot = Snapshot::from_tables([
        entity("by_tag", IndexProjection::All),
        entity("by_author", IndexProjection::KeysOnly),
        entity("by_tag", IndexProjection::All),
    ])
    .unwrap();
    let names: Vec<&str> = snapshot.tables["app"]
        .global_indexes
        .iter()
        .map(|index| index.name.as_str())
        .collect();
    assert_eq!(names, ["by_tag", "by_author"]);
}

#[test]
fn models_declaring_one_index_differently_are_refused() {
    let error = Snapshot::from_tables([
        entity("by_tag", IndexProjection::All),
        entity("by_tag", IndexProjection::KeysOnly),
    ])
    .unwrap_err();
    assert!(matches!(error, Error::Usage(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "table `app`: its models declare index `by_tag` differently"
    );
}
