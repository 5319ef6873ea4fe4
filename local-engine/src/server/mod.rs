//! The engine over HTTP (feature `server`): DynamoDB's JSON 1.0 protocol, so the AWS CLI,
//! boto3, `aws-sdk-dynamodb` and every other SDK work against an in-memory engine unchanged.
//!
//! * [`DynamoService`] is the protocol without a socket: an HTTP request in, the response
//!   DynamoDB would send out (test it with [`DynamoService::handle`]).
//! * [`Server`] runs the service on a TCP listener with hyper (HTTP/1.1, keep-alive), and shuts
//!   down gracefully on Ctrl-C or SIGTERM ([`shutdown_signal`]). `dynamodel local serve` is
//!   this server.
//!
//! A thin layer: the body is decoded into the same model request the in-process engine takes,
//! run on the engine, and the response encoded. Errors go out as DynamoDB sends them: HTTP 400
//! with `{"__type": "<namespace>#<Exception>", "message": "..."}`; a body that is not JSON or
//! has a member of the wrong JSON type is a `SerializationException`; a malformed attribute
//! value, invalid base64 or a number out of range a `ValidationException`; an unknown target
//! an `UnknownOperationException`; a body over 16 MiB HTTP 413. Responses carry
//! `x-amz-crc32` and `x-amzn-RequestId`. Requests are logged at `debug` level with
//! [`tracing`](https://docs.rs/tracing) (target `dynamodel_local::server`). SigV4 signatures
//! are accepted without being checked.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use dynamodel_local::Engine;
//! use dynamodel_local::server::Server;
//!
//! let server = Server::bind("127.0.0.1:0", Engine::new()).await?;
//! let endpoint = format!("http://{}", server.local_addr()?);
//! let running = tokio::spawn(server.run());
//! // ... point any DynamoDB SDK at `endpoint` ...
//! # let _ = (endpoint, running);
//! # Ok(())
//! # }
//! ```

mod decode;
mod dispatch;
mod errors;
mod listener;
mod member_path;
mod messages;
mod service;

#[cfg(test)]
mod tests;

pub use dispatch::OPERATIONS;
pub use listener::{Server, shutdown_signal};
pub use service::{DEFAULT_MAX_REQUEST_BYTES, DynamoService};

/// The protocol service for `engine`: the router [`Server`] runs, usable without a socket.
pub fn service(engine: crate::Engine) -> DynamoService {
    DynamoService::new(engine)
}
