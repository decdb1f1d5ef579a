//! An official's table: rows of cells of text, read from what they have (text copied from
//! Word, WPS or Excel, a `.csv`, `.xlsx` or `.docx` file, or rows the browser read from the
//! clipboard's HTML), within limits that no real rubric table comes near.
//!
//! A cell merged over several rows is blank after its first row, as a spreadsheet copies
//! it; one merged across columns holds its text in its first column. Invisible characters
//! (zero-width spaces, direction marks) are dropped from every cell: the checker refuses
//! them in a rubric file, and a reader cannot see them.

use std::io::Cursor;

use spacescore_core::check::MAX_TEXT;
use spacescore_core::text::is_invisible;
use spacescore_sheets::{Bytes, SheetRows};

use crate::Error;

/// The most text read (pasted, `.tsv`, `.txt`, `.csv`): real rubric tables are under 100 KB.
pub const MAX_TEXT_BYTES: usize = 4 << 20;
/// The most rows of a table: a rubric file holds at most 1,000 items, with their groups.
pub const MAX_ROWS: usize = 2_000;
/// The most cells in a row (real tables have up to a dozen columns).
pub const MAX_COLUMNS: usize = 64;
/// The most characters of one cell: the most a text of a rubric file may hold.
pub const MAX_CELL: usize = MAX_TEXT;
/// The most tables read from one `.docx` file.
pub const MAX_TABLES: usize = 200;
/// The most a `.docx` file's text (`word/document.xml`) may unpack to. Its pictures are
/// not unpacked.
pub const MAX_DOCUMENT_XML: u64 = 16 << 20;
/// The most of a `.docx` or `.xlsx` file read (pictures included).
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Rows of cells of text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table of `rows`, as the browser reads a table from the clipboard's HTML: where it
    /// expands merged cells, a cell that is exactly `merged` is blank (a merged cell after
    /// its first row or column).
    ///
    /// # Errors
    /// [`Error::TooManyRows`], [`Error::TooManyColumns`], [`Error::CellTooLong`], or
    /// [`Error::Empty`] for a table with no text.
    pub fn from_rows(rows: Vec<Vec<String>>, merged: Option<&str>) -> Result<Table, Error> {
        if rows.len() > MAX_ROWS {
            return Err(Error::TooManyRows);
        }
        let mut out = Vec::with_capacity(rows.len());
        for (r, row) in rows.into_iter().enumerate() {
            if row.len() > MAX_COLUMNS {
                return Err(Error::TooManyColumns { row: r + 1 });
            }
            let mut cells = Vec::with_capacity(row.len());
            for (c, cell) in row.into_iter().enumerate() {
                if merged.is_some_and(|m| m == cell) {
                    cells.push(String::new());
                    continue;
                }
                if cell.chars().count() > MAX_CELL {
                    return Err(Error::CellTooLong {
                        row: r + 1,
                        column: c + 1,
                    });
                }
                cells.push(clean(&cell));
            }
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            out.push(cells);
        }
        while out.last().is_some_and(Vec::is_empty) {
            out.pop();
        }
        if out.iter().all(Vec::is_empty) {
            return Err(Error::Empty);
        }
        Ok(Table { rows: out })
    }

    /// The rows, each without its trailing blank cells.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// The cell at `row`, `column` (from 0); blank where the row is shorter.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .map_or("", String::as_str)
    }

    /// The table in text copied from Word, WPS or Excel: one row a line, cells separated
    /// by tabs; a cell holding a line break, a tab or a quotation mark is quoted as Excel
    /// quotes it (`"…"`, `""` for a quotation mark).
    ///
    /// # Errors
    /// As [`Table::from_rows`], and [`Error::TextTooLarge`].
    pub fn from_tsv(text: &str) -> Result<Table, Error> {
        let quoted = separated(text, b'\t', true)?;
        // Text that does not quote as Excel does (a cell that opens with a quotation mark of
        // its own) runs its quote across tabs; such text is read as it stands.
        if quoted.iter().flatten().any(|c| c.contains('\t')) {
            return Table::from_rows(separated(text, b'\t', false)?, None);
        }
        Table::from_rows(quoted, None)
    }

    /// A CSV file: UTF-8, GB18030 (Excel on Chinese Windows) or UTF-16 (Excel's "Unicode
    /// text"), separated by commas (or tabs or semicolons, where its first line has more of
    /// those).
    ///
    /// # Errors
    /// [`Error::NotText`] for bytes that are none of those, and as [`Table::from_tsv`].
    pub fn from_csv(bytes: &[u8]) -> Result<Table, Error> {
        let text = decode(bytes)?;
        let first = text.lines().next().unwrap_or_default();
        let count = |c: char| first.matches(c).count();
        let sep = [(b',', count(',')), (b'\t', count('\t')), (b';', count(';'))]
            .into_iter()
            .max_by_key(|s| s.1)
            .filter(|s| s.1 > 0)
            .map_or(b',', |s| s.0);
        Table::from_rows(separated(&text, sep, true)?, None)
    }

    /// The sheet `sheet` (the first when `None`) of an `.xlsx` workbook, read within the
    /// batch files' limits (a workbook that unpacks past them is refused before anything is
    /// unpacked). A merged range holds its text in its first cell.
    ///
    /// # Errors
    /// [`Error::Xlsx`] with the spreadsheet reader's message, and as [`Table::from_rows`].
    pub fn from_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, Error> {
        let mut rows = Collect::default();
        let source = Bytes {
            name: "the workbook",
            bytes,
        };
        match spacescore_sheets::xlsx_rows(&source, sheet, &mut rows) {
            Ok(_) => Table::from_rows(rows.rows, None),
            Err(_) if rows.too_many => Err(Error::TooManyRows),
            Err(e) => Err(Error::Xlsx(e.to_string())),
        }
    }
}

