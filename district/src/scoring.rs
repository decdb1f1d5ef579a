//! Scoring the files given, a few rows at a time: several files into one table, each row
//! naming its file, exactly as `spacescore batch` does with the same files
//! (`spacescore_sheets::Files`). A file that cannot be read is set aside with why, and the
//! others still score. The page runs [`Scoring::step`] between frames and yields to the
//! browser after each, so a big file never freezes it; the state tests run it to the end
//! at once ([`Request::run`]).

use std::rc::Rc;

use spacescore_core::text::quote_short;
use spacescore_core::{Rubric, Text};
use spacescore_sheets::{
    is_json, json_filing, Bytes, Collect, Error, Files, Header, Options, Results, RowOut, Steps,
    Summary,
};

use crate::state::{FileIn, Outcome, Scored, MAX_ROWS};

/// What is to be scored: the files, under which rubric and how. Its `id` tells its result
/// from an older request's.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Which request this is (each new one counts up).
    pub id: u64,
    /// The rubric.
    pub rubric: Rc<Rubric>,
    /// The files, in the order given.
    pub files: Vec<Rc<FileIn>>,
    /// How they are read (the sheet, columns that are not fields, the language).
    pub opts: Options,
}

impl Request {
    /// Every file scored at once (what the page does a few rows at a time).
    pub fn run(&self) -> Outcome {
        let mut scoring = Scoring::new(self);
        while !scoring.step(usize::MAX) {}
        scoring.outcome()
    }
}

/// Keeps a batch's rows, up to [`MAX_ROWS`].
#[derive(Default)]
struct Capped(Collect);

impl Results for Capped {
    fn start(&mut self, header: &Header) -> Result<(), Error> {
        self.0.start(header)
    }

    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error> {
        if self.0.rows().len() >= MAX_ROWS {
            return Err(Error::Unreadable(
                crate::i18n::TOO_MANY_ROWS.fill(&[&row.row, &MAX_ROWS]),
            ));
        }
        self.0.row(row)
    }
}

/// A request being scored.
pub struct Scoring<'a> {
    request: &'a Request,
    /// The next file to open.
    next: usize,
    /// The file being scored.
    current: Option<(&'a FileIn, Steps<'a>)>,
    /// The table so far.
    table: Files<Capped>,
    /// Rows in the table before the current file's.
    before: usize,
    /// Rows of the files done.
    read: usize,
    /// The files scored, with what was read from each.
    summaries: Vec<(String, Summary)>,
    /// The files that could not be, with why.
    refused: Vec<(String, Text)>,
}

impl<'a> Scoring<'a> {
    /// Nothing scored yet.
    pub fn new(request: &'a Request) -> Self {
        Scoring {
            request,
            next: 0,
            current: None,
            table: Files::new(Capped::default(), request.files.len() > 1),
            before: 0,
            read: 0,
            summaries: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// Rows read so far, of all files.
    pub fn done(&self) -> usize {
        self.read + self.current.as_ref().map_or(0, |(_, s)| s.done())
    }

    /// Rows of the files read so far, and of the file being scored (a file not yet
    /// opened is not counted: its rows are not known before it is read).
    pub fn total(&self) -> usize {
        self.read + self.current.as_ref().map_or(0, |(_, s)| s.total())
    }

    /// Files opened so far, of how many.
    pub fn files(&self) -> (usize, usize) {
        (self.next, self.request.files.len())
    }

    /// One step: opens the next file (reading it whole, scoring none), or scores up to `n`
    /// rows of the one open. `true` once every file is done.
    pub fn step(&mut self, n: usize) -> bool {
        let Some((file, mut steps)) = self.current.take() else {
            return self.open();
        };
        match steps.step(n, &mut self.table) {
            Ok(false) => self.current = Some((file, steps)),
            Ok(true) => {
                self.read += steps.total();
                match steps.finish() {
                    Ok(summary) => self.summaries.push((file.name.clone(), summary)),
                    Err(e) => self.refuse(file, &e),
                }
            }
            Err(e) => {
                self.read += steps.done();
                self.refuse(file, &e);
            }
        }
        false
    }

    /// Opens the next file: a JSON export is scored at once (one row); a sheet is read.
    fn open(&mut self) -> bool {
        let request = self.request;
        let Some(file) = request.files.get(self.next) else {
            return true;
        };
        self.next += 1;
        self.table.file(&file.name);
        self.before = self.table.inner().0.rows().len();
        if is_json(&file.name) {
            self.read += 1;
            match json_filing(
                &request.rubric,
                &file.name,
                &file.bytes,
                &request.opts,
                &mut self.table,
            ) {
                Ok(summary) => self.summaries.push((file.name.clone(), summary)),
                Err(e) => self.refuse(file, &e),
            }
            return false;
        }
        let source = Bytes {
            name: &file.name,
            bytes: &file.bytes,
        };
        match Steps::read(&source, &request.rubric, &request.opts) {
            Ok(steps) => self.current = Some((file.as_ref(), steps)),
            Err(e) => self.refuse(file, &e),
        }
        false
    }

    /// Sets `file` aside with why, and takes back the rows it gave.
    fn refuse(&mut self, file: &FileIn, e: &Error) {
        self.table.inner_mut().0.truncate(self.before);
        self.refused.push((file.name.clone(), e.text()));
    }

    /// The table, once every file is done.
    pub fn outcome(self) -> Outcome {
        let rows = self.table.into_inner().0;
        match rows.header().cloned() {
            Some(header) if !self.summaries.is_empty() => Outcome::Scored(Rc::new(Scored {
                rubric: Rc::clone(&self.request.rubric),
                header,
                tally: rows.tally(),
                rows,
                summaries: self.summaries,
                refused: self.refused,
            })),
            _ => Outcome::Refused(refused_text(&self.refused)),
        }
    }
}

/// Why no file was scored: each file's reason (a file alone: its reason as `batch` gives it).
fn refused_text(refused: &[(String, Text)]) -> Text {
    match refused {
        [(_, why)] => why.clone(),
        several => Text::by(|l| {
            several
                .iter()
                .map(|(name, why)| named(name, why).get(l).to_string())
                .collect::<Vec<_>>()
                .join("\n\n")
        }),
    }
}

/// Why the file `name` was not scored, naming it: most reasons name their file already.
pub fn named(name: &str, why: &Text) -> Text {
    if why.en.contains(name) {
        return why.clone();
    }
    let shown = quote_short(name);
    Text::by(|l| crate::i18n::REFUSED_FILE.get(l, &[&shown, &why.get(l)]))
}
