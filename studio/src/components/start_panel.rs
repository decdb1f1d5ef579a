//! Where a document comes from: the table pasted (the clipboard's HTML table where it
//! offers one, else its tab-separated text), a file (a `.docx` or `.xlsx` table, a CSV, a
//! rubric file to revise), one of the site's rubrics, or nothing.

use spacescore_core::Lang;
use spacescore_ui::files::on_chosen;
use spacescore_ui::index::Index;
use yew::prelude::*;

use crate::components::editor::control_value;
use crate::i18n;
use crate::paste::html_table;
use crate::state::Start;

/// The start panel's properties.
#[derive(Properties, PartialEq)]
pub struct StartPanelProps {
    /// The site's rubrics.
    pub index: Index,
    /// Whether a built-in rubric is being fetched.
    pub loading: bool,
    /// Whether a document is open (the panel then starts folded).
    pub open: bool,
    /// The labels' language.
    pub lang: Lang,
    /// Where a start goes.
    pub on_start: Callback<Start>,
    /// Where a chosen file goes.
    pub on_file: Callback<web_sys::File>,
    /// Where the chosen built-in rubric's id goes.
    pub on_builtin: Callback<String>,
}

/// The ways to start.
#[component]
pub fn StartPanel(props: &StartPanelProps) -> Html {
    let lang = props.lang;
    let onpaste = {
        let on_start = props.on_start.clone();
        Callback::from(move |e: Event| {
            let Some(data) = wasm_bindgen::JsCast::dyn_ref::<web_sys::ClipboardEvent>(&e)
                .and_then(web_sys::ClipboardEvent::clipboard_data)
            else {
                return;
            };
            let html = data.get_data("text/html").unwrap_or_default();
            if let Some(rows) = Some(html)
                .filter(|h| !h.is_empty())
                .and_then(|h| html_table(&h))
            {
                e.prevent_default();
                on_start.emit(Start::Rows(rows));
                return;
            }
            let text = data.get_data("text/plain").unwrap_or_default();
            if !text.trim().is_empty() {
                e.prevent_default();
                on_start.emit(Start::Pasted(text));
            }
        })
    };
    let draft = {
        let on_start = props.on_start.clone();
        Callback::from(move |_: MouseEvent| {
            let text = control_value("paste");
            if !text.trim().is_empty() {
                on_start.emit(Start::Pasted(text));
            }
        })
    };
    let builtin = {
        let on_builtin = props.on_builtin.clone();
        Callback::from(move |_: MouseEvent| {
            let id = control_value("builtin");
            if !id.is_empty() {
                on_builtin.emit(id);
            }
        })
    };
    let empty = props.on_start.reform(|_: MouseEvent| Start::Empty);
    let options = props.index.entries.iter().map(|e| {
        html! { <option value={e.id.clone()}>{ format!("{} · {}", e.name.get(lang), e.id) }</option> }
    });
    html! {
        <details class="start panel" open={!props.open}>
            <summary><h2>{ i18n::START.get(lang) }</h2></summary>
            <div class="ways">
                <div class="way">
                    <label for="paste">{ i18n::PASTE.get(lang) }</label>
                    <p class="help" id="paste-help">{ i18n::PASTE_HELP.get(lang) }</p>
                    <textarea id="paste" rows="4" aria-describedby="paste-help" {onpaste} />
                    <button type="button" id="draft" onclick={draft}>{ i18n::DRAFT.get(lang) }</button>
                </div>
                <div class="way">
                    <label for="open-file">{ i18n::OPEN_FILE.get(lang) }</label>
                    <p class="help" id="open-file-help">{ i18n::OPEN_FILE_HELP.get(lang) }</p>
                    <input type="file" id="open-file" aria-describedby="open-file-help" accept=".docx,.xlsx,.csv,.tsv,.txt,.toml,.bin" onchange={on_chosen(&props.on_file)} />
                </div>
                <div class="way">
                    <label for="builtin">{ i18n::BUILTIN.get(lang) }</label>
                    <select id="builtin">{ for options }</select>
                    <button type="button" id="open-builtin" disabled={props.loading || props.index.entries.is_empty()} onclick={builtin}>{ i18n::OPEN.get(lang) }</button>
                    if props.loading { <p class="help" role="status">{ i18n::LOADING.get(lang) }</p> }
                </div>
                <div class="way">
                    <button type="button" id="start-empty" onclick={empty}>{ i18n::EMPTY.get(lang) }</button>
                </div>
            </div>
        </details>
    }
}
