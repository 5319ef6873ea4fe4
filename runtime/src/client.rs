//! The typed client.

use crate::backend::Backend;
use crate::table::Table;

/// Typed access to DynamoDB tables through a [`Backend`].
#[derive(Clone, Debug)]
pub struct Client<B> {
    backend: B,
}

impl<B: Backend> Client<B> {
    /// A client over a backend.
    pub fn new(backend: B) -> Self {
        Client { backend }
    }

    /// The backend, for raw model-level calls.
    pub fn backend(&self) -> &B {
        &self.backend
    }
}

/// One page of typed Query or Scan results.
#[derive(Clone, Debug)]
pub struct Page<T: Table> {
    /// The items of this page.
    pub items: Vec<T>,
}
