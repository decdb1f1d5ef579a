//! How an explanation says amounts, in Chinese and English: points (“1 point”, “2
//! points”), a rate per unit (“每 2 人”, “per 2 people”), a unit beside a figure, a band of
//! values (“50–100 个”), and the separators and brackets a sentence joins them with. The
//! scorer's explanations and every kind's sentences say them the same way.

use rust_decimal::Decimal;

use crate::field::{Field, FieldKind};
use crate::quantity::{Band, Bound};
use crate::text::{fmt_dec, Lang};

/// "a（b）" in Chinese, "a (b)" in English.
pub(crate) fn paren(lang: Lang, a: String, b: String) -> String {
    match lang {
        Lang::Zh => format!("{a}（{b}）"),
        Lang::En => format!("{a} ({b})"),
    }
}

pub(crate) fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// A unit as it stands before a Chinese verb: "20% 得", "50 万元得", and "2 得" where the
/// quantity has no unit, so that a number never touches the word after it.
pub(crate) fn spaced(unit: &str) -> String {
    match unit {
        "" => " ".into(),
        "%" => "% ".into(),
        u => u.to_string(),
    }
}

/// "每人", "每 2 人", "每 10% ", "每 1 ": how many units one step of a `per` rule takes.
pub(crate) fn per_zh(every: Decimal, unit: &str) -> String {
    let word = unit.trim();
    if every == Decimal::ONE && !word.is_empty() && word != "%" {
        format!("每{word}")
    } else {
        format!("每 {}{}", fmt_dec(every), spaced(unit))
    }
}

/// "每增加 50 万元", "每增加 1 ": one further step of a `step` rule.
pub(crate) fn per_zh_more(step: Decimal, unit: &str) -> String {
    format!("每增加 {}{}", fmt_dec(step), spaced(unit))
}

/// "each", "per 2 people", "per 10%".
pub(crate) fn per_en(every: Decimal, unit: &str) -> String {
    if every == Decimal::ONE {
        "each".into()
    } else {
        format!("per {}{unit}", fmt_dec(every))
    }
}

pub(crate) fn pts_en(points: Decimal) -> String {
    if points == Decimal::ONE {
        "1 point".into()
    } else {
        format!("{} points", fmt_dec(points))
    }
}

/// " 平方米" after a number, or "" for a field without a unit.
pub(crate) fn unit_suffix(f: &Field, lang: Lang) -> String {
    let u = f.unit().get(lang);
    // A percent field shows `%` whether or not its definition names a unit.
    match (u, f.kind()) {
        ("%", _) | (_, FieldKind::Percent) => "%".into(),
        ("", _) => String::new(),
        _ => format!(" {u}"),
    }
}

/// [`unit_suffix`] after the value `v`: in English a count of one takes the singular
/// (“1 person”, “1 company”, not “1 people”).
pub(crate) fn unit_for(f: &Field, lang: Lang, v: Decimal) -> String {
    let unit = unit_suffix(f, lang);
    if lang == Lang::En && v == Decimal::ONE {
        singular(&unit)
    } else {
        unit
    }
}

/// The singular of an English unit written in the plural: “people” → “person”,
/// “companies” → “company”, “events” → “event”; each word of “teams and companies”; a unit
/// that is not a plural (“m²”, “10k CNY”, “%”) stays as it is.
pub(crate) fn singular(unit: &str) -> String {
    unit.split(' ')
        .map(|w| match w {
            "people" => "person".to_string(),
            "and" => "or".to_string(),
            w => match (w.strip_suffix("ies"), w.strip_suffix('s')) {
                (Some(stem), _) if !stem.is_empty() => format!("{stem}y"),
                (_, Some(stem)) if stem.len() > 1 && !stem.ends_with('s') => stem.to_string(),
                _ => w.to_string(),
            },
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn bound_zh(b: Bound, lower: bool, unit: &str) -> String {
    let v = fmt_dec(b.value);
    match (lower, b.inclusive) {
        (true, true) => format!("不少于 {v}{unit}"),
        (true, false) => format!("大于 {v}{unit}"),
        (false, true) => format!("至多 {v}{unit}"),
        (false, false) => format!("少于 {v}{unit}"),
    }
}

pub(crate) fn band_zh(b: &Band, unit: &str) -> String {
    match (b.range.lower, b.range.upper) {
        (Some(l), None) if l.inclusive => format!("{}{unit}及以上", fmt_dec(l.value)),
        (Some(l), None) => bound_zh(l, true, unit),
        (Some(l), Some(u)) => format!("{}且{}", bound_zh(l, true, unit), bound_zh(u, false, unit)),
        (None, Some(u)) => bound_zh(u, false, unit),
        (None, None) => "任意数值".into(),
    }
}

fn bound_en(b: Bound, lower: bool, unit: &str) -> String {
    let v = fmt_dec(b.value);
    let unit = &if b.value == Decimal::ONE {
        singular(unit)
    } else {
        unit.to_string()
    };
    match (lower, b.inclusive) {
        (true, true) => format!("at least {v}{unit}"),
        (true, false) => format!("over {v}{unit}"),
        (false, true) => format!("at most {v}{unit}"),
        (false, false) => format!("under {v}{unit}"),
    }
}

pub(crate) fn band_en(b: &Band, unit: &str) -> String {
    match (b.range.lower, b.range.upper) {
        (Some(l), None) if l.inclusive && l.value == Decimal::ONE => {
            format!("1{} or more", singular(unit))
        }
        (Some(l), None) if l.inclusive => format!("{}{unit} or more", fmt_dec(l.value)),
        (Some(l), None) => bound_en(l, true, unit),
        (Some(l), Some(u)) => format!(
            "{} and {}",
            bound_en(l, true, unit),
            bound_en(u, false, unit)
        ),
        (None, Some(u)) => bound_en(u, false, unit),
        (None, None) => "any value".into(),
    }
}
