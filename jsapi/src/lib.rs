//! The scoring core for JavaScript: `rubrics()`, `describe(id)`, `score(id, inputs)`,
//! `advise(id, inputs)` and `load(source)`, compiled to wasm and bound with wasm-bindgen (`dist/pkg/`, see
//! `jsapi/package/README.md`). The page loads the same module lazily to check a rubric file
//! a person opens (`checkRubric`), so the checker never weighs on the page itself.
//!
//! This crate only translates: JS values in, the core's own
//! [`Description`](spacescore_core::Description),
//! [`ScoreOutput`](spacescore_core::ScoreOutput) and [`Advice`](spacescore_core::Advice) out
//! as plain objects (decimals as strings, maps as objects) through `serde_wasm_bindgen`'s
//! JSON-compatible serializer. Every rule lives in `spacescore-core`: JSON text or bytes are
//! read by the core's one reader ([`spacescore_core::reader::read`]), and a JS object is
//! walked by the core ([`spacescore_core::reader::from_host`]) into the JSON it stands for and
//! then read by the same rules, so `score()` and `advise()` return exactly what
//! `spacescore score ID` and `spacescore advise ID` print for `JSON.stringify(inputs)`.
//!
//! Why walk a JS object rather than `JSON.stringify` it: stringifying changes values in
//! silence (`NaN` and `Infinity` become `null`, a `Date` its text, a `Set` `{}`, a function
//! disappears) and runs `toJSON` methods. The walk reads only own properties, refuses what
//! JSON cannot hold with a `TypeError`, and checks every length before copying anything into
//! the wasm. Numbers never pass through text parsing of floats: a JS number is handed to the
//! core as a double and written as its shortest round-trip decimal text without an exponent
//! (`1e-7` is `0.0000001`, `0.1` is 0.1), which the core reads exactly.

#![forbid(unsafe_code)]

use std::cell::RefCell;

use js_sys::{Array, BigInt, JsString, Object, Reflect, Uint8Array};
use serde::Serialize;
use spacescore_core::check::{check_bytes, Library, Problems};
use spacescore_core::json::{JsonError, JsonProblem};
use spacescore_core::reader::{self, HostKind, HostValue, InputDocument, ReadError};
use spacescore_core::{advise as advise_rubric, describe as describe_rubric};
use spacescore_core::{score as score_rubric, Catalog};
use spacescore_core::{Lang, Rubric, ScoreOutput};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The built-in rubrics, then those `load()` added, once per wasm instance.
    static CATALOG: RefCell<Catalog> = RefCell::new(spacescore_builtin::catalog());
    /// The ids whose rubric is a file `load()` added (over a built-in one or not).
    static LOADED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

// What the walk asks of a JS value, each call catching what the value throws. A caller's
// value can be a revoked Proxy, a Proxy whose traps throw, or an object whose methods were
// replaced: an exception that unwound through the wasm would leave its stack pointer where
// it was, and after a few hundred such calls the module would be dead for every caller. So
// nothing the walk calls may throw past it.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn try_is_array(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn try_prototype(v: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn try_keys(v: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getOwnPropertyDescriptor)]
    fn try_own(v: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn try_get(v: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = apply)]
    fn try_apply(f: &JsValue, this: &JsValue, args: &Array) -> Result<JsValue, JsValue>;
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

