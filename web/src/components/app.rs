//! The page: state, its side effects (saving, the URL, the language, the embed's
//! messages), and the layout.

use std::rc::Rc;

use gloo::utils::{document, window};
use spacescore_core::{Catalog, Method};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::doc_info::DocInfo;
use crate::components::form_view::FormView;
use crate::components::group_section::GroupSection;
use crate::components::notices::Notices;
use crate::components::picker::Picker;
use crate::components::print_view::PrintView;
use crate::components::summary::Summary;
use crate::components::toolbar::Toolbar;
use crate::components::veto_section::VetoSection;
use crate::config::{self, lang_code};
use crate::i18n;
use crate::state::{Action, State};
use crate::{embed, layout, persist, Shared};

/// The page's properties.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// All rubrics.
    pub catalog: Shared<Catalog>,
}

/// Replaces the URL's query and fragment without a reload or a new history entry.
fn replace_url(query: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

/// The query with `rubric` set to `id`, other parameters kept.
fn query_with_rubric(id: &str) -> String {
    let search = window().location().search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    match params {
        Some(p) => {
            p.set("rubric", id);
            let q = String::from(p.to_string());
            // Keep the slash readable: `?rubric=xinxiang/professional`.
            format!("?{}", q.replace("%2F", "/"))
        }
        None => format!("?rubric={id}"),
    }
}

/// The whole page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let catalog = props.catalog.clone();
    let state = use_reducer(move || {
        let query = window().location().search().unwrap_or_default();
        State::new(Rc::clone(&catalog.0), config::from_query(&query))
    });
    let dispatch = state.dispatcher().to_callback();
    let cfg = Rc::clone(&state.config);

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

    // Every change is saved, per rubric.
    {
        let catalog = props.catalog.clone();
        use_effect_with(
            (state.rubric, Shared(Rc::clone(&state.values))),
            move |(index, values)| {
                if let Some(rubric) = catalog.rubrics().get(*index) {
                    persist::save(rubric, values);
                    persist::save_last(rubric.id());
                }
            },
        );
    }

    // The chosen rubric is in the URL, so a link opens the right form.
    {
        let id = state.rubric().id().to_string();
        use_effect_with(id, move |id| replace_url(&query_with_rubric(id)));
    }

    // The document's language and title follow the toggle.
    {
        let lang = state.lang;
        let title = format!(
            "{} · {}",
            state.rubric().name().get(lang),
            i18n::APP_TITLE.get(lang)
        );
        use_effect_with((lang, title), move |(lang, title)| {
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute(
                    "lang",
                    if *lang == spacescore_core::Lang::Zh {
                        "zh-CN"
                    } else {
                        "en"
                    },
                );
            }
            document().set_title(title);
            persist::save_lang(lang_code(*lang));
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

    let rubric = state.rubric();
    let lang = state.lang;
    let owners = {
        let catalog = props.catalog.clone();
        use_memo(state.rubric, move |i| {
            layout::owners(&catalog.rubrics()[*i])
        })
    };
    let report = Rc::clone(&state.report);
    let form = rubric.method() == Method::Form;

    let groups: Html = rubric
        .groups()
        .iter()
        .enumerate()
        .map(|(gi, _)| {
            html! {
                <GroupSection
                    key={format!("{}-{gi}", rubric.id())}
                    catalog={props.catalog.clone()}
                    rubric={state.rubric}
                    group={gi}
                    report={Shared(Rc::clone(&report))}
                    values={Shared(Rc::clone(&state.values))}
                    owners={Shared(Rc::clone(&owners))}
                    lang={lang}
                    on_action={dispatch.clone()}
                />
            }
        })
        .collect();

    html! {
        <div class={classes!("app", cfg.embed.then_some("embedded"))}>
            <a class="skip-link" href="#summary">{ i18n::SKIP_TO_SUMMARY.get(lang) }</a>
            if !cfg.embed {
                <header class="masthead">
                    <h1>{ i18n::APP_TITLE.get(lang) }</h1>
                    <p class="tagline">{ i18n::APP_TAGLINE.get(lang) }</p>
                </header>
            }
            <Toolbar
                catalog={props.catalog.clone()}
                rubric={state.rubric}
                values={Shared(Rc::clone(&state.values))}
                lang={lang}
                confirming_reset={state.confirming_reset}
                on_action={dispatch.clone()}
            />
            if !cfg.lock {
                <Picker catalog={props.catalog.clone()} rubric={state.rubric} lang={lang} on_action={dispatch.clone()} />
            }
            <DocInfo catalog={props.catalog.clone()} rubric={state.rubric} lang={lang} />
            <Notices notices={state.notices.clone()} lang={lang} on_action={dispatch.clone()} />
            <div class="layout">
                <main class="form" id="form">
                    if form {
                        <FormView
                            catalog={props.catalog.clone()}
                            rubric={state.rubric}
                            report={Shared(Rc::clone(&report))}
                            values={Shared(Rc::clone(&state.values))}
                            lang={lang}
                            on_action={dispatch.clone()}
                        />
                    } else {
                        { groups }
                    }
                    if !rubric.vetoes().is_empty() || !rubric.limits().is_empty() {
                        <VetoSection
                            catalog={props.catalog.clone()}
                            rubric={state.rubric}
                            report={Shared(Rc::clone(&report))}
                            values={Shared(Rc::clone(&state.values))}
                            owners={Shared(Rc::clone(&owners))}
                            lang={lang}
                            on_action={dispatch.clone()}
                        />
                    }
                </main>
                <Summary catalog={props.catalog.clone()} rubric={state.rubric} report={Shared(Rc::clone(&report))} lang={lang} />
            </div>
            <PrintView catalog={props.catalog.clone()} rubric={state.rubric} report={Shared(Rc::clone(&report))} values={Shared(Rc::clone(&state.values))} lang={lang} />
        </div>
    }
}
