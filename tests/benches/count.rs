//! A fixed amount of work, for counting instructions rather than timing: the machines we
//! share are noisy, and callgrind's counts repeat exactly.
//!
//! ```sh
//! cargo bench -p spacescore-tests --bench count --no-run   # prints the binary's path
//! valgrind --tool=callgrind --toggle-collect='*count::pass*' BINARY
//! ```
//!
//! Each `pass_*` function scores the same 1,000 generated spaces of one rubric once (the
//! spaces of `throughput`), so callgrind's total divided by 1,000 is instructions per space.
//! `SPACESCORE_COUNT_ONLY` picks rubrics by id (default: all, one after another),
//! `SPACESCORE_COUNT_MODE` picks `engine` (`score_with`, scores only: the default),
//! `scorer` (a [`Scorer`] that writes each report over the last, scores only), `explained`
//! (`score`) or `csv` (the whole `spacescore batch` path, CSV in and out).

use spacescore_core::{score, score_with, Detail, Inputs, Rubric, Scorer};

mod spaces;
use spaces::{space, write_csv, Lcg};

const SPACES: usize = 1000;

#[inline(never)]
fn pass_engine(rubric: &Rubric, spaces: &[Inputs]) {
    for s in spaces {
        std::hint::black_box(score_with(rubric, s, Detail::Scores));
    }
}

#[inline(never)]
fn pass_scorer(rubric: &Rubric, spaces: &[Inputs]) {
    let mut scorer = Scorer::new(rubric, Detail::Scores);
    for s in spaces {
        std::hint::black_box(scorer.score(s));
    }
}

#[inline(never)]
fn pass_explained(rubric: &Rubric, spaces: &[Inputs]) {
    for s in spaces {
        std::hint::black_box(score(rubric, s));
    }
}

#[inline(never)]
fn pass_csv(args: &[String]) {
    let mut out = std::io::sink();
    let mut err = Vec::new();
    if let Err(e) = spacescore_cli::run(args, &mut std::io::empty(), &mut out, &mut err) {
        panic!("batch failed: {e}");
    }
}

fn main() {
    let catalog = spacescore_builtin::catalog();
    let only = std::env::var("SPACESCORE_COUNT_ONLY").unwrap_or_default();
    let mode = std::env::var("SPACESCORE_COUNT_MODE").unwrap_or_else(|_| "engine".into());
    let dir = std::env::temp_dir().join(format!("spacescore-count-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for rubric in catalog.rubrics().iter().filter(|r| r.id().contains(&only)) {
        let mut rng = Lcg(42);
        let spaces: Vec<Inputs> = (0..SPACES).map(|_| space(rubric, &mut rng)).collect();
        match mode.as_str() {
            "explained" => pass_explained(rubric, &spaces),
            "scorer" => pass_scorer(rubric, &spaces),
            "csv" => {
                let path = dir.join(format!("{}.csv", rubric.id().replace('/', "-")));
                let mut text = Vec::new();
                write_csv(rubric, spaces.iter().cloned(), &mut text);
                let _ = std::fs::write(&path, text);
                pass_csv(&[
                    "batch".to_string(),
                    rubric.id().to_string(),
                    path.display().to_string(),
                ]);
            }
            _ => pass_engine(rubric, &spaces),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
