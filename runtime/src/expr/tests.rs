//! Rendering of typed expressions, on hand-built paths.

use std::collections::{BTreeSet, HashMap};

use super::*;
use crate::model::{AttributeType, AttributeValue, Number};

/// A stand-in table type: paths only need a type to belong to.
struct Game;

fn path<V>(name: &'static str) -> Path<Game, V> {
    field_path(None, name)
}

fn n(v: i64) -> AttributeValue {
    AttributeValue::N(Number::from(v))
}

fn render(condition: Condition<Game>) -> (String, Renderer) {
    let mut renderer = Renderer::new();
    let text = renderer.condition(&condition.into_node().unwrap()).unwrap();
    (text, renderer)
}

#[test]
fn comparisons_and_functions() {
    let turn = path::<u32>("turn");
    let name = path::<String>("name");
    let tags = path::<BTreeSet<String>>("tags");
    let cases: Vec<(Condition<Game>, &str)> = vec![
        (turn.eq(3), "#n0 = :v0"),
        (turn.ne(3), "#n0 <> :v0"),
        (turn.lt(3), "#n0 < :v0"),
        (turn.le(3), "#n0 <= :v0"),
        (turn.gt(3), "#n0 > :v0"),
        (turn.ge(3), "#n0 >= :v0"),
        (turn.between(1, 9), "#n0 BETWEEN :v0 AND :v1"),
        (turn.is_in([1, 2, 3]), "#n0 IN (:v0, :v1, :v2)"),
        (name.exists(), "attribute_exists(#n0)"),
        (name.not_exists(), "attribute_not_exists(#n0)"),
        (name.is_type(AttributeType::S), "attribute_type(#n0, :v0)"),
        (name.begins_with("ab"), "begins_with(#n0, :v0)"),
        (name.contains("b"), "contains(#n0, :v0)"),
        (tags.contains("x".to_owned()), "contains(#n0, :v0)"),
        (tags.size().gt(2), "size(#n0) > :v0"),
        (name.size().between(1, 5), "size(#n0) BETWEEN :v0 AND :v1"),
        (turn.eq_path(&path::<u32>("max")), "#n0 = #n1"),
    ];
    for (condition, expected) in cases {
        assert_eq!(render(condition).0, expected);
    }
}

#[test]
fn boolean_structure_is_parenthesized() {
    let turn = path::<u32>("turn");
    let winner = path::<Option<String>>("winner");
    let condition = winner.not_exists().and(turn.lt(9).or(!turn.eq(0)));
    let (text, renderer) = render(condition);
    assert_eq!(
        text,
        "(attribute_not_exists(#n0)) AND ((#n1 < :v0) OR (NOT (#n1 = :v1)))"
    );
    let names = renderer.names().unwrap();
    assert_eq!(
        (names["#n0"].as_str(), names["#n1"].as_str()),
        ("winner", "turn")
    );
    let values = renderer.values().unwrap();
    assert_eq!((&values[":v0"], &values[":v1"]), (&n(9), &n(0)));
}

#[test]
fn nested_paths_reuse_name_placeholders() {
    let address: Path<Game, HashMap<String, String>> = path("address");
    let lines: Path<Game, Vec<String>> = path("lines");
    let city = address.entry("city");
    let first = lines.at(0);
    let (text, renderer) = render(
        city.eq("Oslo")
            .and(first.begins_with("1"))
            .and(address.exists()),
    );
    assert_eq!(
        text,
        "((#n0.#n1 = :v0) AND (begins_with(#n2[0], :v1))) AND (attribute_exists(#n0))"
    );
    assert_eq!(renderer.names().unwrap().len(), 3);
}

#[test]
fn user_text_never_reaches_the_expression() {
    let name = path::<String>("weird name) OR (1 = 1");
    let (text, renderer) = render(name.eq("x) OR (y"));
    assert_eq!(text, "#n0 = :v0");
    assert_eq!(renderer.names().unwrap()["#n0"], "weird name) OR (1 = 1");
}

