//! The applicant's filing from the page: the `.xlsx` workbook and the `.docx` document that
//! `spacescore score ID WORK.json --xlsx|--docx` writes, by the same crate. Its writers are a
//! wasm module of their own (`filing/`, the `spacescore-filing-js` crate), which `www/filing.js`
//! loads the first time a person asks for an export: the page's boot script points
//! `window.spacescoreFiling(kind, rubric, work, lang)` at it, and this calls it.

use gloo::utils::window;
use js_sys::{Promise, Uint8Array};
use spacescore_core::{Lang, Rubric, Text};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use spacescore_ui::js::{get, message};

/// Which document to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The workbook: the district template's row and the filled 自评表.
    Xlsx,
    /// The Word document of the filled 自评表.
    Docx,
}

impl Kind {
    /// Its file name's extension, which is also what the export module is asked for.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Docx => "docx",
        }
    }

    /// Its media type.
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }
}

/// Writes the filing of the saved work `work` (JSON text) under `rubric`, loading the export
/// module on first use.
///
/// # Errors
/// When the module cannot be loaded or writes nothing: what went wrong, in both languages.
pub async fn write(kind: Kind, rubric: &Rubric, work: &str, lang: Lang) -> Result<Vec<u8>, Text> {
    let unavailable = |why: String| Text::new(why.clone(), why);
    let f = get(&window().into(), "spacescoreFiling");
    let f: js_sys::Function = f.dyn_into().map_err(|_| {
        Text::new(
            "本页无法加载导出模块",
            "The export module is not available on this page",
        )
    })?;
    // The bytes the page decoded the rubric from: encoding it again would carry the encoder.
    let compiled = spacescore_ui::compiled::bytes(rubric).ok_or_else(|| {
        Text::new(
            "本页没有该评价表的数据，请重新载入页面后再导出",
            "This page does not hold the rubric's data; reload the page and export again",
        )
    })?;
    let args = js_sys::Array::of4(
        &JsValue::from_str(kind.ext()),
        &Uint8Array::from(compiled.as_slice()).into(),
        &JsValue::from_str(work),
        &JsValue::from_str(match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        }),
    );
    let promise = f
        .apply(&JsValue::NULL, &args)
        .map_err(|e| unavailable(message(&e)))?;
    let result = JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(|e| match get(&e, "text_en").as_string() {
            // The module's own message, in both languages.
            Some(en) => Text::new(message(&e), en),
            // The module could not be loaded (offline, a failed fetch).
            None => unavailable(message(&e)),
        })?;
    let bytes = Uint8Array::new(&result).to_vec();
    if bytes.is_empty() {
        return Err(Text::new(
            "导出模块没有生成文件",
            "The export module wrote nothing",
        ));
    }
    Ok(bytes)
}
