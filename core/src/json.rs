//! A small JSON reader and writer: the one parser for every JSON document spacescore reads
//! (inputs given to the CLI and the JS API, saved work, share links, the embed's messages).
//!
//! The browser bundle is what people download, and a general JSON library (with derived
//! (de)serializers) more than doubled the size of this part of it; these documents need far
//! less. The reader is strict and defensive, because its input comes from anywhere: it reads
//! bytes and names the offset of the first one that is not UTF-8, refuses a key given twice
//! (naming it), a lone surrogate (naming the field it is in), numbers that are not JSON and
//! deep nesting, never panics, and reports the first problem with its byte offset. Numbers
//! keep their text, so nothing passes through a float.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use crate::text::quote_short;

/// A parsed JSON value. Numbers keep their text, so nothing passes through a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written (always valid JSON number syntax).
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in document order; the parser refuses a key given twice.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of value this is, for messages (“an array”, “a string”…).
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The value as compact JSON text; numbers as their plain decimal text ([`plain_number`]).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&plain_number(n)),
            Json::String(s) => quote(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    quote(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 32;

/// The furthest an exponent is expanded by [`plain_number`]: enough for every number a
/// JS double can hold (1.8e308, 5e-324).
const MAX_EXPONENT: i64 = 400;

/// A JSON number's plain decimal text, exactly: an exponent is expanded by moving the
/// decimal point (`1e-7` is `0.0000001`, `1.5E+3` is `1500`), never through a float; `-0`
/// is `0`. A number without an exponent keeps its text. An exponent beyond ±400 is kept as
/// written (no quantity people type is that large or that small; the input reader then
/// says it cannot read it).
///
/// ```
/// use spacescore_core::json::plain_number;
/// assert_eq!(plain_number("1e-7"), "0.0000001");
/// assert_eq!(plain_number("1e+21"), "1000000000000000000000");
/// assert_eq!(plain_number("-1.25E1"), "-12.5");
/// assert_eq!(plain_number("12.50"), "12.50");
/// ```
pub fn plain_number(text: &str) -> String {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return if text == "-0" {
            "0".into()
        } else {
            text.to_string()
        };
    };
    let Ok(exponent) = exponent.trim_start_matches('+').parse::<i64>() else {
        return text.to_string();
    };
    if exponent.abs() > MAX_EXPONENT {
        return text.to_string();
    }
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    // The position of the decimal point within `digits`, after the shift.
    let point = i64::try_from(int.len()).unwrap_or(0) + exponent;
    let len = i64::try_from(digits.len()).unwrap_or(0);
    let mut out = String::new();
    if point <= 0 {
        out.push_str("0.");
        for _ in 0..(-point) {
            out.push('0');
        }
        out.push_str(&digits);
    } else if point >= len {
        out.push_str(&digits);
        for _ in 0..(point - len) {
            out.push('0');
        }
    } else {
        let at = usize::try_from(point).unwrap_or(0);
        out.push_str(digits.get(..at).unwrap_or_default());
        out.push('.');
        out.push_str(digits.get(at..).unwrap_or_default());
    }
    // Tidy: no leading zeros before the point, no trailing zeros after it, no bare point.
    let (i, f) = match out.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (out.clone(), String::new()),
    };
    let i = i.trim_start_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    let body = if f.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{f}")
    };
    if negative && body.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        format!("-{body}")
    } else {
        body
    }
}

/// What is wrong with a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonProblem {
    /// The bytes are not UTF-8 text.
    NotUtf8,
    /// A key is given twice in one object; the key.
    DuplicateKey(String),
    /// Half of a surrogate pair without the other half (a `\u` escape in JSON text, or a
    /// host language's string): the code unit, and whether it is in a key.
    LoneSurrogate {
        /// The code unit.
        unit: u16,
        /// Whether it is in a key (a field name) rather than a value.
        in_key: bool,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Not JSON syntax: what was expected or found.
    Syntax(&'static str),
}

/// Why a document is not JSON this reader accepts: the problem, where (a byte offset, when
/// the document was text), and the key of the member it is in, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong.
    pub problem: JsonProblem,
    /// The byte offset in the document, where known.
    pub offset: Option<usize>,
    /// The key of the innermost member the problem is in (a field id, usually).
    pub key: Option<String>,
}

