//! The problems of a rubric file that was not opened, as the checker listed them (file, line
//! and place of each), until the person dismisses them.
//!
//! A function rather than a component: it is drawn only while there are problems, from
//! props the page holds anyway, so a component of its own would cost the page's module more
//! (Yew's machinery for one more component type) than it saves in drawing.

use spacescore_core::text::quote_short;
use spacescore_core::Lang;
use yew::prelude::*;

use crate::checker::FileProblems;
use crate::i18n;

/// The problems panel: the file's problems, in `lang`, and a button whose click goes to
/// `on_dismiss`.
pub fn problems_panel(
    problems: &FileProblems,
    lang: Lang,
    on_dismiss: Callback<MouseEvent>,
) -> Html {
    html! {
        <section class="file-problems" id="file-problems" role="alert" aria-labelledby="file-problems-title">
            <h2 id="file-problems-title">{ format!("{}{}", i18n::FILE_PROBLEMS.get(lang), quote_short(&problems.file)) }</h2>
            <ol>{ for problems.problems.iter().map(|line| html! { <li><code>{ line.get(lang).to_string() }</code></li> }) }</ol>
            <button type="button" onclick={on_dismiss}>{ i18n::DISMISS.get(lang) }</button>
        </section>
    }
}
