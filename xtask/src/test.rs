//! `cargo xtask test`: everything CI runs, in order of speed, stopping at the first failure.
//!
//! 1. formatting and lints (the drafter also for wasm32, as the studio page runs it);
//! 2. native tests: the core's unit and doc tests, worked examples, properties, the CLI,
//!    the rubric checker, and the state of the page, the district page and the studio
//!    (their reducers are pure);
//! 3. the static site, built as `cargo xtask dist` builds it;
//! 4. component tests in headless Chromium (wasm-bindgen-test);
//! 5. the JS API in Node, and end-to-end tests of the page, the embed, the district page and
//!    the studio
//!    with playwright-core driving Debian's Chromium, against `dist/` served on 127.0.0.1,
//!    among them axe-core's accessibility audit of every page (`a11y.test.mjs`).

use std::process::Command;

use crate::setup::{self, Need};
use crate::tools::{cargo, run, target_dir};
use crate::{dist, root, serve, Result};

/// Runs every check.
pub fn run_all() -> Result {
    let started = std::time::Instant::now();
    setup::setup(Need::Everything)?;
    step("formatting", || {
        run(cargo().args(["fmt", "--all", "--", "--check"]))
    })?;
    step("lints", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]))?;
        // The drafter runs in the browser too (the studio page): it must build for wasm.
        run(cargo().args([
            "clippy",
            "-p",
            "spacescore-draft",
            "--target",
            "wasm32-unknown-unknown",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]))?;
        // The prerenderer is built only with the `ssr` feature.
        run(cargo().args([
            "clippy",
            "-p",
            "spacescore-web",
            "--features",
            "ssr",
            "--bins",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("native tests", || {
        run(cargo().args([
            "test",
            "--workspace",
            "--exclude",
            "spacescore-web",
            "--exclude",
            "spacescore-js",
        ]))?;
        // The page's reducer is pure: its state tests need no browser.
        run(cargo().args(["test", "-p", "spacescore-web", "--test", "state"]))
    })?;
    let dist = dist::build()?;
    step("component tests (wasm, headless Chromium)", || {
        run(cargo()
            .args([
                "test",
                "-p",
                "spacescore-ui",
                "-p",
                "spacescore-web",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
    })?;
    run(cargo().args(["build", "-p", "spacescore-cli"]))?;
    // The hostile spreadsheets, for the district page's tests (written by them into a
    // temporary folder).
    run(cargo().args([
        "build",
        "-p",
        "spacescore-tests",
        "--bin",
        "spacescore-fixtures",
    ]))?;
    let site = serve::start(&dist, true)?;
    let hosts = serve::start(&root().join("tests").join("e2e").join("hosts"), false)?;
    step(
        "JS API, browser and embed tests (Node, playwright-core)",
        || {
            let e2e = root().join("tests").join("e2e");
            run(Command::new(setup::node())
                .args(["--test", "--test-concurrency=1"])
                .current_dir(&e2e)
                .env(
                    "SPACESCORE_SITE",
                    format!("http://127.0.0.1:{}/", site.port),
                )
                .env(
                    "SPACESCORE_WIDGET_ORIGIN",
                    format!("http://localhost:{}", site.port),
                )
                .env(
                    "SPACESCORE_HOST",
                    format!("http://127.0.0.1:{}/", hosts.port),
                )
                .env("SPACESCORE_PKG", dist.join("pkg"))
                .env(
                    "SPACESCORE_CLI",
                    target_dir().join("debug").join("spacescore"),
                )
                .env(
                    "SPACESCORE_FIXTURES",
                    target_dir().join("debug").join("spacescore-fixtures"),
                )
                .env("SPACESCORE_ARTIFACTS", e2e.join("artifacts")))
        },
    )?;
    println!("all checks passed in {:.0?}", started.elapsed());
    Ok(())
}

/// Runs `cargo xtask test`.
pub fn entry() -> Result {
    run_all()
}

fn step(name: &str, f: impl FnOnce() -> Result) -> Result {
    eprintln!("\n== {name}");
    let t = std::time::Instant::now();
    let r = f();
    eprintln!(
        "== {name}: {} in {:.1?}",
        if r.is_ok() { "ok" } else { "FAILED" },
        t.elapsed()
    );
    r
}
