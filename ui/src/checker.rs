//! The rubric checker, loaded only when a person opens a rubric file: the JS API package
//! (`pkg/`), which the page for a built-in rubric never carries. `www/check.js` loads it, once
//! per page, and every page's boot script points `window.spacescoreCheck(bytes, name)` at it.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use gloo::utils::window;
use js_sys::{Promise, Uint8Array};
use spacescore_core::text::quote_short;
use spacescore_core::{Rubric, Text};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::js::{get, message};

/// What the checker said of a rubric file.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// Its rubrics, each with its compiled bytes.
    Rubrics(Vec<(Rc<Rubric>, Rc<Vec<u8>>)>),
    /// Every problem, one line each.
    Problems(Vec<Text>),
}

/// A rubric file's problems, as the checker listed them.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblems {
    /// The file's name.
    pub file: String,
    /// One line per problem.
    pub problems: Vec<Text>,
}

/// Checks a rubric file (or compiled rubric) with the checker, loading it on first use.
///
/// # Errors
/// When the checker cannot be loaded or run, or gives back what it should not: the message.
/// A file with problems is not an error: it is [`Checked::Problems`].
pub fn check(bytes: &[u8], name: &str) -> Pin<Box<dyn Future<Output = Result<Checked, String>>>> {
    // Boxed: the page awaits it from two places (a file opened, an embed's rubric-src), and
    // one copy of its code serves both.
    Box::pin(checked(Uint8Array::from(bytes), JsValue::from_str(name)))
}

async fn checked(bytes: Uint8Array, name: JsValue) -> Result<Checked, String> {
    let f = get(&window().into(), "spacescoreCheck");
    let f: js_sys::Function = f
        .dyn_into()
        .map_err(|_| "the rubric checker is not available on this page".to_string())?;
    let promise = f
        .call2(&JsValue::NULL, &bytes.into(), &name)
        .map_err(|e| message(&e))?;
    let result = JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(|e| message(&e))?;
    if get(&result, "ok").as_bool() == Some(true) {
        let list: js_sys::Array = get(&result, "rubrics")
            .dyn_into()
            .map_err(|e| message(&e))?;
        let mut out = Vec::new();
        for item in list.iter() {
            let bytes = Uint8Array::new(&get(&item, "bytes")).to_vec();
            let rubric = crate::compiled::decode(&bytes).map_err(|e| e.to_string())?;
            out.push((Rc::new(rubric), Rc::new(bytes)));
        }
        Ok(Checked::Rubrics(out))
    } else {
        let list: js_sys::Array = get(&result, "problems")
            .dyn_into()
            .map_err(|e| message(&e))?;
        Ok(Checked::Problems(
            list.iter()
                .map(|p| {
                    Text::new(
                        get(&p, "text_zh").as_string().unwrap_or_default(),
                        get(&p, "text").as_string().unwrap_or_default(),
                    )
                })
                .collect(),
        ))
    }
}

/// What to say when the rubric file `file` could not be checked at all (`why`: the checker
/// could not be loaded, the file could not be read).
pub fn not_checked(file: &str, why: &str) -> Text {
    let file = quote_short(file);
    Text::new(
        format!("评价表文件“{file}”无法检查：{why}"),
        format!("The rubric file “{file}” cannot be checked: {why}"),
    )
}
