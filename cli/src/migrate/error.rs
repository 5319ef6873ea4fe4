//! The one error type of the migration tool.

use std::fmt;
use std::path::PathBuf;

/// A `Result` with the migration tool's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a migration command failed. Each message says what to do about it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A migration file, snapshot or configuration file is malformed.
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The command line or the registered models are wrong.
    Usage(String),
    /// The change cannot be made safely as asked; the message explains the options.
    Refused(String),
    /// DynamoDB (or the engine) rejected a request.
    Backend {
        /// What the tool was doing.
        context: String,
        /// DynamoDB's error.
        source: dynamodel::Error,
    },
    /// Another runner holds the migration lock.
    Locked {
        /// The other runner's id.
        owner: String,
        /// When its lock expires (epoch seconds).
        expires_at: i64,
    },
    /// A table or index did not become active in time.
    Timeout(String),
    /// A registered data migration function failed on an item.
    Data(String),
}

impl Error {
    /// A [`Error::Backend`] with what the tool was doing.
    pub(crate) fn backend(context: impl Into<String>) -> impl FnOnce(dynamodel::Error) -> Error {
        let context = context.into();
        move |source| Error::Backend { context, source }
    }

    /// An [`Error::Io`] for `path`.
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Parse { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Usage(message) | Error::Refused(message) | Error::Timeout(message) => {
                f.write_str(message)
            }
            Error::Backend { context, source } => write!(f, "{context}: {source}"),
            Error::Locked { owner, expires_at } => write!(
                f,
                "another runner (`{owner}`) holds the migration lock until {expires_at} (epoch \
                 seconds); wait for it to finish, or pass `--force-unlock` if it died"
            ),
            Error::Data(message) => write!(f, "data migration failed: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Backend { source, .. } => Some(source),
            _ => None,
        }
    }
}
