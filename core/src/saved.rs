//! Saved work: the one format for the browser's local storage, exported files and share
//! links, and how it is read back defensively.
//!
//! Saved data may be stale (the rubric changed since), corrupted, or hostile (a crafted
//! share link). Reading it never panics and never loses what can be kept: unknown fields
//! and values of the wrong shape are dropped and listed, everything else is restored
//! exactly as it was typed, and a version change is reported so the person can check.

use std::fmt;

use crate::input::{Inputs, Value};
use crate::json::{self, Object};
use crate::json_inputs::ReadError;
use crate::rubric::Rubric;

/// The format tag of saved work this version writes.
pub use crate::json_inputs::SAVED_FORMAT as FORMAT;
/// The longest saved document or share link accepted, in bytes: the limit of every input
/// document ([`crate::json_inputs::MAX_BYTES`]).
pub const MAX_BYTES: usize = crate::json_inputs::MAX_BYTES;
/// The longest text kept for one field; longer text is dropped as implausible.
pub const MAX_TEXT: usize = 200;
/// The most checklist choices kept for one field.
pub const MAX_CHOICES: usize = 64;

/// One space's figures for one rubric, as saved.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedWork {
    /// Always [`FORMAT`].
    pub format: String,
    /// The rubric id.
    pub rubric: String,
    /// The rubric data's version when saved.
    pub rubric_version: String,
    /// The rubric's content hash when saved ([`Rubric::hash`]); absent in work saved by
    /// versions of spacescore before rubric files could be loaded.
    pub rubric_hash: Option<String>,
    /// When it was saved (ISO 8601), if known.
    pub saved_at: Option<String>,
    /// The applicant (申报单位) the work is filed for, as typed; absent in work saved before
    /// the page asked for it, and when none was typed.
    pub applicant: Option<String>,
    /// Field id to what was typed.
    pub values: Inputs,
    /// What-if scenarios kept beside the figures (“方案 A”), oldest first.
    pub scenarios: Vec<Scenario>,
    /// Members beside `values` that are not part of saved work (figures written next to
    /// `values` instead of inside it): never read, and listed as dropped when restored.
    pub beside: Vec<String>,
}

/// A set of figures kept under a name to compare the current ones with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// Its name, as the person gave it or the page chose (“方案 A”).
    pub name: String,
    /// Field id to what was typed.
    pub values: Inputs,
}

/// The most scenarios kept with one piece of work.
pub const MAX_SCENARIOS: usize = 8;

impl SavedWork {
    /// Saved work for `rubric` holding `values`.
    pub fn new(rubric: &Rubric, values: Inputs, saved_at: Option<String>) -> Self {
        SavedWork {
            format: FORMAT.to_string(),
            rubric: rubric.id().to_string(),
            rubric_version: rubric.version().to_string(),
            rubric_hash: Some(rubric.hash().to_string()).filter(|h| !h.is_empty()),
            saved_at,
            applicant: None,
            values,
            scenarios: Vec::new(),
            beside: Vec::new(),
        }
    }

    /// The document as JSON text, on one line.
    pub fn to_json(&self) -> String {
        self.render(false)
    }

    /// The document as JSON text with one value per line, for files people may open.
    pub fn to_json_pretty(&self) -> String {
        self.render(true)
    }

