//! The district page: the rubric, the file, what reading it said, the table of spaces, one
//! space opened, and the downloads. Fetching a rubric, reading a file and checking a rubric
//! file happen here, in callbacks; what they give arrives at the reducer as an action.

use std::rc::Rc;

use gloo::utils::{document, window};
use spacescore_core::{Lang, Text};
use spacescore_ui::components::doc_info::DocInfo;
use spacescore_ui::components::picker::Picker;
use spacescore_ui::components::problems_panel::problems_panel;
use spacescore_ui::files::use_drop_target_all;
use spacescore_ui::query::Query;
use spacescore_ui::rubric_file::{use_rubric_file, CheckedFile};
use spacescore_ui::{site, store, Shared};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::charts::Charts;
use crate::components::downloads::Downloads;
use crate::components::file_drop::FileDrop;
use crate::components::file_report::FileReport;
use crate::components::progress::ScoringProgress;
use crate::components::results_table::ResultsTable;
use crate::components::space_view::SpaceView;
use crate::i18n;
use crate::scoring::{Request, Scoring};
use crate::state::{Action, FileIn, Progress, State, MAX_FILE};

/// How long one step of scoring may take before the page yields to the browser, in
/// milliseconds: well under the 200 ms a frame may take at most, with room for drawing.
const STEP_MS: f64 = 40.0;

/// Rows scored between two looks at the clock.
const ROWS_PER_LOOK: usize = 64;

/// Reads a chosen or dropped file whole, or says why it cannot be.
async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    if file.size() > MAX_FILE {
        return Err(format!(
            "it is larger than {} MB, more than this page reads; score it with `spacescore batch`",
            MAX_FILE / 1024.0 / 1024.0
        ));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Scores `request` a step at a time, yielding to the browser between steps and saying how
/// far it has come, until done (the table goes to the reducer) or `live` names another
/// request (nothing goes).
async fn score(
    request: Rc<Request>,
    live: Rc<std::cell::RefCell<u64>>,
    dispatch: Callback<Action>,
) {
    let wanted = || *live.borrow() == request.id;
    let mut scoring = Scoring::new(&request);
    loop {
        let start = js_sys::Date::now();
        let mut done = false;
        while !done && js_sys::Date::now() - start < STEP_MS {
            done = scoring.step(ROWS_PER_LOOK);
        }
        if done {
            break;
        }
        let (file, files) = scoring.files();
        dispatch.emit(Action::Progress(
            request.id,
            Progress {
                done: scoring.done(),
                total: scoring.total(),
                file,
                files,
            },
        ));
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
        if !wanted() {
            return;
        }
    }
    if wanted() {
        dispatch.emit(Action::Scored(request.id, Rc::new(scoring.outcome())));
    }
}

/// Fetches the rubric `id` (or takes it from memory) and hands it to the reducer.
fn load_rubric(state: &State, id: &str, base: &str, dispatch: &Callback<Action>) {
    if let Some(r) = state.opened(id) {
        dispatch.emit(Action::Loaded(r));
        return;
    }
    let Some(entry) = state.index.get(id).cloned() else {
        return;
    };
    dispatch.emit(Action::Loading(id.to_string()));
    let base = base.to_string();
    let dispatch = dispatch.clone();
    yew::platform::spawn_local(async move {
        match site::rubric(&base, &entry).await {
            Ok(r) => dispatch.emit(Action::Loaded(Rc::new(r))),
            Err(text) => dispatch.emit(Action::LoadFailed(text)),
        }
    });
}

/// Whether a dropped file is a rubric file rather than a district's spreadsheet.
fn is_rubric_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".toml") || lower.ends_with(".bin")
}

