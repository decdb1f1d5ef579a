//! One table of hostile input, run through every door: the CLI (in-process, reading the
//! document as it reads a file or standard input) and the JS API's Rust side, which is the
//! core's reader for JSON text or bytes (`score(id, text)`) and the core's walk over JS
//! values for objects (`score(id, object)`), driven here by a stand-in for JS values. Each
//! case names what it must give: the document refused with a message saying why, or read,
//! with a field error naming the field. Where a case has both a JSON document and a JS
//! value, both doors must give the same message (offsets aside: a JS object has none) and,
//! when the document is read, the same report.

use serde_json::Value as JsonValue;
use spacescore_core::reader::{self, HostKind, HostValue, ReadError, MAX_BYTES};
use spacescore_core::{score, ScoreOutput};

/// A stand-in for a JS value, as the JS API's walk sees one.
#[derive(Debug, Clone)]
enum Js {
    Undefined,
    Null,
    Bool(bool),
    Num(f64),
    BigInt(&'static str),
    /// A string, as UTF-16 code units (so it can hold a lone surrogate).
    Str(Vec<u16>),
    /// A string this many code units long that must never be copied.
    Huge(usize),
    Arr(Vec<Js>),
    /// A plain object: its own properties, and what its prototype chain holds (never read).
    Obj {
        own: Vec<(Js, Js)>,
        inherited: Vec<(Js, Js)>,
    },
    /// Anything JSON cannot hold: a `Set`, a `Date`, a function…
    Other(&'static str),
}

fn s(text: &str) -> Js {
    Js::Str(text.encode_utf16().collect())
}

fn obj(own: Vec<(&str, Js)>) -> Js {
    Js::Obj {
        own: own.into_iter().map(|(k, v)| (s(k), v)).collect(),
        inherited: Vec::new(),
    }
}

impl HostValue for Js {
    fn kind(&self) -> HostKind {
        match self {
            Js::Undefined | Js::Null => HostKind::Absent,
            Js::Bool(b) => HostKind::Bool(*b),
            Js::Num(x) => HostKind::Number(spacescore_js::number_text(*x)),
            Js::BigInt(d) => HostKind::BigInt(d.to_string()),
            Js::Str(_) | Js::Huge(_) => HostKind::Text,
            Js::Arr(_) => HostKind::List,
            Js::Obj { .. } => HostKind::Object,
            Js::Other(what) => HostKind::Other(what.to_string()),
        }
    }

    fn text_len(&self) -> usize {
        match self {
            Js::Str(units) => units.len(),
            Js::Huge(n) => *n,
            _ => 0,
        }
    }

    fn text(&self) -> Result<String, u16> {
        match self {
            Js::Str(units) => char::decode_utf16(units.iter().copied())
                .map(|c| c.map_err(|e| e.unpaired_surrogate()))
                .collect(),
            Js::Huge(n) => panic!("a string of {n} code units was copied"),
            _ => Ok(String::new()),
        }
    }

    fn members(&self) -> Result<Vec<(Js, Js)>, String> {
        match self {
            Js::Arr(items) => Ok(items.iter().map(|i| (Js::Undefined, i.clone())).collect()),
            // Only own properties, as `Object.keys` gives them: what the prototype chain
            // holds is never handed out.
            Js::Obj { own, .. } => Ok(own.clone()),
            _ => Ok(Vec::new()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Js::Arr(items) => items.len(),
            Js::Obj { own, .. } => own.len(),
            _ => 0,
        }
    }
}

impl Js {
    /// The object as a walk that followed the prototype chain (`for…in`, or reading
    /// `inputs.format` directly) would see it: inherited properties as if they were its own.
    fn flattened(&self) -> Js {
        match self {
            Js::Obj { own, inherited } => Js::Obj {
                own: own.iter().chain(inherited).cloned().collect(),
                inherited: Vec::new(),
            },
            other => other.clone(),
        }
    }
}

/// What a case must give.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// The document is refused; the message contains every part. `type_error`: the JS API
    /// throws a `TypeError` (the wrong kind of value, or too large), else an `Error`.
    Refused {
        parts: &'static [&'static str],
        type_error: bool,
    },
    /// The document is read; `field` is reported, its English message containing every part.
    FieldError {
        field: &'static str,
        parts: &'static [&'static str],
    },
    /// The document is read; the item scores this.
    Scores {
        item: &'static str,
        score: &'static str,
    },
    /// The document is read; `ignored` lists this (escaped) key.
    Ignored(&'static str),
}

struct Case {
    name: &'static str,
    rubric: &'static str,
    /// The document as the CLI reads it (and the JS API given text or bytes).
    json: Option<Vec<u8>>,
    /// The same as a JS value, where one can hold it.
    js: Option<Js>,
    want: Want,
}

fn cases() -> Vec<Case> {
    let xx = "xinxiang/comprehensive";
    let im = "inner-mongolia/maker-space";
    let big_value = "9".repeat(100_000);
    let deep = |n: usize| {
        let mut j = b"1".to_vec();
        let mut v = Js::Num(1.0);
        for _ in 0..n {
            j = [b"[".as_slice(), &j, b"]"].concat();
            v = Js::Arr(vec![v]);
        }
        (
            [b"{\"events\":".as_slice(), &j, b"}"].concat(),
            obj(vec![("events", v)]),
        )
    };
    let (deep_json, deep_js) = deep(40);
    // Objects inside objects: the keys thirty levels down are not the field.
    let deep_objects = |n: usize, saved: bool| {
        let mut j = b"1".to_vec();
        let mut v = Js::Num(1.0);
        for _ in 0..n {
            j = [b"{\"inner\":".as_slice(), &j, b"}"].concat();
            v = obj(vec![("inner", v)]);
        }
        let field = [b"{\"events\":".as_slice(), &j, b"}"].concat();
        let field_js = obj(vec![("events", v)]);
        if saved {
            (
                [
                    br#"{"format":"spacescore/1","rubric":"inner-mongolia/maker-space","rubric_version":"1","values":"#.as_slice(),
                    &field,
                    b"}",
                ]
                .concat(),
                obj(vec![
                    ("format", s("spacescore/1")),
                    ("rubric", s("inner-mongolia/maker-space")),
                    ("rubric_version", s("1")),
                    ("values", field_js),
                ]),
            )
        } else {
            (field, field_js)
        }
    };
    let (deep_obj_json, deep_obj_js) = deep_objects(40, false);
    let (deep_saved_json, deep_saved_js) = deep_objects(40, true);
    vec![
        Case {
            name: "objects nested deeper than 32 levels name the field, not the inner key",
            rubric: im,
            json: Some(deep_obj_json),
            js: Some(deep_obj_js),
            want: Want::Refused {
                parts: &["the value of `events` nests deeper than 32 levels"],
                type_error: false,
            },
        },
        Case {
            name: "in saved work, nesting too deep names the field inside `values`",
            rubric: im,
            json: Some(deep_saved_json),
            js: Some(deep_saved_js),
            want: Want::Refused {
                parts: &["the value of `events` nests deeper than 32 levels"],
                type_error: false,
            },
        },
        Case {
            name: "a key given twice is an error naming it, not last-wins",
            rubric: xx,
            json: Some(br#"{"events":"-5","events":"12"}"#.to_vec()),
            js: None,
            want: Want::Refused {
                parts: &["`events` is given twice", "at byte 15"],
                type_error: false,
            },
        },
        Case {
            name: "a key given twice inside saved work's values",
            rubric: xx,
            json: Some(
                br#"{"format":"spacescore/1","values":{"events":"1","events":"2"}}"#.to_vec(),
            ),
            js: None,
            want: Want::Refused {
                parts: &["`events` is given twice"],
                type_error: false,
            },
        },
        Case {
            name: "bytes that are not UTF-8 are an error naming the offset, never reinterpreted",
            rubric: im,
            json: Some(b"{\"site_area\":\"12\xFF\"}".to_vec()),
            js: None,
            want: Want::Refused {
                parts: &["not UTF-8", "offset 16"],
                type_error: false,
            },
        },
        Case {
            name: "GB18030 text (as Excel saves) is not guessed at for JSON",
            rubric: im,
            json: Some(b"{\"site_area\":\"\xBC\xD7\"}".to_vec()),
            js: None,
            want: Want::Refused {
                parts: &["not UTF-8", "offset 14"],
                type_error: false,
            },
        },
        Case {
            name: "a lone surrogate is an error naming its field",
            rubric: xx,
            json: Some(br#"{"events":"\ud800"}"#.to_vec()),
            js: Some(obj(vec![("events", Js::Str(vec![0xD800]))])),
            want: Want::Refused {
                parts: &["the value of `events` holds a lone surrogate \\ud800"],
                type_error: false,
            },
        },
        Case {
            name: "a lone low surrogate inside a list names its field",
            rubric: xx,
            json: Some(br#"{"mentor_categories":["financing","\udc00"]}"#.to_vec()),
            js: Some(obj(vec![(
                "mentor_categories",
                Js::Arr(vec![s("financing"), Js::Str(vec![0xDC00])]),
            )])),
            want: Want::Refused {
                parts: &["the value of `mentor_categories` holds a lone surrogate \\udc00"],
                type_error: false,
            },
        },
        Case {
            name: "a lone surrogate in a field name says so",
            rubric: xx,
            json: Some(br#"{"\udbff":"1"}"#.to_vec()),
            js: Some(Js::Obj {
                own: vec![(Js::Str(vec![0xDBFF]), s("1"))],
                inherited: Vec::new(),
            }),
            want: Want::Refused {
                parts: &["a field name holds a lone surrogate \\udbff"],
                type_error: false,
            },
        },
        Case {
            name: "unit-only text 万元 is an error for its field, not missing",
            rubric: xx,
            json: Some(r#"{"incubation_fund":"万元"}"#.as_bytes().to_vec()),
            js: Some(obj(vec![("incubation_fund", s("万元"))])),
            want: Want::FieldError {
                field: "incubation_fund",
                parts: &["“万元” is only a unit"],
            },
        },
        Case {
            name: "unit-only text 场次 is an error for its field, not missing",
            rubric: xx,
            json: Some(r#"{"events":" 场次 "}"#.as_bytes().to_vec()),
            js: Some(obj(vec![("events", s(" 场次 "))])),
            want: Want::FieldError {
                field: "events",
                parts: &["“场次” is only a unit"],
            },
        },
        Case {
            name: "unit-only text 分 in a self-score is an error for its field, not missing",
            rubric: xx,
            json: Some(r#"{"score.regional":"分"}"#.as_bytes().to_vec()),
            js: Some(obj(vec![("score.regional", s("分"))])),
            want: Want::FieldError {
                field: "score.regional",
                parts: &["“分” is only a unit"],
            },
        },
        Case {
            name: "an unknown saved-work format is an error saying which formats are read",
            rubric: xx,
            json: Some(br#"{"format":"spacescore/999","rubric":"x/y","values":{}}"#.to_vec()),
            js: Some(obj(vec![
                ("format", s("spacescore/999")),
                ("values", obj(vec![])),
            ])),
            want: Want::Refused {
                parts: &[
                    "unknown saved-work format `spacescore/999`",
                    "this version reads spacescore/1",
                ],
                type_error: false,
            },
        },
        Case {
            name: "a format that is not text is an unknown format too",
            rubric: xx,
            json: Some(br#"{"format":1,"values":{"events":"3"}}"#.to_vec()),
            js: Some(obj(vec![
                ("format", Js::Num(1.0)),
                ("values", obj(vec![("events", s("3"))])),
            ])),
            want: Want::Refused {
                parts: &["unknown saved-work format `1`"],
                type_error: false,
            },
        },
        Case {
            name: "saved work without values is refused, not scored as empty",
            rubric: xx,
            json: Some(br#"{"format":"spacescore/1","values":"x"}"#.to_vec()),
            js: Some(obj(vec![("format", s("spacescore/1")), ("values", s("x"))])),
            want: Want::Refused {
                parts: &["`values` must be an object, not a string"],
                type_error: false,
            },
        },
        Case {
            name: "saved work is scored from its values",
            rubric: xx,
            json: Some(
                br#"{"format":"spacescore/1","rubric":"xinxiang/comprehensive","rubric_version":"0","values":{"incubation_fund":"180"}}"#
                    .to_vec(),
            ),
            js: Some(obj(vec![
                ("format", s("spacescore/1")),
                ("rubric", s("xinxiang/comprehensive")),
                ("rubric_version", s("0")),
                ("values", obj(vec![("incubation_fund", s("180"))])),
            ])),
            want: Want::Scores {
                item: "incubation-fund",
                score: "7",
            },
        },
        Case {
            name: "a huge value is not echoed whole",
            rubric: xx,
            json: Some(format!(r#"{{"events":"{big_value}x"}}"#).into_bytes()),
            js: Some(obj(vec![("events", s(&format!("{big_value}x")))])),
            want: Want::FieldError {
                field: "events",
                parts: &["…（共 100001 字符 / 100001 characters）"],
            },
        },
        Case {
            name: "a document over the size limit is refused before it is read",
            rubric: xx,
            json: Some(format!(r#"{{"events":"{}"}}"#, "9".repeat(MAX_BYTES)).into_bytes()),
            js: Some(obj(vec![("events", Js::Huge(400_000_000))])),
            want: Want::Refused {
                parts: &["too large", "at most 262144"],
                type_error: true,
            },
        },
        Case {
            name: "control characters in an echoed value are escaped",
            rubric: xx,
            json: Some(br#"{"events":"1\u0007\u202e2"}"#.to_vec()),
            js: Some(obj(vec![("events", s("1\u{7}\u{202e}2"))])),
            want: Want::FieldError {
                field: "events",
                parts: &["“1\\u{7}\\u{202e}2” is not one"],
            },
        },
        Case {
            name: "control characters in an ignored key are escaped",
            rubric: xx,
            json: Some(br#"{"\u001b[31mred":"1"}"#.to_vec()),
            js: Some(obj(vec![("\u{1b}[31mred", s("1"))])),
            want: Want::Ignored("\\u{1b}[31mred"),
        },
        Case {
            name: "a number keeps its exact value: 1e-7 is 0.0000001, not refused and not a float",
            rubric: xx,
            json: Some(br#"{"incubation_fund":1e-7,"score.regional":25e-1}"#.to_vec()),
            js: Some(obj(vec![
                ("incubation_fund", Js::Num(1e-7)),
                ("score.regional", Js::Num(2.5)),
            ])),
            want: Want::Scores {
                item: "regional",
                score: "2.5",
            },
        },
        Case {
            name: "an exponent is expanded exactly: 1.8e2 is 180",
            rubric: xx,
            json: Some(br#"{"incubation_fund":1.8e2}"#.to_vec()),
            js: Some(obj(vec![("incubation_fund", Js::Num(1.8e2))])),
            want: Want::Scores {
                item: "incubation-fund",
                score: "7",
            },
        },
        Case {
            name: "0.1 + 0.2 is its shortest round-trip text: too many decimal places",
            rubric: xx,
            json: Some(br#"{"incubation_fund":0.30000000000000004}"#.to_vec()),
            js: Some(obj(vec![("incubation_fund", Js::Num(0.1 + 0.2))])),
            want: Want::FieldError {
                field: "incubation_fund",
                parts: &["too many decimal places"],
            },
        },
        Case {
            name: "1e21 is read as the whole number it is, and is implausibly large",
            rubric: im,
            json: Some(br#"{"site_area":1e21}"#.to_vec()),
            js: Some(obj(vec![("site_area", Js::Num(1e21))])),
            want: Want::FieldError {
                field: "site_area",
                parts: &["implausibly large (“1000000000000000000000”)"],
            },
        },
        Case {
            name: "an exponent beyond any quantity is a field error saying so",
            rubric: im,
            json: Some(br#"{"site_area":1e999}"#.to_vec()),
            js: None,
            want: Want::FieldError {
                field: "site_area",
                parts: &["“1e999” uses an exponent"],
            },
        },
        Case {
            name: "NaN is not a number, as the text NaN is not",
            rubric: im,
            json: Some(br#"{"site_area":"NaN"}"#.to_vec()),
            js: Some(obj(vec![("site_area", Js::Num(f64::NAN))])),
            want: Want::FieldError {
                field: "site_area",
                parts: &["“NaN” is not one"],
            },
        },
        Case {
            name: "Infinity is not a number, as the text Infinity is not",
            rubric: im,
            json: Some(br#"{"site_area":"-Infinity"}"#.to_vec()),
            js: Some(obj(vec![("site_area", Js::Num(f64::NEG_INFINITY))])),
            want: Want::FieldError {
                field: "site_area",
                parts: &["“-Infinity” is not one"],
            },
        },
        Case {
            name: "NaN as a bare word is not JSON",
            rubric: im,
            json: Some(br#"{"site_area":NaN}"#.to_vec()),
            js: None,
            want: Want::Refused {
                parts: &["not valid JSON", "at byte 13"],
                type_error: false,
            },
        },
        Case {
            name: "a bigint is its digits",
            rubric: im,
            json: Some(br#"{"mentors":7}"#.to_vec()),
            js: Some(obj(vec![("mentors", Js::BigInt("7"))])),
            want: Want::Scores {
                item: "mentor-count",
                score: "3",
            },
        },
        Case {
            name: "an object value is kept as its JSON text and reported against its field",
            rubric: im,
            json: Some(br#"{"site_area":{"value":5e2}}"#.to_vec()),
            js: Some(obj(vec![("site_area", obj(vec![("value", Js::Num(500.0))]))])),
            want: Want::FieldError {
                field: "site_area",
                parts: &[r#"“{"value":500}” is not one"#],
            },
        },
        Case {
            name: "null and undefined are not given",
            rubric: im,
            json: Some(br#"{"site_area":null,"workstations":null,"mentors":"4"}"#.to_vec()),
            js: Some(obj(vec![
                ("site_area", Js::Null),
                ("workstations", Js::Undefined),
                ("mentors", s("4")),
            ])),
            want: Want::Scores {
                item: "service-area",
                score: "0",
            },
        },
        Case {
            name: "true and false are yes and no",
            rubric: xx,
            json: Some(br#"{"public_service_platform":true,"score.public-platform":"3"}"#.to_vec()),
            js: Some(obj(vec![
                ("public_service_platform", Js::Bool(true)),
                ("score.public-platform", s("3")),
            ])),
            want: Want::Scores {
                item: "public-platform",
                score: "8",
            },
        },
        Case {
            name: "nesting deeper than 32 levels is refused, naming the field",
            rubric: im,
            json: Some(deep_json),
            js: Some(deep_js),
            want: Want::Refused {
                parts: &["the value of `events` nests deeper than 32 levels"],
                type_error: false,
            },
        },
        Case {
            name: "a document that is not an object is refused, saying what it is",
            rubric: im,
            json: Some(b"[1, 2]".to_vec()),
            js: Some(Js::Arr(vec![Js::Num(1.0), Js::Num(2.0)])),
            want: Want::Refused {
                parts: &["object of field id → value, not an array"],
                type_error: true,
            },
        },
        Case {
            name: "a polluted prototype does not change the result: only own properties are read",
            rubric: xx,
            json: Some(br#"{"incubation_fund":"180"}"#.to_vec()),
            js: Some(Js::Obj {
                own: vec![(s("incubation_fund"), s("180"))],
                inherited: vec![
                    (s("format"), s("spacescore/999")),
                    (s("values"), obj(vec![("incubation_fund", s("1000"))])),
                ],
            }),
            want: Want::Scores {
                item: "incubation-fund",
                score: "7",
            },
        },
        Case {
            name: "a Set is a TypeError",
            rubric: xx,
            json: None,
            js: Some(Js::Other("a Set object")),
            want: Want::Refused {
                parts: &["plain object", "not a Set object"],
                type_error: true,
            },
        },
        Case {
            name: "a Date as a value is a TypeError naming the field",
            rubric: xx,
            json: None,
            js: Some(obj(vec![("events", Js::Other("a Date object"))])),
            want: Want::Refused {
                parts: &["the value of `events` is a Date object, which JSON cannot hold"],
                type_error: true,
            },
        },
        Case {
            name: "a RegExp inside a list is a TypeError naming the field",
            rubric: xx,
            json: None,
            js: Some(obj(vec![(
                "mentor_categories",
                Js::Arr(vec![s("financing"), Js::Other("a RegExp object")]),
            )])),
            want: Want::Refused {
                parts: &["`mentor_categories` is a RegExp object"],
                type_error: true,
            },
        },
    ]
}

/// The JS API's other non-plain values, each refused the same way.
const NOT_PLAIN: &[&str] = &[
    "a Promise object",
    "a Uint8Array object",
    "a String object",
    "a function",
    "a symbol",
];

/// What the CLI gives: the refusal message, or the report as JSON.
fn cli(rubric: &str, json: &[u8]) -> Result<JsonValue, String> {
    let args: Vec<String> = ["score", rubric, "-"]
        .iter()
        .map(|a| a.to_string())
        .collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut input = json;
    match spacescore_cli::run(&args, &mut input, &mut out, &mut err) {
        Ok(()) => Ok(serde_json::from_slice(&out).expect("the CLI prints JSON")),
        Err(e) => {
            assert_eq!(e.exit_code(), 1, "an unreadable input exits with 1: {e}");
            Err(e.to_string())
        }
    }
}

/// What the JS API's Rust side gives for a JS value: the refusal (and whether it is a
/// `TypeError`), or the report as JSON.
fn js(rubric: &str, value: &Js) -> Result<JsonValue, (String, bool)> {
    let catalog = spacescore_builtin::catalog();
    let r = catalog.rubric(rubric).expect("a built-in rubric");
    match reader::from_host(value) {
        Ok(doc) => Ok(
            serde_json::to_value(ScoreOutput::of(score(r, &doc.inputs), &doc, r)).expect("JSON"),
        ),
        Err(e) => Err((e.to_string(), e.is_type_error())),
    }
}

/// The JS API given the same document as text: the core's reader, as `score(id, text)` uses it.
fn js_text(rubric: &str, json: &[u8]) -> Result<JsonValue, (String, bool)> {
    let catalog = spacescore_builtin::catalog();
    let r = catalog.rubric(rubric).expect("a built-in rubric");
    match reader::read(json) {
        Ok(doc) => Ok(
            serde_json::to_value(ScoreOutput::of(score(r, &doc.inputs), &doc, r)).expect("JSON"),
        ),
        Err(e) => Err((e.to_string(), e.is_type_error())),
    }
}

/// Checks one door's result against the case; the failures.
fn check(door: &str, case: &Case, got: &Result<JsonValue, (String, bool)>) -> Vec<String> {
    let mut out = Vec::new();
    let mut fail = |m: String| out.push(format!("{} [{door}]: {m}", case.name));
    match (case.want, got) {
        (Want::Refused { parts, type_error }, Err((message, is_type))) => {
            for p in parts {
                if !message.contains(p) {
                    fail(format!("the message lacks “{p}”: {message}"));
                }
            }
            if message.chars().count() > 400 {
                fail(format!(
                    "the message is {} characters long",
                    message.chars().count()
                ));
            }
            if message.chars().any(|c| c.is_control()) {
                fail(format!(
                    "the message holds a control character: {message:?}"
                ));
            }
            if door != "cli" && *is_type != type_error {
                fail(format!("TypeError expected: {type_error}, got {is_type}"));
            }
        }
        (Want::Refused { .. }, Ok(_)) => fail("the document was read, not refused".into()),
        (_, Err((message, _))) => fail(format!("refused: {message}")),
        (Want::FieldError { field, parts }, Ok(report)) => {
            let errors = report["errors"].as_array().cloned().unwrap_or_default();
            match errors.iter().find(|e| e["field"] == field) {
                None => fail(format!("no error for `{field}`: {errors:?}")),
                Some(e) => {
                    let message = e["message_en"].as_str().unwrap_or_default();
                    for p in parts {
                        if !message.contains(p) {
                            fail(format!("the message lacks “{p}”: {message}"));
                        }
                    }
                    let zh = e["message"].as_str().unwrap_or_default();
                    for m in [message, zh] {
                        if m.chars().count() > 200 || m.chars().any(|c| c.is_control()) {
                            fail(format!(
                                "the message is long or holds a control character: {m:?}"
                            ));
                        }
                    }
                }
            }
            if report["missing"]
                .as_array()
                .is_some_and(|m| m.iter().any(|f| f == field))
            {
                fail(format!("`{field}` is listed as missing as well"));
            }
        }
        (Want::Scores { item, score }, Ok(report)) => {
            let got = report["items"]
                .as_array()
                .and_then(|a| a.iter().find(|i| i["id"] == item))
                .map(|i| i["score"].clone());
            if got != Some(JsonValue::String(score.into())) {
                fail(format!("item `{item}`: expected {score}, got {got:?}"));
            }
            if report["errors"].as_array().is_some_and(|e| !e.is_empty()) {
                fail(format!("unexpected errors: {}", report["errors"]));
            }
        }
        (Want::Ignored(key), Ok(report)) => {
            let ignored = report["ignored"].as_array().cloned().unwrap_or_default();
            if !ignored.iter().any(|k| k == key) {
                fail(format!("`ignored` lacks {key:?}: {ignored:?}"));
            }
        }
    }
    out
}

/// A message without its byte offset, to compare the doors.
fn without_offset(m: &str) -> String {
    match m.find(" (at byte ") {
        Some(i) => m[..i].to_string(),
        None => m.to_string(),
    }
}

#[test]
fn every_hostile_case_gives_its_expected_result_through_the_cli_and_the_js_api() {
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let from_cli = case.json.as_deref().map(|j| cli(case.rubric, j));
        let from_text = case.json.as_deref().map(|j| js_text(case.rubric, j));
        let from_js = case.js.as_ref().map(|v| js(case.rubric, v));
        if let Some(got) = &from_cli {
            let got = got.clone().map_err(|m| (m, false));
            failures.extend(check("cli", case, &got));
        }
        if let Some(got) = &from_text {
            failures.extend(check("js text", case, got));
        }
        if let Some(got) = &from_js {
            failures.extend(check("js object", case, got));
        }
        // The doors agree (a refusal for size reports how much each read).
        let sized = matches!(
            case.want,
            Want::Refused {
                type_error: true,
                ..
            }
        );
        if let (Some(cli), Some(text), false) = (&from_cli, &from_text, sized) {
            match (cli, text) {
                (Ok(a), Ok(b)) if a != b => {
                    failures.push(format!("{}: CLI and JS text reports differ", case.name))
                }
                (Err(a), Err((b, _))) if a != b => failures.push(format!(
                    "{}: CLI and JS text messages differ:\n  {a}\n  {b}",
                    case.name
                )),
                _ => {}
            }
        }
        if let (Some(cli), Some(js)) = (&from_cli, &from_js) {
            match (cli, js) {
                (Ok(a), Ok(b)) if a != b && !matches!(case.want, Want::FieldError { .. }) => {
                    failures.push(format!("{}: CLI and JS object reports differ", case.name))
                }
                (Ok(a), Ok(b)) => {
                    let errors = |r: &JsonValue| r["errors"].clone();
                    if errors(a) != errors(b) {
                        failures.push(format!(
                            "{}: CLI and JS object field errors differ:\n  {}\n  {}",
                            case.name,
                            errors(a),
                            errors(b)
                        ));
                    }
                }
                (Err(a), Err((b, _))) if without_offset(a) != without_offset(b) && !sized => {
                    failures.push(format!(
                        "{}: CLI and JS object messages differ:\n  {a}\n  {b}",
                        case.name
                    ))
                }
                _ => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures in {} hostile cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_kind_of_value_json_cannot_hold_is_a_type_error_naming_its_field() {
    for what in NOT_PLAIN {
        let top = reader::from_host(&Js::Other(what)).expect_err(what);
        assert!(top.is_type_error(), "{what}");
        assert!(top.to_string().ends_with(&format!("not {what}")), "{top}");
        let inside = reader::from_host(&obj(vec![("events", Js::Other(what))])).expect_err(what);
        assert!(
            matches!(&inside, ReadError::NotPlain { field: Some(f), .. } if f == "events"),
            "{inside:?}"
        );
        assert!(
            inside.message_zh().contains("“events”"),
            "{}",
            inside.message_zh()
        );
    }
}

#[test]
fn the_size_limit_counts_before_copying_and_holds_for_many_small_values_too() {
    // A huge string is refused from its length alone (the stand-in panics if copied).
    let huge = obj(vec![("events", Js::Huge(usize::MAX))]);
    assert!(matches!(
        reader::from_host(&huge),
        Err(ReadError::TooLarge(_))
    ));
    // So is a huge key.
    let key = Js::Obj {
        own: vec![(Js::Huge(400_000_000), s("1"))],
        inherited: Vec::new(),
    };
    assert!(matches!(
        reader::from_host(&key),
        Err(ReadError::TooLarge(_))
    ));
    // Many small members add up.
    let many = Js::Arr((0..MAX_BYTES).map(|_| Js::Num(1.0)).collect());
    let e = reader::from_host(&obj(vec![("mentor_categories", many)])).expect_err("too large");
    assert!(matches!(e, ReadError::TooLarge(_)), "{e}");
    // Just under the limit is read.
    let fits = obj(vec![("events", s(&"1".repeat(MAX_BYTES - 100)))]);
    assert!(reader::from_host(&fits).is_ok());
    // The CLI reads no more than one byte past the limit from a stream.
    struct Endless(usize);
    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            assert!(
                self.0 < 64 * MAX_BYTES,
                "the CLI kept reading an endless stream"
            );
            buf.fill(b' ');
            Ok(buf.len())
        }
    }
    let args: Vec<String> = ["score", "xinxiang/comprehensive"]
        .iter()
        .map(|a| a.to_string())
        .collect();
    let e = spacescore_cli::run(&args, &mut Endless(0), &mut Vec::new(), &mut Vec::new())
        .expect_err("an endless stream");
    assert!(e.to_string().contains("too large"), "{e}");
}

#[test]
fn inherited_properties_would_change_the_result_so_reading_only_own_ones_matters() {
    // The polluted case of the table scores 7 because the walk reads only own properties;
    // a walk that also read inherited ones would see an unknown format and refuse it.
    let case = cases()
        .into_iter()
        .find(|c| c.name.starts_with("a polluted prototype"))
        .expect("the polluted case");
    let polluted = case.js.expect("a JS value");
    assert!(reader::from_host(&polluted).is_ok());
    let e = reader::from_host(&polluted.flattened()).expect_err("the inherited format");
    assert!(matches!(e, ReadError::UnknownFormat(_)), "{e}");
}
