//! Reading the rows of one sheet of an `.xlsx` workbook (calamine), one row at a time.
//!
//! A workbook is a zip archive, and a small one can unpack to gigabytes (one 1.5 GiB cell fits
//! in a 1.4 MB file). calamine reads a cell, and the whole table of shared strings, into
//! memory before handing it over, so the sizes are checked before calamine opens the file:
//! the sizes its parts declare ([`MAX_UNPACKED`] in all, [`MAX_SHARED_STRINGS`] for the
//! shared strings), and the number of shared strings the table announces (calamine reserves
//! room for that many at once). The zip reader refuses a part that unpacks past its declared
//! size, so a part cannot lie its way past the check. A cell over
//! [`MAX_CELL`](crate::csv_in::MAX_CELL), as in a CSV file, and a formula with no calculated
//! value are refused with their sheet, row and column.

use std::io::{BufReader, Read};

use calamine::{DataRef, Reader, Xlsx, XlsxFormulaMetadata};
use spacescore_core::text::{quote_path, quote_short};

use crate::csv_in::MAX_CELL;
use crate::messages as m;
use crate::source::{ReadSeek, Source};
use crate::Error;
use spacescore_core::Text;

/// The most the parts of an `.xlsx` file may unpack to, in all: about 50,000 rows of 40
/// figures (the district page holds 20,000). calamine holds a cell whole, about three times
/// over while reading it, so a hostile file costs at most about 200 MB. A larger sheet is
/// read as CSV, a row at a time, with no such limit.
pub const MAX_UNPACKED: u64 = 64 << 20;

/// The most the shared strings (the texts of the cells, held in memory whole, about three
/// times their unpacked size for many short ones) may unpack to.
pub const MAX_SHARED_STRINGS: u64 = 16 << 20;

/// The fewest bytes one shared string takes in its part (`<si/>`): a table that announces
/// more strings than its size allows is damaged or hostile.
const SMALLEST_STRING: u64 = 5;

const MIB: u64 = 1 << 20;

/// What takes the rows of a sheet (a batch, or the drafter reading a rubric table).
pub trait Rows {
    /// One row: its number (as Excel shows it) and its cells, indexed by column (A = 0), as
    /// text.
    ///
    /// # Errors
    /// Whatever stops the batch.
    fn row(&mut self, row: u64, cells: &[String]) -> Result<(), Error>;

    /// Column `index` (A = 0) as messages name it: its letter, and its header when known.
    fn column(&self, index: usize) -> String;
}

fn open<'s>(source: &'s dyn Source) -> Result<Xlsx<Box<dyn ReadSeek + 's>>, Error> {
    let shown = quote_path(source.name());
    let opened = || {
        source
            .open()
            .map_err(|e| Error::Unreadable(m::CANNOT_READ.fill(&[&shown, &e])))
    };
    check_sizes(&shown, opened()?)?;
    Xlsx::new(opened()?).map_err(|e| Error::Unreadable(m::NOT_XLSX.fill(&[&shown, &e])))
}

/// Refuses a workbook whose parts declare more than [`MAX_UNPACKED`] in all, whose shared
/// strings declare more than [`MAX_SHARED_STRINGS`], or whose shared strings announce more
/// strings than their size can hold, before anything is unpacked.
fn check_sizes(shown: &str, file: Box<dyn ReadSeek + '_>) -> Result<(), Error> {
    let unreadable = |e: zip::result::ZipError| Error::Unreadable(m::NOT_XLSX.fill(&[&shown, &e]));
    let mut zip = zip::ZipArchive::new(file).map_err(unreadable)?;
    let mut total: u64 = 0;
    let mut shared = Vec::new();
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(unreadable)?;
        total = total.saturating_add(part.size());
        // calamine finds parts by name ignoring case and `\` for `/`.
        let name = part
            .name()
            .map_err(unreadable)?
            .replace('\\', "/")
            .to_ascii_lowercase();
        if name.ends_with("sharedstrings.xml") {
            shared.push((i, part.size()));
        }
    }
    let too_big = |msg: spacescore_core::Msg, size: u64, max: u64| {
        Error::Unreadable(Text::by(|l| {
            msg.get(
                l,
                &[
                    &shown,
                    &size.div_ceil(MIB),
                    &(max / MIB),
                    &m::TOO_BIG.get(l, &[]),
                ],
            )
        }))
    };
    if total > MAX_UNPACKED {
        return Err(too_big(m::UNPACKS, total, MAX_UNPACKED));
    }
    for (i, size) in shared {
        if size > MAX_SHARED_STRINGS {
            return Err(too_big(m::SHARED_BIG, size, MAX_SHARED_STRINGS));
        }
        let part = zip.by_index(i).map_err(unreadable)?;
        if let Some(n) = announced_strings(part.take(size))? {
            if n > u128::from(size / SMALLEST_STRING) {
                return Err(Error::Unreadable(m::DAMAGED.fill(&[&shown, &n, &size])));
            }
        }
    }
    Ok(())
}

