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

use crate::setup::{self, Need};
use crate::tools::{cargo, run as run_cmd};
use crate::{dist, root, Result};

/// One rubric's page on the wire, the budget of the page-speed issue, in bytes of gzip.
const PAGE_BUDGET_GZIP: u64 = 190 * 1024;

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
    setup::setup(Need::Everything)?;
    // The browser benchmark serves dist/ itself, beside the reference page it makes.
    run_cmd(
        Command::new(setup::node())
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

/// What a visitor downloads before the page is ready, besides the rubric itself.
const SHELL: &[&str] = &[
    "index.html",
    "style.css",
    "boot.js",
    "spacescore_web.js",
    "spacescore_web_bg.wasm",
    "rubrics/index.json",
];

/// Prints the size tables: one rubric's page as a visitor downloads it (beside the same
/// page if it carried every rubric, as it did before rubrics became files), each compiled
/// rubric, and the parts a visitor of a built-in rubric never downloads.
fn sizes(dist: &Path) -> Result {
    let read = |rel: &str| std::fs::read(dist.join(rel)).map_err(|e| format!("{rel}: {e}"));
    let mut shell = (0u64, 0u64, 0u64);
    println!("\nTransfer size of a rubric's page (gzip -9, brotli q11)\n");
    println!("| file | raw | gzip | brotli |");
    println!("|---|---:|---:|---:|");
    for rel in SHELL {
        let bytes = read(rel)?;
        let (r, g, b) = (bytes.len() as u64, gzip(&bytes), brotli(&bytes));
        shell = (shell.0 + r, shell.1 + g, shell.2 + b);
        println!("| {rel} | {} | {} | {} |", kb(r), kb(g), kb(b));
    }
    println!(
        "| **shell (without the rubric)** | {} | {} | {} |",
        kb(shell.0),
        kb(shell.1),
        kb(shell.2)
    );

    let mut bins = Vec::new();
    files(&dist.join("rubrics"), &mut bins);
    bins.retain(|p| p.extension().is_some_and(|x| x == "bin"));
    bins.sort();
    let mut every = Vec::new();
    println!("\nCompiled rubrics (dist/rubrics/)\n");
    println!("| rubric | raw | gzip | brotli |");
    println!("|---|---:|---:|---:|");
    let mut rows = Vec::new();
    for path in &bins {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let id = path
            .strip_prefix(dist.join("rubrics"))
            .unwrap_or(path)
            .with_extension("")
            .display()
            .to_string();
        let (r, g, b) = (bytes.len() as u64, gzip(&bytes), brotli(&bytes));
        println!("| {id} | {} | {} | {} |", kb(r), kb(g), kb(b));
        every.extend_from_slice(&bytes);
        rows.push((id, g));
    }
    let all_gzip = gzip(&every);
    println!(
        "| **all of them, as one file** | {} | {} | {} |",
        kb(every.len() as u64),
        kb(all_gzip),
        kb(brotli(&every))
    );

    println!("\nOne rubric's page: what a visitor downloads (gzip), beside the same page carrying every rubric\n");
    println!(
        "| page | shell | its rubric | total | with every rubric instead | saved | budget ≤ {} |",
        kb(PAGE_BUDGET_GZIP)
    );
    println!("|---|---:|---:|---:|---:|---:|---|");
    for (id, g) in &rows {
        let total = shell.1 + g;
        let with_all = shell.1 + all_gzip;
        println!(
            "| {id} | {} | {} | {} | {} | {} | {} |",
            kb(shell.1),
            kb(*g),
            kb(total),
            kb(with_all),
            kb(with_all.saturating_sub(total)),
            if total <= PAGE_BUDGET_GZIP {
                "within"
            } else {
                "OVER"
            }
        );
    }

    let mut lazy = Vec::new();
    files(&dist.join("pkg"), &mut lazy);
    let checker: Vec<&std::path::PathBuf> = lazy
        .iter()
        .filter(|p| {
            let rel = p.strip_prefix(dist).unwrap_or(p).display().to_string();
            rel == "pkg/spacescore.js" || rel == "pkg/spacescore_bg.wasm"
        })
        .collect();
    let mut checker_gzip = 0;
    for p in &checker {
        checker_gzip += gzip(&std::fs::read(p).map_err(|e| e.to_string())?);
    }
    let embed = gzip(&read("embed.js")?);
    println!("\nNot downloaded for a built-in rubric's page\n");
    println!("| part | gzip | when |");
    println!("|---|---:|---|");
    println!("| rubric checker (pkg/spacescore.js + .wasm) | {} | only when a person opens a rubric file, or an embed has rubric-src |", kb(checker_gzip));
    println!(
        "| embed.js | {} | on a portal page that embeds the widget |",
        kb(embed)
    );
    let mut district = 0;
    for rel in [
        "district/index.html",
        "district/district.css",
        "district/boot.js",
        "district/spacescore_district.js",
        "district/spacescore_district_bg.wasm",
    ] {
        district += gzip(&read(rel)?);
    }
    println!(
        "| district page (district/: its page, script and wasm) | {} | on the district page only |",
        kb(district)
    );
    Ok(())
}
