//! Workspace-level integration and UI tests for dynamodel; see `tests/`.