/// The `uniqueCount` of the shared strings' `<sst>` element, as calamine reads it (digits,
/// leading zeros allowed), when it has one that calamine would act on.
fn announced_strings(part: impl Read) -> Result<Option<u128>, Error> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let count = e.attributes().flatten().find_map(|a| {
                    (a.key.local_name().as_ref() == "uniqueCount").then(|| a.value.into_owned())
                });
                return Ok(count.and_then(|digits| digits_value(digits.as_bytes())));
            }
            // calamine reports a table it cannot read; it reserves nothing for it.
            Ok(Event::Eof) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
    }
}

/// The value of a run of ascii digits (saturating), or `None` for anything else.
fn digits_value(digits: &[u8]) -> Option<u128> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0u128, |n, d| {
        n.saturating_mul(10).saturating_add(u128::from(d - b'0'))
    }))
}

/// The names of the workbook's sheets, in order.
pub(crate) fn sheet_names(source: &dyn Source) -> Result<Vec<String>, Error> {
    Ok(open(source)?.sheet_names())
}

/// Hands every row of the sheet `sheet` (the first sheet when `None`) that holds a cell to
/// `rows`, in order. Returns the sheet's name.
///
/// # Errors
/// [`Error::Unreadable`] when the workbook or sheet cannot be read (naming the row where
/// reading stopped), is too large, or holds a cell over [`MAX_CELL`] or a formula with no
/// calculated value (naming its row and column); [`Error::Option`] for a sheet it does not
/// have; or whatever `rows` returns.
pub fn each_row(
    source: &dyn Source,
    sheet: Option<&str>,
    rows: &mut dyn Rows,
) -> Result<String, Error> {
    let shown = quote_path(source.name());
    let mut book = open(source)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                Error::Option(m::NO_SUCH_SHEET.fill(&[
                    &shown,
                    &quote_short(wanted),
                    &names.join(", "),
                ]))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::Unreadable(m::NO_SHEET.fill(&[&shown])))?,
    };
    let sheet_shown = quote_short(&name);
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| Error::Unreadable(m::SHEET_UNREADABLE.fill(&[&sheet_shown, &shown, &e])))?;
    let mut current: Option<u32> = None;
    let mut cells: Vec<String> = Vec::new();
    loop {
        // With its formula, if any, so that a formula no program calculated is not read as
        // an empty cell. Shared formulas are not expanded (nothing is allocated for them).
        let cell = reader.next_cell_with_formula_metadata().map_err(|e| {
            let row = current.map_or(1, |r| u64::from(r) + 1);
            Error::Unreadable(m::SHEET_UNREADABLE_PAST.fill(&[&sheet_shown, &shown, &row, &e]))
        })?;
        let Some(cell) = cell else { break };
        let (row, column) = cell.pos;
        if current != Some(row) {
            if let Some(prev) = current {
                rows.row(u64::from(prev) + 1, &cells)?;
            }
            cells.clear();
            current = Some(row);
        }
        let column = column as usize;
        let place = || {
            m::PLACE.fill(&[
                &sheet_shown,
                &shown,
                &(u64::from(row) + 1),
                &rows.column(column),
            ])
        };
        if let (Some(formula), DataRef::Empty) = (&cell.formula, &cell.value) {
            let shown_formula = match formula {
                XlsxFormulaMetadata::Normal { formula }
                | XlsxFormulaMetadata::Shared { formula, .. } => {
                    format!(" (={})", quote_short(formula))
                }
                _ => String::new(),
            };
            let at = place();
            return Err(Error::Unreadable(Text::by(|l| {
                m::UNCALCULATED.get(l, &[&at.get(l), &shown_formula])
            })));
        }
        let text = cell_text(&cell.value);
        if text.len() > MAX_CELL {
            let at = place();
            return Err(Error::Unreadable(Text::by(|l| {
                m::CELL_TOO_LONG.get(l, &[&at.get(l)])
            })));
        }
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        if let Some(slot) = cells.get_mut(column) {
            *slot = text;
        }
    }
    if let Some(prev) = current {
        rows.row(u64::from(prev) + 1, &cells)?;
    }
    Ok(name)
}

/// A cell as the text batch scores: numbers in their shortest exact decimal form (what was
/// typed: Excel stores 0.1 as the double nearest 0.1, which prints as `0.1`), TRUE/FALSE for
/// yes/no, a date as `YYYY-MM-DD` (so that a figure Excel turned into a date is reported as
/// not a number, with the date it shows), an error as Excel shows it (`#DIV/0!`).
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => {
            let (y, m, day, hh, mm, ss, _) = d.to_ymd_hms_milli();
            if d.is_duration() {
                format!("{} (a duration)", d.as_f64())
            } else if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {hh:02}:{mm:02}:{ss:02}")
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announced_counts_read_as_calamine_reads_them() {
        assert_eq!(digits_value(b"0012"), Some(12));
        assert_eq!(digits_value(b"+12"), None);
        assert_eq!(digits_value(b""), None);
        assert_eq!(digits_value(&[b'9'; 60]), Some(u128::MAX));
        let sst = |attrs: &str| {
            announced_strings(
                format!("<?xml version=\"1.0\"?><!-- x --><x:sst {attrs}><si/></x:sst>").as_bytes(),
            )
            .ok()
            .flatten()
        };
        assert_eq!(sst("count=\"7\" uniqueCount=\"3\""), Some(3));
        assert_eq!(sst("count=\"7\""), None);
    }
}
