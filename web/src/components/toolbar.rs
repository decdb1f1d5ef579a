//! The toolbar: language, print, export, import, share link, and a reset that asks first.

use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::utils::window;
use spacescore_core::saved;
use spacescore_core::{Inputs, Lang, Rubric, Text};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use spacescore_ui::download::download;
use spacescore_ui::scenario::Scenario;
use spacescore_ui::Shared;

use crate::filing::{self, Kind};
use crate::i18n;
use crate::persist;
use crate::state::{Action, NoticeKind};

/// The toolbar's properties.
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// What was typed.
    pub values: Shared<Inputs>,
    /// The applicant (申报单位), exported with the figures.
    pub applicant: Rc<str>,
    /// The what-if scenario, exported and shared with the figures.
    #[prop_or_default]
    pub scenario: Option<Shared<Scenario>>,
    /// The labels' language.
    pub lang: Lang,
    /// Whether the reset question is showing.
    pub confirming_reset: bool,
    /// Where changes go.
    pub on_action: Callback<Action>,
}

/// The buttons above the form.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = props.lang;
    // The link, and whether copying it to the clipboard worked (none while unknown).
    let share_link = use_state(|| None::<(String, Option<bool>)>);
    let reader = use_mut_ref(|| None::<FileReader>);
    // The filing being written, if one is.
    let exporting = use_state(|| None::<Kind>);

    let toggle_lang = {
        let on_action = props.on_action.clone();
        let next = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        Callback::from(move |_: MouseEvent| on_action.emit(Action::SetLang(next)))
    };
    let print = Callback::from(|_: MouseEvent| {
        let _ = window().print();
    });
    let file_name = |rubric: &Rubric, ext: &str| {
        format!(
            "spacescore-{}-{}.{ext}",
            rubric.id().replace('/', "-"),
            persist::now().chars().take(10).collect::<String>()
        )
    };
    let export = {
        let rubric = props.rubric.clone();
        let values = props.values.clone();
        let applicant = Rc::clone(&props.applicant);
        let scenario = props.scenario.clone();
        Callback::from(move |_: MouseEvent| {
            let kept = scenario.as_ref().map(|s| (s.name.as_str(), &*s.values));
            let work = persist::work(&rubric, &values, &applicant, kept, Some(persist::now()));
            let name = file_name(&rubric, "json");
            download(&name, "application/json", work.to_json_pretty().as_bytes());
        })
    };
    // The filing: written by the export module, loaded on the first click. While it works the
    // buttons wait; a failure is said in both languages and changes nothing on the form.
    let filing_export = |kind: Kind| {
        let rubric = props.rubric.clone();
        let values = props.values.clone();
        let applicant = Rc::clone(&props.applicant);
        let on_action = props.on_action.clone();
        let exporting = exporting.clone();
        Callback::from(move |_: MouseEvent| {
            if exporting.is_some() {
                return;
            }
            exporting.set(Some(kind));
            let work = persist::work(&rubric, &values, &applicant, None, None).to_json();
            let rubric = rubric.clone();
            let on_action = on_action.clone();
            let exporting = exporting.clone();
            yew::platform::spawn_local(async move {
                match filing::write(kind, &rubric, &work, lang).await {
                    Ok(bytes) => download(&file_name(&rubric, kind.ext()), kind.mime(), &bytes),
                    Err(why) => on_action.emit(Action::Notify(
                        NoticeKind::Error,
                        Text::new(
                            format!("{}{}", i18n::EXPORT_FAILED.zh, why.zh),
                            format!("{}{}", i18n::EXPORT_FAILED.en, why.en),
                        ),
                    )),
                }
                exporting.set(None);
            });
        })
    };
    let export_xlsx = filing_export(Kind::Xlsx);
    let export_docx = filing_export(Kind::Docx);
    let import = {
        let on_action = props.on_action.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let on_action = on_action.clone();
            let file = gloo::file::File::from(file);
            let task = gloo::file::callbacks::read_as_text(&file, move |result| match result {
                Ok(text) => on_action.emit(Action::Import(text)),
                Err(e) => on_action.emit(Action::Notify(
                    NoticeKind::Error,
                    Text::new(
                        format!("{}{e}", i18n::IMPORT_BROKEN.zh),
                        format!("{}{e}", i18n::IMPORT_BROKEN.en),
                    ),
                )),
            });
            *reader.borrow_mut() = Some(task);
            // The same file can be chosen again after a change.
            input.set_value("");
        })
    };
    let share = {
        let applicant = Rc::clone(&props.applicant);
        let rubric = props.rubric.clone();
        let values = props.values.clone();
        let scenario = props.scenario.clone();
        let share_link = share_link.clone();
        Callback::from(move |_: MouseEvent| {
            let kept = scenario.as_ref().map(|s| (s.name.as_str(), &*s.values));
            let work = persist::work(&rubric, &values, &applicant, kept, None);
            let location = window().location();
            let base = format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            );
            let search = location.search().unwrap_or_default();
            let url = format!("{base}{search}#{}", saved::to_fragment(&work));
            share_link.set(Some((url.clone(), None)));
            let promise = window().navigator().clipboard().write_text(&url);
            let share_link = share_link.clone();
            yew::platform::spawn_local(async move {
                let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                share_link.set(Some((url, Some(copied))));
            });
        })
    };
    let ask_reset = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::AskReset))
    };
    let reset = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Reset))
    };
    let cancel = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::CancelReset))
    };
    let close_share = {
        let share_link = share_link.clone();
        Callback::from(move |_: MouseEvent| share_link.set(None))
    };
    html! {
        <div class="toolbar-wrap">
            <div class="toolbar" role="toolbar" aria-label={i18n::TOOLBAR.get(lang)}>
                <button type="button" id="lang-toggle" lang={if lang == Lang::Zh { "en" } else { "zh-CN" }} title={i18n::LANGUAGE_TOGGLE_LABEL.get(lang)} onclick={toggle_lang}>
                    { i18n::LANGUAGE_TOGGLE.get(lang) }
                </button>
                <button type="button" id="print" onclick={print}>{ i18n::PRINT.get(lang) }</button>
                <button type="button" id="export" onclick={export}>{ i18n::EXPORT.get(lang) }</button>
                <button type="button" id="export-xlsx" onclick={export_xlsx} disabled={exporting.is_some()}>{ i18n::EXPORT_XLSX.get(lang) }</button>
                <button type="button" id="export-docx" onclick={export_docx} disabled={exporting.is_some()}>{ i18n::EXPORT_DOCX.get(lang) }</button>
                <label class="button" for="import-file" id="import">{ i18n::IMPORT.get(lang) }</label>
                <input type="file" id="import-file" class="visually-hidden" accept=".json,application/json" onchange={import} />
                <button type="button" id="share" onclick={share}>{ i18n::SHARE.get(lang) }</button>
                <button type="button" id="reset" class="danger" onclick={ask_reset}>{ i18n::RESET.get(lang) }</button>
            </div>
            if exporting.is_some() {
                <p class="exporting" role="status">{ i18n::EXPORTING.get(lang) }</p>
            }
            if let Some((url, copied)) = &*share_link {
                <div class="share-box" role="status">
                    <label for="share-link">
                        { if *copied == Some(false) { i18n::SHARE_MANUAL.get(lang) } else { i18n::SHARE_COPIED.get(lang) } }
                    </label>
                    <input id="share-link" type="text" readonly=true value={url.clone()} />
                    <button type="button" onclick={close_share}>{ i18n::DISMISS.get(lang) }</button>
                </div>
            }
            if props.confirming_reset {
                <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
                    <p id="reset-question">{ i18n::RESET_CONFIRM.get(lang) }</p>
                    <button type="button" id="reset-yes" class="danger" onclick={reset}>{ i18n::RESET_YES.get(lang) }</button>
                    <button type="button" id="reset-no" onclick={cancel}>{ i18n::CANCEL.get(lang) }</button>
                </div>
            }
        </div>
    }
}