impl JsonError {
    /// What is wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        let at = self
            .offset
            .map(|o| format!("（第 {o} 字节）"))
            .unwrap_or_default();
        let inside = self
            .key
            .as_ref()
            .map(|k| format!("“{}”的值中", quote_short(k)))
            .unwrap_or_default();
        match &self.problem {
            JsonProblem::NotUtf8 => format!(
                "输入不是 UTF-8 文本：第 {} 字节起不是 UTF-8（请另存为 UTF-8 编码）",
                self.offset.unwrap_or(0)
            ),
            JsonProblem::DuplicateKey(k) => {
                format!("“{}”出现了两次{at}：每个字段只能给一次", quote_short(k))
            }
            JsonProblem::LoneSurrogate { unit: u, in_key } => match (&self.key, in_key) {
                (_, true) => format!("字段名含有单独的代理码元 \\u{u:04x}，不是有效文字{at}"),
                (Some(k), false) => format!(
                    "“{}”的值含有单独的代理码元 \\u{u:04x}，不是有效文字{at}",
                    quote_short(k)
                ),
                (None, false) => format!("输入含有单独的代理码元 \\u{u:04x}，不是有效文字{at}"),
            },
            JsonProblem::TooDeep => {
                format!("{inside}嵌套超过 {MAX_DEPTH} 层{at}")
            }
            JsonProblem::Syntax(what) => format!("输入不是有效的 JSON：{what}{at}"),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self
            .offset
            .map(|o| format!(" (at byte {o})"))
            .unwrap_or_default();
        match &self.problem {
            JsonProblem::NotUtf8 => write!(
                f,
                "the input is not UTF-8 text: the bytes from offset {} are not UTF-8 (save it as UTF-8)",
                self.offset.unwrap_or(0)
            ),
            JsonProblem::DuplicateKey(k) => write!(
                f,
                "`{}` is given twice{at}; give each field once",
                quote_short(k)
            ),
            JsonProblem::LoneSurrogate { unit: u, in_key } => match (&self.key, in_key) {
                (_, true) => write!(
                    f,
                    "a field name holds a lone surrogate \\u{u:04x}, which is not text{at}"
                ),
                (Some(k), false) => write!(
                    f,
                    "the value of `{}` holds a lone surrogate \\u{u:04x}, which is not text{at}",
                    quote_short(k)
                ),
                (None, false) => write!(
                    f,
                    "the input holds a lone surrogate \\u{u:04x}, which is not text{at}"
                ),
            },
            JsonProblem::TooDeep => match &self.key {
                Some(k) => write!(
                    f,
                    "the value of `{}` nests deeper than {MAX_DEPTH} levels{at}",
                    quote_short(k)
                ),
                None => write!(f, "the input nests deeper than {MAX_DEPTH} levels{at}"),
            },
            JsonProblem::Syntax(what) => write!(f, "the input is not valid JSON: {what}{at}"),
        }
    }
}

impl std::error::Error for JsonError {}

/// Parses a JSON document given as text.
///
/// # Errors
/// A short description of the first problem and the byte offset where it is.
pub fn parse(text: &str) -> Result<Json, String> {
    read(text.as_bytes()).map_err(|e| e.to_string())
}

/// Reads a JSON document from bytes: UTF-8, with or without a byte-order mark (offsets in
/// errors count from the first byte, the mark included).
///
/// # Errors
/// A [`JsonError`] for the first problem: bytes that are not UTF-8 (naming the offset), a
/// key given twice (naming it), a lone surrogate (naming the member it is in), nesting
/// deeper than [`MAX_DEPTH`], or syntax that is not JSON.
pub fn read(bytes: &[u8]) -> Result<Json, JsonError> {
    let (start, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    if let Err(e) = std::str::from_utf8(body) {
        return Err(JsonError {
            problem: JsonProblem::NotUtf8,
            offset: Some(start + e.valid_up_to()),
            key: None,
        });
    }
    let mut p = Parser {
        bytes: body,
        pos: 0,
        base: start,
        keys: Vec::new(),
    };
    p.space();
    let value = p.value(0)?;
    p.space();
    if p.pos != p.bytes.len() {
        return Err(p.error(JsonProblem::Syntax("text after the end of the document")));
    }
    Ok(value)
}

struct Parser<'a> {
    /// Valid UTF-8 (checked before parsing).
    bytes: &'a [u8],
    pos: usize,
    /// Where `bytes` starts in the document (after a byte-order mark).
    base: usize,
    /// The keys of the members being read, innermost last.
    keys: Vec<String>,
}

