//! Getting rubrics into the page: the start (what `boot.js` began fetching while the wasm
//! downloaded), fetching a site rubric when another is chosen, a rubric file a person opens
//! (checked by the lazily loaded checker, `pkg/`), and the embed's `rubric-src`.
//!
//! `boot.js` leaves `window.spacescoreBoot = {base, index, chosen, bytes}`: the site's
//! address, a promise of `rubrics/index.json`, the rubric id it guessed from the URL or the
//! last visit, and a promise of that rubric's compiled bytes. It also defines
//! `window.spacescoreCheck(bytes, name)`, which imports the checker on first use.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::utils::window;
use js_sys::{Promise, Reflect, Uint8Array};
use spacescore_core::{Inputs, Lang, Rubric, Text};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::config::{self, Config};
use crate::index::{Entry, Index};
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
}

pub use spacescore_live::form::Focus;

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn message(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| get(e, "message").as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Awaits a JS promise of an `ArrayBuffer` (or text) as bytes.
async fn bytes_of(promise: JsValue) -> Result<Vec<u8>, String> {
    let value = JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(|e| message(&e))?;
    if let Some(s) = value.as_string() {
        return Ok(s.into_bytes());
    }
    if value.is_instance_of::<js_sys::Error>() {
        return Err(message(&value));
    }
    Ok(Uint8Array::new(&value).to_vec())
}

/// Fetches `url` (on the site's own origin, or the embed's parent) as bytes.
pub async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|e| message(&e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| message(&e))?;
    if !response.ok() {
        return Err(format!("{} {}", response.status(), response.status_text()));
    }
    let buffer = response.array_buffer().map_err(|e| message(&e))?;
    bytes_of(buffer.into()).await
}

/// The site's address, from `boot.js`, else the page's own folder.
pub fn base() -> String {
    let handoff = get(&window().into(), "spacescoreBoot");
    get(&handoff, "base").as_string().unwrap_or_else(|| {
        let l = window().location();
        let path = l.pathname().unwrap_or_default();
        let folder = path.rsplit_once('/').map(|(a, _)| a).unwrap_or_default();
        format!("{}{folder}/", l.origin().unwrap_or_default())
    })
}

/// This page's build, when a new build has taken over since this browser last ran the page
/// (`boot.js` compares them and notes the new one).
pub fn updated() -> Option<String> {
    get(&get(&window().into(), "spacescoreBoot"), "updated").as_string()
}

/// Reads a site rubric's compiled bytes.
pub async fn site_rubric(base: &str, entry: &Entry) -> Result<Rubric, Text> {
    let Some(file) = &entry.file else {
        return opened_rubric(&entry.id);
    };
    let bytes = fetch(&format!("{base}{file}")).await.map_err(|e| {
        Text::new(
            format!("评价表“{}”无法加载：{e}", entry.name.zh),
            format!("The rubric “{}” cannot be loaded: {e}", entry.name.en),
        )
    })?;
    decode(&bytes, &entry.name)
}

fn decode(bytes: &[u8], name: &Text) -> Result<Rubric, Text> {
    Rubric::from_bytes(bytes).map_err(|e| {
        Text::new(
            format!("评价表“{}”的数据已损坏：{e}", name.zh),
            format!("The rubric “{}” is damaged: {e}", name.en),
        )
    })
}

/// A rubric file opened earlier in this browser, from where it is kept.
pub fn opened_rubric(id: &str) -> Result<Rubric, Text> {
    let kept = persist::opened(id).ok_or_else(|| {
        Text::new(
            format!("本机没有保存评价表文件“{id}”，请重新打开该文件"),
            format!("The rubric file “{id}” is not kept in this browser; open the file again"),
        )
    })?;
    decode(&kept.bytes, &Text::new(id, id))
}

/// The index entries of the rubric files opened in this browser.
fn opened_entries() -> Vec<Entry> {
    persist::opened_ids()
        .into_iter()
        .filter_map(|id| {
            let kept = persist::opened(&id)?;
            let r = Rubric::from_bytes(&kept.bytes).ok()?;
            Some(Entry::opened(&r, &kept.file_name))
        })
        .collect()
}

/// What the checker said of a rubric file.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// Its rubrics, each with its compiled bytes.
    Rubrics(Vec<(Rc<Rubric>, Rc<Vec<u8>>)>),
    /// Every problem, one line each.
    Problems(Vec<Text>),
}

/// Checks a rubric file (or compiled rubric) with the checker, loading it on first use. The
/// checker is the JS API package (`pkg/`), so the page for a built-in rubric never carries
/// it.
pub async fn check(bytes: &[u8], name: &str) -> Result<Checked, String> {
    let f = get(&window().into(), "spacescoreCheck");
    let f: js_sys::Function = f
        .dyn_into()
        .map_err(|_| "the rubric checker is not available on this page".to_string())?;
    let promise = f
        .call2(
            &JsValue::NULL,
            &Uint8Array::from(bytes).into(),
            &JsValue::from_str(name),
        )
        .map_err(|e| message(&e))?;
    let result = JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(|e| message(&e))?;
    if get(&result, "ok").as_bool() == Some(true) {
        let list: js_sys::Array = get(&result, "rubrics")
            .dyn_into()
            .map_err(|e| message(&e))?;
        let mut out = Vec::new();
        for item in list.iter() {
            let bytes = Uint8Array::new(&get(&item, "bytes")).to_vec();
            let rubric = Rubric::from_bytes(&bytes).map_err(|e| e.to_string())?;
            out.push((Rc::new(rubric), Rc::new(bytes)));
        }
        Ok(Checked::Rubrics(out))
    } else {
        let list: js_sys::Array = get(&result, "problems")
            .dyn_into()
            .map_err(|e| message(&e))?;
        Ok(Checked::Problems(
            list.iter()
                .map(|p| {
                    Text::new(
                        get(&p, "text_zh").as_string().unwrap_or_default(),
                        get(&p, "text").as_string().unwrap_or_default(),
                    )
                })
                .collect(),
        ))
    }
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
    let lang = config
        .lang
        .or_else(|| persist::load_lang().and_then(|l| config::parse_lang(&l)))
        .unwrap_or_default();

    let index_promise = get(&handoff, "index");
    let site_index = if index_promise.is_undefined() || index_promise.is_null() {
        fetch(&format!("{base}rubrics/index.json")).await
    } else {
        bytes_of(index_promise).await
    }
    .ok()
    .and_then(|b| String::from_utf8(b).ok())
    .and_then(|t| Index::parse(&t).ok())
    .unwrap_or_default();
    let mut index = site_index;
    for e in opened_entries() {
        if index.get(&e.id).is_none() {
            index = index.with(e);
        }
    }

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
        });
    }

    let chosen = get(&handoff, "chosen").as_string();
    let asked = config.rubric.clone();
    let page = prerendered();
    let last = persist::load_last();
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
            .and_then(|b| Rubric::from_bytes(&b).ok())
        {
            Some(r) => r,
            None => site_rubric(&base, &entry)
                .await
                .map_err(|t| t.get(lang).to_string())?,
        }
    } else {
        site_rubric(&base, &entry)
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

/// Whether this is the site's front page (the prerendered picker) with no rubric to show: no
/// `?rubric=`, no embed's `rubric-src`, no rubric used here before.
pub fn picker_only() -> bool {
    let is_picker = root().is_some_and(|r| r.has_attribute("data-picker"));
    let query = window().location().search().unwrap_or_default();
    let config = config::from_query(&query);
    is_picker
        && config.rubric.is_none()
        && config.rubric_src.is_none()
        && persist::load_last().is_none()
}
