//! The source document: title, number, year, issuer, period, how the rubric is scored, and
//! the interpretations that concern the whole document.

use spacescore_core::rubric::Stated;
use spacescore_core::{Lang, Method, Rubric};
use yew::prelude::*;

use crate::i18n::{self, colon};
use crate::Shared;

/// The document header's properties.
#[derive(Properties, PartialEq)]
pub struct DocInfoProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The name of the rubric file it was opened from, when it is not one of the site's.
    #[prop_or_default]
    pub opened_from: Option<String>,
    /// The labels' language.
    pub lang: Lang,
}

/// The document header.
#[component]
pub fn DocInfo(props: &DocInfoProps) -> Html {
    let rubric = &*props.rubric;
    let d = rubric.document();
    let lang = props.lang;
    let method = match rubric.method() {
        Method::Formula => i18n::METHOD_FORMULA,
        Method::Weights => i18n::METHOD_WEIGHTS,
        Method::Form => i18n::METHOD_FORM,
    };
    let fact = |label: i18n::L, value: &str, id: &str| {
        html! {
            <div class="fact">
                <dt>{ label.get(lang) }</dt>
                <dd id={id.to_string()} lang="zh-CN">{ value.to_string() }</dd>
            </div>
        }
    };
    // A fact the document does not state is said so, with where it was looked for.
    let stated = |label: i18n::L, value: &Stated, id: &str| match value {
        Stated::Given(v) => fact(label, v, id),
        Stated::NotStated(note) => html! {
            <div class="fact not-stated">
                <dt>{ label.get(lang) }</dt>
                <dd id={id.to_string()}>
                    { i18n::NOT_STATED.get(lang) }
                    if !note.is_empty() { <span class="note" lang="zh-CN">{ i18n::paren(lang, note) }</span> }
                </dd>
            </div>
        },
    };
    let mut notes: Vec<String> = d.notes.clone();
    if let Some(g) = rubric.grades_note() {
        notes.push(g.to_string());
    }
    html! {
        <section class={classes!("doc-info", props.opened_from.is_some().then_some("opened"))} aria-labelledby="rubric-name">
            if let Some(file) = &props.opened_from {
                <p class="opened-badge" id="opened-badge" role="note">
                    <strong>{ i18n::OPENED_BADGE.get(lang) }</strong>
                    { format!(" · {}{}{file} · {} {} · {} {}", i18n::OPENED_FROM.get(lang), colon(lang), i18n::VERSION.get(lang), rubric.version(), i18n::HASH.get(lang), rubric.short_hash()) }
                </p>
            }
            <h2 id="rubric-name">{ rubric.name().get(lang) }</h2>
            <p class="doc-title">
                <span class="label">{ format!("{}{}", i18n::DOCUMENT.get(lang), colon(lang)) }</span>
                <cite id="doc-title" lang="zh-CN">{ format!("《{}》", d.title) }</cite>
            </p>
            <dl class="facts">
                if let Some(n) = &d.number { { fact(i18n::DOC_NUMBER, n, "doc-number") } }
                { stated(i18n::DOC_YEAR, &d.year, "doc-year") }
                { stated(i18n::DOC_ISSUER, &d.issuer, "doc-issuer") }
                { fact(i18n::DOC_PERIOD, &d.period, "doc-period") }
            </dl>
            <p class={classes!("method", format!("method-{}", rubric.method().as_str()))}>{ method.get(lang) }</p>
            if !notes.is_empty() {
                <details class="doc-notes">
                    <summary>{ i18n::DOC_NOTES.get(lang) }</summary>
                    <ul lang="zh-CN">{ for notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </details>
            }
        </section>
    }
}
