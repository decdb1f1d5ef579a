//! Handing the rubric over: the file (TOML, as `source::render` writes it: the same content
//! gives the same bytes), each rubric compiled, and the publish bundle. Compiling and
//! publishing wait until the whole file passes the checker.

use std::rc::Rc;

use spacescore_core::{Lang, Rubric};
use spacescore_ui::download::download;
use yew::prelude::*;

use crate::bundle::{stem, zip};
use crate::i18n;

/// The export panel's properties.
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The file's text.
    pub text: Rc<str>,
    /// The rubrics it defines, when the whole file passes the checker.
    pub rubrics: Option<Rc<Vec<Rc<Rubric>>>>,
    /// The labels' language.
    pub lang: Lang,
}

/// The export buttons.
#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    let lang = props.lang;
    let first = props
        .rubrics
        .as_ref()
        .and_then(|r| r.first().map(|r| r.id().to_string()));
    let name = format!("{}.toml", stem(first.as_deref().unwrap_or("rubric")));
    let toml = {
        let text = Rc::clone(&props.text);
        let name = name.clone();
        Callback::from(move |_: MouseEvent| download(&name, "application/toml", text.as_bytes()))
    };
    let compiled = props.rubrics.clone().map(|rubrics| {
        Callback::from(move |_: MouseEvent| {
            for r in rubrics.iter() {
                download(
                    &format!("{}.bin", stem(r.id())),
                    "application/octet-stream",
                    &r.to_bytes(),
                );
            }
        })
    });
    let bundle = props.rubrics.clone().map(|rubrics| {
        let text = Rc::clone(&props.text);
        let name = name.clone();
        Callback::from(move |_: MouseEvent| {
            let list: Vec<&Rubric> = rubrics.iter().map(|r| &**r).collect();
            if let Ok(bytes) = zip(&list, &name, &text) {
                let zip_name = name.replace(".toml", "-publish.zip");
                download(&zip_name, "application/zip", &bytes);
            }
        })
    });
    let blocked = compiled.is_none();
    html! {
        <section class="export panel" aria-labelledby="export-title">
            <h2 id="export-title">{ i18n::EXPORT.get(lang) }</h2>
            <p class="help">{ i18n::EXPORT_HELP.get(lang) }</p>
            <p class="buttons">
                <button type="button" id="export-toml" onclick={toml}>{ i18n::EXPORT_TOML.get(lang) }</button>
                <button type="button" id="export-bin" disabled={blocked} onclick={compiled}>{ i18n::EXPORT_BIN.get(lang) }</button>
                <button type="button" id="export-zip" disabled={blocked} onclick={bundle}>{ i18n::EXPORT_ZIP.get(lang) }</button>
            </p>
            if blocked { <p class="help">{ i18n::EXPORT_BLOCKED.get(lang) }</p> }
            <details>
                <summary>{ i18n::FILE_TEXT.get(lang) }</summary>
                <pre class="file-text" tabindex="0" role="region" aria-label={i18n::FILE_TEXT.get(lang)}>{ props.text.to_string() }</pre>
            </details>
        </section>
    }
}
