//! The rubrics a command can use: the built-in ones, plus the rubrics of every `--rubric`
//! file, checked exactly as the build checks the built-in ones.

use std::io::Write;

use spacescore_core::check::{check_bytes, Library};
use spacescore_core::text::quote_short;
use spacescore_core::{Catalog, Lang, Rubric};

use crate::CliError;

/// The built-in rubrics and those loaded from files.
pub(crate) struct Loaded {
    pub(crate) catalog: Catalog,
    /// The ids the `--rubric` files define, in order.
    pub(crate) from_files: Vec<String>,
}

/// Loads the built-in rubrics and the rubrics of `files`. A file's rubric with the id of a
/// built-in one replaces it, and a note on `err` says so.
pub(crate) fn load(files: &[String], err: &mut dyn Write) -> Result<Loaded, CliError> {
    let mut catalog = spacescore_builtin::catalog();
    let mut from_files = Vec::new();
    if files.is_empty() {
        return Ok(Loaded {
            catalog,
            from_files,
        });
    }
    let library = Library::shared().map_err(|p| CliError::Unreadable(p.to_string()))?;
    for path in files {
        let bytes = std::fs::read(path)
            .map_err(|e| CliError::Unreadable(format!("cannot read {}: {e}", quote_short(path))))?;
        let rubrics = check_bytes(path, &bytes, &library).map_err(|p| {
            let n = p.list().len();
            CliError::Unreadable(format!(
                "{}\n{n} problem(s) in {}; `spacescore check {}` lists them",
                p.text(Lang::En),
                quote_short(path),
                quote_short(path)
            ))
        })?;
        for r in rubrics {
            if catalog.rubric(r.id()).is_ok() && !from_files.contains(&r.id().to_string()) {
                writeln!(
                    err,
                    "note: {} from {} replaces the built-in rubric with that id",
                    r.id(),
                    quote_short(path)
                )?;
            }
            from_files.push(r.id().to_string());
            catalog.insert(r);
        }
    }
    Ok(Loaded {
        catalog,
        from_files,
    })
}

impl Loaded {
    /// The rubric a command's arguments name, and the arguments after its id. The first
    /// argument is the id, unless `--rubric` files define exactly one rubric and the first
    /// argument is not an id, in which case that rubric is meant.
    pub(crate) fn pick<'a>(&self, args: &'a [String]) -> Result<(&Rubric, &'a [String]), CliError> {
        if let Some((first, rest)) = args.split_first() {
            if let Ok(r) = self.catalog.rubric(first) {
                return Ok((r, rest));
            }
            if self.from_files.is_empty() {
                return Err(CliError::UnknownRubric(first.clone()));
            }
        }
        match self.from_files.as_slice() {
            [one] => {
                let r = self
                    .catalog
                    .rubric(one)
                    .map_err(|_| CliError::UnknownRubric(one.clone()))?;
                Ok((r, args))
            }
            [] => Err(CliError::Usage(
                "a rubric id is needed; `spacescore list` shows them".into(),
            )),
            several => Err(CliError::Usage(format!(
                "the --rubric files define several rubrics; name one of: {}",
                several.join(", ")
            ))),
        }
    }
}
