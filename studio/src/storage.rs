//! Work in progress, kept in the browser's `localStorage` under the site's prefix: the
//! document's text after every change, so that a reload or a closed tab loses nothing. A
//! document about to be replaced (by a new start or a restore) is first copied aside under a
//! key of its own, and the page says so with a button that restores it; saved work that
//! cannot be read is copied aside the same way, never thrown away. The same rule as the
//! self-check page's figures (DESIGN.md).

use spacescore_ui::store::{read, storage, PREFIX};

/// Where the document being edited is kept.
pub fn work_key() -> String {
    format!("{PREFIX}/studio/work")
}

/// The document kept, if any.
pub fn load() -> Option<String> {
    read(&work_key())
}

/// Keeps the document's text; whether the browser kept it.
pub fn save(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(&work_key(), text).is_ok())
}

/// Copies `text` aside under a new key (the time, so that asides never overwrite each
/// other) and returns the key; none when the browser keeps nothing.
pub fn keep_aside(text: &str) -> Option<String> {
    let s = storage()?;
    let stamp = String::from(js_sys::Date::new_0().to_iso_string());
    let mut key = format!("{PREFIX}/studio/aside/{stamp}");
    let mut n = 1;
    while s.get_item(&key).ok().flatten().is_some() {
        n += 1;
        key = format!("{PREFIX}/studio/aside/{stamp}-{n}");
    }
    s.set_item(&key, text).ok()?;
    Some(key)
}
