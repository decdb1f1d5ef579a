//! The page: state, the effects the reducer asks for (loading rubrics, keeping work), its
//! other side effects (saving, the URL, the language, the embed's messages), and the layout.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::utils::{document, window};
use spacescore_core::{Lang, Method, Text, Value};
use spacescore_ui::components::advice_panel::AdvicePanel;
use spacescore_ui::components::doc_info::DocInfo;
use spacescore_ui::components::form_view::FormView;
use spacescore_ui::components::group_section::GroupSection;
use spacescore_ui::components::picker::Picker;
use spacescore_ui::components::problems_panel::problems_panel;
use spacescore_ui::components::summary::Summary;
use spacescore_ui::components::veto_section::VetoSection;
use spacescore_ui::files::use_drop_target;
use spacescore_ui::rubric_file::{use_rubric_file, CheckedFile};
use spacescore_ui::scenario::ScenarioStep;
use spacescore_ui::{layout, site, store, Shared};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::components::applicant_field::ApplicantField;
use crate::components::notices::Notices;
use crate::components::print_view::PrintView;
use crate::components::toolbar::Toolbar;
use crate::load::{self, Boot};
use crate::state::{Action, Effect, NoticeKind, State};
use crate::{embed, i18n, persist};

/// The page's properties.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// What was loaded before the first render.
    pub boot: Shared<Boot>,
}

/// Replaces the URL's query and fragment without a reload or a new history entry.
fn replace_url(query: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

/// The query with `rubric` set to `id` (or taken out, for a page that names its rubric in its
/// path), other parameters kept.
fn query_with_rubric(id: Option<&str>) -> String {
    let search = window().location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return id.map(|id| format!("?rubric={id}")).unwrap_or_default();
    };
    match id {
        Some(id) => params.set("rubric", id),
        None => params.delete("rubric"),
    }
    let q = String::from(params.to_string());
    if q.is_empty() {
        String::new()
    } else {
        // Keep the slash readable: `?rubric=xinxiang/professional`.
        format!("?{}", q.replace("%2F", "/"))
    }
}

/// Does what the reducer asked for; results go back as actions.
fn run_effect(state: &State, effect: Effect, dispatch: &Callback<Action>) {
    match effect {
        Effect::Load(id) => {
            // Opened during this visit: already in memory.
            if let Some(r) = state.opened(&id) {
                let saved = persist::load(&r);
                dispatch.emit(Action::Loaded(r, saved));
                return;
            }
            let Some(entry) = state.index.get(&id).cloned() else {
                return;
            };
            let base = state.base.to_string();
            let dispatch = dispatch.clone();
            yew::platform::spawn_local(async move {
                match site::rubric(&base, &entry).await {
                    Ok(r) => {
                        let saved = persist::load(&r);
                        dispatch.emit(Action::Loaded(Rc::new(r), saved));
                    }
                    Err(text) => dispatch.emit(Action::LoadFailed(id, text)),
                }
            });
        }
        Effect::BackUp(rubric, values, applicant) => {
            dispatch.emit(Action::BackedUp(persist::back_up(
                &rubric, &values, &applicant,
            )));
        }
        Effect::KeepWaiting(work) => {
            if persist::keep_waiting(&work).is_none() {
                dispatch.emit(Action::Notify(
                    NoticeKind::Warning,
                    Text::new(i18n::STORAGE_UNAVAILABLE.zh, i18n::STORAGE_UNAVAILABLE.en),
                ));
            }
        }
        Effect::KeepOpened(id, file, bytes) => {
            if !store::keep_opened(&id, &file, &bytes) {
                dispatch.emit(Action::Notify(
                    NoticeKind::Warning,
                    Text::new(
                        "浏览器未能保存此评价表文件，刷新页面后需要重新打开。",
                        "The browser could not keep this rubric file; after a reload, open it again.",
                    ),
                ));
            }
        }
        Effect::Remove(key) => store::remove(&key),
        Effect::KeepOtherTab(id, raw) => {
            dispatch.emit(Action::OtherTabKept(persist::keep_other_tab(&id, &raw)));
        }
        Effect::Advise => {
            // After this render, in a task of its own: the new total is painted first.
            let dispatch = dispatch.clone();
            gloo::timers::callback::Timeout::new(0, move || dispatch.emit(Action::Advise)).forget();
        }
    }
}

