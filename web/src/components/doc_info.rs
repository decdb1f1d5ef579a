//! The source document: title, number, year, issuer, period, how the rubric is scored, and
//! the interpretations that concern the whole document.

use spacescore_core::{Catalog, Lang, Method};
use yew::prelude::*;

use crate::i18n::{self, colon};
use crate::Shared;

/// The document header's properties.
#[derive(Properties, PartialEq)]
pub struct DocInfoProps {
    /// All rubrics.
    pub catalog: Shared<Catalog>,
    /// The chosen rubric's index.
    pub rubric: usize,
    /// The labels' language.
    pub lang: Lang,
}

/// The document header.
#[component]
pub fn DocInfo(props: &DocInfoProps) -> Html {
    let rubric = &props.catalog.rubrics()[props.rubric];
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
    let mut notes: Vec<String> = d.notes.clone();
    if let Some(g) = rubric.grades_note() {
        notes.push(g.to_string());
    }
    html! {
        <section class="doc-info" aria-labelledby="rubric-name">
            <h2 id="rubric-name">{ rubric.name().get(lang) }</h2>
            <p class="doc-title">
                <span class="label">{ format!("{}{}", i18n::DOCUMENT.get(lang), colon(lang)) }</span>
                <cite id="doc-title" lang="zh-CN">{ format!("《{}》", d.title) }</cite>
            </p>
            <dl class="facts">
                if let Some(n) = &d.number { { fact(i18n::DOC_NUMBER, n, "doc-number") } }
                if let Some(y) = &d.year { { fact(i18n::DOC_YEAR, y, "doc-year") } }
                { fact(i18n::DOC_ISSUER, &d.issuer, "doc-issuer") }
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
