//! Checks every rubric file of `rubrics/` with the rubric checker and embeds each rubric in
//! its compiled form. A file with a problem fails the build with the checker's messages
//! (file, line, place, what to do). Adding a rubric is adding a file: nothing here lists
//! them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use spacescore_core::check::{check_source, Library};

/// The shared files of `rubrics/`, which are not rubric documents.
const SHARED: &[&str] = &["fields.toml", "policies.toml"];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = manifest.join("..").join("rubrics");
    println!("cargo:rerun-if-changed={}", dir.display());
    let read = |name: &str| -> String {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("rubrics/{name}: {e}")))
    };
    let fields = read("fields.toml");
    let policies = read("policies.toml");
    let library = Library::read(
        ("rubrics/fields.toml", &fields),
        ("rubrics/policies.toml", &policies),
    )
    .unwrap_or_else(|p| fail(&p.to_string()));

    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("rubrics/: {e}")))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && !SHARED.contains(&n.as_str()))
        .collect();
    names.sort();

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let mut table = String::from("/// Every built-in rubric: (id, rubric file, compiled bytes).\n");
    table.push_str("pub(crate) const FILES: &[(&str, &str, &[u8])] = &[\n");
    let mut problems = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut n = 0;
    for name in &names {
        let text = read(name);
        match check_source(&format!("rubrics/{name}"), &text, &library) {
            Err(p) => problems.push(p.to_string()),
            Ok(rubrics) => {
                for r in rubrics {
                    if seen.contains(&r.id().to_string()) {
                        problems.push(format!(
                            "rubrics/{name}: the rubric id `{}` is used by another file too",
                            r.id()
                        ));
                        continue;
                    }
                    seen.push(r.id().to_string());
                    let file = format!("{n}.bin");
                    n += 1;
                    write(&out_dir.join(&file), &r.to_bytes());
                    let _ = writeln!(
                        table,
                        "    ({:?}, {name:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))),",
                        r.id()
                    );
                }
            }
        }
    }
    if !problems.is_empty() {
        fail(&problems.join("\n"));
    }
    table.push_str("];\n");
    write(&out_dir.join("builtin.rs"), table.as_bytes());
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
