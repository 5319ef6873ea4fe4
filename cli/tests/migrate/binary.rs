//! The installed binary's side: `dynamodel schema export` from the latest snapshot, and how
//! `dynamodel migrate` finds and runs the migration crate.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use dynamodel_cli::driver::{MigrateArgs, MigrationsConfig, cargo_args, load_config};

/// A migrations folder whose only migration has the golden `provisioned` export schema.
fn folder_with_snapshot() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export/provisioned");
    let migration = dir.path().join("migrations/0001_init");
    std::fs::create_dir_all(&migration).unwrap();
    std::fs::copy(golden.join("schema.json"), migration.join("schema.json")).unwrap();
    std::fs::write(migration.join("migration.toml"), "name = \"init\"\n").unwrap();
    dir
}

#[test]
fn schema_export_prints_the_latest_snapshot() {
    let dir = folder_with_snapshot();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export/provisioned");
    for (format, file) in [
        ("terraform", "terraform.tf"),
        ("cloudformation", "cloudformation.yaml"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_dynamodel"))
            .args(["schema", "export", "--format", format])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let expected = std::fs::read_to_string(golden.join("expected").join(file)).unwrap();
        assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
    }
}

#[test]
fn schema_export_without_migrations_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_dynamodel"))
        .args(["schema", "export", "--format", "terraform"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dynamodel migrate generate"), "{stderr}");
}

#[test]
fn the_configuration_is_found_upwards_and_names_the_crate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dynamodel.toml"),
        "[migrations]\npackage = \"db-migrations\"\ndir = \"db/migrations\"\n",
    )
    .unwrap();
    let nested = dir.path().join("app/src");
    std::fs::create_dir_all(&nested).unwrap();
    let (config, root) = load_config(&nested).unwrap();
    assert_eq!(root, dir.path());
    assert_eq!(config.package, "db-migrations");
    let args = MigrateArgs {
        package: None,
        manifest_path: None,
        args: vec!["up".into(), "--target".into(), "engine".into()],
    };
    let cargo: Vec<OsString> = cargo_args(&config, &root, &args);
    let expected: Vec<OsString> = [
        "run".into(),
        "--quiet".into(),
        "--manifest-path".into(),
        dir.path().join("Cargo.toml").into_os_string(),
        "--package".into(),
        "db-migrations".into(),
        "--".into(),
        "--dir".into(),
        dir.path().join("db/migrations").into_os_string(),
        "up".into(),
        "--target".into(),
        "engine".into(),
    ]
    .into();
    assert_eq!(cargo, expected);
    // Overrides win; defaults apply without a file.
    let (defaults, _) = load_config(tempfile::tempdir().unwrap().path()).unwrap();
    assert_eq!(defaults, MigrationsConfig::default());
    let args = MigrateArgs {
        package: Some("other".into()),
        ..args
    };
    assert!(cargo_args(&config, &root, &args).contains(&OsString::from("other")));
}

#[test]
fn a_malformed_configuration_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dynamodel.toml"),
        "[migrations]\npackag = \"x\"\n",
    )
    .unwrap();
    let error = load_config(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("dynamodel.toml") && error.contains("packag"),
        "{error}"
    );
}

