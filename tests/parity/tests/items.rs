//! Put, get and delete of typed items, on every backend.

use std::sync::Arc;

use dynamodel::model::{
    AttributeAction, AttributeValue, AttributeValueUpdate, DeleteItemInput, GetItemInput,
    PutItemInput, ReturnValue, ReturnValuesOnConditionCheckFailure, UpdateItemInput,
};
use dynamodel::{Backend, Client, ErrorKind, Table};

use crate::backends::{Target, parity_tests};
use crate::support::{KitchenSink, Reading, User, with_table};

parity_tests!(
    every_field_kind_round_trips,
    stored_item_has_the_documented_shape,
    put_replaces_and_returns_the_old_item,
    get_of_a_missing_item_is_none,
    delete_removes_and_returns_the_old_item,
    key_and_size_validation_reaches_the_typed_api,
    unconvertible_values_fail_before_reaching_the_backend,
    items_of_the_wrong_shape_give_conversion_errors_with_the_path,
    raw_values_of_every_type_round_trip_exactly,
    a_failed_condition_returns_the_old_item,
    update_item_applies_every_clause_and_returns_the_updated_values,
    #[multi_thread]
    the_backend_is_shared_across_tasks,
);

async fn every_field_kind_round_trips<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<KitchenSink, _>(db).await;
    let sample = KitchenSink::sample("a", 1);
    db.put(&sample).await.unwrap();
    let read = db
        .get(KitchenSink::key("a", 1u64))
        .consistent_read(true)
        .await
        .unwrap();
    assert_eq!(read, Some(sample));
}

async fn stored_item_has_the_documented_shape<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<KitchenSink, _>(db).await;
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
    assert_eq!(
        raw["big"].as_n().unwrap().to_string(),
        (u64::MAX - 2).to_string()
    );
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

async fn put_replaces_and_returns_the_old_item<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<User, _>(db).await;
    let first = User {
        user_id: "u1".into(),
        name: "Ada".into(),
        age: Some(36),
    };
    assert_eq!(db.put(&first).return_old().await.unwrap(), None);
    let second = User {
        user_id: "u1".into(),
        name: "Ada L.".into(),
        age: None,
    };
    assert_eq!(db.put(&second).return_old().await.unwrap(), Some(first));
    assert_eq!(db.get(User::key("u1")).await.unwrap(), Some(second));
}

async fn get_of_a_missing_item_is_none<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<User, _>(db).await;
    assert_eq!(db.get(User::key("nobody")).await.unwrap(), None);
}

async fn delete_removes_and_returns_the_old_item<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<Reading, _>(db).await;
    let reading = Reading {
        sensor: 7,
        stamp: vec![0xff, 0],
        value: -1.25,
    };
    db.put(&reading).await.unwrap();
    let key = || Reading::key(7u32, vec![0xff, 0]);
    assert_eq!(db.delete(key()).return_old().await.unwrap(), Some(reading));
    assert_eq!(db.get(key()).await.unwrap(), None);
    // Deleting a missing item succeeds and returns nothing.
    assert_eq!(db.delete(key()).return_old().await.unwrap(), None);
    db.delete(key()).await.unwrap();
}

async fn key_and_size_validation_reaches_the_typed_api<B: Backend>(db: Client<B>, on: Target) {
    let db = with_table::<User, _>(db).await;
    let empty_key = User {
        user_id: String::new(),
        name: "x".into(),
        age: None,
    };
    let error = db.put(&empty_key).await.unwrap_err();
    assert_eq!(
        (error.kind(), error.code()),
        (ErrorKind::Validation, Some("ValidationException")),
        "{error:?}"
    );
    if on.is_dynamodb_local() {
        // Older wording (docs/compatibility.md).
        assert!(
            error.message().contains("empty string value"),
            "{}",
            error.message()
        );
    } else {
        assert_eq!(
            error.message(),
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: user_id"
        );
    }

    let huge = User {
        user_id: "big".into(),
        name: "x".repeat(400 * 1024),
        age: None,
    };
    let error = db.put(&huge).await.unwrap_err();
    assert!(error.is_validation(), "{error:?}");
    assert_eq!(
        error.message(),
        "Item size has exceeded the maximum allowed size"
    );
    // A put of exactly the largest item size succeeds everywhere: 400 KB counted as
    // DynamoDB counts (attribute names plus UTF-8 value bytes).
    let name_budget = 409_600 - "user_id".len() - "big".len() - "name".len();
    let largest = User {
        user_id: "big".into(),
        name: "y".repeat(name_budget),
        age: None,
    };
    db.put(&largest).await.unwrap();
    let too_large = User {
        user_id: "big".into(),
        name: "y".repeat(name_budget + 1),
        age: None,
    };
    assert!(db.put(&too_large).await.unwrap_err().is_validation());
}

