//! Typed transactions on the engine: mixed tables and action kinds, conditions per action,
//! typed cancellation reasons, idempotency tokens and transactional reads.

use dynamodel::{Table, Update};

use crate::support::client;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "accounts")]
struct Account {
    #[dynamodel(partition_key)]
    id: String,
    balance: i64,
}

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "transfers")]
struct Transfer {
    #[dynamodel(partition_key)]
    id: String,
    #[dynamodel(sort_key)]
    seq: u32,
    amount: i64,
}

fn account(id: &str, balance: i64) -> Account {
    Account {
        id: id.into(),
        balance,
    }
}

async fn bank() -> dynamodel::Client<dynamodel_local::Engine> {
    let db = client();
    db.create_table::<Account>().await.unwrap();
    db.create_table::<Transfer>().await.unwrap();
    db.put(&account("alice", 100)).await.unwrap();
    db.put(&account("bob", 0)).await.unwrap();
    db
}

fn transfer<'a>(
    db: &'a dynamodel::Client<dynamodel_local::Engine>,
    seq: u32,
    amount: i64,
) -> dynamodel::client::Transaction<'a, dynamodel_local::Engine> {
    db.transaction()
        .update_if(
            Account::key("alice"),
            |a| Update::new().increment(a.balance.clone(), -amount),
            |a| a.balance.ge(amount),
        )
        .update(Account::key("bob"), |a| {
            Update::new().increment(a.balance, amount)
        })
        .create(&Transfer {
            id: "alice".into(),
            seq,
            amount,
        })
}

async fn balance(db: &dynamodel::Client<dynamodel_local::Engine>, id: &str) -> i64 {
    db.get(Account::key(id)).await.unwrap().unwrap().balance
}

#[tokio::test]
async fn a_transaction_applies_every_action_across_tables() {
    let db = bank().await;
    transfer(&db, 1, 30).await.unwrap();
    assert_eq!(balance(&db, "alice").await, 70);
    assert_eq!(balance(&db, "bob").await, 30);
    let logged = db.get(Transfer::key("alice", 1u32)).await.unwrap();
    assert_eq!(
        logged,
        Some(Transfer {
            id: "alice".into(),
            seq: 1,
            amount: 30
        })
    );
}

#[tokio::test]
async fn a_failed_condition_cancels_all_actions_and_names_the_action() {
    let db = bank().await;
    let err = transfer(&db, 1, 500)
        .return_old_on_failure()
        .await
        .unwrap_err();
    assert!(err.is_transaction_canceled());
    assert_eq!(err.cancellation_reasons().len(), 3);
    let failures: Vec<_> = err.transaction_failures().collect();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].index, 0);
    assert!(failures[0].is_conditional_check_failed());
    assert_eq!(failures[0].reason.code, "ConditionalCheckFailed");
    let old: Account = failures[0].old_item().unwrap().unwrap();
    assert_eq!(old, account("alice", 100));
    assert_eq!(balance(&db, "alice").await, 100);
    assert_eq!(balance(&db, "bob").await, 0);
    assert_eq!(db.get(Transfer::key("alice", 1u32)).await.unwrap(), None);
}

#[tokio::test]
async fn without_return_old_the_reason_carries_no_item() {
    let db = bank().await;
    let err = transfer(&db, 1, 500).await.unwrap_err();
    let failure = err.transaction_failures().next().unwrap();
    assert!(failure.old_item::<Account>().is_none());
}

