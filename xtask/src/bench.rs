//! `cargo xtask bench`: the benchmarks, printed as tables (never timed tests).
//!
//! 1. batch-scoring throughput per rubric (native, release build);
//! 2. the transfer size of everything in `dist/`, raw, gzip and brotli;
//! 3. in headless Chromium: time from navigation to an interactive form (median of 10 cold
//!    loads) beside a plain static page, latency from an input event to the updated total
//!    (median and p95 over 200 inputs), and the JS heap after load.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{cargo, ensure_chromium, ensure_node_packages, run as run_cmd};
use crate::{dist, root, Result};

/// The page budget from the issue, in bytes of gzip.
const PAGE_BUDGET_GZIP: u64 = 150 * 1024;

/// Runs every benchmark.
pub fn run() -> Result {
    run_cmd(cargo().args([
        "bench",
        "-q",
        "-p",
        "spacescore-tests",
        "--bench",
        "throughput",
    ]))?;
    let dist = dist::build()?;
    sizes(&dist)?;
    ensure_chromium()?;
    ensure_node_packages()?;
    // The browser benchmark serves dist/ itself, beside the reference page it makes.
    run_cmd(
        Command::new("node")
            .arg("bench.mjs")
            .current_dir(root().join("tests").join("e2e"))
            .env("SPACESCORE_DIST", &dist),
    )?;
    Ok(())
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn gzip(bytes: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len() as u64).unwrap_or(0)
}

fn brotli(bytes: &[u8]) -> u64 {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len() as u64
}

fn kb(n: u64) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

/// Prints the size table: the page (what a visitor downloads), the embed, and the JS API
/// package, which a visitor never downloads.
fn sizes(dist: &Path) -> Result {
    let mut all = Vec::new();
    files(dist, &mut all);
    all.sort();
    println!("\nTransfer size of dist/ (gzip -9, brotli q11)\n");
    println!("| file | part | raw | gzip | brotli |");
    println!("|---|---|---:|---:|---:|");
    let mut totals: std::collections::BTreeMap<&str, (u64, u64, u64)> = Default::default();
    for path in &all {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let rel = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string();
        let part = if rel.starts_with("pkg") {
            "JS API package"
        } else if rel.starts_with("embed") {
            "embed"
        } else if rel.ends_with(".d.ts") {
            "types"
        } else {
            "page"
        };
        let (r, g, b) = (bytes.len() as u64, gzip(&bytes), brotli(&bytes));
        let t = totals.entry(part).or_default();
        t.0 += r;
        t.1 += g;
        t.2 += b;
        println!("| {rel} | {part} | {} | {} | {} |", kb(r), kb(g), kb(b));
    }
    println!();
    let mut sum = (0, 0, 0);
    for (part, (r, g, b)) in &totals {
        println!(
            "| **total: {part}** | | {} | {} | {} |",
            kb(*r),
            kb(*g),
            kb(*b)
        );
        sum = (sum.0 + r, sum.1 + g, sum.2 + b);
    }
    println!(
        "| **total: all of dist/** | | {} | {} | {} |",
        kb(sum.0),
        kb(sum.1),
        kb(sum.2)
    );
    let page = totals.get("page").map(|t| t.1).unwrap_or(0);
    println!(
        "\npage budget: {} gzip; page is {} ({})",
        kb(PAGE_BUDGET_GZIP),
        kb(page),
        if page <= PAGE_BUDGET_GZIP {
            "within"
        } else {
            "OVER"
        }
    );
    Ok(())
}
