//! The applicant's filing: one space's figures and self-scores as the documents an applicant
//! hands in, and an official reads back.
//!
//! - [`xlsx`]: a workbook whose first sheet is the district template's layout (the
//!   three-line header of `spacescore template --xlsx`, one row of figures), so that
//!   `spacescore batch` and the district page read it as a district file, and a second
//!   sheet with the filled 自评表 (items, self-scores, explanations, totals, grade, veto
//!   answers, the applicant, date and signature lines).
//! - [`docx`]: the filled 自评表 as a Word document laid out like the official table, written
//!   with docx-rs.
//!
//! ```
//! use spacescore_core::{score, Inputs, Value};
//! let catalog = spacescore_builtin::catalog();
//! let r = catalog.rubric("xinxiang/professional").unwrap();
//! let inputs: Inputs = [("incubation_fund".to_string(), Value::from("180"))].into_iter().collect();
//! let report = score(r, &inputs);
//! let filing = spacescore_filing::Filing { rubric: r, inputs: &inputs, report: &report, applicant: "示例众创空间" };
//! let book = spacescore_filing::xlsx(&filing, spacescore_core::Lang::Zh).unwrap();
//! assert!(book.starts_with(b"PK"));
//! let word = spacescore_filing::docx(&filing, spacescore_core::Lang::Zh).unwrap();
//! assert!(word.starts_with(b"PK"));
//! ```
//!
//! # Errors
//! [`Error`] when a document cannot be written (more columns than a sheet holds, a writer's
//! failure), naming what failed.

#![forbid(unsafe_code)]

use std::fmt;
use std::io::Cursor;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use spacescore_core::{fmt_dec, Inputs, Lang, Report, Rubric, Value};

/// One space's filing.
#[derive(Debug, Clone, Copy)]
pub struct Filing<'a> {
    /// The rubric it is filed under.
    pub rubric: &'a Rubric,
    /// Its figures, as typed.
    pub inputs: &'a Inputs,
    /// Its report, explained (`score`).
    pub report: &'a Report,
    /// The applicant (申报单位), as given; may be empty.
    pub applicant: &'a str,
}

/// Why a filing could not be written.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the filing: {}", self.0)
    }
}

impl std::error::Error for Error {}

fn xlsx_err(e: XlsxError) -> Error {
    Error(e.to_string())
}

/// A word in both languages.
fn w(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A figure as the template's cell holds it: the text typed, 是/否, choices joined by 、.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
        Value::Text(t) => t.clone(),
        Value::List(l) => l.join("、"),
    }
}

/// One line of the filled table: its number, group, item, maximum, self-score and why.
struct Line {
    number: String,
    group: String,
    item: String,
    max: Decimal,
    score: Option<Decimal>,
    why: String,
}

