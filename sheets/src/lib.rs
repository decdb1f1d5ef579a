//! A district's spreadsheets in and out: one space per row of a CSV or `.xlsx` file, scored
//! under a rubric, one result row each, written as CSV or as an `.xlsx` workbook.
//!
//! The `spacescore batch` command and the district page (in the browser) both read and
//! write through this crate, so a file gives the same results, row numbers and messages
//! through either door. It knows nothing of files on disk or of the browser: a
//! [`Source`] hands it bytes, a [`Results`] takes what it reads.
//!
//! ```
//! use spacescore_sheets::{batch, Bytes, Collect, Options};
//!
//! let catalog = spacescore_builtin::catalog();
//! let rubric = catalog.rubric("xinxiang/professional").unwrap();
//! let file = "name,incubation_fund\n甲空间,180\n乙空间,abc\n";
//! let mut results = Collect::default();
//! let summary = batch(
//!     &Bytes { name: "district.csv", bytes: file.as_bytes() },
//!     rubric,
//!     &Options::default(),
//!     &mut results,
//! )
//! .unwrap();
//! assert_eq!(summary.to_string(), "2 rows read: 2 scored (1 with field errors), 0 skipped (0 blank, 0 unreadable)");
//! assert_eq!(results.rows()[0].row, 2);
//! let csv = String::from_utf8(results.csv().unwrap()).unwrap();
//! assert!(csv.starts_with("row,name,"));
//! ```
//!
//! # Errors
//! A file that cannot be read whole (a byte its encoding does not allow, a quote that never
//! closes), or whose header is wrong (no field column, a column twice, a column that is not
//! a field), is refused before any result is given, with a message naming the row, the
//! column and the field ([`Error`]).

#![forbid(unsafe_code)]

mod batch;
mod charset;
mod collect;
mod columns;
mod csv_in;
mod files;
pub mod messages;
mod out;
mod source;
pub mod tally;
pub mod template;
mod xlsx_in;

use std::fmt;

use spacescore_core::{Lang, Rubric, Text};

use crate::messages as m;

pub use batch::{batch, sheet_names, Header, Results, Steps, Summary};
pub use collect::{Collect, Row, RowResult};
pub use columns::{closest, header_en, header_id, header_zh, letter, Headers, Named};
pub use csv_in::MAX_CELL;
pub use files::{is_json, json_filing, Files};
pub use out::{neutralise, CsvSink, Figures, Layout, Outcome, RowOut, Sink, XlsxSink};
pub use source::{Bytes, ReadSeek, Source};
pub use tally::Tally;
/// The rows of one sheet of a workbook, within the same limits as a batch file (the
/// drafter reads an official's rubric table with it).
pub use xlsx_in::{each_row as xlsx_rows, Rows as SheetRows, MAX_SHARED_STRINGS, MAX_UNPACKED};

/// Why a batch file could not be scored, or its results not written.
#[derive(Debug)]
pub enum Error {
    /// The file cannot be scored as it is, and no result was given: it cannot be read whole,
    /// or its header is wrong. The message names the row, the column and the field, and says
    /// what to do.
    Unreadable(Text),
    /// An option does not fit the file: a sheet named for a CSV file, or a sheet the workbook
    /// does not have (the message lists its sheets).
    Option(Text),
    /// Writing the results failed.
    Output(std::io::Error),
}

impl Error {
    /// The message in both languages.
    pub fn text(&self) -> Text {
        match self {
            Error::Unreadable(t) | Error::Option(t) => t.clone(),
            Error::Output(e) => m::CANNOT_WRITE.fill(&[e]),
        }
    }
}

/// In English, for programs; [`Error::text`] has both languages.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Output(e)
    }
}

/// Which door a file came through: the messages are the same, except where they name what
/// the person can do (a command-line option, or a control on the page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Door {
    /// `spacescore batch`.
    #[default]
    Cli,
    /// The district page.
    Page,
}

impl Door {
    /// How to copy columns that are not fields through instead of refusing the file.
    fn allow_unknown(self) -> Text {
        match self {
            Door::Cli => m::ALLOW_UNKNOWN_CLI.fill(&[]),
            Door::Page => m::ALLOW_UNKNOWN_PAGE.fill(&[]),
        }
    }

    /// What writes a header row for rubric `id`.
    fn template(self, id: &str) -> Text {
        match self {
            Door::Cli => m::TEMPLATE_CLI.fill(&[&id]),
            Door::Page => m::TEMPLATE_PAGE.fill(&[]),
        }
    }

    /// What to do when the results do not fit a workbook.
    fn csv_instead(self) -> Text {
        match self {
            Door::Cli => m::CSV_INSTEAD_CLI.fill(&[]),
            Door::Page => m::CSV_INSTEAD_PAGE.fill(&[]),
        }
    }
}

/// How a batch file is read, and in which language its results are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The sheet of an `.xlsx` file (the first when `None`); an error for a CSV file.
    pub sheet: Option<String>,
    /// Copy columns that are not fields through instead of refusing the file.
    pub allow_unknown: bool,
    /// Where the file came from, for the messages that name an option.
    pub door: Door,
    /// The language of the results' headers, sheet names and words, and of the row
    /// problems: Chinese for people, English (ids, `true`/`false`) for programs.
    pub lang: Lang,
}

/// English, for programs: the CLI and the page choose the language they were given.
impl Default for Options {
    fn default() -> Self {
        Options {
            sheet: None,
            allow_unknown: false,
            door: Door::default(),
            lang: Lang::En,
        }
    }
}

/// The fields a batch file for `r` can fill, in the order a template lists them: what the
/// score needs, then the aids.
pub fn template_fields(r: &Rubric) -> Vec<String> {
    let mut fields: Vec<String> = r
        .required_fields()
        .into_iter()
        .map(str::to_string)
        .collect();
    for item in r.items() {
        for a in item.aids() {
            if !fields.contains(a) {
                fields.push(a.clone());
            }
        }
    }
    fields
}
