//! Writing batch results: CSV (one table) or `.xlsx` (a sheet of results, one of per-item
//! scores, one of errors), one row at a time.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Seek, Write};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use spacescore_core::{fmt_dec, Inputs, Lang, Report, Rubric, Text, Value};

use crate::messages as m;
use crate::{Door, Error};

/// The columns batch writes itself, besides one per item.
const OURS: [&str; 11] = [
    "row",
    "base",
    "bonus",
    "total",
    "grade",
    "vetoed",
    "veto_reasons",
    "missing",
    "errors",
    "warnings",
    "problem",
];

/// The Chinese headers of [`OURS`], in the same order, and of the `name` column.
const OURS_ZH: [&str; 11] = [
    "行",
    "基础分",
    "加分",
    "总分",
    "等级",
    "一票否决",
    "否决理由",
    "未填项数",
    "字段错误",
    "提示",
    "未评分原因",
];

/// The sheets of the `.xlsx` output, in English and Chinese.
const SHEETS: [(&str, &str); 3] = [
    ("results", "评分结果"),
    ("items", "各项得分"),
    ("errors", "字段错误"),
];

/// The headers of the errors sheet, in English and Chinese.
const ERROR_HEADERS: [(&str, &str); 4] = [
    ("row", "行"),
    ("column", "列"),
    ("field", "字段"),
    ("message", "说明"),
];

/// A yes/no cell in Chinese.
fn yes_no(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

/// The output's columns: ours, one per item, and the input columns copied through, renamed
/// `input:<name>` where a name is one of ours, so that no two columns share a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Whether the rubric gives a score (a form does not: no base, bonus, total, grade).
    pub scored: bool,
    /// The output names of the copied columns, in input order.
    pub copied: Vec<String>,
    /// (input name, output name) of each copied column that had to be renamed.
    pub renamed: Vec<(String, String)>,
    /// The output name of each item's column, in rubric order.
    pub items: Vec<String>,
    /// Each field column's letter in the input (`site_area` → `C`), to name it beside its
    /// errors.
    pub columns: BTreeMap<String, String>,
    /// Where the file came from, for the messages that name an option.
    pub door: Door,
    /// The language of the headers and words: Chinese (item and field names, 是/否) or
    /// English (ids, `true`/`false`, for programs).
    pub lang: Lang,
    /// Each item's header in Chinese (its name, or its id where two items share a name).
    pub items_zh: Vec<String>,
    /// Each field's Chinese name, to name it beside its errors in Chinese.
    pub field_names: BTreeMap<String, String>,
}

impl Layout {
    /// The layout for `r`, copying the input columns `copied` (their headers), with each
    /// field column's letter in the input.
    pub fn new(
        r: &Rubric,
        copied: &[String],
        columns: BTreeMap<String, String>,
        door: Door,
        lang: Lang,
    ) -> Layout {
        let names: Vec<&str> = r.items().iter().map(|i| i.name().zh.as_str()).collect();
        let items_zh = r
            .items()
            .iter()
            .map(|i| {
                let zh = i.name().zh.as_str();
                let shared = names.iter().filter(|n| **n == zh).count() > 1;
                if zh.is_empty() || shared || OURS_ZH.contains(&zh) {
                    i.id().to_string()
                } else {
                    zh.to_string()
                }
            })
            .collect();
        let field_names = r
            .fields()
            .values()
            .map(|f| (f.id().to_string(), f.name().zh.clone()))
            .collect();
        let items: Vec<String> = r
            .items()
            .iter()
            .map(|i| {
                if OURS.contains(&i.id()) {
                    format!("item:{}", i.id())
                } else {
                    i.id().to_string()
                }
            })
            .collect();
        let taken =
            |name: &str, items: &[String]| OURS.contains(&name) || items.iter().any(|i| i == name);
        let mut renamed = Vec::new();
        let copied = copied
            .iter()
            .map(|c| {
                let mut name = c.clone();
                while taken(&name, &items) {
                    name = format!("input:{name}");
                }
                if name != *c {
                    renamed.push((c.clone(), name.clone()));
                }
                name
            })
            .collect();
        Layout {
            scored: r.method() != spacescore_core::Method::Form,
            copied,
            renamed,
            items,
            columns,
            door,
            lang,
            items_zh,
            field_names,
        }
    }

