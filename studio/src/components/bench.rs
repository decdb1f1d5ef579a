//! The test bench: the file's worked examples (`[[cases]]`), each with its figures and the
//! scores the document gives them (entered by hand), passing or failing as the file changes.
//! A failing example shows the checker's own message (“item X scores 3 under this file's
//! rules; the example says 4”).

use spacescore_core::Lang;
use yew::prelude::*;

use crate::components::editor::{problem_list, text_of, value};
use crate::doc::{Doc, Outcome};
use crate::i18n;
use crate::state::Action;
use crate::tree::{at, key};

/// The bench's properties.
#[derive(Properties, PartialEq)]
pub struct BenchProps {
    /// The document.
    pub doc: Doc,
    /// Whether a rubric is previewed (examples are taken from its figures).
    pub previewing: bool,
    /// The labels' language.
    pub lang: Lang,
    /// Where edits go.
    pub on_action: Callback<Action>,
}

/// The worked examples.
#[component]
pub fn Bench(props: &BenchProps) -> Html {
    let lang = props.lang;
    let on = &props.on_action;
    let cases = props.doc.cases().iter().enumerate().map(|(i, case)| {
        let path = vec![key("cases"), at(i)];
        let (class, status, problems) = match props.doc.outcome(i) {
            Outcome::Pass => ("pass", i18n::PASS.get(lang), Vec::new()),
            Outcome::Fail(p) => ("fail", i18n::FAIL.get(lang), p),
            Outcome::NotRun => ("not-run", i18n::NOT_RUN.get(lang), Vec::new()),
        };
        let problems: Vec<_> = problems.iter().collect();
        html! {
            <details class={classes!("entry", "case", class)} key={i} data-case={i.to_string()} open=true>
                <summary>{ text_of(case, "name") }<span class={classes!("status", class)} data-status={class}>{ status }</span></summary>
                { problem_list(&problems, lang) }
                { value(&path, case, lang, on) }
            </details>
        }
    });
    let add = on.reform(|_: MouseEvent| Action::AddCase);
    html! {
        <section class="bench panel" aria-labelledby="bench-title">
            <h2 id="bench-title">{ i18n::BENCH.get(lang) }</h2>
            <p class="help">{ i18n::BENCH_HELP.get(lang) }</p>
            { for cases }
            <p><button type="button" id="add-case" disabled={!props.previewing} onclick={add}>{ i18n::ADD_CASE.get(lang) }</button></p>
        </section>
    }
}
