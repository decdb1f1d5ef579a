//! The scoring core for JavaScript: `rubrics()`, `describe(id)`, `score(id, inputs)`,
//! `advise(id, inputs)` and `load(source)`, compiled to wasm and bound with wasm-bindgen (`dist/pkg/`, see
//! `jsapi/package/README.md`). The page loads the same module lazily to check a rubric file
//! a person opens (`checkRubric`), so the checker never weighs on the page itself.
//!
//! This crate only translates: JS values in, the core's own
//! [`Description`](spacescore_core::Description), [`Report`] and
//! [`Advice`](spacescore_core::Advice) out as plain objects
//! (decimals as strings, maps as objects) through `serde_wasm_bindgen`'s JSON-compatible
//! serializer. Every rule lives in `spacescore-core`, and inputs are read the way the CLI
//! reads JSON (`spacescore_cli::json_inputs`), so `score()` and `advise()` return exactly
//! what `spacescore score ID` and `spacescore advise ID` print.
//!
//! Numbers never pass through Rust floating point: a JS number is handed to the core as
//! its shortest decimal text (`String(x)`), which the core reads exactly, so `0.1` is the
//! decimal 0.1 and `7 × 0.2` is `"1.4"`.

#![forbid(unsafe_code)]

use std::cell::RefCell;

use js_sys::{Array, BigInt, Number, Object, Reflect, Uint8Array, JSON};
use serde::Serialize;
use spacescore_core::check::{check_bytes, Library, Problems};
use spacescore_core::saved::FORMAT;
use spacescore_core::{
    advise as advise_rubric, describe as describe_rubric, score as score_rubric,
};
use spacescore_core::{Catalog, Inputs};
use spacescore_core::{Lang, Report, Rubric, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The built-in rubrics, then those `load()` added, once per wasm instance.
    static CATALOG: RefCell<Catalog> = RefCell::new(spacescore_builtin::catalog());
}

/// The largest rubric source `load()` and `checkRubric()` accept, checked before it is
/// copied into the wasm.
const MAX_SOURCE: u32 = spacescore_core::check::MAX_FILE_BYTES as u32;

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
    hash: &'a str,
    builtin: bool,
}

/// What `score()` returns: the core's report plus `complete`, exactly as the CLI prints it.
#[derive(Serialize)]
struct ScoreOutput {
    #[serde(flatten)]
    report: Report,
    complete: bool,
}

/// Every rubric, built-in ones first, then those `load()` added: `{id, name, name_en,
/// region, region_en, space_type, space_type_en, method, version, hash, builtin}`.
///
/// # Errors
/// A JS `Error` if the list cannot be converted (not expected).
#[wasm_bindgen]
pub fn rubrics() -> Result<JsValue, js_sys::Error> {
    let builtin: Vec<&str> = spacescore_builtin::all().map(|b| b.id).collect();
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
                hash: r.hash(),
                builtin: builtin.contains(&r.id()),
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

/// What would raise one space's score under the rubric `id`, for the same `inputs` as
/// `score()`: every suggestion (the smallest change to one input that raises an item, and
/// the points it gains) best first, each item's standing and next step, the headroom per
/// group, and the points missing to the next grade. Returns what `spacescore advise ID`
/// prints.
///
/// # Errors
/// A JS `Error` when the id is unknown or not a string, or `inputs` is not an object.
#[wasm_bindgen]
pub fn advise(id: &JsValue, inputs: &JsValue) -> Result<JsValue, js_sys::Error> {
    with_rubric(id, |rubric| {
        to_js(&advise_rubric(rubric, &read_inputs(inputs)?))
    })
}

/// Checks a rubric source (a rubric file's text, or its bytes, or a compiled rubric) and
/// adds its rubrics, so that `describe` and `score` accept their ids; a rubric with the id
/// of one already there replaces it. Returns the id, or the ids of a file that defines
/// several rubrics.
///
/// # Errors
/// A JS `Error` whose `problems` lists every problem (`{file, line, place, place_zh,
/// message, message_zh, text, text_zh}`) and whose message is their English lines; a
/// `TypeError` when `source` is neither text nor bytes, or is over the size limit.
#[wasm_bindgen]
pub fn load(source: &JsValue, name: Option<String>) -> Result<JsValue, JsValue> {
    let name = name.unwrap_or_else(|| "rubric".into());
    let rubrics = checked(source, &name)?.map_err(|p| problems_error(&p))?;
    let ids: Vec<String> = rubrics.iter().map(|r| r.id().to_string()).collect();
    CATALOG.with(|c| {
        let mut c = c.borrow_mut();
        for r in rubrics {
            c.insert(r);
        }
    });
    Ok(match ids.as_slice() {
        [one] => JsValue::from_str(one),
        _ => ids
            .iter()
            .map(|i| JsValue::from_str(i))
            .collect::<Array>()
            .into(),
    })
}

/// What the page's rubric-file picker needs: never throws for a bad file, but says what is
/// wrong. `{ok: true, rubrics: [{id, name, name_en, version, hash, bytes}]}` with each
/// rubric compiled (`bytes`, a `Uint8Array` the page decodes), or `{ok: false, problems:
/// [...]}` as `load()` would throw them.
///
/// # Errors
/// A `TypeError` when `source` is neither text nor bytes, or is over the size limit.
#[wasm_bindgen(js_name = checkRubric)]
pub fn check_rubric(source: &JsValue, name: String) -> Result<JsValue, JsValue> {
    let out = Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&out, &JsValue::from_str(k), v);
    };
    match checked(source, &name)? {
        Ok(rubrics) => {
            set("ok", &JsValue::TRUE);
            let list = Array::new();
            for r in rubrics {
                let o = Object::new();
                let put = |k: &str, v: JsValue| {
                    let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
                };
                put("id", JsValue::from_str(r.id()));
                put("name", JsValue::from_str(&r.name().zh));
                put("name_en", JsValue::from_str(&r.name().en));
                put("version", JsValue::from_str(r.version()));
                put("hash", JsValue::from_str(r.hash()));
                put("bytes", Uint8Array::from(r.to_bytes().as_slice()).into());
                list.push(&o);
            }
            set("rubrics", &list);
        }
        Err(p) => {
            set("ok", &JsValue::FALSE);
            set("problems", &problem_list(&p));
        }
    }
    Ok(out.into())
}

