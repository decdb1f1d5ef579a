//! The whole studio: where to start, the form beside the applicant's form, the worked
//! examples, what changed, and the exports. Reading files and the clipboard, fetching a
//! built-in rubric and keeping work in local storage happen here, in callbacks and effects;
//! what they give arrives at the reducer as an action.

use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::utils::document;
use spacescore_core::rubric::source;
use spacescore_core::{Lang, Value};
use spacescore_ui::{site, store, Shared};
use yew::prelude::*;

use crate::components::bench::Bench;
use crate::components::compare_panel::ComparePanel;
use crate::components::editor::{problem_list, Editor};
use crate::components::export_panel::ExportPanel;
use crate::components::preview::Preview;
use crate::components::start_panel::StartPanel;
use crate::i18n;
use crate::state::{Action, Start, State};
use crate::storage;

/// The studio page.
#[component]
pub fn Studio() -> Html {
    let state = use_reducer(|| State::new(store::load_lang().unwrap_or_default()));
    let dispatch: Callback<Action> = state.dispatcher().to_callback();
    let base = use_memo((), |_| site::base());
    let reader = use_mut_ref(|| None::<FileReader>);
    let lang = state.lang;

    // The site's rubrics, and the work kept from last time (or, where it cannot be read,
    // kept aside and said so).
    {
        let dispatch = dispatch.clone();
        let base = base.clone();
        use_effect_with((), move |_| {
            if let Some(raw) = storage::load() {
                if source::parse(&raw).is_ok() {
                    dispatch.emit(Action::Start(Start::Saved(raw)));
                } else if let Some(k) = storage::keep_aside(&raw) {
                    store::remove(&storage::work_key());
                    dispatch.emit(Action::SavedUnreadable(k));
                }
            }
            let dispatch = dispatch.clone();
            yew::platform::spawn_local(async move {
                dispatch.emit(Action::Index(site::index(&base).await));
            });
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("data-live", "1");
            }
        });
    }

    // Every change is kept.
    let saved = use_state(|| true);
    {
        let text = state.doc.as_ref().map(|d| Rc::clone(&d.text));
        let saved = saved.clone();
        use_effect_with(text, move |text| {
            if let Some(t) = text {
                saved.set(storage::save(t));
            }
        });
    }

    // The document's language and title follow the toggle.
    use_effect_with(lang, move |lang| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
        }
        document().set_title(&format!("{} · spacescore", i18n::TITLE.get(*lang)));
        store::save_lang(*lang);
    });

    // A new start keeps the document it replaces aside first.
    let on_start = {
        let dispatch = dispatch.clone();
        let text = state.doc.as_ref().map(|d| Rc::clone(&d.text));
        Callback::from(move |start: Start| {
            if let Some(k) = text.as_deref().and_then(storage::keep_aside) {
                dispatch.emit(Action::KeptAside(k));
            }
            dispatch.emit(Action::Start(start));
        })
    };
    // Files and site rubrics, read here, go where `to` sends them: a new start, or the rubric
    // to compare with.
    let file_to = |to: Callback<Start>| {
        let reader = reader.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |file: web_sys::File| {
            let name = file.name();
            let file = gloo::file::File::from(file);
            let to = to.clone();
            let dispatch = dispatch.clone();
            let task = gloo::file::callbacks::read_as_bytes(&file, move |result| match result {
                Ok(bytes) => to.emit(Start::File { name, bytes }),
                Err(e) => dispatch.emit(Action::Failed(spacescore_core::Text::new(
                    format!("{name}：无法读取：{e}"),
                    format!("{name}: cannot be read: {e}"),
                ))),
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let builtin_to = |to: Callback<Start>| {
        let dispatch = dispatch.clone();
        let index = state.index.clone();
        let base = base.clone();
        Callback::from(move |id: String| {
            let Some(entry) = index.get(&id).cloned() else {
                return;
            };
            dispatch.emit(Action::Loading);
            let to = to.clone();
            let dispatch = dispatch.clone();
            let base = base.clone();
            yew::platform::spawn_local(async move {
                match site::rubric(&base, &entry).await {
                    Ok(r) => to.emit(Start::Rubric(Rc::new(r))),
                    Err(text) => dispatch.emit(Action::Failed(text)),
                }
            });
        })
    };
    let on_file = file_to(on_start.clone());
    let on_builtin = builtin_to(on_start.clone());
    let compare_with = dispatch.reform(Action::CompareWith);
    let on_compare_file = file_to(compare_with.clone());
    let on_compare_builtin = builtin_to(compare_with);
    let restore = {
        let on_start = on_start.clone();
        let aside = state.aside.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = aside.as_deref().and_then(store::read) {
                on_start.emit(Start::Saved(text));
            }
        })
    };
    let toggle_lang = {
        let next = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        dispatch.reform(move |_: MouseEvent| Action::Lang(next))
    };

    let notices = html! {
        <>
            if let Some(text) = &state.message {
                <p class="notice error" id="message" role="alert">{ text.get(lang).to_string() }</p>
            }
            if state.aside.is_some() {
                <p class="notice" id="aside" role="status">
                    { if state.aside_unreadable { i18n::UNREADABLE.get(lang) } else { i18n::KEPT_ASIDE.get(lang) } }
                    { " " }
                    <button type="button" id="restore" onclick={restore}>{ i18n::RESTORE.get(lang) }</button>
                    { " " }
                    <button type="button" id="dismiss" onclick={dispatch.reform(|_: MouseEvent| Action::Dismiss)}>{ i18n::DISMISS.get(lang) }</button>
                </p>
            }
            if !*saved {
                <p class="notice error" role="alert">{ i18n::NO_STORAGE.get(lang) }</p>
            }
        </>
    };

    let work = state.doc.as_ref().map(|doc| {
        let general = doc.general_problems();
        let flagged = doc.flagged().len();
        let checker = html! {
            <section class="checker panel" aria-labelledby="checker-title">
                <h2 id="checker-title">{ i18n::CHECKER.get(lang) }</h2>
                if doc.problems.is_empty() {
                    <p id="check-status" class="ok" data-problems="0">{ i18n::CHECK_OK.get(lang) }</p>
                } else {
                    <p id="check-status" class="bad" data-problems={doc.problems.len().to_string()}>{ format!("{} {}", doc.problems.len(), i18n::CHECK_PROBLEMS.get(lang)) }</p>
                }
                if flagged > 0 {
                    <p id="flagged" data-flagged={flagged.to_string()}>{ format!("{flagged} {}", i18n::FLAGGED_COUNT.get(lang)) }</p>
                }
                { problem_list(&general, lang) }
            </section>
        };
        let drafted = state.drafted.as_ref().map(|d| {
            let columns = d.columns.iter().map(|c| html! {
                <li>{ format!("{} → {}", c.header, c.role.text().get(lang)) }</li>
            });
            html! {
                <details class="draft-notes panel">
                    <summary><h2>{ i18n::DRAFT_NOTES.get(lang) }</h2></summary>
                    <h3>{ i18n::COLUMNS.get(lang) }</h3>
                    <ul>{ for columns }</ul>
                    <ul>{ for d.notes.iter().map(|n| html! { <li>{ n.get(lang).to_string() }</li> }) }</ul>
                </details>
            }
        });
        let rubrics = &doc.rubrics;
        let which = (rubrics.len() > 1).then(|| {
            let onchange = dispatch.reform(|e: Event| {
                let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                Action::Preview(v.parse().unwrap_or(0))
            });
            html! {
                <p class="field">
                    <label for="which">{ i18n::WHICH_RUBRIC.get(lang) }</label>
                    <select id="which" {onchange}>
                        { for rubrics.iter().enumerate().map(|(i, r)| html! { <option value={i.to_string()} selected={i == state.preview}>{ format!("{} · {}", r.name().get(lang), r.id()) }</option> }) }
                    </select>
                </p>
            }
        });
        let preview = match state.rubric() {
            Some(r) => html! {
                <Preview rubric={Shared(Rc::clone(r))} values={Shared(Rc::clone(&state.values))} lang={lang}
                    on_set={dispatch.reform(|(f, v): (String, Value)| Action::Input(f, v))} />
            },
            None => html! { <p class="help" id="no-preview">{ i18n::PREVIEW_NONE.get(lang) }</p> },
        };
        let compare = html! {
            <ComparePanel changes={state.changes()} index={state.index.clone()} lang={lang}
                on_bump={dispatch.reform(|_: MouseEvent| Action::BumpVersion)}
                on_builtin={on_compare_builtin.clone()} on_file={on_compare_file.clone()} />
        };
        let whole = doc.problems.is_empty().then(|| Rc::clone(&doc.rubrics));
        html! {
            <>
                <nav class="toolbar edit-bar" aria-label={i18n::EDITOR.get(lang)}>
                    <button type="button" id="undo" disabled={state.undo.is_empty()} onclick={dispatch.reform(|_: MouseEvent| Action::Undo)}>{ i18n::UNDO.get(lang) }</button>
                    <button type="button" id="redo" disabled={state.redo.is_empty()} onclick={dispatch.reform(|_: MouseEvent| Action::Redo)}>{ i18n::REDO.get(lang) }</button>
                </nav>
                { checker }
                { for drafted }
                <div class="workbench">
                    <section class="edit panel" aria-labelledby="edit-title">
                        <h2 id="edit-title">{ i18n::EDITOR.get(lang) }</h2>
                        <Editor doc={doc.clone()} drafted={state.drafted.as_ref().map(|d| Shared(Rc::clone(d)))} lang={lang} on_action={dispatch.clone()} />
                    </section>
                    <section class="preview panel" aria-labelledby="preview-title">
                        <h2 id="preview-title">{ i18n::PREVIEW.get(lang) }</h2>
                        <p class="help">{ i18n::PREVIEW_HELP.get(lang) }</p>
                        { for which }
                        { preview }
                    </section>
                </div>
                <Bench doc={doc.clone()} previewing={state.rubric().is_some()} lang={lang} on_action={dispatch.clone()} />
                { compare }
                <ExportPanel text={Rc::clone(&doc.text)} rubrics={whole} lang={lang} />
            </>
        }
    });

    html! {
        <>
            <header class="page-head">
                <div>
                    <h1>{ i18n::TITLE.get(lang) }</h1>
                    <p class="tagline">{ i18n::TAGLINE.get(lang) }</p>
                </div>
                <nav class="toolbar" aria-label={i18n::PAGE_NAV.get(lang)}>
                    <button type="button" id="lang-toggle" onclick={toggle_lang}>{ i18n::LANG_TOGGLE.get(lang) }</button>
                    <a class="button" id="self-check" href="../">{ i18n::SELF_CHECK.get(lang) }</a>
                </nav>
            </header>
            <main id="main">
                { notices }
                <StartPanel index={state.index.clone()} loading={state.loading} open={state.doc.is_some()} lang={lang}
                    on_start={on_start} on_file={on_file} on_builtin={on_builtin} />
                { for work }
            </main>
        </>
    }
}
