//! Drafting a rubric file from a 100-row table, against the budget of the studio issue
//! (under 100 ms), beside a reference measured in the same run: checking the drafted file
//! (the checker alone, which drafting ends with).
//!
//! Run with `cargo bench -p spacescore-tests --bench draft` (or `cargo xtask bench`). It
//! prints a table; it is never a timed test. The table is the seed documents' scoring table
//! of `tests/draft/inner-mongolia.tsv` (every kind of wording it has: bands, counts, a best
//! of, caps), its rows repeated until it has 100 items. Each figure is the median of
//! interleaved runs, so a busy machine's spells fall on both alike.
//!
//! Environment: `SPACESCORE_BENCH_RUNS` (runs of each, default 40).

use std::time::{Duration, Instant};

use spacescore_core::check::{check_source, Library};
use spacescore_draft::{draft, Facts, Table};

const BUDGET_MS: f64 = 100.0;
const ITEMS: usize = 100;

/// The table's header and its item rows repeated until there are `ITEMS` of them (a group's
/// first row keeps its group cell, so each repeat starts its groups again).
fn table() -> (String, usize) {
    let path = spacescore_tests::workspace_root()
        .join("tests")
        .join("draft")
        .join("inner-mongolia.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table = Table::from_tsv(&text).unwrap_or_else(|e| panic!("{e}"));
    let header = spacescore_draft::columns::header(&table).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<&Vec<String>> = table
        .rows()
        .iter()
        .skip(header.rows.end)
        .filter(|r| r.len() > 2)
        .collect();
    let quote = |c: &String| {
        if c.contains(['\t', '\n', '"']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.clone()
        }
    };
    let line = |r: &Vec<String>| r.iter().map(quote).collect::<Vec<_>>().join("\t");
    let mut out: Vec<String> = table
        .rows()
        .iter()
        .take(header.rows.end)
        .map(line)
        .collect();
    let mut n = 0;
    while n < ITEMS {
        for r in &rows {
            if n == ITEMS {
                break;
            }
            out.push(line(r));
            n += 1;
        }
    }
    (out.join("\n"), n)
}

fn median(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    let mid = v.get(v.len() / 2).map_or(0.0, ms);
    (mid, v.first().map_or(0.0, ms), v.last().map_or(0.0, ms))
}

fn main() {
    let runs: usize = std::env::var("SPACESCORE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let library = Library::shared().unwrap_or_else(|p| panic!("{p}"));
    let (text, items) = table();
    let facts = Facts::default();
    let first = draft(
        &Table::from_tsv(&text).unwrap_or_else(|e| panic!("{e}")),
        &facts,
        &library,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let toml = first.toml.clone();
    let mut drafting = Vec::with_capacity(runs);
    let mut checking = Vec::with_capacity(runs);
    let mut reading = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let table = Table::from_tsv(std::hint::black_box(&text)).unwrap_or_else(|e| panic!("{e}"));
        reading.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(draft(&table, &facts, &library).unwrap_or_else(|e| panic!("{e}")));
        drafting.push(t.elapsed());
        let t = Instant::now();
        let _ = std::hint::black_box(check_source("draft.toml", &toml, &library));
        checking.push(t.elapsed());
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("Drafting a rubric file from a {items}-row table ({} bytes of TOML drafted; release profile; median of {runs} interleaved runs, min–max; load average {})\n", toml.len(), load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    println!("| step | median ms | min–max ms | budget | ratio to the reference |");
    println!("|---|---:|---:|---|---:|");
    let (check_ms, check_lo, check_hi) = median(checking);
    let row = |name: &str, (m, lo, hi): (f64, f64, f64), budget: &str| {
        println!(
            "| {name} | {m:.2} | {lo:.2}–{hi:.2} | {budget} | {:.2}× |",
            m / check_ms.max(f64::EPSILON)
        );
    };
    row(
        "read the pasted text (`Table::from_tsv`)",
        median(reading),
        "",
    );
    let drafted = median(drafting);
    let verdict = if drafted.0 < BUDGET_MS {
        "< 100 ms: within"
    } else {
        "< 100 ms: **OVER**"
    };
    row("draft, the check included (`draft`)", drafted, verdict);
    println!("| reference: check the drafted file (`check_source`) | {check_ms:.2} | {check_lo:.2}–{check_hi:.2} | | 1.00× |");
}
