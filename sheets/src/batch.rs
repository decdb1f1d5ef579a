//! Reading a batch file: one space per row of a CSV or `.xlsx` file, each scored and handed
//! to a [`Results`] as it is read.
//!
//! A CSV file is read twice: first to find its encoding and separator and to check that it
//! reads whole (every byte fits the encoding, every quote closes), then to score it. So a
//! file that cannot be read gives no result at all, and a file that can is never
//! reinterpreted half-way. A workbook is read twice too where its results stream
//! ([`Results::streams`]), the first time to check every cell (no formula left
//! uncalculated). Both passes hold one row at a time: memory does not grow with the number
//! of rows.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Read};

use spacescore_core::text::{quote_path, quote_short};
use spacescore_core::{Detail, Lang, Rubric, Scorer, Text};

use crate::charset::{self, sniff, Charset, Decode};
use crate::columns::{self, letter, Columns};
use crate::csv_in::{CsvReader, ReadError};
use crate::messages as m;
use crate::out::{Figures, Layout, Outcome, RowOut};
use crate::source::{ReadSeek, Source};
use crate::{xlsx_in, Error, Options};

/// What the header row said, given to [`Results::start`] before the first result.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The output's columns.
    pub layout: Layout,
    /// Notes about the columns (renamed in the output, or not fields and copied through),
    /// one line each.
    pub notes: Vec<Text>,
}

/// What takes the results of a batch as they are read.
pub trait Results {
    /// The header has been read; results follow.
    ///
    /// # Errors
    /// Whatever stops the batch (an output that cannot be opened).
    fn start(&mut self, header: &Header) -> Result<(), Error>;
    /// One space's result (or why its row cannot be scored).
    ///
    /// # Errors
    /// Whatever stops the batch (an output that cannot be written).
    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error>;

    /// Whether each result reaches someone as it comes (standard output, a pipe), so that
    /// results already given cannot be taken back when the file is refused further on. A
    /// workbook is then read whole before its first result is given, as a CSV file always
    /// is; otherwise (results collected, or written to a file that is dropped on failure) it
    /// is read once.
    fn streams(&self) -> bool {
        false
    }

    /// Notes about the columns of a later file of several ([`crate::Files`]), whose header
    /// is not started again.
    ///
    /// # Errors
    /// Whatever stops the batch.
    fn notes(&mut self, _notes: &[Text]) -> Result<(), Error> {
        Ok(())
    }
}

/// A batch's results given to whatever they are lent to.
impl<R: Results + ?Sized> Results for &mut R {
    fn start(&mut self, header: &Header) -> Result<(), Error> {
        (**self).start(header)
    }

    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error> {
        (**self).row(row)
    }

    fn streams(&self) -> bool {
        (**self).streams()
    }

    fn notes(&mut self, notes: &[Text]) -> Result<(), Error> {
        (**self).notes(notes)
    }
}

/// What a batch read, once it read the whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// How the file was read: `CSV, UTF-8, separated by commas (,)` or `sheet spaces`.
    pub described: Text,
    /// Rows after the header, blank ones included.
    pub read: u64,
    /// Rows scored.
    pub scored: u64,
    /// Rows scored with at least one field error.
    pub with_errors: u64,
    /// Blank rows.
    pub blank: u64,
    /// Rows that could not be scored (too few cells, a value under no header).
    pub unreadable: u64,
}

impl Summary {
    /// The counts, in both languages.
    pub fn text(&self) -> Text {
        m::SUMMARY.fill(&[
            &self.read,
            &self.scored,
            &self.with_errors,
            &(self.blank + self.unreadable),
            &self.blank,
            &self.unreadable,
        ])
    }
}

/// In English, for programs; [`Summary::text`] has both languages.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// How many bytes are looked at to tell the kind of file and its encoding.
const HEAD: usize = 4096;

/// What the first bytes say a file is.
enum Kind {
    Csv,
    Xlsx,
}

