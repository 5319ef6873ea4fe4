//! The guards: an edited applied migration is refused, a held lock stops a second runner,
//! `--force-unlock` clears a stale lock, and `plan` shows drift made by hand.

use dynamodel::Backend;
use dynamodel::model::{TimeToLiveSpecification, UpdateTimeToLiveInput};
use dynamodel_cli::migrate::ledger::Ledger;
use dynamodel_cli::migrate::{DataMigrations, Error, GenerateOptions};
use dynamodel_local::Engine;

use super::support::{migrator, orders};

#[tokio::test]
async fn an_edited_applied_migration_is_refused() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    let m = migrator(&engine, dir.path(), &[orders()], DataMigrations::new());
    let migration = m
        .generate("create", &GenerateOptions::default())
        .unwrap()
        .unwrap();
    m.up(false).await.unwrap();
    let path = migration.path.join("migration.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}# a reviewer's edit\n")).unwrap();
    let error = m.up(false).await.unwrap_err();
    assert!(matches!(error, Error::Refused(_)), "{error}");
    let message = error.to_string();
    assert!(
        message.contains("`0001_create` was applied with checksum")
            && message.contains("must not be edited"),
        "{message}"
    );
    let status = m.status().await.unwrap().to_string();
    assert!(status.contains("EDITED after it was applied"), "{status}");
    assert!(m.down(false).await.is_err());
    // Restoring the file restores the peace.
    std::fs::write(&path, text).unwrap();
    assert!(m.up(false).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_held_lock_stops_a_second_runner_until_forced() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    let m = migrator(&engine, dir.path(), &[orders()], DataMigrations::new()).owner("second");
    m.generate("create", &GenerateOptions::default()).unwrap();
    engine
        .create_table(Ledger::new(&engine, "dynamodel_migrations", "x").create_input())
        .await
        .unwrap();
    let first = Ledger::new(&engine, "dynamodel_migrations", "first");
    first.lock().await.unwrap();
    let error = m.up(false).await.unwrap_err();
    match &error {
        Error::Locked { owner, expires_at } => {
            assert_eq!(owner, "first");
            assert!(*expires_at > dynamodel_cli::migrate::ledger::now());
        }
        other => panic!("expected Locked, got {other}"),
    }
    assert!(error.to_string().contains("--force-unlock"), "{error}");
    // The holder can take it again (re-entrant), the other still cannot.
    first.lock().await.unwrap();
    assert!(matches!(m.up(false).await, Err(Error::Locked { .. })));
    // Forced: the dead runner's lock goes, and the run releases its own at the end.
    assert_eq!(m.up(true).await.unwrap().len(), 1);
    first.lock().await.unwrap();
    first.unlock().await.unwrap();
}

#[tokio::test]
async fn two_concurrent_runners_apply_a_migration_once() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    let a = migrator(&engine, dir.path(), &[orders()], DataMigrations::new()).owner("a");
    let b = migrator(&engine, dir.path(), &[orders()], DataMigrations::new()).owner("b");
    a.generate("create", &GenerateOptions::default()).unwrap();
    let (ra, rb) = tokio::join!(a.up(false), b.up(false));
    let applied: Vec<String> = [&ra, &rb]
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .flatten()
        .cloned()
        .collect();
    assert_eq!(applied, ["0001_create"], "{ra:?} {rb:?}");
    for result in [ra, rb] {
        if let Err(error) = result {
            assert!(matches!(error, Error::Locked { .. }), "{error}");
        }
    }
}

#[tokio::test]
async fn plan_shows_drift_made_by_hand() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    let m = migrator(&engine, dir.path(), &[orders()], DataMigrations::new());
    m.generate("create", &GenerateOptions::default()).unwrap();
    m.up(false).await.unwrap();
    engine
        .update_time_to_live(UpdateTimeToLiveInput {
            table_name: "orders".into(),
            time_to_live_specification: TimeToLiveSpecification {
                enabled: true,
                attribute_name: "gone_at".into(),
            },
        })
        .await
        .unwrap();
    let plan = m.plan().await.unwrap();
    assert_eq!(plan.drift.len(), 1, "{plan}");
    let text = plan.to_string();
    assert!(
        text.contains("live: turn on time to live for `orders` on `gone_at`"),
        "{text}"
    );
    assert!(text.contains("pending: none"), "{text}");
}

#[tokio::test]
async fn a_migration_of_a_missing_data_function_is_refused_before_anything_runs() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    let registered =
        DataMigrations::new().function("noop", |_| Ok(dynamodel_cli::migrate::ItemChange::Keep));
    let m = migrator(&engine, dir.path(), &[orders()], registered);
    m.generate("create", &GenerateOptions::default()).unwrap();
    let data = GenerateOptions {
        data_steps: vec![dynamodel_cli::migrate::Step::Data {
            table: "orders".into(),
            function: "noop".into(),
        }],
        ..GenerateOptions::default()
    };
    m.generate("backfill", &data).unwrap().unwrap();
    let without = migrator(&engine, dir.path(), &[orders()], DataMigrations::new());
    let error = without.up(false).await.unwrap_err().to_string();
    assert!(error.contains("does not register"), "{error}");
    assert!(
        engine
            .describe_table(dynamodel::model::DescribeTableInput {
                table_name: "orders".into()
            })
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_migration_whose_steps_do_not_lead_to_its_snapshot_is_refused() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    migrator(&engine, dir.path(), &[orders()], DataMigrations::new())
        .generate("create", &GenerateOptions::default())
        .unwrap();
    let mut indexed = orders();
    indexed.global_indexes.push(super::support::by_status(None));
    let m = migrator(&engine, dir.path(), &[indexed], DataMigrations::new());
    let migration = m
        .generate("index", &GenerateOptions::default())
        .unwrap()
        .unwrap();
    // A reviewer deletes the step but leaves schema.json as generated.
    std::fs::write(migration.path.join("migration.toml"), "name = \"index\"\n").unwrap();
    let error = m.up(false).await.unwrap_err();
    assert!(matches!(error, Error::Refused(_)), "{error}");
    let message = error.to_string();
    assert!(
        message.contains("the steps of `0002_index` do not lead to its schema.json")
            && message.contains("create global index `by_status`"),
        "{message}"
    );
    // Refused before anything ran: not even the first migration.
    let described = engine
        .describe_table(dynamodel::model::DescribeTableInput {
            table_name: "orders".into(),
        })
        .await;
    assert!(described.unwrap_err().is_resource_not_found());
}

#[test]
fn generate_refuses_a_key_attribute_with_two_types() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    let mut clash = orders();
    // `sk` is the table's sort key as S; the index says N.
    clash.global_indexes.push(dynamodel::IndexSchema {
        name: "by_sk".into(),
        partition_key: vec![super::support::n("sk")],
        sort_key: vec![],
        projection: dynamodel::IndexProjection::KeysOnly,
        throughput: None,
    });
    let m = migrator(&engine, dir.path(), &[clash], DataMigrations::new());
    let error = m
        .generate("create", &GenerateOptions::default())
        .unwrap_err();
    assert!(matches!(error, Error::Usage(_)), "{error}");
    assert!(
        error.to_string().contains(
            "table `orders` declares a key attribute with two types: `sk` is S as the table's \
             sort key but N as the partition key of global index `by_sk`"
        ),
        "{error}"
    );
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}
