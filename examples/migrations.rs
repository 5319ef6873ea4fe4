//! Schema migrations, end to end on the in-process engine: generate → up → change the
//! model → generate → up, then `status` and `plan`.
//!
//! Run it with `cargo run --example migrations`. A real project keeps the same calls in a
//! small migration crate whose `main` is `dynamodel_cli::migrate::run(models, data)` and drives
//! it with `dynamodel migrate generate|plan|up|status|down` (see docs/migrations.md).

use std::sync::Arc;

use dynamodel::{AttributeValue, Table};
use dynamodel_cli::migrate::{DataMigrations, GenerateOptions, ItemChange, Migrator, Models};
use dynamodel_local::Engine;

/// The first version of the model.
mod v1 {
    #[derive(dynamodel::Table, Debug)]
    #[dynamodel(table = "users")]
    pub(crate) struct User {
        #[dynamodel(partition_key)]
        pub(crate) id: String,
        pub(crate) email: String,
    }
}

/// The second version: users are looked up by email, so the table gets an index.
mod v2 {
    #[derive(dynamodel::Table, Debug)]
    #[dynamodel(
        table = "users",
        global_index(name = "by_email", partition_key = "email")
    )]
    pub(crate) struct User {
        #[dynamodel(partition_key)]
        pub(crate) id: String,
        pub(crate) email: String,
    }
}

/// A data function: lower-case every email (a backfill run as a migration step).
fn data() -> DataMigrations {
    DataMigrations::new().function("lowercase_emails", |mut item| {
        let Some(AttributeValue::S(email)) = item.get("email") else {
            return Ok(ItemChange::Keep);
        };
        let lower = email.to_lowercase();
        if lower == *email {
            return Ok(ItemChange::Keep);
        }
        item.insert("email".into(), AttributeValue::S(lower));
        Ok(ItemChange::Put(item))
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // One engine shared by the migrator and the application's client.
    let engine = Arc::new(Engine::new());
    let folder = std::env::temp_dir().join(format!("dynamodel-migrations-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);

    // 1. The first model: generate the first migration and apply it.
    let migrator = Migrator::new(&engine, &folder)
        .models(Models::new().table::<v1::User>())
        .data(data());
    let first = migrator
        .generate("create_users", &GenerateOptions::default())?
        .ok_or("the first model must produce a migration")?;
    println!(
        "generated {}:\n{}",
        first.id,
        std::fs::read_to_string(first.path.join("migration.toml"))?
    );
    assert_eq!(migrator.up(false).await?, std::slice::from_ref(&first.id));

    let client = dynamodel::Client::new(Arc::clone(&engine));
    for (id, email) in [("u1", "Ada@Example.com"), ("u2", "grace@example.com")] {
        let user = v1::User {
            id: id.into(),
            email: email.into(),
        };
        client.put(&user).send().await?;
    }

    // Nothing changed: nothing is written.
    assert!(
        migrator
            .generate("nothing", &GenerateOptions::default())?
            .is_none()
    );
    println!("no changes: no migration written");

    // 2. The model changes: the new index, plus a backfill step.
    let migrator = Migrator::new(&engine, &folder)
        .models(Models::new().table::<v2::User>())
        .data(data());
    let options = GenerateOptions {
        data_steps: vec![dynamodel_cli::migrate::Step::Data {
            table: v2::User::TABLE_NAME.into(),
            function: "lowercase_emails".into(),
        }],
        ..GenerateOptions::default()
    };
    let second = migrator
        .generate("add_by_email", &options)?
        .ok_or("the index must produce a migration")?;
    println!(
        "generated {}:\n{}",
        second.id,
        std::fs::read_to_string(second.path.join("migration.toml"))?
    );
    print!("plan before up:\n{}", migrator.plan().await?);
    assert_eq!(migrator.up(false).await?, std::slice::from_ref(&second.id));

    // 3. The target matches the models: nothing pending, no drift.
    let plan = migrator.plan().await?;
    print!(
        "status:\n{}plan after up:\n{plan}",
        migrator.status().await?
    );
    assert!(plan.pending.is_empty() && plan.drift.is_empty());
    let ada = client
        .get::<v2::User>(v2::User::key("u1"))
        .send()
        .await?
        .ok_or("u1 is gone")?;
    assert_eq!(ada.email, "ada@example.com");
    std::fs::remove_dir_all(&folder)?;
    Ok(())
}
