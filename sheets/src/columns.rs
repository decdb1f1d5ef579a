//! What each column of a batch file is: a field of the rubric, a column copied through
//! (`name`, or any column when columns that are not fields are allowed), or a mistake that
//! stops the batch before anything is scored.

use std::collections::BTreeMap;

use spacescore_core::text::{quote_path, quote_short};
use spacescore_core::{Lang, Rubric, Text};

use crate::messages as m;
use crate::{Door, Error};

/// Columns that are not fields but that batch knows: always copied through. The template
/// writes `name`.
pub(crate) const KNOWN_COPIED: [&str; 1] = ["name"];

/// What people head the `name` column with besides `name`: the template's Chinese header
/// and the applicant's own word for it.
const NAME_HEADERS: [&str; 4] = ["名称", "申报单位", "空间名称", "Name"];

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
/// reads as its id. [`Headers::resolve`] also reads the names people write.
pub fn header_id(cell: &str) -> &str {
    cell.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or_default()
}

/// A header as compared: without spaces, full-width brackets and commas as ASCII ones
/// (“场地面积 (平方米)” and “场地面积（平方米）” are one header). Case stays: an id in
/// capitals is a typo the message points out, as before.
fn fold_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '，' => ',',
            other => other,
        })
        .collect()
}

/// The Chinese header line the templates write for a field: its name, then its period where
/// the rubric gives one, then its unit (“创新创业活动场次（2017–2019年累计，场）”).
pub fn header_zh(f: &spacescore_core::Field) -> String {
    let mut extra: Vec<&str> = Vec::new();
    if let Some(p) = f.period() {
        extra.push(&p.zh);
    }
    if !f.unit().zh.is_empty() {
        extra.push(&f.unit().zh);
    }
    if extra.is_empty() {
        f.name().zh.clone()
    } else {
        format!("{}（{}）", f.name().zh, extra.join("，"))
    }
}

/// The English header line: name, then unit (“Site area (m²)”).
pub fn header_en(f: &spacescore_core::Field) -> String {
    if f.unit().en.is_empty() {
        f.name().en.clone()
    } else {
        format!("{} ({})", f.name().en, f.unit().en)
    }
}

/// Every header a rubric's fields can be given under: each field's id, its Chinese and
/// English names, each with its unit, its period or both as the templates write them.
#[derive(Debug)]
pub struct Headers {
    /// Folded header → the ids of the fields it names (two or more: ambiguous).
    by_header: BTreeMap<String, Vec<String>>,
}

/// What a header cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// One field, by id.
    Field(String),
    /// Several fields share this header (their ids): the file must use an id.
    Ambiguous(String, Vec<String>),
    /// The `name` column.
    Name,
    /// Nothing known: the cell's last line.
    Unknown(String),
    /// An empty header.
    Empty,
}

impl Headers {
    /// The headers of `r`'s fields.
    pub fn of(r: &Rubric) -> Headers {
        let mut by_header: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for f in r.fields().values() {
            let zh = &f.name().zh;
            let en = &f.name().en;
            let mut forms = vec![f.id().to_string(), zh.clone(), en.clone()];
            forms.push(header_zh(f));
            forms.push(header_en(f));
            if !f.unit().zh.is_empty() {
                forms.push(format!("{zh}（{}）", f.unit().zh));
            }
            if let Some(p) = f.period() {
                forms.push(format!("{zh}（{}）", p.zh));
            }
            for form in forms {
                let key = fold_header(&form);
                if key.is_empty() {
                    continue;
                }
                let ids = by_header.entry(key).or_default();
                if !ids.iter().any(|i| i == f.id()) {
                    ids.push(f.id().to_string());
                }
            }
        }
        Headers { by_header }
    }

