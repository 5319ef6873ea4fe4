//! The engine's side: the HTTP server's protocol service, in process and without a socket,
//! so the engine answers the very bytes DynamoDB Local answers.

use bytes::Bytes;
use dynamodel_local::Engine;
use dynamodel_local::server::DynamoService;

/// A fresh engine behind `DynamoService`, on a runtime of its own (engine futures never wait,
/// so a current-thread runtime serves them).
#[derive(Debug)]
pub(crate) struct EngineSide {
    runtime: tokio::runtime::Runtime,
    service: DynamoService,
}

impl EngineSide {
    pub(crate) fn new() -> Self {
        EngineSide {
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a current-thread runtime builds"),
            service: dynamodel_local::server::service(Engine::new()),
        }
    }

    /// Replaces the engine with a new, empty one.
    pub(crate) fn reset(&mut self) {
        self.service = dynamodel_local::server::service(Engine::new());
    }

    /// Sends `body` as operation `op`: status and body of the answer.
    pub(crate) fn call(&self, op: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let request = http::Request::post("/")
            .header("x-amz-target", format!("DynamoDB_20120810.{op}"))
            .header("content-type", "application/x-amz-json-1.0")
            .body(Bytes::copy_from_slice(body))
            .expect("a well-formed request");
        let response = self.runtime.block_on(self.service.handle(request));
        (response.status().as_u16(), response.body().to_vec())
    }
}