#[test]
fn migrate_help_lists_the_overrides() {
    let output = Command::new(env!("CARGO_BIN_EXE_dynamodel"))
        .args(["migrate", "--help"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("--package") && stdout.contains("--manifest-path"),
        "{stdout}"
    );
}

/// The migration crate's own command line, run in-process: `generate` writes nothing when
/// nothing changed and says so; a refusal exits 1 with the explanation.
#[test]
fn the_migration_command_line_generates_and_refuses() {
    use dynamodel_cli::migrate::{DataMigrations, Models, command::run_from};
    use std::process::ExitCode;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let models = || Models::new().schema(super::support::orders());
    let run = |args: &[&str], models: Models| {
        let mut all = vec!["migrations", "--dir", folder];
        all.extend_from_slice(args);
        run_from(all, models, DataMigrations::new())
    };
    assert_eq!(run(&["generate", "init"], models()), ExitCode::SUCCESS);
    assert!(dir.path().join("0001_init/migration.toml").is_file());
    assert_eq!(run(&["generate", "again"], models()), ExitCode::SUCCESS);
    assert!(!dir.path().join("0002_again").exists());
    let mut rekeyed = super::support::orders();
    rekeyed.partition_key = super::support::s("customer");
    assert_eq!(
        run(&["generate", "rekey"], Models::new().schema(rekeyed)),
        ExitCode::from(1)
    );
    assert_eq!(run(&["generate", "Bad-Name"], models()), ExitCode::from(2));
    assert_eq!(
        run(&["up", "--target", "engine"], models()),
        ExitCode::SUCCESS
    );
}

/// `dynamodel migrate generate / up / status` as a user runs them: the binary finds
/// `dynamodel.toml`, builds and runs the fixture migration crate with cargo (reusing the
/// workspace's target directory), and the crate applies its migrations to a server that
/// outlives each process.
#[test]
fn migrate_runs_the_migration_crate_of_dynamodel_toml() {
    use super::process::{FIXTURE, LocalServer, fixture_binary, workspace_manifest};
    use dynamodel::Backend;
    use dynamodel::model::DescribeTableInput;

    fixture_binary(); // built once, so the timings below are the commands'
    let server = LocalServer::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dynamodel.toml"),
        format!(
            "[migrations]\npackage = \"{FIXTURE}\"\ndir = \"db\"\nmanifest_path = {:?}\n",
            workspace_manifest()
        ),
    )
    .unwrap();
    let nested = dir.path().join("app");
    std::fs::create_dir_all(&nested).unwrap();
    let migrate = |args: &[String], model: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_dynamodel"))
            .arg("migrate")
            .args(args)
            .current_dir(&nested)
            .env("DYNAMODEL_FIXTURE_MODEL", model)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.code(), stdout, stderr)
    };
    let target = [
        "--endpoint-url",
        server.endpoint.as_str(),
        "--poll-interval-ms",
        "20",
    ];
    let with_target = |command: &'static str| -> Vec<String> {
        std::iter::once(command)
            .chain(target.iter().copied())
            .map(str::to_owned)
            .collect()
    };

    let (code, stdout, stderr) = migrate(&strings(&["generate", "init"]), "v1");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("wrote") && stdout.contains("0001_init"),
        "{stdout}"
    );
    let steps = std::fs::read_to_string(dir.path().join("db/0001_init/migration.toml")).unwrap();
    assert!(
        steps.contains("kind = \"create_table\"") && steps.contains("visits"),
        "{steps}"
    );
    let (code, stdout, _) = migrate(&strings(&["generate", "again"]), "v1");
    assert_eq!(code, Some(0));
    assert!(stdout.contains("no changes"), "{stdout}");
    assert!(!dir.path().join("db/0002_again").exists());

    let (code, stdout, stderr) = migrate(&with_target("status"), "v1");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("0001_init") && stdout.contains("pending"),
        "{stdout}"
    );
    let (code, stdout, stderr) = migrate(&with_target("up"), "v1");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("applied: 0001_init"), "{stdout}");

    // The model changes (an index): generate and apply the second migration.
    let (code, stdout, stderr) = migrate(&strings(&["generate", "add_index"]), "v2");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("0002_add_index"), "{stdout}");
    let (code, stdout, stderr) = migrate(&with_target("up"), "v2");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("applied: 0002_add_index"), "{stdout}");
    let (_, stdout, _) = migrate(&with_target("status"), "v2");
    let applied = stdout.lines().filter(|l| l.ends_with(" applied")).count();
    assert_eq!(applied, 2, "{stdout}");
    let table = server
        .block_on(server.engine.describe_table(DescribeTableInput {
            table_name: "visits".into(),
        }))
        .unwrap()
        .table
        .unwrap();
    let indexes = table.global_secondary_indexes.unwrap_or_default();
    assert_eq!(indexes[0].index_name.as_deref(), Some("by_count"));

    // The crate's exit codes come through: 2 for a usage error, 1 for a refusal.
    let (code, _, stderr) = migrate(&strings(&["generate", "Bad-Name"]), "v2");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("invalid migration name"), "{stderr}");
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|arg| (*arg).to_owned()).collect()
}