/// The field a value too deeply nested belongs to, from the keys leading to it (outermost
/// first): the outermost key, or the one inside saved work's `values`.
pub(crate) fn field_of(keys: &[String]) -> Option<String> {
    match keys {
        [values, field, ..] if values == "values" => Some(field.clone()),
        [first, ..] => Some(first.clone()),
        [] => None,
    }
}

impl Parser<'_> {
    fn error(&self, problem: JsonProblem) -> JsonError {
        // Nesting too deep is a property of a whole value: it names the field that holds
        // it (the outermost key, or the one inside saved work's `values`), not the key
        // thirty levels down that nobody typed.
        let key = match problem {
            JsonProblem::TooDeep => field_of(&self.keys),
            _ => self.keys.last().cloned(),
        };
        JsonError {
            problem,
            offset: Some(self.base + self.pos),
            key,
        }
    }

    fn syntax(&self, what: &'static str) -> JsonError {
        self.error(JsonProblem::Syntax(what))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            Ok(value)
        } else {
            Err(self.syntax("unexpected word"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number, by the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let int = self.digits();
        if int == 0 || (int > 1 && self.bytes.get(int_start) == Some(&b'0')) {
            self.pos = start;
            return Err(self.syntax("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        let text = self.bytes.get(start..self.pos).unwrap_or_default();
        // ASCII digits and signs only, so always UTF-8.
        Ok(Json::Number(String::from_utf8_lossy(text).into_owned()))
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(JsonProblem::TooDeep));
        }
        match self.peek() {
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    self.space();
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.syntax("expected , or ]")),
                    }
                }
            }
            Some(b'{') => {
                self.pos += 1;
                let mut members = Vec::new();
                let mut seen = BTreeSet::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return Err(self.syntax("expected a key"));
                    }
                    let at = self.pos;
                    let key = self.string().map_err(|mut e| {
                        // A problem inside a key is not in the value of the enclosing one.
                        if let JsonProblem::LoneSurrogate { in_key, .. } = &mut e.problem {
                            *in_key = true;
                        }
                        e
                    })?;
                    if !seen.insert(key.clone()) {
                        self.pos = at;
                        return Err(self.error(JsonProblem::DuplicateKey(key)));
                    }
                    self.space();
                    if self.peek() != Some(b':') {
                        return Err(self.syntax("expected :"));
                    }
                    self.pos += 1;
                    self.space();
                    self.keys.push(key);
                    let value = self.value(depth + 1);
                    let key = self.keys.pop().unwrap_or_default();
                    members.push((key, value?));
                    self.space();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(self.syntax("expected , or }")),
                    }
                }
            }
            _ => Err(self.syntax("expected a value")),
        }
    }

    fn hex4(&mut self) -> Result<u16, JsonError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.syntax("short \\u escape"))?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(self.syntax("bad \\u escape"));
        }
        let text = String::from_utf8_lossy(digits);
        let n = u16::from_str_radix(&text, 16).map_err(|_| self.syntax("bad \\u escape"))?;
        self.pos += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while !matches!(self.peek(), None | Some(b'"' | b'\\')) {
                if self.peek().is_some_and(|b| b < 0x20) {
                    return Err(self.syntax("control character in a string"));
                }
                self.pos += 1;
            }
            // The document is valid UTF-8 and runs end at ASCII bytes, so each run is too.
            let run = self.bytes.get(start..self.pos).unwrap_or_default();
            out.push_str(&String::from_utf8_lossy(run));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let escape = self.pos - 1;
                            self.pos += 1;
                            let first = self.hex4()?;
                            let lone = |p: &mut Self| {
                                p.pos = escape;
                                p.error(JsonProblem::LoneSurrogate {
                                    unit: first,
                                    in_key: false,
                                })
                            };
                            let code = match first {
                                0xD800..=0xDBFF => {
                                    if self.bytes.get(self.pos..self.pos + 2)
                                        != Some(b"\\u".as_slice())
                                    {
                                        return Err(lone(self));
                                    }
                                    self.pos += 2;
                                    let second = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&second) {
                                        return Err(lone(self));
                                    }
                                    0x10000
                                        + ((u32::from(first) - 0xD800) << 10)
                                        + (u32::from(second) - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return Err(lone(self)),
                                other => u32::from(other),
                            };
                            out.push(
                                char::from_u32(code)
                                    .ok_or_else(|| self.syntax("bad \\u escape"))?,
                            );
                            continue;
                        }
                        _ => return Err(self.syntax("bad escape")),
                    };
                    out.push(c);
                    self.pos += 1;
                }
                _ => return Err(self.syntax("unterminated string")),
            }
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Builds a JSON object, member by member.
#[derive(Debug)]
pub struct Object {
    text: String,
}

