//! What each column of a batch file is: a field of the rubric, a column copied through
//! (`name`, or any column when columns that are not fields are allowed), or a mistake that
//! stops the batch before anything is scored.

use std::collections::BTreeMap;

use spacescore_core::text::{quote_path, quote_short};
use spacescore_core::Rubric;

use crate::{Door, Error};

/// Columns that are not fields but that batch knows: always copied through. The template
/// writes `name`.
pub(crate) const KNOWN_COPIED: [&str; 1] = ["name"];

/// The columns of a batch file, by position.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    /// (column index, field id) for every field column.
    pub(crate) fields: Vec<(usize, String)>,
    /// (column index, the field's place in the rubric's fields) for every field column.
    pub(crate) positions: Vec<(usize, usize)>,
    /// (column index, header) for every column copied into the output.
    pub(crate) copied: Vec<(usize, String)>,
    /// Columns with an empty header: their cells must be empty.
    pub(crate) unnamed: Vec<usize>,
    /// How many columns the header has.
    pub(crate) width: usize,
    /// Columns copied through that are not fields and not known (when they are allowed).
    pub(crate) unknown: Vec<String>,
}

/// The id a header cell names: the cell trimmed, or its last non-empty line, so that a
/// header written by `template --xlsx` (Chinese name, English name and unit above the id)
/// reads as its id.
pub fn header_id(cell: &str) -> &str {
    cell.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or_default()
}

/// A spreadsheet's name for the column at `index` (0 → A, 26 → AA).
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Reads the header row `cells` of `file` (shown in messages) for the rubric `r`.
///
/// # Errors
/// [`Error::Unreadable`] naming every problem: no column is a field; a column appears
/// twice; a column is not a field and not known (without `allow_unknown`), each with the
/// closest field id.
pub(crate) fn read_header(
    r: &Rubric,
    file: &str,
    header_row: u64,
    cells: &[String],
    allow_unknown: bool,
    door: Door,
) -> Result<Columns, Error> {
    let mut cols = Columns {
        width: cells.len(),
        ..Columns::default()
    };
    let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut unknown = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let id = header_id(cell);
        if id.is_empty() {
            cols.unnamed.push(i);
            continue;
        }
        seen.entry(id).or_default().push(i);
        if r.field(id).is_some() {
            cols.fields.push((i, id.to_string()));
            if let Some(at) = r.fields().keys().position(|f| f == id) {
                cols.positions.push((i, at));
            }
        } else if KNOWN_COPIED.contains(&id) {
            cols.copied.push((i, id.to_string()));
        } else {
            unknown.push((i, id));
            cols.copied.push((i, id.to_string()));
            cols.unknown.push(id.to_string());
        }
    }
    let shown = quote_path(file);
    let mut problems = Vec::new();
    let duplicates: Vec<(&&str, &Vec<usize>)> =
        seen.iter().filter(|(_, at)| at.len() > 1).collect();
    if !duplicates.is_empty() {
        problems.push(listed(&duplicates, "\n", |(id, at)| {
            format!(
                "columns {} all have the header `{}`: keep one",
                listed(at, ", ", |i| letter(*i)),
                quote_short(id)
            )
        }));
    }
    if cols.fields.is_empty() {
        let shown_cells: Vec<String> = cells
            .iter()
            .take(8)
            .map(|c| format!("`{}`", quote_short(header_id(c))))
            .collect();
        let more = if cells.len() > 8 { ", …" } else { "" };
        let mut lines = vec![format!(
            "no column of {shown} is a field of {}: row {header_row}, read as the header, is {}{more}.",
            r.id(),
            shown_cells.join(", ")
        )];
        // The closest field for the first few columns only: a guess for each of 20,000
        // columns would cost seconds and say nothing more.
        lines.extend(unknown.iter().take(SHOWN).filter_map(|(i, id)| {
            closest(r, id).map(|f| {
                format!(
                    "  column {} `{}`: did you mean `{f}`?",
                    letter(*i),
                    quote_short(id)
                )
            })
        }));
        lines.push(format!(
            "The first row must name the fields; {}. Fields: {}",
            door.template(r.id()),
            field_list(r)
        ));
        return Err(Error::Unreadable(lines.join("\n")));
    }
    if !allow_unknown && !unknown.is_empty() {
        problems.push(format!(
            "{} column(s) of {shown} are not fields of {}:",
            unknown.len(),
            r.id()
        ));
        problems.push(listed(&unknown, "\n", |(i, id)| {
            let hint = match closest(r, id) {
                Some(f) => format!("did you mean `{f}`?"),
                None => "no field is close".to_string(),
            };
            format!("  column {} `{}`: {hint}", letter(*i), quote_short(id))
        }));
        problems.push(format!("The fields of {}: {}", r.id(), field_list(r)));
        problems.push(door.allow_unknown().to_string());
    }
    if problems.is_empty() {
        Ok(cols)
    } else {
        Err(Error::Unreadable(problems.join("\n")))
    }
}

/// How many entries of a list a message names before it only counts the rest: a file with
/// 20,000 columns that are not fields gets a message of a few lines, not of 800 KB.
pub(crate) const SHOWN: usize = 10;

/// The first [`SHOWN`] of `all`, each as `show` words it, joined with `sep`, then “… and N
/// more” (on a line of its own, indented like the entries, when `sep` is a line break). Only
/// what is shown is worded.
pub(crate) fn listed<T>(all: &[T], sep: &str, show: impl Fn(&T) -> String) -> String {
    let shown: Vec<String> = all.iter().take(SHOWN).map(show).collect();
    let mut out = shown.join(sep);
    let more = all.len().saturating_sub(SHOWN);
    if more > 0 {
        let indent: String = match shown.first() {
            Some(first) if sep.contains('\n') => first.chars().take_while(|c| *c == ' ').collect(),
            _ => String::new(),
        };
        out.push_str(&format!("{sep}{indent}… and {more} more"));
    }
    out
}

fn field_list(r: &Rubric) -> String {
    crate::template_fields(r).join(", ")
}

/// The field id closest to a header that is not one: the field whose id matches ignoring
/// case and `-`/`_`/spaces, or whose Chinese or English name is the header, or else the id
/// within a small edit distance.
pub fn closest(r: &Rubric, header: &str) -> Option<String> {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' ' | '.'))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let h = fold(header);
    if h.is_empty() {
        return None;
    }
    let fields = r.fields().values();
    if let Some(f) = fields
        .clone()
        .find(|f| fold(f.id()) == h || fold(&f.name().zh) == h || fold(&f.name().en) == h)
    {
        return Some(f.id().to_string());
    }
    let ids: Vec<&str> = fields.map(|f| f.id()).collect();
    spacescore_core::text::closest(header, &ids).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn a_header_is_its_last_line() {
        assert_eq!(header_id(" site_area "), "site_area");
        assert_eq!(
            header_id("场地面积（平方米）\nSite area (m²)\nsite_area\n"),
            "site_area"
        );
        assert_eq!(header_id("  "), "");
    }
}