    /// A header of ours in the layout's language.
    fn ours(&self, name: &str) -> String {
        match self.lang {
            Lang::En => name.to_string(),
            Lang::Zh => OURS
                .iter()
                .position(|o| *o == name)
                .and_then(|i| OURS_ZH.get(i))
                .map_or_else(|| name.to_string(), |z| (*z).to_string()),
        }
    }

    /// The copied columns' headers (`name` as 名称 in Chinese).
    fn copied_headers(&self) -> impl Iterator<Item = String> + '_ {
        self.copied.iter().map(|c| match (self.lang, c.as_str()) {
            (Lang::Zh, "name") => "名称".to_string(),
            (Lang::Zh, "file") => "文件".to_string(),
            _ => c.clone(),
        })
    }

    /// The items' headers.
    fn item_headers(&self) -> &[String] {
        match self.lang {
            Lang::En => &self.items,
            Lang::Zh => &self.items_zh,
        }
    }

    /// A field as an errors cell names it: its id, or its Chinese name.
    fn field_shown<'a>(&'a self, id: &'a str) -> &'a str {
        match self.lang {
            Lang::En => id,
            Lang::Zh => self.field_names.get(id).map_or(id, String::as_str),
        }
    }

    /// Whether a space is vetoed, as a CSV cell.
    fn vetoed_cell(&self, vetoed: bool) -> String {
        match self.lang {
            Lang::En => vetoed.to_string(),
            Lang::Zh => yes_no(vetoed).to_string(),
        }
    }

    fn totals(&self) -> &'static [&'static str] {
        if self.scored {
            &["base", "bonus", "total", "grade", "vetoed", "veto_reasons"]
        } else {
            &[]
        }
    }

    /// The CSV header: row, copied columns, items, totals, then what went wrong.
    fn csv_header(&self) -> Vec<String> {
        let mut h = vec![self.ours("row")];
        h.extend(self.copied_headers());
        h.extend(self.item_headers().iter().cloned());
        h.extend(self.tail_headers());
        h
    }

    /// The totals' and problems' headers.
    fn tail_headers(&self) -> Vec<String> {
        self.totals()
            .iter()
            .chain(&["missing", "errors", "warnings", "problem"])
            .map(|s| self.ours(s))
            .collect()
    }
}

/// A scored row's figures: its field cells that are not blank.
#[derive(Debug, Clone, Copy)]
pub enum Figures<'a> {
    /// As read from a file: each field's text by the field's place among the rubric's
    /// fields in id order (what the scorer reads, with no map built per row).
    ByPlace(&'a Rubric, &'a [Option<&'a str>]),
    /// As kept after reading.
    Kept(&'a Inputs),
}

impl Figures<'_> {
    /// The figures as inputs.
    pub fn inputs(&self) -> Inputs {
        match self {
            Figures::ByPlace(rubric, texts) => rubric
                .fields()
                .keys()
                .zip(texts.iter())
                .filter_map(|(id, t)| t.map(|t| (id.clone(), Value::Text(t.to_string()))))
                .collect(),
            Figures::Kept(inputs) => (*inputs).clone(),
        }
    }
}

/// One row's outcome.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// Scored (with `Detail::Scores`: no explanation text) from these figures.
    Scored(&'a Report, Figures<'a>),
    /// Not scored, and why.
    Problem(&'a str),
}

/// One row of output.
#[derive(Debug, Clone, Copy)]
pub struct RowOut<'a> {
    /// The row number of the input row, as a spreadsheet shows it.
    pub row: u64,
    /// The copied cells, in layout order.
    pub copied: &'a [&'a str],
    /// Its result.
    pub outcome: Outcome<'a>,
}

/// Where results go, one row at a time.
pub trait Sink {
    /// Writes one row.
    ///
    /// # Errors
    /// When it cannot be written.
    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error>;
    /// Finishes the output (flushes, or saves the workbook).
    ///
    /// # Errors
    /// When it cannot be finished.
    fn finish(self: Box<Self>) -> Result<(), Error>;
}

/// A cell as a spreadsheet can open it safely: text beginning with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula, so a `'` is put before it (OWASP's
/// advice for CSV injection). A plain number (`-2`, `-0.5`) is a number, not a formula,
/// and is left alone.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-12`, `-0.5`: an optional minus, digits, optionally a point and digits.
fn plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac)
}