fn read_head(source: &dyn Source) -> Result<Vec<u8>, Error> {
    let unreadable =
        |e: io::Error| Error::Unreadable(m::CANNOT_READ.fill(&[&quote_path(source.name()), &e]));
    let mut f = source.open().map_err(unreadable)?;
    let mut head = vec![0u8; HEAD];
    let mut n = 0;
    while n < head.len() {
        let Some(rest) = head.get_mut(n..) else { break };
        match f.read(rest) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(e)),
        }
    }
    head.truncate(n);
    Ok(head)
}

fn kind(source: &dyn Source, head: &[u8]) -> Result<Kind, Error> {
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::Unreadable(
            m::OLD_XLS.fill(&[&quote_path(source.name())]),
        ));
    }
    Ok(if head.starts_with(b"PK\x03\x04") {
        Kind::Xlsx
    } else {
        Kind::Csv
    })
}

/// The sheets of an `.xlsx` file, in order; `None` for a file that is not one (a CSV file).
///
/// # Errors
/// [`Error::Unreadable`] when the file cannot be read, or looks like a workbook but cannot
/// be read as one.
pub fn sheet_names(source: &dyn Source) -> Result<Option<Vec<String>>, Error> {
    let head = read_head(source)?;
    match kind(source, &head)? {
        Kind::Csv => Ok(None),
        Kind::Xlsx => xlsx_in::sheet_names(source).map(Some),
    }
}

/// Scores every row of `source` under `r` and hands each result to `results`, after the
/// header. Returns what was read.
///
/// # Errors
/// [`Error::Unreadable`] when the file cannot be read whole (a byte that fits no encoding, a
/// quote that never closes) or its header is wrong (no field column, a column twice, a
/// column that is not a field without `allow_unknown`), or every row is blank: for a CSV
/// file, no result has been given then. [`Error::Option`] for a sheet named for a CSV file,
/// or one the workbook does not have. Whatever `results` returns.
pub fn batch(
    source: &dyn Source,
    r: &Rubric,
    opts: &Options,
    results: &mut dyn Results,
) -> Result<Summary, Error> {
    let head = read_head(source)?;
    let kind = kind(source, &head)?;
    let shown = quote_path(source.name());
    if opts.sheet.is_some() && matches!(kind, Kind::Csv) {
        return Err(Error::Option(m::SHEET_FOR_CSV.fill(&[&shown])));
    }
    let mut run = Run::new(r, opts, source.name(), matches!(kind, Kind::Csv));
    let described = match kind {
        Kind::Xlsx => {
            // Read whole first where results stream, as a CSV file is: a workbook that
            // cannot be read (a formula with no value in its last row) gives no result.
            if results.streams() {
                xlsx_in::each_row(source, opts.sheet.as_deref(), &mut Whole::default())?;
            }
            let name = xlsx_in::each_row(
                source,
                opts.sheet.as_deref(),
                &mut Scoring {
                    run: &mut run,
                    results,
                },
            )?;
            m::DESCRIBED_SHEET.fill(&[&quote_short(&name)])
        }
        Kind::Csv => {
            let found = check_csv(source, &head)?;
            let described = described_csv(&found);
            score_csv(source, &found, &mut run, results)?;
            described
        }
    };
    run.finish(described)
}

/// How a CSV file was read: its encoding and separator.
fn described_csv(found: &CsvFound) -> Text {
    let sep = separator_name(&found.separator);
    Text::by(|l| m::DESCRIBED_CSV.get(l, &[&found.charset.name(), &sep.get(l, &[])]))
}

