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

    /// A text made by `f` once in each language.
    pub fn by(f: impl Fn(Lang) -> String) -> Self {
        Text {
            zh: f(Lang::Zh),
            en: f(Lang::En),
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

/// A message in both languages, written once: `{}` marks each place a value goes, in the
/// same order in both. Declared with [`messages!`](crate::messages), filled with
/// [`Msg::fill`] into a [`Text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    /// Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Msg {
    /// The message with `args` in its places, in both languages.
    pub fn fill(&self, args: &[&dyn std::fmt::Display]) -> Text {
        Text {
            zh: fill(self.zh, args),
            en: fill(self.en, args),
        }
    }

    /// The message in `lang` with `args` in its places.
    pub fn get(&self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
        fill(
            match lang {
                Lang::Zh => self.zh,
                Lang::En => self.en,
            },
            args,
        )
    }
}

/// `template` with each `{}` replaced by the next of `args` (a missing one by nothing).
fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut args = args.iter();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        if let Some(a) = args.next() {
            let _ = write!(out, "{a}");
        }
        out.push_str(part);
    }
    out
}

/// Declares messages in both languages, each a [`Msg`] constant, and `ALL`, every one of
/// them by name, for the test that each exists in both languages with the same places.
///
/// ```
/// spacescore_core::messages! {
///     ROWS_READ = "已读取 {} 行", "{} rows read";
/// }
/// assert_eq!(ROWS_READ.fill(&[&5]).zh, "已读取 5 行");
/// assert_eq!(ALL.len(), 1);
/// ```
#[macro_export]
macro_rules! messages {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(#[allow(missing_docs)] pub const $name: $crate::text::Msg = $crate::text::Msg { zh: $zh, en: $en };)*
        /// Every message of this module, by name.
        #[allow(dead_code)]
        pub const ALL: &[(&str, $crate::text::Msg)] = &[$((stringify!($name), $name)),*];
    };
}

/// A decimal as people write it: no trailing zeros, no exponent ("7", "1.4", "0.2").
pub fn fmt_dec(value: Decimal) -> String {
    Dec(value).to_string()
}

/// A decimal as [`fmt_dec`] writes it, for `format!` and `write!`: no string of its own.
///
/// Exactly what `Decimal`'s own `Display` writes for the normalized value (a test checks
/// that over many values), in a few dozen instructions instead of a few hundred: a
/// district's batch writes a score or two for every item of every space.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dec(pub(crate) Decimal);

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = [0u8; 64];
        f.write_str(decimal_text(self.0.normalize(), &mut buf))
    }
}

/// `d` as [`fmt_dec`] writes it, in `buf`.
pub(crate) fn dec_text(d: Decimal, buf: &mut [u8; 64]) -> &str {
    decimal_text(d.normalize(), buf)
}

/// `d` as `Decimal`'s `Display` writes it without width or precision (the sign of a
/// negative value or negative zero, the digits, a point before the last `scale` of them
/// with a 0 before it where nothing else is), in `buf`.
fn decimal_text(d: Decimal, buf: &mut [u8; 64]) -> &str {
    // At most 29 digits (96 bits), and the scale is at most 28: the digits, the zeros
    // that pad them up to the scale, a point, a leading 0 and a sign fit in 64 bytes.
    let mut digits = [0u8; 32];
    let mut n = 0;
    let push = |digits: &mut [u8; 32], n: &mut usize, b: u8| {
        if let Some(slot) = digits.get_mut(*n) {
            *slot = b;
            *n += 1;
        }
    };
    let m = d.mantissa().unsigned_abs();
    // Most figures fit in 64 bits, where dividing is cheap.
    if let Ok(mut x) = u64::try_from(m) {
        while x != 0 {
            push(&mut digits, &mut n, b'0' + (x % 10) as u8);
            x /= 10;
        }
    } else {
        let mut x = m;
        while x != 0 {
            push(&mut digits, &mut n, b'0' + (x % 10) as u8);
            x /= 10;
        }
    }
    let scale = d.scale() as usize;
    while n < scale {
        push(&mut digits, &mut n, b'0');
    }
    // `digits` holds the digits last first.
    let mut len = 0;
    let mut out = |b: u8| {
        if let Some(slot) = buf.get_mut(len) {
            *slot = b;
            len += 1;
        }
    };
    if d.is_sign_negative() {
        out(b'-');
    }
    let reversed = digits.get(..n).unwrap_or_default().iter().rev();
    if n == scale {
        out(b'0');
    }
    for (i, b) in reversed.enumerate() {
        if i + scale == n && scale > 0 {
            out(b'.');
        }
        out(*b);
    }
    std::str::from_utf8(buf.get(..len).unwrap_or_default()).unwrap_or_default()
}

