//! The applicant's self-check page: a Yew app that renders what the scoring core computes.
//!
//! Data flows one way: URL, the fetched rubric and saved work → [`state::State`] →
//! `spacescore_core::score` → a `Report` → components. No component computes a rule; they
//! render the report. The page fetches only the rubric it shows (`rubrics/<id>.bin`), and
//! checks a rubric file a person opens with a checker it loads only then.

#![forbid(unsafe_code)]

use std::ops::Deref;
use std::rc::Rc;

pub mod components;
pub mod config;
pub mod download;
pub mod embed;
pub mod index;
pub mod layout;
pub mod load;
pub mod persist;
pub mod state;

/// The page's labels, shared with the first module (`spacescore-live`).
pub use spacescore_live::i18n;

/// A shared value compared by identity, so a prop holding it does not cause a re-render
/// unless it really is another value.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

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
