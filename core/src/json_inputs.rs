//! The one reader of inputs given as a document: JSON text or bytes (the CLI, the JS API
//! given text, saved work and exported files), or a host language's value (the JS API given
//! an object) walked into the same JSON tree. Every door applies the same rules, so a fix
//! reaches all of them.
//!
//! A document is an object of field id → value, or saved work (`{format, rubric, values}`,
//! as the page exports it), recognised by its `format` key. Values become [`Value`]s:
//!
//! - a string is text, read later as typed;
//! - a number is its exact decimal text ([`json::plain_number`]): `1e-7` is `0.0000001`,
//!   never a float;
//! - `true`/`false` is a yes/no answer; `null` is not given;
//! - an array is checklist choices (each item as text);
//! - an object is its JSON text, which the core then reports as an error for its field.
//!
//! A document that cannot be read at all is a [`ReadError`]: one over [`MAX_BYTES`], bytes
//! that are not UTF-8 (naming the offset), a key given twice (naming it), a lone surrogate
//! (naming its field), an unknown saved-work format (saying which are read), a value a host
//! language holds but JSON cannot (a `Set`, a `Date`…). Problems with one value are not
//! errors here: the value is kept exactly and the scoring reports it against its field.
//!
//! ```
//! use spacescore_core::json_inputs::read;
//! use spacescore_core::Value;
//!
//! let doc = read(br#"{"events": 12, "site_area": "1,200", "mentors": null}"#).unwrap();
//! assert_eq!(doc.inputs.get("events"), Some(&Value::Text("12".into())));
//! assert!(!doc.inputs.contains_key("mentors"));
//! let e = read(br#"{"events": "-5", "events": "12"}"#).unwrap_err();
//! assert!(e.to_string().contains("`events` is given twice"));
//! ```

use std::fmt;

use crate::input::{Inputs, Value};
use crate::json::{self, Json, JsonError, JsonProblem};
use crate::text::{quote_short, Text};

/// The largest document read, in bytes of JSON text (for a host value: its keys' and
/// strings' lengths in UTF-16 code units and its numbers' text, a lower bound of its JSON
/// size). Real inputs are a few kilobytes.
pub const MAX_BYTES: usize = 256 * 1024;

/// The saved-work formats this version reads.
pub const FORMATS: &[&str] = &[SAVED_FORMAT];

/// The format tag of saved work this version writes (`{format, rubric, values}`).
pub const SAVED_FORMAT: &str = "spacescore/1";

/// What a document holds: the inputs, and the saved-work header when it is saved work.
#[derive(Debug, Clone, PartialEq)]
pub struct InputDocument {
    /// Field id to value, as given.
    pub inputs: Inputs,
    /// The header of saved or exported work, if the document is one.
    pub saved: Option<SavedHeader>,
    /// Members of saved work beside `values` that are not part of its header (figures
    /// written next to `values` instead of inside it): not read, and listed so that nothing
    /// is dropped in silence.
    pub beside: Vec<String>,
}

/// The members of saved work that its header and `values` use.
const SAVED_KEYS: &[&str] = &[
    "format",
    "rubric",
    "rubric_version",
    "rubric_hash",
    "saved_at",
    "applicant",
    "scenarios",
    "values",
];

