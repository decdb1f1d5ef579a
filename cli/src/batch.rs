//! `spacescore batch`: one space per row of a CSV or `.xlsx` file, one result row each.
//!
//! The reading and writing are `spacescore-sheets`' (the district page uses the same); this
//! module opens the file, streams the results to standard output or to the output
//! ([`crate::output`] says where it goes), and prints row problems, notes and the summary on
//! standard error.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};

use spacescore_core::text::quote_path;
use spacescore_core::{Lang, Rubric, Text};
use spacescore_sheets::{
    is_json, json_filing, Bytes, CsvSink, Door, Files, Header, Outcome, ReadSeek, Results, RowOut,
    Sink, Source, XlsxSink,
};

use crate::input::{self, PIPED_LIMIT};
use crate::messages as m;
use crate::output::{Output, Target};
use crate::CliError;

/// What `batch` reads and where it writes.
#[derive(Debug)]
pub(crate) struct Options {
    /// The CSV or `.xlsx` files (filings), or JSON exports of the page: one file is read as
    /// it always was; from several, every row names its file.
    pub(crate) files: Vec<String>,
    /// Where the results go (`.xlsx` when its name ends so, else CSV).
    pub(crate) out: Target,
    /// Whether the output is an `.xlsx` workbook.
    pub(crate) xlsx: bool,
    /// The sheet of an `.xlsx` file (the first when `None`).
    pub(crate) sheet: Option<String>,
    /// Copy columns that are not fields through instead of refusing the file.
    pub(crate) allow_unknown: bool,
    /// The language of the results and messages.
    pub(crate) lang: Lang,
    /// Show a progress bar on the terminal (standard error is one).
    pub(crate) progress: bool,
}

/// How many rows a batch reads between two updates of its progress bar (the bar itself
/// draws at most 20 times a second).
const PROGRESS_EVERY: u64 = 1024;

/// How many row problems are listed on standard error before the rest are only counted.
const SHOWN_PROBLEMS: u64 = 20;

impl From<spacescore_sheets::Error> for CliError {
    fn from(e: spacescore_sheets::Error) -> Self {
        match e {
            spacescore_sheets::Error::Unreadable(t) => CliError::Unreadable(t),
            spacescore_sheets::Error::Option(t) => CliError::Usage(t),
            spacescore_sheets::Error::Output(e) => CliError::Output(e),
        }
    }
}

/// A batch file on disk, read where it lies (a CSV file twice).
struct FileSource<'a>(&'a str);

impl Source for FileSource<'_> {
    fn name(&self) -> &str {
        self.0
    }

    fn open(&self) -> io::Result<Box<dyn ReadSeek + '_>> {
        Ok(Box::new(BufReader::new(File::open(self.0)?)))
    }
}

/// A batch file from a pipe, a FIFO or a device (`/dev/stdin`), which can be read only once:
/// held in memory, at most [`PIPED_LIMIT`] bytes of it.
fn piped(path: &str) -> Result<Option<Vec<u8>>, CliError> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            input::file(path, PIPED_LIMIT, &input::piped_batch_file()).map(Some)
        }
        _ => Ok(None),
    }
}

