//! `spacescore batch`: one space per row of a CSV or `.xlsx` file, one result row each.
//!
//! A CSV file is read twice: first to find its encoding and separator and to check that it
//! reads whole (every byte fits the encoding, every quote closes), then to score it. So a
//! file that cannot be read produces no output at all, and a file that can is never
//! reinterpreted half-way. Both passes hold one row at a time: memory does not grow with
//! the number of rows.

mod columns;
mod csv_in;
mod out;
mod text;
mod xlsx_in;

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use spacescore_core::text::quote_short;
use spacescore_core::{Detail, Rubric, Scorer};

use crate::CliError;
use columns::{letter, Columns};
use csv_in::{CsvReader, ReadError};
use out::{CsvSink, Layout, Outcome, RowOut, Sink, XlsxSink};
use text::{sniff, Charset, Decode};

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
const SHOWN_PROBLEMS: usize = 20;

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
    let shown = quote_short(&opts.file);
    let mut head = [0u8; 4096];
    let n = File::open(&opts.file)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .map_err(|e| CliError::Unreadable(format!("cannot read {shown}: {e}")))?;
    let head = head.get(..n).unwrap_or_default();
    let xlsx = head.starts_with(b"PK\x03\x04");
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(CliError::Unreadable(format!(
            "{shown} is an old-style .xls workbook: save it as .xlsx or CSV (UTF-8) and try again"
        )));
    }
    if opts.sheet.is_some() && !xlsx {
        return Err(CliError::Usage(format!(
            "--sheet is for .xlsx files; {shown} is read as CSV"
        )));
    }
    if let Some(o) = opts.out.as_deref().filter(|o| *o != "-") {
        if same_file(Path::new(o), Path::new(&opts.file)) {
            return Err(CliError::Usage(format!(
                "the output {} is the input file; write the results elsewhere",
                quote_short(o)
            )));
        }
    }
    let mut run = Run::new(r, opts, stdout, err, !xlsx);
    let described = if xlsx {
        let sheet = xlsx_in::each_row(&opts.file, opts.sheet.as_deref(), &mut |row, cells| {
            run.row(row, cells)
        });
        match sheet {
            Ok(name) => format!("sheet {}", quote_short(&name)),
            Err(e) => return Err(run.abandon(e)),
        }
    } else {
        let found = check_csv(&opts.file, head)?;
        let described = format!(
            "CSV, {}, separated by {}",
            found.charset.name(),
            separator_name(&found.separator)
        );
        if let Err(e) = score_csv(&opts.file, &found, &mut run) {
            return Err(run.abandon(e));
        }
        described
    };
    run.finish(&described)
}

/// What the first pass over a CSV file found.
struct CsvFound {
    charset: Charset,
    bom: usize,
    separator: String,
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        let Some(rest) = buf.get_mut(n..) else { break };
        match f.read(rest)? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn separator_name(sep: &str) -> &'static str {
    match sep {
        "\t" => "tabs",
        ";" => "semicolons (;)",
        "，" => "full-width commas (，)",
        _ => "commas (,)",
    }
}

/// The first pass: the encoding (from a byte-order mark, the zero bytes of UTF-16, or by
/// reading the file whole as UTF-8 and, if that fails, as GB18030), the separator, and
/// that every row reads.
fn check_csv(path: &str, head: &[u8]) -> Result<CsvFound, CliError> {
    let sniffed = sniff(head);
    let candidates: &[Charset] = match &sniffed.charset {
        Some(c) => std::slice::from_ref(c),
        None => &[Charset::Utf8, Charset::Gb18030],
    };
    let mut failures = Vec::new();
    for charset in candidates {
        match read_whole(path, *charset, sniffed.bom) {
            Ok(separator) => {
                return Ok(CsvFound {
                    charset: *charset,
                    bom: sniffed.bom,
                    separator,
                })
            }
            Err((e @ ReadError::Encoding { .. }, header)) => failures.push((e, header)),
            Err((e, header)) => return Err(read_error(path, e, &header)),
        }
    }
    // Neither reading fits every byte. Report both places: the reading that got further
    // first, as it is the likelier encoding.
    failures.sort_by_key(|(e, _)| match e {
        ReadError::Encoding { bad, .. } => std::cmp::Reverse(bad.offset),
        _ => std::cmp::Reverse(0),
    });
    let shown = quote_short(path);
    let mut lines: Vec<String> = Vec::new();
    let tried: Vec<&str> = candidates.iter().map(|c| c.name()).collect();
    lines.push(format!(
        "{shown} is not {} text, so nothing was scored:",
        tried.join(" or ")
    ));
    for (e, header) in &failures {
        if let ReadError::Encoding { row, column, bad } = e {
            lines.push(format!(
                "  read as {}: row {row}, column {}: {} cannot be {}",
                bad.charset.name(),
                column_name(*column, header),
                bytes_phrase(bad),
                bad.charset.name()
            ));
        }
    }
    lines.push(
        "Fix that cell, or save the file again as CSV UTF-8 (Excel: Save As → CSV UTF-8)."
            .to_string(),
    );
    Err(CliError::Unreadable(lines.join("\n")))
}

