//! The servers under test: how to start each one, how long it takes to answer, and how much
//! memory its processes have held at most.

use std::fs::File;
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

/// How long a stopped server's processes get to exit after SIGTERM before SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// A started server; stopped (with its child processes) when dropped, and only dropped once
/// they are gone, so the next server is not measured beside a dying one.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// The file its stdout and stderr go to.
    log: PathBuf,
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
        let log = std::env::temp_dir().join(format!(
            "dynamodel-load-{}-{}.log",
            spec.name.replace(' ', "-"),
            std::process::id()
        ));
        let output = File::create(&log)
            .and_then(|file| Ok((file.try_clone()?, file)))
            .map_err(|e| format!("cannot create the server log {}: {e}", log.display()))?;
        let started = Instant::now();
        let child = Command::new(program)
            .args(rest)
            .stdin(Stdio::null())
            .stdout(output.0)
            .stderr(output.1)
            .spawn()
            .map_err(|e| {
                let _ = std::fs::remove_file(&log);
                format!("cannot start {}: `{program}`: {e}", spec.name)
            })?;
        let mut server = Server {
            child,
            log,
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
                return Err(format!(
                    "{} exited during startup ({status}){}",
                    spec.name,
                    server.log_tail()
                ));
            }
            if started.elapsed() > Duration::from_secs(120) {
                return Err(format!(
                    "{} did not answer within 120 s{}",
                    spec.name,
                    server.log_tail()
                ));
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

    /// The last lines the server wrote, to explain a failed start.
    fn log_tail(&self) -> String {
        let Ok(text) = std::fs::read_to_string(&self.log) else {
            return String::new();
        };
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines
            .get(lines.len().saturating_sub(20)..)
            .unwrap_or_default();
        if tail.is_empty() {
            String::new()
        } else {
            format!("; its last output:\n{}", tail.join("\n"))
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The whole tree (DynamoDB Local's Java runs under the script's shell), children
        // first, then wait for every process to be gone.
        let tree: Vec<u32> = process_tree(self.child.id()).into_iter().rev().collect();
        signal(&tree, "TERM");
        let deadline = Instant::now() + STOP_GRACE;
        while tree.iter().any(|&pid| alive(pid)) && Instant::now() < deadline {
            // Reaps our own child once it exits (a zombie counts as gone anyway).
            let _ = self.child.try_wait();
            std::thread::sleep(Duration::from_millis(20));
        }
        signal(&tree, "KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// Sends `SIGname` to each live process of `pids`.
fn signal(pids: &[u32], name: &str) {
    for &pid in pids.iter().filter(|&&pid| alive(pid)) {
        let _ = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .stderr(Stdio::null())
            .status();
    }
}

/// Whether `pid` is a running process (not gone, not a zombie).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .and_then(|(_, after)| after.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X")
    })
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