async fn unconvertible_values_fail_before_reaching_the_backend<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let db = with_table::<Reading, _>(db).await;
    let reading = Reading {
        sensor: 1,
        stamp: vec![1],
        value: f64::NAN,
    };
    let error = db.put(&reading).await.unwrap_err();
    assert!(error.is_conversion(), "{error:?}");
    assert!(error.message().contains("value"), "{}", error.message());
    assert_eq!(db.scan::<Reading>().count().await.unwrap(), 0);
}

async fn items_of_the_wrong_shape_give_conversion_errors_with_the_path<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let db = with_table::<User, _>(db).await;
    let mut item = User {
        user_id: "u2".into(),
        name: "x".into(),
        age: None,
    }
    .to_item()
    .unwrap();
    item.insert("age".into(), AttributeValue::S("old".into()));
    db.backend()
        .put_item(PutItemInput {
            table_name: "users".into(),
            item,
            ..PutItemInput::default()
        })
        .await
        .unwrap();
    let error = db.get(User::key("u2")).await.unwrap_err();
    assert!(error.is_conversion(), "{error:?}");
    assert!(error.message().contains("`age`"), "{}", error.message());

    let mut item = User {
        user_id: "u3".into(),
        name: "x".into(),
        age: None,
    }
    .to_item()
    .unwrap();
    item.remove("name");
    db.backend()
        .put_item(PutItemInput {
            table_name: "users".into(),
            item,
            ..PutItemInput::default()
        })
        .await
        .unwrap();
    let error = db.get(User::key("u3")).await.unwrap_err();
    assert!(
        error.message().contains("`name`") && error.message().contains("missing"),
        "{}",
        error.message()
    );
}

