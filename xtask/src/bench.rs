//! `cargo xtask bench`: the benchmarks, printed as Markdown tables (never timed tests).
//!
//! 1. Drafting a rubric file from a 100-row table (native, release build), against its budget
//!    of 100 ms, beside checking the drafted file; then batch-scoring throughput per rubric.
//! 2. The transfer size of the site, gzip -9 and brotli q11: what every rubric's page shares,
//!    each compiled rubric, and one rubric's page in total (its HTML, the shared files, its
//!    rubric) against the 190 KB gzip budget. These per-page totals are handed to step 3,
//!    which checks them against the bytes it sees on the wire.
//! 3. In headless Chromium (`tests/e2e/bench.mjs`, playwright-core driving Debian's Chromium),
//!    rubric pages the way people meet them:
//!    - **Served** by the script itself from `dist/` as the real hosts serve it: gzip -9 on
//!      the wire (`Content-Encoding: gzip`) for html, js, css, wasm, json and bin when the
//!      request accepts it, the strict CSP, `Cache-Control: no-cache` with an ETag.
//!    - **Pages**: `xinxiang/professional` and the heaviest, `inner-mongolia/maker-space`, each
//!      at its prerendered URL `r/<id>/` when the build has one (else `index.html?rubric=<id>`),
//!      beside a **static copy** of the same rendered form: the prerendered HTML with every
//!      script (and module and fetch preload) removed, or, without prerendered pages, the
//!      app's first screen saved once live, without scripts. Same URL, same stylesheet, so the
//!      difference is what the app adds over static HTML.
//!    - **Networks**: local (no throttling) and the slow network of the page-speed issue,
//!      emulated through CDP (`Network.emulateNetworkConditions`: 150 ms added to every
//!      request, 1.6 Mbit/s down shared by the requests in flight, 750 kbit/s up).
//!    - **Cold loads**: 10 per page and network, the app and its static copy interleaved,
//!      each in a fresh browser context (an empty cache and storage), after one load of each
//!      that is not counted. A response served from a cache is reported as a warning.
//!      Viewport 1280×900, no CPU throttling. Printed: median (min–max).
//!    - **Measured**, in ms from navigation start in the page's clock:
//!      *first contentful paint* (Paint Timing); *form visible and typeable*, the first frame
//!      (an animation-frame probe injected before the page's scripts) in which a field's text
//!      input `#f-…` is in the DOM, laid out, visible and enabled, taken no earlier than the
//!      first contentful paint (for a prerendered page, the static HTML's paint); *scores
//!      live*, the app's `performance.mark('spacescore:live')`, set in the effect after its
//!      first render (so up to a frame before that render is painted; n/a for the static
//!      copy). *Bytes on the wire*: the sum of CDP `Network.loadingFinished.encodedDataLength`
//!      (bodies and response headers) of every request until live + 500 ms. *DOM nodes*:
//!      `document.getElementsByTagName('*').length` when `<html data-live>` appears (the
//!      static copy: once loaded). *Layout shift*: the sum of `layout-shift` entries without
//!      recent input, until live (the static copy: loaded) + 500 ms.
//!    - **The slow timeline** of each app page, median over its loads: when each file was
//!      requested and finished (CDP network events, mapped to the page's clock through the
//!      document request's wall time), when `WebAssembly.instantiateStreaming` was called and
//!      resolved (wrapped by the probe), first paint, typeable, live; and the floor the bytes
//!      set: two round trips plus every byte at 1.6 Mbit/s.
//!    - **Budgets** of the page-speed issue, each beside its measurement with the ratio
//!      measured ÷ allowed and "within" or "OVER": slow network, typeable ≤ 1.3× the static
//!      copy and live ≤ 1.3 s; local, first contentful paint ≤ 1.2× the static copy and live
//!      ≤ 2× the static copy's typeable; one rubric's page ≤ 190 KB on the wire; layout shift
//!      < 0.01 (worst load); input → updated total ≤ 2 ms median.
//!    - **Bytes against the size table**: response bodies on the wire beside step 2's total
//!      for the page, with any file fetched and not counted there, or counted and not fetched.
//!    - **Input latency**: 200 values set in `#f-events` on `xinxiang/professional`'s page
//!      once live, each from the input event until the total `#score-total` changes in the
//!      DOM (median, p95, max); and the JS heap afterwards.
//!
//! `cargo xtask bench --page` runs steps 2 and 3 only.
//!
//! The machine is shared: every figure is a median, every ratio is to a reference measured
//! in the same run, and the load average is printed with the tables.
//! `SPACESCORE_BENCH_LOADS=2 node tests/e2e/bench.mjs` tries step 3 out quickly on a built
//! `dist/`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::setup::{self, Need};
use crate::tools::{cargo, run as run_cmd};
use crate::{dist, root, Result};

/// One rubric's page on the wire, the budget of the page-speed issue, in bytes of gzip.
const PAGE_BUDGET_GZIP: u64 = 190 * 1024;

