//! Projection checks and application; expected outputs observed with DynamoDB Local 3.3.0.

use dynamodel::{AttributeValue as V, Item, Number};

use super::*;
use crate::expr::Uses;
use crate::expr::parser::parse_projection;
use crate::messages::{Layer, expression};

fn n(v: i64) -> V {
    V::N(Number::from(v))
}

fn s(text: &str) -> V {
    V::S(text.to_owned())
}

fn map(pairs: &[(&str, V)]) -> V {
    V::M(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

fn the_item() -> Item {
    let a = map(&[
        ("b", s("x")),
        (
            "c",
            V::L(vec![n(0), n(1), map(&[("d", s("y")), ("e", s("z"))]), n(3)]),
        ),
    ]);
    let l = V::L(vec![s("l0"), s("l1"), s("l2"), s("l3")]);
    [("pk", s("p")), ("a", a), ("l", l), ("n", n(5))]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// The projection of the item, or the check error.
fn project(source: &str) -> Result<Item, String> {
    let names = [("#n".to_owned(), "n".to_owned())].into();
    let uses = Uses {
        any_expression: true,
        value_expression: false,
    };
    let mut placeholders = Placeholders::new(Some(&names), None, uses, Layer::Current).unwrap();
    let paths = parse_projection(source).map_err(|e| e.detail)?;
    let projection = Projection::check(&paths, &mut placeholders)?;
    Ok(projection.apply(&the_item()))
}

fn item(pairs: &[(&str, V)]) -> Item {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

#[test]
fn nested_paths_keep_their_structure() {
    assert_eq!(project("a.b"), Ok(item(&[("a", map(&[("b", s("x"))]))])));
    assert_eq!(
        project("a.c[2].d, a.c[0]"),
        Ok(item(&[(
            "a",
            map(&[("c", V::L(vec![n(0), map(&[("d", s("y"))])]))])
        )]))
    );
    assert_eq!(
        project("a.c[3], a.c[1]"),
        Ok(item(&[("a", map(&[("c", V::L(vec![n(1), n(3)]))]))]))
    );
    assert_eq!(
        project("l[3], l[1], l[9]"),
        Ok(item(&[("l", V::L(vec![s("l1"), s("l3")]))]))
    );
    assert_eq!(
        project("l[1], #n, nope, a.nope, a.c[7]"),
        Ok(item(&[("l", V::L(vec![s("l1")])), ("n", n(5))]))
    );
    assert_eq!(project("pk"), Ok(item(&[("pk", s("p"))])));
    assert_eq!(project("nope, n.x, l.x, a[0]"), Ok(Item::new()));
}

#[test]
fn overlapping_and_conflicting_paths() {
    let overlap = |one: &str, two: &str| Err(expression::paths_overlap(one, two));
    let conflict = |one: &str, two: &str| Err(expression::paths_conflict(one, two));
    assert_eq!(project("a, a.b"), overlap("[a]", "[a, b]"));
    assert_eq!(project("a.b, a"), overlap("[a, b]", "[a]"));
    assert_eq!(project("a.b, a.b"), overlap("[a, b]", "[a, b]"));
    assert_eq!(project("a.c, a.c[1]"), overlap("[a, c]", "[a, c, [1]]"));
    assert_eq!(project("l[1], l[1]"), overlap("[l, [1]]", "[l, [1]]"));
    assert_eq!(project("#n, n"), overlap("[n]", "[n]"));
    assert_eq!(
        project("a.c[1], a.c.x"),
        conflict("[a, c, [1]]", "[a, c, x]")
    );
    assert_eq!(project("l.x, l[1]"), conflict("[l, x]", "[l, [1]]"));
    assert_eq!(
        project("a.b.c, a.b[0]"),
        conflict("[a, b, c]", "[a, b, [0]]")
    );
    assert_eq!(project("a.b, a.c, l[0], l[1]").map(|i| i.len()), Ok(2));
}

#[test]
fn names_are_checked_like_every_path() {
    assert_eq!(project("name"), Err(expression::reserved_keyword("name")));
    assert_eq!(
        project("a[99999999999]"),
        Err(expression::index_out_of_range("99999999999"))
    );
    assert_eq!(project("#x"), Err(expression::undefined_name("#x")));
    // Shape errors of every path come before any name is resolved.
    assert_eq!(
        project("#x, name"),
        Err(expression::reserved_keyword("name"))
    );
}

#[test]
fn attributes_to_get_are_top_level_names() {
    let projection = Projection::attributes(&["a.b".to_owned(), "n".to_owned()]);
    assert_eq!(projection.apply(&the_item()), item(&[("n", n(5))]));
}
