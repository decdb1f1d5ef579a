//! The district page, a step of `cargo xtask dist` of its own: its wasm module is built in a
//! cargo invocation of its own, so that its features (the spreadsheet crates, more web-sys)
//! never unify into the self-check page's build, and is bound into `dist/district/` beside
//! the page's `index.html`, `boot.js` and stylesheet (copied from `www/district/` with the
//! rest of `www/`). It reads the site's `rubrics/` and loads the checker through `check.js`,
//! both one folder up.

use std::path::Path;

use crate::wasm;
use crate::Result;

/// Builds the district page's wasm into `dist/district/`. `remap` is the path remapping the
/// page's build uses, so no path of this machine ends up in the bundle.
pub fn build(dist: &Path, remap: &str) -> Result {
    let module = wasm::build("spacescore-district", remap)?;
    wasm::bindgen(
        &module,
        &dist.join("district"),
        "web",
        "spacescore_district",
    )
}