/// A batch that scores a few rows at a time, for a caller that must stay responsive between
/// them (the district page yields to the browser after each step). The file is read and
/// checked whole first, its cells held in memory; [`Steps::step`] then scores rows as
/// [`batch`] does, with the same results, row numbers and messages.
///
/// ```
/// use spacescore_sheets::{Bytes, Collect, Options, Steps};
///
/// let catalog = spacescore_builtin::catalog();
/// let rubric = catalog.rubric("xinxiang/professional").unwrap();
/// let file = "name,incubation_fund\n甲空间,180\n乙空间,abc\n";
/// let source = Bytes { name: "district.csv", bytes: file.as_bytes() };
/// let options = Options::default();
/// let mut steps = Steps::read(&source, rubric, &options).unwrap();
/// assert_eq!(steps.total(), 3);
/// let mut results = Collect::default();
/// while !steps.step(1, &mut results).unwrap() {}
/// assert_eq!(steps.done(), 3);
/// assert_eq!(steps.finish().unwrap().scored, 2);
/// assert_eq!(results.rows().len(), 2);
/// ```
pub struct Steps<'a> {
    run: Run<'a>,
    rows: std::vec::IntoIter<(u64, Vec<String>)>,
    total: usize,
    done: usize,
    described: Text,
}

impl<'a> Steps<'a> {
    /// Reads every row of `source` (as text, none scored yet).
    ///
    /// # Errors
    /// What [`batch`] refuses before giving a result: a file that cannot be read whole, an
    /// option that does not fit it.
    pub fn read(source: &dyn Source, r: &'a Rubric, opts: &'a Options) -> Result<Self, Error> {
        let head = read_head(source)?;
        let kind = kind(source, &head)?;
        if opts.sheet.is_some() && matches!(kind, Kind::Csv) {
            return Err(Error::Option(
                m::SHEET_FOR_CSV.fill(&[&quote_path(source.name())]),
            ));
        }
        let mut held = Held::default();
        let described = match kind {
            Kind::Xlsx => {
                let name = xlsx_in::each_row(source, opts.sheet.as_deref(), &mut held)?;
                m::DESCRIBED_SHEET.fill(&[&quote_short(&name)])
            }
            Kind::Csv => {
                let found = check_csv(source, &head)?;
                let mut reader = open_decoded(source, found.charset, found.bom).map_err(|e| {
                    Error::Unreadable(m::CANNOT_READ.fill(&[&quote_path(source.name()), &e]))
                })?;
                reader.set_separator(&found.separator);
                let mut cells = Vec::new();
                loop {
                    match reader.read_record(&mut cells) {
                        Ok(Some(row)) => xlsx_in::Rows::row(&mut held, row, &cells)?,
                        Ok(None) => break,
                        Err(e) => return Err(read_error(source.name(), e, &held.whole.header)),
                    }
                }
                described_csv(&found)
            }
        };
        let total = held.rows.len();
        Ok(Steps {
            run: Run::new(r, opts, source.name(), matches!(kind, Kind::Csv)),
            rows: held.rows.into_iter(),
            total,
            done: 0,
            described,
        })
    }

    /// Rows of the file read so far (blank ones included), out of [`Steps::total`].
    pub fn done(&self) -> usize {
        self.done
    }

    /// The rows of the file (the header among them; a sheet leaves out its empty rows).
    pub fn total(&self) -> usize {
        self.total
    }

    /// Scores up to `n` more rows into `results`; `true` once every row is.
    ///
    /// # Errors
    /// What [`batch`] gives for the same rows: a wrong header, or whatever `results` returns.
    pub fn step(&mut self, n: usize, results: &mut dyn Results) -> Result<bool, Error> {
        for _ in 0..n.max(1) {
            let Some((row, cells)) = self.rows.next() else {
                return Ok(true);
            };
            self.done += 1;
            self.run.row(results, row, &cells)?;
        }
        Ok(self.rows.len() == 0)
    }

    /// What was read, once every row is scored.
    ///
    /// # Errors
    /// [`Error::Unreadable`] when the file has no header row.
    pub fn finish(self) -> Result<Summary, Error> {
        self.run.finish(self.described)
    }
}

/// The rows of a file as text (for [`Steps`]).
#[derive(Default)]
struct Held {
    whole: Whole,
    rows: Vec<(u64, Vec<String>)>,
}

