//! The page's first module: it makes a prerendered rubric page score as it is typed into,
//! long before the app (Yew, the advisor, what-if scenarios, saving, import and export) has
//! arrived on a slow connection. It is small because it holds only the scoring core, the
//! compiled-rubric decoder and a thin layer over the page's DOM: it reads the figures from
//! the inputs' `data-field` attributes ([`form`]), scores them with the core
//! ([`spacescore_core::score`], the same function the app calls: no rule is written twice)
//! and writes each item's score and explanation, the subtotals and the totals into the
//! elements the prerenderer drew ([`page`]). When the app takes the page over, the elements
//! this module wrote into are gone and it stops.
//!
//! The app depends on this crate too, for what both must do the same way: the labels
//! ([`i18n`]), the texts of a report ([`show`]) and reading the form ([`form`]).
//!
//! `boot.js` loads this module first, hands it the rubric's compiled bytes (the same fetch
//! the app reads later), and only then loads the app.

#![forbid(unsafe_code)]

use std::cell::RefCell;

use spacescore_core::{score, Rubric};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

pub mod form;
pub mod i18n;
pub mod page;
pub mod show;

/// The page this module keeps scoring, until the app takes it over.
struct Live {
    rubric: Rubric,
    root: Element,
    /// The prerendered page's outer element: replaced when the app takes over.
    drawn: Element,
    page: page::Page,
    /// Kept alive while it is registered (and after, as it may be running when it stops).
    listener: Option<Closure<dyn FnMut(Event)>>,
    stopped: bool,
}

thread_local! {
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
}

impl Live {
    /// Scores what is typed and shows it; `typed` says a person just changed something.
    fn update(&mut self, typed: bool) {
        let inputs = form::figures(&self.root, &self.rubric);
        let report = score(&self.rubric, &inputs);
        self.page.write(&self.rubric, &report);
        if typed || !inputs.is_empty() {
            self.page.advice_pending();
        }
    }

    fn stop(&mut self) {
        self.stopped = true;
        if let Some(l) = &self.listener {
            let _ = self
                .root
                .remove_event_listener_with_callback("input", l.as_ref().unchecked_ref());
        }
    }
}

fn on_input() {
    LIVE.with(|cell| {
        let mut guard = cell.borrow_mut();
        let Some(live) = guard.as_mut() else {
            return;
        };
        if live.stopped {
            return;
        }
        if !live.drawn.is_connected() {
            // The app has taken the page over: its own components score from now on.
            live.stop();
            return;
        }
        live.update(true);
    });
}

/// Makes the prerendered form of the rubric whose compiled bytes are `bytes` score as it is
/// typed into: scores what is already typed, then every change.
///
/// # Errors
/// Why it cannot: the bytes are not a rubric, this page is not that rubric's prerendered
/// form, or there is no page. Nothing on the page is changed then.
pub fn start(bytes: &[u8]) -> Result<(), String> {
    let rubric = Rubric::from_bytes(bytes).map_err(|e| e.to_string())?;
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let html = document.document_element().ok_or("no document element")?;
    if html.has_attribute("data-live") {
        // The app was quicker.
        return Ok(());
    }
    let root = document.get_element_by_id("app").ok_or("no #app")?;
    if root.get_attribute("data-rubric").as_deref() != Some(rubric.id()) {
        return Err(format!(
            "this page is not the prerendered form of {}",
            rubric.id()
        ));
    }
    let drawn = root
        .query_selector(".app")
        .ok()
        .flatten()
        .ok_or("the page has no prerendered form")?;
    let page = page::Page::find(document, &root, &rubric);
    let mut live = Live {
        rubric,
        root,
        drawn,
        page,
        listener: None,
        stopped: false,
    };
    live.update(false);
    let listener = Closure::<dyn FnMut(Event)>::new(|_: Event| on_input());
    live.root
        .add_event_listener_with_callback("input", listener.as_ref().unchecked_ref())
        .map_err(|_| "cannot listen to the form".to_string())?;
    live.listener = Some(listener);
    LIVE.with(|cell| *cell.borrow_mut() = Some(live));
    // Tests and the benchmark wait for these.
    let _ = html.set_attribute("data-scoring", "");
    if let Some(p) = window.performance() {
        let _ = p.mark("spacescore:scoring");
    }
    Ok(())
}
