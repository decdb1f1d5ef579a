//! `spacescore batch`: one space per row of a CSV or `.xlsx` file, one result row each.
//!
//! The reading and writing are `spacescore-sheets`' (the district page uses the same); this
//! module opens the file, streams the results to standard output or to an output file, and
//! prints row problems, notes and the summary on standard error.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use spacescore_core::text::quote_short;
use spacescore_core::Rubric;
use spacescore_sheets::{
    CsvSink, Door, Header, Outcome, ReadSeek, Results, RowOut, Sink, Source, XlsxSink,
};

use crate::CliError;

/// What `batch` reads and where it writes.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The CSV or `.xlsx` file.
    pub file: String,
    /// The output file (`.xlsx` when it ends so, else CSV); standard output when `None`.
    pub out: Option<String>,
    /// The sheet of an `.xlsx` file (the first when `None`).
    pub sheet: Option<String>,
    /// Copy columns that are not fields through instead of refusing the file.
    pub allow_unknown: bool,
}

/// How many row problems are listed on standard error before the rest are only counted.
const SHOWN_PROBLEMS: u64 = 20;

impl From<spacescore_sheets::Error> for CliError {
    fn from(e: spacescore_sheets::Error) -> Self {
        match e {
            spacescore_sheets::Error::Unreadable(m) => CliError::Unreadable(m),
            spacescore_sheets::Error::Option(m) => CliError::Usage(m),
            spacescore_sheets::Error::Output(e) => CliError::Output(e),
        }
    }
}

/// A batch file on disk.
struct FileSource<'a>(&'a str);

impl Source for FileSource<'_> {
    fn name(&self) -> &str {
        self.0
    }

    fn open(&self) -> io::Result<Box<dyn ReadSeek + '_>> {
        Ok(Box::new(BufReader::new(File::open(self.0)?)))
    }
}

/// Scores every row of `opts.file` under `r` and writes one result row each, to
/// `opts.out` or `stdout`. Row problems and a summary line go to `err`.
///
/// # Errors
/// [`CliError::Unreadable`] when the file cannot be read whole (a byte that fits no
/// encoding, a quote that never closes) or its header is wrong (no field column, a column
/// twice, a column that is not a field without `allow_unknown`): nothing is written then.
/// [`CliError::Usage`] for `--sheet` with a CSV file or an output that is the input.
pub fn batch(
    r: &Rubric,
    opts: &Options,
    stdout: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    if let Some(o) = opts.out.as_deref().filter(|o| *o != "-") {
        if same_file(Path::new(o), Path::new(&opts.file)) {
            return Err(CliError::Usage(format!(
                "the output {} is the input file; write the results elsewhere",
                quote_short(o)
            )));
        }
    }
    let read = spacescore_sheets::Options {
        sheet: opts.sheet.clone(),
        allow_unknown: opts.allow_unknown,
        door: Door::Cli,
    };
    let mut out = Out {
        dest: Dest::new(opts.out.as_deref()),
        stdout: Some(stdout),
        err,
        sink: None,
        problems: 0,
    };
    let summary = match spacescore_sheets::batch(&FileSource(&opts.file), r, &read, &mut out) {
        Ok(summary) => summary,
        Err(e) => return Err(out.abandon(e.into())),
    };
    out.finish()?;
    if out.problems > SHOWN_PROBLEMS {
        writeln!(
            out.err,
            "… and {} more row(s) not scored; the `problem` column says why",
            out.problems - SHOWN_PROBLEMS
        )?;
    }
    writeln!(
        out.err,
        "{} ({}): {summary}",
        quote_short(&opts.file),
        summary.described
    )?;
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Where the output goes: standard output, or a file written beside its final name and
/// renamed into place when the batch is done, so an interrupted batch leaves no
/// half-written results that look whole.
enum Dest {
    Stdout,
    File { path: PathBuf, partial: PathBuf },
}

impl Dest {
    fn new(out: Option<&str>) -> Dest {
        match out {
            None | Some("-") => Dest::Stdout,
            Some(o) => {
                let path = PathBuf::from(o);
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let partial = path.with_file_name(format!(".{name}.partial"));
                Dest::File { path, partial }
            }
        }
    }

    fn xlsx(&self) -> bool {
        match self {
            Dest::Stdout => false,
            Dest::File { path, .. } => path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx")),
        }
    }
}

fn create(path: &Path) -> Result<File, spacescore_sheets::Error> {
    File::create(path).map_err(|e| {
        spacescore_sheets::Error::Output(io::Error::new(
            e.kind(),
            format!("{}: {e}", path.display()),
        ))
    })
}

/// The results of a batch as they come: written out, with row problems on standard error.
struct Out<'a> {
    dest: Dest,
    stdout: Option<&'a mut dyn Write>,
    err: &'a mut dyn Write,
    sink: Option<Box<dyn Sink + 'a>>,
    /// Rows not scored so far.
    problems: u64,
}

impl<'a> Results for Out<'a> {
    /// Prints the notes about columns and opens the output.
    fn start(&mut self, header: &Header) -> Result<(), spacescore_sheets::Error> {
        for note in &header.notes {
            writeln!(self.err, "note: {note}")?;
        }
        let layout = header.layout.clone();
        let sink: Box<dyn Sink + 'a> = match &self.dest {
            Dest::Stdout => {
                let out = self.stdout.take().ok_or_else(|| {
                    spacescore_sheets::Error::Output(io::Error::other(
                        "standard output is already in use",
                    ))
                })?;
                Box::new(CsvSink::new(out, layout)?)
            }
            Dest::File { partial, .. } => {
                let f = create(partial)?;
                if self.dest.xlsx() {
                    Box::new(XlsxSink::new(BufWriter::new(f), layout)?)
                } else {
                    Box::new(CsvSink::new(BufWriter::new(f), layout)?)
                }
            }
        };
        self.sink = Some(sink);
        Ok(())
    }

    fn row(&mut self, row: &RowOut<'_>) -> Result<(), spacescore_sheets::Error> {
        if let Outcome::Problem(problem) = row.outcome {
            self.problems += 1;
            if self.problems <= SHOWN_PROBLEMS {
                writeln!(self.err, "row {}: {problem}; not scored", row.row)?;
            }
        }
        self.sink
            .as_mut()
            .ok_or_else(|| spacescore_sheets::Error::Output(io::Error::other("no output")))?
            .row(row)
    }
}

impl Out<'_> {
    /// Removes a partly written output file and passes `e` on.
    fn abandon(&mut self, e: CliError) -> CliError {
        self.sink = None;
        if let Dest::File { partial, .. } = &self.dest {
            let _ = std::fs::remove_file(partial);
        }
        e
    }

    /// Finishes the output and moves an output file into place.
    fn finish(&mut self) -> Result<(), CliError> {
        let Some(sink) = self.sink.take() else {
            return Ok(());
        };
        if let Err(e) = sink.finish() {
            return Err(self.abandon(e.into()));
        }
        if let Dest::File { path, partial } = &self.dest {
            std::fs::rename(partial, path).map_err(|e| {
                CliError::Output(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            })?;
        }
        Ok(())
    }
}
