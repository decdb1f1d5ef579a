//! `cargo xtask bench`: the benchmarks, printed as Markdown tables (never timed tests).
//!
//! 1. Drafting a rubric file from a 100-row table (native, release build), against its budget
//!    of 100 ms, beside checking the drafted file; then batch-scoring throughput per rubric.
//! 2. The transfer size of the site, from the build's own `.gz` (gzip -9) and `.br` (brotli
//!    q11) copies: what every rubric's page shares, each compiled rubric, and one rubric's page
//!    before its first figure is scored (its HTML, the stylesheet, `boot.js`, the first module,
//!    its rubric) and in all, against the aims of 150 KB and 320 KB. The per-page totals
//!    (brotli) are handed to step 3, which checks them against the bytes it sees on the wire.
//! 3. In headless Chromium (`tests/e2e/bench.mjs`, playwright-core driving Debian's Chromium),
//!    rubric pages the way people meet them:
//!    - **Served** by the script itself from `dist/` as hosts that send precompressed files
//!      serve it (nginx `brotli_static`, `gzip_static`): a file's `.br` copy when the request
//!      accepts brotli, else its `.gz`, the strict CSP, `Cache-Control: no-cache` with an ETag.
//!    - **Pages**: `xinxiang/professional` and the heaviest, `inner-mongolia/maker-space`, each
//!      at its prerendered URL `r/<id>/` (the page: first module, then the app), beside the
//!      **app alone**, the same page as it was before the first module (its HTML with the
//!      app's module and wasm preloaded instead, and `data-app-only`, which has `boot.js` load
//!      the app at once, with no first module and no service worker), and a **static copy**
//!      of the same rendered form: the prerendered HTML with every script (and module and
//!      fetch preload) removed. Same URL, same stylesheet.
//!    - **Conditions**: local (no throttling); the slow network of the page-speed issue,
//!      emulated through CDP (`Network.emulateNetworkConditions`: 150 ms added to every
//!      request, 1.6 Mbit/s down shared by the requests in flight, 750 kbit/s up); and the
//!      slow network with the CPU slowed 4× (`Emulation.setCPUThrottlingRate`), what a
//!      mid-range phone sees.
//!    - **Cold loads**: `SPACESCORE_BENCH_LOADS` (10) per page and condition, the three kinds
//!      interleaved, each in a fresh browser context (an empty cache and storage; the service
//!      worker allowed, as in a person's browser), after one load of each that is not counted.
//!      A response served from a cache is reported as a warning. Viewport 1280×900. Printed:
//!      median (min–max).
//!    - **Measured**, in ms from navigation start in the page's clock:
//!      *first contentful paint* (Paint Timing); *form visible and typeable*, the first frame
//!      (an animation-frame probe injected before the page's scripts) in which a field's text
//!      input `#f-…` is in the DOM, laid out, visible and enabled, taken no earlier than the
//!      first contentful paint; *figure typed at first sight scored*: in the first frame its
//!      field is there after that, the probe types a figure into it (an input event), and this
//!      is the first frame after in which its item's `data-score` is the core's score for it
//!      (computed by the JS API), whichever module scored it; *app took over*, the app's
//!      `performance.mark('spacescore:live')`, set in the effect after its first render.
//!      *Bytes before scored*: the sum of CDP `Network.loadingFinished.encodedDataLength`
//!      (bodies and response headers) of the requests finished by then; *all bytes*: of every
//!      request until the app took over + 500 ms. *DOM nodes*: counted when `<html data-live>`
//!      appears (the static copy: once loaded). *Layout shift*: the sum of `layout-shift`
//!      entries without recent input, until the app took over (the static copy: loaded) +
//!      500 ms.
//!    - **The offline second visit**: the page loaded once in a fresh context until its
//!      service worker controls it, then the context offline and the page loaded again, at
//!      full speed and with the CPU slowed 4×; the same measures, the requests the service
//!      worker served, and the bytes on the wire. The app alone tried once: it keeps no copy.
//!    - **The slow timeline** of the page and of the app alone, median over their loads: when
//!      each file was requested and finished (CDP network events, mapped to the page's clock
//!      through the document request's wall time), when each `WebAssembly.instantiateStreaming`
//!      was called and resolved (wrapped by the probe), first paint, typeable, the first
//!      module's mark (`spacescore:scoring`), scored, taken over; and the floor the bytes set:
//!      two round trips plus every byte before scored at 1.6 Mbit/s.
//!    - **Aims** of the issue, each beside its measurement with the ratio measured ÷ allowed
//!      and "within" or "OVER": slow network, the typed figure scored ≤ 1.3 s with ≤ 150 KB on
//!      the wire before it; everything the page loads ≤ 320 KB; local, first contentful paint ≤
//!      1.2× the static copy; slow, typeable ≤ 1.3× the static copy; layout shift < 0.01
//!      (worst load of every condition); input → updated total ≤ 2 ms median; and, without an
//!      aim, the typed figure scored on the slow network with the CPU slowed 4×.
//!    - **Bytes against the size table**: response bodies on the wire beside step 2's total
//!      for the page, with any file fetched and not counted there, or counted and not fetched.
//!    - **Input latency**: 200 values set in `#f-events` on `xinxiang/professional`'s page
//!      once the app is live, and once the first module is (the app held back), each from the
//!      input event until the total `#score-total` changes in the DOM (median, p95, max); and
//!      the JS heap afterwards.
//!    - **The district page** given files of 199, 2,000 and 20,000 spaces (`xinxiang/professional`,
//!      local): from giving the file to the table shown, the longest task meanwhile
//!      (`PerformanceObserver` of `longtask`), a sort by total from the click to the next
//!      frame (median of 5), and the rows drawn. 199 is the reference: below 200 the table
//!      draws every row.
//!
//! `cargo xtask bench --page` runs steps 2 and 3 only.
//!
//! The machine is shared: every figure is a median, every ratio is to a reference measured
//! in the same run, and the load average is printed with the tables.
//! `SPACESCORE_BENCH_LOADS=2 node tests/e2e/bench.mjs` tries step 3 out quickly on a built
//! `dist/`.

