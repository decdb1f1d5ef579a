//! One 一级指标: its heading, weight and subtotal, and its items.

use std::collections::BTreeMap;

use spacescore_core::advise::Advice;
use spacescore_core::{fmt_dec, Inputs, Lang, Report, Rubric, Text};
use yew::prelude::*;

use crate::components::item_card::ItemCard;
use crate::i18n;
use crate::layout::Owner;
use crate::state::{Action, Scenario};
use crate::Shared;
use spacescore_live::show;

/// A group's properties.
#[derive(Properties, PartialEq)]
pub struct GroupSectionProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The group's index in the rubric.
    pub group: usize,
    /// The current report.
    pub report: Shared<Report>,
    /// Where the next points are.
    pub advice: Shared<Advice>,
    /// The what-if scenario compared with, if any.
    #[prop_or_default]
    pub scenario: Option<Shared<Scenario>>,
    /// What was typed.
    pub values: Shared<Inputs>,
    /// Where each field's input is drawn.
    pub owners: Shared<BTreeMap<String, Owner>>,
    /// The labels' language.
    pub lang: Lang,
    /// Where changes go.
    pub on_action: Callback<Action>,
}

/// A group with its items.
#[component]
pub fn GroupSection(props: &GroupSectionProps) -> Html {
    let rubric = &*props.rubric;
    let Some(group) = rubric.groups().get(props.group) else {
        return html! {};
    };
    let lang = props.lang;
    let group_score = props.report.groups.get(props.group).map(|g| g.score);
    let subtotal = group_score.map(fmt_dec).unwrap_or_default();
    let subtotal_text = group_score
        .map(|s| show::out_of(s, group.max()))
        .unwrap_or_default();
    let heading_id = format!("group-{}", group.id());
    let items = rubric
        .items()
        .iter()
        .enumerate()
        .filter(|(_, i)| i.group() == group.id())
        .map(|(index, item)| {
            let Some(score) = props.report.items.get(index) else {
                return html! {};
            };
            let mut fields: Vec<String> = item.inputs().into_iter().map(String::from).collect();
            fields.extend(item.aids().iter().cloned());
            let values: Vec<(String, Option<spacescore_core::Value>)> = fields
                .iter()
                .map(|f| (f.clone(), props.values.get(f).cloned()))
                .collect();
            let errors = props
                .report
                .errors
                .iter()
                .filter(|e| fields.contains(&e.field))
                .cloned()
                .collect::<Vec<_>>();
            // The item's next step: its best suggestion, else what stands in the way (at its
            // maximum, self-assessed, waiting for a fix).
            let next = props
                .advice
                .for_item(item.id())
                .next()
                .map(|s| Text::new(s.explanation.clone(), s.explanation_en.clone()))
                .or_else(|| {
                    props
                        .advice
                        .item(item.id())
                        .map(|a| Text::new(a.explanation.clone(), a.explanation_en.clone()))
                });
            let baseline = props.scenario.as_ref().map(|sc| {
                let before = sc.report.item(item.id()).and_then(|i| i.score);
                (sc.name.clone(), before)
            });
            html! {
                <ItemCard
                    key={item.id().to_string()}
                    next={next}
                    baseline={baseline}
                    rubric={props.rubric.clone()}
                    item={index}
                    score={score.clone()}
                    values={values}
                    errors={errors}
                    owners={props.owners.clone()}
                    lang={lang}
                    on_action={props.on_action.clone()}
                />
            }
        });
    html! {
        <section class={classes!("group", group.bonus().then_some("bonus"))} aria-labelledby={heading_id.clone()} data-group={group.id().to_string()}>
            <header class="group-head">
                <h2 id={heading_id}>{ group.name().get(lang) }</h2>
                <span class="group-weight">{ format!("{} {}{}", i18n::WEIGHT.get(lang), fmt_dec(group.max()), i18n::POINTS.get(lang)) }</span>
                <span class="group-subtotal" data-subtotal={subtotal}>{ subtotal_text }</span>
            </header>
            if !group.notes().is_empty() {
                <ul class="group-notes" lang="zh-CN">{ for group.notes().iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
            { for items }
        </section>
    }
}