    fn render(&self, pretty: bool) -> String {
        let (nl, outer, inner, colon) = if pretty {
            ("\n", "  ", "    ", ": ")
        } else {
            ("", "", "", ":")
        };
        let quoted = |s: &str| {
            let mut q = String::new();
            json::quote(s, &mut q);
            q
        };
        let members = |pairs: Vec<(String, String)>, indent: &str, close: &str| {
            if pairs.is_empty() {
                return "{}".to_string();
            }
            let body: Vec<String> = pairs
                .into_iter()
                .map(|(k, v)| format!("{nl}{indent}{}{colon}{v}", quoted(&k)))
                .collect();
            format!("{{{}{nl}{close}}}", body.join(","))
        };
        let value_pairs = |values: &Inputs| -> Vec<(String, String)> {
            values
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        Value::Text(t) => quoted(t),
                        Value::Bool(b) => b.to_string(),
                        Value::List(l) => json::array(l.iter().map(|c| quoted(c))),
                    };
                    (k.clone(), v)
                })
                .collect()
        };
        let values = value_pairs(&self.values);
        let mut top = vec![
            ("format".to_string(), quoted(&self.format)),
            ("rubric".to_string(), quoted(&self.rubric)),
            ("rubric_version".to_string(), quoted(&self.rubric_version)),
        ];
        if let Some(hash) = &self.rubric_hash {
            top.push(("rubric_hash".to_string(), quoted(hash)));
        }
        if let Some(at) = &self.saved_at {
            top.push(("saved_at".to_string(), quoted(at)));
        }
        if let Some(name) = &self.applicant {
            top.push(("applicant".to_string(), quoted(name)));
        }
        top.push(("values".to_string(), members(values, inner, outer)));
        if !self.scenarios.is_empty() {
            // One scenario per line when pretty; its figures on that line.
            let list = self.scenarios.iter().map(|sc| {
                Object::new()
                    .string("name", &sc.name)
                    .raw("values", &members(value_pairs(&sc.values), "", ""))
                    .finish()
            });
            let list: Vec<String> = list.collect();
            let body = if pretty {
                format!("[\n{inner}{}\n{outer}]", list.join(&format!(",\n{inner}")))
            } else {
                format!("[{}]", list.join(","))
            };
            top.push(("scenarios".to_string(), body));
        }
        let mut text = members(top, outer, "");
        text.push_str(nl);
        text
    }
}

/// Why saved data could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedError {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not JSON of the saved-work shape; what is wrong.
    NotSavedWork(String),
    /// A format tag this version does not read.
    WrongFormat(String),
    /// A share link whose text is not base64url.
    BadLink,
}

impl SavedError {
    /// What to tell the person, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            SavedError::TooLarge => "数据过大，无法读取".into(),
            SavedError::NotSavedWork(_) => "不是 spacescore 保存的数据，或数据已损坏".into(),
            SavedError::WrongFormat(f) => format!(
                "数据格式“{f}”无法识别；本版本读取 {}",
                crate::json_inputs::FORMATS.join("、")
            ),
            SavedError::BadLink => "分享链接已损坏（可能复制不完整）".into(),
        }
    }
}

impl fmt::Display for SavedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SavedError::TooLarge => write!(f, "the saved data is too large to read"),
            SavedError::NotSavedWork(e) => {
                write!(f, "not spacescore saved data, or corrupted ({e})")
            }
            SavedError::WrongFormat(tag) => write!(
                f,
                "unknown saved-data format `{tag}`; this version reads {}",
                crate::json_inputs::FORMATS.join(", ")
            ),
            SavedError::BadLink => {
                write!(f, "the share link is damaged (perhaps copied incompletely)")
            }
        }
    }
}

impl std::error::Error for SavedError {}

/// Reads saved work from JSON text, by the same rules as every other input document
/// ([`crate::json_inputs`]): a key given twice, a lone surrogate or an unknown format is refused;
/// values are kept exactly as given (a number as its exact text, anything of an odd shape as
/// its JSON text, so the page shows it as the field's error instead of dropping it).
///
/// # Errors
/// A [`SavedError`] when the text is not saved work at all.
pub fn parse(text: &str) -> Result<SavedWork, SavedError> {
    if text.len() > MAX_BYTES {
        return Err(SavedError::TooLarge);
    }
    let doc = crate::json_inputs::read(text.as_bytes()).map_err(|e| match e {
        ReadError::TooLarge(_) => SavedError::TooLarge,
        ReadError::UnknownFormat(f) => SavedError::WrongFormat(crate::text::quote_short(&f)),
        other => SavedError::NotSavedWork(other.to_string()),
    })?;
    let header = doc
        .saved
        .ok_or_else(|| SavedError::NotSavedWork("no `format`".into()))?;
    let missing = |key: &str| SavedError::NotSavedWork(format!("no `{key}`"));
    Ok(SavedWork {
        format: header.format,
        rubric: header.rubric.ok_or_else(|| missing("rubric"))?,
        rubric_version: header
            .rubric_version
            .ok_or_else(|| missing("rubric_version"))?,
        rubric_hash: header
            .rubric_hash
            .filter(|h| h.len() <= 64 && h.bytes().all(|b| b.is_ascii_hexdigit())),
        saved_at: header.saved_at,
        applicant: header.applicant,
        values: doc.inputs,
        scenarios: header
            .scenarios
            .into_iter()
            .take(MAX_SCENARIOS)
            .map(|(name, values)| Scenario { name, values })
            .collect(),
        beside: doc.beside,
    })
}

