//! The applicant's self-check page: a Yew app that renders what the scoring core computes.
//!
//! Data flows one way: URL, the fetched rubric and saved work → [`state::State`] →
//! `spacescore_core::score` → a `Report` → components. No component computes a rule; they
//! render the report. The page fetches only the rubric it shows (`rubrics/<id>.bin`), and
//! checks a rubric file a person opens with a checker it loads only then.
//!
//! What it draws a rubric with (item cards, summary, picker, document header) and the opening
//! of a rubric file are `spacescore-ui`'s, shared with the district page; this crate is the
//! app: its state and reducer, saving in the browser, import and export, the embed, printing.

#![forbid(unsafe_code)]

use std::rc::Rc;

use spacescore_ui::Shared;

pub mod components;
pub mod config;
pub mod embed;
pub mod filing;
pub mod load;
pub mod persist;
pub mod state;

/// The page's labels, shared with the first module (`spacescore-live`) and the district page.
pub use spacescore_ui::i18n;

/// Loads what the first render needs (the rubric `boot.js` began fetching, its saved
/// work), then mounts the page on `<body>`; if no rubric can be shown, says why instead of
/// leaving the page blank.
pub fn start() {
    yew::platform::spawn_local(async {
        // On the site's front page with no rubric named, the prerendered picker is the page.
        if load::prerendered().is_none() && load::picker_only() {
            return;
        }
        let result = load::boot().await;
        // The app replaces the prerendered page in one go: what was typed into it is read at
        // the last moment, the page is emptied and the app drawn in the same task (Yew draws
        // in microtasks), so no frame shows an empty page and nothing typed is lost.
        let root = load::root();
        match result {
            Ok(mut boot) => {
                let (typed, focus) = load::typed(&boot.rubric);
                boot.typed = typed;
                boot.focus = focus;
                boot.typed_applicant = load::typed_applicant(&boot.rubric);
                let props = components::app::AppProps {
                    boot: Shared(Rc::new(boot)),
                };
                match root {
                    Some(root) => {
                        root.set_inner_html("");
                        yew::Renderer::<components::app::App>::with_root_and_props(root, props)
                            .render();
                    }
                    None => {
                        yew::Renderer::<components::app::App>::with_props(props).render();
                    }
                }
            }
            Err(message) => {
                let props = components::fatal::FatalProps { message };
                match root {
                    Some(root) => {
                        root.set_inner_html("");
                        yew::Renderer::<components::fatal::Fatal>::with_root_and_props(root, props)
                            .render();
                    }
                    None => {
                        yew::Renderer::<components::fatal::Fatal>::with_props(props).render();
                    }
                }
            }
        }
    });
}
