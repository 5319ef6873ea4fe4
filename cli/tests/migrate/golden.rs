//! Golden folders: `tests/golden/generate/<case>/{before.json, after.json, options.toml}` →
//! `expected/` (`migration.toml` + `schema.json`, or `refused.txt`, or `unchanged.txt`), and
//! `tests/golden/export/<case>/schema.json` → `expected/{cloudformation.yaml, terraform.tf}`.
//!
//! `UPDATE_GOLDEN=1 cargo test -p dynamodel-cli --test cli golden` rewrites the expected files;
//! review the diff before committing it.

use std::path::{Path, PathBuf};

use dynamodel_cli::migrate::folder::{MigrationFile, render_file};
use dynamodel_cli::migrate::generate::leads_to;
use dynamodel_cli::migrate::{GenerateOptions, Snapshot, generate};
use dynamodel_cli::schema_export::{Format, render};

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0")
}

/// Compares `actual` with the file `path` (or writes it when updating); the mismatch, if any.
fn check(path: &Path, actual: &str) -> Option<String> {
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return None;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => None,
        Ok(expected) => Some(format!(
            "{} differs.\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )),
        Err(_) => Some(format!("{} is missing; actual:\n{actual}", path.display())),
    }
}

fn cases(area: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_root().join(area))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

fn snapshot(path: &Path) -> Snapshot {
    if path.exists() {
        Snapshot::read(path).unwrap()
    } else {
        Snapshot::default()
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseOptions {
    #[serde(default)]
    allow_rebuild: bool,
    #[serde(default)]
    allow_delete: bool,
}

#[test]
fn generate_cases_match_their_golden_folders() {
    let mut failures = Vec::new();
    let all = cases("generate");
    assert!(all.len() >= 15, "the golden cases are missing: {all:?}");
    for case in all {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let before = snapshot(&case.join("before.json"));
        let after = snapshot(&case.join("after.json"));
        let options: CaseOptions = std::fs::read_to_string(case.join("options.toml"))
            .map(|text| toml::from_str(&text).unwrap())
            .unwrap_or_default();
        let options = GenerateOptions {
            allow_rebuild: options.allow_rebuild,
            allow_delete: options.allow_delete,
            ..GenerateOptions::default()
        };
        let expected = case.join("expected");
        let outputs: Vec<(&str, String)> = match generate(&before, &after, &options) {
            Err(error) => vec![("refused.txt", format!("{error}\n"))],
            Ok(generated) if generated.is_empty() => {
                vec![("unchanged.txt", "no changes\n".to_owned())]
            }
            Ok(generated) => {
                assert!(
                    leads_to(&before, &generated.steps, &generated.snapshot),
                    "{name}: the steps do not lead to the snapshot"
                );
                let file = MigrationFile {
                    name: name.clone(),
                    notes: generated.notes.clone(),
                    steps: generated.steps.clone(),
                };
                let text = render_file(&format!("0002_{name}"), &file);
                // What is written reads back as the same steps.
                let parsed: MigrationFile = toml::from_str(&text).unwrap();
                assert_eq!(parsed, file, "{name}: migration.toml does not round-trip");
                vec![
                    ("migration.toml", text),
                    ("schema.json", generated.snapshot.to_json()),
                ]
            }
        };
        if updating() {
            let _ = std::fs::remove_dir_all(&expected);
        } else {
            let mut present: Vec<String> = std::fs::read_dir(&expected)
                .map(|dir| {
                    dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            present.sort();
            let mut produced: Vec<String> = outputs.iter().map(|(f, _)| (*f).to_owned()).collect();
            produced.sort();
            if present != produced {
                failures.push(format!(
                    "{name}: expected files {present:?}, produced {produced:?}"
                ));
                continue;
            }
        }
        for (file, text) in &outputs {
            if let Some(failure) = check(&expected.join(file), text) {
                failures.push(format!("{name}: {failure}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn export_cases_match_their_golden_folders() {
    let mut failures = Vec::new();
    for case in cases("export") {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let snapshot = Snapshot::read(&case.join("schema.json")).unwrap();
        for (format, file) in [
            (Format::Cloudformation, "cloudformation.yaml"),
            (Format::Terraform, "terraform.tf"),
        ] {
            let text = match render(&snapshot, format) {
                Ok(text) => text,
                Err(error) => format!("refused: {error}\n"),
            };
            if let Some(failure) = check(&case.join("expected").join(file), &text) {
                failures.push(format!("{name}: {failure}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