impl Default for Object {
    fn default() -> Self {
        Object::new()
    }
}

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object {
            text: String::from("{"),
        }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if self.text.len() > 1 {
            self.text.push(',');
        }
        quote(key, &mut self.text);
        self.text.push(':');
        &mut self.text
    }

    /// A string member.
    pub fn string(mut self, key: &str, value: &str) -> Self {
        let out = self.key(key);
        quote(value, out);
        self
    }

    /// A string member, or null.
    pub fn opt_string(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.string(key, v),
            None => self.raw(key, "null"),
        }
    }

    /// A member whose value is already JSON text (a number, `true`, a nested object…).
    pub fn raw(mut self, key: &str, json: &str) -> Self {
        self.key(key).push_str(json);
        self
    }

    /// A yes/no member.
    pub fn bool(self, key: &str, value: bool) -> Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    /// An array of strings.
    pub fn strings<'a>(self, key: &str, values: impl IntoIterator<Item = &'a str>) -> Self {
        self.raw(
            key,
            &array(values.into_iter().map(|v| {
                let mut s = String::new();
                quote(v, &mut s);
                s
            })),
        )
    }

    /// The finished object.
    pub fn finish(mut self) -> String {
        self.text.push('}');
        self.text
    }
}

/// A JSON array of values that are already JSON text.
pub fn array(items: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item);
    }
    out.push(']');
    out
}

