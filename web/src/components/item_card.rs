//! One indicator (二级指标): its name and maximum, its inputs, its score with the core's
//! explanation, the source text and the interpretations that affect it.

use std::collections::BTreeMap;

use spacescore_core::{fmt_dec, FieldError, FieldKind, ItemScore, Lang, Rubric, Text, Value};
use yew::prelude::*;

use crate::components::field_input::{field_ref, FieldInput};
use crate::i18n::{self, colon, paren, pick};
use crate::layout::{item_anchor, Owner};
use crate::state::Action;
use crate::Shared;
use spacescore_live::show;

/// An item card's properties.
#[derive(Properties, PartialEq)]
pub struct ItemCardProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The item's index in the rubric.
    pub item: usize,
    /// The item's result from the core.
    pub score: ItemScore,
    /// The item's next step (its best suggestion, or why there is none).
    #[prop_or_default]
    pub next: Option<Text>,
    /// The what-if scenario's name and this item's score under it.
    #[prop_or_default]
    pub baseline: Option<(String, Option<rust_decimal::Decimal>)>,
    /// The item's fields (inputs, then aids) and what was typed in them.
    pub values: Vec<(String, Option<Value>)>,
    /// Errors of the item's fields.
    pub errors: Vec<FieldError>,
    /// Where each field's input is drawn.
    pub owners: Shared<BTreeMap<String, Owner>>,
    /// The labels' language.
    pub lang: Lang,
    /// Where changes go.
    pub on_action: Callback<Action>,
}

