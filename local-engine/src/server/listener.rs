//! The socket side: accept connections, serve HTTP/1.1 on each, shut down gracefully.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, ToSocketAddrs};

use super::service::DynamoService;
use crate::Engine;

/// How long a shutdown waits for requests in flight before closing their connections.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// An HTTP server for an [`Engine`]: DynamoDB's JSON 1.0 protocol on a TCP listener.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use dynamodel_local::Engine;
/// use dynamodel_local::server::Server;
///
/// let server = Server::bind("127.0.0.1:8000", Engine::new()).await?;
/// println!("listening on http://{}", server.local_addr()?);
/// server.run().await // until Ctrl-C or SIGTERM
/// # }
/// ```
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    service: DynamoService,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port; see [`local_addr`](Self::local_addr)).
    pub async fn bind(addr: impl ToSocketAddrs, engine: Engine) -> io::Result<Server> {
        Ok(Server::from_listener(
            TcpListener::bind(addr).await?,
            DynamoService::new(engine),
        ))
    }

    /// Serves `service` on a listener the caller bound.
    pub fn from_listener(listener: TcpListener, service: DynamoService) -> Server {
        Server { listener, service }
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The service each connection is served by.
    pub fn service(&self) -> &DynamoService {
        &self.service
    }

    /// Serves until Ctrl-C or SIGTERM, then shuts down gracefully.
    pub async fn run(self) -> io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes, then stops accepting, lets requests in flight finish
    /// (for up to 5 seconds) and returns.
    pub async fn run_until(self, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok((stream, peer)) => {
                        // Small request/response pairs: do not wait to fill packets.
                        let _ = stream.set_nodelay(true);
                        // The timer enables hyper's 30 s limit on reading a request head.
                        let connection = http1::Builder::new()
                            .timer(TokioTimer::new())
                            .keep_alive(true)
                            .serve_connection(TokioIo::new(stream), self.service.clone());
                        let connection = graceful.watch(connection);
                        tokio::spawn(async move {
                            if let Err(error) = connection.await {
                                tracing::debug!(target: "dynamodel_local::server", %peer, %error, "connection closed with an error");
                            }
                        });
                    }
                    // Out of file descriptors and the like: wait a little instead of spinning.
                    Err(error) => {
                        tracing::warn!(target: "dynamodel_local::server", %error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                },
                () = &mut shutdown => break,
            }
        }
        drop(self.listener);
        tracing::debug!(target: "dynamodel_local::server", connections = graceful.count(), "shutting down");
        tokio::select! {
            () = graceful.shutdown() => {}
            () = tokio::time::sleep(DRAIN_TIMEOUT) => {
                tracing::warn!(target: "dynamodel_local::server", "requests still in flight after the drain timeout; closing");
            }
        }
        Ok(())
    }
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        // If the handler cannot be installed, only the other signal stops the server.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
