//! The applicant's filing for the self-check page: [`filing`] writes the `.xlsx` workbook or
//! the `.docx` document of `spacescore-filing` from the page's saved work, exactly as
//! `spacescore score ID WORK.json --xlsx|--docx` does (the same reader, the same scoring, the
//! same writers). Compiled to a wasm module of its own (`dist/filing/`), which `www/filing.js`
//! loads the first time a person asks for an export: the writers never weigh on the page.

#![forbid(unsafe_code)]

use spacescore_core::json_inputs;
use spacescore_core::{score, Lang, Rubric, Text};
use spacescore_filing::Filing;
use wasm_bindgen::prelude::*;

/// Which document to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The workbook: the district template's row and the filled 自评表.
    Xlsx,
    /// The Word document of the filled 自评表.
    Docx,
}

/// Writes the filing of the saved work `work` (the page's JSON export, which names the
/// applicant) under the compiled rubric `rubric`, in `lang`.
///
/// # Errors
/// What went wrong, in both languages: the rubric or the work cannot be read, or the writer
/// failed.
pub fn write(kind: Kind, rubric: &[u8], work: &[u8], lang: Lang) -> Result<Vec<u8>, Text> {
    let rubric = Rubric::from_bytes(rubric).map_err(|e| {
        Text::new(
            format!("评价表无法读取：{e}"),
            format!("The rubric cannot be read: {e}"),
        )
    })?;
    let doc = json_inputs::read(work).map_err(|e| {
        Text::new(
            format!("填写的数据无法读取：{e}"),
            format!("The figures cannot be read: {e}"),
        )
    })?;
    let applicant = doc
        .saved
        .as_ref()
        .and_then(|h| h.applicant.clone())
        .unwrap_or_default();
    let report = score(&rubric, &doc.inputs);
    let filing = Filing {
        rubric: &rubric,
        inputs: &doc.inputs,
        report: &report,
        applicant: &applicant,
    };
    match kind {
        Kind::Xlsx => spacescore_filing::xlsx(&filing, lang),
        Kind::Docx => spacescore_filing::docx(&filing, lang),
    }
    .map_err(|e| Text::new(format!("申报材料无法生成：{e}"), e.to_string()))
}

/// `filing(kind, rubric, work, lang)` for the page: `kind` is `"xlsx"` or `"docx"`, `rubric`
/// the compiled rubric's bytes, `work` the saved work's JSON text, `lang` `"zh"` or `"en"`.
/// Returns the document's bytes.
///
/// # Errors
/// An `Error` whose message is the Chinese text, with the English in its `text_en` property.
#[wasm_bindgen(js_name = filing)]
pub fn filing_js(kind: &str, rubric: &[u8], work: &str, lang: &str) -> Result<Vec<u8>, JsValue> {
    let kind = match kind {
        "xlsx" => Kind::Xlsx,
        "docx" => Kind::Docx,
        other => {
            let other = spacescore_core::text::quote_short(other);
            return Err(error(&Text::new(
                format!("无法导出“{other}”格式"),
                format!("Cannot export as “{other}”"),
            )));
        }
    };
    let lang = if lang == "en" { Lang::En } else { Lang::Zh };
    write(kind, rubric, work.as_bytes(), lang).map_err(|e| error(&e))
}

fn error(text: &Text) -> JsValue {
    let e = js_sys::Error::new(&text.zh);
    // Setting a property on a fresh Error cannot fail; were it to, the Chinese stays.
    let _ = js_sys::Reflect::set(
        &e,
        &JsValue::from_str("text_en"),
        &JsValue::from_str(&text.en),
    );
    e.into()
}
