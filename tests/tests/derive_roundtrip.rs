//! Property tests: arbitrary values of derived types survive struct → item → wire JSON →
//! item → struct, and a put/get through the engine.

use std::collections::{BTreeMap, BTreeSet};

use dynamodel::{Attribute, Item, Table};
use proptest::prelude::*;

use crate::support::{Address, Level, Shape};

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "props", rename_all = "snake_case")]
struct Props {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(sort_key)]
    seq: i64,
    unsigned: u64,
    wide: i128,
    float: f64,
    text: String,
    bytes: Vec<u8>,
    list: Vec<i32>,
    tags: BTreeSet<String>,
    map: BTreeMap<String, Vec<String>>,
    nested: Option<Address>,
    shape: Shape,
    level: Level,
    deep: Vec<Option<Level>>,
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::Low), Just(Level::High)]
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        Just(Shape::Point),
        any::<i32>().prop_map(|r| Shape::Circle(f64::from(r) / 8.0)),
        (any::<u32>(), any::<u32>()).prop_map(|(width, height)| Shape::Rect { width, height }),
    ]
}

prop_compose! {
    fn props()(
        id in "[a-z0-9#]{1,12}",
        seq in any::<i64>(),
        unsigned in any::<u64>(),
        // Values within 38 significant digits.
        wide in -(10i128.pow(37))..10i128.pow(37),
        float in any::<f64>().prop_filter("finite", |f| f.is_finite() && (f.abs() < 1e125) && (*f == 0.0 || f.abs() > 1e-129)),
        text in ".{0,40}",
        bytes in proptest::collection::vec(any::<u8>(), 0..40),
        list in proptest::collection::vec(any::<i32>(), 0..8),
        tags in proptest::collection::btree_set(".{0,8}", 0..5),
        map in proptest::collection::btree_map("[a-z]{1,5}", proptest::collection::vec(".{0,5}", 0..3), 0..4),
        nested in proptest::option::of(("[ -~]{0,10}", proptest::option::of(any::<u32>()))
            .prop_map(|(street_name, zip)| Address { street_name, zip })),
        shape in shape(),
        level in level(),
        deep in proptest::collection::vec(proptest::option::of(level()), 0..4),
    ) -> Props {
        Props { id, seq, unsigned, wide, float, text, bytes, list, tags, map, nested, shape, level, deep }
    }
}

proptest! {
    #[test]
    fn struct_item_json_round_trip(value in props()) {
        let item = value.to_item().unwrap();
        let json = serde_json::to_string(&item).unwrap();
        let decoded: Item = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&decoded, &item);
        prop_assert_eq!(Props::from_item(decoded).unwrap(), value.clone());
        // As a nested attribute value too.
        let attribute = value.to_attribute().unwrap();
        prop_assert_eq!(Props::from_attribute(attribute).unwrap(), value);
    }

    #[test]
    fn put_then_get_returns_the_same_value(value in props()) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        runtime.block_on(async {
            let db = crate::support::client_with::<Props>().await;
            db.put(&value).await.unwrap();
            let read = db.get(Props::key(value.id.clone(), value.seq)).await.unwrap();
            assert_eq!(read.as_ref(), Some(&value));
        });
    }
}

#[test]
fn integers_beyond_f64_precision_are_exact() {
    for n in [u64::MAX, u64::MAX - 1, 9_007_199_254_740_993] {
        let back = u64::from_attribute(n.to_attribute().unwrap()).unwrap();
        assert_eq!(back, n);
    }
    let wide: i128 = -99_999_999_999_999_999_999_999_999_999_999_999_999;
    assert_eq!(
        i128::from_attribute(wide.to_attribute().unwrap()).unwrap(),
        wide
    );
    // 39 significant digits cannot be stored: a clear error, not a rounded value.
    let error = u128::MAX.to_attribute().unwrap_err();
    assert!(
        error.is_conversion() && error.message().contains("38"),
        "{error}"
    );
}

#[test]
fn non_finite_floats_are_errors() {
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(f.to_attribute().unwrap_err().is_conversion());
    }
    assert_eq!(
        f64::from_attribute(0.1f64.to_attribute().unwrap()).unwrap(),
        0.1
    );
}

#[test]
fn out_of_range_numbers_do_not_fit_narrow_integers() {
    let big = 300u32.to_attribute().unwrap();
    let error = u8::from_attribute(big).unwrap_err();
    assert!(error.message().contains("u8"), "{error}");
    let fraction = dynamodel::AttributeValue::N("1.5".parse().unwrap());
    assert!(i64::from_attribute(fraction).is_err());
}
