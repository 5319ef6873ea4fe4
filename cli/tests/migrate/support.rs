//! Schemas, folders and migrators shared by the migration tests.

use std::time::Duration;

use dynamodel::model::{ScalarAttributeType, StreamViewType};
use dynamodel::{Backend, Billing, IndexProjection, IndexSchema, TableSchema, Throughput};
use dynamodel_cli::migrate::{
    DataMigrations, DataOptions, GenerateOptions, Migrator, Models, Waiting,
};

pub(crate) fn s(name: &str) -> (String, ScalarAttributeType) {
    (name.to_owned(), ScalarAttributeType::S)
}

pub(crate) fn n(name: &str) -> (String, ScalarAttributeType) {
    (name.to_owned(), ScalarAttributeType::N)
}

/// `orders`: `pk`/`sk` strings, on-demand, nothing else.
pub(crate) fn orders() -> TableSchema {
    let mut schema = TableSchema::new("orders", s("pk"));
    schema.sort_key = Some(s("sk"));
    schema
}

/// A global index on `status` (and `sk`).
pub(crate) fn by_status(throughput: Option<Throughput>) -> IndexSchema {
    IndexSchema {
        name: "by_status".to_owned(),
        partition_key: vec![s("status")],
        sort_key: vec![s("sk")],
        projection: IndexProjection::KeysOnly,
        throughput,
    }
}

/// A global index on `customer`.
pub(crate) fn by_customer(throughput: Option<Throughput>) -> IndexSchema {
    IndexSchema {
        name: "by_customer".to_owned(),
        partition_key: vec![s("customer")],
        sort_key: vec![n("total")],
        projection: IndexProjection::Include(vec!["note".to_owned()]),
        throughput,
    }
}

/// The model versions of the every-step scenario, in order; each adds kinds of step.
pub(crate) fn versions() -> Vec<(&'static str, Vec<TableSchema>)> {
    let users = TableSchema::new("users", s("id"));
    let v1 = vec![orders(), users.clone()];

    let mut o2 = orders();
    o2.global_indexes.push(by_status(None));
    o2.time_to_live = Some("expires_at".to_owned());
    o2.stream = Some(StreamViewType::NewImage);
    let v2 = vec![o2.clone(), users.clone()];

    let mut o3 = o2.clone();
    o3.global_indexes = vec![by_customer(None)];
    o3.stream = Some(StreamViewType::KeysOnly);
    o3.time_to_live = Some("ttl".to_owned());
    let v3 = vec![o3.clone(), users.clone()];

    let t = Throughput { read: 5, write: 5 };
    let mut o4 = o3.clone();
    o4.billing = Billing::Provisioned { read: 4, write: 3 };
    o4.global_indexes = vec![by_customer(Some(t))];
    let v4 = vec![o4.clone(), users.clone()];

    let mut o5 = o4.clone();
    o5.global_indexes = vec![by_customer(Some(Throughput { read: 7, write: 2 }))];
    o5.billing = Billing::Provisioned { read: 6, write: 3 };
    o5.stream = None;
    o5.time_to_live = None;
    let v5 = vec![o5];

    vec![
        ("create_tables", v1),
        ("index_ttl_stream", v2),
        ("swap_index_move_ttl", v3),
        ("provisioned", v4),
        ("throughput_drop_users", v5),
    ]
}

/// Quick waiting for in-process and local targets.
pub(crate) fn quick() -> Waiting {
    Waiting {
        timeout: Duration::from_secs(60),
        poll_interval: Duration::from_millis(20),
    }
}

/// A migrator on `backend` for the folder `dir` with `models`.
pub(crate) fn migrator<'b, B: Backend>(
    backend: &'b B,
    dir: &std::path::Path,
    models: &[TableSchema],
    data: DataMigrations,
) -> Migrator<'b, B> {
    let models = models
        .iter()
        .cloned()
        .fold(Models::new(), |models, schema| models.schema(schema));
    Migrator::new(backend, dir)
        .models(models)
        .data(data)
        .waiting(quick())
        .data_options(DataOptions {
            chunk_items: 10,
            rate: None,
            checkpoint_dir: Some(dir.join(".checkpoints")),
        })
}

/// Options that allow deleting tables.
pub(crate) fn allow_delete() -> GenerateOptions {
    GenerateOptions {
        allow_delete: true,
        ..GenerateOptions::default()
    }
}
