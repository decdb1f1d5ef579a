//! The page's start: what `boot.js` began fetching while the wasm downloaded, the rubric to
//! show, its saved work, and the embed's `rubric-src`. Fetching another rubric and checking a
//! rubric file are every page's (`spacescore_ui::site`, `spacescore_ui::checker`).
//!
//! `boot.js` leaves `window.spacescoreBoot = {base, index, chosen, bytes}`: the site's
//! address, a promise of `rubrics/index.json`, the rubric id it guessed from the URL or the
//! last visit, and a promise of that rubric's compiled bytes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::utils::window;
use js_sys::{Promise, Reflect};
use spacescore_core::{Inputs, Lang, Rubric};
use spacescore_ui::checker::{check, Checked};
use spacescore_ui::index::{Entry, Index};
use spacescore_ui::js::{bytes_of, get, message};
use spacescore_ui::site::{self, base, fetch};
use spacescore_ui::store;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::config::{self, Config};
use crate::persist;

/// Everything the page needs before it first renders.
#[derive(Debug, Clone, PartialEq)]
pub struct Boot {
    /// The rubrics the picker lists.
    pub index: Index,
    /// The rubric to show.
    pub rubric: Rc<Rubric>,
    /// Its saved work.
    pub saved: persist::Loaded,
    /// How the page was opened.
    pub config: Config,
    /// The labels' language.
    pub lang: Lang,
    /// A rubric the URL asked for that the page does not have.
    pub unknown: Option<String>,
    /// Whether the browser lets the page keep data.
    pub storage: bool,
    /// The site's address (where `rubrics/` is), ending in `/`.
    pub base: String,
    /// What was typed into the prerendered form before the app took over, by field.
    pub typed: Inputs,
    /// The input that had the focus then, and its caret.
    pub focus: Option<Focus>,
    /// The applicant's name typed into the prerendered form before the app took over.
    pub typed_applicant: Option<String>,
}

pub use spacescore_live::form::Focus;

/// This page's build, when a new build has taken over since this browser last ran the page
/// (`boot.js` compares them and notes the new one).
pub fn updated() -> Option<String> {
    get(&get(&window().into(), "spacescoreBoot"), "updated").as_string()
}