/// Every rubric, built-in ones first, then those `load()` added: `{id, name, name_en,
/// region, region_en, space_type, space_type_en, method, version, hash, builtin}`.
///
/// # Errors
/// A JS `Error` if the list cannot be converted (not expected).
#[wasm_bindgen]
pub fn rubrics() -> Result<JsValue, js_sys::Error> {
    let builtin: Vec<&str> = spacescore_builtin::all().map(|b| b.id).collect();
    let loaded: Vec<String> = LOADED.with(|l| l.borrow().clone());
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
                // A file loaded over a built-in id is not the built-in rubric.
                builtin: builtin.contains(&r.id()) && !loaded.iter().any(|l| l == r.id()),
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

/// Scores one space: `inputs` is a plain object of field id → value, a saved
/// `{format: "spacescore/1", values: {...}}` document, JSON text of either, or its bytes
/// (`Uint8Array`, `ArrayBuffer`). Returns what `spacescore score ID` prints: the report plus
/// `complete`.
///
/// Input problems are not thrown: they are listed in `errors` against their field.
///
/// # Errors
/// A JS `Error` when the id is unknown or not a string, or the document cannot be read (a
/// key twice, a lone surrogate, an unknown format); a `TypeError` when `inputs` is not a
/// plain object, text or bytes, holds a value JSON cannot (a `Set`, a `Date`, a function),
/// or is over the size limit ([`reader::MAX_BYTES`]), checked before anything is copied.
#[wasm_bindgen]
pub fn score(id: &JsValue, inputs: &JsValue) -> Result<JsValue, JsValue> {
    let doc = read_inputs(inputs)?;
    with_rubric(id, |rubric| {
        to_js(&ScoreOutput::of(
            score_rubric(rubric, &doc.inputs),
            &doc,
            rubric,
        ))
    })
    .map_err(JsValue::from)
}

/// What would raise one space's score under the rubric `id`, for the same `inputs` as
/// `score()`: every suggestion (the smallest change to one input that raises an item, and
/// the points it gains) best first, each item's standing and next step, the headroom per
/// group, and the points missing to the next grade. Returns what `spacescore advise ID`
/// prints.
///
/// # Errors
/// As `score()`: a JS `Error` when the id is unknown or not a string, or the document cannot
/// be read; a `TypeError` when `inputs` is not a plain object, text or bytes, holds a value
/// JSON cannot, or is over the size limit.
#[wasm_bindgen]
pub fn advise(id: &JsValue, inputs: &JsValue) -> Result<JsValue, JsValue> {
    let doc = read_inputs(inputs)?;
    with_rubric(id, |rubric| to_js(&advise_rubric(rubric, &doc.inputs))).map_err(JsValue::from)
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
pub fn load(source: &JsValue, name: &JsValue) -> Result<JsValue, JsValue> {
    let name = file_name(name, "load")?;
    let rubrics = checked(source, &name)?.map_err(|p| problems_error(&p))?;
    let ids: Vec<String> = rubrics.iter().map(|r| r.id().to_string()).collect();
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        for id in &ids {
            if !l.contains(id) {
                l.push(id.clone());
            }
        }
    });
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
pub fn check_rubric(source: &JsValue, name: &JsValue) -> Result<JsValue, JsValue> {
    let name = file_name(name, "checkRubric")?;
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

/// The file name a rubric source is reported under: a string, or `"rubric"` when none is
/// given. Anything else is a `TypeError` naming the argument (a number passed where text
/// is expected must not reach the wasm as text).
fn file_name(name: &JsValue, function: &str) -> Result<String, JsValue> {
    if name.is_undefined() || name.is_null() {
        return Ok("rubric".into());
    }
    match name.as_string() {
        Some(n) if n.chars().count() <= 1024 => Ok(n),
        Some(_) => Err(js_sys::TypeError::new(&format!(
            "{function}(): the file name (second argument) is longer than 1024 characters"
        ))
        .into()),
        None => Err(js_sys::TypeError::new(&format!(
            "{function}(): the file name (second argument) must be a string, not {}",
            type_name(name)
        ))
        .into()),
    }
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
    } else if let Some(a) = bytes_of::<Uint8Array>(source, "Uint8Array")? {
        if a.length() > MAX_SOURCE {
            return Err(too_large(f64::from(a.length())));
        }
        a.to_vec()
    } else if let Some(b) = bytes_of::<js_sys::ArrayBuffer>(source, "ArrayBuffer")? {
        if b.byte_length() > MAX_SOURCE {
            return Err(too_large(f64::from(b.byte_length())));
        }
        Uint8Array::new(&b).to_vec()
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

/// Reads `score()`'s inputs with the core's reader: text or bytes as a JSON document, any
/// other value walked as a host value. Lengths are checked before anything is copied.
fn read_inputs(inputs: &JsValue) -> Result<InputDocument, JsValue> {
    let too_large = |n: u32| read_error(&ReadError::TooLarge(n as usize));
    let result = if inputs.is_undefined() {
        Err(ReadError::NotAnObject("undefined".into()))
    } else if let Some(s) = inputs.dyn_ref::<JsString>() {
        // Each UTF-16 unit is at least one byte of UTF-8: over the limit in units is over it
        // in bytes.
        if s.length() as usize > reader::MAX_BYTES {
            return Err(too_large(s.length()));
        }
        match first_lone_surrogate(s) {
            Some(unit) => Err(ReadError::Json(JsonError {
                problem: JsonProblem::LoneSurrogate {
                    unit,
                    in_key: false,
                },
                offset: None,
                key: None,
            })),
            None => reader::read(String::from(s).as_bytes()),
        }
    } else if let Some(a) = bytes_of::<Uint8Array>(inputs, "Uint8Array")? {
        if a.length() as usize > reader::MAX_BYTES {
            return Err(too_large(a.length()));
        }
        reader::read(&a.to_vec())
    } else if let Some(b) = bytes_of::<js_sys::ArrayBuffer>(inputs, "ArrayBuffer")? {
        if b.byte_length() as usize > reader::MAX_BYTES {
            return Err(too_large(b.byte_length()));
        }
        reader::read(&Uint8Array::new(&b).to_vec())
    } else {
        reader::from_host(&Js(inputs.clone()))
    };
    result.map_err(|e| read_error(&e))
}

/// `v` as a `class` (`Uint8Array` or `ArrayBuffer`) where it really is one, found by the
/// class's own brand check (a getter that only a real one answers), never by anything of
/// `v`'s own: a Proxy made to look like one is not one, and nothing it does can throw past
/// the wasm.
fn bytes_of<T: JsCast>(v: &JsValue, class: &str) -> Result<Option<T>, JsValue> {
    if !v.is_object() {
        return Ok(None);
    }
    let getter = |owner: &JsValue, key: &JsValue| -> Result<JsValue, JsValue> {
        let d = try_own(owner, key)?;
        try_get(&d, &JsValue::from_str("get"))
    };
    let global = js_sys::global();
    let ctor = try_get(&global, &JsValue::from_str(class))?;
    let proto = try_get(&ctor, &JsValue::from_str("prototype"))?;
    let real = if class == "ArrayBuffer" {
        // `byteLength` throws for anything that is not an ArrayBuffer.
        let get = getter(&proto, &JsValue::from_str("byteLength"))?;
        try_apply(&get, v, &Array::new()).is_ok()
    } else {
        // A typed array's `Symbol.toStringTag` getter names its class, and is undefined for
        // anything else.
        let typed = try_prototype(&proto)?;
        let get = getter(&typed, &js_sys::Symbol::to_string_tag().into())?;
        try_apply(&get, v, &Array::new())
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == class)
    };
    Ok(real.then(|| v.clone().unchecked_into::<T>()))
}

/// A document that cannot be read, as a JS exception: a `TypeError` for the wrong kind of
/// value or size, else an `Error`.
fn read_error(e: &ReadError) -> JsValue {
    let message = e.to_string();
    if e.is_type_error() {
        js_sys::TypeError::new(&message).into()
    } else {
        js_sys::Error::new(&message).into()
    }
}

/// The first lone surrogate of a JS string, if it holds one (then it is not text).
fn first_lone_surrogate(s: &JsString) -> Option<u16> {
    char::decode_utf16(s.iter()).find_map(|c| c.err().map(|e| e.unpaired_surrogate()))
}

/// What a caught JS exception says: its `message`, or its text, read without anything that
/// could throw again.
fn thrown(e: &JsValue) -> String {
    try_get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .map(|m| spacescore_core::text::quote_short(&m))
        .unwrap_or_else(|| "an exception".into())
}

/// Whether `v` has `class`'s prototype (`Map`, `Uint8Array`…, of this realm) on its chain:
/// `instanceof` without running anything of `v`'s that could throw past the wasm (a
/// revoked Proxy's `getPrototypeOf` throws, and is caught here). At most 64 steps.
fn instance_of(v: &JsValue, class: &str) -> Result<bool, JsValue> {
    if !v.is_object() {
        return Ok(false);
    }
    let ctor = try_get(&js_sys::global(), &JsValue::from_str(class))?;
    let proto = try_get(&ctor, &JsValue::from_str("prototype"))?;
    let mut at = try_prototype(v)?;
    for _ in 0..64 {
        if at.is_null() || at.is_undefined() {
            return Ok(false);
        }
        if Object::is(&at, &proto) {
            return Ok(true);
        }
        at = try_prototype(&at)?;
    }
    Ok(false)
}

/// A Map's entries as `(key, value)`, by this realm's `Map.prototype.forEach`, caught.
fn map_entries(map: &JsValue) -> Result<Vec<(JsValue, JsValue)>, JsValue> {
    let proto = try_get(
        &try_get(&js_sys::global(), &JsValue::from_str("Map"))?,
        &JsValue::from_str("prototype"),
    )?;
    let for_each = try_get(&proto, &JsValue::from_str("forEach"))?;
    let out = std::rc::Rc::new(RefCell::new(Vec::new()));
    let sink = std::rc::Rc::clone(&out);
    let callback = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |value, key| {
        sink.borrow_mut().push((key, value));
    });
    let args = Array::of1(callback.as_ref());
    try_apply(&for_each, map, &args)?;
    drop(callback);
    let entries = out.borrow().clone();
    Ok(entries)
}

/// A JS value as the core's reader walks it.
struct Js(JsValue);

impl HostValue for Js {
    fn kind(&self) -> HostKind {
        let v = &self.0;
        let unreadable = |e: JsValue| {
            HostKind::Other(format!("an object that throws when read ({})", thrown(&e)))
        };
        if v.is_null() || v.is_undefined() {
            HostKind::Absent
        } else if let Some(b) = v.as_bool() {
            HostKind::Bool(b)
        } else if let Some(x) = v.as_f64() {
            HostKind::Number(number_text(x))
        } else if v.is_bigint() {
            let digits = v
                .dyn_ref::<BigInt>()
                .and_then(|b| b.to_string(10).ok())
                .map(String::from)
                .unwrap_or_default();
            HostKind::BigInt(digits)
        } else if v.is_string() {
            HostKind::Text
        } else if v.is_function() {
            HostKind::Other("a function".into())
        } else if v.is_symbol() {
            HostKind::Other("a symbol".into())
        } else {
            match try_is_array(v) {
                Err(e) => unreadable(e),
                Ok(true) => HostKind::List,
                Ok(false) => match instance_of(v, "Map") {
                    Err(e) => unreadable(e),
                    Ok(true) => match map_entries(v) {
                        Err(e) => unreadable(e),
                        Ok(entries) if entries.iter().all(|(k, _)| k.is_string()) => {
                            HostKind::Object
                        }
                        Ok(_) => HostKind::Other("a Map with keys that are not text".into()),
                    },
                    Ok(false) => match is_plain(v) {
                        Err(e) => unreadable(e),
                        Ok(true) => HostKind::Object,
                        Ok(false) => HostKind::Other(object_name(v)),
                    },
                },
            }
        }
    }

    fn text_len(&self) -> usize {
        self.0
            .dyn_ref::<JsString>()
            .map_or(0, |s| s.length() as usize)
    }

    fn text(&self) -> Result<String, u16> {
        let Some(s) = self.0.dyn_ref::<JsString>() else {
            return Ok(String::new());
        };
        match first_lone_surrogate(s) {
            Some(unit) => Err(unit),
            None => Ok(String::from(s)),
        }
    }

    /// How many items or own properties: a bound read before anything is copied. What
    /// cannot be counted counts as none here; `members` then says why.
    fn len(&self) -> usize {
        let v = &self.0;
        let count = |x: Result<JsValue, JsValue>| {
            x.ok()
                .and_then(|n| n.as_f64())
                .filter(|n| *n >= 0.0)
                .map_or(0, |n| n.min(u32::MAX as f64) as usize)
        };
        match try_is_array(v) {
            Ok(true) => count(try_get(v, &JsValue::from_str("length"))),
            Ok(false) if instance_of(v, "Map").unwrap_or(false) => {
                count(try_get(v, &JsValue::from_str("size")))
            }
            // Not `dyn_ref`: that is an `instanceof Object` test, which an object without a
            // prototype (`Object.create(null)`, what TOML and JSON parsers often make) fails.
            Ok(false) if v.is_object() => try_keys(v).map_or(0, |k| k.length() as usize),
            _ => 0,
        }
    }

    fn members(&self) -> Result<Vec<(Js, Js)>, String> {
        let v = &self.0;
        let failed = |e: JsValue| thrown(&e);
        if try_is_array(v).map_err(failed)? {
            // Own items only, as JSON.stringify reads them: a hole is `null`, never what a
            // polluted Array.prototype holds at that index.
            let mut out = Vec::new();
            for i in 0..self.len() {
                let index = JsValue::from_f64(i as f64);
                let own = try_own(v, &index).map_err(failed)?;
                let item = if own.is_undefined() {
                    JsValue::NULL
                } else {
                    try_get(v, &index).map_err(failed)?
                };
                out.push((Js(JsValue::UNDEFINED), Js(item)));
            }
            return Ok(out);
        }
        if instance_of(v, "Map").map_err(failed)? {
            let entries = map_entries(v).map_err(failed)?;
            return Ok(entries.into_iter().map(|(k, x)| (Js(k), Js(x))).collect());
        }
        if !v.is_object() {
            return Ok(Vec::new());
        }
        // Own enumerable string keys only, as JSON.stringify reads them: an inherited
        // `format` or `values` (a polluted Object.prototype) is never seen.
        let mut out = Vec::new();
        for key in try_keys(v).map_err(failed)?.iter() {
            let value = try_get(v, &key).map_err(failed)?;
            out.push((Js(key), Js(value)));
        }
        Ok(out)
    }
}

/// Whether an object is plain: made by `{…}`, `Object.create(null)`, `Object.create({…})` or
/// `JSON.parse`, in this realm or another. A `Set`, a `Date`, a boxed `String` or a class
/// instance is not. Only its own properties are ever read.
fn is_plain(v: &JsValue) -> Result<bool, JsValue> {
    let proto = try_prototype(v)?;
    if proto.is_null() || try_prototype(&proto)?.is_null() {
        return Ok(true);
    }
    // An object made from another ordinary object (`Object.create({...})`) is plain too:
    // its prototype's constructor is `Object` (of this realm or another). A class
    // instance's is its class.
    let ctor = try_get(&proto, &JsValue::from_str("constructor"))?;
    Ok(ctor.is_function()
        && try_get(&ctor, &JsValue::from_str("name"))?
            .as_string()
            .as_deref()
            == Some("Object"))
}

/// What a non-plain object is, for messages: “a Set object”, “a Date object”.
fn object_name(v: &JsValue) -> String {
    let name = try_get(v, &JsValue::from_str("constructor"))
        .ok()
        .filter(JsValue::is_function)
        .and_then(|c| try_get(&c, &JsValue::from_str("name")).ok())
        .and_then(|n| n.as_string())
        .filter(|n| !n.is_empty())
        .map(|n| spacescore_core::text::quote_short(&n));
    match name {
        Some(n) => format!("a {n} object"),
        None => "an object that is not plain".into(),
    }
}

/// A short name for the kind of a JS value, for messages.
fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        String::from("null")
    } else if try_is_array(v).unwrap_or(false) {
        String::from("an array")
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// A double's text as JavaScript's `String(x)` gives its digits (the shortest text that
/// reads back as the same double), written out without an exponent: `1e-7` is
/// `0.0000001`, `0.1 + 0.2` is `0.30000000000000004`, `-0` is `0`, and `NaN`, `Infinity`,
/// `-Infinity` are those words (which the input reader then reports as not a number). What a JS number is to the
/// core's reader ([`HostKind::Number`]): the core holds no floating point.
///
/// ```
/// use spacescore_js::number_text;
/// assert_eq!(number_text(1e-7), "0.0000001");
/// assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(number_text(1e21), "1000000000000000000000");
/// assert_eq!(number_text(f64::NEG_INFINITY), "-Infinity");
/// ```
pub fn number_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if x == 0.0 {
        "0".into()
    } else {
        // Rust prints the shortest round-trip digits, without an exponent.
        format!("{x}")
    }
}
