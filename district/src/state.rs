//! The district page's state and every change to it. The reducer is a pure function of state
//! and action: a change that needs the files scored again asks for it ([`State::pending`]);
//! the page scores them a few rows at a time ([`crate::scoring`], what `spacescore batch`
//! runs) and hands the table back ([`Action::Scored`]), or the person cancels and the page is
//! as it was. Opening a space is `spacescore_core::score_and_advise` (what the self-check page shows). What needs the browser (fetching a rubric,
//! reading a dropped file, checking a rubric file) happens in `District`'s callbacks, and
//! what they read arrives here as an action.

use std::cmp::Ordering;
use std::rc::Rc;

use spacescore_core::text::quote_short;
use spacescore_core::{score_and_advise, Advice, Inputs, Lang, Report, Rubric, Text};
use spacescore_sheets::{sheet_names, Bytes, Collect, Door, Header, Options, Summary};
use spacescore_ui::checker::{not_checked, Checked, FileProblems};
use spacescore_ui::index::{Entry, Index};
use yew::Reducible;

use crate::scoring::Request;

/// The most rows the page holds. A district files hundreds; each row's scores take a few KB,
/// and the page keeps them all to sort and open them. `spacescore batch` streams any number.
pub const MAX_ROWS: usize = 20_000;

/// The most bytes of a file the page reads.
pub const MAX_FILE: f64 = 64.0 * 1024.0 * 1024.0;

/// A file dropped or chosen: its name and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIn {
    /// Its name.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A column of the results table that sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The file (of several).
    File,
    /// The row number in the file.
    Row,
    /// The space's name.
    Name,
    /// The total.
    Total,
    /// The base score.
    Base,
    /// The bonus.
    Bonus,
    /// The grade.
    Grade,
    /// Whether it is vetoed.
    Veto,
    /// How many field errors (a row that could not be scored sorts with the most).
    Errors,
    /// How many consistency warnings (a form).
    Warnings,
    /// How many fields are still missing.
    Missing,
}

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// By which column.
    pub column: Column,
    /// Highest first.
    pub descending: bool,
}

/// The files scored under a rubric, as one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The rubric they were scored under.
    pub rubric: Rc<Rubric>,
    /// What the (first) header said; with several files the first column is the file's.
    pub header: Header,
    /// Every row.
    pub rows: Collect,
    /// Each file scored (its name), and what was read from it.
    pub summaries: Vec<(String, Summary)>,
    /// Each file that could not be scored (its name), and why.
    pub refused: Vec<(String, Text)>,
    /// The district's figures, for the charts.
    pub tally: spacescore_sheets::Tally,
}

impl Scored {
    /// The name the downloads are named after: the file's, or the first file's.
    pub fn file(&self) -> &str {
        self.summaries.first().map_or("", |(name, _)| name.as_str())
    }
}

/// How far scoring the files has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Rows read so far.
    pub done: usize,
    /// Rows of the files opened so far.
    pub total: usize,
    /// Files opened so far.
    pub file: usize,
    /// Files given.
    pub files: usize,
}

/// What scoring the file gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every row, scored or with why not.
    Scored(Rc<Scored>),
    /// Why the file cannot be scored: the message `spacescore batch` gives.
    Refused(Text),
}

/// A space opened from the table: its full report (with explanations), where its next
/// points are, and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenSpace {
    /// Its index among the rows.
    pub index: usize,
    /// Its figures as read from the file.
    pub values: Rc<Inputs>,
    /// Its report, explained.
    pub report: Rc<Report>,
    /// Where its next points are, as the self-check page shows them.
    pub advice: Rc<Advice>,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The labels' language.
    pub lang: Lang,
    /// The rubrics the picker lists.
    pub index: Rc<Index>,
    /// The rubric files opened during this visit.
    opened: Rc<Vec<(Rc<Rubric>, String)>>,
    /// The rubric the file is scored under, once one is loaded.
    pub rubric: Option<Rc<Rubric>>,
    /// The rubric being loaded, if one is.
    pub loading: Option<String>,
    /// Why the last rubric could not be loaded or checked.
    pub rubric_error: Option<Text>,
    /// The problems of the last rubric file that could not be opened.
    pub rubric_problems: Option<Rc<FileProblems>>,
    /// The files to score, once given.
    pub files: Vec<Rc<FileIn>>,
    /// Why the last file could not be read.
    pub file_error: Option<Text>,
    /// The sheets of an `.xlsx` file (none for CSV).
    pub sheets: Option<Vec<String>>,
    /// The sheet chosen (the first when none is).
    pub sheet: Option<String>,
    /// Copy columns that are not fields through instead of refusing the file.
    pub allow_unknown: bool,
    /// What scoring the file gave.
    pub outcome: Option<Rc<Outcome>>,
    /// How the table is sorted.
    pub sort: Sort,
    /// The rows' indexes in the order shown.
    pub order: Rc<Vec<usize>>,
    /// The space opened from the table.
    pub open: Option<OpenSpace>,
    /// The scoring asked for and not yet done.
    pub pending: Option<Rc<Request>>,
    /// How far it has come.
    pub progress: Option<Progress>,
    /// The page before the scoring pending was asked for: what cancelling it gives back.
    before: Option<Rc<State>>,
    /// How many scorings were asked for (the last one's id).
    requests: u64,
}