/// What a file is, from its bytes and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tab-separated text (pasted; `.tsv`, `.txt`).
    Tsv,
    /// A `.csv` file.
    Csv,
    /// A Word document.
    Docx,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    /// The format of `bytes`, named `name`: a zip archive by what it holds, an old Office
    /// file refused, text by its name (`.csv`, else tab-separated).
    ///
    /// # Errors
    /// [`Error::OldFormat`], or [`Error::Unknown`] for an archive that is neither.
    pub fn of(name: &str, bytes: &[u8]) -> Result<Format, Error> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(Error::OldFormat);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Error::Unknown)?;
            let has = |part: &str| {
                zip.file_names()
                    .flatten()
                    .any(|n| n.eq_ignore_ascii_case(part))
            };
            return if has("word/document.xml") {
                Ok(Format::Docx)
            } else if has("xl/workbook.xml") {
                Ok(Format::Xlsx)
            } else {
                Err(Error::Unknown)
            };
        }
        let lower = name.to_ascii_lowercase();
        Ok(if lower.ends_with(".csv") {
            Format::Csv
        } else {
            Format::Tsv
        })
    }
}

/// The tables of a file named `name`: one, or every table of a `.docx` file.
///
/// # Errors
/// As [`Format::of`] and the readers of each format.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Table>, Error> {
    match Format::of(name, bytes)? {
        Format::Docx => Table::from_docx(bytes),
        Format::Xlsx => Table::from_xlsx(bytes, None).map(|t| vec![t]),
        Format::Csv => Table::from_csv(bytes).map(|t| vec![t]),
        Format::Tsv => Table::from_tsv(&decode(bytes)?).map(|t| vec![t]),
    }
}

/// Bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with its mark, or
/// GB18030. Text that holds a NUL or other control characters (but line breaks and tabs)
/// is not a table.
///
/// # Errors
/// [`Error::TextTooLarge`], or [`Error::NotText`].
pub fn decode(bytes: &[u8]) -> Result<String, Error> {
    use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(Error::TextTooLarge { bytes: bytes.len() });
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        std::str::from_utf8(rest)
            .map_err(|_| Error::NotText)?
            .to_string()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        UTF_16LE
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(Error::NotText)?
            .into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        UTF_16BE
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(Error::NotText)?
            .into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_string()
    } else {
        GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(Error::NotText)?
            .into_owned()
    };
    let control = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if control {
        return Err(Error::NotText);
    }
    Ok(text)
}

/// The rows of `text` separated by `sep`, quoted as Excel quotes (or not at all), stopping
/// past [`MAX_ROWS`].
fn separated(text: &str, sep: u8, quoting: bool) -> Result<Vec<Vec<String>>, Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::TextTooLarge { bytes: text.len() });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        // Text read from a `&str` is UTF-8: a record cannot fail but on bytes.
        let Ok(record) = record else {
            return Err(Error::NotText);
        };
        if rows.len() == MAX_ROWS {
            return Err(Error::TooManyRows);
        }
        if record.len() > MAX_COLUMNS {
            return Err(Error::TooManyColumns {
                row: rows.len() + 1,
            });
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// A cell without invisible characters, with Windows line ends as `\n`, without blanks at
/// either end.
fn clean(cell: &str) -> String {
    cell.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' || c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !is_invisible(*c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The rows of a sheet, up to [`MAX_ROWS`].
#[derive(Default)]
struct Collect {
    rows: Vec<Vec<String>>,
    too_many: bool,
}

impl SheetRows for Collect {
    fn row(&mut self, _row: u64, cells: &[String]) -> Result<(), spacescore_sheets::Error> {
        if self.rows.len() == MAX_ROWS {
            self.too_many = true;
            // Only `too_many` is read: the message is the drafter's own.
            let why = Error::TooManyRows.to_string();
            return Err(spacescore_sheets::Error::Unreadable(
                spacescore_core::Text::new(why.clone(), why),
            ));
        }
        self.rows.push(cells.to_vec());
        Ok(())
    }

    fn column(&self, index: usize) -> String {
        spacescore_sheets::letter(index)
    }
}
