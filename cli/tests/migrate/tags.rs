//! Tag steps: `up` creates a table with its tags and changes them in place, `down` puts them
//! back, and `plan` compares the live tags (drift), on the engine and, through the AWS
//! backend, on `dynamodel local serve`'s protocol; a target without tagging (DynamoDB Local)
//! is told apart.

use std::collections::BTreeMap;

use dynamodel::Backend;
use dynamodel::aws::AwsBackend;
use dynamodel::model::{ListTagsOfResourceInput, Tag, TagResourceInput};
use dynamodel_cli::migrate::{DataMigrations, Error, GenerateOptions, Step};
use dynamodel_local::Engine;
use dynamodel_local::server::Server;

use super::support::{migrator, orders};

const ARN: &str = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";

fn tags(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

async fn live_tags<B: Backend>(backend: &B) -> BTreeMap<String, String> {
    let output = backend
        .list_tags_of_resource(ListTagsOfResourceInput {
            resource_arn: ARN.to_owned(),
            next_token: None,
        })
        .await
        .unwrap();
    output.tags.into_iter().map(|t| (t.key, t.value)).collect()
}

/// Creates `orders` with tags, changes them, drifts them by hand, reverts the change.
pub(crate) async fn tags_apply_revert_and_drift<B: Backend>(backend: &B) {
    let dir = tempfile::tempdir().unwrap();
    let mut v1 = orders();
    v1.tags = tags(&[("team", "a"), ("tier", "1")]);
    let m = migrator(
        backend,
        dir.path(),
        std::slice::from_ref(&v1),
        DataMigrations::new(),
    );
    m.generate("create", &GenerateOptions::default()).unwrap();
    m.up(false).await.unwrap();
    assert_eq!(live_tags(backend).await, v1.tags);

    let mut v2 = v1.clone();
    v2.tags = tags(&[("team", "b"), ("cost", "7")]);
    let m = migrator(
        backend,
        dir.path(),
        std::slice::from_ref(&v2),
        DataMigrations::new(),
    );
    let migration = m
        .generate("retag", &GenerateOptions::default())
        .unwrap()
        .unwrap();
    assert_eq!(
        migration.file.steps,
        [Step::SetTags {
            table: "orders".into(),
            from: v1.tags.clone(),
            to: v2.tags.clone(),
        }]
    );
    m.up(false).await.unwrap();
    assert_eq!(live_tags(backend).await, v2.tags);
    let plan = m.plan().await.unwrap();
    assert!(plan.drift.is_empty() && plan.notes.is_empty(), "{plan}");

    // A tag added by hand is drift; the migrations leave it alone.
    backend
        .tag_resource(TagResourceInput {
            resource_arn: ARN.to_owned(),
            tags: vec![Tag {
                key: "manual".into(),
                value: "x".into(),
            }],
        })
        .await
        .unwrap();
    let plan = m.plan().await.unwrap().to_string();
    assert!(
        plan.contains(
            "live: change the tags of `orders` from {cost=7, team=b} to {cost=7, manual=x, team=b}"
        ),
        "{plan}"
    );

    assert_eq!(
        m.down(false).await.unwrap().as_deref(),
        Some(migration.id.as_str())
    );
    assert_eq!(
        live_tags(backend).await,
        tags(&[("manual", "x"), ("team", "a"), ("tier", "1")])
    );
}

#[tokio::test]
async fn tags_are_applied_reverted_and_compared_on_the_engine() {
    tags_apply_revert_and_drift(&Engine::new()).await;
}

/// The same through the AWS SDK and the HTTP server: the aws backend's conversions and the
/// server's routes of the three tagging operations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tags_are_applied_through_the_aws_backend_and_the_server() {
    let server = Server::bind("127.0.0.1:0", Engine::new()).await.unwrap();
    let endpoint = format!("http://{}", server.local_addr().unwrap());
    let running = tokio::spawn(server.run());
    let backend = AwsBackend::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials("local", "local")
        .load()
        .await
        .unwrap();
    tags_apply_revert_and_drift(&backend).await;
    running.abort();
}

/// CreateTable carries the tags; a later tag step on a target without tagging is refused
/// with a message that says so, and `plan` says the tags were not compared.
pub(crate) async fn a_target_without_tagging_is_told_apart<B: Backend>(backend: &B) {
    let dir = tempfile::tempdir().unwrap();
    let mut v1 = orders();
    v1.tags = tags(&[("team", "a")]);
    let m = migrator(
        backend,
        dir.path(),
        std::slice::from_ref(&v1),
        DataMigrations::new(),
    );
    m.generate("create", &GenerateOptions::default()).unwrap();
    m.up(false).await.unwrap();
    let plan = m.plan().await.unwrap();
    assert!(plan.drift.is_empty(), "{plan}");
    assert!(
        plan.to_string()
            .contains("note: the tags of `orders` are not compared"),
        "{plan}"
    );
    let mut v2 = v1.clone();
    v2.tags = tags(&[("team", "b")]);
    let m = migrator(
        backend,
        dir.path(),
        std::slice::from_ref(&v2),
        DataMigrations::new(),
    );
    m.generate("retag", &GenerateOptions::default()).unwrap();
    let error = m.up(false).await.unwrap_err();
    assert!(matches!(error, Error::Refused(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("this target does not implement tagging"),
        "{error}"
    );
}