/// Every change the page can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Switch the labels' language.
    SetLang(Lang),
    /// The site's rubric list arrived (with the rubric files this browser keeps).
    Indexed(Index),
    /// This rubric is being fetched.
    Loading(String),
    /// A rubric arrived: score the file under it.
    Loaded(Rc<Rubric>),
    /// A rubric could not be fetched.
    LoadFailed(Text),
    /// The checker has read a rubric file the person opened (file name, result).
    Checked(String, Result<Checked, String>),
    /// Batch files were read (names, bytes): one table of them all.
    Files(Vec<Rc<FileIn>>),
    /// A batch file could not be read (name, why).
    FileFailed(String, String),
    /// Read this sheet of the workbook.
    Sheet(String),
    /// Copy columns that are not fields through, or refuse them.
    AllowUnknown(bool),
    /// Sort by this column (again: the other way round).
    Sort(Column),
    /// Open the space of this row (its index among the rows).
    Open(usize),
    /// Back to the table.
    Close,
    /// Hide the problems of a rubric file.
    DismissProblems,
    /// Scoring (request id) has come this far.
    Progress(u64, Progress),
    /// Scoring (request id) is done: the table.
    Scored(u64, Rc<Outcome>),
    /// Stop scoring: the page as it was before.
    Cancel,
}

impl Default for State {
    fn default() -> Self {
        State::new(Lang::Zh)
    }
}

impl State {
    /// The page before anything is loaded.
    pub fn new(lang: Lang) -> Self {
        State {
            lang,
            index: Rc::new(Index::default()),
            opened: Rc::new(Vec::new()),
            rubric: None,
            loading: None,
            rubric_error: None,
            rubric_problems: None,
            files: Vec::new(),
            file_error: None,
            sheets: None,
            sheet: None,
            allow_unknown: false,
            outcome: None,
            sort: Sort {
                column: Column::Row,
                descending: false,
            },
            order: Rc::new(Vec::new()),
            open: None,
            pending: None,
            progress: None,
            before: None,
            requests: 0,
        }
    }

    /// A rubric file opened during this visit, by id.
    pub fn opened(&self, id: &str) -> Option<Rc<Rubric>> {
        self.opened
            .iter()
            .find(|(r, _)| r.id() == id)
            .map(|(r, _)| Rc::clone(r))
    }

    /// The name of the file the rubric shown was opened from, when it is not the site's.
    pub fn opened_from(&self) -> Option<String> {
        let id = self.rubric.as_ref()?.id();
        self.index.get(id).and_then(|e| e.opened_from.clone())
    }

    /// The scored file, if there is one.
    pub fn scored(&self) -> Option<&Rc<Scored>> {
        match self.outcome.as_deref() {
            Some(Outcome::Scored(s)) => Some(s),
            _ => None,
        }
    }

    /// Asks for the files to be scored under the rubric, when there are both; `before` is the
    /// page as it was before this change (what cancelling gives back).
    fn rescore(&mut self, before: &Rc<State>) {
        self.open = None;
        let Some(rubric) = &self.rubric else {
            return self.no_table();
        };
        if self.files.is_empty() {
            return self.no_table();
        }
        self.requests += 1;
        self.pending = Some(Rc::new(Request {
            id: self.requests,
            rubric: Rc::clone(rubric),
            files: self.files.clone(),
            opts: Options {
                sheet: self.sheet.clone(),
                allow_unknown: self.allow_unknown,
                door: Door::Page,
                lang: self.lang,
            },
        }));
        self.progress = None;
        // Several changes before the table arrives are cancelled together.
        if self.before.is_none() {
            self.before = Some(Rc::clone(before));
        }
    }

    /// Nothing to score: no table.
    fn no_table(&mut self) {
        self.open = None;
        self.outcome = None;
        self.order = Rc::new(Vec::new());
        self.pending = None;
        self.progress = None;
        self.before = None;
    }

