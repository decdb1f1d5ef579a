//! What changed from the rubric opened (last year's, a built-in one) to the file as it is
//! now, a line each (`spacescore_core::rubric::compare`), and the same lines as text to copy.

use spacescore_core::rubric::compare::Change;
use spacescore_core::Lang;
use yew::prelude::*;

use crate::i18n;

/// The comparison's properties.
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// The changes.
    pub changes: Vec<Change>,
    /// The labels' language.
    pub lang: Lang,
    /// Where the version button goes.
    pub on_bump: Callback<MouseEvent>,
}

/// The change list.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let lang = props.lang;
    let text: String = props
        .changes
        .iter()
        .map(|c| format!("{}\n", c.text.get(lang)))
        .collect();
    let copy = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let clipboard = gloo::utils::window().navigator().clipboard();
            let _ = clipboard.write_text(&text);
        })
    };
    html! {
        <section class="compare panel" aria-labelledby="compare-title">
            <h2 id="compare-title">{ i18n::COMPARE.get(lang) }</h2>
            <p class="help">{ i18n::COMPARE_HELP.get(lang) }</p>
            <p><button type="button" id="bump" onclick={props.on_bump.clone()}>{ i18n::BUMP.get(lang) }</button></p>
            if props.changes.is_empty() {
                <p id="no-change">{ i18n::NO_CHANGE.get(lang) }</p>
            } else {
                <ul id="changes">{ for props.changes.iter().map(|c| html! { <li data-at={c.at.clone()}>{ c.text.get(lang).to_string() }</li> }) }</ul>
                <label for="changes-text">{ i18n::COPY.get(lang) }</label>
                <textarea id="changes-text" readonly=true rows="4" value={text} />
                <p><button type="button" id="copy-changes" onclick={copy}>{ i18n::COPY.get(lang) }</button></p>
            }
        </section>
    }
}
