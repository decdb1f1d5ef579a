//! Reading what people type.
//!
//! Inputs arrive as text (from a form, a CSV cell or a share link), as yes/no, or as a
//! list of checklist choices. Reading is forgiving where people are consistent
//! (full-width digits `１２`, thousands separators `1,200`, surrounding spaces, the field's
//! own unit `500平方米`, a `%` on a percentage) and strict where a guess could be wrong: a
//! fraction in a count, a negative figure, a self-score above its maximum, `NaN`, hex,
//! exponents or absurd magnitudes are errors naming the field, never clamped and never a
//! panic.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::field::{Field, FieldKind};
use crate::quantity::compare;
use crate::text::{fmt_dec, quote_short};

/// One raw input as a person gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A yes/no answer.
    Bool(bool),
    /// Typed text: a number, a yes/no word, or checklist choices separated by `、`.
    Text(String),
    /// Checklist choices, by id or name.
    List(Vec<String>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

/// Inputs for one space: field id to value. Fields a rubric does not read are ignored
/// (and listed in the report), so one set of figures can be scored under every rubric.
pub type Inputs = BTreeMap<String, Value>;

/// A successfully read input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A number, already checked against the field's kind and bounds.
    Number(Decimal),
    /// A yes/no answer.
    Bool(bool),
    /// Checklist choices, as option ids, in the field's order (one for a single-choice
    /// field).
    Choices(Vec<String>),
}

impl Reading {
    /// The value as a quantity: a number itself, or the count of checklist choices.
    pub fn quantity(&self) -> Option<Decimal> {
        match self {
            Reading::Number(d) => Some(*d),
            Reading::Choices(c) => Some(Decimal::from(c.len())),
            Reading::Bool(_) => None,
        }
    }
}

/// A problem with one field's input, for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field id.
    pub field: String,
    /// What is wrong, in Chinese, naming the field.
    pub message: String,
    /// The same in English.
    pub message_en: String,
}

/// The largest magnitude accepted: a trillion of anything is a typing accident.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000;
/// The most decimal places accepted.
pub const MAX_FRACTION_DIGITS: usize = 8;

/// What is wrong with a typed number, before the field's name is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberProblem {
    /// Not a plain decimal number (letters, `NaN`, hex, an exponent…).
    NotANumber,
    /// Thousands separators in the wrong places (`1,20`).
    Grouping,
    /// Beyond [`MAX_MAGNITUDE`].
    TooLarge,
    /// More than [`MAX_FRACTION_DIGITS`] decimal places.
    TooPrecise,
}

/// Reads a plain decimal number from what a person typed, after the normalisation
/// described in the module docs. Empty text is `Ok(None)`.
///
/// # Errors
/// A [`NumberProblem`] saying why the text is not a number.
///
/// # Example
/// ```
/// use spacescore_core::input::parse_number;
/// use rust_decimal::Decimal;
/// assert_eq!(parse_number(" １，２００ "), Ok(Some(Decimal::from(1200))));
/// assert!(parse_number("0x10").is_err());
/// ```
pub fn parse_number(text: &str) -> Result<Option<Decimal>, NumberProblem> {
    let text = normalize(text);
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    number(text).map(Some)
}

/// Maps full-width forms and odd spaces to their plain equivalents (all of which are
/// outside ASCII, so ASCII text is returned as it is).
fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    // Most text has nothing to map (ASCII, or Chinese words such as 是): then it is
    // returned as it is, without a copy.
    if text.is_ascii() || !text.chars().any(|c| plain_form(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| plain_form(c).unwrap_or(c))
        .collect::<String>()
        .into()
}

/// The plain character a full-width form or an odd space stands for, if `c` is one.
fn plain_form(c: char) -> Option<char> {
    Some(match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
        '．' | '。' => '.',
        '，' => ',',
        '－' | '−' | '–' => '-',
        '＋' => '+',
        '％' => '%',
        '\u{3000}' | '\u{00a0}' | '\u{2009}' | '\u{202f}' => ' ',
        _ => return None,
    })
}

