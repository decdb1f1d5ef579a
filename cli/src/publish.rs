//! `spacescore publish SITE FILE...`: puts rubrics on a copy of the site. Each rubric is
//! written compiled to `SITE/rubrics/<id>.bin`, and `SITE/rubrics/index.json` is rebuilt from
//! every compiled rubric in that folder, so the page lists them and fetches only the one it
//! shows. `cargo xtask dist` publishes the built-in rubrics the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use spacescore_core::{Rubric, Text};

use crate::input::{self, RUBRIC_LIMIT};
use crate::output::{shown, Inputs, Outputs};
use crate::CliError;

/// The folder of a site that holds its rubrics.
pub const RUBRICS_DIR: &str = "rubrics";
/// The index the page reads, in [`RUBRICS_DIR`].
pub const INDEX: &str = "index.json";

/// Writes `rubrics` into `site` and rebuilds the index; returns the index's JSON. Every
/// compiled rubric already in the site is read and checked first, and every file is written
/// before any is put in place: on any failure the site is left as it was.
///
/// # Errors
/// [`CliError::Unreadable`] when a compiled rubric already in the folder cannot be read or is
/// not where its id puts it; [`CliError::Output`] when a file cannot be written.
pub fn publish(site: &Path, rubrics: &[Rubric]) -> Result<String, CliError> {
    write_site(site, rubrics, &Inputs::default())
}

fn write_site(site: &Path, rubrics: &[Rubric], inputs: &Inputs) -> Result<String, CliError> {
    let dir = site.join(RUBRICS_DIR);
    let target = |r: &Rubric| dir.join(format!("{}.bin", r.id()));
    let new: Vec<PathBuf> = rubrics.iter().map(target).collect();
    let mut all: Vec<Rubric> = rubrics.to_vec();
    for path in compiled_files(&dir) {
        // Replaced by a rubric being published: what it holds does not matter.
        if new.contains(&path) {
            continue;
        }
        let unreadable = |why: Text| {
            CliError::Unreadable(Text::by(|l| {
                crate::messages::SITE_FILE_BAD.get(l, &[&shown(&path), &why.get(l)])
            }))
        };
        let bytes = input::read(&path.to_string_lossy(), RUBRIC_LIMIT).map_err(|f| {
            let what = Text::new("编译后的评价表所能有的大小", "a compiled rubric can be");
            unreadable(Text::by(|l| f.message(&path.to_string_lossy(), &what, l)))
        })?;
        let r = Rubric::from_bytes(&bytes).map_err(|e| unreadable(e.text()))?;
        if target(&r) != path {
            return Err(unreadable(
                crate::messages::SITE_FILE_MISPLACED.fill(&[&r.id(), &shown(&target(&r))]),
            ));
        }
        if !all.iter().any(|a| a.id() == r.id()) {
            all.push(r);
        }
    }
    all.sort_by(|a, b| a.id().cmp(b.id()));
    let json = index_json(&all);
    let mut files = Outputs::default();
    for (r, path) in rubrics.iter().zip(&new) {
        // Rubric ids are `region/type` in lowercase ascii (the checker enforces it), so the
        // path stays inside the folder.
        files.write(path, &r.to_bytes(), inputs)?;
    }
    files.write(&dir.join(INDEX), json.as_bytes(), inputs)?;
    files.commit()?;
    for path in new.iter().chain(std::iter::once(&dir.join(INDEX))) {
        drop_compressed(path)?;
    }
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
            Err(e) => {
                return Err(CliError::Output(std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}", shown(&copy)),
                )))
            }
        }
    }
    Ok(())
}

/// Every `.bin` file under `dir`, sorted (links are not followed into folders).
fn compiled_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "bin") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The index of a site's rubrics: one entry per rubric, with what the picker shows and
/// where the compiled file is (relative to the site).
pub fn index_json(rubrics: &[Rubric]) -> String {
    spacescore_core::json::site_index(rubrics)
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
        return Err(CliError::Usage(
            crate::messages::NOT_A_SITE.fill(&[&shown(site)]),
        ));
    }
    let loaded = crate::rubrics::load(files, err)?;
    let rubrics: Vec<Rubric> = loaded
        .from_files
        .iter()
        .filter_map(|id| loaded.catalog.rubric(id).ok().cloned())
        .collect();
    let inputs = Inputs::default().add(crate::messages::ROLE_RUBRIC, files);
    write_site(site, &rubrics, &inputs)?;
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