/// The list of rubrics a site serves, `rubrics/index.json`: one entry per rubric, sorted by
/// id, each naming its compiled file `rubrics/<id>.bin` (what `spacescore publish` writes and
/// the pages read, and the studio's publish bundle holds).
pub fn site_index<'a>(rubrics: impl IntoIterator<Item = &'a crate::Rubric>) -> String {
    let both = |o: Object, key: &str, t: &crate::Text| {
        o.string(key, &t.zh).string(&format!("{key}_en"), &t.en)
    };
    let mut sorted: Vec<&crate::Rubric> = rubrics.into_iter().collect();
    sorted.sort_by(|a, b| a.id().cmp(b.id()));
    let mut json = array(sorted.into_iter().map(|r| {
        let o = Object::new()
            .string("id", r.id())
            .string("version", r.version())
            .string("hash", r.hash())
            .string("method", r.method().as_str())
            .string("title", &r.document().title)
            .string("file", &format!("rubrics/{}.bin", r.id()));
        let o = both(o, "name", r.name());
        let o = both(o, "region", r.region());
        both(o, "space_type", r.space_type()).finish()
    }));
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_what_browsers_write() {
        let text = Object::new()
            .string("a\"b", "line\nbreak\u{1}\u{2028}中文")
            .bool("yes", true)
            .opt_string("none", None)
            .strings("list", ["x", "y"])
            .raw("n", "-1.50")
            .finish();
        let v = read(text.as_bytes()).expect("round trip");
        assert_eq!(
            v.get("a\"b").and_then(Json::as_str),
            Some("line\nbreak\u{1}\u{2028}中文")
        );
        assert_eq!(v.get("yes"), Some(&Json::Bool(true)));
        assert_eq!(v.get("none"), Some(&Json::Null));
        assert_eq!(v.get("n"), Some(&Json::Number("-1.50".into())));
        let browser = r#" { "k" : [ "\u4e2d\ud83d\ude00", true , null, 1e3, -0.5E-2 ] } "#;
        let v = read(browser.as_bytes()).expect("browser JSON");
        assert_eq!(
            v.get("k").map(Json::to_text).as_deref(),
            Some("[\"中😀\",true,null,1000,-0.005]")
        );
        let bom = read(b"\xEF\xBB\xBF{}").expect("a byte-order mark is fine");
        assert_eq!(bom, Json::Object(Vec::new()));
    }

    #[test]
    fn refuses_what_is_not_json_without_panicking() {
        for bad in [
            "",
            "{",
            "{\"a\"}",
            "[1,]",
            "\"\\x\"",
            "nul",
            "{} {}",
            "\"a\u{1}\"",
            "[\"\\u12\"]",
            "[01]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[+1]",
            "[1-2]",
            "[--1]",
            "[NaN]",
            "[Infinity]",
        ] {
            let e = read(bad.as_bytes()).expect_err(bad);
            assert!(matches!(e.problem, JsonProblem::Syntax(_)), "{bad:?}: {e}");
            assert!(e.to_string().contains("at byte"), "{bad:?}: {e}");
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(
            read(deep.as_bytes()).map_err(|e| e.problem),
            Err(JsonProblem::TooDeep),
            "nesting is limited"
        );
    }

    #[test]
    fn names_the_key_given_twice_the_byte_that_is_not_utf8_and_the_field_of_a_lone_surrogate() {
        let e = read(br#"{"events":"-5","events":"12"}"#).expect_err("twice");
        assert_eq!(e.problem, JsonProblem::DuplicateKey("events".into()));
        assert_eq!(e.offset, Some(15));
        assert!(e.to_string().contains("`events` is given twice"), "{e}");
        assert!(
            e.message_zh().contains("“events”出现了两次"),
            "{}",
            e.message_zh()
        );
        // The same key in two different objects is fine.
        assert!(read(br#"{"a":{"x":1},"b":{"x":2}}"#).is_ok());

        let e = read(b"{\"site_area\": \"12\xFF\"}").expect_err("not UTF-8");
        assert_eq!(
            (e.problem.clone(), e.offset),
            (JsonProblem::NotUtf8, Some(17))
        );
        assert!(e.to_string().contains("offset 17"), "{e}");
        let e = read(b"\xEF\xBB\xBF{\"a\":\"\xC3\"}").expect_err("cut short");
        assert_eq!(e.offset, Some(9), "offsets count the byte-order mark");

        for (text, unit) in [
            (r#"{"events":"\ud800"}"#, 0xD800),
            (r#"{"events":"x\udc00y"}"#, 0xDC00),
            (r#"{"events":"\ud800\u0041"}"#, 0xD800),
            (r#"{"values":{"events":["a","\udbff"]}}"#, 0xDBFF),
        ] {
            let e = read(text.as_bytes()).expect_err(text);
            assert_eq!(
                e.problem,
                JsonProblem::LoneSurrogate {
                    unit,
                    in_key: false
                },
                "{text}"
            );
            assert_eq!(e.key.as_deref(), Some("events"), "{text}");
            assert!(e.to_string().contains("the value of `events`"), "{e}");
            assert!(e.to_string().contains(&format!("\\u{unit:04x}")), "{e}");
        }
        let e = read(br#"{"\ud800":1}"#).expect_err("in a key");
        assert!(matches!(
            e.problem,
            JsonProblem::LoneSurrogate { in_key: true, .. }
        ));
        assert!(e.to_string().starts_with("a field name holds"), "{e}");
    }

    #[test]
    fn numbers_are_read_by_the_json_grammar_and_expanded_exactly() {
        for (text, plain) in [
            ("0", "0"),
            ("-0", "0"),
            ("12.50", "12.50"),
            ("1e-7", "0.0000001"),
            ("1E+21", "1000000000000000000000"),
            ("2.5e1", "25"),
            ("-1.25e-2", "-0.0125"),
            ("0.0e5", "0"),
            ("-0e3", "0"),
            ("123e-1", "12.3"),
            ("5e-324", &format!("0.{}5", "0".repeat(323))),
            ("1e401", "1e401"),
        ] {
            assert_eq!(plain_number(text), plain, "{text}");
            let doc = read(format!("[{text}]").as_bytes()).expect(text);
            assert_eq!(doc, Json::Array(vec![Json::Number(text.into())]));
        }
    }
}