/// The whole page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let boot = (*props.boot.0).clone();
        use_reducer(move || State::new(boot))
    };
    let dispatch = state.dispatcher().to_callback();
    let cfg = Rc::clone(&state.config);
    // What the components emit, as the reducer's actions: made once (the dispatcher lives as
    // long as the page), so that a component whose other props are unchanged is not drawn
    // again.
    let (on_set, on_scenario) = use_mut_ref(|| {
        let on_set = dispatch.reform(|(field, value): (String, Value)| Action::Set(field, value));
        let on_scenario = dispatch.reform(|step: ScenarioStep| match step {
            ScenarioStep::Keep => Action::KeepScenario,
            ScenarioStep::Restore => Action::RestoreScenario,
            ScenarioStep::Drop => Action::DropScenario,
        });
        (on_set, on_scenario)
    })
    .borrow()
    .clone();
    // A rubric file, chosen or dropped: read here, checked by the lazily loaded checker.
    let rubric_file = use_rubric_file(
        dispatch.reform(|(name, result): CheckedFile| Action::Checked(name, result)),
    );
    let dropping = use_drop_target(!cfg.lock, rubric_file.open.clone());

    // The effects the reducer asked for, each once.
    {
        let done = use_mut_ref(|| 0u32);
        let dispatch = dispatch.clone();
        let handle = state.clone();
        use_effect_with(Shared(Rc::clone(&state.effects)), move |effects| {
            for (id, effect) in effects.iter() {
                if *id > *done.borrow() {
                    *done.borrow_mut() = *id;
                    run_effect(&handle, effect.clone(), &dispatch);
                }
            }
        });
    }

    // The app has taken over the prerendered form: put the caret back where it was.
    {
        let focus = props.boot.focus.clone();
        use_effect_with((), move |_| {
            if let Some(f) = focus {
                if let Some(el) = document().get_element_by_id(&f.id) {
                    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                        let _ = input.focus();
                        if let Some((start, end)) = f.selection {
                            let _ = input.set_selection_range(start, end);
                        }
                    } else if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }

    // The print view is drawn only while printing: the browser's print (the button calls it,
    // or Ctrl+P) and print media (matchMedia) both say when.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let today = || {
                String::from(js_sys::Date::new_0().to_iso_string())
                    .chars()
                    .take(10)
                    .collect::<String>()
            };
            let before = {
                let dispatch = dispatch.clone();
                EventListener::new(&window(), "beforeprint", move |_| {
                    dispatch.emit(Action::Printing(Some(today())))
                })
            };
            let after = {
                let dispatch = dispatch.clone();
                EventListener::new(&window(), "afterprint", move |_| {
                    dispatch.emit(Action::Printing(None))
                })
            };
            let media = window().match_media("print").ok().flatten().map(|mql| {
                if mql.matches() {
                    dispatch.emit(Action::Printing(Some(today())));
                }
                let dispatch = dispatch.clone();
                EventListener::new(&mql, "change", move |e| {
                    let printing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::MediaQueryList>().ok())
                        .is_some_and(|m| m.matches());
                    dispatch.emit(Action::Printing(printing.then(today)));
                })
            });
            move || drop((before, after, media))
        });
    }

    // The app has taken over: its scores are live. Benchmarks and tests wait for this mark.
    use_effect_with((), |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-live", "1");
        }
        if let Some(p) = window().performance() {
            let _ = p.mark("spacescore:live");
        }
    });

    // A new build has taken over since the last visit (the service worker had kept the old
    // one): say so, once.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            if let Some(build) = load::updated() {
                let short: String = build.chars().take(8).collect();
                dispatch.emit(Action::Notify(
                    NoticeKind::Info,
                    Text::new(
                        i18n::UPDATED.zh.replace("{build}", &short),
                        i18n::UPDATED.en.replace("{build}", &short),
                    ),
                ));
            }
        });
    }

    // A share link's figures arrive in the fragment: open them once, then drop the fragment
    // so that a reload shows what is saved here.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let hash = window().location().hash().unwrap_or_default();
            if hash.starts_with("#d=") {
                dispatch.emit(Action::OpenShared(hash));
                let search = window().location().search().unwrap_or_default();
                replace_url(&search);
            }
        });
    }

    // Another tab on the same rubric saves its figures under the same key: this tab would
    // write over them at its next save, so they are kept aside first (the `storage` event
    // fires in every other tab of the origin when one tab writes).
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.rubric.id().to_string(), move |id| {
            let key = persist::work_key(id);
            let listener = EventListener::new(&window(), "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if e.key().as_deref() == Some(key.as_str()) {
                    if let Some(raw) = e.new_value() {
                        dispatch.emit(Action::OtherTab(raw));
                    }
                }
            });
            move || drop(listener)
        });
    }

    // Every change is saved, per rubric, with the what-if scenario.
    {
        let rubric = Rc::clone(&state.rubric);
        let scenario = state.scenario.clone();
        use_effect_with(
            (
                Shared(Rc::clone(&state.rubric)),
                Shared(Rc::clone(&state.values)),
                Rc::clone(&state.applicant),
                scenario.clone().map(Shared),
            ),
            move |(_, values, applicant, _)| {
                let kept = scenario.as_ref().map(|s| (s.name.as_str(), &*s.values));
                persist::save(&rubric, values, applicant, kept);
                store::save_last(rubric.id());
            },
        );
    }

    // The rubric shown is in the URL, so a link opens the right form: `?rubric=`, and on a
    // prerendered page the page's own path (`r/<id>/`), so a reload opens its prerendered page.
    {
        let id = state.rubric.id().to_string();
        let site = state.entry().is_some_and(|e| e.is_site());
        let base = state.base.to_string();
        use_effect_with(id, move |id| {
            let path = window().location().pathname().unwrap_or_default();
            let on_page = load::prerendered().is_some() || path.contains("/r/");
            let target = match (on_page, site) {
                // The path names the rubric: `?rubric=` would only repeat it.
                (true, true) => format!("{base}r/{id}/{}", query_with_rubric(None)),
                (true, false) => format!("{base}index.html{}", query_with_rubric(Some(id))),
                _ => format!("{path}{}", query_with_rubric(Some(id))),
            };
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&target));
            }
        });
    }

    // The document's language and title follow the toggle.
    {
        let lang = state.lang;
        let title = format!(
            "{} · {}",
            state.rubric.name().get(lang),
            i18n::APP_TITLE.get(lang)
        );
        use_effect_with((lang, title), move |(lang, title)| {
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
            }
            document().set_title(title);
            store::save_lang(*lang);
        });
    }

    // The portal's accent colour, set through the CSSOM (allowed under a strict CSP).
    {
        let accent = cfg.accent.clone();
        use_effect_with(accent, move |accent| {
            if let (Some(colour), Some(root)) = (accent, document().document_element()) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) {
                    let _ = el.style().set_property("--accent", colour);
                }
            }
        });
    }

    // The embed: results and height to the parent origin, when one is given.
    embed::use_embed(&state);

    let rubric = Shared(Rc::clone(&state.rubric));
    let lang = state.lang;
    let owners = use_memo(Shared(Rc::clone(&state.rubric)), |r| layout::owners(r));
    let report = Rc::clone(&state.report);
    let form = state.rubric.method() == Method::Form;
    let opened_from = state.entry().and_then(|e| e.opened_from.clone());

    let groups: Html = state
        .rubric
        .groups()
        .iter()
        .enumerate()
        .map(|(gi, _)| {
            html! {
                <GroupSection
                    key={format!("{}-{gi}", state.rubric.id())}
                    rubric={rubric.clone()}
                    group={gi}
                    report={Shared(Rc::clone(&report))}
                    advice={Shared(Rc::clone(&state.advice))}
                    scenario={state.scenario.clone().map(Shared)}
                    values={Shared(Rc::clone(&state.values))}
                    owners={Shared(Rc::clone(&owners))}
                    lang={lang}
                    on_set={on_set.clone()}
                />
            }
        })
        .collect();

    let problems = state
        .file_problems
        .as_ref()
        .map(|p| problems_panel(p, lang, dispatch.reform(|_| Action::DismissProblems)));

    html! {
        <div
            class={classes!("app", cfg.embed.then_some("embedded"), dropping.dragging.then_some("dragging"))}
            ondragover={dropping.ondragover} ondragleave={dropping.ondragleave} ondrop={dropping.ondrop}
        >
            <a class="skip-link" href="#summary">{ i18n::SKIP_TO_SUMMARY.get(lang) }</a>
            <header class="topbar">
                if !cfg.embed {
                    <div class="masthead">
                        <h1>{ i18n::APP_TITLE.get(lang) }</h1>
                        <p class="tagline">
                            { i18n::APP_TAGLINE.get(lang) }{ " " }
                            <a id="district-link" href={format!("{}district/?rubric={}", state.base, state.rubric.id())}>{ i18n::DISTRICT_LINK.get(lang) }</a>{ " · " }
                            <a id="studio-link" href={format!("{}studio/", state.base)}>{ i18n::STUDIO_LINK.get(lang) }</a>
                        </p>
                    </div>
                } else {
                    // The frame's own document still opens with a heading that says what it is.
                    <h1 class="visually-hidden">{ i18n::APP_TITLE.get(lang) }</h1>
                }
                <Toolbar
                    rubric={rubric.clone()}
                    values={Shared(Rc::clone(&state.values))}
                    applicant={Rc::clone(&state.applicant)}
                    scenario={state.scenario.clone().map(Shared)}
                    lang={lang}
                    confirming_reset={state.confirming_reset}
                    on_action={dispatch.clone()}
                />
                if !cfg.lock {
                    <Picker
                        index={Shared(Rc::clone(&state.index))}
                        current={state.rubric.id().to_string()}
                        lang={lang}
                        checking={rubric_file.checking}
                        on_choose={dispatch.reform(Action::Choose)}
                        on_open={rubric_file.open.clone()}
                    />
                }
            </header>
            if dropping.dragging {
                <p class="drop-hint" aria-hidden="true">{ i18n::DROP_HERE.get(lang) }</p>
            }
            { for problems }
            if state.loading.is_some() {
                <p class="loading" role="status">{ i18n::LOADING.get(lang) }</p>
            }
            <DocInfo rubric={rubric.clone()} opened_from={opened_from} lang={lang} />
            <Notices notices={state.notices.clone()} lang={lang} on_action={dispatch.clone()} />
            <div class="layout">
                <main class="form" id="form" aria-busy={state.loading.is_some().then_some("true")}>
                    <ApplicantField applicant={Rc::clone(&state.applicant)} lang={lang} on_set={dispatch.reform(Action::SetApplicant)} />
                    if form {
                        <FormView
                            rubric={rubric.clone()}
                            report={Shared(Rc::clone(&report))}
                            values={Shared(Rc::clone(&state.values))}
                            lang={lang}
                            on_set={on_set.clone()}
                        />
                    } else {
                        { groups }
                    }
                    if !state.rubric.vetoes().is_empty() || !state.rubric.limits().is_empty() {
                        <VetoSection
                            rubric={rubric.clone()}
                            report={Shared(Rc::clone(&report))}
                            values={Shared(Rc::clone(&state.values))}
                            owners={Shared(Rc::clone(&owners))}
                            lang={lang}
                            on_set={on_set.clone()}
                        />
                    }
                    if !form {
                        <AdvicePanel
                            advice={Shared(Rc::clone(&state.advice))}
                            report={Shared(Rc::clone(&report))}
                            scenario={state.scenario.clone().map(Shared)}
                            place="form"
                            lang={lang}
                            on_scenario={on_scenario.clone()}
                        />
                    }
                    // Shown only in print, in place of the form: inside `main`, so that
                    // the printed page keeps its main landmark.
                    if let Some(date) = &state.printing {
                        <PrintView rubric={rubric.clone()} report={Shared(Rc::clone(&report))} values={Shared(Rc::clone(&state.values))} applicant={Rc::clone(&state.applicant)} lang={lang} date={date.to_string()} />
                    }
                </main>
                <Summary
                    rubric={rubric.clone()}
                    report={Shared(Rc::clone(&report))}
                    advice={Shared(Rc::clone(&state.advice))}
                    scenario={state.scenario.clone().map(Shared)}
                    lang={lang}
                    on_scenario={on_scenario.clone()}
                />
            </div>
        </div>
    }
}
