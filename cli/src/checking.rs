//! `spacescore check` and `spacescore compile`: the rubric checker for people who write
//! rubric files, with every problem on its own line (`file:line place: what to do`).

use std::io::Write;
use std::path::Path;

use spacescore_core::check::{check_bytes, Library};
use spacescore_core::{Lang, Text};

use crate::input::{self, RUBRIC_LIMIT};
use crate::messages as m;
use crate::output::{shown, Inputs, Outputs};
use crate::rubrics;
use crate::CliError;

/// Checks every file; prints `ok` lines for good files and every problem of the others. A
/// file that cannot be read is a problem of its own, and the files after it are still
/// checked. Fails (exit 1) when any file has a problem.
pub(crate) fn check(
    files: &[String],
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let library = Library::shared().map_err(|p| CliError::Unreadable(Text::by(|l| p.text(l))))?;
    let mut bad = 0;
    let mut total = 0;
    for path in files {
        let checked = input::read(path, RUBRIC_LIMIT)
            .map(|bytes| check_bytes(&shown(Path::new(path)), &bytes, &library));
        match checked {
            Ok(Ok(rubrics)) => {
                for r in rubrics {
                    writeln!(
                        out,
                        "{}: ok: {} {} ({}, hash {})",
                        shown(Path::new(path)),
                        r.id(),
                        r.version(),
                        r.name().get(lang),
                        r.short_hash()
                    )?;
                }
            }
            Ok(Err(problems)) => {
                bad += 1;
                total += problems.list().len();
                writeln!(out, "{}", problems.text(lang))?;
            }
            Err(failure) => {
                bad += 1;
                total += 1;
                writeln!(
                    out,
                    "{}",
                    failure.message(path, &input::a_rubric_file(), lang)
                )?;
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
    Err(CliError::Unreadable(m::RUBRIC_PROBLEMS.fill(&[])))
}

/// Checks a rubric file and writes each of its rubrics compiled to `dir/<id>.bin`: every
/// file is written before any is put in place, so a failure writes none.
pub(crate) fn compile(path: &str, dir: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let library = Library::shared().map_err(|p| CliError::Unreadable(Text::by(|l| p.text(l))))?;
    let rubrics = rubrics::read(path, &library)?.map_err(|p| {
        CliError::Unreadable(Text::by(|l| m::NOTHING_WRITTEN.get(l, &[&p.text(l)])))
    })?;
    let inputs = Inputs::default().add(m::ROLE_RUBRIC, [&path.to_string()]);
    let mut files = Outputs::default();
    let mut lines = Vec::new();
    for r in rubrics {
        // A rubric id is `region/type` in lowercase ascii (the checker enforces it), so
        // this path stays inside `dir`.
        let target = Path::new(dir).join(format!("{}.bin", r.id()));
        let bytes = r.to_bytes();
        files.write(&target, &bytes, &inputs)?;
        lines.push(format!(
            "{}\t{}\t{} bytes\thash {}",
            r.id(),
            shown(&target),
            bytes.len(),
            r.short_hash()
        ));
    }
    files.commit()?;
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
