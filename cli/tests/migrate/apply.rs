//! Applying every kind of schema step to the in-process engine: after each `up` the live
//! tables match the snapshot exactly (`plan` finds no drift), and `down` reverts what is
//! reversible.

use dynamodel::Backend;
use dynamodel_cli::migrate::{DataMigrations, Error, GenerateOptions};
use dynamodel_local::Engine;

use super::support::{allow_delete, migrator, versions};

/// Generates a migration per model version, applies it, and checks that the live tables
/// match; then reverts the reversible ones. Shared by the engine and DynamoDB Local.
pub(crate) async fn every_step_kind<B: Backend>(backend: &B, ledger: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut kinds = std::collections::HashSet::new();
    for (name, models) in versions() {
        let m = migrator(backend, dir.path(), &models, DataMigrations::new()).ledger_table(ledger);
        let migration = m
            .generate(name, &allow_delete())
            .unwrap()
            .unwrap_or_else(|| panic!("{name}: no changes found"));
        for step in &migration.file.steps {
            kinds.insert(std::mem::discriminant(step));
        }
        let applied = m.up(false).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(applied, std::slice::from_ref(&migration.id));
        let plan = m.plan().await.unwrap();
        assert!(plan.drift.is_empty(), "{name}: drift after up:\n{plan}");
        assert!(plan.pending.is_empty(), "{name}: still pending:\n{plan}");
        // Nothing changed: nothing to generate, nothing to apply.
        assert!(
            m.generate("again", &GenerateOptions::default())
                .unwrap()
                .is_none()
        );
        assert!(m.up(false).await.unwrap().is_empty());
    }
    // Create and delete table, create and delete index, index throughput, billing, time to
    // live and stream: eight kinds.
    assert_eq!(kinds.len(), 8, "step kinds covered: {kinds:?}");

    // The last migration deleted a table: it cannot be reverted.
    let all = versions();
    let (_, last) = all.last().unwrap();
    let m = migrator(backend, dir.path(), last, DataMigrations::new()).ledger_table(ledger);
    let error = m.down(false).await.unwrap_err();
    assert!(matches!(error, Error::Refused(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("deleting a table loses its items"),
        "{error}"
    );
}

/// Applies the first four versions, then reverts them one by one: after each `down` the live
/// tables match the previous migration's snapshot; the first one's revert deletes the tables.
pub(crate) async fn down_reverts_each_migration<B: Backend>(backend: &B, ledger: &str) {
    let dir = tempfile::tempdir().unwrap();
    let all = versions();
    let four = &all[..4];
    for (name, models) in four {
        let m = migrator(backend, dir.path(), models, DataMigrations::new()).ledger_table(ledger);
        m.generate(name, &allow_delete()).unwrap().unwrap();
        m.up(false).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for (index, (name, models)) in four.iter().enumerate().rev() {
        let m = migrator(backend, dir.path(), models, DataMigrations::new()).ledger_table(ledger);
        let reverted = m
            .down(false)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            reverted.as_deref(),
            Some(format!("{:04}_{name}", index + 1).as_str())
        );
        let plan = m.plan().await.unwrap();
        assert!(plan.drift.is_empty(), "after reverting {name}:\n{plan}");
        assert_eq!(plan.pending.len(), 4 - index, "{plan}");
    }
    for table in ["orders", "users"] {
        let live = dynamodel_cli::migrate::live::describe(backend, table)
            .await
            .unwrap();
        assert!(
            live.is_none(),
            "`{table}` still exists after reverting its creation"
        );
    }
    let m = migrator(backend, dir.path(), &[], DataMigrations::new()).ledger_table(ledger);
    assert_eq!(m.down(false).await.unwrap(), None);
}

#[tokio::test]
async fn every_step_kind_applies_to_the_engine() {
    every_step_kind(&Engine::new(), "dynamodel_migrations").await;
}

#[tokio::test]
async fn down_reverts_each_migration_on_the_engine() {
    down_reverts_each_migration(&Engine::new(), "dynamodel_migrations").await;
}