/// Waits for the parent page to post the rubric (`{type: "spacescore:rubric", source,
/// name}`) after asking it (`{type: "spacescore:need-rubric"}`). Only the parent origin is
/// listened to.
async fn from_parent(origin: &str) -> Result<(Vec<u8>, String), String> {
    let slot: Rc<RefCell<Option<EventListener>>> = Rc::new(RefCell::new(None));
    let origin_owned = origin.to_string();
    let keep = slot.clone();
    let promise = Promise::new(&mut |resolve, _reject| {
        let origin = origin_owned.clone();
        let listener = EventListener::new(&window(), "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            if event.origin() != origin {
                return;
            }
            let data = event.data();
            if get(&data, "type").as_string().as_deref() == Some("spacescore:rubric") {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        *keep.borrow_mut() = Some(listener);
    });
    if let Ok(Some(parent)) = window().parent() {
        let ask = js_sys::Object::new();
        let _ = Reflect::set(
            &ask,
            &JsValue::from_str("type"),
            &JsValue::from_str("spacescore:need-rubric"),
        );
        let _ = parent.post_message(&ask, origin);
    }
    let data = JsFuture::from(promise).await.map_err(|e| message(&e))?;
    drop(slot.borrow_mut().take());
    let name = get(&data, "name")
        .as_string()
        .unwrap_or_else(|| "rubric".into());
    let bytes = bytes_of(get(&data, "source")).await?;
    Ok((bytes, name))
}

/// The embed's `rubric-src`: the rubric file the host page serves (the parent posts it, or
/// the widget fetches it from the parent's origin or its own).
async fn embedded_source(config: &Config) -> Result<(Vec<u8>, String), String> {
    let src = config.rubric_src.clone().unwrap_or_default();
    let parent = config.parent.clone();
    if src == "parent" {
        let origin = parent.ok_or("rubric-src=parent needs a parent origin")?;
        return from_parent(&origin).await;
    }
    let here = window().location().href().unwrap_or_default();
    let url = web_sys::Url::new_with_base(&src, &here).map_err(|e| message(&e))?;
    let own = window().location().origin().unwrap_or_default();
    if url.origin() != own && Some(url.origin()) != parent {
        return Err(format!(
            "rubric-src must be on this widget's origin or the parent's ({})",
            url.origin()
        ));
    }
    let name = url
        .pathname()
        .rsplit('/')
        .next()
        .unwrap_or("rubric")
        .to_string();
    Ok((fetch(&url.href()).await?, name))
}

/// Gets what the first render needs: the index, the rubric to show and its saved work.
///
/// # Errors
/// What to tell the person when no rubric can be shown at all.
pub async fn boot() -> Result<Boot, String> {
    let query = window().location().search().unwrap_or_default();
    let config = config::from_query(&query);
    let handoff = get(&window().into(), "spacescoreBoot");
    let base = base();
    let storage = persist::available();
    let lang = config.lang.or_else(store::load_lang).unwrap_or_default();

    let index_promise = get(&handoff, "index");
    let site_index = if index_promise.is_undefined() || index_promise.is_null() {
        fetch(&format!("{base}rubrics/index.json")).await
    } else {
        bytes_of(index_promise).await
    };
    let index = site::with_opened(site::read_index(site_index));

    // The embed's own rubric file.
    if config.rubric_src.is_some() {
        let (bytes, name) = embedded_source(&config).await?;
        let rubric = match check(&bytes, &name).await? {
            Checked::Rubrics(list) => {
                let wanted = config.rubric.clone();
                list.iter()
                    .find(|(r, _)| Some(r.id().to_string()) == wanted)
                    .or(list.first())
                    .map(|(r, _)| Rc::clone(r))
                    .ok_or("the rubric file defines no rubric")?
            }
            Checked::Problems(p) => {
                return Err(p
                    .iter()
                    .map(|t| t.get(lang).to_string())
                    .collect::<Vec<_>>()
                    .join("\n"))
            }
        };
        let index = index.with(Entry::opened(&rubric, &name));
        let saved = persist::load(&rubric);
        return Ok(Boot {
            index,
            rubric,
            saved,
            config,
            lang,
            unknown: None,
            storage,
            base,
            typed: Inputs::new(),
            focus: None,
            typed_applicant: None,
        });
    }

    let chosen = get(&handoff, "chosen").as_string();
    let asked = config.rubric.clone();
    let page = prerendered();
    let last = store::load_last();
    let known = |id: &Option<String>| id.as_ref().filter(|i| index.get(i).is_some()).cloned();
    let target = known(&asked)
        .or_else(|| known(&page))
        .or_else(|| known(&last))
        .or_else(|| index.entries.first().map(|e| e.id.clone()))
        .ok_or("the site lists no rubric (rubrics/index.json is missing or empty)")?;
    let entry = index.get(&target).cloned().ok_or("unknown rubric")?;
    let early = get(&handoff, "bytes");
    let rubric = if chosen.as_deref() == Some(target.as_str())
        && entry.is_site()
        && !early.is_null()
        && !early.is_undefined()
    {
        match bytes_of(early)
            .await
            .ok()
            .and_then(|b| spacescore_ui::compiled::decode(&b).ok())
        {
            Some(r) => r,
            None => site::rubric(&base, &entry)
                .await
                .map_err(|t| t.get(lang).to_string())?,
        }
    } else {
        site::rubric(&base, &entry)
            .await
            .map_err(|t| t.get(lang).to_string())?
    };
    let unknown = asked.filter(|a| *a != target);
    let saved = persist::load(&rubric);
    Ok(Boot {
        index,
        rubric: Rc::new(rubric),
        saved,
        config,
        lang,
        unknown,
        storage,
        base,
        typed: Inputs::new(),
        focus: None,
        typed_applicant: None,
    })
}

/// The root the page renders into: `<div id="app">`, which holds the prerendered page.
pub fn root() -> Option<web_sys::Element> {
    gloo::utils::document().get_element_by_id("app")
}

/// The rubric whose form this page was prerendered with (`<div id="app" data-rubric>`).
pub fn prerendered() -> Option<String> {
    root().and_then(|r| r.get_attribute("data-rubric"))
}

/// What was typed into the prerendered form of `rubric` before the app took over, and where
/// the caret is: read as the first module reads it (`spacescore_live::form`), at the last
/// moment before the app replaces the form.
pub fn typed(rubric: &Rubric) -> (Inputs, Option<Focus>) {
    let Some(root) = root() else {
        return (Inputs::new(), None);
    };
    if root.get_attribute("data-rubric").as_deref() != Some(rubric.id()) {
        return (Inputs::new(), None);
    }
    (
        spacescore_live::form::figures(&root, rubric),
        spacescore_live::form::focus(&root),
    )
}

/// The applicant's name typed into the prerendered form of `rubric` before the app took
/// over (none when nothing was typed there).
pub fn typed_applicant(rubric: &Rubric) -> Option<String> {
    let root = root()?;
    if root.get_attribute("data-rubric").as_deref() != Some(rubric.id()) {
        return None;
    }
    let input: web_sys::HtmlInputElement =
        root.query_selector("#applicant").ok()??.dyn_into().ok()?;
    Some(input.value()).filter(|v| !v.is_empty())
}

/// Whether this is the site's front page (the prerendered picker) with no rubric to show: no
/// `?rubric=`, no embed's `rubric-src`, no rubric used here before.
pub fn picker_only() -> bool {
    let is_picker = root().is_some_and(|r| r.has_attribute("data-picker"));
    let query = window().location().search().unwrap_or_default();
    let config = config::from_query(&query);
    is_picker
        && config.rubric.is_none()
        && config.rubric_src.is_none()
        && store::load_last().is_none()
}
