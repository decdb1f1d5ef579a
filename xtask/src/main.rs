//! `cargo xtask`: the project's build automation.
//!
//! - `setup`: check what the build and tests need, list what is missing, install it.
//! - `serve [--port N]`: build the static site into `dist/` and serve it on 127.0.0.1.
//! - `dist`: build the static site into `dist/`.
//! - `compress DIR`: write the `.gz` and `.br` copies of a site's files (`dist` does it).
//! - `test`: everything CI runs, installing what it needs on a fresh machine.
//! - `bench [--page]`: the benchmarks, printed as tables (`--page`: only the page's).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod bench;
mod compress;
mod dist;
mod district;
mod offline;
mod serve;
mod setup;
mod studio;
mod test;
mod tools;
mod wasm;

/// A failed step, with what to tell the person.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

const USAGE: &str =
    "usage: cargo xtask <setup | serve [--port N] | dist | compress DIR | test | bench [--page]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => {
            let port = match args.iter().position(|a| a == "--port") {
                Some(i) => match args.get(i + 1).and_then(|p| p.parse().ok()) {
                    Some(p) => p,
                    None => {
                        eprintln!("--port needs a number");
                        return ExitCode::from(2);
                    }
                },
                None => 8080,
            };
            dist::build().and_then(|dir| serve::serve_forever(&dir, port))
        }
        Some("setup") => setup::setup(setup::Need::Everything),
        Some("dist") => dist::build().map(|dir| println!("built {}", dir.display())),
        Some("compress") => match args.get(1) {
            Some(dir) => compress::all(Path::new(dir)),
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        Some("test") => test::entry(),
        Some("bench") => bench::run(args.iter().any(|a| a == "--page")),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
