//! The summary that stays in view: base, bonus and total, the grade, the veto, how much is
//! still missing, and a bar per group.

use spacescore_core::advise::Advice;
use spacescore_core::{fmt_dec, Lang, Method, Report, Rubric};
use yew::prelude::*;

use crate::components::advice_panel::AdvicePanel;
use crate::components::group_bars::GroupBars;
use crate::i18n::{self, colon, pick};
use crate::state::{Action, Scenario};
use crate::Shared;

/// The summary's properties.
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The current report.
    pub report: Shared<Report>,
    /// Where the next points are.
    pub advice: Shared<Advice>,
    /// The what-if scenario compared with, if any.
    #[prop_or_default]
    pub scenario: Option<Shared<Scenario>>,
    /// The labels' language.
    pub lang: Lang,
    /// Where the scenario buttons go.
    pub on_action: Callback<Action>,
}

/// The score summary.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let rubric = &*props.rubric;
    let r = &*props.report;
    let lang = props.lang;
    let dec = |d: Option<rust_decimal::Decimal>| d.map(fmt_dec).unwrap_or_else(|| "—".into());
    let veto_questions: Vec<String> = rubric
        .vetoes()
        .iter()
        .filter_map(|v| match v.trigger() {
            spacescore_core::rubric::Trigger::Flag(f) => Some(f.clone()),
            spacescore_core::rubric::Trigger::Compare(_) => None,
        })
        .collect();
    let unanswered = veto_questions.iter().any(|f| r.missing.contains(f));
    let grade = match (&r.grade, &r.grade_en) {
        (Some(zh), Some(en)) => pick(lang, zh, en).to_string(),
        _ if rubric.grades().is_empty() => i18n::NO_GRADE.get(lang).to_string(),
        _ => "—".to_string(),
    };
    let veto_text = if r.vetoed {
        let reasons = if lang == Lang::Zh {
            r.veto_reasons.join("；")
        } else {
            r.veto_reasons_en.join("; ")
        };
        format!("{}{}{reasons}", i18n::VETOED.get(lang), colon(lang))
    } else if unanswered {
        i18n::VETO_UNANSWERED.get(lang).to_string()
    } else {
        i18n::NOT_VETOED.get(lang).to_string()
    };
    let missing = if r.missing.is_empty() {
        i18n::MISSING_NONE.get(lang).to_string()
    } else {
        format!(
            "{}{}{}",
            i18n::MISSING.get(lang),
            colon(lang),
            r.missing.len()
        )
    };
    let scored = rubric.method() != Method::Form;
    html! {
        <aside class="summary" id="summary" aria-labelledby="summary-title" tabindex="-1">
            <h2 id="summary-title">{ if scored { i18n::SUMMARY.get(lang) } else { i18n::FORM_SUMMARY.get(lang) } }</h2>
            if scored {
                <dl class="totals" aria-live="polite">
                    <div class="total-line">
                        <dt>{ i18n::BASE.get(lang) }</dt>
                        <dd><output id="score-base">{ dec(r.base) }</output>{ format!(" / {}", fmt_dec(r.base_max)) }</dd>
                    </div>
                    if !r.bonus_max.is_zero() {
                        <div class="total-line">
                            <dt>{ i18n::BONUS.get(lang) }</dt>
                            <dd>
                                <output id="score-bonus">{ dec(r.bonus) }</output>{ format!(" / {}", fmt_dec(r.bonus_max)) }
                                if r.bonus_capped {
                                    <mark class="cap" id="bonus-capped">{ i18n::BONUS_CAPPED.get(lang) }</mark>
                                }
                            </dd>
                        </div>
                    }
                    <div class="total-line grand">
                        <dt>{ i18n::TOTAL.get(lang) }</dt>
                        <dd><output id="score-total">{ dec(r.total) }</output></dd>
                    </div>
                    <div class={classes!("total-line", "grade-line", r.grade.is_none().then_some("none"))}>
                        <dt>{ i18n::GRADE.get(lang) }</dt>
                        <dd id="grade" class={classes!(r.grade.is_none().then_some("none"))}>{ grade }</dd>
                    </div>
                </dl>
                if !rubric.vetoes().is_empty() {
                    <p id="veto-status" class={classes!("veto", r.vetoed.then_some("on"), (!r.vetoed && unanswered).then_some("pending"))} role="status">{ veto_text }</p>
                }
                { for (if lang == Lang::Zh { &r.grade_notes } else { &r.grade_notes_en }).iter().map(|n| html! { <p class="grade-note">{ n }</p> }) }
            } else {
                <p id="warning-count" class={classes!("warn-count", (!r.warnings.is_empty()).then_some("on"))}>
                    { format!("{}{}{}", i18n::WARNINGS.get(lang), colon(lang), r.warnings.len()) }
                </p>
            }
            <p class="status-line">
                <span id="missing-count" class="missing">{ missing }</span>
                if !r.errors.is_empty() {
                    <span id="error-count" class="errors">{ format!("{} {}", r.errors.len(), i18n::ERRORS.get(lang)) }</span>
                }
            </p>
            if scored {
                <GroupBars report={props.report.clone()} rubric={props.rubric.clone()} lang={lang} />
                <AdvicePanel
                    advice={props.advice.clone()}
                    report={props.report.clone()}
                    scenario={props.scenario.clone()}
                    place="summary"
                    lang={lang}
                    on_action={props.on_action.clone()}
                />
            }
        </aside>
    }
}