impl InputDocument {
    /// What a person should know before these figures are scored under `rubric`, in both
    /// languages: saved work of another rubric, of another version or content of this one,
    /// and members beside `values` that were not read. Empty for plain figures.
    pub fn notes(&self, rubric: &crate::rubric::Rubric) -> Vec<Text> {
        let mut out = Vec::new();
        if let Some(h) = &self.saved {
            match h.rubric.as_deref() {
                Some(other) if other != rubric.id() => out.push(Text::new(
                    format!(
                        "这是评价表“{}”的存档，正按“{}”（{}）计分：请确认选对了评价表",
                        quote_short(other),
                        rubric.id(),
                        rubric.name().zh
                    ),
                    format!(
                        "this is saved work of the rubric “{}”, scored under “{}” ({}): check that this is the rubric you mean",
                        quote_short(other),
                        rubric.id(),
                        rubric.name().en
                    ),
                )),
                Some(_) => {
                    if h.rubric_version.as_deref().is_some_and(|v| v != rubric.version()) {
                        out.push(Text::new(
                            format!(
                                "存档保存于评价表第 {} 版，现按第 {} 版计分：请核对各项数据",
                                quote_short(h.rubric_version.as_deref().unwrap_or_default()),
                                rubric.version()
                            ),
                            format!(
                                "the work was saved under version {} of the rubric and is scored under version {}: check the figures",
                                quote_short(h.rubric_version.as_deref().unwrap_or_default()),
                                rubric.version()
                            ),
                        ));
                    } else if h
                        .rubric_hash
                        .as_deref()
                        .is_some_and(|x| !x.is_empty() && !rubric.hash().is_empty() && x != rubric.hash())
                    {
                        out.push(Text::new(
                            "存档保存时的评价表内容与现在的不同（版本号相同）：请核对各项数据",
                            "the rubric's content differs from when the work was saved (same version): check the figures",
                        ));
                    }
                }
                None => {}
            }
        }
        if !self.beside.is_empty() {
            let list = self
                .beside
                .iter()
                .take(10)
                .map(|k| quote_short(k))
                .collect::<Vec<_>>();
            let more = self.beside.len().saturating_sub(list.len());
            let (more_zh, more_en) = if more > 0 {
                (
                    format!(" 等 {} 项", self.beside.len()),
                    format!(" and {more} more"),
                )
            } else {
                (String::new(), String::new())
            };
            out.push(Text::new(
                format!(
                    "存档中 values 之外的 {}{more_zh} 没有读取：各项数据应写在 values 中",
                    list.join("、")
                ),
                format!(
                    "{}{more_en} beside `values` in the saved work were not read: figures belong inside `values`",
                    list.join(", ")
                ),
            ));
        }
        out
    }
}

/// The header of saved or exported work (besides its `values`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SavedHeader {
    /// The format tag (one of [`FORMATS`]).
    pub format: String,
    /// The rubric id, if given as text.
    pub rubric: Option<String>,
    /// The rubric version, if given as text.
    pub rubric_version: Option<String>,
    /// The rubric's content hash, if given as text.
    pub rubric_hash: Option<String>,
    /// When it was saved, if given as text.
    pub saved_at: Option<String>,
    /// The applicant (申报单位) the work is filed for, if given as text (work saved before
    /// the page asked for it has none).
    pub applicant: Option<String>,
    /// What-if scenarios kept with the work: `[{name, values}]`, each entry that has that
    /// shape (others are skipped).
    pub scenarios: Vec<(String, Inputs)>,
}

/// Why a document cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than [`MAX_BYTES`]; how large it is known to be, at least.
    TooLarge(usize),
    /// Not JSON this reader accepts (not UTF-8, a key twice, a lone surrogate…).
    Json(JsonError),
    /// The document is not an object; what it is.
    NotAnObject(String),
    /// Saved work of a format this version does not read; the tag as given.
    UnknownFormat(String),
    /// Saved work without a `values` object; what `values` is instead, if anything.
    NoValues(Option<String>),
    /// A host value JSON cannot hold (a `Set`, a `Date`, a function…): where, and what it is.
    NotPlain {
        /// The field it is the value of, or none for the document itself.
        field: Option<String>,
        /// What it is (“a Set”).
        what: String,
    },
    /// Reading a host value failed (a getter threw); the field and the host's message.
    Host {
        /// The field being read.
        field: Option<String>,
        /// What the host said.
        message: String,
    },
}

impl ReadError {
    /// Whether the problem is the kind of value given rather than its content (a JS API
    /// throws a `TypeError` for these).
    pub fn is_type_error(&self) -> bool {
        matches!(
            self,
            ReadError::TooLarge(_) | ReadError::NotAnObject(_) | ReadError::NotPlain { .. }
        )
    }

