//! The 一票否决 questions, and clauses that cap the grade.

use std::collections::BTreeMap;

use spacescore_core::rubric::Trigger;
use spacescore_core::{Inputs, Lang, Report, Rubric};
use yew::prelude::*;

use crate::components::field_input::{field_ref, FieldInput};
use crate::i18n::{self, pick};
use crate::layout::Owner;
use crate::state::Action;
use crate::Shared;
use spacescore_live::show;

/// The veto section's properties.
#[derive(Properties, PartialEq)]
pub struct VetoSectionProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The current report.
    pub report: Shared<Report>,
    /// What was typed.
    pub values: Shared<Inputs>,
    /// Where each field's input is drawn.
    pub owners: Shared<BTreeMap<String, Owner>>,
    /// The labels' language.
    pub lang: Lang,
    /// Where changes go.
    pub on_action: Callback<Action>,
}

/// The veto questions.
#[component]
pub fn VetoSection(props: &VetoSectionProps) -> Html {
    let rubric = &*props.rubric;
    let lang = props.lang;
    let input = |field_id: &str| -> Html {
        let Some(field) = rubric.field(field_id) else {
            return html! {};
        };
        if props.owners.get(field_id) != Some(&Owner::Veto) {
            // Entered with an item: link to it and show the figure.
            return field_ref(field, props.values.get(field_id), lang);
        }
        let error = props
            .report
            .errors
            .iter()
            .find(|e| e.field == field_id)
            .cloned();
        html! {
            <FieldInput
                field={field.clone()}
                value={props.values.get(field_id).cloned()}
                {error}
                lang={lang}
                on_action={props.on_action.clone()}
            />
        }
    };
    let vetoes = rubric.vetoes().iter().map(|v| {
        let on = show::veto_on(&props.report, v);
        let fields: Vec<&str> = match v.trigger() {
            Trigger::Flag(f) => vec![f.as_str()],
            Trigger::Compare(c) => c.quantity.fields(),
        };
        html! {
            <li class={classes!("veto-item", on.then_some("on"))} data-veto={v.id().to_string()}>
                <p class="veto-text">{ pick(lang, &v.text().zh, &v.text().en).to_string() }</p>
                if lang == Lang::En { <p class="veto-source" lang="zh-CN">{ v.text().zh.clone() }</p> }
                { for fields.into_iter().map(input) }
                { for v.notes().iter().map(|n| html! { <p class="note" lang="zh-CN">{ n }</p> }) }
            </li>
        }
    });
    let limits = rubric.limits().iter().map(|l| {
        html! {
            <li class="veto-item limit" data-limit={l.id().to_string()}>
                <p class="veto-text">{ pick(lang, &l.text().zh, &l.text().en).to_string() }</p>
                if lang == Lang::En { <p class="veto-source" lang="zh-CN">{ l.text().zh.clone() }</p> }
                { input(l.flag()) }
            </li>
        }
    });
    html! {
        <section class="group veto-section" aria-labelledby="veto-title">
            <header class="group-head"><h2 id="veto-title">{ i18n::VETO_SECTION.get(lang) }</h2></header>
            <p class="help">{ i18n::VETO_HELP.get(lang) }</p>
            <ul class="vetoes">{ for vetoes }{ for limits }</ul>
        </section>
    }
}
