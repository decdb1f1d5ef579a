//! Keeping work in the browser: every change is saved in `localStorage`, one entry per
//! rubric, in the core's saved-work format. Entries that cannot be read are never thrown
//! away: they are copied aside under a new key and the person is told. The same goes for
//! figures about to be replaced by a share link or an import. What every page of the site
//! keeps (the language, the rubric used last, the rubric files opened) is
//! `spacescore_ui::store`, under the same prefix.
//!
//! Everything here is a side effect: the page calls it from effects and callbacks, and
//! what it reads reaches the state as an action (see `state.rs`).

use spacescore_core::saved::{self, SavedWork};
use spacescore_core::{Inputs, Rubric};
use spacescore_ui::store::{storage, PREFIX};

/// Whether the browser lets the page keep data.
pub fn available() -> bool {
    storage().is_some_and(|s| s.set_item(&format!("{PREFIX}/probe"), "1").is_ok())
}

/// Where the figures of `rubric` are saved.
pub fn work_key(rubric: &str) -> String {
    format!("{PREFIX}/work/{rubric}")
}

/// The current time as ISO 8601.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// What loading a rubric's saved work found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Loaded {
    /// The values to show.
    pub values: Inputs,
    /// The saved entry could not be read and was kept aside under this key.
    pub kept_aside: Option<String>,
    /// Fields dropped because the rubric no longer reads them.
    pub dropped: Vec<String>,
    /// The older rubric version the work was saved under, if it differs.
    pub older_version: Option<String>,
    /// The content hash the work was saved under, if the rubric's content changed since
    /// without a new version.
    pub other_content: Option<String>,
    /// Figures from a share link for this rubric, kept while the rubric was not loaded.
    pub waiting_share: Option<String>,
    /// The what-if scenario kept with the work (its name and figures), if any.
    pub scenario: Option<(String, Inputs)>,
    /// The applicant (申报单位) saved with the work, if any.
    pub applicant: Option<String>,
}

/// Loads the saved work of `rubric`.
pub fn load(rubric: &Rubric) -> Loaded {
    let Some(store) = storage() else {
        return Loaded::default();
    };
    let key = work_key(rubric.id());
    let waiting_share = {
        let k = waiting_key(rubric.id());
        store.get_item(&k).ok().flatten().map(|_| k)
    };
    let Some(raw) = store.get_item(&key).ok().flatten() else {
        return Loaded {
            waiting_share,
            ..Loaded::default()
        };
    };
    match saved::parse(&raw) {
        Ok(work) => {
            let restored = saved::restore(rubric, work);
            Loaded {
                values: restored.values,
                kept_aside: None,
                dropped: restored.dropped,
                older_version: restored.older_version,
                other_content: restored.other_content,
                waiting_share,
                applicant: restored.applicant,
                scenario: restored
                    .scenarios
                    .into_iter()
                    .next()
                    .map(|s| (s.name, s.values)),
            }
        }
        Err(_) => {
            let aside = format!("{key}/kept-{}", now());
            // If even this fails, the original entry stays where it is until the next save.
            let _ = store.set_item(&aside, &raw);
            Loaded {
                kept_aside: Some(aside),
                waiting_share,
                ..Loaded::default()
            }
        }
    }
}

/// The saved-work document of `rubric` with `values`, the applicant (none when empty) and a
/// what-if scenario, as saved, exported and shared.
pub fn work(
    rubric: &Rubric,
    values: &Inputs,
    applicant: &str,
    scenario: Option<(&str, &Inputs)>,
    saved_at: Option<String>,
) -> SavedWork {
    let mut work = SavedWork::new(rubric, values.clone(), saved_at);
    work.applicant = Some(applicant.to_string()).filter(|a| !a.is_empty());
    if let Some((name, values)) = scenario {
        work.scenarios.push(saved::Scenario {
            name: name.to_string(),
            values: values.clone(),
        });
    }
    work
}

/// Saves the values of `rubric`, with the applicant and its what-if scenario. `false` when
/// the browser refuses.
pub fn save(
    rubric: &Rubric,
    values: &Inputs,
    applicant: &str,
    scenario: Option<(&str, &Inputs)>,
) -> bool {
    let Some(store) = storage() else { return false };
    let work = work(rubric, values, applicant, scenario, Some(now()));
    store
        .set_item(&work_key(rubric.id()), &work.to_json())
        .is_ok()
}

/// Copies the current values of `rubric` aside before they are replaced; the key to restore.
pub fn back_up(rubric: &Rubric, values: &Inputs, applicant: &str) -> Option<String> {
    if values.is_empty() && applicant.is_empty() {
        return None;
    }
    let store = storage()?;
    let key = format!("{}/backup-{}", work_key(rubric.id()), now());
    let mut work = SavedWork::new(rubric, values.clone(), Some(now()));
    work.applicant = Some(applicant.to_string()).filter(|a| !a.is_empty());
    store.set_item(&key, &work.to_json()).ok().map(|_| key)
}

/// Keeps the saved work another tab wrote for `rubric` (its text, as written) aside, one
/// copy per rubric and per tab that keeps it (the other tab's latest figures: each tab
/// keeps the others' under a key of its own, so two tabs never write over what the other
/// kept); the key to restore.
pub fn keep_other_tab(rubric: &str, raw: &str) -> Option<String> {
    let key = format!("{}/other-tab-{}", work_key(rubric), tab_id()?);
    storage()?.set_item(&key, raw).ok().map(|_| key)
}

/// This tab's own id, kept in its session storage so that a reload keeps it.
fn tab_id() -> Option<String> {
    let session = web_sys::window()?.session_storage().ok().flatten()?;
    let key = format!("{PREFIX}/tab");
    if let Some(id) = session.get_item(&key).ok().flatten() {
        return Some(id);
    }
    let id = format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64);
    session.set_item(&key, &id).ok()?;
    Some(id)
}

/// Where figures shared for a rubric that is not loaded wait for it.
fn waiting_key(rubric: &str) -> String {
    format!("{}/shared-waiting", work_key(rubric))
}

/// Keeps a share link's figures for a rubric this page does not have (a rubric file opened
/// elsewhere), until that file is opened here; the key.
pub fn keep_waiting(work: &SavedWork) -> Option<String> {
    let key = waiting_key(&work.rubric);
    storage()?.set_item(&key, &work.to_json()).ok().map(|_| key)
}