/// The query with `rubric` set to `id`.
fn replace_query(id: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let query = format!("?rubric={id}");
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

/// The whole district page.
#[component]
pub fn District() -> Html {
    let state = use_reducer(|| {
        let query = window().location().search().unwrap_or_default();
        let lang = Query::parse(&query)
            .lang()
            .or_else(store::load_lang)
            .unwrap_or_default();
        State::new(lang)
    });
    let dispatch: Callback<Action> = state.dispatcher().to_callback();
    let base = use_memo((), |_| site::base());
    let reading = use_state(|| false);
    let live = use_mut_ref(|| 0u64);
    let lang = state.lang;

    // The rubric list, then the rubric the URL or the last visit names (else the first).
    {
        let dispatch = dispatch.clone();
        let base = base.clone();
        use_effect_with((), move |_| {
            let dispatch = dispatch.clone();
            yew::platform::spawn_local(async move {
                let index = site::with_opened(site::index(&base).await);
                let query = window().location().search().unwrap_or_default();
                let known = |id: Option<String>| id.filter(|i| index.get(i).is_some());
                let first = known(Query::parse(&query).rubric())
                    .or_else(|| known(store::load_last()))
                    .or_else(|| index.entries.first().map(|e| e.id.clone()));
                let mut start = State::new(Lang::Zh);
                start.index = Rc::new(index.clone());
                dispatch.emit(Action::Indexed(index));
                if let Some(id) = first {
                    load_rubric(&start, &id, &base, &dispatch);
                }
            });
        });
    }

    // The page is live: tests wait for this mark.
    use_effect_with((), |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-live", "1");
        }
    });

    // The document's language and title follow the toggle; the rubric is in the URL.
    use_effect_with(lang, move |lang| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
        }
        document().set_title(&format!("{} · spacescore", i18n::TITLE.get(*lang)));
        store::save_lang(*lang);
    });
    {
        let id = state.rubric.as_ref().map(|r| r.id().to_string());
        use_effect_with(id, |id| {
            if let Some(id) = id {
                replace_query(id);
            }
        });
    }

    // A rubric file: read here, checked by the lazily loaded checker.
    let rubric_file = use_rubric_file(
        dispatch.reform(|(name, result): CheckedFile| Action::Checked(name, result)),
    );

    // The district's files: read whole here, every one, then handed to the reducer together.
    let on_files = {
        let dispatch = dispatch.clone();
        let reading = reading.clone();
        let on_rubric_file = rubric_file.open.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
            let (rubrics, sheets): (Vec<_>, Vec<_>) =
                files.into_iter().partition(|f| is_rubric_file(&f.name()));
            for file in rubrics {
                on_rubric_file.emit(file);
            }
            if sheets.is_empty() {
                return;
            }
            let dispatch = dispatch.clone();
            let reading = reading.clone();
            reading.set(true);
            yew::platform::spawn_local(async move {
                let mut read = Vec::new();
                let mut failed = Vec::new();
                for file in sheets {
                    match read_file(&file).await {
                        Ok(bytes) => read.push(Rc::new(FileIn {
                            name: file.name(),
                            bytes,
                        })),
                        Err(why) => failed.push(Action::FileFailed(file.name(), why)),
                    }
                }
                reading.set(false);
                // In the order of their names, as a shell lists `filing-*.xlsx` for `batch`:
                // the browser's order of files chosen together is its own.
                read.sort_by(|a, b| a.name.cmp(&b.name));
                if !read.is_empty() {
                    dispatch.emit(Action::Files(read));
                }
                // After the files: their arrival clears the last visit's notice.
                for action in failed {
                    dispatch.emit(action);
                }
            });
        })
    };

    // Scoring asked for: a few rows at a time, yielding to the browser between them, until
    // done or no longer wanted (cancelled, or asked for again).
    {
        let dispatch = dispatch.clone();
        let live = live.clone();
        use_effect_with(state.pending.clone(), move |pending| {
            *live.borrow_mut() = pending.as_ref().map_or(0, |p| p.id);
            if let Some(request) = pending.clone() {
                yew::platform::spawn_local(score(request, live, dispatch));
            }
        });
    }

    let on_choose = {
        let dispatch = dispatch.clone();
        let state = state.clone();
        let base = base.clone();
        Callback::from(move |id: String| load_rubric(&state, &id, &base, &dispatch))
    };
    let dropping = use_drop_target_all(true, on_files.clone());
    let toggle_lang = {
        let dispatch = dispatch.clone();
        let next = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetLang(next)))
    };

    let problems = state
        .rubric_problems
        .as_ref()
        .map(|p| problems_panel(p, lang, dispatch.reform(|_| Action::DismissProblems)));
    let notice = |id: &str, text: &Text| {
        html! { <p class="notice error" id={id.to_string()} role="alert">{ text.get(lang).to_string() }</p> }
    };

    let current = state
        .rubric
        .as_ref()
        .map(|r| r.id().to_string())
        .unwrap_or_default();
    let opened_row = state.open.as_ref().and_then(|o| {
        let scored = state.scored()?;
        let row = scored.rows.rows().get(o.index)?;
        Some((Rc::clone(scored), row.clone(), o.clone()))
    });

    html! {
        <div
            class={classes!("app", "district", dropping.dragging.then_some("dragging"), state.scored().is_some().then_some("has-results"))}
            ondragover={dropping.ondragover} ondragleave={dropping.ondragleave} ondrop={dropping.ondrop}
        >
            <header class="topbar">
                <div class="masthead">
                    <h1>{ i18n::TITLE.get(lang) }</h1>
                    <p class="tagline">{ i18n::TAGLINE.get(lang) }</p>
                </div>
                <nav class="toolbar" aria-label={i18n::PAGE_NAV.get(lang)}>
                    <button type="button" id="lang-toggle" onclick={toggle_lang}>{ i18n::LANG_TOGGLE.get(lang) }</button>
                    <a class="button" id="self-check" href="../">{ i18n::SELF_CHECK.get(lang) }</a>
                </nav>
                <Picker
                    index={Shared(Rc::clone(&state.index))}
                    current={current}
                    lang={lang}
                    checking={rubric_file.checking}
                    on_choose={on_choose}
                    on_open={rubric_file.open.clone()}
                />
            </header>
            <main id="district-main">
            { for problems }
            { for state.rubric_error.as_ref().map(|t| notice("rubric-error", t)) }
            if state.loading.is_some() {
                <p class="loading" id="rubric-loading" role="status">{ i18n::LOADING_RUBRIC.get(lang) }</p>
            }
            if let Some(rubric) = &state.rubric {
                <DocInfo rubric={Shared(Rc::clone(rubric))} opened_from={state.opened_from()} lang={lang} />
            }
            <FileDrop
                files={state.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>()}
                sheets={state.sheets.clone()}
                sheet={state.sheet.clone()}
                allow_unknown={state.allow_unknown}
                reading={*reading}
                rubric={state.rubric.clone().map(Shared)}
                lang={lang}
                on_action={dispatch.clone()}
                on_files={on_files}
            />
            if state.pending.is_some() {
                <ScoringProgress progress={state.progress} lang={lang} on_action={dispatch.clone()} />
            }
            { for state.file_error.as_ref().map(|t| notice("file-error", t)) }
            if !state.files.is_empty() && state.rubric.is_none() {
                <p class="notice" id="no-rubric">{ i18n::NO_RUBRIC.get(lang) }</p>
            }
            if let (Some(outcome), None) = (&state.outcome, &state.pending) {
                <FileReport outcome={Shared(Rc::clone(outcome))} lang={lang} />
            }
            if let Some(scored) = state.scored() {
                if let Some((scored, row, open)) = opened_row {
                    <SpaceView scored={Shared(scored)} row={row} open={open} lang={lang} on_action={dispatch.clone()} />
                } else {
                    <Downloads scored={Shared(Rc::clone(scored))} lang={lang} />
                    <ResultsTable
                        scored={Shared(Rc::clone(scored))}
                        order={Shared(Rc::clone(&state.order))}
                        sort={state.sort}
                        lang={lang}
                        on_action={dispatch.clone()}
                    />
                    <Charts scored={Shared(Rc::clone(scored))} lang={lang} />
                }
            }
            </main>
        </div>
    }
}