/// Saved work made fit for one rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// The values kept, exactly as typed.
    pub values: Inputs,
    /// Fields dropped: unknown to the rubric, or holding implausible values.
    pub dropped: Vec<String>,
    /// The rubric version the work was saved under, when it differs from the current one.
    pub older_version: Option<String>,
    /// The content hash the work was saved under (first 12 digits), when the rubric's
    /// content has changed since although its version has not (a local rubric file edited
    /// without a new version).
    pub other_content: Option<String>,
    /// The scenarios, each with the values the rubric reads.
    pub scenarios: Vec<Scenario>,
    /// The applicant, as typed (at most [`MAX_TEXT`] characters; longer text is dropped as
    /// implausible, as a field's would be).
    pub applicant: Option<String>,
}

/// Whether a value is plausible enough to keep (not a pasted essay).
fn plausible(value: &Value) -> bool {
    match value {
        Value::Bool(_) => true,
        Value::Text(t) => t.chars().count() <= MAX_TEXT,
        Value::List(l) => l.len() <= MAX_CHOICES && l.iter().all(|c| c.chars().count() <= MAX_TEXT),
    }
}

/// Keeps the values `rubric` reads, as typed; drops and lists the rest.
pub fn restore(rubric: &Rubric, work: SavedWork) -> Restored {
    let mut values = Inputs::new();
    let mut dropped = Vec::new();
    for (field, value) in work.values {
        if rubric.field(&field).is_some() && plausible(&value) {
            values.insert(field, value);
        } else {
            dropped.push(field.chars().take(60).collect());
        }
    }
    // Figures written beside `values` are not read: listed, never dropped in silence.
    dropped.extend(work.beside.iter().map(|k| k.chars().take(60).collect()));
    let scenarios = work
        .scenarios
        .into_iter()
        .map(|sc| Scenario {
            name: sc.name.chars().take(40).collect(),
            values: sc
                .values
                .into_iter()
                .filter(|(f, v)| rubric.field(f).is_some() && plausible(v))
                .collect(),
        })
        .collect();
    let older_version = (work.rubric_version != rubric.version())
        .then(|| work.rubric_version.chars().take(40).collect());
    let other_content = match &work.rubric_hash {
        Some(h) if older_version.is_none() && !rubric.hash().is_empty() && h != rubric.hash() => {
            Some(h.chars().take(12).collect())
        }
        _ => None,
    };
    let applicant = work
        .applicant
        .filter(|a| a.chars().count() <= MAX_TEXT && !a.is_empty());
    Restored {
        values,
        dropped,
        older_version,
        other_content,
        scenarios,
        applicant,
    }
}

/// The URL fragment (without `#`) that carries `work` in a share link.
pub fn to_fragment(work: &SavedWork) -> String {
    let compact = SavedWork {
        saved_at: None,
        ..work.clone()
    };
    format!("d={}", base64url_encode(compact.to_json().as_bytes()))
}

/// Reads a share link's fragment (with or without `#`).
///
/// # Errors
/// A [`SavedError`] when the fragment does not carry saved work.
pub fn from_fragment(fragment: &str) -> Result<SavedWork, SavedError> {
    let fragment = fragment.trim_start_matches('#');
    let data = fragment
        .split('&')
        .find_map(|part| part.strip_prefix("d="))
        .ok_or(SavedError::BadLink)?;
    if data.len() > MAX_BYTES {
        return Err(SavedError::TooLarge);
    }
    let bytes = base64url_decode(data).ok_or(SavedError::BadLink)?;
    let text = String::from_utf8(bytes).map_err(|_| SavedError::BadLink)?;
    parse(&text)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        let digits = chunk.len() + 1;
        for i in 0..digits {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(
                ALPHABET.get(index as usize).copied().unwrap_or(b'A'),
            ));
        }
    }
    out
}

