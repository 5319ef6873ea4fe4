//! Real processes for the binary and resume tests: the fixture migration crate
//! (`cli/tests/fixtures/migrations`, a workspace member) built with the workspace's cargo and
//! target directory, and `dynamodel_local`'s HTTP server in this process as a target that
//! outlives the processes writing to it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use dynamodel_local::Engine;
use dynamodel_local::server::Server;

/// The fixture migration crate's package.
pub(crate) const FIXTURE: &str = "dynamodel-fixture-migrations";

/// The workspace's `Cargo.toml`.
pub(crate) fn workspace_manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../Cargo.toml")
        .canonicalize()
        .unwrap()
}

/// The cargo that runs these tests (`CARGO`), as `dynamodel migrate` finds it.
pub(crate) fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// The fixture's executable, built once per test run (a compile of one small crate and a
/// link: its dependencies are those `dynamodel-cli`'s tests already built).
pub(crate) fn fixture_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let output = Command::new(cargo())
            .args([
                "build",
                "--quiet",
                "--message-format=json",
                "--package",
                FIXTURE,
            ])
            .arg("--manifest-path")
            .arg(workspace_manifest())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "building {FIXTURE}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|message| message["target"]["name"] == FIXTURE)
            .find_map(|message| message["executable"].as_str().map(PathBuf::from))
            .unwrap_or_else(|| panic!("cargo built no executable for {FIXTURE}"))
    })
}

/// `dynamodel_local`'s HTTP server on a free loopback port, serving `engine`; stops when
/// dropped.
pub(crate) struct LocalServer {
    pub(crate) engine: Engine,
    pub(crate) endpoint: String,
    pub(crate) runtime: tokio::runtime::Runtime,
}

impl LocalServer {
    pub(crate) fn start() -> LocalServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let engine = Engine::new();
        let server = runtime
            .block_on(Server::bind("127.0.0.1:0", engine.clone()))
            .unwrap();
        let endpoint = format!("http://{}", server.local_addr().unwrap());
        runtime.spawn(server.run());
        LocalServer {
            engine,
            endpoint,
            runtime,
        }
    }

    /// Runs `future` (an engine call, usually) to completion.
    pub(crate) fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}