fn number(text: &str) -> Result<Decimal, NumberProblem> {
    let (negative, body) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => (false, text),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(NumberProblem::NotANumber);
    }
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !frac_part.is_none_or(plain) {
        return Err(NumberProblem::NotANumber);
    }
    let digits: std::borrow::Cow<'_, str> = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next().unwrap_or_default();
        let first_ok = (1..=3).contains(&first.len()) && plain(first);
        let rest: Vec<&str> = groups.collect();
        if !plain(&rest.concat()) || !int_part.bytes().all(|b| b.is_ascii_digit() || b == b',') {
            return Err(NumberProblem::NotANumber);
        }
        if !first_ok || rest.iter().any(|g| g.len() != 3) {
            return Err(NumberProblem::Grouping);
        }
        int_part.replace(',', "").into()
    } else if plain(int_part) {
        int_part.into()
    } else {
        return Err(NumberProblem::NotANumber);
    };
    let significant = digits.trim_start_matches('0');
    if significant.len() > 13 {
        return Err(NumberProblem::TooLarge);
    }
    let frac = frac_part.unwrap_or_default();
    if frac.len() > MAX_FRACTION_DIGITS {
        return Err(NumberProblem::TooPrecise);
    }
    // At most 13 significant digits and 8 decimals: the mantissa fits in 96 bits, so it is
    // built from the digits directly (no text to parse again).
    let mut mantissa: i128 = 0;
    for b in significant.bytes().chain(frac.bytes()) {
        mantissa = mantissa * 10 + i128::from(b.saturating_sub(b'0'));
    }
    if negative {
        mantissa = -mantissa;
    }
    let scale = u32::try_from(frac.len()).map_err(|_| NumberProblem::TooPrecise)?;
    let value = Decimal::try_from_i128_with_scale(mantissa, scale)
        .map_err(|_| NumberProblem::NotANumber)?;
    if value.abs() > Decimal::from(MAX_MAGNITUDE) {
        return Err(NumberProblem::TooLarge);
    }
    Ok(value)
}

/// Units people often type after a number, by the field unit they stand for.
const UNIT_ALIASES: &[(&str, &[&str])] = &[
    ("平方米", &["平方米", "平米", "㎡", "m2", "m²"]),
    ("万元", &["万元", "万"]),
    ("人次", &["人次"]),
    ("场次", &["场次", "场", "次"]),
    ("次", &["次"]),
    ("人", &["人", "位", "名"]),
    ("个", &["个", "家", "项"]),
    ("家", &["家", "个"]),
    ("项", &["项", "个"]),
    ("分", &["分"]),
    ("期", &["期", "次"]),
];

/// Removes a trailing unit that matches the field's own, so `500平方米` reads as 500.
fn strip_unit<'a>(text: &'a str, field: &Field) -> &'a str {
    // Almost every figure is typed as a bare number: no unit is made of digits, points,
    // separators and signs alone (every alias has a letter or a CJK character; a field's
    // own unit is checked), so none can end such a text.
    if is_plain(text) && !unit_is_plain(field) {
        return text;
    }
    let unit = field.unit().zh.as_str();
    let aliases = UNIT_ALIASES
        .iter()
        .find(|(u, _)| *u == unit)
        .map(|(_, a)| *a)
        .unwrap_or_default();
    let own = [unit, field.unit().en.as_str()];
    for suffix in own.iter().chain(aliases.iter()) {
        if !suffix.is_empty() {
            if let Some(rest) = text.strip_suffix(suffix) {
                return rest.trim_end();
            }
        }
    }
    text
}

/// Reads one input for `field`. `Ok(None)` means nothing was given (the field is missing).
///
/// # Errors
/// A [`FieldError`] naming the field and what is wrong, in Chinese and English.
pub fn read(field: &Field, value: &Value) -> Result<Option<Reading>, FieldError> {
    read_given(field, value.given())
}

/// An input as given, borrowed: what [`read`] reads, from a [`Value`] or straight from the
/// text of a spreadsheet cell (nothing copied).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Given<'a> {
    Bool(bool),
    Text(&'a str),
    List(&'a [String]),
}

impl Value {
    /// The value, borrowed.
    pub(crate) fn given(&self) -> Given<'_> {
        match self {
            Value::Bool(b) => Given::Bool(*b),
            Value::Text(t) => Given::Text(t),
            Value::List(l) => Given::List(l),
        }
    }
}

/// [`read`], of a borrowed value.
pub(crate) fn read_given(field: &Field, value: Given<'_>) -> Result<Option<Reading>, FieldError> {
    match field.kind() {
        FieldKind::Bool => read_bool(field, value),
        FieldKind::Checklist(_) => read_choices(field, value),
        FieldKind::Choice(_) => read_choice(field, value),
        _ => read_number(field, value),
    }
}

