//! Bilingual text and the formatting of exact decimals for people.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// The two languages the widget speaks. Source quotations stay in Chinese in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

/// A label in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A label from its two language versions.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The label in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A decimal as people write it: no trailing zeros, no exponent ("7", "1.4", "0.2").
pub fn fmt_dec(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A computed figure (a ratio or percentage) for display: at most two decimal places,
/// rounded half away from zero (the everyday rule, not banker's rounding). Display only;
/// scoring always compares the exact value.
pub fn fmt_figure(value: Decimal) -> String {
    fmt_dec(value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// Serializes a decimal as its normalized string, for reports.
pub(crate) fn ser_dec<S: serde::Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_dec(*value))
}

/// Serializes an optional decimal as a normalized string or null.
pub(crate) fn ser_opt_dec<S: serde::Serializer>(
    value: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_str(&fmt_dec(*v)),
        None => s.serialize_none(),
    }
}

/// The most characters of a person's or a file's text that a message quotes.
pub const QUOTE_LIMIT: usize = 40;

/// Text from a person or a file, made safe to echo in a message: control characters,
/// bidi overrides and other invisible formatting are written as `\u{…}` escapes, and
/// anything past [`QUOTE_LIMIT`] characters is cut with “…” and the full length, so a huge
/// value never makes a huge message and a hostile one cannot reorder the text around it.
///
/// ```
/// use spacescore_core::text::quote_short;
/// assert_eq!(quote_short("a\u{202e}b"), "a\\u{202e}b");
/// assert!(quote_short(&"x".repeat(1000)).ends_with("…（共 1000 字符 / 1000 characters）"));
/// ```
pub fn quote_short(s: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in s.chars() {
        count += 1;
        if count > QUOTE_LIMIT {
            continue;
        }
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if count > QUOTE_LIMIT {
        out.push_str(&format!("…（共 {count} 字符 / {count} characters）"));
    }
    out
}

/// Control characters, bidi controls and other invisible format characters: what must not
/// reach a message or a page unescaped.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}')
}
