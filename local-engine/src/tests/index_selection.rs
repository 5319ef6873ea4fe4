//! What a Query or Scan of an index may name: the index's key is off limits to a Query filter
//! (the table's key is not), a Query filter and a global index's projection may name only
//! projected attributes, and no expression may step into any index key attribute.

use dynamodel::model::{GetItemInput, QueryInput, ScanInput, UpdateItemInput};
use dynamodel::{AttributeValue, Backend};

use super::index_fixture::*;
use super::support::*;
use crate::Engine;

fn seeded() -> Engine {
    let engine = indexed_engine();
    for (pk, g) in [("a", "x"), ("b", "x")] {
        put(
            &engine,
            item(&[
                ("pk", s(pk)),
                ("sk", n("1")),
                ("g", s(g)),
                ("gs", n("1")),
                ("l", n("1")),
                ("x", s("in")),
                ("y", s("out")),
            ]),
        );
    }
    engine
}

fn by_g(filter: Option<&str>, values: &[(&str, AttributeValue)]) -> QueryInput {
    let mut values = values.to_vec();
    values.push((":g", s("x")));
    let mut input = query("g = :g", &values);
    input.index_name = Some("by_g".into());
    input.filter_expression = filter.map(str::to_owned);
    input
}

fn by_l(filter: &str, values: &[(&str, AttributeValue)]) -> QueryInput {
    let mut values = values.to_vec();
    values.push((":p", s("a")));
    let mut input = query("pk = :p", &values);
    input.index_name = Some("by_l".into());
    input.filter_expression = Some(filter.to_owned());
    input
}

#[test]
fn a_query_filter_may_read_the_table_key_but_not_the_index_key() {
    let engine = seeded();
    let output = run(engine.query(by_g(Some("pk = :p"), &[(":p", s("b"))]))).unwrap();
    assert_eq!(column(&output.items.unwrap(), "pk"), [s("b")]);
    assert_validation(
        run(engine.query(by_g(Some("gs = :v"), &[(":v", n("1"))]))),
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: gs",
    );
    // On a local index the table's partition key is the index's too; its sort key is not.
    assert_validation(
        run(engine.query(by_l("pk = :v", &[(":v", s("a"))]))),
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk",
    );
    let output = run(engine.query(by_l("sk = :v", &[(":v", n("1"))]))).unwrap();
    assert_eq!(output.count, 1);
}

#[test]
fn a_query_filter_reads_only_projected_attributes() {
    let engine = seeded();
    // The key check comes first, then every unprojected attribute, ascending.
    assert_validation(
        run(engine.query(by_g(
            Some("y = :v OR x = :v OR gs = :n"),
            &[(":v", s("in")), (":n", n("1"))],
        ))),
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: gs",
    );
    assert_validation(
        run(engine.query(by_g(Some("y = :v OR x.z = :v"), &[(":v", s("in"))]))),
        "One or more parameter values were invalid: Secondary index by_g does not project one or more filter attributes: [x, y]",
    );
    // Local indexes too, although they could fetch from the table.
    assert_validation(
        run(engine.query(by_l("y = :v", &[(":v", s("out"))]))),
        "One or more parameter values were invalid: Secondary index by_l does not project one or more filter attributes: [y]",
    );
    // A Scan filter is not checked.
    let output = run(engine.scan(ScanInput {
        index_name: Some("by_g".into()),
        filter_expression: Some("y = :v".into()),
        expression_attribute_values: Some([(":v".to_owned(), s("out"))].into()),
        ..scan()
    }))
    .unwrap();
    assert_eq!((output.count, output.scanned_count), (0, 2));
}

#[test]
fn a_global_index_projection_names_only_projected_attributes() {
    let engine = seeded();
    let mut input = by_g(None, &[]);
    input.projection_expression = Some("pk, y, x".into());
    assert_validation(
        run(engine.query(input)),
        "One or more parameter values were invalid: Global secondary index by_g does not project [x, y]",
    );
    let scanned = run(engine.scan(ScanInput {
        index_name: Some("by_g".into()),
        attributes_to_get: Some(vec!["x".into()]),
        ..scan()
    }));
    assert_validation(
        scanned,
        "One or more parameter values were invalid: Global secondary index by_g does not project [x]",
    );
    // A local index fetches unprojected attributes from the table.
    let mut input = by_l("x = :v", &[(":v", s("in"))]);
    input.projection_expression = Some("y".into());
    let items = run(engine.query(input)).unwrap().items.unwrap();
    assert_eq!(column(&items, "y"), [s("out")]);
}

#[test]
fn no_expression_steps_into_an_index_key() {
    let engine = seeded();
    let message = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: g";
    assert_validation(
        run(engine.get_item(GetItemInput {
            table_name: TABLE.into(),
            key: item(&[("pk", s("a")), ("sk", n("1"))]),
            projection_expression: Some("g.z".into()),
            ..Default::default()
        })),
        message,
    );
    assert_validation(
        run(engine.update_item(UpdateItemInput {
            table_name: TABLE.into(),
            key: item(&[("pk", s("a")), ("sk", n("1"))]),
            update_expression: Some("SET g.z = :v".into()),
            expression_attribute_values: Some([(":v".to_owned(), s("v"))].into()),
            ..Default::default()
        })),
        message,
    );
    // The table's key is reported before any index key.
    let mut input = by_g(Some("g.z = :v OR pk.z = :v"), &[(":v", s("v"))]);
    input.index_name = Some("by_l".into());
    input.key_condition_expression = Some("pk = :g".into());
    assert_validation(
        run(engine.query(input)),
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk",
    );
}
