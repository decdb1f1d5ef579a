//! Batch-scoring throughput per rubric: spaces scored per second by the engine alone, and
//! through the CLI's whole `batch` path (read CSV, score, write CSV); then the time of
//! `advise` per rubric, alone and with the `score` a page update runs beside it. Run with
//! `cargo xtask bench` (or `cargo bench -p spacescore-tests --bench throughput`).

use std::time::{Duration, Instant};

use spacescore_core::{advise, score, score_and_advise, FieldKind, Inputs, Rubric, Value};

/// A deterministic generator, so every run scores the same spaces.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Plausible figures for every field of a rubric, as a district's filings would hold.
fn space(rubric: &Rubric, rng: &mut Lcg) -> Inputs {
    rubric
        .fields()
        .values()
        .map(|f| {
            let n = rng.next();
            let v = match f.kind() {
                FieldKind::Count => (n % 60).to_string(),
                FieldKind::Amount | FieldKind::SignedAmount => format!("{}.{}", n % 5000, n % 10),
                FieldKind::Percent => (n % 101).to_string(),
                FieldKind::Score => {
                    let max = f.max().map(|m| m.to_string()).unwrap_or_else(|| "1".into());
                    let max: u64 = max
                        .split('.')
                        .next()
                        .and_then(|m| m.parse().ok())
                        .unwrap_or(1);
                    (n % (max + 1)).to_string()
                }
                FieldKind::Bool => if n.is_multiple_of(7) { "是" } else { "否" }.to_string(),
                FieldKind::Checklist(options) => options
                    .iter()
                    .filter(|_| rng.next().is_multiple_of(2))
                    .map(|o| o.id())
                    .collect::<Vec<_>>()
                    .join("、"),
                FieldKind::Choice(options) => options
                    .get(n as usize % options.len().max(1))
                    .map(|o| o.id().to_string())
                    .unwrap_or_default(),
            };
            let v = if f
                .max()
                .is_some_and(|m| v.parse::<rust_decimal::Decimal>().is_ok_and(|x| x > m))
            {
                "0".into()
            } else {
                v
            };
            (f.id().to_string(), Value::Text(v))
        })
        .collect()
}

fn csv_for(rubric: &Rubric, spaces: &[Inputs]) -> String {
    let fields: Vec<&String> = rubric.fields().keys().collect();
    let mut out = fields
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for s in spaces {
        let row: Vec<String> = fields
            .iter()
            .map(|f| match s.get(*f) {
                Some(Value::Text(t)) => format!("\"{t}\""),
                _ => String::new(),
            })
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// Runs `f` repeatedly for at least `budget`, returning runs per second of `per_run` items.
fn rate(budget: Duration, per_run: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm up
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < budget {
        f();
        runs += 1;
    }
    (f64::from(runs) * per_run as f64) / start.elapsed().as_secs_f64()
}

fn main() {
    let catalog = spacescore_builtin::catalog();
    let budget = Duration::from_millis(
        std::env::var("SPACESCORE_BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(800),
    );
    const SPACES: usize = 1000;
    println!("Batch-scoring throughput ({SPACES} generated spaces per rubric, release build)\n");
    println!("| rubric | items | fields | engine: spaces/s | engine: µs/space | CLI batch (CSV in → CSV out): spaces/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    let dir = std::env::temp_dir().join(format!("spacescore-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for rubric in catalog.rubrics() {
        let mut rng = Lcg(42);
        let spaces: Vec<Inputs> = (0..SPACES).map(|_| space(rubric, &mut rng)).collect();
        let engine = rate(budget, SPACES, || {
            for s in &spaces {
                std::hint::black_box(score(rubric, s));
            }
        });
        let path = dir.join(format!("{}.csv", rubric.id().replace('/', "-")));
        let _ = std::fs::write(&path, csv_for(rubric, &spaces));
        let args = vec![
            "batch".to_string(),
            rubric.id().to_string(),
            path.display().to_string(),
        ];
        let batch = rate(budget, SPACES, || {
            let mut out = Vec::new();
            let mut err = Vec::new();
            let _ = spacescore_cli::run(&args, &mut std::io::empty(), &mut out, &mut err);
            std::hint::black_box(out);
        });
        println!(
            "| `{}` | {} | {} | {:.0} | {:.1} | {:.0} |",
            rubric.id(),
            rubric.items().len(),
            rubric.fields().len(),
            engine,
            1e6 / engine,
            batch
        );
    }
    let _ = std::fs::remove_dir_all(&dir);

    // A page update with advice scores the space and advises on it: that must stay within
    // 2 ms at the median.
    const ADVISED: usize = 200;
    println!("\nAdvice per rubric ({ADVISED} generated spaces per rubric, each call timed; release build)\n");
    println!("| rubric | suggestions per space | advise: µs/call (median) | advise: µs/call (p95) | score, then advise: µs (median) | score_and_advise: µs (median) | within 2 ms |");
    println!("|---|---:|---:|---:|---:|---:|---|");
    for rubric in catalog.rubrics() {
        let mut rng = Lcg(7);
        let spaces: Vec<Inputs> = (0..ADVISED).map(|_| space(rubric, &mut rng)).collect();
        let suggestions: usize = spaces
            .iter()
            .map(|s| advise(rubric, s).suggestions.len())
            .sum();
        let alone = timed(budget, &spaces, |s| {
            std::hint::black_box(advise(rubric, s));
        });
        let page = timed(budget, &spaces, |s| {
            std::hint::black_box(score(rubric, s));
            std::hint::black_box(advise(rubric, s));
        });
        let both = timed(budget, &spaces, |s| {
            std::hint::black_box(score_and_advise(rubric, s));
        });
        let median = percentile(&page, 50);
        println!(
            "| `{}` | {:.1} | {:.0} | {:.0} | {:.0} | {:.0} | {} |",
            rubric.id(),
            suggestions as f64 / ADVISED as f64,
            percentile(&alone, 50),
            percentile(&alone, 95),
            median,
            percentile(&both, 50),
            if median <= 2000.0 { "yes" } else { "NO" }
        );
    }
}

/// Each call of `f` over the spaces, timed in µs, repeated for at least `budget`.
fn timed(budget: Duration, spaces: &[Inputs], mut f: impl FnMut(&Inputs)) -> Vec<f64> {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.is_empty() || start.elapsed() < budget {
        for s in spaces {
            let t = Instant::now();
            f(s);
            times.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    times
}

/// The `p`th percentile of `times`.
fn percentile(times: &[f64], p: usize) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let i = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(i).copied().unwrap_or(0.0)
}
