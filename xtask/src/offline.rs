//! The site's build version and its service worker, a step of `cargo xtask dist` after
//! everything else is in `dist/` (and before the files are compressed).
//!
//! - **The version** is the SHA-256 of every file of the site (its path and its bytes), taken
//!   before the pages are stamped: the first 16 hex digits. Every page carries it in
//!   `<meta name="spacescore-build">` (the shell `www/index.html` has the placeholder `dev`),
//!   which `boot.js` compares with the build this browser ran last.
//! - **`sw.js`** (from `www/sw.js`) gets the version, the files every rubric's page loads
//!   ([`PAGE`]) and the front page, and the SHA-256 of every file of the site after stamping, so that any change
//!   to any file is a new `sw.js`, which browsers find and install.

use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::Result;

/// What every rubric's page loads besides its own HTML and rubric (browsers fetch the icon
/// too). The service worker keeps these when it installs, and the front page, which forwards
/// to the rubric used last; the benchmark's size table counts them.
pub const PAGE: &[&str] = &[
    "style.css",
    "icon.svg",
    "boot.js",
    "spacescore_live.js",
    "spacescore_live_bg.wasm",
    "spacescore_web.js",
    "spacescore_web_bg.wasm",
    "rubrics/index.json",
];

/// The front page, kept with [`PAGE`].
const FRONT: &str = "index.html";

/// The placeholder in `www/index.html`, and so in every page.
const PLACEHOLDER: &str = "<meta name=\"spacescore-build\" content=\"dev\">";
/// The line of `www/sw.js` that the build replaces.
const SW_BUILD: &str = "const BUILD = {\"version\":\"dev\",\"shell\":[],\"files\":{}};";

/// The files of the site a browser may ask for, as paths relative to `dist` with `/`: not the
/// service worker itself, not the compressed copies, not the JS API's Node build.
fn site_files(dist: &Path) -> Vec<String> {
    let mut all = Vec::new();
    crate::tools::files(dist, &mut all);
    let mut out: Vec<String> = all
        .iter()
        .filter_map(|p| p.strip_prefix(dist).ok())
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .filter(|p| {
            p != "sw.js"
                && !p.ends_with(".gz")
                && !p.ends_with(".br")
                && !p.starts_with("pkg/node/")
        })
        .collect();
    out.sort();
    out
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn read(dist: &Path, rel: &str) -> Result<Vec<u8>> {
    std::fs::read(dist.join(rel)).map_err(|e| format!("{rel}: {e}"))
}

/// Stamps every page with the build's version and writes `sw.js`. Returns the version.
pub fn write(dist: &Path) -> Result<String> {
    let files = site_files(dist);
    let mut version = Sha256::new();
    for rel in &files {
        version.update(rel.as_bytes());
        version.update([0]);
        version.update(Sha256::digest(read(dist, rel)?));
    }
    let version = hex(&version.finalize())
        .chars()
        .take(16)
        .collect::<String>();
    let stamp = format!("<meta name=\"spacescore-build\" content=\"{version}\">");
    for rel in files.iter().filter(|f| f.ends_with(".html")) {
        let html = String::from_utf8(read(dist, rel)?).map_err(|e| format!("{rel}: {e}"))?;
        if html.contains(PLACEHOLDER) {
            std::fs::write(dist.join(rel), html.replace(PLACEHOLDER, &stamp))
                .map_err(|e| format!("{rel}: {e}"))?;
        }
    }
    let shell: Vec<&str> = PAGE.iter().copied().chain([FRONT]).collect();
    for rel in &shell {
        if !files.iter().any(|f| f == rel) {
            return Err(format!(
                "the service worker's shell names {rel}, which the build has not"
            ));
        }
    }
    let mut build = format!("const BUILD = {{\"version\":\"{version}\",\"shell\":[");
    build.push_str(
        &shell
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(","),
    );
    build.push_str("],\"files\":{");
    let mut first = true;
    for rel in &files {
        if rel.contains(['"', '\\']) || rel.chars().any(char::is_control) {
            return Err(format!(
                "{rel}: a file name the service worker's list cannot hold"
            ));
        }
        let _ = write!(
            build,
            "{}\"{rel}\":\"{}\"",
            if first { "" } else { "," },
            hex(&Sha256::digest(read(dist, rel)?))
        );
        first = false;
    }
    build.push_str("}};");
    let sw = String::from_utf8(read(dist, "sw.js")?).map_err(|e| format!("sw.js: {e}"))?;
    if !sw.contains(SW_BUILD) {
        return Err(format!(
            "sw.js has no line `{SW_BUILD}` to write the build into"
        ));
    }
    std::fs::write(dist.join("sw.js"), sw.replacen(SW_BUILD, &build, 1))
        .map_err(|e| format!("sw.js: {e}"))?;
    Ok(version)
}
