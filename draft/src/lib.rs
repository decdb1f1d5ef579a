//! Drafts a rubric file from an official's rubric table: the studio page and `spacescore
//! draft` stand on it.
//!
//! An official has the document's table in Word, WPS or Excel. They paste it (tab-separated
//! text) or open the file (`.docx`, `.xlsx`, `.csv`); [`Table`] reads it. [`draft`] finds the
//! header row and what each column holds ([`columns`]), the groups and their points, the
//! items with their maxima (one rubric per column of weights, for the space type it names),
//! the bonus groups and the veto clauses ([`layout`]); then, for each item, it asks every
//! kind of term (`spacescore_core::kinds::KINDS`) what it reads in the rule's words and
//! keeps the reading that starts earliest and reads the most ([`rules`]). Where nothing is
//! recognised, the item is self-assessed from 0 to its maximum and marked for review: a
//! draft never invents a rule. Every cell is quoted verbatim. The draft is then checked
//! with the same checker as any rubric file; where it does not pass (a table whose maxima
//! do not add up), the file is still written and the checker's messages say what to fix.
//!
//! ```
//! use spacescore_core::check::Library;
//! use spacescore_draft::{draft, Facts, Table};
//!
//! let table = Table::from_tsv(
//!     "一级指标\t二级指标\t评分标准\t分值\n\
//!      服务能力（10分）\t创业导师\t每2位导师得1分，最高5分\t5\n\
//!      \t孵化资金\t大于50万得3分，每增加50万加1分，最高5分\t5\n",
//! )?;
//! let library = Library::shared().unwrap();
//! let d = draft(&table, &Facts::default(), &library)?;
//! assert!(d.problems.is_empty(), "{:?}", d.problems);
//! assert!(d.toml.contains("kind = \"per\""));
//! assert!(d.toml.contains("kind = \"step\""));
//! assert_eq!(d.items[0].recognised[0].words, "每2位导师得1分");
//! # Ok::<(), spacescore_draft::Error>(())
//! ```
//!
//! # Errors
//! A table that cannot be read, or has no header row, is an [`Error`] whose
//! [`Error::text`] says why in Chinese and English. Everything else is a draft: its
//! [`Draft::problems`] and each item's review notes say what to look at.

#![forbid(unsafe_code)]

pub mod columns;
mod docx;
mod error;
pub mod layout;
pub mod rules;
pub mod table;
mod write;

use spacescore_core::check::{check_source, Library, Problem};
use spacescore_core::Text;

pub use error::Error;
pub use table::{read, Format, Table};

/// The facts of the document an official types, beside the table. What is not given gets
/// a placeholder the checker accepts and the draft lists as to fill in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The document's title (the table's title row, where it has one, when not given).
    pub title: Option<String>,
    /// Who issued it (发文单位).
    pub issuer: Option<String>,
    /// The year.
    pub year: Option<String>,
    /// The region, in Chinese.
    pub region: Option<String>,
    /// The region, in English.
    pub region_en: Option<String>,
    /// The type of space, in Chinese (where the table's weight columns do not name one).
    pub space_type: Option<String>,
    /// The type of space, in English.
    pub space_type_en: Option<String>,
    /// The rubric's id (`region/type`); a table of several weight columns numbers it
    /// (`-1`, `-2`…).
    pub id: Option<String>,
    /// The version.
    pub version: Option<String>,
}

/// A drafted rubric file, what was read and what to look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The rubric file.
    pub toml: String,
    /// What each column was read as.
    pub columns: Vec<columns::Column>,
    /// Each item, in order.
    pub items: Vec<ItemReport>,
    /// What the drafter noticed about the table as a whole (placeholders to fill in,
    /// weights read as points, rows not read), in Chinese and English.
    pub notes: Vec<Text>,
    /// The checker's problems with the file, where it does not pass: what the official
    /// must fix.
    pub problems: Vec<Problem>,
}

/// What was read for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReport {
    /// Its id in the file.
    pub id: String,
    /// Its row in the table, from 1.
    pub row: usize,
    /// Its number, where the table gives one.
    pub number: Option<String>,
    /// Its name.
    pub name: String,
    /// The words read, each with what it was read as.
    pub recognised: Vec<Recognised>,
    /// Why it needs an official's look; empty when it does not.
    pub review: Vec<Text>,
    /// Whether it was drafted as self-assessed.
    pub self_assessed: bool,
}

/// Words of a rule and what they were read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The words, as the table has them.
    pub words: String,
    /// What they were read as.
    pub read_as: Text,
}

/// The first of `tables` whose header names a rubric table's columns, with its place: a
/// Word document often holds a table of basic facts before the scoring table.
///
/// # Errors
/// [`Error::Empty`] for no table, [`Error::NoHeader`] when no table has such a header.
pub fn pick(tables: Vec<Table>) -> Result<(usize, Table), Error> {
    if tables.is_empty() {
        return Err(Error::Empty);
    }
    tables
        .into_iter()
        .enumerate()
        .find(|(_, t)| columns::header(t).is_ok())
        .ok_or(Error::NoHeader)
}

/// Drafts a rubric file from `table`, with the facts an official gave, checked against
/// `library` (normally [`Library::shared`]).
///
/// # Errors
/// [`Error::NoHeader`] when no row names the table's columns.
pub fn draft(table: &Table, facts: &Facts, library: &Library) -> Result<Draft, Error> {
    let header = columns::header(table)?;
    let layout = layout::layout(table, &header)?;
    let written = write::write(&layout, facts, library);
    let problems = match check_source("draft.toml", &written.toml, library) {
        Ok(_) => Vec::new(),
        Err(p) => p.list().to_vec(),
    };
    Ok(Draft {
        toml: written.toml,
        columns: header.columns,
        items: written.items,
        notes: written.notes,
        problems,
    })
}
