//! Reading the rows of one sheet of an `.xlsx` workbook (calamine), one row at a time.

use calamine::{DataRef, Reader, Xlsx};
use spacescore_core::text::quote_short;

use crate::batch::{ReadSeek, Source};
use crate::Error;

/// What takes each row: its number and its cells.
pub(crate) type EachRow<'a> = dyn FnMut(u64, &[String]) -> Result<(), Error> + 'a;

fn open<'s>(source: &'s dyn Source) -> Result<Xlsx<Box<dyn ReadSeek + 's>>, Error> {
    let shown = quote_short(source.name());
    let f = source
        .open()
        .map_err(|e| Error::Unreadable(format!("cannot read {shown}: {e}")))?;
    Xlsx::new(f).map_err(|e| Error::Unreadable(format!("{shown} cannot be read as .xlsx: {e}")))
}

/// The names of the workbook's sheets, in order.
pub(crate) fn sheet_names(source: &dyn Source) -> Result<Vec<String>, Error> {
    Ok(open(source)?.sheet_names())
}

/// Calls `each(row, cells)` for every row of the sheet `sheet` (the first sheet when `None`)
/// that holds a cell, in order; `row` is the row number Excel shows and `cells` are indexed
/// by column (A = 0), as text. Returns the sheet's name.
///
/// # Errors
/// [`Error::Unreadable`] when the workbook or sheet cannot be read (naming the row where
/// reading stopped), [`Error::Option`] for a sheet it does not have, or whatever `each`
/// returns.
pub(crate) fn each_row(
    source: &dyn Source,
    sheet: Option<&str>,
    each: &mut EachRow<'_>,
) -> Result<String, Error> {
    let shown = quote_short(source.name());
    let mut book = open(source)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                Error::Option(format!(
                    "{shown} has no sheet named {}; its sheets: {}",
                    quote_short(wanted),
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::Unreadable(format!("{shown} has no sheet")))?,
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(|e| {
        Error::Unreadable(format!(
            "sheet {} of {shown} cannot be read: {e}",
            quote_short(&name)
        ))
    })?;
    let mut current: Option<u32> = None;
    let mut cells: Vec<String> = Vec::new();
    loop {
        let cell = reader.next_cell().map_err(|e| {
            let row = current.map_or(1, |r| u64::from(r) + 1);
            Error::Unreadable(format!(
                "sheet {} of {shown} cannot be read past row {row}: {e}; nothing was written",
                quote_short(&name)
            ))
        })?;
        let Some(cell) = cell else { break };
        let (row, column) = cell.get_position();
        if current != Some(row) {
            if let Some(prev) = current {
                each(u64::from(prev) + 1, &cells)?;
            }
            cells.clear();
            current = Some(row);
        }
        let text = cell_text(cell.get_value());
        let column = column as usize;
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        if let Some(slot) = cells.get_mut(column) {
            *slot = text;
        }
    }
    if let Some(prev) = current {
        each(u64::from(prev) + 1, &cells)?;
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