fn bytes_phrase(bad: &text::BadBytes) -> String {
    if bad.bytes.is_empty() {
        "the last character is cut off and".to_string()
    } else {
        format!("the byte(s) {}", bad.hex())
    }
}

/// Column `column` (1-based) as `C` with its header when known: "C (`site_area`)".
fn column_name(column: usize, header: &[String]) -> String {
    let l = letter(column.saturating_sub(1));
    match header
        .get(column.saturating_sub(1))
        .map(|h| columns::header_id(h))
    {
        Some(h) if !h.is_empty() => format!("{l} (`{}`)", quote_short(h)),
        _ => l,
    }
}

fn open_decoded(
    path: &str,
    charset: Charset,
    bom: usize,
) -> Result<CsvReader<Decode<File>>, CliError> {
    let mut f = File::open(path)
        .map_err(|e| CliError::Unreadable(format!("cannot read {}: {e}", quote_short(path))))?;
    let mut skip = vec![0u8; bom];
    f.read_exact(&mut skip)
        .map_err(|e| CliError::Unreadable(format!("cannot read {}: {e}", quote_short(path))))?;
    Ok(CsvReader::new(Decode::new(f, charset, bom)))
}

/// Reads the whole file in `charset`: its separator, or the first error with the header
/// row read so far (to name columns).
fn read_whole(
    path: &str,
    charset: Charset,
    bom: usize,
) -> Result<String, (ReadError, Vec<String>)> {
    let mut reader = open_decoded(path, charset, bom).map_err(|e| {
        (
            ReadError::Io(std::io::Error::other(e.to_string())),
            Vec::new(),
        )
    })?;
    let sep = reader
        .detect_separator()
        .map_err(|e| (e, Vec::new()))?
        .to_string();
    let mut header: Vec<String> = Vec::new();
    let mut cells = Vec::new();
    loop {
        match reader.read_record(&mut cells) {
            Ok(Some(_)) => {
                if header.is_empty() && !blank(&cells) {
                    header = cells.clone();
                }
            }
            Ok(None) => return Ok(sep),
            Err(e) => return Err((e, header)),
        }
    }
}

/// The second pass: every row scored.
fn score_csv(path: &str, found: &CsvFound, run: &mut Run<'_>) -> Result<(), CliError> {
    let mut reader = open_decoded(path, found.charset, found.bom)?;
    reader.set_separator(&found.separator);
    let mut cells = Vec::new();
    loop {
        match reader.read_record(&mut cells) {
            Ok(Some(row)) => run.row(row, &cells)?,
            Ok(None) => return Ok(()),
            Err(e) => return Err(read_error(path, e, run.header())),
        }
    }
}

