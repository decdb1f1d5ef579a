//! The site a page belongs to: its address, its list of rubrics and its compiled rubrics,
//! fetched from its own origin; and the rubric files this browser keeps beside them.
//!
//! Every page's boot script leaves `window.spacescoreBoot.base`, the site's address (the
//! district page lives one folder down).

use gloo::utils::window;
use spacescore_core::{Rubric, Text};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::index::{Entry, Index};
use crate::js::{bytes_of, get, message};
use crate::store;

/// Fetches `url` (on the site's own origin, or the embed's parent) as bytes.
///
/// # Errors
/// When the request fails or the answer is not a success: its status.
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

/// The site's address, from the boot script, else the page's own folder.
pub fn base() -> String {
    let handoff = get(&window().into(), "spacescoreBoot");
    get(&handoff, "base").as_string().unwrap_or_else(|| {
        let l = window().location();
        let path = l.pathname().unwrap_or_default();
        let folder = path.rsplit_once('/').map(|(a, _)| a).unwrap_or_default();
        format!("{}{folder}/", l.origin().unwrap_or_default())
    })
}

/// The site's list of rubrics (`rubrics/index.json`, written by `spacescore publish`), empty
/// when it cannot be fetched or read.
pub async fn index(base: &str) -> Index {
    read_index(fetch(&format!("{base}rubrics/index.json")).await)
}

/// The site's list of rubrics from the bytes of `rubrics/index.json`, empty when they could
/// not be had or cannot be read.
pub fn read_index(bytes: Result<Vec<u8>, String>) -> Index {
    bytes
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| Index::parse(&t).ok())
        .unwrap_or_default()
}

/// `index` with the rubric files this browser keeps (opened on any page of the site) added,
/// after the site's own; a kept file never hides a site rubric of the same id.
pub fn with_opened(mut index: Index) -> Index {
    for id in store::opened_ids() {
        let Some(kept) = store::opened(&id) else {
            continue;
        };
        let Ok(r) = crate::compiled::decode(&kept.bytes) else {
            continue;
        };
        if index.get(r.id()).is_none() {
            index = index.with(Entry::opened(&r, &kept.file_name));
        }
    }
    index
}

/// Reads a rubric of the list: a site rubric's compiled bytes, fetched, or a rubric file
/// this browser keeps.
///
/// # Errors
/// What to tell the person when it cannot be fetched or is damaged.
pub async fn rubric(base: &str, entry: &Entry) -> Result<Rubric, Text> {
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
    crate::compiled::decode(bytes).map_err(|e| {
        let e = e.text();
        Text::new(
            format!("评价表“{}”的数据已损坏：{}", name.zh, e.zh),
            format!("The rubric “{}” is damaged: {}", name.en, e.en),
        )
    })
}

/// A rubric file opened earlier in this browser, from where it is kept.
///
/// # Errors
/// When it is not kept here (any more), or what is kept is damaged.
pub fn opened_rubric(id: &str) -> Result<Rubric, Text> {
    let kept = store::opened(id).ok_or_else(|| {
        Text::new(
            format!("本机没有保存评价表文件“{id}”，请重新打开该文件"),
            format!("The rubric file “{id}” is not kept in this browser; open the file again"),
        )
    })?;
    decode(&kept.bytes, &Text::new(id, id))
}
