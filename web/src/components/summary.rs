//! The summary that stays in view: base, bonus and total, the grade, the veto, how much is
//! still missing, and a bar per group.

use spacescore_core::advise::Advice;
use spacescore_core::{fmt_dec, Lang, Method, Report, Rubric};
use yew::prelude::*;

use crate::components::advice_panel::AdvicePanel;
use crate::components::group_bars::GroupBars;
use crate::i18n;
use crate::state::{Action, Scenario};
use crate::Shared;
use spacescore_live::show;

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
    let dec = show::or_dash;
    let grade = show::grade(rubric, r, lang);
    let veto = show::veto(rubric, r, lang);
    let missing = show::missing(r, lang);
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
                    <p id="veto-status" class={classes!("veto", veto.on.then_some("on"), veto.pending.then_some("pending"))} role="status">{ veto.text }</p>
                }
                { for (if lang == Lang::Zh { &r.grade_notes } else { &r.grade_notes_en }).iter().map(|n| html! { <p class="grade-note">{ n }</p> }) }
            } else {
                <p id="warning-count" class={classes!("warn-count", (!r.warnings.is_empty()).then_some("on"))}>
                    { show::warnings(r, lang) }
                </p>
            }
            <p class="status-line">
                <span id="missing-count" class="missing">{ missing }</span>
                if !r.errors.is_empty() {
                    <span id="error-count" class="errors">{ show::errors(r, lang) }</span>
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