/// A reading error as the message for the person who gave the file.
fn read_error(path: &str, e: ReadError, header: &[String]) -> CliError {
    let shown = quote_short(path);
    let message = match e {
        ReadError::Encoding { row, column, bad } => format!(
            "{shown}, row {row}, column {}: {} cannot be {}; nothing was scored. Fix that cell, or save the file again as CSV UTF-8.",
            column_name(column, header),
            bytes_phrase(&bad),
            bad.charset.name()
        ),
        ReadError::UnclosedQuote { row, column } => format!(
            "{shown}, row {row}, column {}: the quote that opens this cell is never closed, so every row after it would be read into this cell; nothing was scored. Close the quote (a quote inside a quoted cell is written twice: \"\").",
            column_name(column, header)
        ),
        ReadError::AfterQuote { row, column } => format!(
            "{shown}, row {row}, column {}: text follows the closing quote of this cell; nothing was scored. Quote the whole cell, and write a quote inside it twice (\"\").",
            column_name(column, header)
        ),
        ReadError::TooLong { row, column, quoted } => {
            let why = if quoted {
                "the quoted cell that starts here runs past 1 MiB: its closing quote is probably missing"
            } else {
                "this cell is longer than 1 MiB"
            };
            format!(
                "{shown}, row {row}, column {}: {why}; nothing was scored.",
                column_name(column, header)
            )
        }
        ReadError::Io(e) => format!("cannot read {shown}: {e}"),
    };
    CliError::Unreadable(message)
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
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

/// One batch in progress: the header once read, the output, the counts.
struct Run<'a> {
    r: &'a Rubric,
    opts: &'a Options,
    stdout: Option<&'a mut dyn Write>,
    err: &'a mut dyn Write,
    dest: Dest,
    /// Whether every row has every cell (CSV); an `.xlsx` row leaves out empty cells.
    strict_width: bool,
    header: Vec<String>,
    columns: Option<Columns>,
    sink: Option<Box<dyn Sink + 'a>>,
    last_row: u64,
    read: u64,
    scored: u64,
    with_errors: u64,
    blank: u64,
    unreadable: u64,
    field_columns: std::collections::BTreeMap<String, String>,
    scorer: Scorer<'a>,
}

impl<'a> Run<'a> {
    fn new(
        r: &'a Rubric,
        opts: &'a Options,
        stdout: &'a mut dyn Write,
        err: &'a mut dyn Write,
        strict_width: bool,
    ) -> Self {
        Run {
            r,
            opts,
            stdout: Some(stdout),
            err,
            dest: Dest::new(opts.out.as_deref()),
            strict_width,
            header: Vec::new(),
            columns: None,
            sink: None,
            last_row: 0,
            read: 0,
            scored: 0,
            with_errors: 0,
            blank: 0,
            unreadable: 0,
            field_columns: Default::default(),
            scorer: Scorer::new(r, Detail::Scores),
        }
    }

    fn header(&self) -> &[String] {
        &self.header
    }

    /// Takes one row: the header (the first row that is not blank), or a space.
    fn row(&mut self, row: u64, cells: &[String]) -> Result<(), CliError> {
        let Some(cols) = &self.columns else {
            if blank(cells) {
                return Ok(());
            }
            return self.start(row, cells);
        };
        // Rows an .xlsx sheet leaves out are blank rows.
        let gap = row.saturating_sub(self.last_row + 1);
        self.blank += gap;
        self.read += gap + 1;
        self.last_row = row;
        if blank(cells) {
            self.blank += 1;
            return Ok(());
        }
        let copied: Vec<&str> = cols
            .copied
            .iter()
            .map(|(i, _)| cells.get(*i).map_or("", String::as_str))
            .collect();
        let problem = self.problem(cols, cells);
        let sink = self
            .sink
            .as_mut()
            .ok_or_else(|| CliError::Output(std::io::Error::other("no output")))?;
        if let Some(problem) = problem {
            self.unreadable += 1;
            if self.unreadable as usize <= SHOWN_PROBLEMS {
                writeln!(self.err, "row {row}: {problem}; not scored")?;
            }
            return sink.row(&RowOut {
                row,
                copied: &copied,
                outcome: Outcome::Problem(&problem),
            });
        }
        // Each field's cell by the field's place in the rubric; a blank cell is an empty
        // field. The scorer writes each row's report over the last one's.
        let mut texts = vec![None; self.r.fields().len()];
        for (i, at) in &cols.positions {
            if let (Some(cell), Some(text)) = (cells.get(*i), texts.get_mut(*at)) {
                if !cell.trim().is_empty() {
                    *text = Some(cell.as_str());
                }
            }
        }
        let report = self.scorer.score_texts(&texts);
        self.scored += 1;
        if !report.errors.is_empty() {
            self.with_errors += 1;
        }
        let columns = &self.field_columns;
        let column = |field: &str| columns.get(field).cloned();
        sink.row(&RowOut {
            row,
            copied: &copied,
            outcome: Outcome::Scored(&report, &column),
        })
    }

