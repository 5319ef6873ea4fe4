//! Versioned writes: put, update and delete require the version that was read, increment
//! it, and report a lost race as a version conflict.

use dynamodel::{Table, Update, Versioned};

use crate::support::client_with;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "docs")]
struct Doc {
    #[dynamodel(partition_key)]
    id: String,
    body: String,
    #[dynamodel(rename = "ver")]
    version: u64,
}

impl Versioned for Doc {
    const VERSION_ATTRIBUTE: &'static str = "ver";

    fn version(&self) -> u64 {
        self.version
    }

    fn set_version(&mut self, version: u64) {
        self.version = version;
    }
}

fn doc(body: &str) -> Doc {
    Doc {
        id: "d".into(),
        body: body.into(),
        version: 0,
    }
}

#[tokio::test]
async fn puts_increment_the_version_and_stale_puts_conflict() {
    let db = client_with::<Doc>().await;
    let mut mine = doc("first");
    db.put_versioned(&mut mine).await.unwrap();
    assert_eq!(mine.version, 1);
    let mut theirs = db.get(Doc::key("d")).await.unwrap().unwrap();
    assert_eq!(theirs, mine);

    theirs.body = "theirs".into();
    db.put_versioned(&mut theirs).await.unwrap();
    assert_eq!(theirs.version, 2);

    mine.body = "mine".into();
    let err = db.put_versioned(&mut mine).await.unwrap_err();
    assert!(err.is_version_conflict(), "{err:?}");
    assert!(!err.is_conditional_check_failed());
    assert_eq!(mine.version, 1, "a failed write keeps the version");
    assert_eq!(err.old_item::<Doc>().unwrap().unwrap(), theirs);
    assert_eq!(db.get(Doc::key("d")).await.unwrap().unwrap().body, "theirs");
}

#[tokio::test]
async fn a_new_item_cannot_overwrite_one_created_meanwhile() {
    let db = client_with::<Doc>().await;
    db.put_versioned(&mut doc("first")).await.unwrap();
    let err = db.put_versioned(&mut doc("second")).await.unwrap_err();
    assert!(err.is_version_conflict());
}

#[tokio::test]
async fn updates_require_the_version_and_return_the_new_item() {
    let db = client_with::<Doc>().await;
    let mut original = doc("a");
    db.put_versioned(&mut original).await.unwrap();
    let updated = db
        .update_versioned(&original, |d| Update::new().set(d.body, "b".to_owned()))
        .await
        .unwrap();
    assert_eq!(
        updated,
        Doc {
            id: "d".into(),
            body: "b".into(),
            version: 2
        }
    );

    let err = db
        .update_versioned(&original, |d| Update::new().set(d.body, "c".to_owned()))
        .await
        .unwrap_err();
    assert!(err.is_version_conflict());
    assert_eq!(db.get(Doc::key("d")).await.unwrap().unwrap(), updated);

    // an update never creates the item.
    let err = db
        .update_versioned(
            &Doc {
                id: "ghost".into(),
                ..doc("x")
            },
            |d| Update::new().set(d.body, "x".to_owned()),
        )
        .await
        .unwrap_err();
    assert!(err.is_version_conflict());
    assert!(err.old_item::<Doc>().is_none());
}

#[tokio::test]
async fn deletes_require_the_version() {
    let db = client_with::<Doc>().await;
    let mut stale = doc("a");
    db.put_versioned(&mut stale).await.unwrap();
    let mut fresh = stale.clone();
    db.put_versioned(&mut fresh).await.unwrap();

    let err = db.delete_versioned(&stale).await.unwrap_err();
    assert!(err.is_version_conflict());
    db.delete_versioned(&fresh).await.unwrap();
    assert_eq!(db.get(Doc::key("d")).await.unwrap(), None);
}

#[tokio::test]
async fn concurrent_writers_of_one_version_have_one_winner() {
    let db = client_with::<Doc>().await;
    let mut base = doc("base");
    db.put_versioned(&mut base).await.unwrap();
    let tasks: Vec<_> = (0..16)
        .map(|n| {
            let db = db.clone();
            let mut copy = Doc {
                body: format!("writer {n}"),
                ..base.clone()
            };
            tokio::spawn(async move { db.put_versioned(&mut copy).await })
        })
        .collect();
    let mut wins = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(()) => wins += 1,
            Err(err) => assert!(err.is_version_conflict(), "{err:?}"),
        }
    }
    assert_eq!(wins, 1);
    assert_eq!(db.get(Doc::key("d")).await.unwrap().unwrap().version, 2);
}
