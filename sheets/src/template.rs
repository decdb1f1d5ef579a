//! The file a district fills in for a batch (`spacescore template`, and “Template” on the
//! district page): a CSV header row, or an `.xlsx` workbook with bilingual headers, units
//! and each field's allowed values.

use std::io::{Seek, Write};

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, Workbook,
    XlsxError,
};
use spacescore_core::{Field, FieldKind, Lang, Rubric};

use crate::columns::{header_en, header_zh};

use crate::Error;

/// The last row that data validation covers (Excel's last row, 0-based).
const LAST_ROW: u32 = 1_048_575;

fn xlsx_err(e: XlsxError) -> Error {
    Error::Output(std::io::Error::other(e))
}

/// Writes the CSV header row: `name`, then every field the rubric reads; in Chinese each
/// field as the `.xlsx` template's first header line writes it (“场地面积（平方米）”, which
/// `batch` reads back), in English the fields' ids (for programs).
///
/// # Errors
/// [`Error::Output`] when writing fails.
pub fn csv(r: &Rubric, lang: Lang, out: &mut dyn Write) -> Result<(), Error> {
    let mut w = csv::Writer::from_writer(out);
    let fields = crate::template_fields(r);
    let header: Vec<String> = match lang {
        Lang::En => std::iter::once("name".to_string()).chain(fields).collect(),
        Lang::Zh => std::iter::once("名称".to_string())
            .chain(fields.iter().map(|id| match r.field(id) {
                Some(f) => header_zh(f),
                None => id.clone(),
            }))
            .collect(),
    };
    w.write_record(&header)
        .map_err(|e| Error::Output(std::io::Error::other(e)))?;
    w.flush()?;
    Ok(())
}

/// What a field accepts, in Chinese and English.
fn allowed(f: &Field) -> (String, String) {
    let max = f.max().map(spacescore_core::fmt_dec);
    let names = |options: &[spacescore_core::rubric::Choice]| {
        let zh: Vec<&str> = options.iter().map(|o| o.name().zh.as_str()).collect();
        let en: Vec<&str> = options.iter().map(|o| o.name().en.as_str()).collect();
        (zh.join("、"), en.join(", "))
    };
    match f.kind() {
        FieldKind::Count => match max {
            Some(m) => (
                format!("0 至 {m} 的整数"),
                format!("a whole number from 0 to {m}"),
            ),
            None => ("不小于 0 的整数".into(), "a whole number, 0 or more".into()),
        },
        FieldKind::Amount => match max {
            Some(m) => (format!("0 至 {m} 的数"), format!("a number from 0 to {m}")),
            None => ("不小于 0 的数".into(), "a number, 0 or more".into()),
        },
        FieldKind::SignedAmount => ("数，可为负".into(), "a number, may be negative".into()),
        FieldKind::Percent => (
            "0 至 100 的百分数".into(),
            "a percentage from 0 to 100".into(),
        ),
        FieldKind::Score => {
            let m = max.unwrap_or_else(|| "—".into());
            (
                format!("自评分，0 至 {m}"),
                format!("a self-assessed score from 0 to {m}"),
            )
        }
        FieldKind::Bool => ("是 / 否".into(), "yes / no (是 / 否)".into()),
        FieldKind::Choice(options) => {
            let (zh, en) = names(options);
            (format!("选一项：{zh}"), format!("one of: {en}"))
        }
        FieldKind::Checklist(options) => {
            let (zh, en) = names(options);
            (
                format!("可多选，用“、”分隔：{zh}"),
                format!("any of, separated by 、: {en}"),
            )
        }
    }
}

/// The header cell of a field: its Chinese name with period and unit, its English name and
/// unit, its id (the last line, which is what `batch` reads first).
fn header_cell(f: &Field) -> String {
    format!("{}\n{}\n{}", header_zh(f), header_en(f), f.id())
}

/// Cuts `s` to at most `n` characters (Excel's limits on validation titles and messages).
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn to_f64(d: rust_decimal::Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(f64::MAX)
}

