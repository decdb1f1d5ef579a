//! The problems of a rubric file that was not opened, as the checker listed them (file, line
//! and place of each), until the person dismisses them.

use spacescore_core::text::quote_short;
use spacescore_core::Lang;
use yew::prelude::*;

use crate::checker::FileProblems;
use crate::i18n;
use crate::Shared;

/// The problems panel's properties.
#[derive(Properties, PartialEq)]
pub struct ProblemsPanelProps {
    /// The file and its problems.
    pub problems: Shared<FileProblems>,
    /// The labels' language.
    pub lang: Lang,
    /// Where the dismiss button goes.
    pub on_dismiss: Callback<()>,
}

/// The problems panel.
#[component]
pub fn ProblemsPanel(props: &ProblemsPanelProps) -> Html {
    let lang = props.lang;
    let p = &*props.problems;
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <section class="file-problems" id="file-problems" role="alert" aria-labelledby="file-problems-title">
            <h2 id="file-problems-title">{ format!("{}{}", i18n::FILE_PROBLEMS.get(lang), quote_short(&p.file)) }</h2>
            <ol>{ for p.problems.iter().map(|line| html! { <li><code>{ line.get(lang).to_string() }</code></li> }) }</ol>
            <button type="button" onclick={dismiss}>{ i18n::DISMISS.get(lang) }</button>
        </section>
    }
}
