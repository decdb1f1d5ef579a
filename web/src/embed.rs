//! The embed's side of the conversation with a portal page.
//!
//! Only when the URL names a `parent` origin does the widget post anything, and then only
//! to that origin: `{type: "spacescore:result", …}` after every change and
//! `{type: "spacescore:height", height}` whenever its content changes size. It listens for
//! one message, `{type: "spacescore:get"}`, which re-sends both; messages from any other
//! origin are ignored.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::utils::{document, window};
use spacescore_core::json::{self, Object};
use spacescore_core::{fmt_dec, Report};
use spacescore_ui::Shared;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;
use yew::prelude::*;

use crate::state::State;

/// `{type: "spacescore:result", …}` for a report: decimals as strings, as the README
/// documents.
pub fn result_message(report: &Report) -> String {
    let dec = |d: Option<rust_decimal::Decimal>| d.map(fmt_dec);
    let errors = json::array(report.errors.iter().map(|e| {
        Object::new()
            .string("field", &e.field)
            .string("message", &e.message)
            .finish()
    }));
    let items = json::array(report.items.iter().map(|i| {
        Object::new()
            .string("id", &i.id)
            .opt_string("score", dec(i.score).as_deref())
            .string("max", &fmt_dec(i.max))
            .finish()
    }));
    Object::new()
        .string("type", "spacescore:result")
        .string("rubric", &report.rubric)
        .string("rubric_version", &report.rubric_version)
        .opt_string("base", dec(report.base).as_deref())
        .opt_string("bonus", dec(report.bonus).as_deref())
        .opt_string("total", dec(report.total).as_deref())
        .opt_string("grade", report.grade.as_deref())
        .bool("vetoed", report.vetoed)
        .strings(
            "veto_reasons",
            report.veto_reasons.iter().map(String::as_str),
        )
        .strings("missing", report.missing.iter().map(String::as_str))
        .raw("errors", &errors)
        .raw("items", &items)
        .finish()
}

/// What must stay alive while the widget talks to its parent: the message listener, the
/// resize callback and its observer.
type Subscriptions = (
    EventListener,
    Closure<dyn FnMut(js_sys::Array)>,
    web_sys::ResizeObserver,
);

fn post(origin: &str, message: &str) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let Ok(data) = js_sys::JSON::parse(message) else {
        return;
    };
    let _ = parent.post_message(&data, origin);
}

/// The height of the widget's content, in CSS pixels.
fn content_height() -> Option<f64> {
    let app = document().query_selector(".app").ok().flatten()?;
    Some(app.get_bounding_client_rect().height().ceil())
}

fn post_height(origin: &str) {
    if let Some(h) = content_height() {
        // Whole CSS pixels: the frame's height never needs a fraction.
        let height = if h.is_finite() && h > 0.0 && h < 1e7 {
            h as u32
        } else {
            0
        };
        let message = Object::new()
            .string("type", "spacescore:height")
            .raw("height", &height.to_string())
            .finish();
        post(origin, &message);
    }
}

/// Posts results and height to the parent origin named in the URL, if any.
#[hook]
pub fn use_embed(state: &UseReducerHandle<State>) {
    let parent = state.config.parent.clone();
    let latest = use_mut_ref(|| Rc::clone(&state.report));
    *latest.borrow_mut() = Rc::clone(&state.report);

    {
        let parent = parent.clone();
        use_effect_with(Shared(Rc::clone(&state.report)), move |report| {
            if let Some(origin) = parent {
                post(&origin, &result_message(report));
                post_height(&origin);
            }
        });
    }

    use_effect_with((), move |_| {
        let mut keep: Option<Subscriptions> = None;
        if let Some(origin) = parent {
            let listener = {
                let origin = origin.clone();
                let latest: Rc<RefCell<Rc<Report>>> = latest.clone();
                EventListener::new(&window(), "message", move |event| {
                    let Some(event) = event.dyn_ref::<MessageEvent>() else {
                        return;
                    };
                    if event.origin() != origin {
                        return;
                    }
                    let kind = js_sys::Reflect::get(&event.data(), &JsValue::from_str("type"))
                        .ok()
                        .and_then(|t| t.as_string());
                    if kind.as_deref() == Some("spacescore:get") {
                        post(&origin, &result_message(&latest.borrow()));
                        post_height(&origin);
                    }
                })
            };
            let on_resize = {
                let origin = origin.clone();
                Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
                    post_height(&origin)
                })
            };
            if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
                if let Some(app) = document().query_selector(".app").ok().flatten() {
                    observer.observe(&app);
                }
                keep = Some((listener, on_resize, observer));
            }
        }
        move || {
            if let Some((_listener, _closure, observer)) = keep {
                observer.disconnect();
            }
        }
    });
}
