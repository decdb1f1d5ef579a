//! Turns the human-edited rubric files (`rubrics/*.toml`) into what the library embeds:
//!
//! 1. one JSON catalog (a generic TOML-to-JSON conversion), kept for tools and tests;
//! 2. the same catalog validated by the library's own conversion (the rubric checker, the
//!    very code of `src/rubric.rs`, compiled into this script) and written in the compact
//!    binary form that `Catalog::from_bytes` reads. An invalid rubric file fails the build
//!    with the checker's message, and the browser bundle carries neither a JSON parser for
//!    the catalog nor the checker.
//!
//! Decimals must be written as strings in the rubric files: a TOML float is refused here
//! with the file and key that hold it, so no binary floating point ever reaches scoring.

use std::fs;
use std::path::{Path, PathBuf};

// The library's own modules, so the build validates with exactly the library's checker.
#[allow(dead_code, unused_imports)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code, unused_imports)]
#[path = "src/file.rs"]
mod file;
#[allow(dead_code, unused_imports)]
#[path = "src/rubric.rs"]
mod rubric;
#[allow(dead_code, unused_imports)]
#[path = "src/text.rs"]
mod text;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = manifest.join("..").join("rubrics");
    let catalog_path = dir.join("catalog.toml");
    let fields_path = dir.join("fields.toml");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed={}", catalog_path.display());
    println!("cargo:rerun-if-changed={}", fields_path.display());
    for src in [
        "error.rs",
        "file.rs",
        "rubric.rs",
        "rubric/check.rs",
        "rubric/codec.rs",
        "text.rs",
    ] {
        println!(
            "cargo:rerun-if-changed={}",
            manifest.join("src").join(src).display()
        );
    }

    let catalog = read(&catalog_path);
    let fields = read(&fields_path);
    let documents = catalog
        .get("documents")
        .and_then(|d| d.as_array())
        .unwrap_or_else(|| fail(&catalog_path, "`documents` must list the rubric files"));
    let mut docs = Vec::new();
    for name in documents {
        let name = name
            .as_str()
            .unwrap_or_else(|| fail(&catalog_path, "`documents` entries must be file names"));
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let mut doc = read(&path);
        if let serde_json::Value::Object(map) = &mut doc {
            map.insert("file".into(), serde_json::Value::String(name.to_string()));
        }
        docs.push(doc);
    }
    let mut out = serde_json::Map::new();
    out.insert(
        "policies".into(),
        catalog.get("policies").cloned().unwrap_or_default(),
    );
    out.insert(
        "fields".into(),
        fields.get("fields").cloned().unwrap_or_default(),
    );
    out.insert("documents".into(), serde_json::Value::Array(docs));
    let json = serde_json::to_string(&serde_json::Value::Object(out))
        .unwrap_or_else(|e| fail(&dir, &e.to_string()));
    let catalog = rubric::Catalog::from_json(&json).unwrap_or_else(|e| fail(&dir, &e.to_string()));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    fs::write(out_dir.join("catalog.json"), &json)
        .unwrap_or_else(|e| fail(&out_dir, &e.to_string()));
    fs::write(out_dir.join("catalog.bin"), catalog.to_bytes())
        .unwrap_or_else(|e| fail(&out_dir, &e.to_string()));
}

fn read(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| fail(path, &e.to_string()));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| fail(path, &e.to_string()));
    convert(path, "", value)
}

fn convert(path: &Path, key: &str, value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Float(_) => fail(
            path,
            &format!("`{key}` is a TOML float; write decimals as strings (\"0.2\")"),
        ),
        toml::Value::Datetime(_) => fail(path, &format!("`{key}` is a date; write it as a string")),
        toml::Value::Array(items) => J::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| convert(path, &format!("{key}[{i}]"), v))
                .collect(),
        ),
        toml::Value::Table(table) => J::Object(
            table
                .into_iter()
                .map(|(k, v)| {
                    let inner = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    (k, convert(path, &inner, v))
                })
                .collect(),
        ),
    }
}

fn fail(path: &Path, message: &str) -> ! {
    eprintln!("error in {}: {message}", path.display());
    std::process::exit(1)
}
