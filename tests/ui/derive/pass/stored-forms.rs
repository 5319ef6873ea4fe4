//! The generated conversions store each shape in its documented form, read exactly those
//! forms back, and name the failing attribute in errors.

use dynamodel::{Attribute, AttributeValue, Item, Table};

#[derive(Attribute, Clone, Debug, PartialEq)]
#[dynamodel(key)]
struct UserId(String);

#[derive(Attribute, Debug, PartialEq)]
struct Range(u32, String);

#[derive(Attribute, Debug, PartialEq, Clone, Copy)]
#[dynamodel(rename_all = "SCREAMING_SNAKE_CASE")]
enum Level {
    Low,
    VeryHigh,
}

#[derive(Attribute, Debug, PartialEq)]
#[dynamodel(rename_all = "kebab-case")]
enum Shape {
    Point,
    Circle(f64),
    Segment(u32, u32),
    #[dynamodel(rename = "rect")]
    Rectangle {
        width: u32,
        #[dynamodel(rename = "h")]
        height: u32,
    },
}

#[derive(Attribute, Debug, PartialEq, Default)]
#[dynamodel(rename_all = "camelCase")]
struct Address {
    street_name: String,
    #[dynamodel(default)]
    floor: u8,
}

#[derive(Table, Debug, PartialEq)]
#[dynamodel(table = "users", rename_all = "camelCase")]
struct User {
    #[dynamodel(partition_key)]
    user_id: UserId,
    r#type: String,
    address: Address,
    level: Level,
    shapes: Vec<Shape>,
    range: Range,
    nickname: Option<String>,
    #[dynamodel(nullable)]
    cleared: Option<String>,
    #[dynamodel(skip)]
    cache: Option<String>,
    #[dynamodel(default)]
    visits: u32,
}

fn s(value: &str) -> AttributeValue {
    AttributeValue::S(value.to_owned())
}

fn n(value: u32) -> AttributeValue {
    value.to_attribute().expect("a number")
}

fn map<const N: usize>(entries: [(&str, AttributeValue); N]) -> AttributeValue {
    AttributeValue::M(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn error<T: Attribute + std::fmt::Debug>(value: AttributeValue) -> String {
    T::from_attribute(value)
        .expect_err("the value does not convert")
        .to_string()
}

fn user() -> User {
    User {
        user_id: UserId("u1".into()),
        r#type: "admin".into(),
        address: Address {
            street_name: "Main St".into(),
            floor: 3,
        },
        level: Level::VeryHigh,
        shapes: vec![
            Shape::Point,
            Shape::Circle(1.5),
            Shape::Segment(1, 2),
            Shape::Rectangle {
                width: 3,
                height: 4,
            },
        ],
        range: Range(7, "x".into()),
        nickname: None,
        cleared: None,
        cache: Some("not stored".into()),
        visits: 9,
    }
}

fn main() {
    let item = user().to_item().expect("the user converts");
    let expected: Item = [
        ("userId", s("u1")),
        ("type", s("admin")),
        (
            "address",
            map([("streetName", s("Main St")), ("floor", n(3))]),
        ),
        ("level", s("VERY_HIGH")),
        (
            "shapes",
            AttributeValue::L(vec![
                s("point"),
                map([("circle", 1.5f64.to_attribute().expect("a number"))]),
                map([("segment", AttributeValue::L(vec![n(1), n(2)]))]),
                map([("rect", map([("width", n(3)), ("h", n(4))]))]),
            ]),
        ),
        ("range", AttributeValue::L(vec![n(7), s("x")])),
        ("cleared", AttributeValue::Null),
        ("visits", n(9)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(item, expected);

    // Reading gives the value back, with skipped fields defaulted.
    assert_eq!(
        User::from_item(item.clone()).expect("the item converts"),
        User {
            cache: None,
            ..user()
        }
    );
    // A nested table struct is a map.
    assert_eq!(
        user().to_attribute().expect("the user converts"),
        AttributeValue::M(item.clone())
    );

    // `default` fields may be absent; other fields may not.
    let mut without_visits = item.clone();
    without_visits.remove("visits");
    assert_eq!(
        User::from_item(without_visits)
            .expect("visits defaults")
            .visits,
        0
    );
    let mut without_type = item.clone();
    without_type.remove("type");
    assert_eq!(
        User::from_item(without_type)
            .expect_err("type is required")
            .to_string(),
        "attribute `type`: attribute is missing"
    );

    // Keys.
    assert_eq!(User::PARTITION_KEY, "userId");
    assert_eq!(
        User::key(UserId("u1".into()))
            .to_item()
            .expect("the key converts"),
        Item::from([("userId".to_owned(), s("u1"))])
    );
    assert_eq!(user().primary_key(), User::key(UserId("u1".into())));

    // Errors name the attribute and the variant.
    let mut bad_floor = item.clone();
    bad_floor.insert(
        "address".into(),
        map([("streetName", s("Main St")), ("floor", s("3"))]),
    );
    assert_eq!(
        User::from_item(bad_floor)
            .expect_err("floor is a string")
            .to_string(),
        "attribute `address.floor`: expected a number (N), found S"
    );
    assert_eq!(
        error::<Level>(s("MEDIUM")),
        "unknown variant `MEDIUM`, expected one of `LOW`, `VERY_HIGH`"
    );
    assert_eq!(
        error::<Level>(AttributeValue::Bool(true)),
        "expected a string (S), found BOOL"
    );
    assert_eq!(
        error::<Shape>(s("triangle")),
        "unknown variant `triangle`, expected one of `point`, `circle`, `segment`, `rect`"
    );
    assert_eq!(
        error::<Shape>(s("circle")),
        "variant `circle` holds data and is stored as a map {\"circle\": ...}, found a string"
    );
    assert_eq!(
        error::<Shape>(map([("point", AttributeValue::Null)])),
        "variant `point` holds no data and is stored as the string \"point\", found a map"
    );
    assert_eq!(
        error::<Shape>(map([("rect", map([("width", n(1))]))])),
        "attribute `rect.h`: attribute is missing"
    );
    assert_eq!(
        error::<Shape>(map([("segment", AttributeValue::L(vec![n(1)]))])),
        "attribute `segment`: expected a list of 2 elements, found 1"
    );
    assert_eq!(
        error::<Shape>(map([("circle", n(1)), ("point", n(2))])),
        "expected a map with one entry naming the enum variant, found 2 entries"
    );
    assert_eq!(
        error::<Range>(AttributeValue::L(vec![n(1), n(2)])),
        "attribute `[1]`: expected a string (S), found N"
    );
    assert_eq!(error::<UserId>(n(1)), "expected a string (S), found N");
}
