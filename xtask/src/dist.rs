//! Builds the static site into `dist/`: the Yew app compiled to wasm and bound by
//! wasm-bindgen, the static assets from `www/`, the JS API package in `dist/pkg/` (which the
//! page also loads, only when a person opens a rubric file, to check it), the export module in
//! `dist/filing/` (the applicant's .xlsx and .docx, loaded only when a person exports), and the built-in
//! rubrics, one compiled file each, in `dist/rubrics/` with their index — published exactly
//! as `spacescore publish` puts rubrics on a copy of the site. The district page
//! (`dist/district/`) and the rubric studio (`dist/studio/`) are steps of their own,
//! `district.rs` and `studio.rs`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::setup::{self, Need};
use crate::tools::{cargo, run};
use crate::wasm::{self, bindgen};
use crate::{root, Result};

/// Builds everything and returns the `dist/` folder.
pub fn build() -> Result<PathBuf> {
    setup::setup(Need::Build)?;
    let root = root();
    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear dist/: {e}"))?;
    }
    fs::create_dir_all(&dist).map_err(|e| format!("cannot create dist/: {e}"))?;

    // Paths of this machine stay out of the bundle (panic messages name source files).
    let cargo_home = std::env::var("CARGO_HOME")
        .ok()
        .or_else(|| std::env::var("HOME").ok().map(|h| format!("{h}/.cargo")))
        .unwrap_or_default();
    let remap = format!(
        "--remap-path-prefix={cargo_home}=cargo\x1f--remap-path-prefix={}=spacescore",
        root.display()
    );
    // Separate builds, so that features do not unify: the page's core (and its first
    // module's) has no checker, the JS API's has.
    let live = wasm::build("spacescore-live", &remap)?;
    let web = wasm::build("spacescore-web", &remap)?;
    let jsapi = wasm::build("spacescore-js", &remap)?;
    let filing = wasm::build("spacescore-filing-js", &remap)?;

    // The page: its first module, which makes the prerendered form score, and the app.
    bindgen(&live, &dist, "web", "spacescore_live")?;
    bindgen(&web, &dist, "web", "spacescore_web")?;
    copy_dir(&root.join("www"), &dist)?;

    // The JS API: an ES module for browsers and a CommonJS build for Node. The ES module
    // is `jsapi/package/spacescore.js` in front of the glue (`spacescore_glue.js`), so that
    // a function called before `init()` says so; the wasm keeps its name.
    let pkg = dist.join("pkg");
    bindgen(&jsapi, &pkg, "web", "spacescore_glue")?;
    fs::rename(
        pkg.join("spacescore_glue_bg.wasm"),
        pkg.join("spacescore_bg.wasm"),
    )
    .map_err(|e| format!("cannot rename the JS API's wasm: {e}"))?;
    bindgen(&jsapi, &pkg.join("node"), "nodejs", "spacescore")?;
    copy_dir(&root.join("jsapi").join("package"), &pkg)?;

    // The applicant's filing: the .xlsx and .docx writers, a module of their own that
    // `filing.js` loads only when a person exports one.
    bindgen(&filing, &dist.join("filing"), "web", "spacescore_filing")?;

    // The district page: a wasm module of its own, built apart (see district.rs).
    crate::district::build(&dist, &remap)?;
    // The rubric studio: a wasm module of its own too (see studio.rs).
    crate::studio::build(&dist, &remap)?;

    // The built-in rubrics: one compiled file each, and the index the page lists.
    let rubrics: Vec<_> = spacescore_builtin::catalog().rubrics().to_vec();
    spacescore_cli::publish::publish(&dist, &rubrics).map_err(|e| e.to_string())?;

    // Every page prerendered: the front page and each built-in rubric's form, by the app's
    // own components (Yew's server renderer, natively).
    run(cargo()
        .args([
            "run",
            "--quiet",
            "-p",
            "spacescore-web",
            "--features",
            "ssr",
            "--bin",
            "prerender",
            "--",
        ])
        .arg(&dist))?;

    // Every page stamped with the build's version, the service worker written with it, and
    // then every text and wasm file compressed beside itself.
    let version = crate::offline::write(&dist)?;
    eprintln!("build {version}");
    crate::compress::all(&dist)?;
    Ok(dist)
}

/// Copies the files of `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