/// A computed figure (a ratio or percentage) for display: at most two decimal places,
/// rounded half away from zero (the everyday rule, not banker's rounding). Display only;
/// scoring always compares the exact value.
pub fn fmt_figure(value: Decimal) -> String {
    fmt_dec(value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// The option closest to `word`, for a “did you mean”: a mistyped key, kind or column.
/// Compared without case, by Damerau–Levenshtein distance (a swap of two letters is one
/// edit), and only within a third of the option's length (at least 2, at most 4 edits), so
/// that a word unlike every option gets no suggestion. Words over 64 characters get none.
pub fn closest<'o>(word: &str, options: &[&'o str]) -> Option<&'o str> {
    if word.chars().count() > 64 {
        return None;
    }
    let word = word.to_lowercase();
    options
        .iter()
        .map(|o| (strsim::damerau_levenshtein(&word, &o.to_lowercase()), *o))
        .filter(|(d, o)| *d <= (o.chars().count() / 3).clamp(2, 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// The most decimal places an explanation shows a computed figure with before it rounds.
pub const EXACT_PLACES: u32 = 4;

/// A computed figure for an explanation that must multiply out: the exact value where it
/// has at most [`EXACT_PLACES`] decimal places (1 ÷ 8 is `0.125`, not `0.13`), else that
/// many places after “≈” (7 ÷ 12 is `≈0.5833`), so a reader never multiplies a rounded
/// figure and finds another result than the score.
pub fn fmt_exact(value: Decimal) -> String {
    let rounded =
        value.round_dp_with_strategy(EXACT_PLACES, RoundingStrategy::MidpointAwayFromZero);
    if rounded == value {
        fmt_dec(value)
    } else {
        format!("≈{}", fmt_dec(rounded))
    }
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
        push_escaped(&mut out, c);
    }
    if count > QUOTE_LIMIT {
        out.push_str(&format!("…（共 {count} 字符 / {count} characters）"));
    }
    out
}

/// A file's path or name, made safe to echo in a message as [`quote_short`] makes text safe,
/// but whole: a path cut short loses the file's own name, which is what the person needs.
///
/// ```
/// use spacescore_core::text::quote_path;
/// let deep = format!("{}/区县报表.xlsx", "很深的文件夹".repeat(10));
/// assert_eq!(quote_path(&deep), deep);
/// assert_eq!(quote_path("a\u{1b}[31m.csv"), "a\\u{1b}[31m.csv");
/// ```
pub fn quote_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    if is_invisible(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `Dec` writes exactly what `Decimal`'s own `Display` writes for the normalized value.
    #[test]
    fn dec_writes_what_display_writes() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut values = vec![
            Decimal::ZERO,
            Decimal::NEGATIVE_ONE,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(-0, 3),
            Decimal::new(5, 28),
            Decimal::new(-5, 28),
            Decimal::new(100, 2),
            {
                let mut z = Decimal::new(0, 5);
                z.set_sign_negative(true);
                z
            },
        ];
        for _ in 0..200_000 {
            let hi = i128::from(next() as u32) << 64;
            let mantissa = match next() % 4 {
                0 => i128::from(next() % 1000),
                1 => i128::from(next()),
                2 => hi | i128::from(next()),
                _ => i128::from(next() % 10_000_000),
            };
            let mantissa = if next() % 2 == 0 { mantissa } else { -mantissa };
            let scale = (next() % 29) as u32;
            values.push(Decimal::from_i128_with_scale(mantissa, scale));
        }
        for v in values {
            assert_eq!(fmt_dec(v), v.normalize().to_string(), "{v:?}");
            let mut buf = [0u8; 64];
            assert_eq!(decimal_text(v, &mut buf), v.to_string(), "{v:?}");
        }
    }
}