#[test]
fn rendering_is_deterministic() {
    let build = || {
        path::<u32>("turn")
            .between(1, 2)
            .and(path::<String>("name").begins_with("a"))
    };
    assert_eq!(render(build()).0, render(build()).0);
    assert_eq!(render(build()).1.values(), render(build()).1.values());
}

#[test]
fn in_takes_one_to_a_hundred_values() {
    let turn = path::<u32>("turn");
    assert!(turn.is_in(0..100).into_node().is_ok());
    let error = turn.is_in(0..101).into_node().unwrap_err();
    assert!(error.message().contains("1 to 100"), "{error}");
    assert!(turn.is_in(Vec::<u32>::new()).into_node().is_err());
}

#[test]
fn conversion_errors_surface_when_rendering() {
    let ratio = path::<f64>("ratio");
    let error = ratio
        .eq(f64::NAN)
        .and(ratio.gt(1.0))
        .into_node()
        .unwrap_err();
    assert!(error.is_conversion());
}

#[test]
fn raw_expressions_keep_their_placeholders() {
    let raw = RawExpression::new("size(#t) > :min")
        .name("#t", "tags")
        .value(":min", n(2));
    let (text, renderer) = render(Condition::raw_unchecked(raw).and(path::<u32>("turn").eq(1)));
    assert_eq!(text, "((size(#t) > :min)) AND (#n0 = :v0)");
    let names = renderer.names().unwrap();
    assert_eq!(
        (names["#t"].as_str(), names["#n0"].as_str()),
        ("tags", "turn")
    );
    let clash = RawExpression::new("#n0 = :x")
        .name("#n0", "a")
        .value(":x", n(1));
    let mut renderer = Renderer::new();
    let error = renderer.condition(&Condition::<Game>::raw_unchecked(clash).into_node().unwrap());
    assert!(error.unwrap_err().message().contains("collides"));
}

#[test]
fn updates_group_actions_into_clauses() {
    let score = path::<i64>("score");
    let tags = path::<BTreeSet<String>>("tags");
    let moves = path::<Vec<String>>("moves");
    let winner = path::<Option<String>>("winner");
    let update = Update::<Game>::new()
        .set(path::<String>("name"), "ada")
        .increment(score.clone(), 5)
        .add(path::<u64>("visits"), 1)
        .append(moves.clone(), ["e4".to_owned()])
        .prepend(moves.clone(), ["start".to_owned()])
        .set_if_not_exists(path::<u32>("created"), 7)
        .decrement(score, 1)
        .add_members(tags.clone(), ["new".to_owned()])
        .delete_members(tags, ["old".to_owned()])
        .remove(winner)
        .remove_element(moves.at(3));
    let mut renderer = Renderer::new();
    let text = renderer.update(&update.into_actions().unwrap()).unwrap();
    assert_eq!(
        text,
        "SET #n0 = :v0, #n1 = #n1 + :v1, #n3 = list_append(#n3, :v3), #n3 = list_append(:v4, #n3), \
         #n4 = if_not_exists(#n4, :v5), #n1 = #n1 - :v6 \
         REMOVE #n6, #n3[3] ADD #n2 :v2, #n5 :v7 DELETE #n5 :v8"
    );
    let values = renderer.values().unwrap();
    assert_eq!(
        values[":v3"],
        AttributeValue::L(vec![AttributeValue::S("e4".into())])
    );
    assert_eq!(values[":v7"], AttributeValue::Ss(vec!["new".into()]));
}

#[test]
fn empty_updates_and_empty_member_lists_are_errors() {
    let mut renderer = Renderer::new();
    assert!(renderer.update(&[]).is_err());
    let tags = path::<BTreeSet<String>>("tags");
    let update = Update::<Game>::new().add_members(tags, Vec::<String>::new());
    assert!(update.into_actions().is_err());
}

#[test]
fn projections_render_paths() {
    let mut renderer = Renderer::new();
    let paths = [
        RawPath::attribute("a"),
        RawPath::attribute("b").child("c").index(2),
        RawPath::attribute("a"),
    ];
    assert_eq!(renderer.projection(&paths), "#n0, #n1.#n2[2], #n0");
}