    /// Why a row cannot be scored, if it cannot: cells past the header's, too few cells, a
    /// value under a column without a header.
    fn problem(&self, cols: &Columns, cells: &[String]) -> Option<String> {
        let width = cols.width;
        if let Some((i, extra)) = cells
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, c)| !c.trim().is_empty())
        {
            return Some(format!(
                "has {} cells but the header has {width}: column {} holds `{}` under no header",
                cells.len(),
                letter(i),
                quote_short(extra)
            ));
        }
        if self.strict_width && cells.len() < width {
            return Some(format!(
                "has {} cells but the header has {width}",
                cells.len()
            ));
        }
        cols.unnamed.iter().find_map(|i| {
            let cell = cells.get(*i).filter(|c| !c.trim().is_empty())?;
            Some(format!(
                "column {} has no header but holds `{}`",
                letter(*i),
                quote_short(cell)
            ))
        })
    }

    /// Reads the header and opens the output.
    fn start(&mut self, row: u64, cells: &[String]) -> Result<(), CliError> {
        let cols =
            columns::read_header(self.r, &self.opts.file, row, cells, self.opts.allow_unknown)?;
        self.header = cells.to_vec();
        self.last_row = row;
        self.field_columns = cols
            .fields
            .iter()
            .map(|(i, id)| (id.clone(), letter(*i)))
            .collect();
        let copied: Vec<String> = cols.copied.iter().map(|(_, h)| h.clone()).collect();
        let layout = Layout::new(self.r, &copied);
        for (from, to) in &layout.renamed {
            writeln!(
                self.err,
                "note: the input column `{}` is written as `{}` (batch writes a column of that name)",
                quote_short(from),
                quote_short(to)
            )?;
        }
        if !cols.unknown.is_empty() {
            let names: Vec<String> = cols
                .unknown
                .iter()
                .map(|u| format!("`{}`", quote_short(u)))
                .collect();
            writeln!(
                self.err,
                "note: not fields of {}, copied through unchanged: {}",
                self.r.id(),
                names.join(", ")
            )?;
        }
        let sink: Box<dyn Sink + 'a> = match &self.dest {
            Dest::Stdout => {
                let out = self.stdout.take().ok_or_else(|| {
                    CliError::Output(std::io::Error::other("standard output is already in use"))
                })?;
                Box::new(CsvSink::new(out, layout)?)
            }
            Dest::File { partial, .. } => {
                if self.dest.xlsx() {
                    Box::new(XlsxSink::new(partial.clone(), layout)?)
                } else {
                    let f = File::create(partial).map_err(|e| {
                        CliError::Output(std::io::Error::new(
                            e.kind(),
                            format!("{}: {e}", partial.display()),
                        ))
                    })?;
                    Box::new(CsvSink::new(BufWriter::new(f), layout)?)
                }
            }
        };
        self.columns = Some(cols);
        self.sink = Some(sink);
        Ok(())
    }

    /// Removes a partly written output file and passes `e` on.
    fn abandon(mut self, e: CliError) -> CliError {
        self.sink = None;
        if let Dest::File { partial, .. } = &self.dest {
            let _ = std::fs::remove_file(partial);
        }
        e
    }

    /// Finishes the output and prints the summary line.
    fn finish(mut self, described: &str) -> Result<(), CliError> {
        let Some(sink) = self.sink.take() else {
            let e = CliError::Unreadable(format!(
                "{} has no header row: every row is blank",
                quote_short(&self.opts.file)
            ));
            return Err(self.abandon(e));
        };
        if let Err(e) = sink.finish() {
            return Err(self.abandon(e));
        }
        if let Dest::File { path, partial } = &self.dest {
            std::fs::rename(partial, path).map_err(|e| {
                CliError::Output(std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}", path.display()),
                ))
            })?;
        }
        if self.unreadable as usize > SHOWN_PROBLEMS {
            writeln!(
                self.err,
                "… and {} more row(s) not scored; the `problem` column says why",
                self.unreadable as usize - SHOWN_PROBLEMS
            )?;
        }
        writeln!(
            self.err,
            "{} ({described}): {} rows read: {} scored ({} with field errors), {} skipped ({} blank, {} unreadable)",
            quote_short(&self.opts.file),
            self.read,
            self.scored,
            self.with_errors,
            self.blank + self.unreadable,
            self.blank,
            self.unreadable
        )?;
        Ok(())
    }
}
