//! DynamoDB Local, the oracle: started once per run through `scripts/dynamodb-local.sh`, and
//! a small HTTP/1.1 client that sends it raw JSON requests.
//!
//! The script's `lifeline` mode keeps DynamoDB Local running while this process holds the
//! script's stdin, so it stops however the run ends. `DYNAMODB_LOCAL_ENDPOINT`
//! (`http://127.0.0.1:PORT`) points the run at an instance started elsewhere instead. When
//! neither works the run fails: the differential test never skips.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running DynamoDB Local, and the script process that keeps it alive (if this run started
/// it). Dropping it closes the script's stdin, which stops DynamoDB Local.
#[derive(Debug)]
pub(crate) struct DynamoDbLocal {
    pub(crate) addr: SocketAddr,
    lifeline: Option<Child>,
}

impl DynamoDbLocal {
    /// The instance `DYNAMODB_LOCAL_ENDPOINT` names, or a new one on a free loopback port.
    pub(crate) fn start() -> Result<Self, String> {
        if let Ok(endpoint) = std::env::var("DYNAMODB_LOCAL_ENDPOINT") {
            if !endpoint.is_empty() {
                let host = endpoint
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_owned();
                let addr = host
                    .to_socket_addrs()
                    .map_err(|e| format!("DYNAMODB_LOCAL_ENDPOINT={endpoint}: {e}"))?
                    .next()
                    .ok_or_else(|| format!("DYNAMODB_LOCAL_ENDPOINT={endpoint}: no address"))?;
                TcpStream::connect_timeout(&addr, Duration::from_secs(5))
                    .map_err(|e| format!("DYNAMODB_LOCAL_ENDPOINT={endpoint}: {e}"))?;
                return Ok(DynamoDbLocal {
                    addr,
                    lifeline: None,
                });
            }
        }
        // The free port is found by binding and releasing it; should another process take it
        // before Java binds it, try another.
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Self::start_once() {
                Ok(local) => return Ok(local),
                Err(error) => failures.push(error),
            }
        }
        Err(failures.join("\n\n"))
    }

    fn start_once() -> Result<Self, String> {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/dynamodb-local.sh"
        );
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let log_path = std::env::temp_dir().join(format!("dynamodb-local-differential-{port}.log"));
        let log = File::create(&log_path)
            .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        let mut child = Command::new("bash")
            .args([script, "lifeline", &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot run {script}: {e}"))?;
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        // The first run installs it from npm; later runs only start the JVM (a few seconds).
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(DynamoDbLocal {
                    addr,
                    lifeline: Some(child),
                });
            }
            let exited = child.try_wait().map_err(|e| e.to_string())?;
            if exited.is_some() || Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                return Err(format!(
                    "{script} did not start DynamoDB Local on {addr} ({exited:?}); its output:\n{log}"
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for DynamoDbLocal {
    fn drop(&mut self) {
        if let Some(mut child) = self.lifeline.take() {
            // Closing stdin ends the script's `cat`, whose exit trap stops Java.
            drop(child.stdin.take());
            let _ = child.wait();
        }
    }
}

/// One keep-alive connection to DynamoDB Local, signing requests with a fake SigV4 header
/// whose access key id selects the namespace (DynamoDB Local keeps separate tables per access
/// key id and region; signatures are not checked).
#[derive(Debug)]
pub(crate) struct Connection {
    addr: SocketAddr,
    access_key: String,
    stream: Option<BufReader<TcpStream>>,
}

/// A raw HTTP answer.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

impl Connection {
    pub(crate) fn new(addr: SocketAddr, access_key: String) -> Self {
        Connection {
            addr,
            access_key,
            stream: None,
        }
    }

    /// Sends `body` as operation `op`; reconnects once if a kept-alive connection was closed.
    pub(crate) fn call(&mut self, op: &str, body: &[u8]) -> Result<RawResponse, String> {
        let reused = self.stream.is_some();
        match self.try_call(op, body) {
            Ok(response) => Ok(response),
            Err(_) if reused => {
                self.stream = None;
                self.try_call(op, body)
            }
            Err(error) => Err(error),
        }
    }

    fn try_call(&mut self, op: &str, body: &[u8]) -> Result<RawResponse, String> {
        let result = self.exchange(op, body);
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    fn exchange(&mut self, op: &str, body: &[u8]) -> Result<RawResponse, String> {
        let stream = match &mut self.stream {
            Some(stream) => stream,
            none => {
                let tcp = TcpStream::connect(self.addr)
                    .map_err(|e| format!("connect {}: {e}", self.addr))?;
                tcp.set_nodelay(true).map_err(|e| e.to_string())?;
                tcp.set_read_timeout(Some(Duration::from_secs(60)))
                    .map_err(|e| e.to_string())?;
                none.insert(BufReader::new(tcp))
            }
        };
        let head = format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.0\r\n\
             X-Amz-Target: DynamoDB_20120810.{op}\r\n\
             Authorization: AWS4-HMAC-SHA256 Credential={key}/20260101/us-east-1/dynamodb/aws4_request, \
             SignedHeaders=host;x-amz-target, Signature=0\r\n\
             X-Amz-Date: 20260101T000000Z\r\nContent-Length: {len}\r\n\r\n",
            addr = self.addr,
            key = self.access_key,
            len = body.len(),
        );
        let writer = stream.get_mut();
        writer
            .write_all(head.as_bytes())
            .and_then(|()| writer.write_all(body))
            .and_then(|()| writer.flush())
            .map_err(|e| format!("send: {e}"))?;
        let (status, length, chunked, close) = read_head(stream)?;
        let body = if chunked {
            read_chunked(stream)?
        } else {
            let mut body = vec![0; length.unwrap_or(0)];
            stream
                .read_exact(&mut body)
                .map_err(|e| format!("read body: {e}"))?;
            body
        };
        if close {
            self.stream = None;
        }
        Ok(RawResponse { status, body })
    }
}

/// Reads the status line and headers: status, `Content-Length`, chunked, `Connection: close`.
fn read_head(
    stream: &mut BufReader<TcpStream>,
) -> Result<(u16, Option<usize>, bool, bool), String> {
    let mut line = String::new();
    stream
        .read_line(&mut line)
        .map_err(|e| format!("read status: {e}"))?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("not an HTTP status line: {line:?}"))?;
    let (mut length, mut chunked, mut close) = (None, false, false);
    loop {
        line.clear();
        stream
            .read_line(&mut line)
            .map_err(|e| format!("read header: {e}"))?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        match name.as_str() {
            "content-length" => length = value.parse().ok(),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    Ok((status, length, chunked, close))
}

fn read_chunked(stream: &mut BufReader<TcpStream>) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        stream
            .read_line(&mut line)
            .map_err(|e| format!("read chunk size: {e}"))?;
        let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
            .map_err(|e| format!("chunk size {line:?}: {e}"))?;
        if size == 0 {
            // Trailers, then the empty line.
            loop {
                line.clear();
                stream
                    .read_line(&mut line)
                    .map_err(|e| format!("read trailer: {e}"))?;
                if line.trim_end().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        stream
            .read_exact(&mut body[start..])
            .map_err(|e| format!("read chunk: {e}"))?;
        line.clear();
        stream
            .read_line(&mut line)
            .map_err(|e| format!("read chunk end: {e}"))?;
    }
}
