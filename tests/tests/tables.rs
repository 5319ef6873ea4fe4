//! Table management through the typed client.

use dynamodel::model::{BillingMode, KeyType, ScalarAttributeType, TableStatus};
use dynamodel::{Billing, ErrorKind, Table};

use crate::support::{Event, KitchenSink, Reading, User, client};

#[test]
fn schema_comes_from_the_model() {
    let schema = KitchenSink::schema();
    assert_eq!(schema.table_name, "kitchen_sink");
    assert_eq!(schema.partition_key, ("id".to_owned(), ScalarAttributeType::S));
    assert_eq!(schema.sort_key, Some(("version".to_owned(), ScalarAttributeType::N)));
    assert_eq!(schema.billing, Billing::OnDemand);

    let reading = Reading::schema();
    assert_eq!(reading.partition_key.1, ScalarAttributeType::N);
    assert_eq!(reading.sort_key, Some(("stamp".to_owned(), ScalarAttributeType::B)));

    let user = User::schema();
    assert_eq!(user.sort_key, None);
    let input = user.create_table_input();
    assert_eq!(input.key_schema.len(), 1);
    assert_eq!(input.key_schema[0].key_type, KeyType::Hash);
    assert_eq!(input.billing_mode, Some(BillingMode::PayPerRequest));
    assert_eq!(input.provisioned_throughput, None);
}

#[tokio::test]
async fn create_describe_list_and_delete() {
    let db = client();
    let created = db.create_table::<Event>().await.unwrap();
    assert_eq!(created.table_name.as_deref(), Some("events"));
    assert_eq!(created.key_schema.as_ref().map(Vec::len), Some(2));

    let described = db.describe_table::<Event>().await.unwrap();
    assert_eq!(described.table_status, Some(TableStatus::Active));
    assert_eq!(described.item_count, Some(0));
    assert!(described.table_arn.as_deref().unwrap_or_default().ends_with(":table/events"));

    db.create_table::<User>().await.unwrap();
    assert_eq!(db.list_tables().await.unwrap(), vec!["events".to_owned(), "users".to_owned()]);

    let deleted = db.delete_table::<Event>().await.unwrap();
    assert_eq!(deleted.table_status, Some(TableStatus::Deleting));
    assert_eq!(db.list_tables().await.unwrap(), vec!["users".to_owned()]);

    let error = db.describe_table::<Event>().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ResourceNotFound);
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
}

#[tokio::test]
async fn creating_an_existing_table_is_resource_in_use() {
    let db = client();
    db.create_table::<User>().await.unwrap();
    let error = db.create_table::<User>().await.unwrap_err();
    assert!(error.is_resource_in_use(), "{error:?}");
    assert_eq!(error.message(), "Table already exists: users");
    assert!(!db.ensure_table::<User>().await.unwrap());
    assert!(db.ensure_table::<Event>().await.unwrap());
}

#[tokio::test]
async fn operations_on_a_missing_table_are_resource_not_found() {
    let db = client();
    let error = db.get(User::key("u1")).await.unwrap_err();
    assert!(error.is_resource_not_found(), "{error:?}");
    let error = db.scan::<User>().send().await.unwrap_err();
    assert!(error.is_resource_not_found(), "{error:?}");
    let error = db.delete_table::<User>().await.unwrap_err();
    assert!(error.is_resource_not_found(), "{error:?}");
}

#[tokio::test]
async fn list_tables_follows_every_page() {
    use dynamodel::Backend;
    use dynamodel::model::{CreateTableInput, ListTablesInput};
    let db = client();
    let template = User::schema().create_table_input();
    for i in 0..130 {
        let input = CreateTableInput { table_name: format!("t{i:03}"), ..template.clone() };
        db.backend().create_table(input).await.unwrap();
    }
    let page = db
        .backend()
        .list_tables(ListTablesInput { exclusive_start_table_name: None, limit: Some(100) })
        .await
        .unwrap();
    assert_eq!(page.table_names.len(), 100);
    assert_eq!(page.last_evaluated_table_name.as_deref(), Some("t099"));
    let all = db.list_tables().await.unwrap();
    assert_eq!(all.len(), 130);
    assert!(all.windows(2).all(|w| w[0] < w[1]));
}