/// [`read_given`], with what `reader` (the field's, from [`FieldRules::new`]) already knows
/// of the field: a plain figure is read from its digits with no more asked of the field.
/// The same result as [`read_given`].
pub(crate) fn read_with(
    field: &Field,
    reader: &FieldRules,
    value: Given<'_>,
) -> Result<Option<Reading>, FieldError> {
    match value {
        Given::Text(t) if reader.plain => match reader.plain_figure(t) {
            Some(n) => Ok(Some(Reading::Number(n))),
            None => read_text_number(field, t),
        },
        _ => read_given(field, value),
    }
}

fn error(field: &Field, zh: String, en: String) -> FieldError {
    FieldError {
        field: field.id().to_string(),
        message: zh,
        message_en: en,
    }
}

/// The field's name as quoted in messages, in Chinese.
struct QuotedZh<'a>(&'a Field);
/// The field's name as quoted in messages, in English.
struct QuotedEn<'a>(&'a Field);

impl std::fmt::Display for QuotedZh<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "「{}」", self.0.name().zh)
    }
}

impl std::fmt::Display for QuotedEn<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "“{}”", self.0.name().en)
    }
}

/// The field's name as quoted in messages. Written only when a message is: reading a
/// district's filings reads every field of every row, and almost all of them are fine.
fn quoted(field: &Field) -> (QuotedZh<'_>, QuotedEn<'_>) {
    (QuotedZh(field), QuotedEn(field))
}

fn read_number(field: &Field, value: Given<'_>) -> Result<Option<Reading>, FieldError> {
    let (zh, en) = quoted(field);
    let raw = match value {
        Given::Text(t) => t,
        Given::Bool(_) | Given::List(_) => {
            return Err(error(
                field,
                format!("{zh}应填写一个数字"),
                format!("{en} needs a number"),
            ))
        }
    };
    if let Some(n) = FieldRules::new(field).plain_figure(raw) {
        return Ok(Some(Reading::Number(n)));
    }
    read_text_number(field, raw)
}

/// What reading a field's input needs to know of the field beyond the field itself,
/// worked out once per rubric and kept with its resolved references: a batch reads every
/// field of every row, and working out again for each cell whether the field's unit could
/// end a figure was a good part of reading one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldRules {
    /// Whether a plain figure typed for the field is read straight from its digits
    /// ([`FieldRules::plain_figure`]): the field takes a number, and its unit (in either
    /// language) is not made of what a plain figure is made of, so it cannot end one.
    plain: bool,
    /// Whether the figure must be whole (a count).
    whole: bool,
    /// Whether the figure is a percentage (at most 100).
    percent: bool,
    /// The field's own maximum.
    max: Option<Decimal>,
}

impl FieldRules {
    /// What reading an input of `field` needs to know of it.
    pub(crate) fn new(field: &Field) -> FieldRules {
        let number = !matches!(
            field.kind(),
            FieldKind::Bool | FieldKind::Checklist(_) | FieldKind::Choice(_)
        );
        FieldRules {
            // A unit made of digits alone would be cut from the end of the figure.
            plain: number && !unit_is_plain(field),
            whole: matches!(field.kind(), FieldKind::Count | FieldKind::Checklist(_)),
            percent: *field.kind() == FieldKind::Percent,
            max: field.max(),
        }
    }

