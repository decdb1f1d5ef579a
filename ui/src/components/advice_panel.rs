//! 提分空间: where the next points are — the points missing to the next grade, the top
//! suggestions (each a link to its item), the room left per group — and the what-if
//! scenario the current figures are compared with, with its buttons where the page offers
//! scenarios. Drawn twice on the self-check page: in the summary on wide screens, after the
//! form on phones (where the summary is a bar); `place` tells which.

use spacescore_core::advise::Advice;
use spacescore_core::{fmt_dec, Lang, Report};
use yew::prelude::*;

use crate::i18n::{self, colon, pick};
use crate::layout::item_anchor;
use crate::scenario::{Scenario, ScenarioStep};
use crate::Shared;

/// How many suggestions the panel lists.
const TOP: usize = 5;

/// The panel's properties.
#[derive(Properties, PartialEq)]
pub struct AdvicePanelProps {
    /// The advice for the current figures.
    pub advice: Shared<Advice>,
    /// The current report.
    pub report: Shared<Report>,
    /// The scenario compared with, if any.
    #[prop_or_default]
    pub scenario: Option<Shared<Scenario>>,
    /// Where it is drawn: `summary` or `form` (ids and CSS differ).
    pub place: &'static str,
    /// The labels' language.
    pub lang: Lang,
    /// Where the scenario buttons go. Without it there are none: a page that shows a filing
    /// as it is offers no what-if scenarios.
    #[prop_or_default]
    pub on_scenario: Option<Callback<ScenarioStep>>,
}

/// The advice panel.
#[component]
pub fn AdvicePanel(props: &AdvicePanelProps) -> Html {
    let lang = props.lang;
    let a = &*props.advice;
    let title_id = format!("advice-title-{}", props.place);
    // The scenario buttons, where the page offers scenarios.
    let buttons = props.on_scenario.as_ref().map(|on| {
        let button = |label: i18n::L, id: &str, step: ScenarioStep| {
            let onclick = on.reform(move |_: MouseEvent| step);
            html! { <button type="button" id={format!("{id}-{}", props.place)} {onclick}>{ label.get(lang) }</button> }
        };
        if props.scenario.is_some() {
            html! {
                <>
                    { button(i18n::SCENARIO_UPDATE, "scenario-keep", ScenarioStep::Keep) }
                    { button(i18n::SCENARIO_RESTORE, "scenario-restore", ScenarioStep::Restore) }
                    { button(i18n::SCENARIO_DROP, "scenario-drop", ScenarioStep::Drop) }
                </>
            }
        } else {
            button(i18n::SCENARIO_KEEP, "scenario-keep", ScenarioStep::Keep)
        }
    });
    let suggestions: Vec<Html> = a
        .suggestions
        .iter()
        .take(TOP)
        .map(|s| {
            html! {
                <li>
                    <a href={format!("#{}", item_anchor(&s.item))}>{ pick(lang, &s.explanation, &s.explanation_en).to_string() }</a>
                </li>
            }
        })
        .collect();
    let scenario = props.scenario.as_ref().map(|sc| {
        let before = sc.report.total;
        let now = props.report.total;
        let diff = match (before, now) {
            (Some(b), Some(n)) => {
                let d = n - b;
                let sign = if d.is_sign_positive() && !d.is_zero() { "+" } else { "" };
                format!("{sign}{}", fmt_dec(d))
            }
            _ => "—".into(),
        };
        let dec = |d: Option<rust_decimal::Decimal>| d.map(fmt_dec).unwrap_or_else(|| "—".into());
        html! {
            <p class="scenario-totals" id={format!("scenario-totals-{}", props.place)}>
                { format!("{}{}{} → {}{}{}{}", i18n::scenario_name(&sc.name, lang), colon(lang), dec(before), i18n::SCENARIO_NOW.get(lang), colon(lang), dec(now), i18n::paren(lang, &diff)) }
            </p>
        }
    });
    html! {
        <section class={classes!("advice", format!("advice-{}", props.place))} aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>{ i18n::ADVICE.get(lang) }</h3>
            if let Some(g) = &a.next_grade {
                <p class="next-grade">{ pick(lang, &g.explanation, &g.explanation_en).to_string() }</p>
            }
            if !a.fixes.is_empty() {
                <p class="advice-fixes">
                    { i18n::ADVICE_FIXES.get(lang) }
                    { a.fixes.iter().map(|f| pick(lang, &f.message, &f.message_en).to_string()).collect::<Vec<_>>().join(pick(lang, "；", "; ")) }
                </p>
            }
            if suggestions.is_empty() {
                <p class="advice-none">{ i18n::ADVICE_NONE.get(lang) }</p>
            } else {
                <ol class="suggestions">{ for suggestions }</ol>
            }
            if !a.headroom.is_zero() {
                <details class="group-headroom">
                    <summary>{ format!("{} {} {}", i18n::ADVICE_HEADROOM.get(lang), fmt_dec(a.headroom), i18n::POINTS.get(lang)) }</summary>
                    <p class="headroom-title">{ i18n::ADVICE_GROUPS.get(lang) }</p>
                    <ul>
                        { for a.groups.iter().filter(|g| !g.headroom.is_zero()).map(|g| html! {
                            <li>
                                { format!("{}{}{} {}", pick(lang, &g.name, &g.name_en), colon(lang), fmt_dec(g.headroom), i18n::POINTS.get(lang)) }
                                if !g.self_headroom.is_zero() {
                                    { i18n::paren(lang, &format!("{} {}", i18n::ADVICE_SELF.get(lang), fmt_dec(g.self_headroom))) }
                                }
                            </li>
                        }) }
                    </ul>
                </details>
            }
            if props.on_scenario.is_some() || props.scenario.is_some() {
                <div class="scenario" role="group" aria-label={i18n::SCENARIO.get(lang)}>
                    { for scenario }
                    { for buttons }
                </div>
            }
        </section>
    }
}