/// One item.
#[component]
pub fn ItemCard(props: &ItemCardProps) -> Html {
    let source_open = use_state(|| false);
    let on_source_toggle = {
        let source_open = source_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            source_open.set(open);
        })
    };
    let policies_open = use_state(|| false);
    let on_policies_toggle = {
        let policies_open = policies_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            policies_open.set(open);
        })
    };
    let rubric = &*props.rubric;
    let Some(item) = rubric.items().get(props.item) else {
        return html! {};
    };
    let lang = props.lang;
    let s = &props.score;
    let anchor = item_anchor(item.id());
    let name_id = format!("{anchor}-name");
    let score_text = show::item_score(s.score, s.max);
    let nature = item.nature().map(|n| match (n, lang) {
        ("定量", Lang::En) => "Quantitative".to_string(),
        ("定性", Lang::En) => "Qualitative".to_string(),
        (other, _) => other.to_string(),
    });
    let inputs: Vec<String> = item.inputs().into_iter().map(String::from).collect();

    let field_view = |field_id: &String| -> Html {
        let Some(field) = rubric.field(field_id) else {
            return html! {};
        };
        let value = props
            .values
            .iter()
            .find(|(f, _)| f == field_id)
            .and_then(|(_, v)| v.clone());
        let owner = props.owners.get(field_id).copied();
        if owner != Some(Owner::Item(props.item)) {
            // Entered in another item: link to it and show the figure.
            return field_ref(field, value.as_ref(), lang);
        }
        let error = props.errors.iter().find(|e| &e.field == field_id).cloned();
        let label = (*field.kind() == FieldKind::Score).then(|| {
            let range = format!(
                "0–{} {}",
                field.max().map(fmt_dec).unwrap_or_default(),
                i18n::POINTS.get(lang)
            );
            format!("{}{}", i18n::SELF_SCORE.get(lang), paren(lang, &range))
        });
        html! {
            <FieldInput
                key={field_id.clone()}
                field={field.clone()}
                value={value}
                error={error}
                label={label}
                lang={lang}
                on_action={props.on_action.clone()}
            />
        }
    };

    let figures = s.figures.iter().map(|f| {
        html! {
            <li data-figure={f.id.clone()}>
                <span class="figure-label">{ pick(lang, &f.label, &f.label_en).to_string() }</span>
                { colon(lang) }
                <strong class="figure-value">{ f.display.clone() }</strong>
                if let Some(t) = show::figure_target(f, lang) { <span class="figure-target">{ t }</span> }
            </li>
        }
    });

    let policies = item
        .policies()
        .iter()
        .filter_map(|p| rubric.policy(p))
        .map(|p| {
            html! { <li class="policy">{ p.text().get(lang).to_string() }</li> }
        });

    html! {
        <article
            id={anchor.clone()}
            class={classes!(
                "item",
                item.self_assessed().then_some("self-assessed"),
                item.bonus().then_some("bonus"),
                s.capped.then_some("capped"),
                s.score.is_none().then_some("invalid"),
            )}
            aria-labelledby={name_id.clone()}
            data-item={item.id().to_string()}
        >
            <header class="item-head">
                if let Some(n) = item.number() { <span class="item-number">{ n }</span> }
                <h3 id={name_id}>{ item.name().get(lang) }</h3>
                <span class="badges">
                    if let Some(n) = nature { <span class="badge nature">{ n }</span> }
                    if item.self_assessed() { <span class="badge self">{ i18n::SELF_ASSESSED.get(lang) }</span> }
                    if item.bonus() { <span class="badge bonus">{ i18n::BONUS_ITEM.get(lang) }</span> }
                </span>
                <span class="item-score" data-score={s.score.map(fmt_dec).unwrap_or_default()}>
                    { score_text }
                    if s.capped { <mark class="cap" title={i18n::CAPPED_TITLE.get(lang)}>{ i18n::CAPPED.get(lang) }</mark> }
                    if s.score.is_none() { <mark class="unscored">{ i18n::NOT_SCORED.get(lang) }</mark> }
                </span>
            </header>
            <p class="explanation">{ pick(lang, &s.explanation, &s.explanation_en).to_string() }</p>
            if let Some((name, before)) = &props.baseline {
                <p class="vs-scenario">
                    { format!("{}{}{}", i18n::scenario_name(name, lang), colon(lang), before.map(fmt_dec).unwrap_or_else(|| "—".into())) }
                    if let (Some(b), Some(n)) = (before, s.score) {
                        if *b != n {
                            <strong class="delta">{ format!(" → {}{}", fmt_dec(n), i18n::paren(lang, &format!("{}{}", if n > *b { "+" } else { "" }, fmt_dec(n - *b)))) }</strong>
                        }
                    }
                </p>
            }
            if let Some(next) = &props.next {
                <p class="next-step"><span class="next-label">{ i18n::NEXT_STEP.get(lang) }</span>{ next.get(lang).to_string() }</p>
            }
            <div class="inputs">{ for inputs.iter().map(field_view) }</div>
            if !s.figures.is_empty() {
                <ul class="figures">{ for figures }</ul>
            }
            if !item.aids().is_empty() {
                <div class="aids">
                    <p class="aids-title">{ i18n::AIDS.get(lang) }</p>
                    { for item.aids().iter().map(field_view) }
                </div>
            }
            <details class="source" ontoggle={on_source_toggle}>
                <summary>{ i18n::SOURCE_TEXT.get(lang) }</summary>
                // The quotations are drawn when opened: most people never open most of them,
                // and the first screen appears sooner without them.
                if *source_open {
                    <blockquote lang="zh-CN">{ item.source_text() }</blockquote>
                    if let Some(rule) = item.rule_text() {
                        <p class="source-label">{ i18n::RULE_TEXT.get(lang) }</p>
                        <blockquote lang="zh-CN">{ rule }</blockquote>
                    }
                    if let Some(evidence) = item.evidence() {
                        <p class="source-label">{ i18n::EVIDENCE.get(lang) }</p>
                        <blockquote lang="zh-CN">{ evidence }</blockquote>
                    }
                }
            </details>
            if !item.notes().is_empty() || !item.policies().is_empty() {
                <details class="interpretation" open={!item.notes().is_empty()}>
                    <summary>{ i18n::INTERPRETATION.get(lang) }</summary>
                    if !item.notes().is_empty() {
                        <ul>{ for item.notes().iter().map(|n| html! { <li lang="zh-CN">{ n }</li> }) }</ul>
                    }
                    if !item.policies().is_empty() {
                        <details class="policies" ontoggle={on_policies_toggle}>
                            <summary>{ format!("{}{}", i18n::POLICY.get(lang), paren(lang, &item.policies().len().to_string())) }</summary>
                            // Drawn when opened, like the quotations.
                            if *policies_open {
                                <ul>{ for policies }</ul>
                            }
                        </details>
                    }
                </details>
            }
        </article>
    }
}