    /// A figure typed the plainest way (`12`, `1234.5`: digits, perhaps a point and more
    /// digits, nothing else) that the field accepts as it is, read straight from its
    /// digits; `None` for anything else (and for every input of a field that is not read
    /// this way), which [`read_number`] then reads the general way, messages and all. What
    /// this returns is exactly what the general way gives: the same checks (at most
    /// [`MAX_MAGNITUDE`], whole for a count, at most 100 for a percentage, at most the
    /// field's maximum) and the value normalized. Most cells of a district's spreadsheet
    /// are such figures.
    fn plain_figure(&self, text: &str) -> Option<Decimal> {
        if !self.plain {
            return None;
        }
        // The digits before the point, then those after it, in one pass over the bytes;
        // then the fraction's trailing zeros go, as normalizing takes them. At most 13
        // digits and 8 decimals: each part fits in 64 bits.
        let mut bytes = text.bytes();
        let (mut whole, mut int_len) = (0u64, 0usize);
        let mut point = false;
        for b in bytes.by_ref() {
            match b {
                // More than 13 digits take the general way (leading zeros, or too large).
                b'0'..=b'9' if int_len < 13 => {
                    whole = whole * 10 + u64::from(b - b'0');
                    int_len += 1;
                }
                b'.' => {
                    point = true;
                    break;
                }
                _ => return None,
            }
        }
        if int_len == 0 {
            return None;
        }
        let (mut part, mut scale, mut frac_len) = (0u64, 0u32, 0usize);
        if point {
            for b in bytes {
                frac_len += 1;
                if frac_len > MAX_FRACTION_DIGITS {
                    return None;
                }
                match b {
                    b'0'..=b'9' => {
                        part = part * 10 + u64::from(b - b'0');
                        scale += 1;
                    }
                    _ => return None,
                }
            }
            while scale > 0 && part % 10 == 0 {
                part /= 10;
                scale -= 1;
            }
        }
        let max = MAX_MAGNITUDE.unsigned_abs();
        if whole > max || (whole == max && part > 0) {
            return None;
        }
        let whole_only = scale == 0;
        let fits = if self.whole {
            whole_only
        } else if self.percent {
            whole < 100 || (whole == 100 && whole_only)
        } else {
            true
        };
        if !fits {
            return None;
        }
        let n = if scale == 0 {
            // A whole figure (most of them): its digits are the decimal's.
            Decimal::from(whole)
        } else {
            let mantissa = i128::from(whole) * 10i128.pow(scale) + i128::from(part);
            Decimal::try_from_i128_with_scale(mantissa, scale).ok()?
        };
        if self.max.is_some_and(|m| compare(n, m).is_gt()) {
            return None;
        }
        Some(n)
    }
}

/// [`read_number`] of typed text, the general way: every form people type, and every
/// message.
fn read_text_number(field: &Field, raw: &str) -> Result<Option<Reading>, FieldError> {
    let (zh, en) = quoted(field);
    let normalized = normalize(raw);
    let mut text = strip_unit(normalized.trim(), field);
    let percent_sign = text.ends_with('%');
    if percent_sign {
        if *field.kind() != FieldKind::Percent {
            return Err(error(
                field,
                format!("{zh}不是百分比，请填写{}数", field.unit().zh),
                format!(
                    "{en} is not a percentage; enter a number of {}",
                    field.unit().en
                ),
            ));
        }
        text = text.trim_end_matches('%').trim_end();
    }
    // Echoed in messages: at most a few dozen characters, control characters escaped.
    // Quoted only when a message is written.
    let shown = Shown(raw);
    let number = match parse_number(text) {
        Ok(Some(n)) => n,
        Ok(None) if percent_sign => {
            return Err(error(
                field,
                format!("{zh}应填写数字"),
                format!("{en} needs a number"),
            ))
        }
        // Only a unit (“万元”, “分”): something was typed, and it is not a figure.
        Ok(None) if !normalized.trim().is_empty() => {
            return Err(error(
                field,
                format!("{zh}应填写数字，“{shown}”只有单位，没有数"),
                format!("{en} needs a number; “{shown}” is only a unit"),
            ))
        }
        Ok(None) => return Ok(None),
        Err(problem) => {
            let (m, e) = match problem {
                NumberProblem::NotANumber if is_exponent_form(text) => (
                    format!("{zh}应填写数字，“{shown}”是科学计数法，请写出完整的数"),
                    format!("{en} needs a number written out in full; “{shown}” uses an exponent"),
                ),
                NumberProblem::NotANumber => (
                    format!("{zh}应填写数字，“{shown}”无法识别为数字"),
                    format!("{en} needs a number; “{shown}” is not one"),
                ),
                NumberProblem::Grouping => (
                    format!("{zh}的千位分隔符位置不对（“{shown}”），请写成 1,200 或 1200"),
                    format!(
                        "{en}: misplaced thousands separator in “{shown}”; write 1,200 or 1200"
                    ),
                ),
                NumberProblem::TooLarge => (
                    format!("{zh}数值过大（“{shown}”），请检查单位"),
                    format!("{en} is implausibly large (“{shown}”); check the unit"),
                ),
                NumberProblem::TooPrecise => (
                    format!("{zh}小数位数过多（最多 {MAX_FRACTION_DIGITS} 位）"),
                    format!("{en} has too many decimal places (at most {MAX_FRACTION_DIGITS})"),
                ),
            };
            return Err(error(field, m, e));
        }
    };
    check_number(field, number).map(|n| Some(Reading::Number(n)))
}