impl xlsx_in::Rows for Held {
    fn row(&mut self, row: u64, cells: &[String]) -> Result<(), Error> {
        xlsx_in::Rows::row(&mut self.whole, row, cells)?;
        self.rows.push((row, cells.to_vec()));
        Ok(())
    }

    fn column(&self, index: usize) -> String {
        self.whole.column(index)
    }
}

/// What the first pass over a CSV file found.
struct CsvFound {
    charset: Charset,
    bom: usize,
    separator: String,
}

fn separator_name(sep: &str) -> spacescore_core::Msg {
    match sep {
        "\t" => m::SEP_TABS,
        ";" => m::SEP_SEMICOLONS,
        "，" => m::SEP_FULL_WIDTH,
        _ => m::SEP_COMMAS,
    }
}

/// The first pass: the encoding (from a byte-order mark, the zero bytes of UTF-16, or by
/// reading the file whole as UTF-8 and, if that fails, as GB18030), the separator, and
/// that every row reads.
fn check_csv(source: &dyn Source, head: &[u8]) -> Result<CsvFound, Error> {
    let sniffed = sniff(head);
    let candidates: &[Charset] = match &sniffed.charset {
        Some(c) => std::slice::from_ref(c),
        None => &[Charset::Utf8, Charset::Gb18030],
    };
    let mut failures = Vec::new();
    for charset in candidates {
        match read_whole(source, *charset, sniffed.bom) {
            Ok(separator) => {
                return Ok(CsvFound {
                    charset: *charset,
                    bom: sniffed.bom,
                    separator,
                })
            }
            Err((e @ ReadError::Encoding { .. }, header)) => failures.push((e, header)),
            Err((e, header)) => return Err(read_error(source.name(), e, &header)),
        }
    }
    // Neither reading fits every byte. Report both places: the reading that got further
    // first, as it is the likelier encoding.
    failures.sort_by_key(|(e, _)| match e {
        ReadError::Encoding { bad, .. } => std::cmp::Reverse(bad.offset),
        _ => std::cmp::Reverse(0),
    });
    let shown = quote_path(source.name());
    let tried: Vec<&str> = candidates.iter().map(|c| c.name()).collect();
    Err(Error::Unreadable(Text::by(|l| {
        let mut lines: Vec<String> = Vec::new();
        lines.push(m::NOT_TEXT.get(l, &[&shown, &tried.join(&m::OR.get(l, &[]))]));
        for (e, header) in &failures {
            if let ReadError::Encoding { row, column, bad } = e {
                lines.push(m::READ_AS.get(
                    l,
                    &[
                        &bad.charset.name(),
                        row,
                        &column_name(*column, header),
                        &bytes_phrase(bad, l),
                        &bad.charset.name(),
                    ],
                ));
            }
        }
        lines.push(m::FIX_CELL.get(l, &[]));
        lines.join("\n")
    })))
}

fn bytes_phrase(bad: &charset::BadBytes, l: Lang) -> String {
    if bad.bytes.is_empty() {
        m::CUT_OFF.get(l, &[])
    } else {
        m::BYTES.get(l, &[&bad.hex()])
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

type Csv<'s> = CsvReader<Decode<Box<dyn ReadSeek + 's>>>;

fn open_decoded<'s>(source: &'s dyn Source, charset: Charset, bom: usize) -> io::Result<Csv<'s>> {
    let mut f = source.open()?;
    let mut skip = vec![0u8; bom];
    f.read_exact(&mut skip)?;
    Ok(CsvReader::new(Decode::new(f, charset, bom)))
}

