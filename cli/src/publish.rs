//! `spacescore publish SITE FILE...`: puts rubrics on a copy of the site. Each rubric is
//! written compiled to `SITE/rubrics/<id>.bin`, and `SITE/rubrics/index.json` is rebuilt from
//! every compiled rubric in that folder, so the page lists them and fetches only the one it
//! shows. `cargo xtask dist` publishes the built-in rubrics the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use spacescore_core::json::Object;
use spacescore_core::{Rubric, Text};

use crate::CliError;

/// The folder of a site that holds its rubrics.
pub const RUBRICS_DIR: &str = "rubrics";
/// The index the page reads, in [`RUBRICS_DIR`].
pub const INDEX: &str = "index.json";

fn io(path: &Path, e: std::io::Error) -> CliError {
    CliError::Unreadable(format!("{}: {e}", path.display()))
}

/// Writes `rubrics` into `site` and rebuilds the index; returns the index's JSON.
///
/// # Errors
/// [`CliError::Unreadable`] when a file cannot be written or a compiled rubric already in
/// the folder cannot be read.
pub fn publish(site: &Path, rubrics: &[Rubric]) -> Result<String, CliError> {
    let dir = site.join(RUBRICS_DIR);
    for r in rubrics {
        // Rubric ids are `region/type` in lowercase ascii (the checker enforces it), so the
        // path stays inside the folder.
        let path = dir.join(format!("{}.bin", r.id()));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, r.to_bytes()).map_err(|e| io(&path, e))?;
        drop_compressed(&path)?;
    }
    let mut all: Vec<Rubric> = Vec::new();
    for path in compiled_files(&dir)? {
        let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
        let r = Rubric::from_bytes(&bytes)
            .map_err(|e| CliError::Unreadable(format!("{}: {e}", path.display())))?;
        let expected = dir.join(format!("{}.bin", r.id()));
        if expected != path {
            return Err(CliError::Unreadable(format!(
                "{} holds the rubric {}, which belongs at {}",
                path.display(),
                r.id(),
                expected.display()
            )));
        }
        all.push(r);
    }
    all.sort_by(|a, b| a.id().cmp(b.id()));
    let json = index_json(&all);
    let index = dir.join(INDEX);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    std::fs::write(&index, &json).map_err(|e| io(&index, e))?;
    drop_compressed(&index)?;
    Ok(json)
}

/// Removes the compressed copies of a file just rewritten (`NAME.gz`, `NAME.br`, which
/// `cargo xtask dist` writes for hosts that serve precompressed files): they hold the old
/// content, and a host would send them instead of the new file.
fn drop_compressed(path: &Path) -> Result<(), CliError> {
    for ext in ["gz", "br"] {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        let copy = PathBuf::from(name);
        match std::fs::remove_file(&copy) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&copy, e)),
        }
    }
    Ok(())
}

/// Every `.bin` file under `dir`, sorted.
fn compiled_files(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "bin") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The index of a site's rubrics: one entry per rubric, with what the picker shows and
/// where the compiled file is (relative to the site).
pub fn index_json(rubrics: &[Rubric]) -> String {
    let text =
        |o: Object, key: &str, t: &Text| o.string(key, &t.zh).string(&format!("{key}_en"), &t.en);
    let entries = rubrics.iter().map(|r| {
        let o = Object::new()
            .string("id", r.id())
            .string("version", r.version())
            .string("hash", r.hash())
            .string("method", r.method().as_str())
            .string("title", &r.document().title)
            .string("file", &format!("{RUBRICS_DIR}/{}.bin", r.id()));
        let o = text(o, "name", r.name());
        let o = text(o, "region", r.region());
        text(o, "space_type", r.space_type()).finish()
    });
    let mut json = spacescore_core::json::array(entries);
    json.push('\n');
    json
}

/// The command: checks the files, writes their rubrics into the site, lists what it wrote.
pub(crate) fn run(
    site: &str,
    files: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let site = Path::new(site);
    if !site.join("index.html").exists() {
        return Err(CliError::Usage(format!(
            "{} is not a copy of the site (it has no index.html); build one with `cargo xtask dist` and copy dist/",
            site.display()
        )));
    }
    let loaded = crate::rubrics::load(files, err)?;
    let rubrics: Vec<Rubric> = loaded
        .from_files
        .iter()
        .filter_map(|id| loaded.catalog.rubric(id).ok().cloned())
        .collect();
    publish(site, &rubrics)?;
    for r in &rubrics {
        writeln!(
            out,
            "{}\t{}/{}.bin\thash {}",
            r.id(),
            RUBRICS_DIR,
            r.id(),
            r.short_hash()
        )?;
    }
    Ok(())
}
