//! The servers under test: how to start each one, how long it takes to answer, and how much
//! memory its processes have held at most.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::http::Connection;
use super::workload;

/// A server kind and the command that starts it.
#[derive(Clone, Debug)]
pub struct ServerSpec {
    /// The name in the report.
    pub name: &'static str,
    /// The program and its arguments; `{port}` is replaced by the port.
    pub command: Vec<String>,
}

impl ServerSpec {
    /// `dynamodel local serve` from `binary`.
    pub fn dynamodel(binary: PathBuf) -> ServerSpec {
        ServerSpec {
            name: "dynamodel local serve",
            command: vec![
                binary.display().to_string(),
                "local".into(),
                "serve".into(),
                "--port".into(),
                "{port}".into(),
            ],
        }
    }

    /// DynamoDB Local through the repository's script (installed beforehand).
    pub fn dynamodb_local(script: PathBuf) -> ServerSpec {
        ServerSpec {
            name: "DynamoDB Local",
            command: vec![
                "bash".into(),
                script.display().to_string(),
                "run".into(),
                "{port}".into(),
            ],
        }
    }

    /// dynoxide's HTTP server from `binary`, in memory.
    pub fn dynoxide(binary: PathBuf) -> ServerSpec {
        ServerSpec {
            name: "dynoxide",
            command: vec![
                binary.display().to_string(),
                "--port".into(),
                "{port}".into(),
            ],
        }
    }
}

/// A started server; stopped (with its child processes) when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// Where it listens.
    pub address: SocketAddr,
    /// From spawning the process to its first successful ListTables.
    pub startup: Duration,
}

impl Server {
    /// Starts `spec` on a free loopback port and waits until it answers ListTables.
    pub async fn start(spec: &ServerSpec) -> Result<Server, String> {
        let port = free_port()?;
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let args: Vec<String> = spec
            .command
            .iter()
            .map(|a| a.replace("{port}", &port.to_string()))
            .collect();
        let (program, rest) = args.split_first().ok_or("empty server command")?;
        let started = Instant::now();
        let child = Command::new(program)
            .args(rest)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: `{program}`: {e}", spec.name))?;
        let mut server = Server {
            child,
            address,
            startup: Duration::ZERO,
        };
        loop {
            if let Ok(mut connection) = Connection::open(address).await
                && connection
                    .call("ListTables", workload::list_tables())
                    .await
                    .is_ok()
            {
                server.startup = started.elapsed();
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("{} exited during startup ({status})", spec.name));
            }
            if started.elapsed() > Duration::from_secs(120) {
                return Err(format!("{} did not answer within 120 s", spec.name));
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    /// The peak resident memory (VmHWM) summed over the server's process tree, in bytes.
    pub fn peak_memory(&self) -> u64 {
        process_tree(self.child.id())
            .into_iter()
            .filter_map(|pid| status_kib(pid, "VmHWM:"))
            .sum::<u64>()
            * 1024
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Children first (DynamoDB Local's Java runs under the script's shell).
        for pid in process_tree(self.child.id()).into_iter().rev() {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// `root` and its descendants, parents before children (from /proc).
fn process_tree(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse().ok()) else {
                continue;
            };
            if let Some(ppid) = parent_of(pid) {
                parents.push((pid, ppid));
            }
        }
    }
    let mut tree = vec![root];
    let mut i = 0;
    while let Some(&pid) = tree.get(i) {
        tree.extend(parents.iter().filter(|(_, p)| *p == pid).map(|(c, _)| *c));
        i += 1;
    }
    tree
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
    let after = stat.rsplit_once(')')?.1;
    after.split_whitespace().nth(1)?.parse().ok()
}

fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
