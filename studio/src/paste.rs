//! A table pasted from Word, WPS or Excel. The clipboard offers tab-separated text and,
//! where the program puts one there, an HTML table; the HTML keeps merged cells as
//! `rowspan`/`colspan`, which the text loses in ways that differ by program. The HTML is
//! read with the browser's own parser (`DOMParser`, which runs nothing it reads) and each
//! merged cell is expanded as the drafter expects: its text in its first row and column,
//! blank in the others, as an official's copied text has it.

use wasm_bindgen::JsCast;

/// One cell of an HTML table row: its text and how many rows and columns it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Its text, white space collapsed.
    pub text: String,
    /// Rows spanned (at least 1).
    pub rows: usize,
    /// Columns spanned (at least 1).
    pub columns: usize,
}

/// The most rows or columns one cell may span: a hostile `rowspan="100000"` cannot make
/// the grid huge (browsers clamp at 65,534 rows and 1,000 columns; real tables span a few).
pub const MAX_SPAN: usize = 1000;

/// The rows of a table as a grid: every spanned place blank after the cell's first.
pub fn expand(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        let mut c = 0;
        for cell in row {
            // Skip the places taken by cells from rows above.
            while grid
                .get(r)
                .and_then(|g| g.get(c))
                .is_some_and(Option::is_some)
            {
                c += 1;
            }
            let down = cell.rows.clamp(1, MAX_SPAN).min(rows.len() - r);
            let across = cell.columns.clamp(1, MAX_SPAN);
            for dr in 0..down {
                if grid.len() <= r + dr {
                    grid.resize(r + dr + 1, Vec::new());
                }
                if let Some(line) = grid.get_mut(r + dr) {
                    if line.len() < c + across {
                        line.resize(c + across, None);
                    }
                    for dc in 0..across {
                        if let Some(place) = line.get_mut(c + dc) {
                            let first = dr == 0 && dc == 0;
                            *place = Some(if first {
                                cell.text.clone()
                            } else {
                                String::new()
                            });
                        }
                    }
                }
            }
            c += across;
        }
    }
    grid.into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect()
}

/// Text with runs of white space made one space, trimmed (HTML source breaks lines anywhere).
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The largest table of the clipboard's HTML, as a grid; none where it has no table.
pub fn html_table(html: &str) -> Option<Vec<Vec<String>>> {
    let parser = web_sys::DomParser::new().ok()?;
    let doc = parser
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .ok()?;
    let tables = doc.query_selector_all("table").ok()?;
    let mut best: Option<Vec<Vec<Cell>>> = None;
    for t in 0..tables.length() {
        let Some(table) = tables
            .item(t)
            .and_then(|n| n.dyn_into::<web_sys::HtmlTableElement>().ok())
        else {
            continue;
        };
        let trs = table.rows();
        let mut rows = Vec::new();
        for r in 0..trs.length() {
            let Some(tr) = trs
                .item(r)
                .and_then(|e| e.dyn_into::<web_sys::HtmlTableRowElement>().ok())
            else {
                continue;
            };
            let tds = tr.cells();
            let mut cells = Vec::new();
            for c in 0..tds.length() {
                let Some(td) = tds
                    .item(c)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlTableCellElement>().ok())
                else {
                    continue;
                };
                cells.push(Cell {
                    text: collapse(&td.text_content().unwrap_or_default()),
                    rows: usize::try_from(td.row_span()).unwrap_or(1),
                    columns: usize::try_from(td.col_span()).unwrap_or(1),
                });
            }
            rows.push(cells);
        }
        if best.as_ref().is_none_or(|b| b.len() < rows.len()) {
            best = Some(rows);
        }
    }
    best.filter(|b| !b.is_empty()).map(|b| expand(&b))
}
