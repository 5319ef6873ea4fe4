//! Attributes the client maintains, declared with field attributes: `version` (optimistic
//! locking, also inside transactions), `created_at`/`updated_at` from the client's clock,
//! and `ttl`, which the table's time to live reads and the engine expires.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use dynamodel::model::{AttributeValue, DescribeTimeToLiveInput, GetItemInput, Number};
use dynamodel::{Backend, Client, Table, Update, Versioned};
use dynamodel_local::Engine;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "notes", rename_all = "camelCase")]
struct Note {
    #[dynamodel(partition_key)]
    id: String,
    body: String,
    #[dynamodel(version)]
    revision: u64,
    #[dynamodel(created_at)]
    created_at: Option<SystemTime>,
    #[dynamodel(updated_at)]
    updated_at: Option<u64>,
    #[dynamodel(ttl)]
    expires_at: Option<SystemTime>,
}

fn note(id: &str, body: &str) -> Note {
    Note {
        id: id.into(),
        body: body.into(),
        revision: 0,
        created_at: None,
        updated_at: None,
        expires_at: None,
    }
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// A client whose clock the test sets.
async fn client_at(start: u64) -> (Client<Engine>, Arc<Mutex<SystemTime>>) {
    let now = Arc::new(Mutex::new(at(start)));
    let clock = now.clone();
    let db = Client::new(Engine::new()).with_clock(move || *clock.lock().unwrap());
    db.create_table::<Note>().await.unwrap();
    (db, now)
}

async fn raw(db: &Client<Engine>, id: &str) -> dynamodel::Item {
    let key = Note::key(id).to_item().unwrap();
    let input = GetItemInput {
        table_name: "notes".into(),
        key,
        ..GetItemInput::default()
    };
    db.backend().get_item(input).await.unwrap().item.unwrap()
}

#[test]
fn the_derive_records_what_it_maintains() {
    assert_eq!(<Note as Versioned>::VERSION_ATTRIBUTE, "revision");
    let lifecycle = Note::LIFECYCLE;
    assert_eq!(lifecycle.version, Some("revision"));
    assert_eq!(lifecycle.created_at.map(|a| a.name), Some("createdAt"));
    assert_eq!(lifecycle.updated_at.map(|a| a.name), Some("updatedAt"));
    assert_eq!(lifecycle.ttl, Some("expiresAt"));
    assert_eq!(Note::schema().time_to_live.as_deref(), Some("expiresAt"));
}

#[tokio::test]
async fn create_table_enables_time_to_live_on_the_ttl_attribute() {
    let (db, _) = client_at(1_000).await;
    let input = DescribeTimeToLiveInput {
        table_name: "notes".into(),
    };
    let description = db
        .backend()
        .describe_time_to_live(input)
        .await
        .unwrap()
        .time_to_live_description
        .unwrap();
    assert_eq!(description.attribute_name.as_deref(), Some("expiresAt"));
}

#[tokio::test]
async fn timestamps_follow_the_clock_and_creation_is_kept() {
    let (db, now) = client_at(1_000).await;
    db.put(&note("n", "first")).await.unwrap();
    let stored = db.get(Note::key("n")).await.unwrap().unwrap();
    assert_eq!(stored.created_at, Some(at(1_000)));
    assert_eq!(stored.updated_at, Some(1_000));

    // A put of the value read keeps its creation time and refreshes the update time.
    *now.lock().unwrap() = at(2_000);
    db.put(&Note {
        body: "second".into(),
        ..stored
    })
    .await
    .unwrap();
    let stored = db.get(Note::key("n")).await.unwrap().unwrap();
    assert_eq!(
        (stored.created_at, stored.updated_at),
        (Some(at(1_000)), Some(2_000))
    );

    // An update sets `updatedAt` and leaves `createdAt` alone (`if_not_exists`).
    *now.lock().unwrap() = at(3_000);
    let updated = db
        .update(Note::key("n"), |n| Update::new().set(n.body, "third"))
        .return_new()
        .await
        .unwrap();
    assert_eq!(
        (updated.created_at, updated.updated_at),
        (Some(at(1_000)), Some(3_000))
    );

    // An upsert that creates an item sets both.
    *now.lock().unwrap() = at(4_000);
    let created = db
        .upsert(Note::key("m"), |n| Update::new().set(n.body, "new"))
        .return_new()
        .await
        .unwrap();
    assert_eq!(
        (created.created_at, created.updated_at),
        (Some(at(4_000)), Some(4_000))
    );
}

#[tokio::test]
async fn ttl_is_stored_as_epoch_seconds_and_expires_on_the_engine_clock() {
    let engine = Engine::new();
    let db = Client::new(engine.clone());
    db.create_table::<Note>().await.unwrap();
    let expires = engine.now() + Duration::from_secs(60);
    let whole = expires.duration_since(UNIX_EPOCH).unwrap().as_secs();
    db.put(&Note {
        expires_at: Some(expires),
        ..note("t", "short-lived")
    })
    .await
    .unwrap();
    db.put(&note("k", "kept")).await.unwrap();
    assert_eq!(
        raw(&db, "t").await["expiresAt"],
        AttributeValue::N(Number::from(whole))
    );
    let read = db.get(Note::key("t")).await.unwrap().unwrap();
    assert_eq!(read.expires_at, Some(at(whole)));

    engine.advance_clock(Duration::from_secs(30));
    assert_eq!(engine.expire_now(), 0);
    engine.advance_clock(Duration::from_secs(31));
    assert_eq!(engine.expire_now(), 1);
    assert!(db.get(Note::key("t")).await.unwrap().is_none());
    assert!(db.get(Note::key("k")).await.unwrap().is_some());
}

#[tokio::test]
async fn the_derived_version_guards_writes() {
    let (db, _) = client_at(1_000).await;
    let mut mine = note("v", "mine");
    db.put_versioned(&mut mine).await.unwrap();
    assert_eq!(mine.revision, 1);
    let mut theirs = db.get(Note::key("v")).await.unwrap().unwrap();
    theirs.body = "theirs".into();
    db.put_versioned(&mut theirs).await.unwrap();

    mine.body = "stale".into();
    let error = db.put_versioned(&mut mine).await.unwrap_err();
    assert!(error.is_version_conflict(), "{error:?}");
    let error = db.delete_versioned(&mine).await.unwrap_err();
    assert!(error.is_version_conflict(), "{error:?}");
    let stored = db.get(Note::key("v")).await.unwrap().unwrap();
    assert_eq!((stored.body.as_str(), stored.revision), ("theirs", 2));
}

#[tokio::test]
async fn versioned_actions_inside_transactions() {
    let (db, _) = client_at(1_000).await;
    let a = note("a", "a");
    let b = note("b", "b");
    db.transaction()
        .put_versioned(&a)
        .put_versioned(&b)
        .await
        .unwrap();
    let a = db.get(Note::key("a")).await.unwrap().unwrap();
    let b = db.get(Note::key("b")).await.unwrap().unwrap();
    assert_eq!((a.revision, b.revision), (1, 1));

    // Putting a version-0 value again conflicts: the item exists.
    let error = db
        .transaction()
        .put_versioned(&note("a", "again"))
        .await
        .unwrap_err();
    assert!(error.is_transaction_canceled());

    // Update one at its version and delete the other at its version, atomically.
    db.transaction()
        .update_versioned(&a, |n| Update::new().set(n.body, "a2"))
        .delete_versioned(&b)
        .await
        .unwrap();
    let a2 = db.get(Note::key("a")).await.unwrap().unwrap();
    assert_eq!((a2.body.as_str(), a2.revision), ("a2", 2));
    assert!(db.get(Note::key("b")).await.unwrap().is_none());

    // A stale version cancels everything; only the flagged action carries the old item.
    let error = db
        .transaction()
        .put(&note("c", "c"))
        .update_versioned(&a, |n| Update::new().set(n.body, "stale"))
        .and_return_old_on_failure()
        .await
        .unwrap_err();
    let failures: Vec<_> = error.transaction_failures().collect();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].index, 1);
    assert!(failures[0].is_conditional_check_failed());
    assert_eq!(failures[0].old_item::<Note>().unwrap().unwrap(), a2);
    assert!(db.get(Note::key("c")).await.unwrap().is_none());
}

