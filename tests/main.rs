//! The workspace's integration tests, compiled as one binary. One module per area.

/// Worked examples from `tests/examples/*.toml`, computed by hand from the source documents.
mod examples;