    /// What is wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            ReadError::TooLarge(n) => format!(
                "输入过大（至少 {n} 字节，最多 {MAX_BYTES} 字节），不是一份空间的数据"
            ),
            ReadError::Json(e) => e.message_zh(),
            ReadError::NotAnObject(what) => {
                format!("输入应是“字段编号 → 值”的 JSON 对象，而不是{}", kind_zh(what))
            }
            ReadError::UnknownFormat(f) => format!(
                "保存数据的格式“{}”无法识别；本版本读取 {}",
                quote_short(f),
                FORMATS.join("、")
            ),
            ReadError::NoValues(what) => match what {
                Some(w) => format!("保存的数据中 values 应是对象，而不是{}", kind_zh(w)),
                None => "保存的数据中没有 values（各字段的值）".into(),
            },
            ReadError::NotPlain { field, what } => match field {
                Some(f) => format!(
                    "“{}”的值是 {what}，无法作为 JSON 读取：请给文字、数字、是 / 否、数组或普通对象",
                    quote_short(f)
                ),
                None => format!("输入应是普通对象（字段编号 → 值）或 JSON 文字，而不是 {what}"),
            },
            ReadError::Host { field, message } => match field {
                Some(f) => format!("读取“{}”时出错：{}", quote_short(f), quote_short(message)),
                None => format!("读取输入时出错：{}", quote_short(message)),
            },
        }
    }
}

/// “an array” → 数组, for the Chinese messages.
fn kind_zh(what: &str) -> &'static str {
    match what {
        "null" => "null",
        "a boolean" => "是 / 否值",
        "a number" => "数字",
        "a string" => "文字",
        "an array" => "数组",
        _ => "其他值",
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge(n) => write!(
                f,
                "the input is too large ({n} bytes or more; at most {MAX_BYTES}) to be one space's figures"
            ),
            ReadError::Json(e) => write!(f, "{e}"),
            ReadError::NotAnObject(what) => write!(
                f,
                "the input must be a JSON object of field id → value, not {what}"
            ),
            ReadError::UnknownFormat(tag) => write!(
                f,
                "unknown saved-work format `{}`; this version reads {}",
                quote_short(tag),
                FORMATS.join(", ")
            ),
            ReadError::NoValues(what) => match what {
                Some(w) => write!(f, "the saved work's `values` must be an object, not {w}"),
                None => write!(f, "the saved work has no `values` object"),
            },
            ReadError::NotPlain { field, what } => match field {
                Some(k) => write!(
                    f,
                    "the value of `{}` is {what}, which JSON cannot hold: give a string, number, boolean, array or plain object",
                    quote_short(k)
                ),
                None => write!(
                    f,
                    "the input must be a plain object of field id → value (or JSON text), not {what}"
                ),
            },
            ReadError::Host { field, message } => match field {
                Some(k) => write!(
                    f,
                    "reading `{}` failed: {}",
                    quote_short(k),
                    quote_short(message)
                ),
                None => write!(f, "reading the input failed: {}", quote_short(message)),
            },
        }
    }
}

impl std::error::Error for ReadError {}

impl From<JsonError> for ReadError {
    fn from(e: JsonError) -> Self {
        ReadError::Json(e)
    }
}

/// Reads inputs from a JSON document given as bytes (UTF-8, a byte-order mark allowed) or
/// text (`text.as_bytes()`).
///
/// # Errors
/// A [`ReadError`] when the document cannot be read at all.
pub fn read(bytes: &[u8]) -> Result<InputDocument, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    from_json(&json::read(bytes)?)
}

