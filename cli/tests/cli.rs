//! The `dynamodel` binary's command-line surface.

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
    assert_eq!(stdout.trim(), format!("dynamodel {}", env!("CARGO_PKG_VERSION")));
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