/// What a person typed, as a message quotes it ([`quote_short`]), when it is written.
struct Shown<'a>(&'a str);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&quote_short(self.0.trim()))
    }
}

/// Digits, points, separators and signs alone: what a plain figure is made of.
fn is_plain(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'+' | b'-' | b' '))
}

/// Whether the field's own unit (in either language) is made of what a plain figure is
/// made of, so that it could end one.
fn unit_is_plain(field: &Field) -> bool {
    let plain_unit = |u: &str| !u.is_empty() && is_plain(u);
    plain_unit(&field.unit().zh) || plain_unit(&field.unit().en)
}

/// Whether `text` is a number in scientific notation (`1e5`, `-2.5E-3`).
fn is_exponent_form(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let mantissa = mantissa.strip_prefix(['-', '+']).unwrap_or(mantissa);
    let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    (digits(int) || digits(frac))
        && (int.is_empty() || digits(int))
        && digits(exponent)
        && (frac.is_empty() || digits(frac))
}

/// Checks a number against the field's kind and bounds.
fn check_number(field: &Field, n: Decimal) -> Result<Decimal, FieldError> {
    let (zh, en) = quoted(field);
    let kind = field.kind();
    if n.is_sign_negative() && !n.is_zero() && *kind != FieldKind::SignedAmount {
        return Err(error(
            field,
            format!("{zh}不能为负数"),
            format!("{en} cannot be negative"),
        ));
    }
    if matches!(kind, FieldKind::Count | FieldKind::Checklist(_)) && n.fract() != Decimal::ZERO {
        return Err(error(
            field,
            format!("{zh}是个数，须为整数（填写的是 {}）", fmt_dec(n)),
            format!(
                "{en} is a count and must be a whole number (got {})",
                fmt_dec(n)
            ),
        ));
    }
    let hundred = Decimal::ONE_HUNDRED;
    if *kind == FieldKind::Percent && n > hundred {
        return Err(error(
            field,
            format!("{zh}是百分比，不能超过 100%"),
            format!("{en} is a percentage and cannot exceed 100%"),
        ));
    }
    if let Some(max) = field.max() {
        if n > max {
            let m = fmt_dec(max);
            return Err(if *kind == FieldKind::Score {
                error(
                    field,
                    format!("{zh}不能超过满分 {m} 分"),
                    format!("{en} cannot exceed the maximum of {m} points"),
                )
            } else {
                error(
                    field,
                    format!("{zh}不能超过 {m} {}", field.unit().zh),
                    format!("{en} cannot exceed {m} {}", field.unit().en),
                )
            });
        }
    }
    Ok(n.normalize())
}

/// Words people use for yes and no.
const YES: &[&str] = &["是", "有", "yes", "y", "true", "1", "√", "✓"];
const NO: &[&str] = &["否", "无", "没有", "no", "n", "false", "0", "×"];

fn read_bool(field: &Field, value: Given<'_>) -> Result<Option<Reading>, FieldError> {
    let (zh, en) = quoted(field);
    // The words are written in lower case: comparing without regard to ASCII case is
    // comparing the text in lower case.
    let among = |words: &[&str], t: &str| words.iter().any(|w| w.eq_ignore_ascii_case(t));
    match value {
        Given::Bool(b) => Ok(Some(Reading::Bool(b))),
        Given::Text(t) => {
            let t = normalize(t);
            let t = t.trim();
            if t.is_empty() {
                Ok(None)
            } else if among(YES, t) {
                Ok(Some(Reading::Bool(true)))
            } else if among(NO, t) {
                Ok(Some(Reading::Bool(false)))
            } else {
                Err(error(
                    field,
                    format!("{zh}请回答“是”或“否”"),
                    format!("{en}: answer yes or no"),
                ))
            }
        }
        Given::List(_) => Err(error(
            field,
            format!("{zh}请回答“是”或“否”"),
            format!("{en}: answer yes or no"),
        )),
    }
}

/// Separators people put between checklist choices typed as text.
fn is_choice_separator(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | ';' | '；' | '|' | '\n')
}

