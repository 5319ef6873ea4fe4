//! A minimal DynamoDB JSON 1.0 client over one keep-alive HTTP/1.1 connection.
//!
//! The servers under test do not check signatures, but DynamoDB Local reads the access key
//! and region from the `Authorization` header, so every request carries a well-formed
//! (unsigned) one.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// A failed request: the connection broke, or the server answered with an error.
#[derive(Debug)]
pub(super) struct RequestError(pub String);

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One connection to a server.
#[derive(Debug)]
pub(super) struct Connection {
    sender: SendRequest<Full<Bytes>>,
    host: String,
}

impl Connection {
    /// Opens a connection to `address`.
    pub(super) async fn open(address: SocketAddr) -> Result<Connection, RequestError> {
        let stream = TcpStream::connect(address)
            .await
            .map_err(|e| RequestError(format!("cannot connect to {address}: {e}")))?;
        stream.set_nodelay(true).ok();
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| RequestError(format!("HTTP handshake with {address} failed: {e}")))?;
        tokio::spawn(connection);
        Ok(Connection {
            sender,
            host: address.to_string(),
        })
    }

    /// Sends `body` as the DynamoDB operation `operation` and returns the response body;
    /// a status other than 200 is an error carrying the body.
    pub(super) async fn call(
        &mut self,
        operation: &str,
        body: Bytes,
    ) -> Result<Bytes, RequestError> {
        let request = hyper::Request::post("/")
            .header("host", &self.host)
            .header("content-type", "application/x-amz-json-1.0")
            .header("x-amz-target", format!("DynamoDB_20120810.{operation}"))
            .header("x-amz-date", "20260101T000000Z")
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=load/20260101/us-east-1/dynamodb/aws4_request, \
                 SignedHeaders=host;x-amz-date;x-amz-target, Signature=00",
            )
            .body(Full::new(body))
            .map_err(|e| RequestError(format!("cannot build the request: {e}")))?;
        self.sender
            .ready()
            .await
            .map_err(|e| RequestError(format!("connection closed: {e}")))?;
        let response = self
            .sender
            .send_request(request)
            .await
            .map_err(|e| RequestError(format!("{operation} failed: {e}")))?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| RequestError(format!("reading the {operation} response failed: {e}")))?
            .to_bytes();
        if status != hyper::StatusCode::OK {
            return Err(RequestError(format!(
                "{operation} answered {status}: {}",
                String::from_utf8_lossy(&body)
            )));
        }
        Ok(body)
    }
}
