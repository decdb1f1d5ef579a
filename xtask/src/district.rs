//! The district page, a step of `cargo xtask dist` of its own: its wasm module is built in a
//! cargo invocation of its own, so that its features (the spreadsheet crates, more web-sys)
//! never unify into the self-check page's build, and is bound into `dist/district/` beside
//! the page's `index.html`, `boot.js` and stylesheet (copied from `www/district/` with the
//! rest of `www/`). It reads the site's `rubrics/` and loads the checker from `pkg/`, both
//! one folder up.

use std::path::Path;

use crate::dist::bindgen;
use crate::tools::{cargo, run, target_dir};
use crate::Result;

/// Builds the district page's wasm into `dist/district/`. `remap` is the path remapping the
/// page's build uses, so no path of this machine ends up in the bundle.
pub fn build(dist: &Path, remap: &str) -> Result {
    run(cargo()
        .args([
            "build",
            "--profile",
            "wasm",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "spacescore-district",
        ])
        .env("CARGO_ENCODED_RUSTFLAGS", remap))?;
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join("wasm")
        .join("spacescore_district.wasm");
    bindgen(&wasm, &dist.join("district"), "web", "spacescore_district")
}
