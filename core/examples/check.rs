//! Checks one rubric file on its own and scores sample inputs under it, for people
//! writing rubric data:
//!
//! ```text
//! cargo run -p spacescore-core --example check -- rubrics/xinxiang.toml [RUBRIC_ID] [field=value ...]
//! ```
//!
//! It loads `rubrics/catalog.toml` (policies) and `rubrics/fields.toml` with only the
//! named document, runs every invariant check except "every field is used", and prints
//! the report of the given inputs as JSON.

use std::fs;
use std::path::Path;

use spacescore_core::{score, Catalog, Inputs, Value};

fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Float(f) => {
            panic!("a TOML float ({f}) in rubric data: write decimals as strings")
        }
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

fn read(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml_to_json(toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let doc_path = args
        .next()
        .expect("usage: check RUBRIC_FILE [RUBRIC_ID] [field=value ...]");
    let doc_path = Path::new(&doc_path);
    let dir = doc_path.parent().unwrap_or(Path::new("rubrics"));
    let catalog = read(&dir.join("catalog.toml"));
    let fields = read(&dir.join("fields.toml"));
    let mut doc = read(doc_path);
    let name = doc_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    doc.as_object_mut()
        .expect("a table")
        .insert("file".into(), name.into());
    let json = serde_json::json!({
        "policies": catalog["policies"],
        "fields": fields["fields"],
        "documents": [doc],
    });
    let catalog = match Catalog::from_json_partial(&json.to_string()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let rest: Vec<String> = args.collect();
    let (id, pairs) = match rest.first() {
        Some(first) if !first.contains('=') => (Some(first.clone()), &rest[1..]),
        _ => (None, &rest[..]),
    };
    let rubric = match id {
        Some(id) => catalog.rubric(&id).expect("no such rubric in this file"),
        None => &catalog.rubrics()[0],
    };
    let mut inputs = Inputs::new();
    for pair in pairs {
        let (k, v) = pair.split_once('=').expect("inputs are field=value");
        inputs.insert(k.to_string(), Value::Text(v.to_string()));
    }
    eprintln!("ok: {} loads ({} items)", rubric.id(), rubric.items().len());
    println!(
        "{}",
        serde_json::to_string_pretty(&score(rubric, &inputs)).expect("json")
    );
}
