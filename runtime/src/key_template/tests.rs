use proptest::prelude::*;

use super::{KeyPrefix, KeyReader, KeySegment, KeyWriter, SortKeyMatch};
use crate::client::SortCondition;
use crate::error::{ErrorKind, Result};
use crate::model::AttributeValue;

fn encode<V: KeySegment>(value: &V) -> String {
    let mut out = String::new();
    value.encode_segment(&mut out).expect("the value encodes");
    out
}

const POST: &str = "POST#{posted_at}#{post_id}";

fn post_key(posted_at: u64, post_id: &str) -> Result<String> {
    let mut writer = KeyWriter::new(POST);
    writer.segment("posted_at", &posted_at)?;
    writer.segment("post_id", &post_id.to_owned())?;
    writer.finish()
}

fn read_post_key(key: &str) -> Result<(u64, String)> {
    let mut reader = KeyReader::new(POST, AttributeValue::S(key.to_owned()))?;
    Ok((reader.segment("posted_at")?, reader.segment("post_id")?))
}

#[test]
fn integers_are_zero_padded_to_the_width_of_their_type() {
    assert_eq!(encode(&7u8), "007");
    assert_eq!(encode(&7u32), "0000000007");
    assert_eq!(encode(&u64::MAX), "18446744073709551615");
    assert_eq!(encode(&0u64), "00000000000000000000");
    assert_eq!(encode(&i64::MIN), "00000000000000000000");
    assert_eq!(encode(&0i64), "09223372036854775808");
    assert_eq!(encode(&-1i8), "127");
    assert_eq!(encode(&u128::MAX).len(), 39);
}

#[test]
fn strings_escape_percent_and_hash() {
    assert_eq!(encode(&"a#b%c".to_owned()), "a%23b%25c");
    assert_eq!(String::decode_segment("a%23b%25c").unwrap(), "a#b%c");
    for bad in ["%", "%2", "%24", "a%zz"] {
        let err = String::decode_segment(bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conversion, "{bad}");
    }
}

#[test]
fn a_key_is_written_and_read_back_by_its_template() {
    let key = post_key(42, "p#1").unwrap();
    assert_eq!(key, "POST#00000000000000000042#p%231");
    assert_eq!(read_post_key(&key).unwrap(), (42, "p#1".to_owned()));
}

#[test]
fn a_key_of_another_shape_is_an_error_naming_the_template() {
    for bad in [
        "POST#00000000000000000042",
        "POST#00000000000000000042#p1#extra",
        "USER#00000000000000000042#p1",
    ] {
        let err = read_post_key(bad).unwrap_err();
        assert_eq!(
            err.message(),
            format!("key `{bad}` does not match the template `{POST}`")
        );
    }
    let err = read_post_key("POST#42#p1").unwrap_err();
    assert_eq!(
        err.message(),
        "key `POST#42#p1` (template `POST#{posted_at}#{post_id}`), field `posted_at`: \
         `42` is not a 20-digit `u64` segment"
    );
    let err = KeyReader::new(POST, AttributeValue::Bool(true)).unwrap_err();
    assert!(err.message().contains("found BOOL"), "{}", err.message());
}

/// A segment type that breaks the contract by writing `#`.
#[derive(Clone, Debug, PartialEq)]
struct Forged;

impl KeySegment for Forged {
    fn encode_segment(&self, out: &mut String) -> Result<()> {
        out.push_str("x#ADMIN");
        Ok(())
    }

    fn decode_segment(_: &str) -> Result<Self> {
        Ok(Forged)
    }
}

#[test]
fn a_segment_that_contains_the_separator_is_refused() {
    let mut writer = KeyWriter::new("USER#{id}");
    let err = writer.segment("id", &Forged).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conversion);
    assert!(err.message().contains("contains `#`"), "{}", err.message());
}

#[test]
fn prefixes_end_after_the_fixed_parts() {
    let all = KeyPrefix::<()>::new(POST);
    assert_eq!(all.into_text().unwrap(), "POST#");
    let one = KeyPrefix::<()>::new(POST).fix("posted_at", &5u64);
    assert_eq!(one.into_text().unwrap(), "POST#00000000000000000005#");
    let starts_with_field = KeyPrefix::<()>::new("{day}#LOG");
    assert_eq!(starts_with_field.into_text().unwrap(), "");
    let literals_follow = KeyPrefix::<()>::new("A#{x}#B#C#{y}").fix("x", &1u8);
    assert_eq!(literals_follow.into_text().unwrap(), "A#001#B#C#");
}

fn between(condition: SortCondition) -> (String, String) {
    match condition {
        SortCondition::Between(AttributeValue::S(low), AttributeValue::S(high)) => (low, high),
        other => panic!("expected BETWEEN on strings, got {other:?}"),
    }
}

