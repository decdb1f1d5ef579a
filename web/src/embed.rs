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
use serde::Serialize;
use spacescore_core::{fmt_dec, Report};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;
use yew::prelude::*;

use crate::state::State;
use crate::Shared;

/// One item of a result message.
#[derive(Serialize)]
struct ItemMessage<'a> {
    id: &'a str,
    score: Option<String>,
    max: String,
}

/// One field error of a result message.
#[derive(Serialize)]
struct ErrorMessage<'a> {
    field: &'a str,
    message: &'a str,
}

/// `{type: "spacescore:result", …}`: decimals as strings, as the README documents.
#[derive(Serialize)]
pub struct ResultMessage<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    rubric: &'a str,
    rubric_version: &'a str,
    base: Option<String>,
    bonus: Option<String>,
    total: Option<String>,
    grade: Option<&'a str>,
    vetoed: bool,
    veto_reasons: &'a [String],
    missing: &'a [String],
    errors: Vec<ErrorMessage<'a>>,
    items: Vec<ItemMessage<'a>>,
}

/// `{type: "spacescore:height", height}`.
#[derive(Serialize)]
struct HeightMessage {
    #[serde(rename = "type")]
    kind: &'static str,
    height: u32,
}

/// The result message for a report.
pub fn result_message(report: &Report) -> ResultMessage<'_> {
    let dec = |d: Option<rust_decimal::Decimal>| d.map(fmt_dec);
    ResultMessage {
        kind: "spacescore:result",
        rubric: &report.rubric,
        rubric_version: &report.rubric_version,
        base: dec(report.base),
        bonus: dec(report.bonus),
        total: dec(report.total),
        grade: report.grade.as_deref(),
        vetoed: report.vetoed,
        veto_reasons: &report.veto_reasons,
        missing: &report.missing,
        errors: report
            .errors
            .iter()
            .map(|e| ErrorMessage {
                field: &e.field,
                message: &e.message,
            })
            .collect(),
        items: report
            .items
            .iter()
            .map(|i| ItemMessage {
                id: &i.id,
                score: dec(i.score),
                max: fmt_dec(i.max),
            })
            .collect(),
    }
}

/// What must stay alive while the widget talks to its parent: the message listener, the
/// resize callback and its observer.
type Subscriptions = (
    EventListener,
    Closure<dyn FnMut(js_sys::Array)>,
    web_sys::ResizeObserver,
);

fn post<T: Serialize>(origin: &str, message: &T) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let Ok(text) = serde_json::to_string(message) else {
        return;
    };
    let Ok(data) = js_sys::JSON::parse(&text) else {
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
        post(
            origin,
            &HeightMessage {
                kind: "spacescore:height",
                height,
            },
        );
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