    /// The rows' indexes in the order of `self.sort`.
    fn sorted(&self) -> Vec<usize> {
        let Some(scored) = self.scored() else {
            return Vec::new();
        };
        let rows = scored.rows.rows();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let copied = &scored.header.layout.copied;
        let at = |column: &str| copied.iter().position(|c| c == column);
        let (name, file) = (at("name"), at("file"));
        let sort = self.sort;
        order.sort_by(|a, b| {
            let (Some(x), Some(y)) = (rows.get(*a), rows.get(*b)) else {
                return Ordering::Equal;
            };
            let (kx, ky) = (
                Key::of(x, sort.column, name, file),
                Key::of(y, sort.column, name, file),
            );
            let ord = match (&kx, &ky) {
                // Rows with nothing to compare go last, whichever the direction.
                (Key::None, Key::None) => Ordering::Equal,
                (Key::None, _) => return Ordering::Greater,
                (_, Key::None) => return Ordering::Less,
                _ => kx.cmp(&ky),
            };
            let ord = if sort.descending { ord.reverse() } else { ord };
            // Ties keep the table's order (files as given, each in its order).
            ord.then(a.cmp(b))
        });
        order
    }

    /// The space of row `index` opened: its report explained and its advice. `None` for a
    /// row that could not be scored (its problem is in the table).
    fn opened_space(&self, index: usize) -> Option<OpenSpace> {
        let scored = self.scored()?;
        let row = scored
            .rows
            .rows()
            .get(index)
            .filter(|r| r.report().is_some())?;
        let (report, advice) = score_and_advise(&scored.rubric, &row.inputs);
        Some(OpenSpace {
            index,
            values: Rc::new(row.inputs.clone()),
            report: Rc::new(report),
            advice: Rc::new(advice),
        })
    }

    fn choose_rubric(&mut self, rubric: Rc<Rubric>, before: &Rc<State>) {
        self.loading = None;
        self.rubric_error = None;
        self.rubric = Some(rubric);
        self.rescore(before);
    }
}

/// What a row sorts by in one column.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    None,
    Number(rust_decimal::Decimal),
    Count(usize),
    Text(&'a str),
}