fn lines(f: &Filing<'_>, lang: Lang) -> Vec<Line> {
    let r = f.rubric;
    r.items()
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let scored = f.report.items.iter().find(|s| s.id == item.id());
            let group = r
                .groups()
                .iter()
                .find(|g| g.id() == item.group())
                .map(|g| g.name().get(lang).to_string())
                .unwrap_or_default();
            Line {
                number: item
                    .number()
                    .map_or_else(|| (i + 1).to_string(), str::to_string),
                group,
                item: item.name().get(lang).to_string(),
                max: item.max(),
                score: scored.and_then(|s| s.score),
                why: scored
                    .map(|s| match lang {
                        Lang::Zh => s.explanation.clone(),
                        Lang::En => s.explanation_en.clone(),
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The totals as (label, value) pairs: base, bonus, total, grade, veto.
fn totals(f: &Filing<'_>, lang: Lang) -> Vec<(&'static str, String)> {
    let rep = f.report;
    let dec = |d: Option<Decimal>| d.map(fmt_dec).unwrap_or_default();
    let grade = match lang {
        Lang::Zh => rep.grade.clone(),
        Lang::En => rep.grade_en.clone().or_else(|| rep.grade.clone()),
    };
    vec![
        (w(lang, "基础分", "Base"), dec(rep.base)),
        (w(lang, "加分", "Bonus"), dec(rep.bonus)),
        (w(lang, "总分", "Total"), dec(rep.total)),
        (w(lang, "等级", "Grade"), grade.unwrap_or_default()),
        (
            w(lang, "一票否决", "Veto"),
            w(
                lang,
                if rep.vetoed { "是" } else { "否" },
                if rep.vetoed { "yes" } else { "no" },
            )
            .to_string(),
        ),
    ]
}

/// Each 一票否决 clause and whether it applies (是/否).
fn vetoes(f: &Filing<'_>, lang: Lang) -> Vec<(String, &'static str)> {
    f.rubric
        .vetoes()
        .iter()
        .map(|v| {
            let applies = f.report.veto_reasons.iter().any(|r| *r == v.text().zh);
            (
                v.text().get(lang).to_string(),
                match (lang, applies) {
                    (Lang::Zh, true) => "是",
                    (Lang::Zh, false) => "否",
                    (Lang::En, true) => "yes",
                    (Lang::En, false) => "no",
                },
            )
        })
        .collect()
}

/// The table's column headings, as the official tables head them.
fn headings(lang: Lang) -> [&'static str; 6] {
    [
        w(lang, "序号", "No."),
        w(lang, "一级指标", "Group"),
        w(lang, "二级指标", "Item"),
        w(lang, "分值", "Max"),
        w(lang, "自评分", "Self-score"),
        w(lang, "说明", "Explanation"),
    ]
}

/// The title: 《document》自评表.
fn title(f: &Filing<'_>, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("《{}》自评表", f.rubric.document().title),
        Lang::En => format!("Self-assessment: {}", f.rubric.name().en),
    }
}

/// The lines under the table: applicant, signature and date.
fn signature(f: &Filing<'_>, lang: Lang) -> [String; 2] {
    [
        format!(
            "{}{}",
            w(lang, "申报单位（盖章）：", "Applicant (seal): "),
            f.applicant
        ),
        w(
            lang,
            "负责人（签字）：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
            "Person in charge (signature): ____________    Date: ____-__-__",
        )
        .to_string(),
    ]
}

fn col(c: usize) -> Result<u16, Error> {
    u16::try_from(c).map_err(|_| Error("more columns than a sheet holds".into()))
}

/// The filing as an `.xlsx` workbook: sheet `spaces` in the district template's layout with
/// this space's row, and sheet 自评表 (`self-assessment`) with the filled table.
///
/// # Errors
/// [`Error`] when the workbook cannot be written.
pub fn xlsx(f: &Filing<'_>, lang: Lang) -> Result<Vec<u8>, Error> {
    let r = f.rubric;
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let fields = spacescore_sheets::template_fields(r);
    let sheet = book.add_worksheet();
    sheet.set_name("spaces").map_err(xlsx_err)?;
    sheet
        .write_string_with_format(0, 0, "名称\nName\nname", &head)
        .map_err(xlsx_err)?;
    sheet.write_string(1, 0, f.applicant).map_err(xlsx_err)?;
    sheet.set_column_width(0, 24).map_err(xlsx_err)?;
    for (i, id) in fields.iter().enumerate() {
        let Some(field) = r.field(id) else { continue };
        let c = col(i + 1)?;
        let header = format!(
            "{}\n{}\n{}",
            spacescore_sheets::header_zh(field),
            spacescore_sheets::header_en(field),
            id
        );
        sheet
            .write_string_with_format(0, c, header, &head)
            .map_err(xlsx_err)?;
        sheet.set_column_width(c, 18).map_err(xlsx_err)?;
        if let Some(v) = f.inputs.get(id) {
            let text = cell_text(v);
            // A plain figure is a number, as a person would type it into Excel.
            match text.parse::<Decimal>().ok().and_then(|d| d.to_f64()) {
                Some(n) if !text.starts_with('+') => {
                    sheet.write_number(1, c, n).map_err(xlsx_err)?;
                }
                _ => {
                    sheet.write_string(1, c, &text).map_err(xlsx_err)?;
                }
            }
        }
    }
    sheet.set_row_height(0, 48).map_err(xlsx_err)?;
    sheet.set_freeze_panes(1, 1).map_err(xlsx_err)?;

    let table = book.add_worksheet();
    table
        .set_name(w(lang, "自评表", "self-assessment"))
        .map_err(xlsx_err)?;
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let cell = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    table
        .write_string_with_format(0, 0, title(f, lang), &Format::new().set_bold())
        .map_err(xlsx_err)?;
    table
        .write_string(
            1,
            0,
            format!("{}{}", w(lang, "申报单位：", "Applicant: "), f.applicant),
        )
        .map_err(xlsx_err)?;
    let heads = headings(lang);
    for (c, h) in heads.iter().enumerate() {
        table
            .write_string_with_format(3, col(c)?, *h, &bold)
            .map_err(xlsx_err)?;
    }
    let mut row: u32 = 4;
    for l in lines(f, lang) {
        table
            .write_string_with_format(row, 0, &l.number, &cell)
            .map_err(xlsx_err)?;
        table
            .write_string_with_format(row, 1, &l.group, &cell)
            .map_err(xlsx_err)?;
        table
            .write_string_with_format(row, 2, &l.item, &cell)
            .map_err(xlsx_err)?;
        table
            .write_number_with_format(row, 3, l.max.to_f64().unwrap_or(0.0), &cell)
            .map_err(xlsx_err)?;
        match l.score.and_then(|s| s.to_f64()) {
            Some(s) => table.write_number_with_format(row, 4, s, &cell),
            None => table.write_string_with_format(row, 4, "", &cell),
        }
        .map_err(xlsx_err)?;
        table
            .write_string_with_format(row, 5, &l.why, &cell)
            .map_err(xlsx_err)?;
        row += 1;
    }
    row += 1;
    for (label, value) in totals(f, lang) {
        table
            .write_string_with_format(row, 2, label, &bold)
            .map_err(xlsx_err)?;
        table
            .write_string_with_format(row, 4, &value, &cell)
            .map_err(xlsx_err)?;
        row += 1;
    }
    let vetoes = vetoes(f, lang);
    if !vetoes.is_empty() {
        row += 1;
        table
            .write_string_with_format(
                row,
                0,
                w(lang, "一票否决事项", "Veto clauses"),
                &Format::new().set_bold(),
            )
            .map_err(xlsx_err)?;
        row += 1;
        for (text, answer) in vetoes {
            table
                .write_string_with_format(row, 2, &text, &cell)
                .map_err(xlsx_err)?;
            table
                .write_string_with_format(row, 4, answer, &cell)
                .map_err(xlsx_err)?;
            row += 1;
        }
    }
    row += 1;
    for line in signature(f, lang) {
        table.write_string(row, 0, line).map_err(xlsx_err)?;
        row += 1;
    }
    table.set_column_width(0, 6).map_err(xlsx_err)?;
    table.set_column_width(1, 16).map_err(xlsx_err)?;
    table.set_column_width(2, 28).map_err(xlsx_err)?;
    table.set_column_width(5, 60).map_err(xlsx_err)?;
    let mut out = Cursor::new(Vec::new());
    book.save_to_writer(&mut out).map_err(xlsx_err)?;
    Ok(out.into_inner())
}

/// The filled 自评表 as a Word document: title, applicant, the table (number, group, item,
/// maximum, self-score, explanation), the totals, grade and veto answers, and the signature
/// and date lines.
///
/// # Errors
/// [`Error`] when the document cannot be written.
pub fn docx(f: &Filing<'_>, lang: Lang) -> Result<Vec<u8>, Error> {
    use docx_rs::{AlignmentType, Docx, Paragraph, Run, Table, TableCell, TableRow};
    let text_cell = |s: &str, bold: bool| {
        let run = Run::new().add_text(s);
        let run = if bold { run.bold() } else { run };
        TableCell::new().add_paragraph(Paragraph::new().add_run(run))
    };
    let mut rows = vec![TableRow::new(
        headings(lang).iter().map(|h| text_cell(h, true)).collect(),
    )];
    for l in lines(f, lang) {
        rows.push(TableRow::new(vec![
            text_cell(&l.number, false),
            text_cell(&l.group, false),
            text_cell(&l.item, false),
            text_cell(&fmt_dec(l.max), false),
            text_cell(&l.score.map(fmt_dec).unwrap_or_default(), false),
            text_cell(&l.why, false),
        ]));
    }
    for (label, value) in totals(f, lang) {
        rows.push(TableRow::new(vec![
            text_cell("", false),
            text_cell("", false),
            text_cell(label, true),
            text_cell("", false),
            text_cell(&value, true),
            text_cell("", false),
        ]));
    }
    let mut doc = Docx::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(title(f, lang)).bold().size(32))
                .align(AlignmentType::Center),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "{}{}",
            w(lang, "申报单位：", "Applicant: "),
            f.applicant
        ))))
        .add_table(Table::new(rows));
    let vetoes = vetoes(f, lang);
    if !vetoes.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(w(lang, "一票否决事项", "Veto clauses"))
                    .bold(),
            ),
        );
        let rows = vetoes
            .iter()
            .map(|(text, answer)| {
                TableRow::new(vec![text_cell(text, false), text_cell(answer, false)])
            })
            .collect();
        doc = doc.add_table(Table::new(rows));
    }
    for line in signature(f, lang) {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| Error(e.to_string()))?;
    Ok(out.into_inner())
}