/// The model's values survive every backend's path unchanged: numbers at the edges of
/// DynamoDB's range and precision, empty strings and binaries outside keys, empty maps and
/// lists, nested containers, sets.
async fn raw_values_of_every_type_round_trip_exactly<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<User, _>(db).await;
    let n = |text: &str| AttributeValue::N(text.parse().unwrap());
    let nested: dynamodel::Item = [
        ("empty_s".to_owned(), AttributeValue::S(String::new())),
        ("empty_b".to_owned(), AttributeValue::B(Vec::new())),
        (
            "empty_m".to_owned(),
            AttributeValue::M(dynamodel::Item::new()),
        ),
        ("empty_l".to_owned(), AttributeValue::L(Vec::new())),
        ("null".to_owned(), AttributeValue::Null),
    ]
    .into_iter()
    .collect();
    let values = [
        ("n_max", n("9.9999999999999999999999999999999999999E+125")),
        ("n_min", n("-9.9999999999999999999999999999999999999E+125")),
        ("n_tiny", n("1E-130")),
        ("n_digits", n("12345678901234567890123456789012345678")),
        ("n_fraction", n("-0.000000000000000000000000000000000001")),
        ("n_zero", n("-0.0")),
        ("s_unicode", AttributeValue::S("é\u{1F980}\u{0}\"\\".into())),
        ("b_all", AttributeValue::B((0..=255).collect())),
        ("bool", AttributeValue::Bool(false)),
        ("m", AttributeValue::M(nested.clone())),
        (
            "l",
            AttributeValue::L(vec![
                AttributeValue::M(nested),
                AttributeValue::L(vec![n("1")]),
                AttributeValue::Null,
            ]),
        ),
        ("ss", AttributeValue::Ss(vec![String::new(), "b".into()])),
        (
            "ns",
            AttributeValue::Ns(
                ["1", "-2.5", "1E+100"]
                    .iter()
                    .map(|t| t.parse().unwrap())
                    .collect(),
            ),
        ),
        ("bs", AttributeValue::Bs(vec![vec![0], vec![1, 2]])),
    ];
    let mut item = User {
        user_id: "raw".into(),
        name: "r".into(),
        age: None,
    }
    .to_item()
    .unwrap();
    item.extend(
        values
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone())),
    );
    db.backend()
        .put_item(PutItemInput {
            table_name: "users".into(),
            item: item.clone(),
            ..PutItemInput::default()
        })
        .await
        .unwrap();
    let read = db
        .backend()
        .get_item(GetItemInput {
            table_name: "users".into(),
            key: User::key("raw").to_item().unwrap(),
            consistent_read: Some(true),
            ..GetItemInput::default()
        })
        .await
        .unwrap()
        .item
        .unwrap();
    for (name, value) in &values {
        let got = &read[*name];
        match (value, got) {
            // DynamoDB does not keep set members in order: compare as sets.
            (AttributeValue::Ss(a), AttributeValue::Ss(b)) => {
                assert_eq!(sorted(a), sorted(b), "{name}")
            }
            (AttributeValue::Ns(a), AttributeValue::Ns(b)) => {
                assert_eq!(sorted(a), sorted(b), "{name}")
            }
            (AttributeValue::Bs(a), AttributeValue::Bs(b)) => {
                assert_eq!(sorted(a), sorted(b), "{name}")
            }
            _ => assert_eq!(got, value, "{name}"),
        }
    }
    assert_eq!(read.len(), item.len());
}

fn sorted<T: Ord + Clone>(values: &[T]) -> Vec<T> {
    let mut values = values.to_vec();
    values.sort();
    values
}

async fn the_backend_is_shared_across_tasks<B: Backend>(db: Client<B>, _: Target) {
    let db = Arc::new(with_table::<User, _>(db).await);
    let mut tasks = Vec::new();
    for task in 0..8 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..25 {
                let user = User {
                    user_id: format!("{task}-{i}"),
                    name: "n".into(),
                    age: Some(1),
                };
                db.put(&user).await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(db.scan::<User>().count().await.unwrap(), 200);
}

/// A failed condition: the exception, DynamoDB's message, and the item as it was when
/// `ReturnValuesOnConditionCheckFailure = ALL_OLD` asks for it (through every backend's error
/// path: the engine's error, the SDK's modeled exception, the JSON body).
async fn a_failed_condition_returns_the_old_item<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<User, _>(db).await;
    let ada = User {
        user_id: "u1".into(),
        name: "Ada".into(),
        age: Some(36),
    };
    db.put(&ada).await.unwrap();
    let put_if_absent = |on_failure| PutItemInput {
        table_name: "users".into(),
        item: User {
            user_id: "u1".into(),
            name: "other".into(),
            age: None,
        }
        .to_item()
        .unwrap(),
        condition_expression: Some("attribute_not_exists(user_id)".into()),
        return_values_on_condition_check_failure: on_failure,
        ..PutItemInput::default()
    };
    let error = db
        .backend()
        .put_item(put_if_absent(Some(
            ReturnValuesOnConditionCheckFailure::AllOld,
        )))
        .await
        .unwrap_err();
    assert!(error.is_conditional_check_failed(), "{error:?}");
    assert_eq!(error.code(), Some("ConditionalCheckFailedException"));
    assert_eq!(error.message(), "The conditional request failed");
    assert_eq!(
        error
            .item()
            .cloned()
            .map(User::from_item)
            .transpose()
            .unwrap(),
        Some(ada.clone())
    );
    // Without ALL_OLD, no item.
    let error = db
        .backend()
        .put_item(put_if_absent(None))
        .await
        .unwrap_err();
    assert!(
        error.is_conditional_check_failed() && error.item().is_none(),
        "{error:?}"
    );
    // DeleteItem's path too.
    let delete = DeleteItemInput {
        table_name: "users".into(),
        key: User::key("u1").to_item().unwrap(),
        condition_expression: Some("age > :limit".into()),
        expression_attribute_values: Some(
            [(":limit".to_owned(), AttributeValue::N(40.into()))]
                .into_iter()
                .collect(),
        ),
        return_values_on_condition_check_failure: Some(ReturnValuesOnConditionCheckFailure::AllOld),
        ..DeleteItemInput::default()
    };
    let error = db.backend().delete_item(delete).await.unwrap_err();
    assert_eq!(
        error
            .item()
            .cloned()
            .map(User::from_item)
            .transpose()
            .unwrap(),
        Some(ada)
    );
}