/// Reads the whole file in `charset`: its separator, or the first error with the header
/// row read so far (to name columns).
fn read_whole(
    source: &dyn Source,
    charset: Charset,
    bom: usize,
) -> Result<String, (ReadError, Vec<String>)> {
    let mut reader =
        open_decoded(source, charset, bom).map_err(|e| (ReadError::Io(e), Vec::new()))?;
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
fn score_csv(
    source: &dyn Source,
    found: &CsvFound,
    run: &mut Run<'_>,
    results: &mut dyn Results,
) -> Result<(), Error> {
    let mut reader = open_decoded(source, found.charset, found.bom)
        .map_err(|e| Error::Unreadable(m::CANNOT_READ.fill(&[&quote_path(source.name()), &e])))?;
    reader.set_separator(&found.separator);
    let mut cells = Vec::new();
    loop {
        match reader.read_record(&mut cells) {
            Ok(Some(row)) => run.row(results, row, &cells)?,
            Ok(None) => return Ok(()),
            Err(e) => return Err(read_error(source.name(), e, &run.header)),
        }
    }
}

/// A reading error as the message for the person who gave the file.
fn read_error(name: &str, e: ReadError, header: &[String]) -> Error {
    let shown = quote_path(name);
    let message = match e {
        ReadError::Encoding { row, column, bad } => {
            let column = column_name(column, header);
            Text::by(|l| {
                m::ENCODING.get(
                    l,
                    &[
                        &shown,
                        &row,
                        &column,
                        &bytes_phrase(&bad, l),
                        &bad.charset.name(),
                    ],
                )
            })
        }
        ReadError::UnclosedQuote { row, column } => {
            m::UNCLOSED_QUOTE.fill(&[&shown, &row, &column_name(column, header)])
        }
        ReadError::AfterQuote { row, column } => {
            m::AFTER_QUOTE.fill(&[&shown, &row, &column_name(column, header)])
        }
        ReadError::TooLong {
            row,
            column,
            quoted,
        } => {
            let why = if quoted {
                m::TOO_LONG_QUOTED
            } else {
                m::TOO_LONG
            };
            why.fill(&[&shown, &row, &column_name(column, header)])
        }
        ReadError::Io(e) => m::CANNOT_READ.fill(&[&shown, &e]),
    };
    Error::Unreadable(message)
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// One batch in progress: the header once read, the counts.
struct Run<'a> {
    r: &'a Rubric,
    opts: &'a Options,
    name: String,
    /// Whether every row has every cell (CSV); an `.xlsx` row leaves out empty cells.
    strict_width: bool,
    header: Vec<String>,
    columns: Option<Columns>,
    last_row: u64,
    summary: Summary,
    /// Scores each row, reusing the last row's report.
    scorer: Scorer<'a>,
}

impl<'a> Run<'a> {
    fn new(r: &'a Rubric, opts: &'a Options, name: &str, strict_width: bool) -> Self {
        Run {
            r,
            opts,
            name: name.to_string(),
            strict_width,
            header: Vec::new(),
            columns: None,
            last_row: 0,
            summary: Summary::default(),
            scorer: Scorer::new(r, Detail::Scores),
        }
    }

    /// Takes one row: the header (the first row that is not blank), or a space.
    fn row(&mut self, results: &mut dyn Results, row: u64, cells: &[String]) -> Result<(), Error> {
        let Some(cols) = &self.columns else {
            if blank(cells) {
                return Ok(());
            }
            return self.start(results, row, cells);
        };
        // Rows an .xlsx sheet leaves out are blank rows.
        let gap = row.saturating_sub(self.last_row + 1);
        self.summary.blank += gap;
        self.summary.read += gap + 1;
        self.last_row = row;
        if blank(cells) {
            self.summary.blank += 1;
            return Ok(());
        }
        let copied: Vec<&str> = cols
            .copied
            .iter()
            .map(|(i, _)| cells.get(*i).map_or("", String::as_str))
            .collect();
        if let Some(problem) = problem(cols, cells, self.strict_width, self.opts.lang) {
            self.summary.unreadable += 1;
            return results.row(&RowOut {
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
        self.summary.scored += 1;
        if !report.errors.is_empty() {
            self.summary.with_errors += 1;
        }
        results.row(&RowOut {
            row,
            copied: &copied,
            outcome: Outcome::Scored(report, Figures::ByPlace(self.r, &texts)),
        })
    }

    /// Reads the header and starts the results.
    fn start(
        &mut self,
        results: &mut dyn Results,
        row: u64,
        cells: &[String],
    ) -> Result<(), Error> {
        let cols = columns::read_header(
            self.r,
            &self.name,
            row,
            cells,
            self.opts.allow_unknown,
            self.opts.door,
        )?;
        self.header = cells.to_vec();
        self.last_row = row;
        let field_columns: BTreeMap<String, String> = cols
            .fields
            .iter()
            .map(|(i, id)| (id.clone(), letter(*i)))
            .collect();
        let copied: Vec<String> = cols.copied.iter().map(|(_, h)| h.clone()).collect();
        let layout = Layout::new(
            self.r,
            &copied,
            field_columns,
            self.opts.door,
            self.opts.lang,
        );
        let mut notes = Vec::new();
        for (from, to) in &layout.renamed {
            notes.push(m::RENAMED.fill(&[&quote_short(from), &quote_short(to)]));
        }
        if !cols.unknown.is_empty() {
            notes.push(Text::by(|l| {
                m::COPIED_THROUGH.get(
                    l,
                    &[
                        &self.r.id(),
                        &columns::listed(&cols.unknown, ", ", l, |u| {
                            format!("`{}`", quote_short(u))
                        }),
                    ],
                )
            }));
        }
        results.start(&Header { layout, notes })?;
        self.columns = Some(cols);
        Ok(())
    }

    /// The summary, once the whole file is read.
    fn finish(mut self, described: Text) -> Result<Summary, Error> {
        if self.columns.is_none() {
            return Err(Error::Unreadable(
                m::NO_HEADER_ROW.fill(&[&quote_path(&self.name)]),
            ));
        }
        self.summary.described = described;
        Ok(self.summary)
    }
}

/// The first pass over a sheet: every cell read, none scored; the header row kept, to name
/// columns in messages.
#[derive(Default)]
struct Whole {
    header: Vec<String>,
}

impl xlsx_in::Rows for Whole {
    fn row(&mut self, _: u64, cells: &[String]) -> Result<(), Error> {
        if self.header.is_empty() && !blank(cells) {
            self.header = cells.to_vec();
        }
        Ok(())
    }

    fn column(&self, index: usize) -> String {
        column_name(index + 1, &self.header)
    }
}

/// A batch scoring the rows of a sheet as they are read.
struct Scoring<'s, 'a> {
    run: &'s mut Run<'a>,
    results: &'s mut dyn Results,
}

impl xlsx_in::Rows for Scoring<'_, '_> {
    fn row(&mut self, row: u64, cells: &[String]) -> Result<(), Error> {
        self.run.row(self.results, row, cells)
    }

    fn column(&self, index: usize) -> String {
        column_name(index + 1, &self.run.header)
    }
}

/// Why a row cannot be scored, if it cannot: cells past the header's, too few cells, a
/// value under a column without a header.
fn problem(cols: &Columns, cells: &[String], strict_width: bool, l: Lang) -> Option<String> {
    let width = cols.width;
    if let Some((i, extra)) = cells
        .iter()
        .enumerate()
        .skip(width)
        .find(|(_, c)| !c.trim().is_empty())
    {
        return Some(m::ROW_EXTRA.get(l, &[&cells.len(), &width, &letter(i), &quote_short(extra)]));
    }
    if strict_width && cells.len() < width {
        return Some(m::ROW_SHORT.get(l, &[&cells.len(), &width]));
    }
    cols.unnamed.iter().find_map(|i| {
        let cell = cells.get(*i).filter(|c| !c.trim().is_empty())?;
        Some(m::ROW_UNNAMED.get(l, &[&letter(*i), &quote_short(cell)]))
    })
}
