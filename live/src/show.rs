//! What the page shows of a report, as text: an item's score, a subtotal, the grade, the
//! veto line, what is missing. The app's components and the first module both write these,
//! so a score reads the same before and after the app takes over. Also the DOM ids both use.

use rust_decimal::Decimal;
use spacescore_core::rubric::Trigger;
use spacescore_core::{fmt_dec, FigureValue, Lang, Report, Rubric};

use crate::i18n::{self, colon, paren, pick};

/// An item's score against its maximum: “7 / 10”, or “— / 10” while one of its inputs
/// cannot be read.
pub fn item_score(score: Option<Decimal>, max: Decimal) -> String {
    format!("{} / {}", or_dash(score), fmt_dec(max))
}

/// A subtotal against its weight: “12.5 / 20”.
pub fn out_of(score: Decimal, max: Decimal) -> String {
    format!("{} / {}", fmt_dec(score), fmt_dec(max))
}

/// A decimal, or “—” when there is none (a form has no total; an unreadable input).
pub fn or_dash(d: Option<Decimal>) -> String {
    d.map(fmt_dec).unwrap_or_else(|| "—".into())
}

/// The length of a group's bar, `width` for the full weight: drawing, not scoring, so a
/// share of the width to one decimal.
pub fn bar_length(score: Decimal, max: Decimal, width: i64) -> Decimal {
    score
        .checked_mul(Decimal::from(width))
        .and_then(|x| x.checked_div(max))
        .unwrap_or(Decimal::ZERO)
        .round_dp(1)
}

/// A figure's reference line, with ✓ or ✗ once it can be computed: “（≥ 50% ✓）”.
pub fn figure_target(f: &FigureValue, lang: Lang) -> Option<String> {
    let mark = match f.meets {
        Some(true) => " ✓",
        Some(false) => " ✗",
        None => "",
    };
    f.target
        .as_ref()
        .map(|t| paren(lang, &format!("{t}{mark}")))
}

/// The grade line: the grade, “no grade bands published”, or “—” until there is one.
pub fn grade(rubric: &Rubric, report: &Report, lang: Lang) -> String {
    match (&report.grade, &report.grade_en) {
        (Some(zh), Some(en)) => pick(lang, zh, en).to_string(),
        _ if rubric.grades().is_empty() => i18n::NO_GRADE.get(lang).to_string(),
        _ => "—".to_string(),
    }
}

/// The veto line of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Veto {
    /// What it says.
    pub text: String,
    /// A veto applies.
    pub on: bool,
    /// No veto applies yet, but a veto question is still unanswered.
    pub pending: bool,
}

/// The veto line: vetoed (with the clauses), a question still unanswered, or no veto.
pub fn veto(rubric: &Rubric, report: &Report, lang: Lang) -> Veto {
    let unanswered = rubric.vetoes().iter().any(|v| match v.trigger() {
        Trigger::Flag(f) => report.missing.contains(f),
        Trigger::Compare(_) => false,
    });
    let text = if report.vetoed {
        let reasons = match lang {
            Lang::Zh => report.veto_reasons.join("；"),
            Lang::En => report.veto_reasons_en.join("; "),
        };
        format!("{}{}{reasons}", i18n::VETOED.get(lang), colon(lang))
    } else if unanswered {
        i18n::VETO_UNANSWERED.get(lang).to_string()
    } else {
        i18n::NOT_VETOED.get(lang).to_string()
    };
    Veto {
        text,
        on: report.vetoed,
        pending: !report.vetoed && unanswered,
    }
}

/// Whether the 一票否决 clause `veto` applies: the report names it among its reasons.
pub fn veto_on(report: &Report, veto: &spacescore_core::rubric::Veto) -> bool {
    report.veto_reasons.iter().any(|r| *r == veto.text().zh)
}

/// How many needed fields are still empty: “待填写：3”, or “已全部填写”.
pub fn missing(report: &Report, lang: Lang) -> String {
    if report.missing.is_empty() {
        i18n::MISSING_NONE.get(lang).to_string()
    } else {
        format!(
            "{}{}{}",
            i18n::MISSING.get(lang),
            colon(lang),
            report.missing.len()
        )
    }
}

/// How many inputs cannot be read: “2 项输入有误”.
pub fn errors(report: &Report, lang: Lang) -> String {
    format!("{} {}", report.errors.len(), i18n::ERRORS.get(lang))
}

/// A form's count of consistency warnings.
pub fn warnings(report: &Report, lang: Lang) -> String {
    format!(
        "{}{}{}",
        i18n::WARNINGS.get(lang),
        colon(lang),
        report.warnings.len()
    )
}

/// The DOM id of a field's input (`score.regional` → `f-score-regional`).
pub fn input_id(field: &str) -> String {
    let mut id = String::from("f-");
    id.extend(field.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        }
    }));
    id
}

/// The DOM id of an item's card.
pub fn item_anchor(item: &str) -> String {
    format!("item-{item}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_only_what_an_id_and_a_selector_take() {
        assert_eq!(input_id("score.regional"), "f-score-regional");
        assert_eq!(input_id("a_b-c"), "f-a_b-c");
        assert_eq!(item_anchor("mentor-count"), "item-mentor-count");
    }

    #[test]
    fn a_score_without_a_value_shows_a_dash() {
        assert_eq!(item_score(None, Decimal::from(10)), "— / 10");
        assert_eq!(
            item_score(Some(Decimal::new(75, 1)), Decimal::from(10)),
            "7.5 / 10"
        );
    }

    #[test]
    fn a_bar_is_a_share_of_its_width_and_never_divides_by_zero() {
        assert_eq!(
            bar_length(Decimal::from(5), Decimal::from(20), 260),
            Decimal::from(65)
        );
        assert_eq!(
            bar_length(Decimal::from(1), Decimal::from(3), 260),
            Decimal::new(867, 1)
        );
        assert_eq!(
            bar_length(Decimal::from(1), Decimal::ZERO, 260),
            Decimal::ZERO
        );
    }
}
