//! How far scoring the files has come: the rows read so far, as text and as a `<progress>`
//! bar, and the button that stops it (the page is then as it was before).

use spacescore_core::Lang;
use yew::prelude::*;

use crate::i18n;
use crate::state::{Action, Progress};

/// The progress's properties.
#[derive(Properties, PartialEq)]
pub struct ScoringProgressProps {
    /// How far it has come (none before the first file is read).
    pub progress: Option<Progress>,
    /// The labels' language.
    pub lang: Lang,
    /// Takes [`Action::Cancel`].
    pub on_action: Callback<Action>,
}

/// The progress bar and the cancel button, while files are scored.
#[component]
pub fn ScoringProgress(props: &ScoringProgressProps) -> Html {
    let lang = props.lang;
    let on_cancel = props.on_action.reform(|_: MouseEvent| Action::Cancel);
    let p = props.progress.unwrap_or(Progress {
        done: 0,
        total: 0,
        file: 0,
        files: 0,
    });
    let mut text = i18n::PROGRESS_ROWS.get(lang, &[&p.done, &p.total]);
    if p.files > 1 {
        text.push_str(&i18n::PROGRESS_FILES.get(lang, &[&p.file, &p.files]));
    }
    html! {
        <section class="scoring" id="scoring" aria-labelledby="scoring-title">
            <h2 id="scoring-title" class="visually-hidden">{ i18n::SCORING.get(lang) }</h2>
            <label for="progress-bar" id="progress-text">{ i18n::SCORING.get(lang) }{ i18n::colon(lang) }{ text.clone() }</label>
            // Before the first file is read the rows are not known: an indeterminate bar.
            if p.total > 0 {
                <progress id="progress-bar" max={p.total.to_string()} value={p.done.to_string()}>{ text }</progress>
            } else {
                <progress id="progress-bar">{ text }</progress>
            }
            <button type="button" id="cancel" onclick={on_cancel}>{ i18n::CANCEL.get(lang) }</button>
        </section>
    }
}
