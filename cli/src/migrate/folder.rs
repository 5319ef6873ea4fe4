//! The migrations folder: `NNNN_<name>/migration.toml` (the reviewed steps) and
//! `NNNN_<name>/schema.json` (every table's schema after them), read, written and
//! checksummed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::{Error, Result};
use super::generate::Generated;
use super::render::describe;
use super::snapshot::Snapshot;
use super::step::Step;

/// The steps file of a migration.
pub const STEPS_FILE: &str = "migration.toml";
/// The snapshot file of a migration.
pub const SNAPSHOT_FILE: &str = "schema.json";

/// The content of `migration.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationFile {
    /// The migration's name (the folder name without its number).
    pub name: String,
    /// What a reviewer must know about the steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The steps, in order.
    #[serde(default, rename = "step", skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
}

/// One migration of the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// `NNNN_<name>`: the folder name, and the migration's id in the ledger.
    pub id: String,
    /// Its number.
    pub number: u32,
    /// Its folder.
    pub path: PathBuf,
    /// Its steps file.
    pub file: MigrationFile,
    /// Every table's schema after it.
    pub snapshot: Snapshot,
    /// SHA-256 (hex) of both files: an applied migration whose files change is refused.
    pub checksum: String,
}

/// Every migration in `dir`, in number order. A missing folder has none. Other entries
/// (the migration crate's own `Cargo.toml` and `src/`, dot-folders) are ignored.
pub fn list(dir: &Path) -> Result<Vec<Migration>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(Error::io(dir)(error)),
    };
    let mut migrations = Vec::new();
    for entry in entries {
        let entry = entry.map_err(Error::io(dir))?;
        let path = entry.path();
        let Some(id) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let Some(number) = parse_id(id) else {
            continue;
        };
        if path.is_dir() {
            migrations.push(read(&path, id.to_owned(), number)?);
        }
    }
    migrations.sort_by_key(|migration| migration.number);
    for pair in migrations.windows(2) {
        if let [a, b] = pair {
            if a.number == b.number {
                return Err(Error::Usage(format!(
                    "two migrations are numbered {:04}: `{}` and `{}`; renumber one of them \
                     (only if it was never applied)",
                    a.number, a.id, b.id
                )));
            }
        }
    }
    Ok(migrations)
}

/// The number of a folder named `NNNN_<name>`.
fn parse_id(id: &str) -> Option<u32> {
    let (number, name) = id.split_once('_')?;
    if number.len() < 4 || !number.bytes().all(|b| b.is_ascii_digit()) || name.is_empty() {
        return None;
    }
    number.parse().ok()
}

fn read(path: &Path, id: String, number: u32) -> Result<Migration> {
    let steps_path = path.join(STEPS_FILE);
    let snapshot_path = path.join(SNAPSHOT_FILE);
    let steps_text = std::fs::read_to_string(&steps_path).map_err(Error::io(&steps_path))?;
    let snapshot_text =
        std::fs::read_to_string(&snapshot_path).map_err(Error::io(&snapshot_path))?;
    let file: MigrationFile = toml::from_str(&steps_text).map_err(|error| Error::Parse {
        path: steps_path.clone(),
        message: error.to_string(),
    })?;
    let snapshot = Snapshot::parse(&snapshot_text, &snapshot_path)?;
    Ok(Migration {
        checksum: checksum(&steps_text, &snapshot_text),
        id,
        number,
        path: path.to_owned(),
        file,
        snapshot,
    })
}

/// SHA-256 (hex) over the steps file, a NUL byte, and the snapshot file.
pub fn checksum(steps_text: &str, snapshot_text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(steps_text.as_bytes());
    hasher.update([0]);
    hasher.update(snapshot_text.as_bytes());
    hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// Checks a migration name: lowercase ASCII letters, digits and `_`, starting with a letter.
pub fn check_name(name: &str) -> Result<()> {
    let valid = name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && name.len() <= 100;
    if valid {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "invalid migration name `{name}`: use lowercase letters, digits and `_`, starting \
             with a letter (e.g. `add_orders_by_status`)"
        )))
    }
}

/// The id the next migration called `name` gets after `existing`.
pub fn next_id(existing: &[Migration], name: &str) -> String {
    let number = existing.last().map_or(1, |last| last.number + 1);
    format!("{number:04}_{name}")
}

/// Writes `generated` as migration `id` into `dir`; the new migration.
pub fn write(dir: &Path, id: &str, name: &str, generated: &Generated) -> Result<Migration> {
    let path = dir.join(id);
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; choose another name",
            path.display()
        )));
    }
    let file = MigrationFile {
        name: name.to_owned(),
        notes: generated.notes.clone(),
        steps: generated.steps.clone(),
    };
    let steps_text = render_file(id, &file);
    let snapshot_text = generated.snapshot.to_json();
    std::fs::create_dir_all(&path).map_err(Error::io(&path))?;
    let steps_path = path.join(STEPS_FILE);
    std::fs::write(&steps_path, &steps_text).map_err(Error::io(&steps_path))?;
    let snapshot_path = path.join(SNAPSHOT_FILE);
    std::fs::write(&snapshot_path, &snapshot_text).map_err(Error::io(&snapshot_path))?;
    Ok(Migration {
        id: id.to_owned(),
        number: parse_id(id).unwrap_or_default(),
        path,
        checksum: checksum(&steps_text, &snapshot_text),
        file,
        snapshot: generated.snapshot.clone(),
    })
}

/// The text of `migration.toml`: a header, the notes, then each step under a comment that
/// says what it does.
pub fn render_file(id: &str, file: &MigrationFile) -> String {
    let mut text = format!(
        "# Migration {id}, generated by `dynamodel migrate generate`.\n\
         # Review it like code. `dynamodel migrate up` runs the steps in order; schema.json is\n\
         # the schema of every table afterwards. Never edit a migration once it is applied.\n\n"
    );
    let header = MigrationFile {
        name: file.name.clone(),
        notes: file.notes.clone(),
        steps: Vec::new(),
    };
    text.push_str(
        &toml::to_string_pretty(&header)
            .unwrap_or_else(|error| unreachable!("a header serializes to TOML: {error}")),
    );
    for (number, step) in file.steps.iter().enumerate() {
        let _ = writeln!(text, "\n# Step {}: {}", number + 1, describe(step));
        text.push_str(&to_toml(&OneStep {
            step: std::slice::from_ref(step),
        }));
    }
    text
}

/// One `[[step]]` table, serialized on its own so that a comment can precede it.
#[derive(Serialize)]
struct OneStep<'a> {
    step: &'a [Step],
}

fn to_toml<T: Serialize>(value: &T) -> String {
    toml::to_string(value).unwrap_or_else(|error| unreachable!("steps serialize to TOML: {error}"))
}
