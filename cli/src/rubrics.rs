//! The rubrics a command can use: the built-in ones, plus the rubrics of every `--rubric`
//! file, checked exactly as the build checks the built-in ones.

use std::io::Write;
use std::path::Path;

use spacescore_core::check::{check_bytes, is_rubric_id, Library};
use spacescore_core::{Catalog, Rubric, Text};

use crate::input::{self, RUBRIC_LIMIT};
use crate::output::shown;
use crate::CliError;

/// The built-in rubrics and those loaded from files.
pub(crate) struct Loaded {
    pub(crate) catalog: Catalog,
    /// The ids the `--rubric` files define, in order.
    pub(crate) from_files: Vec<String>,
    /// Each `--rubric` file as messages show it, with the ids it defines.
    files: Vec<(String, Vec<String>)>,
}

/// Reads and checks the rubric file at `path`, shown whole in its problems.
///
/// # Errors
/// [`CliError::Unreadable`] when it cannot be read (or is over [`RUBRIC_LIMIT`]); the
/// checker's problems otherwise.
pub(crate) fn read(
    path: &str,
    library: &Library,
) -> Result<Result<Vec<Rubric>, spacescore_core::check::Problems>, CliError> {
    let bytes = input::file(path, RUBRIC_LIMIT, &input::a_rubric_file())?;
    Ok(check_bytes(&shown(Path::new(path)), &bytes, library))
}

/// Loads the built-in rubrics and the rubrics of `files`. A file's rubric with the id of a
/// built-in one replaces it, and a note on `err` says so.
pub(crate) fn load(files: &[String], err: &mut dyn Write) -> Result<Loaded, CliError> {
    let mut loaded = Loaded {
        catalog: spacescore_builtin::catalog(),
        from_files: Vec::new(),
        files: Vec::new(),
    };
    if files.is_empty() {
        return Ok(loaded);
    }
    let library = Library::shared().map_err(|p| CliError::Unreadable(Text::by(|l| p.text(l))))?;
    for path in files {
        let file = shown(Path::new(path));
        let rubrics = read(path, &library)?.map_err(|p| {
            let n = p.list().len();
            CliError::Unreadable(Text::by(|l| {
                crate::messages::FILE_PROBLEMS.get(l, &[&p.text(l), &n, &file, &file])
            }))
        })?;
        let mut ids = Vec::new();
        for r in rubrics {
            if loaded.catalog.rubric(r.id()).is_ok()
                && !loaded.from_files.contains(&r.id().to_string())
            {
                writeln!(
                    err,
                    "note: {} from {file} replaces the built-in rubric with that id",
                    r.id(),
                )?;
            }
            ids.push(r.id().to_string());
            loaded.from_files.push(r.id().to_string());
            loaded.catalog.insert(r);
        }
        loaded.files.push((file, ids));
    }
    Ok(loaded)
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
            // Written as an id, and not a file: an id the files do not define, not an input.
            if is_rubric_id(first) && !Path::new(first).exists() {
                return Err(self.not_in_files(first));
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
            [] => Err(CliError::Usage(crate::messages::ID_NEEDED.fill(&[]))),
            several => Err(CliError::Usage(
                crate::messages::SEVERAL_RUBRICS.fill(&[&several.join(", ")]),
            )),
        }
    }

    /// `id` is not a rubric of the `--rubric` files, nor a built-in one: which rubrics they
    /// define.
    fn not_in_files(&self, id: &str) -> CliError {
        let defined: Vec<String> = self
            .files
            .iter()
            .map(|(file, ids)| match ids.as_slice() {
                [one] => format!("{file} defines {one}"),
                ids => format!("{file} defines {}", ids.join(", ")),
            })
            .collect();
        CliError::Usage(crate::messages::NOT_A_RUBRIC.fill(&[&id, &defined.join("; ")]))
    }
}