/// The data validation for a field's column, if Excel can express it.
fn validation(f: &Field) -> Result<Option<DataValidation>, XlsxError> {
    let (zh, en) = allowed(f);
    let list = |options: Vec<String>| -> Result<Option<DataValidation>, XlsxError> {
        // Excel allows a list of 255 characters at most.
        if options.iter().map(|o| o.chars().count() + 1).sum::<usize>() > 255 {
            return Ok(None);
        }
        let refs: Vec<&str> = options.iter().map(String::as_str).collect();
        DataValidation::new().allow_list_strings(&refs).map(Some)
    };
    let max = f.max().map(to_f64);
    let dv = match f.kind() {
        FieldKind::Bool => list(vec!["是".into(), "否".into()])?,
        FieldKind::Choice(options) => list(options.iter().map(|o| o.name().zh.clone()).collect())?,
        // A list offers one option; several separated by 、 are allowed too (information
        // style lets them through).
        FieldKind::Checklist(options) => {
            list(options.iter().map(|o| o.name().zh.clone()).collect())?
                .map(|d| d.set_error_style(DataValidationErrorStyle::Information))
        }
        FieldKind::Count => Some(DataValidation::new().allow_whole_number(match max {
            Some(m) => DataValidationRule::Between(0, m as i32),
            None => DataValidationRule::GreaterThanOrEqualTo(0),
        })),
        FieldKind::Amount => Some(DataValidation::new().allow_decimal_number(match max {
            Some(m) => DataValidationRule::Between(0.0, m),
            None => DataValidationRule::GreaterThanOrEqualTo(0.0),
        })),
        FieldKind::Percent => Some(
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
        ),
        FieldKind::Score => Some(
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, max.unwrap_or(f64::MAX))),
        ),
        FieldKind::SignedAmount => None,
    };
    let Some(dv) = dv else {
        return Ok(None);
    };
    // A warning, not a stop: the person may still keep what they typed (batch then says
    // what is wrong with it, naming the row and field).
    let dv = if matches!(f.kind(), FieldKind::Checklist(_)) {
        dv
    } else {
        dv.set_error_style(DataValidationErrorStyle::Warning)
    };
    let dv = dv
        .set_input_title(cut(&f.name().zh, 32))?
        .set_input_message(cut(&format!("{zh}\n{en}"), 255))?
        .set_error_title(cut(&f.name().zh, 32))?
        .set_error_message(cut(&format!("应为{zh}。\nExpected {en}."), 255))?;
    Ok(Some(dv))
}

/// Writes the `.xlsx` template to `target` and gives it back: sheet `spaces` with one header
/// row (the `name` column, then every field: Chinese name and unit, English name and unit,
/// id), data validation on every field column, and sheet `fields` describing each field.
///
/// # Errors
/// [`Error::Output`] when the workbook cannot be written.
pub fn xlsx<W: Write + Seek + Send>(r: &Rubric, mut target: W) -> Result<W, Error> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let fields: Vec<&Field> = crate::template_fields(r)
        .iter()
        .filter_map(|id| r.field(id))
        .collect();
    let sheet = book.add_worksheet();
    sheet.set_name("spaces").map_err(xlsx_err)?;
    sheet
        .write_string_with_format(0, 0, "名称\nName\nname", &head)
        .map_err(xlsx_err)?;
    sheet.set_column_width(0, 24).map_err(xlsx_err)?;
    for (i, f) in fields.iter().enumerate() {
        let c = u16::try_from(i + 1)
            .map_err(|_| Error::Output(std::io::Error::other("too many fields for a sheet")))?;
        sheet
            .write_string_with_format(0, c, header_cell(f), &head)
            .map_err(xlsx_err)?;
        sheet.set_column_width(c, 18).map_err(xlsx_err)?;
        if let Some(dv) = validation(f).map_err(xlsx_err)? {
            sheet
                .add_data_validation(1, c, LAST_ROW, c, &dv)
                .map_err(xlsx_err)?;
        }
    }
    sheet.set_row_height(0, 48).map_err(xlsx_err)?;
    sheet.set_freeze_panes(1, 1).map_err(xlsx_err)?;

    let about = book.add_worksheet();
    about.set_name("fields").map_err(xlsx_err)?;
    let titles = [
        "id",
        "名称",
        "name",
        "单位",
        "unit",
        "kind",
        "允许的值",
        "allowed values",
    ];
    for (c, t) in titles.iter().enumerate() {
        about
            .write_string_with_format(0, c as u16, *t, &head)
            .map_err(xlsx_err)?;
    }
    for (i, f) in fields.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let (zh, en) = allowed(f);
        let cells = [
            f.id(),
            &f.name().zh,
            &f.name().en,
            &f.unit().zh,
            &f.unit().en,
            f.kind().as_str(),
            &zh,
            &en,
        ];
        for (c, v) in cells.iter().enumerate() {
            about.write_string(row, c as u16, *v).map_err(xlsx_err)?;
        }
    }
    about.set_column_width(0, 28).map_err(xlsx_err)?;
    about.set_column_width(1, 24).map_err(xlsx_err)?;
    about.set_column_width(2, 28).map_err(xlsx_err)?;
    about.set_column_width(6, 36).map_err(xlsx_err)?;
    about.set_column_width(7, 36).map_err(xlsx_err)?;
    book.save_to_writer(&mut target).map_err(xlsx_err)?;
    Ok(target)
}