#[tokio::test]
async fn create_update_check_and_delete_guards_fail_on_their_own_index() {
    let db = bank().await;
    // `create` of an existing item fails at index 1.
    let err = db
        .transaction()
        .put(&account("carol", 5))
        .create(&account("alice", 1))
        .await
        .unwrap_err();
    let failures: Vec<_> = err.transaction_failures().map(|f| f.index).collect();
    assert_eq!(failures, [1]);
    assert_eq!(db.get(Account::key("carol")).await.unwrap(), None);

    // `update` of a missing item fails.
    let err = db
        .transaction()
        .update(Account::key("nobody"), |a| Update::new().set(a.balance, 1))
        .await
        .unwrap_err();
    assert_eq!(err.transaction_failures().next().unwrap().index, 0);

    // a condition check on an item the transaction does not write.
    let err = db
        .transaction()
        .check(Account::key("bob"), |a| a.balance.ge(1))
        .delete(Account::key("alice"))
        .return_old_on_failure()
        .await
        .unwrap_err();
    let failure = err.transaction_failures().next().unwrap();
    assert_eq!(failure.index, 0);
    assert_eq!(
        failure.old_item::<Account>().unwrap().unwrap(),
        account("bob", 0)
    );
    assert!(db.get(Account::key("alice")).await.unwrap().is_some());

    // a conditional delete and a conditional put.
    let err = db
        .transaction()
        .delete_if(Account::key("alice"), |a| a.balance.eq(0))
        .put_if(&account("bob", 7), |a| a.balance.eq(0))
        .await
        .unwrap_err();
    let failures: Vec<_> = err.transaction_failures().map(|f| f.index).collect();
    assert_eq!(failures, [0]);

    db.transaction()
        .check(Account::key("bob"), |a| a.balance.eq(0))
        .delete_if(Account::key("alice"), |a| a.balance.eq(100))
        .put_if(&account("carol", 7), |a| a.balance.not_exists())
        .await
        .unwrap();
    assert_eq!(db.get(Account::key("alice")).await.unwrap(), None);
    assert_eq!(balance(&db, "carol").await, 7);
}

#[tokio::test]
async fn a_client_request_token_makes_the_transaction_idempotent() {
    let db = bank().await;
    transfer(&db, 1, 10)
        .client_request_token("t-1")
        .await
        .unwrap();
    transfer(&db, 1, 10)
        .client_request_token("t-1")
        .await
        .unwrap();
    assert_eq!(balance(&db, "alice").await, 90);
    let err = transfer(&db, 2, 20)
        .client_request_token("t-1")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("IdempotentParameterMismatchException"));
}

#[tokio::test]
async fn two_actions_on_one_item_are_rejected() {
    let db = bank().await;
    let err = db
        .transaction()
        .put(&account("alice", 1))
        .delete(Account::key("alice"))
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err:?}");
}

#[tokio::test]
async fn transact_get_reads_typed_items_through_handles() {
    let db = bank().await;
    transfer(&db, 1, 25).await.unwrap();
    let mut reads = db.transact_get();
    let alice = reads.get(Account::key("alice"));
    let log = reads.get(Transfer::key("alice", 1u32));
    let missing = reads.get(Account::key("nobody"));
    let results = reads.await.unwrap();
    assert_eq!(results.get(alice).unwrap(), Some(account("alice", 75)));
    assert_eq!(results.get(log).unwrap().map(|t| t.amount), Some(25));
    assert_eq!(results.get(missing).unwrap(), None);
}

#[tokio::test]
async fn more_than_a_hundred_actions_are_rejected() {
    let db = bank().await;
    let mut tx = db.transaction();
    for n in 0..101 {
        tx = tx.put(&account(&format!("a{n}"), 1));
    }
    assert_eq!(tx.len(), 101);
    let err = tx.await.unwrap_err();
    assert!(err.is_validation(), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_transfers_conserve_money() {
    const ACCOUNTS: u64 = 6;
    let db = client();
    db.create_table::<Account>().await.unwrap();
    db.create_table::<Transfer>().await.unwrap();
    for n in 0..ACCOUNTS {
        db.put(&account(&format!("a{n}"), 100)).await.unwrap();
    }
    let tasks: Vec<_> = (0..12u64)
        .map(|task| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut state = task.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let mut next = move |bound: u64| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    (state >> 33) % bound
                };
                for _ in 0..25 {
                    let from = next(ACCOUNTS);
                    let to = (from + 1 + next(ACCOUNTS - 1)) % ACCOUNTS;
                    let amount = i64::try_from(next(40)).unwrap() + 1;
                    let result = db
                        .transaction()
                        .update_if(
                            Account::key(format!("a{from}")),
                            |a| Update::new().increment(a.balance.clone(), -amount),
                            |a| a.balance.ge(amount),
                        )
                        .update(Account::key(format!("a{to}")), |a| {
                            Update::new().increment(a.balance, amount)
                        })
                        .await;
                    if let Err(err) = result {
                        assert!(
                            err.is_transaction_canceled() || err.is_retryable(),
                            "unexpected {err:?}"
                        );
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let accounts = db.scan::<Account>().all().await.unwrap();
    assert_eq!(accounts.len(), 6);
    assert!(accounts.iter().all(|a| a.balance >= 0));
    assert_eq!(accounts.iter().map(|a| a.balance).sum::<i64>(), 600);
}