#[tokio::test]
async fn per_action_old_items_are_returned_only_where_asked() {
    let (db, _) = client_at(1_000).await;
    db.put(&note("x", "x")).await.unwrap();
    db.put(&note("y", "y")).await.unwrap();
    let error = db
        .transaction()
        .put_if(&note("x", "x2"), |n| n.body.eq("nope"))
        .put_if(&note("y", "y2"), |n| n.body.eq("nope"))
        .and_return_old_on_failure()
        .await
        .unwrap_err();
    let reasons = error.cancellation_reasons();
    assert_eq!(reasons.len(), 2);
    assert_eq!(reasons[0].code, "ConditionalCheckFailed");
    assert_eq!(reasons[0].item, None, "not asked for the first action");
    assert_eq!(reasons[1].code, "ConditionalCheckFailed");
    let old = reasons[1].item.clone().unwrap();
    assert_eq!(Note::from_item(old).unwrap().body, "y");
}

#[tokio::test]
async fn plain_updates_move_the_version_on_and_ttl_updates_are_whole_seconds() {
    let (db, _) = client_at(1_000).await;
    let mut mine = note("p", "p");
    db.put_versioned(&mut mine).await.unwrap();
    let expires = at(5_000) + Duration::from_millis(750);
    let updated = db
        .update(Note::key("p"), |n| {
            Update::new().set(n.expires_at, Some(expires))
        })
        .return_new()
        .await
        .unwrap();
    assert_eq!(updated.revision, 2);
    assert_eq!(updated.expires_at, Some(at(5_000)));
    assert_eq!(
        raw(&db, "p").await["expiresAt"],
        AttributeValue::N(Number::from(5_000u64))
    );
    // The holder of version 1 now conflicts.
    let error = db.delete_versioned(&mine).await.unwrap_err();
    assert!(error.is_version_conflict());
}
