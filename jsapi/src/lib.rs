//! The scoring core for JavaScript: `rubrics()`, `describe(id)` and `score(id, inputs)`,
//! compiled to wasm and bound with wasm-bindgen (`dist/pkg/`, see `jsapi/package/README.md`).
//!
//! This crate only translates: JS values in, the core's own
//! [`Description`](spacescore_core::Description) and [`Report`] out as plain objects
//! (decimals as strings, maps as objects) through `serde_wasm_bindgen`'s JSON-compatible
//! serializer. Every rule lives in `spacescore-core`, and inputs are read the way the CLI
//! reads JSON (`spacescore_cli::json_inputs`), so `score()` returns exactly what
//! `spacescore score ID` prints.
//!
//! Numbers never pass through Rust floating point: a JS number is handed to the core as
//! its shortest decimal text (`String(x)`), which the core reads exactly, so `0.1` is the
//! decimal 0.1 and `7 × 0.2` is `"1.4"`.

#![forbid(unsafe_code)]

use js_sys::{Array, BigInt, Number, Object, Reflect, JSON};
use serde::Serialize;
use spacescore_core::saved::FORMAT;
use spacescore_core::{describe as describe_rubric, score as score_rubric, Catalog, Inputs};
use spacescore_core::{Report, Rubric, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The built-in catalog, parsed and validated once per wasm instance.
    static CATALOG: Result<Catalog, String> = Catalog::builtin().map_err(|e| e.to_string());
}

/// One line of `rubrics()`.
#[derive(Serialize)]
struct Summary<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    region: &'a str,
    region_en: &'a str,
    space_type: &'a str,
    space_type_en: &'a str,
    method: &'static str,
    version: &'a str,
}

/// What `score()` returns: the core's report plus `complete`, exactly as the CLI prints it.
#[derive(Serialize)]
struct ScoreOutput {
    #[serde(flatten)]
    report: Report,
    complete: bool,
}

/// Every built-in rubric, in catalog order: `{id, name, name_en, region, region_en,
/// space_type, space_type_en, method, version}`.
///
/// # Errors
/// A JS `Error` if the built-in catalog is broken (ruled out by the test suite).
#[wasm_bindgen]
pub fn rubrics() -> Result<JsValue, js_sys::Error> {
    with_catalog(|catalog| {
        let list: Vec<Summary> = catalog
            .rubrics()
            .iter()
            .map(|r| Summary {
                id: r.id(),
                name: &r.name().zh,
                name_en: &r.name().en,
                region: &r.region().zh,
                region_en: &r.region().en,
                space_type: &r.space_type().zh,
                space_type_en: &r.space_type().en,
                method: r.method().as_str(),
                version: r.version(),
            })
            .collect();
        to_js(&list)
    })
}

/// The rubric with this id, described as `spacescore describe ID` prints it.
///
/// # Errors
/// A JS `Error` naming the id when no rubric has it, or when the id is not a string.
#[wasm_bindgen]
pub fn describe(id: &JsValue) -> Result<JsValue, js_sys::Error> {
    with_rubric(id, |rubric| to_js(&describe_rubric(rubric)))
}

/// Scores one space: `inputs` is an object of field id → value (or a saved
/// `{format: "spacescore/1", values: {...}}` document). Returns what
/// `spacescore score ID` prints: the report plus `complete`.
///
/// Input problems are not thrown: they are listed in `errors` against their field.
///
/// # Errors
/// A JS `Error` when the id is unknown or not a string, or `inputs` is not an object.
#[wasm_bindgen]
pub fn score(id: &JsValue, inputs: &JsValue) -> Result<JsValue, js_sys::Error> {
    with_rubric(id, |rubric| {
        let report = score_rubric(rubric, &read_inputs(inputs)?);
        let complete = report.complete();
        to_js(&ScoreOutput { report, complete })
    })
}

/// Runs `f` with the built-in catalog.
fn with_catalog<T>(
    f: impl FnOnce(&Catalog) -> Result<T, js_sys::Error>,
) -> Result<T, js_sys::Error> {
    CATALOG.with(|catalog| match catalog {
        Ok(c) => f(c),
        Err(e) => Err(js_sys::Error::new(e)),
    })
}

