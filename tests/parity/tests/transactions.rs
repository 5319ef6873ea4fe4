//! The typed transaction and batch APIs on every backend: commit, cancellation reasons in
//! action order with the old item, and batches chunked past DynamoDB's 25 and 100 limits.

use dynamodel::{Backend, Client};

use crate::backends::{Target, parity_tests};
use crate::support::{Event, User, with_table};

parity_tests!(
    a_transaction_commits_every_action,
    a_cancelled_transaction_names_each_failed_action_in_order,
    transact_get_reads_present_and_missing_items,
    batches_larger_than_one_request_are_chunked,
);

fn user(id: &str, age: u8) -> User {
    User {
        user_id: id.to_owned(),
        name: format!("name of {id}"),
        age: Some(age),
    }
}

async fn a_transaction_commits_every_action<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<User, _>(db).await;
    db.put(&user("stays", 1)).await.unwrap();
    db.put(&user("goes", 2)).await.unwrap();
    db.transaction()
        .create(&user("new", 3))
        .check(User::key("stays"), |u| u.age.eq(1u8))
        .delete(User::key("goes"))
        .await
        .unwrap();
    assert_eq!(
        db.get(User::key("new")).await.unwrap(),
        Some(user("new", 3))
    );
    assert_eq!(db.get(User::key("goes")).await.unwrap(), None);
}

async fn a_cancelled_transaction_names_each_failed_action_in_order<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let db = with_table::<User, _>(db).await;
    db.put(&user("taken", 7)).await.unwrap();
    db.put(&user("old", 8)).await.unwrap();
    let error = db
        .transaction()
        .create(&user("fresh", 1))
        .create(&user("taken", 9))
        .and_return_old_on_failure()
        .check(User::key("old"), |u| u.age.gt(100u8))
        .await
        .unwrap_err();
    assert!(error.is_transaction_canceled(), "{error}");
    let codes: Vec<&str> = error
        .cancellation_reasons()
        .iter()
        .map(|reason| reason.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["None", "ConditionalCheckFailed", "ConditionalCheckFailed"]
    );
    let failures: Vec<_> = error.transaction_failures().collect();
    assert_eq!(failures.iter().map(|f| f.index).collect::<Vec<_>>(), [1, 2]);
    assert!(failures.iter().all(|f| f.is_conditional_check_failed()));
    // Only the action that asked for it carries the old item.
    let old = failures[0]
        .old_item::<User>()
        .expect("the old item")
        .unwrap();
    assert_eq!(old, user("taken", 7));
    assert!(failures[1].old_item::<User>().is_none());
    // Nothing was written.
    assert_eq!(db.get(User::key("fresh")).await.unwrap(), None);
    assert_eq!(
        db.get(User::key("taken")).await.unwrap(),
        Some(user("taken", 7))
    );
}

async fn transact_get_reads_present_and_missing_items<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<User, _>(db).await;
    db.put(&user("here", 4)).await.unwrap();
    let mut get = db.transact_get();
    let here = get.get(User::key("here"));
    let gone = get.get(User::key("gone"));
    let results = get.send().await.unwrap();
    assert_eq!(results.get(here).unwrap(), Some(user("here", 4)));
    assert_eq!(results.get(gone).unwrap(), None);
}

async fn batches_larger_than_one_request_are_chunked<B: Backend>(db: Client<B>, _: Target) {
    let db = with_table::<Event, _>(db).await;
    // 130 items: six BatchWriteItem requests of at most 25, two BatchGetItem of at most 100.
    let events: Vec<Event> = (0..130)
        .map(|i| Event {
            stream: format!("s{}", i % 7),
            at: format!("{i:04}"),
            payload: "x".repeat(i),
        })
        .collect();
    db.batch_put(events.clone()).await.unwrap();
    let keys = || {
        events
            .iter()
            .map(|e| Event::key(e.stream.clone(), e.at.clone()))
    };
    let mut read = db.batch_get(keys()).await.unwrap();
    read.sort_by(|a, b| a.at.cmp(&b.at));
    assert_eq!(read, events);
    db.batch_delete(keys().skip(5)).await.unwrap();
    let mut left = db.batch_get(keys()).await.unwrap();
    left.sort_by(|a, b| a.at.cmp(&b.at));
    assert_eq!(left, events[..5]);
}