/// UpdateItem through every backend's path: SET, REMOVE, ADD and DELETE clauses with
/// placeholders, `UPDATED_NEW`, a missing item created by the update, and the legacy
/// `AttributeUpdates`.
async fn update_item_applies_every_clause_and_returns_the_updated_values<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let db = with_table::<User, _>(db).await;
    let n = |text: &str| AttributeValue::N(text.parse().unwrap());
    let update = |key: &str,
                  expression: &str,
                  values: Vec<(&str, AttributeValue)>,
                  return_values| UpdateItemInput {
        table_name: "users".into(),
        key: User::key(key).to_item().unwrap(),
        update_expression: Some(expression.into()),
        expression_attribute_names: Some(
            [("#n".to_owned(), "name".to_owned())].into_iter().collect(),
        ),
        expression_attribute_values: Some(
            values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        ),
        return_values: Some(return_values),
        ..UpdateItemInput::default()
    };
    // A missing item is created.
    let created = db
        .backend()
        .update_item(update(
            "u1",
            "SET #n = :name, tags = :tags, visits = :zero",
            vec![
                (":name", AttributeValue::S("Ada".into())),
                (":tags", AttributeValue::Ss(vec!["a".into(), "b".into()])),
                (":zero", n("0")),
            ],
            ReturnValue::AllNew,
        ))
        .await
        .unwrap();
    let all_new = created.attributes.unwrap();
    assert_eq!(all_new["user_id"], AttributeValue::S("u1".into()));
    assert_eq!(all_new["visits"], n("0"));
    // ADD to a number and DELETE from a set; only the updated attributes come back.
    let updated = db
        .backend()
        .update_item(update(
            "u1",
            "ADD visits :one DELETE tags :gone SET age = :age REMOVE #n",
            vec![
                (":one", n("1.5")),
                (":gone", AttributeValue::Ss(vec!["a".into()])),
                (":age", n("37")),
            ],
            ReturnValue::UpdatedNew,
        ))
        .await
        .unwrap()
        .attributes
        .unwrap();
    let names: Vec<&str> = updated.keys().map(String::as_str).collect();
    assert_eq!(names, ["age", "tags", "visits"]);
    assert_eq!(updated["visits"], n("1.5"));
    assert_eq!(updated["tags"], AttributeValue::Ss(vec!["b".into()]));
    // The legacy form.
    let legacy = UpdateItemInput {
        table_name: "users".into(),
        key: User::key("u1").to_item().unwrap(),
        attribute_updates: Some(
            [(
                "name".to_owned(),
                AttributeValueUpdate {
                    value: Some(AttributeValue::S("Ada L.".into())),
                    action: Some(AttributeAction::Put),
                },
            )]
            .into_iter()
            .collect(),
        ),
        return_values: Some(ReturnValue::UpdatedOld),
        ..UpdateItemInput::default()
    };
    let old = db.backend().update_item(legacy).await.unwrap().attributes;
    // `name` was removed above: nothing old to return.
    assert_eq!(old, None);
    let user = db
        .get(User::key("u1"))
        .consistent_read(true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((user.name.as_str(), user.age), ("Ada L.", Some(37)));
}
