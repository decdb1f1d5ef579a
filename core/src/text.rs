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
