//! UpdateTimeToLive / DescribeTimeToLive, the controllable clock, and expiry.

use std::time::Duration;

use dynamodel::model::{
    BatchGetItemInput, DescribeTimeToLiveInput, KeysAndAttributes, ScalarAttributeType as T,
    ScanInput, TimeToLiveSpecification, TimeToLiveStatus, UpdateTimeToLiveInput,
};
use dynamodel::{Backend, ErrorKind, Item};

use super::support::*;
use crate::Engine;

fn update(enabled: bool, attribute: &str) -> UpdateTimeToLiveInput {
    UpdateTimeToLiveInput {
        table_name: TABLE.into(),
        time_to_live_specification: TimeToLiveSpecification {
            enabled,
            attribute_name: attribute.into(),
        },
    }
}

fn describe(engine: &Engine) -> (TimeToLiveStatus, Option<String>) {
    let out = run(engine.describe_time_to_live(DescribeTimeToLiveInput {
        table_name: TABLE.into(),
    }))
    .unwrap();
    let description = out.time_to_live_description.unwrap();
    (
        description.time_to_live_status.unwrap(),
        description.attribute_name,
    )
}

fn now_secs(engine: &Engine) -> u64 {
    engine
        .now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn key(pk: &str) -> Item {
    item(&[("pk", s(pk))])
}

/// Three items: `past` expired a minute ago, `future` expires in an hour, `plain` never.
fn seeded(engine: &Engine) {
    let now = now_secs(engine);
    put(
        engine,
        item(&[("pk", s("past")), ("ttl", n(&(now - 60).to_string()))]),
    );
    put(
        engine,
        item(&[("pk", s("future")), ("ttl", n(&(now + 3600).to_string()))]),
    );
    put(
        engine,
        item(&[("pk", s("plain")), ("ttl", s("not a number"))]),
    );
}

#[test]
fn enable_describe_disable() {
    let engine = engine_with(T::S, None);
    assert_eq!(describe(&engine), (TimeToLiveStatus::Disabled, None));
    let out = run(engine.update_time_to_live(update(true, "ttl"))).unwrap();
    assert_eq!(
        out.time_to_live_specification.unwrap().attribute_name,
        "ttl"
    );
    assert_eq!(
        describe(&engine),
        (TimeToLiveStatus::Enabled, Some("ttl".into()))
    );
    run(engine.update_time_to_live(update(false, "ttl"))).unwrap();
    assert_eq!(describe(&engine), (TimeToLiveStatus::Disabled, None));
}

#[test]
fn redundant_changes_are_rejected() {
    let engine = engine_with(T::S, None);
    assert_validation(
        run(engine.update_time_to_live(update(false, "ttl"))),
        "TimeToLive is already disabled",
    );
    run(engine.update_time_to_live(update(true, "ttl"))).unwrap();
    assert_validation(
        run(engine.update_time_to_live(update(true, "ttl"))),
        "TimeToLive is already enabled",
    );
    assert_validation(
        run(engine.update_time_to_live(update(true, "other"))),
        "TimeToLive is active on a different AttributeName: current AttributeName is ttl",
    );
    assert_validation(
        run(engine.update_time_to_live(update(false, "other"))),
        "TimeToLive is active on a different AttributeName: current AttributeName is ttl",
    );
}

#[test]
fn parameter_constraints_and_missing_tables() {
    let engine = engine_with(T::S, None);
    assert_validation(
        run(engine.update_time_to_live(update(true, ""))),
        "1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed \
         to satisfy constraint: Member must have length greater than or equal to 1",
    );
    let mut missing = update(true, "ttl");
    missing.table_name = "nope".into();
    assert_eq!(
        failure(run(engine.update_time_to_live(missing))),
        (
            ErrorKind::ResourceNotFound,
            "Requested resource not found: Table: nope not found".to_owned()
        )
    );
    let (kind, _) = failure(run(engine.describe_time_to_live(DescribeTimeToLiveInput {
        table_name: "nope".into(),
    })));
    assert_eq!(kind, ErrorKind::ResourceNotFound);
}

#[test]
fn expire_now_deletes_only_expired_items_of_ttl_tables() {
    let engine = engine_with(T::S, None);
    seeded(&engine);
    assert_eq!(engine.expire_now(), 0, "time to live is off");
    run(engine.update_time_to_live(update(true, "ttl"))).unwrap();
    assert!(get(&engine, key("past")).is_some(), "read until deleted");
    assert_eq!(engine.expire_now(), 1);
    assert_eq!(get(&engine, key("past")), None);
    assert!(get(&engine, key("future")).is_some());
    engine.advance_clock(Duration::from_secs(3601));
    assert_eq!(engine.expire_now(), 1);
    assert_eq!(get(&engine, key("future")), None);
    assert!(
        get(&engine, key("plain")).is_some(),
        "a string never expires"
    );
}

#[test]
fn expiry_more_than_five_years_ago_is_ignored() {
    let engine = engine_with(T::S, None);
    run(engine.update_time_to_live(update(true, "ttl"))).unwrap();
    let old = now_secs(&engine) - 6 * 365 * 24 * 3600;
    put(
        &engine,
        item(&[("pk", s("old")), ("ttl", n(&old.to_string()))]),
    );
    assert_eq!(engine.expire_now(), 0);
}

#[test]
fn hidden_expired_items_are_not_read() {
    let engine = Engine::builder().hide_expired_items(true).build();
    run(engine.create_table(table_input(TABLE, ("pk", T::S), None))).unwrap();
    seeded(&engine);
    assert!(
        get(&engine, key("past")).is_some(),
        "only with time to live on"
    );
    run(engine.update_time_to_live(update(true, "ttl"))).unwrap();
    assert_eq!(get(&engine, key("past")), None);
    let scanned = run(engine.scan(scan())).unwrap();
    assert_eq!((scanned.count, scanned.scanned_count), (2, 2));
    // An expired item does not count towards `Limit`: the page still holds one live item.
    let limited = run(engine.scan(ScanInput {
        limit: Some(1),
        ..scan()
    }))
    .unwrap();
    assert_eq!(limited.count, 1);
    assert_ne!(limited.items.unwrap()[0]["pk"], s("past"));
    let batch = BatchGetItemInput {
        request_items: [(
            TABLE.to_owned(),
            KeysAndAttributes {
                keys: vec![key("past"), key("future")],
                ..Default::default()
            },
        )]
        .into_iter()
        .collect(),
        ..Default::default()
    };
    assert_eq!(
        run(engine.batch_get_item(batch))
            .unwrap()
            .responses
            .unwrap()[TABLE]
            .len(),
        1
    );
    engine.advance_clock(Duration::from_secs(3601));
    assert_eq!(run(engine.scan(scan())).unwrap().count, 1);
}
