//! Several files scored into one table (`spacescore batch` with several files, the district
//! page with several dropped): every row names its file in a first column, `file`, and every
//! file must have the first file's columns. A file is a district sheet (CSV or `.xlsx`), an
//! applicant's filing (`score --xlsx`), or the self-check page's JSON export
//! ([`json_filing`]).

use std::collections::BTreeMap;

use spacescore_core::text::quote_path;
use spacescore_core::{json_inputs, score_with, Detail, Rubric, Text};

use crate::batch::{Header, Results, Summary};
use crate::messages as m;
use crate::out::{Figures, Layout, Outcome, RowOut};
use crate::{Error, Options};

/// The results of several files, handed on to `inner` as one table: the header once (with
/// the column `file` first), each row with its file's name. The results of one file are
/// handed on as they are (a file read alone has no `file` column).
pub struct Files<R> {
    inner: R,
    /// Whether there are several files (else rows pass through).
    several: bool,
    /// The file being read.
    file: String,
    /// The first file's columns, which every other file must have.
    first: Option<Layout>,
}

impl<R: Results> Files<R> {
    /// One table into `inner`, of several files or of one.
    pub fn new(inner: R, several: bool) -> Self {
        Files {
            inner,
            several,
            file: String::new(),
            first: None,
        }
    }

    /// The table so far.
    pub fn inner(&self) -> &R {
        &self.inner
    }

    /// The table so far, to change.
    pub fn inner_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The table.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// The rows that follow are from the file `name`.
    pub fn file(&mut self, name: &str) {
        name.clone_into(&mut self.file);
    }
}

impl<R: Results> Results for Files<R> {
    fn start(&mut self, header: &Header) -> Result<(), Error> {
        if !self.several {
            return self.inner.start(header);
        }
        let mut layout = header.layout.clone();
        layout.copied.insert(0, "file".to_string());
        // A field's column letter differs from file to file: no note names one.
        layout.columns.clear();
        if self.first.is_some() {
            self.inner.notes(&header.notes)?;
        }
        match &self.first {
            Some(first) if first.copied != layout.copied => {
                Err(Error::Unreadable(m::OTHER_COLUMNS.fill(&[
                    &quote_path(&self.file),
                    &layout.copied.join(", "),
                    &first.copied.join(", "),
                ])))
            }
            Some(_) => Ok(()),
            None => {
                self.first = Some(layout.clone());
                self.inner.start(&Header {
                    layout,
                    notes: header.notes.clone(),
                })
            }
        }
    }

    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error> {
        if !self.several {
            return self.inner.row(row);
        }
        let copied: Vec<&str> = std::iter::once(self.file.as_str())
            .chain(row.copied.iter().copied())
            .collect();
        self.inner.row(&RowOut {
            row: row.row,
            copied: &copied,
            outcome: row.outcome,
        })
    }

    fn streams(&self) -> bool {
        self.inner.streams()
    }

    fn notes(&mut self, notes: &[Text]) -> Result<(), Error> {
        self.inner.notes(notes)
    }
}

/// Whether the file `name` is read as a JSON export of the self-check page (its name ends
/// in `.json`) rather than as a sheet.
pub fn is_json(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// One space from a JSON export of the self-check page (or saved work), read with the core's
/// one reader and handed to `results` as one row (row 1) named by its applicant.
///
/// # Errors
/// [`Error::Unreadable`] when the bytes are not such a document (the message names the file
/// and the field); whatever `results` returns.
pub fn json_filing(
    r: &Rubric,
    name: &str,
    bytes: &[u8],
    opts: &Options,
    results: &mut dyn Results,
) -> Result<Summary, Error> {
    let doc = json_inputs::read(bytes).map_err(|e| {
        let shown = quote_path(name);
        Error::Unreadable(Text::new(
            format!("{shown}：{}", e.message_zh()),
            format!("{shown}: {e}"),
        ))
    })?;
    let layout = Layout::new(
        r,
        &["name".to_string()],
        BTreeMap::new(),
        opts.door,
        opts.lang,
    );
    results.start(&Header {
        layout,
        notes: Vec::new(),
    })?;
    let report = score_with(r, &doc.inputs, Detail::Scores);
    let applicant = doc
        .saved
        .as_ref()
        .and_then(|h| h.applicant.clone())
        .unwrap_or_default();
    results.row(&RowOut {
        row: 1,
        copied: &[applicant.as_str()],
        outcome: Outcome::Scored(&report, Figures::Kept(&doc.inputs)),
    })?;
    Ok(Summary {
        described: m::JSON_DESCRIBED.fill(&[]),
        read: 1,
        scored: 1,
        with_errors: u64::from(!report.errors.is_empty()),
        blank: 0,
        unreadable: 0,
    })
}