use std::path::Path;
use std::process::Command;

use crate::setup::{self, Need};
use crate::tools::{cargo, files, run as run_cmd};
use crate::{compress, dist, root, Result};

/// What may be on the wire before the figure typed at first sight is scored, and everything
/// one rubric's page loads (the aims of the first-module issue), in bytes.
const FIRST_AIM: u64 = 150 * 1024;
const ALL_AIM: u64 = 320 * 1024;

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

fn gzip(bytes: &[u8]) -> u64 {
    compress::gzip(bytes).len() as u64
}

fn brotli(bytes: &[u8]) -> u64 {
    compress::brotli(bytes).len() as u64
}

fn kb(n: u64) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

/// What every rubric's page downloads besides its own HTML and rubric.
const SHARED: &[&str] = crate::offline::PAGE;

/// What a rubric's page needs before the figure typed at first sight is scored, besides its
/// HTML and its rubric: the first module, and what the page blocks on.
const FIRST: &[&str] = &[
    "style.css",
    "boot.js",
    "spacescore_live.js",
    "spacescore_live_bg.wasm",
];

/// A file's size raw, gzip and brotli: its `.gz` and `.br` copies where the build wrote them
/// (what hosts send), else compressed here at the same settings.
fn packed(dist: &Path, rel: &str) -> Result<(u64, u64, u64)> {
    let bytes = std::fs::read(dist.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
    let copy = |ext: &str| {
        std::fs::metadata(dist.join(format!("{rel}.{ext}")))
            .map(|m| m.len())
            .ok()
    };
    Ok((
        bytes.len() as u64,
        copy("gz").unwrap_or_else(|| gzip(&bytes)),
        copy("br").unwrap_or_else(|| brotli(&bytes)),
    ))
}

/// A rubric's page: its prerendered HTML where the build has one, else the app's shell.
fn page_html(dist: &Path, id: &str) -> String {
    let prerendered = format!("r/{id}/index.html");
    if dist.join(&prerendered).is_file() {
        prerendered
    } else {
        "index.html".to_string()
    }
}

/// One rubric's page as the size table counts it: each file a visitor downloads, with its
/// gzip and brotli sizes.
struct Page {
    id: String,
    files: Vec<(String, u64, u64)>,
}

impl Page {
    fn total(&self) -> (u64, u64) {
        self.files
            .iter()
            .fold((0, 0), |(g, b), f| (g + f.1, b + f.2))
    }

    /// The files needed before the first figure is scored.
    fn first(&self) -> (u64, u64) {
        self.files
            .iter()
            .filter(|f| {
                FIRST.contains(&f.0.as_str()) || f.0.ends_with(".html") || f.0.ends_with(".bin")
            })
            .fold((0, 0), |(g, b), f| (g + f.1, b + f.2))
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
/// wire (brotli) against it: `{ "<id>": { "files": { "<path>": brotli bytes }, "total": brotli
/// bytes } }`.
fn sizes_json(pages: &[Page]) -> String {
    let entries: Vec<String> = pages
        .iter()
        .map(|p| {
            let files: Vec<String> = p
                .files
                .iter()
                .map(|(f, _, b)| format!("{}:{b}", json_str(f)))
                .collect();
            format!(
                "{}:{{\"files\":{{{}}},\"total\":{}}}",
                json_str(&p.id),
                files.join(","),
                p.total().1
            )
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// Prints the size tables: what every rubric's page shares, each compiled rubric, one
/// rubric's page as a visitor downloads it (before the first figure is scored, and in all;
/// beside the same page if it carried every rubric, as it did before rubrics became files),
/// and the parts a visitor of a built-in rubric never downloads. Returns each page's files, for
/// the browser benchmark to check the wire against.
fn sizes(dist: &Path) -> Result<Vec<Page>> {
    let mut shared = Vec::new();
    let mut sum = (0u64, 0u64, 0u64);
    println!("\nTransfer size of what every rubric's page downloads (the build's .gz and .br copies: gzip -9, brotli q11)\n");
    println!("| file | raw | gzip | brotli |");
    println!("|---|---:|---:|---:|");
    for rel in SHARED {
        let (r, g, b) = packed(dist, rel)?;
        sum = (sum.0 + r, sum.1 + g, sum.2 + b);
        shared.push((rel.to_string(), g, b));
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
        let id = path
            .strip_prefix(dist.join("rubrics"))
            .unwrap_or(path)
            .with_extension("")
            .display()
            .to_string();
        let rel = format!("rubrics/{id}.bin");
        let (r, g, b) = packed(dist, &rel)?;
        println!("| {id} | {} | {} | {} |", kb(r), kb(g), kb(b));
        every.extend_from_slice(&std::fs::read(path).map_err(|e| e.to_string())?);
        let html = page_html(dist, &id);
        let (_, hg, hb) = packed(dist, &html)?;
        let mut files = vec![(html, hg, hb)];
        files.extend(shared.iter().cloned());
        files.push((rel, g, b));
        pages.push(Page { id, files });
    }
    let all_gzip = gzip(&every);
    println!(
        "| **all of them, as one file** | {} | {} | {} |",
        kb(every.len() as u64),
        kb(all_gzip),
        kb(brotli(&every))
    );

    println!("\nOne rubric's page: what a visitor downloads, gzip / brotli (every rubric instead of its own: gzip)\n");
    println!(
        "| page | its HTML | its rubric | before the first figure is scored | ≤ {} | everything | ≤ {} | with every rubric instead |",
        kb(FIRST_AIM),
        kb(ALL_AIM)
    );
    println!("|---|---:|---:|---:|---|---:|---|---:|");
    let verdict = |n: u64, aim: u64| if n <= aim { "within" } else { "OVER" };
    for page in &pages {
        let html = page.files.first().map(|f| (f.1, f.2)).unwrap_or((0, 0));
        let rubric = page.files.last().map(|f| (f.1, f.2)).unwrap_or((0, 0));
        let (first, total) = (page.first(), page.total());
        println!(
            "| {} | {} / {} | {} / {} | {} / {} | gzip {}, brotli {} | {} / {} | gzip {}, brotli {} | {} |",
            page.id,
            kb(html.0),
            kb(html.1),
            kb(rubric.0),
            kb(rubric.1),
            kb(first.0),
            kb(first.1),
            verdict(first.0, FIRST_AIM),
            verdict(first.1, FIRST_AIM),
            kb(total.0),
            kb(total.1),
            verdict(total.0, ALL_AIM),
            verdict(total.1, ALL_AIM),
            kb(total.0 - rubric.0 + all_gzip),
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
    let mut checker_gzip = packed(dist, "check.js")?.1;
    for p in &checker {
        checker_gzip += gzip(&std::fs::read(p).map_err(|e| e.to_string())?);
    }
    let mut filing_gzip = packed(dist, "filing.js")?.1;
    for file in [
        "filing/spacescore_filing.js",
        "filing/spacescore_filing_bg.wasm",
    ] {
        filing_gzip += packed(dist, file)?.1;
    }
    let embed = packed(dist, "embed.js")?.1;
    println!("\nNot downloaded for a built-in rubric's page\n");
    println!("| part | gzip | when |");
    println!("|---|---:|---|");
    println!("| rubric checker (check.js, pkg/spacescore.js + .wasm) | {} | only when a person opens a rubric file, or an embed has rubric-src |", kb(checker_gzip));
    println!("| export module (filing.js, filing/spacescore_filing.js + .wasm) | {} | only when a person exports the filing as .xlsx or .docx |", kb(filing_gzip));
    println!(
        "| embed.js | {} | on a portal page that embeds the widget |",
        kb(embed)
    );
    for (page, css, name) in [
        ("district", "district.css", "district page"),
        ("studio", "studio.css", "rubric studio"),
    ] {
        let mut gz = 0;
        for file in [
            "index.html".to_string(),
            css.to_string(),
            "boot.js".to_string(),
            format!("spacescore_{page}.js"),
            format!("spacescore_{page}_bg.wasm"),
        ] {
            gz += packed(dist, &format!("{page}/{file}"))?.1;
        }
        println!(
            "| {name} ({page}/: its page, script and wasm) | {} | on the {name} only |",
            kb(gz)
        );
    }
    Ok(pages)
}
