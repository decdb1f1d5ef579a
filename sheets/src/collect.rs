//! Every result of a batch kept in memory, and written out from there: what the district
//! page shows, sorts and downloads. The CLI streams its results instead ([`crate::Sink`]);
//! both write through the same sinks, so a download is byte for byte what
//! `spacescore batch` writes for the same file.

use std::io::Cursor;

use spacescore_core::{Inputs, Report};

use crate::batch::{Header, Results};
use crate::out::{CsvSink, Figures, Outcome, RowOut, Sink, XlsxSink};
use crate::Error;

/// One row's result, kept.
#[derive(Debug, Clone, PartialEq)]
pub enum RowResult {
    /// Scored (scores only, no explanation text): the report.
    Scored(Box<Report>),
    /// Not scored, and why.
    Problem(String),
}

/// One space, as read and scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its row number, as a spreadsheet shows it.
    pub row: u64,
    /// The copied cells (`name`, and columns that are not fields when they are allowed), in
    /// the layout's order.
    pub copied: Vec<String>,
    /// What was read from its field cells (empty for a row that could not be scored).
    pub inputs: Inputs,
    /// Its result.
    pub result: RowResult,
}

impl Row {
    /// The report, for a row that was scored.
    pub fn report(&self) -> Option<&Report> {
        match &self.result {
            RowResult::Scored(r) => Some(r),
            RowResult::Problem(_) => None,
        }
    }

    fn out(&self) -> (Vec<&str>, u64) {
        (self.copied.iter().map(String::as_str).collect(), self.row)
    }
}

/// The results of a batch, kept in memory (a [`Results`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Collect {
    header: Option<Header>,
    rows: Vec<Row>,
}

impl Results for Collect {
    fn start(&mut self, header: &Header) -> Result<(), Error> {
        self.header = Some(header.clone());
        Ok(())
    }

    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error> {
        let (inputs, result) = match row.outcome {
            Outcome::Scored(report, figures) => (
                figures.inputs(),
                RowResult::Scored(Box::new(report.clone())),
            ),
            Outcome::Problem(p) => (Inputs::new(), RowResult::Problem(p.to_string())),
        };
        self.rows.push(Row {
            row: row.row,
            copied: row.copied.iter().map(|c| c.to_string()).collect(),
            inputs,
            result,
        });
        Ok(())
    }
}

impl Collect {
    /// What the header said, once it was read.
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// Every row read, in file order (blank rows left out).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Drops the rows after the first `len` (those of a file refused part-way through a
    /// table of several).
    pub fn truncate(&mut self, len: usize) {
        self.rows.truncate(len);
    }

    /// Writes every row to `sink`.
    fn write(&self, sink: &mut dyn Sink) -> Result<(), Error> {
        for row in &self.rows {
            let (copied, n) = row.out();
            let outcome = match &row.result {
                RowResult::Scored(report) => Outcome::Scored(report, Figures::Kept(&row.inputs)),
                RowResult::Problem(p) => Outcome::Problem(p),
            };
            sink.row(&RowOut {
                row: n,
                copied: &copied,
                outcome,
            })?;
        }
        Ok(())
    }

    /// The district's figures (what the summary sheet holds), counted from the rows kept.
    pub fn tally(&self) -> crate::Tally {
        let mut t = crate::Tally::default();
        if let Some(h) = &self.header {
            for report in self.rows.iter().filter_map(Row::report) {
                t.add(report, &h.layout);
            }
        }
        t
    }

    fn layout(&self) -> Result<crate::Layout, Error> {
        self.header
            .as_ref()
            .map(|h| h.layout.clone())
            .ok_or_else(|| Error::Unreadable(crate::messages::NO_HEADER_READ.fill(&[])))
    }

    /// The results as CSV, as `spacescore batch` writes them.
    ///
    /// # Errors
    /// [`Error::Unreadable`] when no header was read; [`Error::Output`] should writing fail.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut sink = CsvSink::new(Vec::new(), self.layout()?)?;
        self.write(&mut sink)?;
        sink.into_inner()
    }

    /// The results as an `.xlsx` workbook (sheets `results`, `items`, `errors`), as
    /// `spacescore batch -o OUT.xlsx` writes them.
    ///
    /// # Errors
    /// [`Error::Unreadable`] when no header was read, or the rows do not fit a sheet;
    /// [`Error::Output`] should writing fail.
    pub fn xlsx(&self) -> Result<Vec<u8>, Error> {
        let mut sink = XlsxSink::new(Cursor::new(Vec::new()), self.layout()?)?;
        self.write(&mut sink)?;
        Ok(sink.save()?.into_inner())
    }
}