/// Runs every benchmark, or with `page_only` only the page's (sizes and the browser).
pub fn run(page_only: bool) -> Result {
    if !page_only {
        for bench in ["draft", "throughput"] {
            run_cmd(cargo().args(["bench", "-q", "-p", "spacescore-tests", "--bench", bench]))?;
        }
    }
    let dist = dist::build()?;
    let pages = sizes(&dist)?;
    setup::setup(Need::Everything)?;
    // The browser benchmark serves dist/ itself, beside the reference page it makes.
    run_cmd(
        Command::new(setup::node())
            .arg("bench.mjs")
            .current_dir(root().join("tests").join("e2e"))
            .env("SPACESCORE_DIST", &dist)
            .env("SPACESCORE_SIZES", sizes_json(&pages)),
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

/// What every rubric's page downloads besides its own HTML and rubric (browsers fetch the
/// icon too).
const SHARED: &[&str] = &[
    "style.css",
    "icon.svg",
    "boot.js",
    "spacescore_web.js",
    "spacescore_web_bg.wasm",
    "rubrics/index.json",
];

/// A rubric's page: its prerendered HTML where the build has one, else the app's shell.
fn page_html(dist: &Path, id: &str) -> String {
    let prerendered = format!("r/{id}/index.html");
    if dist.join(&prerendered).is_file() {
        prerendered
    } else {
        "index.html".to_string()
    }
}

/// One rubric's page as the size table counts it: each file a visitor downloads, in gzip bytes.
struct Page {
    id: String,
    files: Vec<(String, u64)>,
}

impl Page {
    fn total(&self) -> u64 {
        self.files.iter().map(|(_, g)| g).sum()
    }
}

/// A JSON string (ids and paths here are ASCII, but quote what needs quoting anyway).
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The size table as JSON for the browser benchmark, which checks the bytes it sees on the
/// wire against it: `{ "<id>": { "files": { "<path>": gzip bytes }, "total": gzip bytes } }`.
fn sizes_json(pages: &[Page]) -> String {
    let entries: Vec<String> = pages
        .iter()
        .map(|p| {
            let files: Vec<String> = p
                .files
                .iter()
                .map(|(f, g)| format!("{}:{g}", json_str(f)))
                .collect();
            format!(
                "{}:{{\"files\":{{{}}},\"total\":{}}}",
                json_str(&p.id),
                files.join(","),
                p.total()
            )
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// Prints the size tables: what every rubric's page shares, each compiled rubric, one
/// rubric's page as a visitor downloads it (beside the same page if it carried every rubric,
/// as it did before rubrics became files), and the parts a visitor of a built-in rubric never
/// downloads. Returns each page's files, for the browser benchmark to check the wire against.
fn sizes(dist: &Path) -> Result<Vec<Page>> {
    let read = |rel: &str| std::fs::read(dist.join(rel)).map_err(|e| format!("{rel}: {e}"));
    let mut shared = Vec::new();
    let mut sum = (0u64, 0u64, 0u64);
    println!("\nTransfer size of what every rubric's page downloads (gzip -9, brotli q11)\n");
    println!("| file | raw | gzip | brotli |");
    println!("|---|---:|---:|---:|");
    for rel in SHARED {
        let bytes = read(rel)?;
        let (r, g, b) = (bytes.len() as u64, gzip(&bytes), brotli(&bytes));
        sum = (sum.0 + r, sum.1 + g, sum.2 + b);
        shared.push((rel.to_string(), g));
        println!("| {rel} | {} | {} | {} |", kb(r), kb(g), kb(b));
    }
    println!(
        "| **shared (without the page's HTML and rubric)** | {} | {} | {} |",
        kb(sum.0),
        kb(sum.1),
        kb(sum.2)
    );

    let mut bins = Vec::new();
    files(&dist.join("rubrics"), &mut bins);
    bins.retain(|p| p.extension().is_some_and(|x| x == "bin"));
    bins.sort();
    let mut every = Vec::new();
    println!("\nCompiled rubrics (dist/rubrics/)\n");
    println!("| rubric | raw | gzip | brotli |");
    println!("|---|---:|---:|---:|");
    let mut pages = Vec::new();
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
        let html = page_html(dist, &id);
        let mut files = vec![(html.clone(), gzip(&read(&html)?))];
        files.extend(shared.iter().cloned());
        files.push((format!("rubrics/{id}.bin"), g));
        pages.push(Page { id, files });
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
        "| page | its HTML | shared | its rubric | total | with every rubric instead | saved | budget ≤ {} |",
        kb(PAGE_BUDGET_GZIP)
    );
    println!("|---|---|---:|---:|---:|---:|---:|---|");
    for page in &pages {
        let html = page.files.first().map(|f| f.1).unwrap_or(0);
        let rubric = page.files.last().map(|f| f.1).unwrap_or(0);
        let total = page.total();
        let with_all = total - rubric + all_gzip;
        println!(
            "| {} | {} {} | {} | {} | {} | {} | {} | {} |",
            page.id,
            page.files.first().map(|f| f.0.as_str()).unwrap_or(""),
            kb(html),
            kb(sum.1),
            kb(rubric),
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
    Ok(pages)
}
