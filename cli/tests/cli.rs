//! The `dynamodel` binary's command-line surface, and the migration library behind
//! `dynamodel migrate` (module `migrate`).

// Test setup helpers unwrap too: a failure should stop the test at that line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

fn dynamodel(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dynamodel"))
        .args(args)
        .output()
        .expect("the dynamodel binary runs")
}

#[test]
fn version_flag_prints_the_crate_version() {
    let output = dynamodel(&["--version"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.trim(),
        format!("dynamodel {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_the_commands() {
    let output = dynamodel(&["--help"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Usage: dynamodel"), "{stdout}");
    assert!(stdout.contains("version"), "{stdout}");
}

#[test]
fn no_command_is_a_usage_error() {
    let output = dynamodel(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("dynamodel --help"));
}

#[test]
fn unknown_command_is_rejected() {
    let output = dynamodel(&["frobnicate"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("frobnicate"));
}

mod serve {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    /// `dynamodel local serve --port 0`: prints its address at once, answers DynamoDB's
    /// protocol, and exits cleanly on SIGTERM.
    #[test]
    fn serves_dynamodb_on_the_printed_address_and_stops_on_sigterm() {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_dynamodel"))
            .args([
                "local",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--threads",
                "1",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the dynamodel binary runs");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let ready = started.elapsed();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "{line}");
        // Process start included; the server itself reports sub-millisecond startup.
        assert!(ready < Duration::from_secs(2), "ready after {ready:?}");

        let mut stream = TcpStream::connect(&addr).unwrap();
        let body = r#"{"TableName":"games","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}"#;
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: {addr}\r\nX-Amz-Target: DynamoDB_20120810.CreateTable\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
        assert!(response.contains(r#""TableName":"games""#), "{response}");

        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        let exit = loop {
            if let Some(exit) = child.try_wait().unwrap() {
                break exit;
            }
            assert!(
                Instant::now() < deadline,
                "still running 10 s after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(exit.success(), "{exit:?}");
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(stderr.contains("stopped"), "{stderr}");
    }

    #[test]
    fn a_port_in_use_is_a_clear_error() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port().to_string();
        let output = Command::new(env!("CARGO_BIN_EXE_dynamodel"))
            .args(["local", "serve", "--port", &port])
            .output()
            .unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
            "{stderr}"
        );
    }

    #[test]
    fn help_documents_the_options() {
        let output = Command::new(env!("CARGO_BIN_EXE_dynamodel"))
            .args(["local", "serve", "--help"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        for option in ["--host", "--port", "--region", "--verbose"] {
            assert!(stdout.contains(option), "{stdout}");
        }
    }
}

mod migrate;