/// Scores every row of `opts.file` under `r` and writes one result row each, to
/// `opts.out` or `stdout`. Row problems and a summary line go to `err`.
///
/// # Errors
/// [`CliError::Unreadable`] when the file cannot be read whole (a byte that fits no
/// encoding, a quote that never closes) or its header is wrong (no field column, a column
/// twice, a column that is not a field without `allow_unknown`): nothing is written then.
/// [`CliError::Usage`] for `--sheet` with a CSV file.
pub(crate) fn batch(
    r: &Rubric,
    opts: &Options,
    stdout: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let read = spacescore_sheets::Options {
        sheet: opts.sheet.clone(),
        allow_unknown: opts.allow_unknown,
        door: Door::Cli,
        lang: opts.lang,
    };
    // Opened before the file is read: a temporary file beside the target, which becomes the
    // output only once the batch is done (dropped on any failure, it is removed).
    let mut file = opts.out.open(opts.xlsx)?;
    let streams = file.as_ref().is_none_or(Output::streams);
    let to = match file.as_mut() {
        Some(f) => To::File(f),
        None => To::Stdout(stdout),
    };
    let mut out = Out {
        streams,
        to: Some(to),
        xlsx: opts.xlsx,
        err: &mut *err,
        lang: opts.lang,
        bar: opts.progress.then(|| progress_bar(opts.lang)),
        sink: None,
        problems: 0,
    };
    let mut summaries = Vec::new();
    let mut results = Files::new(&mut out, opts.files.len() > 1);
    for path in &opts.files {
        results.file(path);
        let summary = if is_json(path) {
            let bytes = input::file(
                path,
                u64::try_from(spacescore_core::json_inputs::MAX_BYTES).unwrap_or(u64::MAX),
                &Text::new("页面导出的文件不会这么大", "an export of the page can be"),
            )?;
            json_filing(r, path, &bytes, &read, &mut results)?
        } else {
            let held = piped(path)?;
            let source: Box<dyn Source + '_> = match &held {
                Some(bytes) => Box::new(Bytes { name: path, bytes }),
                None => Box::new(FileSource(path)),
            };
            spacescore_sheets::batch(source.as_ref(), r, &read, &mut results)?
        };
        summaries.push((path, summary));
    }
    drop(results);
    if let Some(sink) = out.sink.take() {
        sink.finish()?;
    }
    let problems = out.problems;
    if let Some(bar) = out.bar.take() {
        bar.finish_and_clear();
    }
    drop(out);
    if let Some(f) = file {
        f.commit()?;
    }
    if problems > SHOWN_PROBLEMS {
        writeln!(
            err,
            "{}",
            m::MORE_NOT_SCORED.get(opts.lang, &[&(problems - SHOWN_PROBLEMS)])
        )?;
    }
    let l = opts.lang;
    for (path, summary) in summaries {
        writeln!(
            err,
            "{}",
            m::SUMMARY_LINE.get(
                l,
                &[
                    &quote_path(path),
                    &summary.described.get(l),
                    &summary.text().get(l)
                ]
            )
        )?;
    }
    Ok(())
}

/// A spinner with the rows read and their rate, on standard error (drawn only when it is
/// a terminal: indicatif draws nothing to a pipe or a file).
fn progress_bar(lang: Lang) -> indicatif::ProgressBar {
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    let template = m::PROGRESS.get(lang, &[]);
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    // No ticking thread: `main` holds standard error's lock for the whole run, so the bar
    // is drawn from the batch's own thread as rows arrive.
    bar
}

/// Where the results go.
enum To<'a> {
    Stdout(&'a mut dyn Write),
    File(&'a mut Output),
}

/// The results of a batch as they come: written out, with row problems on standard error.
struct Out<'a> {
    /// Where the results go, until the sink is made at the header.
    to: Option<To<'a>>,
    xlsx: bool,
    /// Whether the results reach someone as they come (standard output, a pipe).
    streams: bool,
    err: &'a mut dyn Write,
    lang: Lang,
    /// The progress bar, on a terminal.
    bar: Option<indicatif::ProgressBar>,
    sink: Option<Box<dyn Sink + 'a>>,
    /// Rows not scored so far.
    problems: u64,
}

impl<'a> Results for Out<'a> {
    /// Prints the notes about columns and starts the output.
    fn start(&mut self, header: &Header) -> Result<(), spacescore_sheets::Error> {
        self.notes(&header.notes)?;
        let layout = header.layout.clone();
        let sink: Box<dyn Sink + 'a> = match self.to.take() {
            Some(To::Stdout(out)) => Box::new(CsvSink::new(out, layout)?),
            Some(To::File(file)) if self.xlsx => Box::new(XlsxSink::new(file, layout)?),
            Some(To::File(file)) => Box::new(CsvSink::new(BufWriter::new(file), layout)?),
            None => {
                return Err(spacescore_sheets::Error::Output(io::Error::other(
                    "the output is already in use",
                )))
            }
        };
        self.sink = Some(sink);
        Ok(())
    }

    fn row(&mut self, row: &RowOut<'_>) -> Result<(), spacescore_sheets::Error> {
        if let Some(bar) = &self.bar {
            if row.row.is_multiple_of(PROGRESS_EVERY) {
                bar.set_position(row.row);
            }
        }
        if let Outcome::Problem(problem) = row.outcome {
            self.problems += 1;
            if self.problems <= SHOWN_PROBLEMS {
                writeln!(
                    self.err,
                    "{}",
                    m::ROW_NOT_SCORED.get(self.lang, &[&row.row, &problem])
                )?;
            }
        }
        self.sink
            .as_mut()
            .ok_or_else(|| spacescore_sheets::Error::Output(io::Error::other("no output")))?
            .row(row)
    }

    fn notes(&mut self, notes: &[Text]) -> Result<(), spacescore_sheets::Error> {
        for note in notes {
            writeln!(
                self.err,
                "{}",
                m::NOTE.get(self.lang, &[&note.get(self.lang)])
            )?;
        }
        Ok(())
    }

    fn streams(&self) -> bool {
        self.streams
    }
}
