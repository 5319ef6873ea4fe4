//! Web sessions that expire: a `#[dynamodel(ttl)]` attribute that the table's time to live
//! reads, `created_at`/`updated_at` maintained by the client, and the engine's controllable
//! clock to show expiry without waiting. The engine hides expired items from reads (as an
//! application would filter them on DynamoDB, which deletes expired items only eventually)
//! and deletes them when told to.
//!
//! Run it with `cargo run --example sessions`.

use std::time::{Duration, SystemTime};

use dynamodel::{Client, Result, Table, Update};
use dynamodel_local::Engine;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "sessions", rename_all = "camelCase")]
struct Session {
    #[dynamodel(partition_key)]
    session_id: String,
    user: String,
    /// When the session expires, stored as epoch seconds for DynamoDB's time to live.
    #[dynamodel(ttl)]
    expires_at: SystemTime,
    #[dynamodel(created_at)]
    created_at: Option<SystemTime>,
    #[dynamodel(updated_at)]
    last_seen: Option<SystemTime>,
}

const IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Opens a session that expires after the idle timeout.
async fn open(db: &Client<Engine>, id: &str, user: &str) -> Result<()> {
    let session = Session {
        session_id: id.into(),
        user: user.into(),
        expires_at: db.now() + IDLE_TIMEOUT,
        created_at: None,
        last_seen: None,
    };
    db.create(&session).await
}

/// Records activity: pushes the expiry back (`last_seen` is stamped by the client).
async fn touch(db: &Client<Engine>, id: &str) -> Result<Session> {
    let expires_at = db.now() + IDLE_TIMEOUT;
    db.update(Session::key(id), |s| {
        Update::new().set(s.expires_at, expires_at)
    })
    .return_new()
    .await
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    // Reads skip expired items the engine has not deleted yet; the client's timestamps
    // come from the engine's clock, so advancing it moves both.
    let engine = Engine::builder().hide_expired_items(true).build();
    let clock = engine.clone();
    let db = Client::new(engine.clone()).with_clock(move || clock.now());
    db.create_table::<Session>().await?;
    println!("table `sessions` with time to live on `expiresAt`");

    open(&db, "s-ada", "ada").await?;
    open(&db, "s-bob", "bob").await?;
    let opened = db
        .get(Session::key("s-ada"))
        .await?
        .expect("the session exists");
    println!("opened 2 sessions at {:?}", opened.created_at);

    engine.advance_clock(Duration::from_secs(20 * 60));
    let touched = touch(&db, "s-ada").await?;
    println!(
        "20 minutes later ada is active again: expires at {:?}",
        touched.expires_at
    );
    assert_eq!(
        touched.created_at, opened.created_at,
        "creation time is kept"
    );
    assert!(touched.last_seen > opened.last_seen);

    engine.advance_clock(Duration::from_secs(15 * 60));
    let bob = db.get(Session::key("s-bob")).await?;
    let ada = db.get(Session::key("s-ada")).await?;
    println!(
        "35 minutes in: bob's session {}, ada's {}",
        state(&bob),
        state(&ada)
    );
    assert!(
        bob.is_none(),
        "bob's idle session has expired and reads hide it"
    );
    assert!(ada.is_some(), "ada's touched session lives on");

    let deleted = engine.expire_now();
    println!("the engine's time-to-live sweep deleted {deleted} expired session");
    assert_eq!(deleted, 1);
    assert_eq!(db.scan::<Session>().count().await?, 1);

    engine.advance_clock(IDLE_TIMEOUT);
    assert_eq!(engine.expire_now(), 1);
    assert_eq!(db.scan::<Session>().count().await?, 0);
    println!("after another idle timeout every session is gone");
    Ok(())
}

fn state(session: &Option<Session>) -> &'static str {
    if session.is_some() {
        "is active"
    } else {
        "has expired"
    }
}
