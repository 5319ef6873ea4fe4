//! Table management through the typed client, on every backend.

use dynamodel::model::{BillingMode, KeyType, ScalarAttributeType, TableStatus};
use dynamodel::{Backend, Billing, Client, ErrorKind, Table};

use crate::backends::{Target, parity_tests};
use crate::support::{Event, KitchenSink, Reading, User};

parity_tests!(
    create_describe_list_and_delete,
    creating_an_existing_table_is_resource_in_use,
    operations_on_a_missing_table_are_resource_not_found,
    list_tables_follows_every_page,
);

#[test]
fn schema_comes_from_the_model() {
    let schema = KitchenSink::schema();
    assert_eq!(schema.table_name, "kitchen_sink");
    assert_eq!(
        schema.partition_key,
        ("id".to_owned(), ScalarAttributeType::S)
    );
    assert_eq!(
        schema.sort_key,
        Some(("version".to_owned(), ScalarAttributeType::N))
    );
    assert_eq!(schema.billing, Billing::OnDemand);

    let reading = Reading::schema();
    assert_eq!(reading.partition_key.1, ScalarAttributeType::N);
    assert_eq!(
        reading.sort_key,
        Some(("stamp".to_owned(), ScalarAttributeType::B))
    );

    let user = User::schema();
    assert_eq!(user.sort_key, None);
    let input = user.create_table_input();
    assert_eq!(input.key_schema.len(), 1);
    assert_eq!(input.key_schema[0].key_type, KeyType::Hash);
    assert_eq!(input.billing_mode, Some(BillingMode::PayPerRequest));
    assert_eq!(input.provisioned_throughput, None);
}

async fn create_describe_list_and_delete<B: Backend>(db: Client<B>, on: Target) {
    let created = db.create_table::<Event>().await.unwrap();
    assert_eq!(created.table_name.as_deref(), Some("events"));
    assert_eq!(created.key_schema.as_ref().map(Vec::len), Some(2));
    assert_eq!(created.item_count, Some(0));

    let described = db.describe_table::<Event>().await.unwrap();
    assert_eq!(described.table_status, Some(TableStatus::Active));
    assert_eq!(described.item_count, Some(0));
    assert!(
        described
            .table_arn
            .as_deref()
            .unwrap_or_default()
            .ends_with(":table/events")
    );

    db.create_table::<User>().await.unwrap();
    assert_eq!(
        db.list_tables().await.unwrap(),
        vec!["events".to_owned(), "users".to_owned()]
    );

    let deleted = db.delete_table::<Event>().await.unwrap();
    // DynamoDB Local answers DeleteTable with the table still ACTIVE (docs/compatibility.md).
    let status = if on.is_dynamodb_local() {
        TableStatus::Active
    } else {
        TableStatus::Deleting
    };
    assert_eq!(deleted.table_status, Some(status));
    assert_eq!(db.list_tables().await.unwrap(), vec!["users".to_owned()]);

    let error = db.describe_table::<Event>().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ResourceNotFound);
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
}

async fn creating_an_existing_table_is_resource_in_use<B: Backend>(db: Client<B>, on: Target) {
    db.create_table::<User>().await.unwrap();
    let error = db.create_table::<User>().await.unwrap_err();
    assert!(error.is_resource_in_use(), "{error:?}");
    // DynamoDB Local's older wording (docs/compatibility.md).
    let message = if on.is_dynamodb_local() {
        "Cannot create preexisting table"
    } else {
        "Table already exists: users"
    };
    assert_eq!(error.message(), message);
    assert!(!db.ensure_table::<User>().await.unwrap());
    assert!(db.ensure_table::<Event>().await.unwrap());
}

async fn operations_on_a_missing_table_are_resource_not_found<B: Backend>(
    db: Client<B>,
    _: Target,
) {
    let error = db.get(User::key("u1")).await.unwrap_err();
    assert!(error.is_resource_not_found(), "{error:?}");
    let error = db.scan::<User>().send().await.unwrap_err();
    assert!(error.is_resource_not_found(), "{error:?}");
    let error = db.delete_table::<User>().await.unwrap_err();
    assert!(error.is_resource_not_found(), "{error:?}");
}

async fn list_tables_follows_every_page<B: Backend>(db: Client<B>, _: Target) {
    use dynamodel::model::{CreateTableInput, ListTablesInput};
    let template = User::schema().create_table_input();
    for i in 0..130 {
        let input = CreateTableInput {
            table_name: format!("t{i:03}"),
            ..template.clone()
        };
        db.backend().create_table(input).await.unwrap();
    }
    let page = db
        .backend()
        .list_tables(ListTablesInput {
            exclusive_start_table_name: None,
            limit: Some(100),
        })
        .await
        .unwrap();
    assert_eq!(page.table_names.len(), 100);
    assert_eq!(page.last_evaluated_table_name.as_deref(), Some("t099"));
    let all = db.list_tables().await.unwrap();
    assert_eq!(all.len(), 130);
    assert!(all.windows(2).all(|w| w[0] < w[1]));
}
