//! What changed from the rubric opened (last year's, a built-in one) to the file as it is
//! now, a line each (`spacescore_core::rubric::compare`), and the same lines as text to copy.

use spacescore_core::rubric::compare::Change;
use spacescore_core::Lang;
use yew::prelude::*;

use crate::i18n;

/// The comparison's properties.
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// The changes from the rubric compared with, if there is one.
    pub changes: Option<Vec<Change>>,
    /// The site's rubrics, to compare with.
    pub index: spacescore_ui::index::Index,
    /// The labels' language.
    pub lang: Lang,
    /// Where the version button goes.
    pub on_bump: Callback<MouseEvent>,
    /// Where the id of a site rubric to compare with goes.
    pub on_builtin: Callback<String>,
    /// Where a rubric file to compare with goes.
    pub on_file: Callback<web_sys::File>,
}

/// The change list.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let lang = props.lang;
    let changes = props.changes.clone().unwrap_or_default();
    let text: String = changes
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
    let compare_builtin = {
        let on_builtin = props.on_builtin.clone();
        Callback::from(move |_: MouseEvent| {
            let id = crate::components::editor::control_value("compare-builtin");
            if !id.is_empty() {
                on_builtin.emit(id);
            }
        })
    };
    html! {
        <section class="compare panel" aria-labelledby="compare-title">
            <h2 id="compare-title">{ i18n::COMPARE.get(lang) }</h2>
            <p class="help">{ i18n::COMPARE_HELP.get(lang) }</p>
            <p><button type="button" id="bump" onclick={props.on_bump.clone()}>{ i18n::BUMP.get(lang) }</button></p>
            <p class="add-key">
                <label for="compare-builtin">{ i18n::COMPARE_WITH.get(lang) }</label>
                <select id="compare-builtin">
                    { for props.index.entries.iter().map(|e| html! { <option value={e.id.clone()}>{ format!("{} · {}", e.name.get(lang), e.id) }</option> }) }
                </select>
                <button type="button" id="compare-open" onclick={compare_builtin}>{ i18n::COMPARE.get(lang) }</button>
            </p>
            <p class="add-key">
                <label for="compare-file">{ i18n::COMPARE_FILE.get(lang) }</label>
                <input type="file" id="compare-file" accept=".toml,.bin" onchange={spacescore_ui::files::on_chosen(&props.on_file)} />
            </p>
            if props.changes.is_none() {
            } else if changes.is_empty() {
                <p id="no-change">{ i18n::NO_CHANGE.get(lang) }</p>
            } else {
                <ul id="changes">{ for changes.iter().map(|c| html! { <li data-at={c.at.clone()}>{ c.text.get(lang).to_string() }</li> }) }</ul>
                <label for="changes-text">{ i18n::COPY.get(lang) }</label>
                <textarea id="changes-text" readonly=true rows="4" value={text} />
                <p><button type="button" id="copy-changes" onclick={copy}>{ i18n::COPY.get(lang) }</button></p>
            }
        </section>
    }
}