/// Reads inputs from a parsed JSON document: the rules every door shares.
///
/// # Errors
/// A [`ReadError`] when the document is not an object, or is saved work of an unknown
/// format or without `values`.
pub fn from_json(doc: &Json) -> Result<InputDocument, ReadError> {
    let Json::Object(members) = doc else {
        return Err(ReadError::NotAnObject(doc.kind().to_string()));
    };
    let mut beside = Vec::new();
    let (members, saved) = match doc.get("format") {
        None => (members, None),
        Some(tag) => {
            let format = match tag {
                Json::String(s) => s.clone(),
                other => other.to_text(),
            };
            if !FORMATS.contains(&format.as_str()) {
                return Err(ReadError::UnknownFormat(format));
            }
            let values = match doc.get("values") {
                Some(Json::Object(values)) => values,
                Some(other) => return Err(ReadError::NoValues(Some(other.kind().to_string()))),
                None => return Err(ReadError::NoValues(None)),
            };
            let text = |key: &str| doc.get(key).and_then(Json::as_str).map(str::to_string);
            let header = SavedHeader {
                format,
                rubric: text("rubric"),
                rubric_version: text("rubric_version"),
                rubric_hash: text("rubric_hash"),
                saved_at: text("saved_at"),
                applicant: text("applicant"),
                scenarios: match doc.get("scenarios") {
                    Some(Json::Array(list)) => list
                        .iter()
                        .filter_map(|sc| {
                            let name = sc.get("name").and_then(Json::as_str)?.to_string();
                            let Some(Json::Object(vals)) = sc.get("values") else {
                                return None;
                            };
                            let values = vals
                                .iter()
                                .filter_map(|(f, v)| value(v).map(|v| (f.clone(), v)))
                                .collect();
                            Some((name, values))
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            };
            beside.extend(
                members
                    .iter()
                    .map(|(k, _)| k)
                    .filter(|k| !SAVED_KEYS.contains(&k.as_str()))
                    .cloned(),
            );
            (values, Some(header))
        }
    };
    let mut inputs = Inputs::new();
    for (field, v) in members {
        if let Some(value) = value(v) {
            inputs.insert(field.clone(), value);
        }
    }
    Ok(InputDocument {
        inputs,
        saved,
        beside,
    })
}

/// One value as an input; `None` when it is not given (`null`).
fn value(v: &Json) -> Option<Value> {
    Some(match v {
        Json::Null => return None,
        Json::Bool(b) => Value::Bool(*b),
        Json::String(s) => Value::Text(s.clone()),
        Json::Number(n) => Value::Text(json::plain_number(n)),
        Json::Array(items) => Value::List(
            items
                .iter()
                .map(|i| match i {
                    Json::String(s) => s.clone(),
                    other => other.to_text(),
                })
                .collect(),
        ),
        // Kept as its text, so the person sees it as the field's error instead of losing it.
        Json::Object(_) => Value::Text(v.to_text()),
    })
}

/// Whether `text` is a plain decimal: an optional `-`, digits, and optionally a point with
/// digits after it.
fn plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
}

/// What kind of value a host value is, as the reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum HostKind {
    /// `null` or `undefined`: not given.
    Absent,
    /// A boolean.
    Bool(bool),
    /// A number, as the host writes it: a JS double as its shortest round-trip digits
    /// without an exponent (`0.0000001` for `1e-7`), or `NaN`, `Infinity`, `-Infinity`. The
    /// core never holds the double itself: text that is not a plain decimal is read as a
    /// string, which the input reader reports as not a number.
    Number(String),
    /// An integer of any size, as its decimal digits (a JS `bigint`).
    BigInt(String),
    /// A string (its text is taken by [`HostValue::text`]).
    Text,
    /// An array.
    List,
    /// A plain object (or a map with string keys): its own properties are read.
    Object,
    /// Anything JSON cannot hold: what it is (“a Set”, “a function”).
    Other(String),
}

/// A value of a host language (a JS value) that the reader can walk without copying more
/// than it accepts: lengths are asked for before text is copied.
pub trait HostValue: Sized {
    /// What kind of value this is.
    fn kind(&self) -> HostKind;
    /// A string's length in UTF-16 code units (its JSON text is at least that many bytes),
    /// known without copying it.
    fn text_len(&self) -> usize;
    /// A string's text, or the first lone surrogate it holds (which is not text).
    ///
    /// # Errors
    /// The code unit of the first lone surrogate.
    fn text(&self) -> Result<String, u16>;
    /// An array's items, or an object's own enumerable string-keyed properties (never
    /// inherited ones), as `(key, value)` with the array's keys empty. Called only after
    /// [`HostValue::len`] fitted the size limit.
    ///
    /// # Errors
    /// What the host said when reading failed (a getter threw).
    fn members(&self) -> Result<Vec<(Self, Self)>, String>;
    /// How many items or own properties an array or object has.
    fn len(&self) -> usize;
    /// Whether it has none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads inputs from a host value (a JS object): walked into the JSON tree it stands for,
/// then read by [`from_json`], so the rules are exactly those for JSON text.
///
/// What JSON cannot hold is refused, not guessed at: a `Set`, a `Date` or any object that
/// is not plain, a function, a symbol ([`ReadError::NotPlain`]); a string with a lone
/// surrogate ([`JsonProblem::LoneSurrogate`], naming its field); more than [`MAX_BYTES`]
/// of keys and text, checked before each string is copied. Only own properties are read.
/// `NaN` and `Infinity` become those words (as text they are in JSON), which the input
/// reader reports against their field.
///
/// # Errors
/// A [`ReadError`] when the value cannot be read at all.
pub fn from_host<V: HostValue>(value: &V) -> Result<InputDocument, ReadError> {
    let mut walk = Walk {
        budget: MAX_BYTES,
        used: 0,
        field: None,
        keys: Vec::new(),
    };
    let tree = walk.value(value, 0)?;
    from_json(&tree)
}

/// The state of walking a host value.
struct Walk {
    budget: usize,
    used: usize,
    /// The innermost key being read.
    field: Option<String>,
    /// The keys leading to the value being read, outermost first.
    keys: Vec<String>,
}

impl Walk {
    fn spend(&mut self, n: usize) -> Result<(), ReadError> {
        self.used = self.used.saturating_add(n);
        if self.used > self.budget {
            Err(ReadError::TooLarge(self.used))
        } else {
            Ok(())
        }
    }

    fn text<V: HostValue>(&mut self, v: &V) -> Result<String, ReadError> {
        self.spend(v.text_len().saturating_add(2))?;
        v.text().map_err(|unit| {
            ReadError::Json(JsonError {
                problem: JsonProblem::LoneSurrogate {
                    unit,
                    in_key: false,
                },
                offset: None,
                key: self.field.clone(),
            })
        })
    }

    fn value<V: HostValue>(&mut self, v: &V, depth: usize) -> Result<Json, ReadError> {
        if depth > json::MAX_DEPTH {
            return Err(ReadError::Json(JsonError {
                problem: JsonProblem::TooDeep,
                offset: None,
                key: json::field_of(&self.keys),
            }));
        }
        Ok(match v.kind() {
            HostKind::Absent => {
                self.spend(4)?;
                Json::Null
            }
            HostKind::Bool(b) => {
                self.spend(5)?;
                Json::Bool(b)
            }
            HostKind::Number(text) => {
                self.spend(text.len())?;
                if plain_decimal(&text) {
                    Json::Number(text)
                } else {
                    Json::String(text)
                }
            }
            HostKind::BigInt(digits) => {
                self.spend(digits.len())?;
                if digits
                    .bytes()
                    .enumerate()
                    .all(|(i, b)| b.is_ascii_digit() || (i == 0 && b == b'-' && digits.len() > 1))
                    && !digits.is_empty()
                {
                    Json::Number(digits)
                } else {
                    Json::String(digits)
                }
            }
            HostKind::Text => Json::String(self.text(v)?),
            HostKind::List => {
                self.spend(v.len().saturating_add(2))?;
                let members = v.members().map_err(|message| ReadError::Host {
                    field: self.field.clone(),
                    message,
                })?;
                let mut items = Vec::with_capacity(members.len());
                for (_, item) in &members {
                    items.push(self.value(item, depth + 1)?);
                }
                Json::Array(items)
            }
            HostKind::Object => {
                self.spend(v.len().saturating_mul(4).saturating_add(2))?;
                let members = v.members().map_err(|message| ReadError::Host {
                    field: self.field.clone(),
                    message,
                })?;
                let mut out = Vec::with_capacity(members.len());
                let outer = self.field.clone();
                for (key, item) in &members {
                    let key = self.text(key).map_err(|e| match e {
                        ReadError::Json(mut j) => {
                            if let JsonProblem::LoneSurrogate { in_key, .. } = &mut j.problem {
                                *in_key = true;
                            }
                            ReadError::Json(j)
                        }
                        other => other,
                    })?;
                    self.field = Some(key.clone());
                    self.keys.push(key.clone());
                    let value = self.value(item, depth + 1);
                    self.keys.pop();
                    out.push((key, value?));
                }
                self.field = outer;
                Json::Object(out)
            }
            HostKind::Other(what) => {
                return Err(ReadError::NotPlain {
                    field: self.field.clone(),
                    what,
                })
            }
        })
    }
}
