//! The indexed table the index tests share.
//!
//! Table `tbl`: `pk` (S) and `sk` (N); global index `by_g` on `g` (S) and `gs` (N), keys only;
//! local index `by_l` on `l` (N), including `x`; global index `by_m` with a multi-attribute key:
//! partition `m1` (S) and `m2` (N), sort `m3` (S) and `m4` (N), all attributes.

use dynamodel::model::{
    AttributeDefinition, CreateTableInput, GlobalSecondaryIndex, KeySchemaElement,
    LocalSecondaryIndex, Projection, ProjectionType, ScalarAttributeType as T,
};
use dynamodel::{Backend, Item};

use super::support::{TABLE, run, table_input};
use crate::Engine;
use crate::storage::index::Index;

pub(crate) fn projection(kind: ProjectionType, attributes: &[&str]) -> Projection {
    Projection {
        projection_type: Some(kind),
        non_key_attributes: (!attributes.is_empty())
            .then(|| attributes.iter().map(|a| (*a).to_owned()).collect()),
    }
}

pub(crate) fn global(
    name: &str,
    hash: &[&str],
    range: &[&str],
    kind: ProjectionType,
) -> GlobalSecondaryIndex {
    GlobalSecondaryIndex {
        index_name: name.into(),
        key_schema: hash
            .iter()
            .map(|h| KeySchemaElement::hash(*h))
            .chain(range.iter().map(|r| KeySchemaElement::range(*r)))
            .collect(),
        projection: projection(kind, &[]),
        provisioned_throughput: None,
    }
}

/// The CreateTable request of the indexed table.
pub(crate) fn indexed_input() -> CreateTableInput {
    let mut input = table_input(TABLE, ("pk", T::S), Some(("sk", T::N)));
    for (name, kind) in [
        ("g", T::S),
        ("gs", T::N),
        ("l", T::N),
        ("m1", T::S),
        ("m2", T::N),
        ("m3", T::S),
        ("m4", T::N),
    ] {
        input
            .attribute_definitions
            .push(AttributeDefinition::new(name, kind));
    }
    input.global_secondary_indexes = Some(vec![
        global("by_g", &["g"], &["gs"], ProjectionType::KeysOnly),
        global("by_m", &["m1", "m2"], &["m3", "m4"], ProjectionType::All),
    ]);
    input.local_secondary_indexes = Some(vec![LocalSecondaryIndex {
        index_name: "by_l".into(),
        key_schema: vec![KeySchemaElement::hash("pk"), KeySchemaElement::range("l")],
        projection: projection(ProjectionType::Include, &["x"]),
    }]);
    input
}

pub(crate) fn indexed_engine() -> Engine {
    let engine = Engine::new();
    run(engine.create_table(indexed_input())).unwrap();
    engine
}

/// A snapshot of the table's items and indexes.
pub(crate) fn snapshot(engine: &Engine) -> (Vec<Item>, Vec<Index>) {
    let table = engine.shared.tables.get(TABLE).unwrap();
    let data = table.data.read();
    let items = data.items.values().map(|s| s.item().unwrap()).collect();
    (items, data.indexes.clone())
}

/// Asserts every index holds exactly what a recomputation from the table's items gives.
#[track_caller]
pub(crate) fn assert_indexes_consistent(engine: &Engine) {
    let table = engine.shared.tables.get(TABLE).unwrap();
    let data = table.data.read();
    for index in &data.indexes {
        let mut expected = index.clone();
        expected.entries.clear();
        expected.size_bytes = 0;
        for (key, stored) in &data.items {
            expected.insert(key, &stored.item().unwrap());
        }
        let actual: Vec<_> = index
            .entries
            .iter()
            .map(|(p, e)| (p, e.item().unwrap()))
            .collect();
        let wanted: Vec<_> = expected
            .entries
            .iter()
            .map(|(p, e)| (p, e.item().unwrap()))
            .collect();
        assert_eq!(actual, wanted, "index {}", index.name);
        assert_eq!(
            index.size_bytes, expected.size_bytes,
            "index {}",
            index.name
        );
    }
}