/// Reads a single-choice field: one option, by id or name.
fn read_choice(field: &Field, value: Given<'_>) -> Result<Option<Reading>, FieldError> {
    let (zh, en) = quoted(field);
    let Some(Reading::Choices(ids)) = read_choices(field, value)? else {
        return Ok(None);
    };
    match ids.len() {
        0 => Ok(None),
        1 => Ok(Some(Reading::Choices(ids))),
        _ => Err(error(
            field,
            format!("{zh}只能选一项"),
            format!("{en}: choose only one"),
        )),
    }
}

fn read_choices(field: &Field, value: Given<'_>) -> Result<Option<Reading>, FieldError> {
    let (zh, en) = quoted(field);
    let options = field.kind().options();
    let mut chosen = vec![false; options.len()];
    let mut choose = |g: &str| {
        let g = g.trim();
        if g.is_empty() {
            return Ok(());
        }
        let found = options.iter().position(|o| {
            o.id().eq_ignore_ascii_case(g)
                || o.name().zh == g
                || o.name().en.eq_ignore_ascii_case(g)
        });
        match found {
            Some(i) => {
                if let Some(c) = chosen.get_mut(i) {
                    *c = true;
                }
                Ok(())
            }
            None => {
                let g = quote_short(g);
                Err(error(
                    field,
                    format!("“{g}”不是{zh}的选项"),
                    format!("“{g}” is not one of the choices of {en}"),
                ))
            }
        }
    };
    match value {
        Given::List(items) => items.iter().try_for_each(|g| choose(g))?,
        Given::Text(t) if t.trim().is_empty() => return Ok(None),
        Given::Text(t) => t.split(is_choice_separator).try_for_each(&mut choose)?,
        Given::Bool(_) => {
            return Err(error(
                field,
                format!("{zh}应勾选选项"),
                format!("{en}: choose from the list"),
            ))
        }
    }
    let ids = options
        .iter()
        .zip(chosen)
        .filter(|(_, c)| *c)
        .map(|(o, _)| o.id().to_string())
        .collect();
    Ok(Some(Reading::Choices(ids)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn field(kind: FieldKind, unit: &str, max: Option<Decimal>) -> Field {
        Field {
            id: "f".into(),
            name: Text::new("字段", "field"),
            unit: Text::new(unit, unit),
            kind,
            max,
            note: None,
            period: None,
            given: false,
        }
    }

    /// The quick reading of a plain figure gives exactly (value and scale) what the general
    /// reading gives, or leaves the text to it.
    #[test]
    fn a_plain_figure_reads_as_the_general_way_reads_it() {
        let fields = [
            field(FieldKind::Count, "个", None),
            field(FieldKind::Amount, "万元", None),
            field(FieldKind::SignedAmount, "万元", None),
            field(FieldKind::Percent, "%", None),
            field(FieldKind::Score, "分", Some(Decimal::new(75, 1))),
            field(FieldKind::Amount, "1", None),
            field(FieldKind::Checklist(Vec::new()), "项", None),
        ];
        let mut texts: Vec<String> = [
            "0",
            "00",
            "0.0",
            "5.",
            ".5",
            "007",
            "7.50",
            "100",
            "100.0",
            "100.01",
            "99.99",
            "1000000000000",
            "1000000000000.0",
            "1000000000000.5",
            "9999999999999",
            "10000000000000",
            "0000000000000012",
            "1.12345678",
            "1.123456789",
            "1.100000000",
            "7.5",
            "7.51",
            "51",
            "1,200",
            "-1",
            "+1",
            " 1",
            "1 ",
            "1..2",
            "1.2.3",
            "",
            ".",
            "12a",
            "１２",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = "0123456789.";
            let len = (x % 16) as usize;
            texts.push(
                (0..len)
                    .map(|i| {
                        let k = ((x >> (i * 4)) % 11) as usize;
                        digits.get(k..=k).unwrap_or("0")
                    })
                    .collect(),
            );
        }
        for f in &fields {
            for t in &texts {
                let general = read_text_number(f, t);
                if let Some(n) = FieldRules::new(f).plain_figure(t) {
                    match general {
                        Ok(Some(Reading::Number(g))) => assert_eq!(
                            (n.mantissa(), n.scale(), n.is_sign_negative()),
                            (g.mantissa(), g.scale(), g.is_sign_negative()),
                            "{t:?} as {:?}",
                            f.kind
                        ),
                        other => panic!("{t:?} as {:?}: quick {n}, general {other:?}", f.kind),
                    }
                }
            }
        }
    }
}
