//! Building a crate for the browser: cargo with the `wasm` profile, each crate in an
//! invocation of its own (so that features never unify between the site's modules), then
//! wasm-bindgen for its JS glue.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{cargo, run, target_dir};
use crate::Result;

/// Builds `package` to wasm with the `wasm` profile and returns its `.wasm` file. `remap` is
/// the path remapping (`CARGO_ENCODED_RUSTFLAGS`) that keeps this machine's paths out of the
/// bundle.
pub fn build(package: &str, remap: &str) -> Result<PathBuf> {
    run(cargo()
        .args([
            "build",
            "--profile",
            "wasm",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            package,
        ])
        .env("CARGO_ENCODED_RUSTFLAGS", remap))?;
    Ok(target_dir()
        .join("wasm32-unknown-unknown")
        .join("wasm")
        .join(format!("{}.wasm", package.replace('-', "_"))))
}

/// Binds `wasm` for `target` (`web` or `nodejs`) into `out`, its files named `name`.
pub fn bindgen(wasm: &Path, out: &Path, target: &str, name: &str) -> Result {
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            target,
            "--no-typescript",
            "--remove-name-section",
            "--remove-producers-section",
            "--out-name",
            name,
            "--out-dir",
        ])
        .arg(out)
        .arg(wasm))
}