/// Runs `f` with the rubric whose id is `id`.
fn with_rubric<T>(
    id: &JsValue,
    f: impl FnOnce(&Rubric) -> Result<T, js_sys::Error>,
) -> Result<T, js_sys::Error> {
    let Some(id) = id.as_string() else {
        return Err(js_sys::Error::new(&format!(
            "the rubric id must be a string, not {}",
            type_name(id)
        )));
    };
    with_catalog(|catalog| match catalog.rubric(&id) {
        Ok(r) => f(r),
        Err(_) => Err(js_sys::Error::new(&format!(
            "no rubric has the id `{id}`; rubrics() lists them"
        ))),
    })
}

/// Serializes `value` as a plain JS object (maps as objects, `None` as `null`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, js_sys::Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()))
}

/// Reads `score()`'s inputs with the CLI's rules: `null`/`undefined` are not given,
/// booleans are yes/no, strings are text, numbers their decimal text, arrays checklist
/// choices, and anything else its JSON text (which the core reports as a field error).
fn read_inputs(inputs: &JsValue) -> Result<Inputs, js_sys::Error> {
    let mut object = plain_object(inputs).ok_or_else(|| {
        js_sys::Error::new(&format!(
            "score() needs an object of field id → value, not {}",
            type_name(inputs)
        ))
    })?;
    // A document saved or exported by the page holds the figures under `values`.
    let format = Reflect::get(&object, &JsValue::from_str("format")).unwrap_or_default();
    if format.as_string().as_deref() == Some(FORMAT) {
        let values = Reflect::get(&object, &JsValue::from_str("values")).unwrap_or_default();
        object = plain_object(&values)
            .ok_or_else(|| js_sys::Error::new("the exported document has no `values` object"))?;
    }
    let mut read = Inputs::new();
    for entry in Object::entries(&object).iter() {
        let entry: Array = entry.unchecked_into();
        if let (Some(key), Some(value)) = (entry.get(0).as_string(), value(&entry.get(1))) {
            read.insert(key, value);
        }
    }
    Ok(read)
}

/// `value` as an object of named values: any object that is not an array, including one
/// without a prototype (`Object.create(null)`); a `Map` is turned into one.
fn plain_object(value: &JsValue) -> Option<Object> {
    if value.is_instance_of::<js_sys::Map>() {
        return Object::from_entries(value).ok();
    }
    if !value.is_object() || Array::is_array(value) {
        return None;
    }
    Some(value.clone().unchecked_into())
}

/// One input value for the core; `None` when it is not given.
fn value(v: &JsValue) -> Option<Value> {
    if v.is_null() || v.is_undefined() {
        None
    } else if let Some(b) = v.as_bool() {
        Some(Value::Bool(b))
    } else if let Some(s) = v.as_string() {
        Some(Value::Text(s))
    } else if let Some(n) = v.dyn_ref::<Number>() {
        Some(Value::Text(number_text(n)))
    } else if Array::is_array(v) {
        let items = Array::from(v);
        Some(Value::List(
            items
                .iter()
                .map(|i| i.as_string().unwrap_or_else(|| text(&i)))
                .collect(),
        ))
    } else {
        Some(Value::Text(text(v)))
    }
}

/// A number's shortest decimal text, as `String(x)` gives it (`0.1`, `7`, `1e+21`, `NaN`).
fn number_text(n: &Number) -> String {
    n.to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_else(|_| String::from("NaN"))
}

/// Any other value as text: its JSON (as the CLI does), a bigint's digits, else its type.
fn text(v: &JsValue) -> String {
    if let Some(b) = v.dyn_ref::<BigInt>() {
        if let Ok(s) = b.to_string(10) {
            return String::from(s);
        }
    }
    if let Some(n) = v.dyn_ref::<Number>() {
        return number_text(n);
    }
    JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| type_name(v))
}

/// A short name for the kind of a JS value, for messages.
fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        String::from("null")
    } else if Array::is_array(v) {
        String::from("an array")
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}
