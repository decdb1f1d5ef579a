//! Checks one rubric file on its own and scores sample inputs under it, for people
//! writing rubric data:
//!
//! ```text
//! cargo run -p spacescore-core --example check -- rubrics/xinxiang.toml [RUBRIC_ID] [field=value ...]
//! ```
//!
//! It checks the file against the shared field dictionary and policy built into this
//! version (as `spacescore check` does), lists every problem, or prints the report of the
//! given inputs as JSON.

use spacescore_core::check::{check_source, Library};
use spacescore_core::{score, Inputs, ScoreOutput, Value};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: check RUBRIC_FILE [RUBRIC_ID] [field=value ...]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let library = Library::shared().unwrap_or_else(|p| {
        eprintln!("{p}");
        std::process::exit(1);
    });
    let rubrics = check_source(&path, &text, &library).unwrap_or_else(|p| {
        eprintln!("{p}");
        std::process::exit(1);
    });
    let rest: Vec<String> = args.collect();
    let (id, pairs) = match rest.split_first() {
        Some((first, tail)) if !first.contains('=') => (Some(first.clone()), tail),
        _ => (None, rest.as_slice()),
    };
    let rubric = match &id {
        Some(id) => rubrics.iter().find(|r| r.id() == id),
        None => rubrics.first(),
    };
    let Some(rubric) = rubric else {
        eprintln!("no such rubric in {path}");
        std::process::exit(2);
    };
    let mut inputs = Inputs::new();
    for pair in pairs {
        let Some((k, v)) = pair.split_once('=') else {
            eprintln!("inputs are field=value, not {pair}");
            std::process::exit(2);
        };
        inputs.insert(k.to_string(), Value::Text(v.to_string()));
    }
    eprintln!("ok: {} loads ({} items)", rubric.id(), rubric.items().len());
    match serde_json::to_string_pretty(&ScoreOutput::from(score(rubric, &inputs))) {
        Ok(json) => println!("{json}"),
        Err(e) => eprintln!("{e}"),
    }
}