    /// What the header `cell` names: a field's id on any line wins (the template's
    /// three-line header ends with it); else the last line that names a field or the
    /// `name` column.
    pub fn resolve(&self, cell: &str) -> Named {
        let lines: Vec<&str> = cell
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let Some(last) = lines.last() else {
            return Named::Empty;
        };
        for line in lines.iter().rev() {
            if KNOWN_COPIED.contains(line)
                || NAME_HEADERS
                    .iter()
                    .any(|n| fold_header(n) == fold_header(line))
            {
                return Named::Name;
            }
            match self.by_header.get(&fold_header(line)).map(Vec::as_slice) {
                Some([id]) => return Named::Field(id.clone()),
                Some(ids) if ids.len() > 1 => {
                    return Named::Ambiguous(line.to_string(), ids.to_vec())
                }
                _ => {}
            }
        }
        Named::Unknown(last.to_string())
    }
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
    let headers = Headers::of(r);
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut unknown: Vec<(usize, String)> = Vec::new();
    let mut ambiguous: Vec<(usize, String, Vec<String>)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        match headers.resolve(cell) {
            Named::Empty => cols.unnamed.push(i),
            Named::Field(id) => {
                seen.entry(id.clone()).or_default().push(i);
                if let Some(at) = r.fields().keys().position(|f| *f == id) {
                    cols.positions.push((i, at));
                }
                cols.fields.push((i, id));
            }
            Named::Name => {
                seen.entry("name".to_string()).or_default().push(i);
                cols.copied.push((i, "name".to_string()));
            }
            Named::Ambiguous(h, ids) => ambiguous.push((i, h, ids)),
            Named::Unknown(id) => {
                seen.entry(id.clone()).or_default().push(i);
                cols.copied.push((i, id.clone()));
                cols.unknown.push(id.clone());
                unknown.push((i, id));
            }
        }
    }
    let shown = quote_path(file);
    let mut problems = Vec::new();
    for (i, h, ids) in &ambiguous {
        problems.push(Text::by(|l| {
            let both: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
            m::AMBIGUOUS.get(
                l,
                &[
                    &letter(*i),
                    &quote_short(h),
                    &ids.len(),
                    &both.join(&m::AND.get(l, &[])),
                ],
            )
        }));
    }
    let duplicates: Vec<(&String, &Vec<usize>)> =
        seen.iter().filter(|(_, at)| at.len() > 1).collect();
    if !duplicates.is_empty() {
        problems.push(Text::by(|l| {
            listed(&duplicates, "\n", l, |(id, at)| {
                m::DUPLICATE.get(l, &[&listed(at, ", ", l, |i| letter(*i)), &quote_short(id)])
            })
        }));
    }
    if cols.fields.is_empty() && ambiguous.is_empty() {
        let shown_cells: Vec<String> = cells
            .iter()
            .take(8)
            .map(|c| format!("`{}`", quote_short(header_id(c))))
            .collect();
        let more = if cells.len() > 8 { ", …" } else { "" };
        // The closest field for the first few columns only: a guess for each of 20,000
        // columns would cost seconds and say nothing more.
        let guesses: Vec<(usize, &String, String)> = unknown
            .iter()
            .take(SHOWN)
            .filter_map(|(i, id)| closest(r, id).map(|f| (*i, id, f)))
            .collect();
        let fields = field_list(r);
        let template = door.template(r.id());
        return Err(Error::Unreadable(Text::by(|l| {
            let mut lines = vec![m::NO_FIELD_COLUMN.get(
                l,
                &[&shown, &r.id(), &header_row, &shown_cells.join(", "), &more],
            )];
            lines.extend(
                guesses
                    .iter()
                    .map(|(i, id, f)| m::DID_YOU_MEAN.get(l, &[&letter(*i), &quote_short(id), f])),
            );
            lines.push(m::FIRST_ROW.get(l, &[&template.get(l), &fields]));
            lines.join("\n")
        })));
    }
    if !allow_unknown && !unknown.is_empty() {
        problems.push(m::NOT_FIELDS.fill(&[&unknown.len(), &shown, &r.id()]));
        let guesses: Vec<(usize, &String, Option<String>)> = unknown
            .iter()
            .take(SHOWN)
            .map(|(i, id)| (*i, id, closest(r, id)))
            .collect();
        problems.push(Text::by(|l| {
            let mut lines: Vec<String> = guesses
                .iter()
                .map(|(i, id, hint)| match hint {
                    Some(f) => m::DID_YOU_MEAN.get(l, &[&letter(*i), &quote_short(id), f]),
                    None => m::NOTHING_CLOSE.get(l, &[&letter(*i), &quote_short(id)]),
                })
                .collect();
            let more = unknown.len().saturating_sub(SHOWN);
            if more > 0 {
                lines.push(format!("  {}", m::AND_MORE.get(l, &[&more])));
            }
            lines.join("\n")
        }));
        problems.push(m::FIELDS_OF.fill(&[&r.id(), &field_list(r)]));
        problems.push(door.allow_unknown());
    }
    if problems.is_empty() {
        Ok(cols)
    } else {
        Err(Error::Unreadable(Text::by(|l| {
            problems
                .iter()
                .map(|p| p.get(l))
                .collect::<Vec<_>>()
                .join("\n")
        })))
    }
}

/// How many entries of a list a message names before it only counts the rest: a file with
/// 20,000 columns that are not fields gets a message of a few lines, not of 800 KB.
pub(crate) const SHOWN: usize = 10;

/// The first [`SHOWN`] of `all`, each as `show` words it, joined with `sep`, then “… and N
/// more” (on a line of its own, indented like the entries, when `sep` is a line break). Only
/// what is shown is worded.
pub(crate) fn listed<T>(all: &[T], sep: &str, l: Lang, show: impl Fn(&T) -> String) -> String {
    let shown: Vec<String> = all.iter().take(SHOWN).map(show).collect();
    let mut out = shown.join(sep);
    let more = all.len().saturating_sub(SHOWN);
    if more > 0 {
        let indent: String = match shown.first() {
            Some(first) if sep.contains('\n') => first.chars().take_while(|c| *c == ' ').collect(),
            _ => String::new(),
        };
        out.push_str(&format!("{sep}{indent}{}", m::AND_MORE.get(l, &[&more])));
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