#[test]
fn ranges_bound_the_next_field_inclusively() {
    let range = KeyPrefix::<()>::new(POST).range("posted_at", 3u64..=5);
    let (low, high) = between(range.sort_condition().unwrap());
    assert_eq!(low, "POST#00000000000000000003");
    assert_eq!(high, "POST#00000000000000000005$");
    let inside = [post_key(3, "a"), post_key(5, "zzz"), post_key(4, "")];
    let outside = [post_key(2, "zzz"), post_key(6, "")];
    for key in inside.into_iter().map(Result::unwrap) {
        assert!(low <= key && key <= high, "{key} is in the range");
    }
    for key in outside.into_iter().map(Result::unwrap) {
        assert!(!(low <= key && key <= high), "{key} is not in the range");
    }
    let from = KeyPrefix::<()>::new(POST).range("posted_at", 3u64..);
    assert_eq!(
        between(from.sort_condition().unwrap()),
        (
            "POST#00000000000000000003".to_owned(),
            "POST#\u{7f}".to_owned()
        )
    );
    let until = KeyPrefix::<()>::new(POST).range("posted_at", ..=3u64);
    assert_eq!(
        between(until.sort_condition().unwrap()),
        ("POST#".to_owned(), "POST#00000000000000000003$".to_owned())
    );
}

#[test]
fn a_range_on_the_last_field_includes_its_upper_end() {
    let range = KeyPrefix::<()>::new("DAY#{n}").range("n", 1u16..=2);
    let (low, high) = between(range.sort_condition().unwrap());
    let keys = ["DAY#00000", "DAY#00001", "DAY#00002", "DAY#00003"];
    let matched: Vec<&str> = keys
        .into_iter()
        .filter(|k| low.as_str() <= *k && *k <= high.as_str())
        .collect();
    assert_eq!(matched, ["DAY#00001", "DAY#00002"]);
}

proptest! {
    #[test]
    fn unsigned_order_is_key_order(a: u64, b: u64) {
        prop_assert_eq!(a.cmp(&b), encode(&a).cmp(&encode(&b)));
        prop_assert_eq!(u64::decode_segment(&encode(&a)).unwrap(), a);
    }

    #[test]
    fn signed_order_is_key_order(a: i64, b: i64) {
        prop_assert_eq!(a.cmp(&b), encode(&a).cmp(&encode(&b)));
        prop_assert_eq!(i64::decode_segment(&encode(&a)).unwrap(), a);
    }

    #[test]
    fn small_signed_order_is_key_order(a: i8, b: i8) {
        prop_assert_eq!(a.cmp(&b), encode(&a).cmp(&encode(&b)));
        prop_assert_eq!(i8::decode_segment(&encode(&a)).unwrap(), a);
    }

    #[test]
    fn wide_order_is_key_order(a: i128, b: i128, c: u128, d: u128) {
        prop_assert_eq!(a.cmp(&b), encode(&a).cmp(&encode(&b)));
        prop_assert_eq!(c.cmp(&d), encode(&c).cmp(&encode(&d)));
        prop_assert_eq!(i128::decode_segment(&encode(&a)).unwrap(), a);
        prop_assert_eq!(u128::decode_segment(&encode(&c)).unwrap(), c);
    }

    #[test]
    fn strings_round_trip_and_never_contain_the_separator(s: String) {
        let encoded = encode(&s);
        prop_assert!(!encoded.contains('#'));
        prop_assert_eq!(String::decode_segment(&encoded).unwrap(), s);
    }

    #[test]
    fn keys_round_trip_whatever_the_string(posted_at: u64, post_id: String) {
        let key = post_key(posted_at, &post_id).unwrap();
        prop_assert_eq!(read_post_key(&key).unwrap(), (posted_at, post_id));
    }
}

#[cfg(feature = "chrono")]
mod chrono_segments {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use proptest::prelude::*;

    use super::encode;
    use crate::key_template::KeySegment;

    /// Seconds from year 0 to the end of year 9999.
    const SECONDS: std::ops::Range<i64> = -62_167_219_200..253_402_300_800;

    fn time(seconds: i64, micros: u32) -> DateTime<Utc> {
        Utc.timestamp_opt(seconds, micros * 1000)
            .single()
            .expect("a valid time")
    }

    #[test]
    fn times_have_one_width() {
        assert_eq!(encode(&time(0, 5)), "1970-01-01T00:00:00.000005Z");
        assert_eq!(
            encode(&NaiveDate::from_ymd_opt(7, 1, 2).unwrap()),
            "0007-01-02"
        );
        let far = time(253_402_300_800, 0);
        let mut out = String::new();
        assert!(
            far.encode_segment(&mut out).is_err(),
            "year 10000 has no fixed width"
        );
        assert!(DateTime::<Utc>::decode_segment("2024-05-01T12:00:00Z").is_err());
    }

    proptest! {
        #[test]
        fn time_order_is_key_order(a in SECONDS, b in SECONDS, ma in 0u32..1_000_000, mb in 0u32..1_000_000) {
            let (a, b) = (time(a, ma), time(b, mb));
            prop_assert_eq!(a.cmp(&b), encode(&a).cmp(&encode(&b)));
            prop_assert_eq!(DateTime::<Utc>::decode_segment(&encode(&a)).unwrap(), a);
        }
    }
}

#[cfg(feature = "uuid")]
#[test]
fn uuids_are_hyphenated_lower_case() {
    let id = uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    assert_eq!(encode(&id), "01234567-89ab-cdef-0123-456789abcdef");
    assert_eq!(uuid::Uuid::decode_segment(&encode(&id)).unwrap(), id);
    assert!(uuid::Uuid::decode_segment("01234567-89AB-CDEF-0123-456789ABCDEF").is_err());
}