impl<'a> Key<'a> {
    fn of(
        row: &'a spacescore_sheets::Row,
        column: Column,
        name: Option<usize>,
        file: Option<usize>,
    ) -> Key<'a> {
        let report = row.report();
        let number = |d: Option<rust_decimal::Decimal>| d.map_or(Key::None, Key::Number);
        match column {
            Column::Row => Key::Count(usize::try_from(row.row).unwrap_or(usize::MAX)),
            Column::File => file
                .and_then(|i| row.copied.get(i))
                .map_or(Key::None, |n| Key::Text(n)),
            Column::Name => name
                .and_then(|i| row.copied.get(i))
                .map_or(Key::None, |n| Key::Text(n)),
            Column::Total => number(report.and_then(|r| r.total)),
            Column::Base => number(report.and_then(|r| r.base)),
            Column::Bonus => number(report.and_then(|r| r.bonus)),
            Column::Grade => report
                .and_then(|r| r.grade.as_deref())
                .map_or(Key::None, Key::Text),
            Column::Veto => report.map_or(Key::None, |r| Key::Count(usize::from(r.vetoed))),
            // A row that cannot be scored has more wrong with it than any field error.
            Column::Errors => Key::Count(report.map_or(usize::MAX, |r| r.errors.len())),
            Column::Warnings => report.map_or(Key::None, |r| Key::Count(r.warnings.len())),
            Column::Missing => report.map_or(Key::None, |r| Key::Count(r.missing.len())),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetLang(lang) => {
                if lang == self.lang {
                    return self;
                }
                let mut s = (*self).clone();
                s.lang = lang;
                // The results' headers, words and row problems are in the page's language; a
                // space open stays open.
                let open = s.open.take();
                s.rescore(&self);
                if s.pending.is_some() {
                    s.open = open;
                }
                Rc::new(s)
            }
            Action::Indexed(index) => {
                let mut s = (*self).clone();
                // Rubric files opened before the list arrived stay listed.
                let mut index = index;
                for (r, file) in s.opened.iter() {
                    index = index.with(Entry::opened(r, file));
                }
                s.index = Rc::new(index);
                Rc::new(s)
            }
            Action::Loading(id) => {
                let mut s = (*self).clone();
                s.loading = Some(id);
                s.rubric_error = None;
                Rc::new(s)
            }
            Action::Loaded(rubric) => {
                let mut s = (*self).clone();
                s.choose_rubric(rubric, &self);
                Rc::new(s)
            }
            Action::LoadFailed(text) => {
                let mut s = (*self).clone();
                s.loading = None;
                s.rubric_error = Some(text);
                Rc::new(s)
            }
            Action::Checked(file, result) => {
                let mut s = (*self).clone();
                s.rubric_problems = None;
                s.rubric_error = None;
                match result {
                    Err(e) => s.rubric_error = Some(not_checked(&file, &e)),
                    Ok(Checked::Problems(problems)) => {
                        s.rubric_problems = Some(Rc::new(FileProblems { file, problems }));
                    }
                    Ok(Checked::Rubrics(list)) => {
                        let Some((first, _)) = list.first() else {
                            s.rubric_error = Some(not_checked(&file, "the file defines no rubric"));
                            return Rc::new(s);
                        };
                        let first = Rc::clone(first);
                        let mut opened: Vec<(Rc<Rubric>, String)> = s
                            .opened
                            .iter()
                            .filter(|(r, _)| list.iter().all(|(n, _)| n.id() != r.id()))
                            .cloned()
                            .collect();
                        let mut index = (*s.index).clone();
                        for (r, _) in &list {
                            opened.push((Rc::clone(r), file.clone()));
                            index = index.with(Entry::opened(r, &file));
                        }
                        s.opened = Rc::new(opened);
                        s.index = Rc::new(index);
                        s.choose_rubric(first, &self);
                    }
                }
                Rc::new(s)
            }
            Action::Files(files) => {
                let mut s = (*self).clone();
                s.file_error = None;
                s.sheet = None;
                // A workbook's sheets can be chosen when it is read alone; a workbook that
                // cannot be read is reported by the batch itself.
                s.sheets = match files.as_slice() {
                    [file] => sheet_names(&Bytes {
                        name: &file.name,
                        bytes: &file.bytes,
                    })
                    .unwrap_or_default(),
                    _ => None,
                };
                s.files = files;
                s.rescore(&self);
                Rc::new(s)
            }
            Action::FileFailed(name, why) => {
                let mut s = (*self).clone();
                s.file_error =
                    Some(crate::i18n::CANNOT_READ_FILE.fill(&[&quote_short(&name), &why]));
                Rc::new(s)
            }
            Action::Sheet(sheet) => {
                if self.sheet.as_deref() == Some(sheet.as_str()) {
                    return self;
                }
                let mut s = (*self).clone();
                s.sheet = Some(sheet);
                s.rescore(&self);
                Rc::new(s)
            }
            Action::AllowUnknown(allow) => {
                if allow == self.allow_unknown {
                    return self;
                }
                let mut s = (*self).clone();
                s.allow_unknown = allow;
                s.rescore(&self);
                Rc::new(s)
            }
            Action::Sort(column) => {
                let mut s = (*self).clone();
                s.sort = Sort {
                    column,
                    // Numbers read best highest first; names and rows in order.
                    descending: if self.sort.column == column {
                        !self.sort.descending
                    } else {
                        !matches!(
                            column,
                            Column::File | Column::Row | Column::Name | Column::Grade
                        )
                    },
                };
                s.order = Rc::new(s.sorted());
                Rc::new(s)
            }
            Action::Open(index) => {
                let Some(open) = self.opened_space(index) else {
                    return self;
                };
                let mut s = (*self).clone();
                s.open = Some(open);
                Rc::new(s)
            }
            Action::Close => {
                if self.open.is_none() {
                    return self;
                }
                let mut s = (*self).clone();
                s.open = None;
                Rc::new(s)
            }
            Action::DismissProblems => {
                if self.rubric_problems.is_none() {
                    return self;
                }
                let mut s = (*self).clone();
                s.rubric_problems = None;
                Rc::new(s)
            }
            Action::Progress(id, progress) => {
                if self.pending.as_ref().map(|p| p.id) != Some(id) {
                    return self;
                }
                let mut s = (*self).clone();
                s.progress = Some(progress);
                Rc::new(s)
            }
            Action::Scored(id, outcome) => {
                if self.pending.as_ref().map(|p| p.id) != Some(id) {
                    return self;
                }
                let mut s = (*self).clone();
                s.outcome = Some(outcome);
                s.pending = None;
                s.progress = None;
                s.before = None;
                s.order = Rc::new(s.sorted());
                // A space still open (the language changed) is opened again from the new table.
                s.open = s.open.as_ref().and_then(|o| s.opened_space(o.index));
                Rc::new(s)
            }
            Action::Cancel => {
                let Some(before) = &self.before else {
                    return self;
                };
                let mut s = (**before).clone();
                // What arrived meanwhile that is not the files' stays, and the count of
                // requests goes on: the cancelled run's number is never asked for again.
                s.index = Rc::clone(&self.index);
                s.opened = Rc::clone(&self.opened);
                s.requests = self.requests;
                Rc::new(s)
            }
        }
    }
}
