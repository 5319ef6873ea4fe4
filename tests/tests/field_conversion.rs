//! The generated struct ⇄ item conversion: fields are written and read whatever their
//! declaration order is next to their attribute names' order, absent values are left out
//! (or `NULL` when `nullable`), attributes of no field are ignored, and an error names the
//! first failing field in declaration order, in both directions.

use dynamodel::{Attribute, AttributeValue, Item, Table};

/// Fields declared in an order unlike their names' (`zeta` first, a renamed `Middle`
/// whose capital sorts before every lowercase name).
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "unsorted")]
struct Unsorted {
    #[dynamodel(partition_key)]
    zeta: String,
    alpha: u32,
    #[dynamodel(rename = "Middle")]
    middle: f64,
    absent: Option<String>,
    #[dynamodel(nullable)]
    nothing: Option<String>,
    #[dynamodel(default)]
    defaulted: u32,
    #[dynamodel(skip)]
    skipped: u32,
    inner: Inner,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Inner {
    y: i64,
    x: Vec<String>,
    #[dynamodel(rename = "A")]
    a: bool,
}

/// Two fields that fail to convert, declared in the reverse of their names' order.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "failing")]
struct Failing {
    #[dynamodel(partition_key)]
    id: String,
    second: f64,
    first: f64,
}

fn sample() -> Unsorted {
    Unsorted {
        zeta: "z".to_owned(),
        alpha: 7,
        middle: 0.25,
        absent: None,
        nothing: None,
        defaulted: 3,
        skipped: 0,
        inner: Inner {
            y: -2,
            x: vec!["b".to_owned(), "a".to_owned()],
            a: true,
        },
    }
}

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

fn n(value: i64) -> AttributeValue {
    AttributeValue::N(value.into())
}

fn item<const N: usize>(entries: [(&str, AttributeValue); N]) -> Item {
    entries
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

#[test]
fn to_item_writes_every_stored_field_under_its_name() {
    let expected = item([
        ("zeta", s("z")),
        ("alpha", n(7)),
        ("Middle", AttributeValue::N("0.25".parse().unwrap())),
        ("nothing", AttributeValue::Null),
        ("defaulted", n(3)),
        (
            "inner",
            AttributeValue::M(item([
                ("y", n(-2)),
                ("x", AttributeValue::L(vec![s("b"), s("a")])),
                ("A", AttributeValue::Bool(true)),
            ])),
        ),
    ]);
    assert_eq!(sample().to_item().unwrap(), expected);
}

#[test]
fn from_item_reads_back_what_to_item_wrote() {
    let value = Unsorted {
        absent: Some("here".to_owned()),
        nothing: Some("set".to_owned()),
        ..sample()
    };
    let stored = value.to_item().unwrap();
    assert_eq!(stored.get("absent"), Some(&s("here")));
    assert_eq!(Unsorted::from_item(stored).unwrap(), value);
    assert_eq!(
        Unsorted::from_item(sample().to_item().unwrap()).unwrap(),
        sample()
    );
}

#[test]
fn from_item_ignores_other_attributes_and_fills_defaults() {
    let mut stored = sample().to_item().unwrap();
    stored.remove("defaulted");
    stored.remove("nothing");
    stored.insert("Zzz".to_owned(), s("unknown"));
    stored.insert("aaa".to_owned(), n(1));
    stored.insert("skipped".to_owned(), n(99));
    let read = Unsorted::from_item(stored).unwrap();
    assert_eq!(
        read,
        Unsorted {
            defaulted: 0,
            ..sample()
        }
    );
}

#[test]
fn from_item_names_the_first_failing_field_in_declaration_order() {
    let mut stored = sample().to_item().unwrap();
    stored.insert("alpha".to_owned(), s("seven"));
    stored.remove("zeta");
    let error = Unsorted::from_item(stored.clone()).unwrap_err();
    assert_eq!(error.message(), "attribute `zeta`: attribute is missing");
    stored.insert("zeta".to_owned(), s("z"));
    let error = Unsorted::from_item(stored).unwrap_err();
    assert_eq!(
        error.message(),
        "attribute `alpha`: expected a number (N), found S"
    );
}

#[test]
fn nested_errors_carry_the_path() {
    let mut stored = sample().to_item().unwrap();
    stored.insert("inner".to_owned(), AttributeValue::M(item([("y", n(1))])));
    let error = Unsorted::from_item(stored).unwrap_err();
    assert_eq!(error.message(), "attribute `inner.x`: attribute is missing");
}

#[test]
fn to_item_names_the_first_failing_field_in_declaration_order() {
    let failing = Failing {
        id: "f".to_owned(),
        second: f64::NAN,
        first: f64::INFINITY,
    };
    let error = failing.to_item().unwrap_err();
    assert!(
        error.message().starts_with("attribute `second`: "),
        "{error}"
    );
}