fn dec(d: Option<Decimal>) -> String {
    d.map(fmt_dec).unwrap_or_default()
}

/// The field errors of a report as one cell: `site_area (C): message；…` (in Chinese the
/// field's name: `场地面积 (C)：message`).
pub fn errors_text(report: &Report, layout: &Layout) -> String {
    let colon = match layout.lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    };
    report
        .errors
        .iter()
        .map(|e| {
            let field = layout.field_shown(&e.field);
            match layout.columns.get(&e.field) {
                Some(c) => format!("{field} ({c}){colon}{}", e.message),
                None => format!("{field}{colon}{}", e.message),
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

fn warnings_text(report: &Report) -> String {
    report
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect::<Vec<_>>()
        .join("；")
}

/// CSV output: the header, then one line per row.
pub struct CsvSink<W: Write> {
    w: csv::Writer<W>,
    layout: Layout,
    cells: Vec<String>,
}

fn csv_err(e: csv::Error) -> Error {
    Error::Output(std::io::Error::other(e))
}

impl<W: Write> CsvSink<W> {
    /// Writes the header to `w`.
    ///
    /// # Errors
    /// [`Error::Output`] when it cannot be written.
    pub fn new(w: W, layout: Layout) -> Result<Self, Error> {
        let mut w = csv::Writer::from_writer(w);
        let header: Vec<String> = layout.csv_header();
        w.write_record(header.iter().map(|h| neutralise(h).into_owned()))
            .map_err(csv_err)?;
        Ok(CsvSink {
            w,
            layout,
            cells: Vec::new(),
        })
    }

    /// Flushes what is written and gives the writer back.
    ///
    /// # Errors
    /// [`Error::Output`] when it cannot be flushed.
    pub fn into_inner(self) -> Result<W, Error> {
        self.w
            .into_inner()
            .map_err(|e| Error::Output(std::io::Error::other(e.to_string())))
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error> {
        let cells = &mut self.cells;
        cells.clear();
        cells.push(row.row.to_string());
        cells.extend(row.copied.iter().map(|c| neutralise(c).into_owned()));
        match &row.outcome {
            Outcome::Scored(report, _) => {
                cells.extend(report.items.iter().map(|i| dec(i.score)));
                if self.layout.scored {
                    cells.push(dec(report.base));
                    cells.push(dec(report.bonus));
                    cells.push(dec(report.total));
                    cells
                        .push(neutralise(report.grade.as_deref().unwrap_or_default()).into_owned());
                    cells.push(self.layout.vetoed_cell(report.vetoed));
                    cells.push(neutralise(&report.veto_reasons.join("；")).into_owned());
                }
                cells.push(report.missing.len().to_string());
                cells.push(neutralise(&errors_text(report, &self.layout)).into_owned());
                cells.push(neutralise(&warnings_text(report)).into_owned());
                cells.push(String::new());
            }
            Outcome::Problem(problem) => {
                let blank = self.layout.items.len() + self.layout.totals().len() + 3;
                cells.extend(std::iter::repeat_n(String::new(), blank));
                cells.push(neutralise(problem).into_owned());
            }
        }
        self.w.write_record(cells.iter()).map_err(csv_err)
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.w.flush()?;
        Ok(())
    }
}

/// `.xlsx` output: sheets `results`, `items` and `errors`, saved to a writer at the end.
/// With the `constant_memory` feature each sheet streams to a temporary file as it goes
/// (rust_xlsxwriter's constant-memory mode); without it (the browser) it is kept in memory.
pub struct XlsxSink<W: Write + Seek + Send> {
    book: Workbook,
    target: W,
    layout: Layout,
    /// The next row to write on each sheet.
    next: [u32; 3],
    /// The district's figures so far, for the summary sheet.
    tally: crate::Tally,
}

/// The most rows a sheet holds.
const SHEET_ROWS: u32 = 1_048_576;

const RESULTS: usize = 0;
const ITEMS: usize = 1;
const ERRORS: usize = 2;

fn xlsx_err(e: XlsxError) -> Error {
    Error::Output(std::io::Error::other(e))
}

/// A new sheet: streamed to a temporary file where the `constant_memory` feature allows it.
fn add_sheet(book: &mut Workbook) -> Result<&mut Worksheet, Error> {
    #[cfg(feature = "constant_memory")]
    {
        book.add_worksheet_with_constant_memory().map_err(xlsx_err)
    }
    #[cfg(not(feature = "constant_memory"))]
    {
        Ok(book.add_worksheet())
    }
}

impl<W: Write + Seek + Send> XlsxSink<W> {
    /// A workbook with the three sheets and their headers, to be saved to `target`.
    ///
    /// # Errors
    /// [`Error::Output`] when the workbook cannot be begun.
    pub fn new(target: W, layout: Layout) -> Result<Self, Error> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let zh = layout.lang == Lang::Zh;
        let mut results = vec![layout.ours("row")];
        results.extend(layout.copied_headers());
        results.extend(layout.tail_headers());
        let mut items = vec![layout.ours("row")];
        items.extend(layout.copied_headers());
        items.extend(layout.item_headers().iter().cloned());
        let errors: Vec<String> = ERROR_HEADERS
            .iter()
            .map(|(en, z)| if zh { z } else { en }.to_string())
            .collect();
        for ((en, z), header) in SHEETS.iter().zip([results, items, errors]) {
            let sheet = add_sheet(&mut book)?;
            sheet
                .set_name(if zh { *z } else { *en })
                .map_err(xlsx_err)?;
            for (c, h) in header.iter().enumerate() {
                sheet
                    .write_string_with_format(0, col(c)?, h, &bold)
                    .map_err(xlsx_err)?;
            }
            sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        }
        Ok(XlsxSink {
            book,
            target,
            layout,
            next: [1, 1, 1],
            tally: crate::Tally::default(),
        })
    }

    /// The next row on sheet `s`, and moves past it.
    fn take_row(&mut self, s: usize) -> Result<u32, Error> {
        let slot = self
            .next
            .get_mut(s)
            .ok_or_else(|| Error::Output(std::io::Error::other("no such sheet")))?;
        let row = *slot;
        if row >= SHEET_ROWS {
            let instead = self.layout.door.csv_instead();
            return Err(Error::Unreadable(Text::by(|l| {
                m::XLSX_FULL.get(l, &[&SHEET_ROWS, &instead.get(l)])
            })));
        }
        *slot += 1;
        Ok(row)
    }
}

fn col(c: usize) -> Result<u16, Error> {
    u16::try_from(c).map_err(|_| Error::Unreadable(m::TOO_MANY_COLUMNS.fill(&[])))
}

/// Writes `cells` from column `first` of row `r` on sheet `s`: numbers as numbers, the rest
/// as text (never as a formula).
fn write_cells(
    book: &mut Workbook,
    s: usize,
    r: u32,
    first: usize,
    cells: &[Cell<'_>],
) -> Result<(), Error> {
    let sheet = book.worksheet_from_index(s).map_err(xlsx_err)?;
    for (i, cell) in cells.iter().enumerate() {
        let c = col(first + i)?;
        match cell {
            Cell::Text(t) if t.is_empty() => {}
            Cell::Text(t) => {
                sheet.write_string(r, c, t.as_ref()).map_err(xlsx_err)?;
            }
            Cell::Number(Some(d)) => {
                // Excel's numbers are doubles; a score has a few decimal places and shows
                // exactly (see DESIGN.md).
                if let Some(f) = d.to_f64() {
                    sheet.write_number(r, c, f).map_err(xlsx_err)?;
                }
            }
            Cell::Number(None) => {}
            Cell::Bool(b) => {
                sheet.write_boolean(r, c, *b).map_err(xlsx_err)?;
            }
        }
    }
    Ok(())
}

/// The summary sheet (`summary`, 汇总): the spaces scored, the average, lowest and highest
/// total, the spaces vetoed; the totals by band; the spaces per grade; each group's average
/// and range; the items that lose the most points.
fn summary_sheet(book: &mut Workbook, t: &crate::Tally, lang: Lang) -> Result<(), Error> {
    let zh = lang == Lang::Zh;
    let w = |zh_text: &str, en_text: &str| {
        if zh {
            zh_text.to_string()
        } else {
            en_text.to_string()
        }
    };
    let bold = Format::new().set_bold();
    let sheet = add_sheet(book)?;
    sheet
        .set_name(if zh { "汇总" } else { "summary" })
        .map_err(xlsx_err)?;
    let mut r: u32 = 0;
    let mut line = |sheet: &mut Worksheet, cells: Vec<Cell<'_>>, head: bool| -> Result<(), Error> {
        for (c, cell) in cells.iter().enumerate() {
            let col = col(c)?;
            match cell {
                Cell::Text(s) if head => {
                    sheet
                        .write_string_with_format(r, col, s.as_ref(), &bold)
                        .map_err(xlsx_err)?;
                }
                Cell::Text(s) => {
                    sheet.write_string(r, col, s.as_ref()).map_err(xlsx_err)?;
                }
                Cell::Number(Some(d)) => {
                    if let Some(f) = d.to_f64() {
                        sheet.write_number(r, col, f).map_err(xlsx_err)?;
                    }
                }
                Cell::Number(None) | Cell::Bool(_) => {}
            }
        }
        r += 1;
        Ok(())
    };
    let text = |s: String| Cell::Text(Cow::Owned(s));
    let heads = |pairs: &[(&str, &str)]| -> Vec<Cell<'_>> {
        pairs.iter().map(|(z, e)| text(w(z, e))).collect()
    };
    let num = |d: Decimal| Cell::Number(Some(d));
    line(
        sheet,
        vec![
            text(w("评分的空间", "spaces scored")),
            num(Decimal::from(t.scored)),
        ],
        false,
    )?;
    line(
        sheet,
        vec![text(w("平均总分", "average total")), Cell::Number(t.mean())],
        false,
    )?;
    line(
        sheet,
        vec![text(w("最低总分", "lowest total")), Cell::Number(t.low)],
        false,
    )?;
    line(
        sheet,
        vec![text(w("最高总分", "highest total")), Cell::Number(t.high)],
        false,
    )?;
    line(
        sheet,
        vec![text(w("一票否决", "vetoed")), num(Decimal::from(t.vetoed))],
        false,
    )?;
    line(sheet, vec![], false)?;
    line(
        sheet,
        heads(&[
            ("总分区间", "total from"),
            ("至", "to"),
            ("空间数", "spaces"),
        ]),
        true,
    )?;
    for (i, n) in t.bands.iter().enumerate() {
        let (lo, hi) = t.band_bounds(i);
        line(sheet, vec![num(lo), num(hi), num(Decimal::from(*n))], false)?;
    }
    if !t.grades.is_empty() {
        line(sheet, vec![], false)?;
        line(
            sheet,
            heads(&[("等级", "grade"), ("空间数", "spaces")]),
            true,
        )?;
        for g in &t.grades {
            line(
                sheet,
                vec![
                    text(crate::Tally::grade_name(g, lang).to_string()),
                    num(Decimal::from(g.2)),
                ],
                false,
            )?;
        }
    }
    line(sheet, vec![], false)?;
    line(
        sheet,
        heads(&[
            ("分组", "group"),
            ("满分", "weight"),
            ("平均", "average"),
            ("最低", "lowest"),
            ("最高", "highest"),
        ]),
        true,
    )?;
    for g in &t.groups {
        let name = if zh { g.name.clone() } else { g.id.clone() };
        line(
            sheet,
            vec![
                text(name),
                num(g.max),
                Cell::Number(t.group_mean(g)),
                num(g.min),
                num(g.high),
            ],
            false,
        )?;
    }
    line(sheet, vec![], false)?;
    line(
        sheet,
        heads(&[
            ("失分最多的指标", "items losing most"),
            ("满分", "max"),
            ("平均失分", "average lost"),
            ("失分的空间数", "spaces below max"),
        ]),
        true,
    )?;
    for i in t.most_lost(10) {
        let name = if zh { i.name.clone() } else { i.id.clone() };
        line(
            sheet,
            vec![
                text(name),
                num(i.max),
                Cell::Number(t.item_mean_lost(i)),
                num(Decimal::from(i.losing)),
            ],
            false,
        )?;
    }
    sheet.set_column_width(0, 28).map_err(xlsx_err)?;
    Ok(())
}

enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(Option<Decimal>),
    Bool(bool),
}

impl<W: Write + Seek + Send> XlsxSink<W> {
    /// Saves the workbook to its writer and gives the writer back.
    ///
    /// # Errors
    /// [`Error::Output`] when it cannot be saved.
    pub fn save(mut self) -> Result<W, Error> {
        if self.layout.scored && self.tally.scored > 0 {
            summary_sheet(&mut self.book, &self.tally, self.layout.lang)?;
        }
        self.book
            .save_to_writer(&mut self.target)
            .map_err(xlsx_err)?;
        Ok(self.target)
    }
}

impl<W: Write + Seek + Send> Sink for XlsxSink<W> {
    fn row(&mut self, row: &RowOut<'_>) -> Result<(), Error> {
        let mut lead: Vec<Cell<'_>> = vec![Cell::Number(Some(Decimal::from(row.row)))];
        lead.extend(row.copied.iter().map(|c| Cell::Text(Cow::Borrowed(*c))));
        let r = self.take_row(RESULTS)?;
        match &row.outcome {
            Outcome::Scored(report, _) => {
                self.tally.add(report, &self.layout);
                let mut cells: Vec<Cell<'_>> = Vec::new();
                if self.layout.scored {
                    cells.push(Cell::Number(report.base));
                    cells.push(Cell::Number(report.bonus));
                    cells.push(Cell::Number(report.total));
                    cells.push(Cell::Text(Cow::Borrowed(
                        report.grade.as_deref().unwrap_or_default(),
                    )));
                    cells.push(match self.layout.lang {
                        Lang::En => Cell::Bool(report.vetoed),
                        Lang::Zh => Cell::Text(Cow::Borrowed(yes_no(report.vetoed))),
                    });
                    cells.push(Cell::Text(Cow::Owned(report.veto_reasons.join("；"))));
                }
                cells.push(Cell::Number(Some(Decimal::from(report.missing.len()))));
                cells.push(Cell::Text(Cow::Owned(errors_text(report, &self.layout))));
                cells.push(Cell::Text(Cow::Owned(warnings_text(report))));
                write_cells(&mut self.book, RESULTS, r, 0, &lead)?;
                write_cells(&mut self.book, RESULTS, r, lead.len(), &cells)?;
                let items: Vec<Cell<'_>> =
                    report.items.iter().map(|i| Cell::Number(i.score)).collect();
                let ri = self.take_row(ITEMS)?;
                write_cells(&mut self.book, ITEMS, ri, 0, &lead)?;
                write_cells(&mut self.book, ITEMS, ri, lead.len(), &items)?;
                for e in &report.errors {
                    let re = self.take_row(ERRORS)?;
                    let cells = [
                        Cell::Number(Some(Decimal::from(row.row))),
                        Cell::Text(Cow::Owned(
                            self.layout
                                .columns
                                .get(&e.field)
                                .cloned()
                                .unwrap_or_default(),
                        )),
                        Cell::Text(Cow::Borrowed(self.layout.field_shown(&e.field))),
                        Cell::Text(Cow::Borrowed(&e.message)),
                    ];
                    write_cells(&mut self.book, ERRORS, re, 0, &cells)?;
                }
            }
            Outcome::Problem(problem) => {
                let at = lead.len() + self.layout.totals().len() + 3;
                write_cells(&mut self.book, RESULTS, r, 0, &lead)?;
                write_cells(
                    &mut self.book,
                    RESULTS,
                    r,
                    at,
                    &[Cell::Text(Cow::Borrowed(problem))],
                )?;
                let re = self.take_row(ERRORS)?;
                let cells = [
                    Cell::Number(Some(Decimal::from(row.row))),
                    Cell::Text(Cow::Borrowed("")),
                    Cell::Text(Cow::Borrowed("")),
                    Cell::Text(Cow::Borrowed(problem)),
                ];
                write_cells(&mut self.book, ERRORS, re, 0, &cells)?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Error> {
        self.save()?.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_numbers_are_not() {
        for risky in [
            "=1+1",
            "+1",
            "-1+2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://x\",\"y\")",
            "-",
            "-1e5",
        ] {
            assert_eq!(neutralise(risky), format!("'{risky}"), "{risky:?}");
        }
        for safe in ["-2", "-0.5", "12", "甲空间", "a=b", ""] {
            assert_eq!(neutralise(safe), safe, "{safe:?}");
        }
    }
}