/// Decodes base64url (padding optional); `None` when the text is not base64url.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    // A lone trailing symbol (6 bits) cannot come from whole bytes.
    if text.len() % 4 == 1 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work() -> SavedWork {
        let mut values = Inputs::new();
        values.insert("site_area".into(), Value::Text("1,200 \"平米\"\n".into()));
        values.insert("veto_fraud".into(), Value::Bool(false));
        values.insert(
            "hardware_facilities".into(),
            Value::List(vec!["showroom".into(), "宽带网络".into()]),
        );
        SavedWork {
            format: FORMAT.into(),
            rubric: "inner-mongolia/maker-space".into(),
            rubric_version: "2026.11.1".into(),
            rubric_hash: Some("00ff".into()),
            saved_at: Some("2026-11-25T12:00:00.000Z".into()),
            applicant: Some("示例\"众创空间\"</w:t>\n".into()),
            values: values.clone(),
            scenarios: vec![Scenario {
                name: "方案 A".into(),
                values: values.into_iter().take(2).collect(),
            }],
            beside: Vec::new(),
        }
    }

    #[test]
    fn saved_work_round_trips_compact_pretty_and_as_a_link() {
        let w = work();
        assert_eq!(parse(&w.to_json()), Ok(w.clone()));
        let pretty = w.to_json_pretty();
        assert!(pretty.contains("\n  \"values\": {\n    \""), "{pretty}");
        assert!(
            pretty.contains("\n  \"scenarios\": [\n    {\"name\":\"方案 A\""),
            "{pretty}"
        );
        assert_eq!(parse(&pretty), Ok(w.clone()));
        let linked = from_fragment(&format!("#{}", to_fragment(&w)));
        assert_eq!(
            linked,
            Ok(SavedWork {
                saved_at: None,
                ..w
            })
        );
    }

    #[test]
    fn odd_values_are_kept_as_text_and_bad_documents_refused() {
        let odd = r#"{"format":"spacescore/1","rubric":"r","rubric_version":"1",
            "values":{"a":12.50,"b":null,"c":{"x":[1]},"d":[1,"2"]}}"#;
        let w = parse(odd).expect("odd values");
        assert_eq!(w.values.get("a"), Some(&Value::Text("12.50".into())));
        assert_eq!(w.values.get("b"), None);
        assert_eq!(w.values.get("c"), Some(&Value::Text("{\"x\":[1]}".into())));
        assert_eq!(
            w.values.get("d"),
            Some(&Value::List(vec!["1".into(), "2".into()]))
        );
        assert!(matches!(parse("[]"), Err(SavedError::NotSavedWork(_))));
        let wrong = parse(r#"{"format":"spacescore/999","values":{}}"#).expect_err("format");
        assert_eq!(wrong, SavedError::WrongFormat("spacescore/999".into()));
        assert!(wrong.to_string().contains("reads spacescore/1"), "{wrong}");
        assert!(matches!(
            parse(r#"{"format":"spacescore/1","rubric":"r","rubric_version":"1","values":{"a":"1","a":"2"}}"#),
            Err(SavedError::NotSavedWork(m)) if m.contains("`a` is given twice")
        ));
        assert!(matches!(
            parse(r#"{"format":"spacescore/1","rubric":"r","rubric_version":"1"}"#),
            Err(SavedError::NotSavedWork(_))
        ));
        assert_eq!(from_fragment("#nothing"), Err(SavedError::BadLink));
        assert_eq!(from_fragment("#d=!!"), Err(SavedError::BadLink));
    }

    #[test]
    fn the_applicant_is_kept_as_text_and_old_work_without_it_still_reads() {
        let w = work();
        let json = w.to_json();
        assert!(
            json.contains(r#""applicant":"示例\"众创空间\"</w:t>\n""#),
            "{json}"
        );
        // Work saved before the page asked for the applicant: read, with none.
        let old =
            r#"{"format":"spacescore/1","rubric":"r","rubric_version":"1","values":{"a":"1"}}"#;
        let old = parse(old).expect("old work");
        assert_eq!(old.applicant, None);
        assert_eq!(old.values.get("a"), Some(&Value::Text("1".into())));
        // Not text: not an applicant (the figures are kept).
        let odd = r#"{"format":"spacescore/1","rubric":"r","rubric_version":"1","applicant":7,"values":{}}"#;
        assert_eq!(parse(odd).map(|w| w.applicant), Ok(None));
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n)
                .map(|i| i.wrapping_mul(37).wrapping_add(200))
                .collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(b"hello"), "aGVsbG8");
        assert_eq!(base64url_decode("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(base64url_decode("a!b"), None);
        assert_eq!(base64url_decode("aGVsb"), None);
    }
}
