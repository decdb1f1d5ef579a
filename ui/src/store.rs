//! What every page of the site keeps in the browser's `localStorage`, under one prefix: the
//! language chosen last, the rubric used last, and the rubric files a person opened (compiled,
//! so that a reload, or another page of the site, shows them again). The self-check page keeps
//! its figures there too, under the same prefix (its own `persist` module).

use spacescore_core::json::{self, Json, Object};
use spacescore_core::{saved, Lang};
use web_sys::Storage;

use crate::query::{lang_code, parse_lang};

/// The prefix of every key the site writes.
pub const PREFIX: &str = "spacescore/1";

/// The browser's local storage, where it lets the page have it.
pub fn storage() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The raw text stored under `key`.
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Removes what is stored under `key`.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The language chosen last time.
pub fn load_lang() -> Option<Lang> {
    read(&format!("{PREFIX}/lang")).and_then(|l| parse_lang(&l))
}

/// Remembers the language.
pub fn save_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{PREFIX}/lang"), lang_code(lang));
    }
}

/// The rubric used last time.
pub fn load_last() -> Option<String> {
    read(&format!("{PREFIX}/last"))
}

/// Remembers the rubric.
pub fn save_last(id: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{PREFIX}/last"), id);
    }
}

fn opened_key(id: &str) -> String {
    format!("{PREFIX}/opened/{id}")
}

/// A rubric file opened in this browser, as kept: the file's name and the compiled rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The name of the file it was opened from.
    pub file_name: String,
    /// Its compiled form.
    pub bytes: Vec<u8>,
}

/// Keeps a rubric opened from a file, compiled, so that a reload shows it again. `false`
/// when the browser refuses (it is then kept for this visit only).
pub fn keep_opened(id: &str, file_name: &str, bytes: &[u8]) -> bool {
    let Some(store) = storage() else { return false };
    let text = Object::new()
        .string("file", file_name)
        .string("bytes", &saved::base64url_encode(bytes))
        .finish();
    store.set_item(&opened_key(id), &text).is_ok()
}

/// The rubric file with this id opened in this browser, if it is kept.
pub fn opened(id: &str) -> Option<Opened> {
    let raw = read(&opened_key(id))?;
    let doc = json::parse(&raw).ok()?;
    let file_name = doc.get("file").and_then(Json::as_str)?.to_string();
    let bytes = saved::base64url_decode(doc.get("bytes").and_then(Json::as_str)?)?;
    Some(Opened { file_name, bytes })
}

/// The ids of every rubric file opened in this browser.
pub fn opened_ids() -> Vec<String> {
    let Some(store) = storage() else {
        return Vec::new();
    };
    let prefix = opened_key("");
    let n = store.length().unwrap_or(0);
    let mut ids: Vec<String> = (0..n)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
        .filter(|id| spacescore_core::rubric::is_rubric_id(id))
        .collect();
    ids.sort();
    ids
}

/// Forgets a rubric file opened in this browser (its saved figures stay).
pub fn forget_opened(id: &str) {
    remove(&opened_key(id));
}
