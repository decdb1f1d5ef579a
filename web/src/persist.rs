//! Keeping work in the browser: every change is saved in `localStorage`, one entry per
//! rubric, in the core's saved-work format. Entries that cannot be read are never thrown
//! away: they are copied aside under a new key and the person is told. The same goes for
//! figures about to be replaced by a share link or an import.

use spacescore_core::saved::{self, SavedWork};
use spacescore_core::{Inputs, Rubric};
use web_sys::Storage;

const PREFIX: &str = "spacescore/1";

fn storage() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Whether the browser lets the page keep data.
pub fn available() -> bool {
    storage().is_some_and(|s| s.set_item(&format!("{PREFIX}/probe"), "1").is_ok())
}

fn work_key(rubric: &str) -> String {
    format!("{PREFIX}/work/{rubric}")
}

/// The current time as ISO 8601.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// What loading a rubric's saved work found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The values to show.
    pub values: Inputs,
    /// The saved entry could not be read and was kept aside under this key.
    pub kept_aside: Option<String>,
    /// Fields dropped because the rubric no longer reads them.
    pub dropped: Vec<String>,
    /// The older rubric version the work was saved under, if it differs.
    pub older_version: Option<String>,
}

/// Loads the saved work of `rubric`.
pub fn load(rubric: &Rubric) -> Loaded {
    let Some(store) = storage() else {
        return Loaded::default();
    };
    let key = work_key(rubric.id());
    let Some(raw) = store.get_item(&key).ok().flatten() else {
        return Loaded::default();
    };
    match saved::parse(&raw) {
        Ok(work) => {
            let restored = saved::restore(rubric, work);
            Loaded {
                values: restored.values,
                kept_aside: None,
                dropped: restored.dropped,
                older_version: restored.older_version,
            }
        }
        Err(_) => {
            let aside = format!("{key}/kept-{}", now());
            // If even this fails, the original entry stays where it is until the next save.
            let _ = store.set_item(&aside, &raw);
            Loaded {
                kept_aside: Some(aside),
                ..Loaded::default()
            }
        }
    }
}

/// Saves the values of `rubric`. `false` when the browser refuses.
pub fn save(rubric: &Rubric, values: &Inputs) -> bool {
    let Some(store) = storage() else { return false };
    let work = SavedWork::new(rubric, values.clone(), Some(now()));
    store
        .set_item(&work_key(rubric.id()), &work.to_json())
        .is_ok()
}

/// Copies the current values of `rubric` aside before they are replaced; the key to restore.
pub fn back_up(rubric: &Rubric, values: &Inputs) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let store = storage()?;
    let key = format!("{}/backup-{}", work_key(rubric.id()), now());
    let work = SavedWork::new(rubric, values.clone(), Some(now()));
    store.set_item(&key, &work.to_json()).ok().map(|_| key)
}

/// The raw text stored under `key`.
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// The language chosen last time.
pub fn load_lang() -> Option<String> {
    storage()?
        .get_item(&format!("{PREFIX}/lang"))
        .ok()
        .flatten()
}

/// Remembers the language.
pub fn save_lang(lang: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{PREFIX}/lang"), lang);
    }
}

/// The rubric used last time.
pub fn load_last() -> Option<String> {
    storage()?
        .get_item(&format!("{PREFIX}/last"))
        .ok()
        .flatten()
}

/// Remembers the rubric.
pub fn save_last(id: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{PREFIX}/last"), id);
    }
}
