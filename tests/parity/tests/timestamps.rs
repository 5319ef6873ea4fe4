//! Timestamps and UUIDs (features `chrono` and `uuid`), on every backend.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use dynamodel::model::ScalarAttributeType;
use dynamodel::{Attribute, AttributeValue, Backend, Client, Table};
use uuid::Uuid;

use crate::backends::{Target, parity_tests};
use crate::support::with_table;

parity_tests!(sessions_round_trip_and_query_by_time);

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "sessions")]
struct Session {
    #[dynamodel(partition_key)]
    id: Uuid,
    #[dynamodel(sort_key)]
    started: DateTime<Utc>,
    day: NaiveDate,
    ended: Option<DateTime<Utc>>,
}

#[test]
fn uuids_and_times_are_string_keys() {
    let schema = Session::schema();
    assert_eq!(schema.partition_key.1, ScalarAttributeType::S);
    assert_eq!(schema.sort_key.map(|k| k.1), Some(ScalarAttributeType::S));
}

#[test]
fn time_text_sorts_in_time_order() {
    let early = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
    let later = early + chrono::Duration::milliseconds(1);
    let (AttributeValue::S(a), AttributeValue::S(b)) =
        (early.to_attribute().unwrap(), later.to_attribute().unwrap())
    else {
        panic!("times are strings")
    };
    assert_eq!(a, "2024-01-02T03:04:05.000000Z");
    assert!(a < b);
    assert_eq!(
        DateTime::<Utc>::from_attribute(AttributeValue::S(b)).unwrap(),
        later
    );
    let error = DateTime::<Utc>::from_attribute(AttributeValue::S("yesterday".into())).unwrap_err();
    assert!(error.is_conversion());
}

async fn sessions_round_trip_and_query_by_time<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<Session, _>(db).await;
    let id = Uuid::new_v4();
    let start = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
    for minutes in 0..5 {
        let started = start + chrono::Duration::minutes(minutes);
        let session = Session {
            id,
            started,
            day: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            ended: None,
        };
        db.put(&session).await.unwrap();
    }
    let late = db
        .query::<Session>(id)
        .sort_ge(start + chrono::Duration::minutes(3))
        .await
        .unwrap();
    assert_eq!(late.items.len(), 2);
    let all = db.query::<Session>(id).all().await.unwrap();
    assert!(all.windows(2).all(|w| w[0].started < w[1].started));
    assert_eq!(all[0].day.to_string(), "2025-06-01");
}
