//! Models and helpers shared by the integration tests (the typed-API models are in
//! `tests/parity/tests/support.rs`).

use dynamodel::{Attribute, Client, Table};
use dynamodel_local::Engine;

/// A nested struct (stored as a map).
#[derive(Attribute, Debug, Clone, PartialEq)]
#[dynamodel(rename_all = "camelCase")]
pub(crate) struct Address {
    pub street_name: String,
    pub zip: Option<u32>,
}

/// A unit-only enum (stored as a string).
#[derive(Attribute, Debug, Clone, Copy, PartialEq)]
pub(crate) enum Level {
    Low,
    #[dynamodel(rename = "HIGH")]
    High,
}

/// An enum with data (stored externally tagged).
#[derive(Attribute, Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Point,
    Circle(f64),
    Rect { width: u32, height: u32 },
}

/// A client over a fresh engine.
pub(crate) fn client() -> Client<Engine> {
    Client::new(Engine::new())
}

/// A client over a fresh engine with `T`'s table created.
pub(crate) async fn client_with<T: Table>() -> Client<Engine> {
    let db = client();
    db.create_table::<T>().await.expect("table is created");
    db
}
