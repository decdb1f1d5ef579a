//! `spacescore check` and `spacescore compile`: the rubric checker for people who write
//! rubric files, with every problem on its own line (`file:line place: what to do`).

use std::io::Write;
use std::path::Path;

use spacescore_core::check::{check_bytes, Library, Problems};
use spacescore_core::text::quote_short;
use spacescore_core::{Lang, Rubric};

use crate::CliError;

fn read_and_check(
    path: &str,
    library: &Library,
) -> Result<Result<Vec<Rubric>, Problems>, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Unreadable(format!("cannot read {}: {e}", quote_short(path))))?;
    Ok(check_bytes(path, &bytes, library))
}

/// Checks every file; prints `ok` lines for good files and every problem of the others.
/// Fails (exit 1) when any file has a problem.
pub(crate) fn check(
    files: &[String],
    lang: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let lang = if lang == "zh" { Lang::Zh } else { Lang::En };
    let library = Library::shared().map_err(|p| CliError::Unreadable(p.to_string()))?;
    let mut bad = 0;
    let mut total = 0;
    for path in files {
        match read_and_check(path, &library)? {
            Ok(rubrics) => {
                for r in rubrics {
                    writeln!(
                        out,
                        "{}: ok: {} {} ({}, hash {})",
                        quote_short(path),
                        r.id(),
                        r.version(),
                        r.name().get(lang),
                        r.short_hash()
                    )?;
                }
            }
            Err(problems) => {
                bad += 1;
                total += problems.list().len();
                writeln!(out, "{}", problems.text(lang))?;
            }
        }
    }
    if bad == 0 {
        return Ok(());
    }
    match lang {
        Lang::Zh => writeln!(err, "{bad} 个文件共有 {total} 个问题")?,
        Lang::En => writeln!(err, "{total} problem(s) in {bad} file(s)")?,
    }
    Err(CliError::Unreadable(match lang {
        Lang::Zh => "评价表文件有问题（见上）".into(),
        Lang::En => "the rubric files have problems (listed above)".into(),
    }))
}

/// Checks a rubric file and writes each of its rubrics compiled to `dir/<id>.bin`.
pub(crate) fn compile(path: &str, dir: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let library = Library::shared().map_err(|p| CliError::Unreadable(p.to_string()))?;
    let rubrics = read_and_check(path, &library)?
        .map_err(|p| CliError::Unreadable(format!("{}\nnothing was written", p.text(Lang::En))))?;
    for r in rubrics {
        // A rubric id is `region/type` in lowercase ascii (the checker enforces it), so
        // this path stays inside `dir`.
        let target = Path::new(dir).join(format!("{}.bin", r.id()));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                CliError::Unreadable(format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        let bytes = r.to_bytes();
        std::fs::write(&target, &bytes)
            .map_err(|e| CliError::Unreadable(format!("cannot write {}: {e}", target.display())))?;
        writeln!(
            out,
            "{}\t{}\t{} bytes\thash {}",
            r.id(),
            target.display(),
            bytes.len(),
            r.short_hash()
        )?;
    }
    Ok(())
}
