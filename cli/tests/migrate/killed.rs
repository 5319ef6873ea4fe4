//! A data migration killed midway (SIGKILL, in a real child process) and resumed: every item
//! is transformed exactly once. The child is the fixture migration crate; the target that
//! outlives it is `dynamodel_local`'s HTTP server in this process, whose engine the test
//! reads directly.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dynamodel::model::{PutItemInput, ScanInput};
use dynamodel::{AttributeValue, Backend, Item, Number};
use dynamodel_cli::migrate::ledger::{Checkpoint, Ledger};

use super::process::{LocalServer, fixture_binary};

const ITEMS: usize = 300;

/// `count` of every item of `visits`, by key.
fn counts(server: &LocalServer) -> std::collections::BTreeMap<String, i128> {
    let mut counts = std::collections::BTreeMap::new();
    let mut start = None;
    loop {
        let page = server
            .block_on(server.engine.scan(ScanInput {
                table_name: "visits".into(),
                exclusive_start_key: start.take(),
                ..ScanInput::default()
            }))
            .unwrap();
        for item in page.items.unwrap_or_default() {
            let pk = item["pk"].as_s().unwrap().to_owned();
            counts.insert(pk, item["count"].as_n().and_then(Number::to_i128).unwrap());
        }
        match page.last_evaluated_key {
            Some(key) => start = Some(key),
            None => return counts,
        }
    }
}

fn checkpoint(server: &LocalServer, id: &str) -> Checkpoint {
    let ledger = Ledger::new(&server.engine, "dynamodel_migrations", "test");
    server.block_on(ledger.checkpoint(id, 0)).unwrap()
}

#[test]
fn a_killed_data_migration_resumes_with_every_item_once() {
    let server = LocalServer::start();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let fixture = |args: &[&str]| {
        let mut command = Command::new(fixture_binary());
        command
            .args(["--dir", folder])
            .args(args)
            .env("DYNAMODEL_FIXTURE_MODEL", "v1");
        command
    };
    let target = [
        "--endpoint-url",
        server.endpoint.as_str(),
        "--poll-interval-ms",
        "20",
        "--chunk",
        "10",
    ];
    let up = |extra: &[&str]| {
        let mut command = fixture(&["up"]);
        command.args(target).args(extra);
        command
    };

    let status = fixture(&["generate", "create_visits"]).status().unwrap();
    assert!(status.success());
    assert!(up(&[]).status().unwrap().success());
    for i in 0..ITEMS {
        let item = Item::from([
            ("pk".to_owned(), AttributeValue::S(format!("v{i:03}"))),
            ("count".to_owned(), AttributeValue::N(Number::from(0))),
        ]);
        server
            .block_on(server.engine.put_item(PutItemInput {
                table_name: "visits".into(),
                item,
                ..PutItemInput::default()
            }))
            .unwrap();
    }
    let status = fixture(&["generate", "bump", "--data", "bump", "--table", "visits"])
        .status()
        .unwrap();
    assert!(status.success());
    let id = "0002_bump";

    // About 2 s of work at 150 items per second: killed once a third is committed.
    let mut child = up(&["--rate", "150"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while checkpoint(&server, id).processed < (ITEMS / 3) as u64 {
        assert!(child.try_wait().unwrap().is_none(), "the child ended early");
        assert!(Instant::now() < deadline, "no progress in 60 s");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no cleanup, the lock stays taken
    child.wait().unwrap();

    // Midway: each committed chunk wrote its items and its checkpoint together, so exactly the
    // counted items are bumped, and not all of them.
    let at_kill = checkpoint(&server, id);
    let bumped = counts(&server)
        .values()
        .filter(|count| **count == 1)
        .count();
    assert!(
        !at_kill.done && at_kill.processed < ITEMS as u64,
        "{at_kill:?}"
    );
    assert_eq!(bumped as u64, at_kill.processed, "{at_kill:?}");
    assert_eq!(at_kill.written, at_kill.processed);

    // The killed runner's lock stops a plain `up`; `--force-unlock` resumes.
    let refused = up(&[]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--force-unlock"), "{stderr}");
    let resumed = up(&["--force-unlock"]).output().unwrap();
    assert!(resumed.status.success(), "{resumed:?}");
    assert!(String::from_utf8_lossy(&resumed.stdout).contains("applied: 0002_bump"));

    let counts = counts(&server);
    assert_eq!(counts.len(), ITEMS, "items were lost or added");
    let wrong: Vec<_> = counts.iter().filter(|(_, count)| **count != 1).collect();
    assert!(
        wrong.is_empty(),
        "items transformed other than once: {wrong:?}"
    );
    let done = checkpoint(&server, id);
    assert!(done.done, "{done:?}");
    assert_eq!((done.processed, done.written), (ITEMS as u64, ITEMS as u64));
    let status = fixture(&["status"]).args(target).output().unwrap();
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains("0002_bump") && stdout.lines().all(|l| !l.contains("partly")),
        "{stdout}"
    );
}
