//! Put, get and delete of typed items on the engine.

use dynamodel::model::{AttributeValue, GetItemInput, PutItemInput};
use dynamodel::{Backend, ErrorKind, Table};

use crate::support::{KitchenSink, Reading, User, client_with};

#[tokio::test]
async fn every_field_kind_round_trips_through_the_engine() {
    let db = client_with::<KitchenSink>().await;
    let sample = KitchenSink::sample("a", 1);
    db.put(&sample).await.unwrap();
    let read = db.get(KitchenSink::key("a", 1u64)).consistent_read(true).await.unwrap();
    assert_eq!(read, Some(sample));
}

#[tokio::test]
async fn stored_item_has_the_documented_shape() {
    let db = client_with::<KitchenSink>().await;
    let mut sample = KitchenSink::sample("shape", 2);
    sample.cache = Some("not stored".into());
    db.put(&sample).await.unwrap();

    let raw = db
        .backend()
        .get_item(GetItemInput {
            table_name: "kitchen_sink".into(),
            key: KitchenSink::key("shape", 2u64).to_item().unwrap(),
            ..GetItemInput::default()
        })
        .await
        .unwrap()
        .item
        .unwrap();
    // rename_all = camelCase, rename wins over it, skip is not stored.
    assert!(raw["nested"].as_m().unwrap().contains_key("streetName"));
    assert!(raw.contains_key("legacy_name"));
    assert!(!raw.contains_key("cache"));
    // None is absent; `nullable` None is NULL.
    assert!(!raw.contains_key("note"));
    assert_eq!(raw["cleared"], AttributeValue::Null);
    // Exact numbers, binary, sets, enums.
    assert_eq!(raw["big"].as_n().unwrap().to_string(), (u64::MAX - 2).to_string());
    assert_eq!(raw["bytes"], AttributeValue::B(vec![0, 1, 0xfe, 0xff]));
    assert!(matches!(raw["tags"], AttributeValue::Ss(_)));
    assert!(matches!(raw["scores"], AttributeValue::Ns(_)));
    assert!(matches!(raw["blobs"], AttributeValue::Bs(_)));
    assert_eq!(raw["level"], AttributeValue::S("HIGH".into()));
    let shape = raw["shape"].as_m().unwrap();
    assert_eq!(shape.len(), 1);
    assert!(shape["Rect"].as_m().unwrap().contains_key("width"));
    // The read back copy has `skip` fields at their default.
    let read: KitchenSink = KitchenSink::from_item(raw).unwrap();
    assert_eq!(read.cache, None);
}

#[tokio::test]
async fn put_replaces_and_returns_the_old_item() {
    let db = client_with::<User>().await;
    let first = User { user_id: "u1".into(), name: "Ada".into(), age: Some(36) };
    assert_eq!(db.put(&first).return_old().await.unwrap(), None);
    let second = User { user_id: "u1".into(), name: "Ada L.".into(), age: None };
    assert_eq!(db.put(&second).return_old().await.unwrap(), Some(first));
    assert_eq!(db.get(User::key("u1")).await.unwrap(), Some(second));
}

#[tokio::test]
async fn get_of_a_missing_item_is_none() {
    let db = client_with::<User>().await;
    assert_eq!(db.get(User::key("nobody")).await.unwrap(), None);
}

#[tokio::test]
async fn delete_removes_and_returns_the_old_item() {
    let db = client_with::<Reading>().await;
    let reading = Reading { sensor: 7, stamp: vec![0xff, 0], value: -1.25 };
    db.put(&reading).await.unwrap();
    let key = || Reading::key(7u32, vec![0xff, 0]);
    assert_eq!(db.delete(key()).return_old().await.unwrap(), Some(reading));
    assert_eq!(db.get(key()).await.unwrap(), None);
    // Deleting a missing item succeeds and returns nothing.
    assert_eq!(db.delete(key()).return_old().await.unwrap(), None);
    db.delete(key()).await.unwrap();
}

#[tokio::test]
async fn engine_validation_reaches_the_typed_api() {
    let db = client_with::<User>().await;
    let empty_key = User { user_id: String::new(), name: "x".into(), age: None };
    let error = db.put(&empty_key).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Validation, "{error:?}");
    assert!(error.message().contains("empty string"), "{}", error.message());

    let huge = User { user_id: "big".into(), name: "x".repeat(400 * 1024), age: None };
    let error = db.put(&huge).await.unwrap_err();
    assert!(error.is_validation(), "{error:?}");
    assert_eq!(error.message(), "Item size has exceeded the maximum allowed size");
}

#[tokio::test]
async fn unconvertible_values_fail_before_reaching_the_backend() {
    let db = client_with::<Reading>().await;
    let reading = Reading { sensor: 1, stamp: vec![1], value: f64::NAN };
    let error = db.put(&reading).await.unwrap_err();
    assert!(error.is_conversion(), "{error:?}");
    assert!(error.message().contains("value"), "{}", error.message());
    assert_eq!(db.scan::<Reading>().count().await.unwrap(), 0);
}

#[tokio::test]
async fn items_of_the_wrong_shape_give_conversion_errors_with_the_path() {
    let db = client_with::<User>().await;
    let mut item = User { user_id: "u2".into(), name: "x".into(), age: None }.to_item().unwrap();
    item.insert("age".into(), AttributeValue::S("old".into()));
    db.backend()
        .put_item(PutItemInput { table_name: "users".into(), item, ..PutItemInput::default() })
        .await
        .unwrap();
    let error = db.get(User::key("u2")).await.unwrap_err();
    assert!(error.is_conversion(), "{error:?}");
    assert!(error.message().contains("`age`"), "{}", error.message());

    let mut item = User { user_id: "u3".into(), name: "x".into(), age: None }.to_item().unwrap();
    item.remove("name");
    db.backend()
        .put_item(PutItemInput { table_name: "users".into(), item, ..PutItemInput::default() })
        .await
        .unwrap();
    let error = db.get(User::key("u3")).await.unwrap_err();
    assert!(error.message().contains("`name`") && error.message().contains("missing"), "{}", error.message());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engine_is_shared_across_tasks() {
    let db = std::sync::Arc::new(client_with::<User>().await);
    let mut tasks = Vec::new();
    for task in 0..8 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..50 {
                let user = User { user_id: format!("{task}-{i}"), name: "n".into(), age: Some(1) };
                db.put(&user).await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(db.scan::<User>().count().await.unwrap(), 400);
}
