//! Unit tests: expansion snapshots and attribute errors.

mod errors;
mod expansion;
mod indexes;
mod templates;