/// Reads a source as bytes (refusing what is too large before copying it) and checks it.
fn checked(source: &JsValue, name: &str) -> Result<Result<Vec<Rubric>, Problems>, JsValue> {
    let too_large = |n: f64| {
        JsValue::from(js_sys::TypeError::new(&format!(
            "the rubric source is too large ({} KB; at most {} KB)",
            (n / 1024.0).round(),
            MAX_SOURCE / 1024
        )))
    };
    let bytes = if let Some(s) = source.dyn_ref::<js_sys::JsString>() {
        // A JS string's length is in UTF-16 units; UTF-8 takes at most three bytes per unit.
        if s.length() > MAX_SOURCE {
            return Err(too_large(f64::from(s.length())));
        }
        String::from(s).into_bytes()
    } else if let Some(a) = source.dyn_ref::<Uint8Array>() {
        if a.length() > MAX_SOURCE {
            return Err(too_large(f64::from(a.length())));
        }
        a.to_vec()
    } else if let Some(b) = source.dyn_ref::<js_sys::ArrayBuffer>() {
        if b.byte_length() > MAX_SOURCE {
            return Err(too_large(f64::from(b.byte_length())));
        }
        Uint8Array::new(b).to_vec()
    } else {
        return Err(js_sys::TypeError::new(&format!(
            "a rubric source is a string (a rubric file's text) or a Uint8Array / ArrayBuffer (its bytes, or a compiled rubric), not {}",
            type_name(source)
        ))
        .into());
    };
    let library =
        Library::shared().map_err(|p| JsValue::from(js_sys::Error::new(&p.to_string())))?;
    Ok(check_bytes(name, &bytes, &library))
}

/// The problems as plain objects.
fn problem_list(p: &Problems) -> Array {
    p.list()
        .iter()
        .map(|x| {
            let o = Object::new();
            let put = |k: &str, v: JsValue| {
                let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
            };
            put("file", JsValue::from_str(&x.file));
            put(
                "line",
                x.line
                    .map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64)),
            );
            put("place", JsValue::from_str(&x.place.en));
            put("place_zh", JsValue::from_str(&x.place.zh));
            put("message", JsValue::from_str(&x.message.en));
            put("message_zh", JsValue::from_str(&x.message.zh));
            put("text", JsValue::from_str(&x.text(Lang::En)));
            put("text_zh", JsValue::from_str(&x.text(Lang::Zh)));
            JsValue::from(o)
        })
        .collect()
}

/// A JS `Error` carrying the problems.
fn problems_error(p: &Problems) -> JsValue {
    let e = js_sys::Error::new(&p.text(Lang::En));
    let _ = Reflect::set(&e, &JsValue::from_str("problems"), &problem_list(p));
    e.into()
}

/// Runs `f` with the rubrics.
fn with_catalog<T>(
    f: impl FnOnce(&Catalog) -> Result<T, js_sys::Error>,
) -> Result<T, js_sys::Error> {
    CATALOG.with(|catalog| f(&catalog.borrow()))
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
            "no rubric has the id `{}`; rubrics() lists them",
            spacescore_core::text::quote_short(&id)
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
