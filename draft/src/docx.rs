//! The tables of a `.docx` file: `word/document.xml`, read from the zip archive as XML
//! events (quick-xml), never parsed by hand.
//!
//! A table is `w:tbl`, its rows `w:tr`, its cells `w:tc`. A cell spanning columns
//! (`w:gridSpan`) holds its text in its first column, the others blank; a cell merged down
//! (`w:vMerge` without `restart`) is blank, as a spreadsheet copies it. Cells skipped at the
//! start of a row (`w:gridBefore`) are blank. Paragraphs of a cell are its lines; a table
//! inside a cell is read as more lines of that cell. Text deleted in tracked changes
//! (`w:delText`) is not read.
//!
//! The part's declared size is checked before anything is unpacked, and the zip reader
//! refuses a part that unpacks past its declared size, so a zip bomb is refused at once.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::table::{Table, MAX_CELL, MAX_DOCUMENT_XML, MAX_ROWS, MAX_TABLES};
use crate::Error;

impl Table {
    /// The tables of a `.docx` file, in order.
    ///
    /// # Errors
    /// [`Error::Docx`], [`Error::DocxTooLarge`], [`Error::TooManyTables`], [`Error::Empty`]
    /// for a document with no table, and as [`Table::from_rows`].
    pub fn from_docx(bytes: &[u8]) -> Result<Vec<Table>, Error> {
        tables(bytes)
    }
}

/// Every table of the document, in order.
pub(crate) fn tables(bytes: &[u8]) -> Result<Vec<Table>, Error> {
    let broken = |e: zip::result::ZipError| Error::Docx(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let name = zip
        .file_names()
        .flatten()
        .find(|n| n.eq_ignore_ascii_case("word/document.xml"))
        .map(|n| n.into_owned())
        .ok_or_else(|| Error::Docx("it has no word/document.xml".into()))?;
    let part = zip.by_name(&name).map_err(broken)?;
    if part.size() > MAX_DOCUMENT_XML {
        return Err(Error::DocxTooLarge { bytes: part.size() });
    }
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part.take(MAX_DOCUMENT_XML)));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    let mut doc = Document::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| Error::Docx(e.to_string()))?;
        match event {
            Event::Start(e) => doc.start(&e, false)?,
            Event::Empty(e) => doc.start(&e, true)?,
            Event::End(e) => doc.end(e.local_name().as_ref())?,
            Event::Text(t) if doc.in_text => doc.text(&t.xml10_content()),
            Event::CData(t) if doc.in_text => doc.text(&t),
            Event::GeneralRef(r) if doc.in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    doc.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if doc.tables.is_empty() {
        return Err(Error::Empty);
    }
    let mut out = Vec::new();
    for rows in doc.tables {
        match Table::from_rows(rows, None) {
            Ok(t) => out.push(t),
            Err(Error::Empty) => {}
            Err(e) => return Err(e),
        }
    }
    if out.is_empty() {
        return Err(Error::Empty);
    }
    Ok(out)
}

/// A cell being read.
#[derive(Default)]
struct Cell {
    lines: Vec<String>,
    span: usize,
    continued: bool,
}

/// What has been read so far.
#[derive(Default)]
struct Document {
    tables: Vec<Vec<Vec<String>>>,
    /// How deep in tables the reader is (a table inside a cell is 2).
    depth: usize,
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<Cell>,
    /// Inside `w:t`.
    in_text: bool,
    /// Blank cells to put before the next cell of the row (`w:gridBefore`).
    before: usize,
}

/// The number in an element's `w:val`.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.to_string())
}

impl Document {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), Error> {
        let name = e.local_name();
        match name.as_ref() {
            "tbl" if !empty => {
                self.depth += 1;
                if self.depth == 1 {
                    if self.tables.len() == MAX_TABLES {
                        return Err(Error::TooManyTables);
                    }
                    self.rows.clear();
                }
            }
            "tr" if self.depth == 1 && !empty => {
                if self.rows.len() == MAX_ROWS {
                    return Err(Error::TooManyRows);
                }
                self.row = Some(Vec::new());
            }
            "gridBefore" if self.depth == 1 => {
                self.before = val(e).and_then(|v| v.parse().ok()).unwrap_or(0).min(64);
            }
            "tc" if self.depth == 1 && !empty => {
                self.cell = Some(Cell {
                    lines: vec![String::new()],
                    span: 1,
                    continued: false,
                });
            }
            "gridSpan" if self.depth == 1 => {
                if let Some(c) = &mut self.cell {
                    c.span = val(e)
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            "vMerge" if self.depth == 1 => {
                if let Some(c) = &mut self.cell {
                    c.continued = val(e).is_none_or(|v| v != "restart");
                }
            }
            "p" if !empty => {
                if let Some(c) = &mut self.cell {
                    if c.lines.last().is_some_and(|l| !l.is_empty()) {
                        c.lines.push(String::new());
                    }
                }
            }
            "t" if !empty => self.in_text = self.cell.is_some(),
            "tab" => self.text(" "),
            "br" | "cr" => {
                if let Some(c) = &mut self.cell {
                    c.lines.push(String::new());
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), Error> {
        match name {
            "t" => self.in_text = false,
            "tc" if self.depth == 1 => {
                if let (Some(cell), Some(row)) = (self.cell.take(), &mut self.row) {
                    row.extend(std::iter::repeat_n(String::new(), self.before));
                    self.before = 0;
                    let text = if cell.continued {
                        String::new()
                    } else {
                        let lines: Vec<&str> = cell
                            .lines
                            .iter()
                            .map(|l| l.trim())
                            .filter(|l| !l.is_empty())
                            .collect();
                        lines.join("\n")
                    };
                    row.push(text);
                    row.extend(std::iter::repeat_n(String::new(), cell.span - 1));
                }
            }
            "tr" if self.depth == 1 => {
                if let Some(row) = self.row.take() {
                    self.rows.push(row);
                }
                self.before = 0;
            }
            "tbl" => {
                if self.depth == 1 {
                    self.tables.push(std::mem::take(&mut self.rows));
                }
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, s: &str) {
        if let Some(line) = self.cell.as_mut().and_then(|c| c.lines.last_mut()) {
            // A hostile cell stops growing past what a cell may hold; the table reader
            // then refuses it with its row and column.
            if line.len() <= 4 * MAX_CELL {
                line.push_str(s);
            }
        }
    }
}
