//! The same code on every backend: one generic function, run on the in-process engine and,
//! when given an endpoint or `--aws`, on DynamoDB through the AWS SDK.
//!
//! ```sh
//! # The in-process engine only (no network):
//! cargo run -p dynamodel-examples --features aws --example backends
//! # Also against any DynamoDB endpoint: `dynamodel local serve`, DynamoDB Local, ...
//! cargo run -p dynamodel-examples --features aws --example backends -- --endpoint http://127.0.0.1:8000
//! # Also against DynamoDB itself, with your region and credentials (it creates, uses and
//! # deletes a table named `dynamodel_example_orders`):
//! AWS_REGION=eu-west-1 cargo run -p dynamodel-examples --features aws --example backends -- --aws
//! ```

use dynamodel::aws::AwsBackend;
use dynamodel::{Backend, Client, Table};
use dynamodel_local::Engine;

/// An order: customers are the partition, orders sorted by number.
#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "dynamodel_example_orders", rename_all = "camelCase")]
struct Order {
    #[dynamodel(partition_key)]
    customer: String,
    #[dynamodel(sort_key)]
    number: u32,
    total_cents: i64,
    note: Option<String>,
}

/// The application code: written once, for any backend.
async fn run<B: Backend>(db: &Client<B>) -> dynamodel::Result<Vec<u32>> {
    db.ensure_table::<Order>().await?;
    for number in 1..=4 {
        let order = Order {
            customer: "ada".into(),
            number,
            total_cents: i64::from(number) * 1250,
            note: (number == 4).then(|| "gift".to_owned()),
        };
        db.put(&order).await?;
    }
    let read = db
        .get(Order::key("ada", 4u32))
        .consistent_read(true)
        .await?;
    assert_eq!(read.and_then(|order| order.note).as_deref(), Some("gift"));
    let recent = db
        .query::<Order>("ada")
        .sort_ge(2u32)
        .descending()
        .consistent_read(true)
        .await?;
    db.delete_table::<Order>().await?;
    Ok(recent.items.into_iter().map(|order| order.number).collect())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();

    let engine = Client::new(Engine::new());
    let numbers = run(&engine).await?;
    println!("in-process engine: orders {numbers:?}");

    let remote = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => None,
        ["--endpoint", url] => Some((
            format!("endpoint {url}"),
            // Local endpoints accept any credentials; the environment's are used if set.
            AwsBackend::builder()
                .endpoint_url(*url)
                .region(std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".into()))
                .credentials(
                    std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_else(|_| "example".into()),
                    std::env::var("AWS_SECRET_ACCESS_KEY").unwrap_or_else(|_| "example".into()),
                )
                .load()
                .await?,
        )),
        ["--aws"] => Some((
            "DynamoDB (from the environment)".to_owned(),
            AwsBackend::from_env().await?,
        )),
        _ => return Err("usage: backends [--endpoint URL | --aws]".into()),
    };
    if let Some((name, backend)) = remote {
        let remote_numbers = run(&Client::new(backend)).await?;
        println!("{name}: orders {remote_numbers:?}");
        assert_eq!(
            remote_numbers, numbers,
            "the same code gives the same answer on both"
        );
    }
    Ok(())
}
