//! The rubric studio, a step of `cargo xtask dist` of its own: its wasm module (the drafter,
//! the checker, the archive writer and the shared components) is built in a cargo
//! invocation of its own, so that none of its features (the core's checker and drafting
//! hooks) unify into the self-check page's build, and is bound into `dist/studio/` beside
//! the page's `index.html`, `boot.js` and stylesheet (copied from `www/studio/` with the rest
//! of `www/`). It reads the site's `rubrics/`, one folder up.

use std::path::Path;

use crate::wasm;
use crate::Result;

/// Builds the studio's wasm into `dist/studio/`. `remap` is the path remapping the page's
/// build uses, so no path of this machine ends up in the bundle.
pub fn build(dist: &Path, remap: &str) -> Result {
    let module = wasm::build("spacescore-studio", remap)?;
    wasm::bindgen(&module, &dist.join("studio"), "web", "spacescore_studio")
}
