//! The page's state and every change to it. The reducer is a pure function of state and
//! action: each arm calls the core (`score`, `saved::parse`, `saved::restore`) and returns
//! the next state, or `self` when nothing changed (so Yew skips the render). What needs the
//! browser (fetching a rubric, reading or writing local storage) is asked for as an
//! [`Effect`]; `App` carries it out and its result arrives as another action.

use std::rc::Rc;

use spacescore_core::advise::Advice;
use spacescore_core::saved::{self, SavedWork};
use spacescore_core::{advise, score, score_and_advise, Inputs, Lang, Report, Rubric, Text, Value};
use yew::Reducible;

use spacescore_ui::checker::{self, Checked, FileProblems};
use spacescore_ui::index::{Entry, Index};
use spacescore_ui::scenario::Scenario;

use crate::config::Config;
use crate::i18n::{self, L};
use crate::load::Boot;
use crate::persist;

/// How loud a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something done as asked.
    Info,
    /// Something the person should check.
    Warning,
    /// Something that could not be done.
    Error,
}

/// What a notice offers to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeAction {
    /// Restore figures kept aside under this storage key.
    Restore(String),
    /// Download the raw text kept aside under this storage key.
    Download(String),
}

/// A message above the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Unique within the page's life, for keys and dismissal.
    pub id: u32,
    /// How loud it is.
    pub kind: NoticeKind,
    /// What it says.
    pub text: Text,
    /// What it offers, if anything.
    pub action: Option<NoticeAction>,
}

/// Something only the browser can do, asked for by the reducer and done by `App`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load this rubric (fetch a site rubric, or read an opened file) with its saved work;
    /// the result arrives as [`Action::Loaded`] or [`Action::LoadFailed`].
    Load(String),
    /// Copy these figures of this rubric aside before they are replaced; the key arrives
    /// as [`Action::BackedUp`].
    BackUp(Rc<Rubric>, Rc<Inputs>, Rc<str>),
    /// Keep a share link's figures until their rubric file is opened here.
    KeepWaiting(SavedWork),
    /// Keep a rubric opened from a file, compiled, for the next visit.
    KeepOpened(String, String, Rc<Vec<u8>>),
    /// Remove what is stored under this key (a waiting share that was restored).
    Remove(String),
    /// Bring the advice up to date in a task of its own: [`Action::Advise`].
    Advise,
    /// Keep another tab's figures (the saved work it wrote, as text) aside; the key arrives
    /// as [`Action::OtherTabKept`].
    KeepOtherTab(String, String),
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct State {
    /// The rubrics the picker lists.
    pub index: Rc<Index>,
    /// The rubric shown.
    pub rubric: Rc<Rubric>,
    /// The applicant (申报单位), as typed: saved with the figures, printed, exported.
    pub applicant: Rc<str>,
    /// What was typed, by field id, exactly as typed (shared, so that passing it down is
    /// free and an unchanged map compares equal by identity).
    pub values: Rc<Inputs>,
    /// The score of `values` under the rubric.
    pub report: Rc<Report>,
    /// Where the next points are, for `values` (for the previous `values` while
    /// `advising`).
    pub advice: Rc<Advice>,
    /// Whether `advice` is still to be brought up to date: the score is drawn first and the
    /// advice in the next task ([`Effect::Advise`]), so that a keystroke's new total is not
    /// kept waiting by the advisor, which costs several times what scoring does.
    pub advising: bool,
    /// A what-if scenario the current figures are compared with, if one is kept.
    pub scenario: Option<Rc<Scenario>>,
    /// The language of the labels.
    pub lang: Lang,
    /// Messages above the form.
    pub notices: Vec<Notice>,
    /// Whether the reset question is showing.
    pub confirming_reset: bool,
    /// How the page was opened.
    pub config: Rc<Config>,
    /// The site's address (where `rubrics/` is).
    pub base: Rc<str>,
    /// The rubric being loaded, if one is.
    pub loading: Option<String>,
    /// Saved work to apply once the rubric it names has loaded.
    pending: Option<(SavedWork, L)>,
    /// Rubrics opened from files during this visit, by id (kept in memory too, in case the
    /// browser refuses to keep them).
    opened: Rc<Vec<Rc<Rubric>>>,
    /// The problems of the last rubric file that could not be opened.
    pub file_problems: Option<Rc<FileProblems>>,
    /// Work for the browser, with increasing numbers; `App` does each once.
    pub effects: Rc<Vec<(u32, Effect)>>,
    /// The date to print on the self-evaluation table while it is being printed; the print
    /// view is drawn only then.
    pub printing: Option<Rc<str>>,
    next_id: u32,
}

/// Every change the page can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Switch to the rubric with this id.
    Choose(String),
    /// A rubric has loaded, with its saved work.
    Loaded(Rc<Rubric>, persist::Loaded),
    /// A rubric could not be loaded.
    LoadFailed(String, Text),
    /// Set a field to what was typed (empty text clears it).
    Set(String, Value),
    /// Set the applicant's name (申报单位) to what was typed.
    SetApplicant(String),
    /// Switch the labels' language.
    SetLang(Lang),
    /// Ask before clearing the form.
    AskReset,
    /// Do not clear after all.
    CancelReset,
    /// Clear every figure of the rubric.
    Reset,
    /// Load an exported file's text.
    Import(String),
    /// Load a share link's fragment.
    OpenShared(String),
    /// Restore the saved work read from a kept copy (`None`: it is gone); the key it was
    /// kept under.
    Restore(String, Option<String>),
    /// The current figures were copied aside under this key (none: nothing to copy, or the
    /// browser refused).
    BackedUp(Option<String>),
    /// The checker has read a rubric file the person opened (file name, result).
    Checked(String, Result<Checked, String>),
    /// Hide the problems of a rubric file.
    DismissProblems,
    /// Printing begins (with today's date) or ends.
    Printing(Option<String>),
    /// Keep the current figures as a scenario to compare with (“方案 A”).
    KeepScenario,
    /// Forget the scenario.
    DropScenario,
    /// Go back to the scenario's figures (the current ones are kept aside first).
    RestoreScenario,
    /// Bring the advice up to date with the figures, if it is not (several updates in a
    /// row are advised once).
    Advise,
    /// Show a message.
    Notify(NoticeKind, Text),
    /// Hide a message.
    Dismiss(u32),
    /// Another tab on this rubric saved its figures (the saved work it wrote, as text):
    /// they will be written over the next time this tab saves, so they are kept aside.
    OtherTab(String),
    /// Another tab's figures were kept aside under this key (none: the browser refused).
    OtherTabKept(Option<String>),
}

fn t(label: L) -> Text {
    Text::new(label.zh, label.en)
}

impl State {
    /// The state at start, from what `load::boot` found. Scores once.
    ///
    /// Figures typed into the prerendered form before the app took over are kept and win
    /// over figures saved here earlier; saved figures they replace are copied aside first
    /// (the page's rule for anything about to be replaced), with a notice to restore them.
    pub fn new(boot: Boot) -> Self {
        let mut values = boot.saved.values.clone();
        let mut replaced = false;
        for (field, value) in &boot.typed {
            if boot.rubric.field(field).is_none() {
                continue;
            }
            if values.get(field).is_some_and(|old| old != value) {
                replaced = true;
            }
            values.insert(field.clone(), value.clone());
        }
        // A name typed before the app took over wins too; a different saved one is kept aside
        // with the saved figures.
        let saved_name = boot.saved.applicant.clone().unwrap_or_default();
        let applicant = match &boot.typed_applicant {
            Some(typed) => {
                let typed: String = typed.chars().take(saved::MAX_TEXT).collect();
                if !saved_name.is_empty() && saved_name != typed {
                    replaced = true;
                }
                typed
            }
            None => saved_name.clone(),
        };
        let (report, advice) = score_and_advise(&boot.rubric, &values);
        let scenario = boot
            .saved
            .scenario
            .clone()
            .map(|(name, v)| Rc::new(Scenario::new(&boot.rubric, name, v)));
        let mut state = State {
            index: Rc::new(boot.index),
            rubric: boot.rubric,
            applicant: Rc::from(applicant.as_str()),
            values: Rc::new(Inputs::new()),
            report: Rc::new(report),
            advice: Rc::new(advice),
            advising: false,
            scenario,
            lang: boot.lang,
            notices: Vec::new(),
            confirming_reset: false,
            config: Rc::new(boot.config),
            base: Rc::from(boot.base.as_str()),
            loading: None,
            pending: None,
            opened: Rc::new(Vec::new()),
            file_problems: None,
            effects: Rc::new(Vec::new()),
            printing: None,
            next_id: 0,
        };
        state.values = Rc::new(values);
        state.report_loaded(&boot.saved);
        if replaced {
            state.effect(Effect::BackUp(
                Rc::clone(&state.rubric),
                Rc::new(boot.saved.values.clone()),
                Rc::from(saved_name.as_str()),
            ));
            state.notify(NoticeKind::Info, t(i18n::TYPED_EARLY), None);
        }
        if let Some(id) = boot.unknown {
            let id = spacescore_core::text::quote_short(&id);
            let name = state.rubric.name().clone();
            let text = if state.index.get(&id).is_none() {
                Text::new(
                    format!("链接中的评价表“{id}”不在本站，也不是本机打开过的评价表文件；已打开：{}。若它是一个评价表文件，请用“打开评价表文件”打开它。", name.zh),
                    format!("The link names a rubric (“{id}”) that is neither on this site nor a rubric file opened in this browser; opened: {}. If it is a rubric file, open it with “Open a rubric file”.", name.en),
                )
            } else {
                Text::new(
                    format!("链接中的评价表“{id}”无法打开，已打开：{}", name.zh),
                    format!(
                        "The rubric in the link (“{id}”) cannot be opened; opened: {}",
                        name.en
                    ),
                )
            };
            state.notify(NoticeKind::Warning, text, None);
        }
        if !boot.storage {
            state.notify(NoticeKind::Warning, t(i18n::STORAGE_UNAVAILABLE), None);
        }
        state
    }

    /// The index entry of the rubric shown.
    pub fn entry(&self) -> Option<&Entry> {
        self.index.get(self.rubric.id())
    }

    fn rescore(&mut self) {
        self.report = Rc::new(score(&self.rubric, &self.values));
        if !self.advising {
            self.advising = true;
            self.effect(Effect::Advise);
        }
    }

    fn notify(&mut self, kind: NoticeKind, text: Text, action: Option<NoticeAction>) {
        self.next_id += 1;
        self.notices.push(Notice {
            id: self.next_id,
            kind,
            text,
            action,
        });
    }

    fn effect(&mut self, e: Effect) {
        self.next_id += 1;
        let mut list: Vec<(u32, Effect)> = (*self.effects).clone();
        // Only the newest few are still to do; older ones are done.
        if list.len() > 16 {
            list.drain(..list.len() - 16);
        }
        list.push((self.next_id, e));
        self.effects = Rc::new(list);
    }

    /// Tells what loading saved work found.
    fn report_loaded(&mut self, loaded: &persist::Loaded) {
        if let Some(key) = &loaded.kept_aside {
            self.notify(
                NoticeKind::Error,
                t(i18n::STORAGE_KEPT),
                Some(NoticeAction::Download(key.clone())),
            );
        }
        self.report_restore(
            &loaded.dropped,
            loaded.older_version.clone(),
            loaded.other_content.clone(),
        );
        if let Some(key) = &loaded.waiting_share {
            self.notify(
                NoticeKind::Info,
                t(i18n::SHARE_WAITING),
                Some(NoticeAction::Restore(key.clone())),
            );
        }
    }

    fn report_restore(&mut self, dropped: &[String], older: Option<String>, other: Option<String>) {
        if let Some(old) = older {
            let new = self.rubric.version().to_string();
            let old = spacescore_core::text::quote_short(&old);
            let fill = |s: &str| s.replace("{old}", &old).replace("{new}", &new);
            let text = Text::new(
                fill(i18n::VERSION_CHANGED.zh),
                fill(i18n::VERSION_CHANGED.en),
            );
            self.notify(NoticeKind::Warning, text, None);
        }
        if let Some(hash) = other {
            let new = self.rubric.short_hash().to_string();
            let fill = |s: &str| s.replace("{old}", &hash).replace("{new}", &new);
            let text = Text::new(
                fill(i18n::CONTENT_CHANGED.zh),
                fill(i18n::CONTENT_CHANGED.en),
            );
            self.notify(NoticeKind::Warning, text, None);
        }
        if !dropped.is_empty() {
            let list = dropped
                .iter()
                .map(|d| spacescore_core::text::quote_short(d))
                .collect::<Vec<_>>()
                .join("、");
            let text = Text::new(
                format!("{}{list}", i18n::DROPPED.zh),
                format!("{}{list}", i18n::DROPPED.en),
            );
            self.notify(NoticeKind::Warning, text, None);
        }
    }

    /// Loads what an import, a share link or a kept copy carried, or says why it cannot.
    fn open(&mut self, work: Result<SavedWork, saved::SavedError>, done: L, broken: L) {
        match work {
            Ok(work) => self.load_work(work, done),
            Err(e) => {
                let text = Text::new(
                    format!("{}{}", broken.zh, e.message_zh()),
                    format!("{}{e}", broken.en),
                );
                self.notify(NoticeKind::Error, text, None);
            }
        }
    }

    /// Puts saved work over the current figures (copying those aside first), switching to
    /// its rubric first when it names another one.
    fn load_work(&mut self, work: SavedWork, done: L) {
        if work.rubric != self.rubric.id() {
            let id = spacescore_core::text::quote_short(&work.rubric);
            match self.index.get(&work.rubric) {
                Some(entry) => {
                    let name = entry.name.clone();
                    self.loading = Some(work.rubric.clone());
                    self.effect(Effect::Load(work.rubric.clone()));
                    self.pending = Some((work, done));
                    let text = Text::new(
                        format!("{}{}", i18n::OTHER_RUBRIC.zh, name.zh),
                        format!("{}{}", i18n::OTHER_RUBRIC.en, name.en),
                    );
                    self.notify(NoticeKind::Info, text, None);
                }
                None => {
                    // A rubric file opened elsewhere: keep the figures until it is opened here.
                    let hash = work.rubric_hash.clone().unwrap_or_default();
                    let short: String = hash.chars().take(12).collect();
                    let version = spacescore_core::text::quote_short(&work.rubric_version);
                    self.effect(Effect::KeepWaiting(work));
                    let text = Text::new(
                        format!("这些数据属于评价表“{id}”（版本 {version}，校验值 {short}），本机没有打开过该评价表文件。数据已保留：用“打开评价表文件”打开该文件后即可恢复。"),
                        format!("These figures belong to the rubric “{id}” (version {version}, hash {short}), whose rubric file has not been opened in this browser. They are kept: open that file with “Open a rubric file” to restore them."),
                    );
                    self.notify(NoticeKind::Warning, text, None);
                }
            }
            return;
        }
        self.effect(Effect::BackUp(
            Rc::clone(&self.rubric),
            Rc::clone(&self.values),
            Rc::clone(&self.applicant),
        ));
        let restored = saved::restore(&self.rubric, work);
        self.values = Rc::new(restored.values);
        // Work saved before the page asked for the applicant keeps the name typed here.
        if let Some(name) = restored.applicant {
            self.applicant = Rc::from(name.as_str());
        }
        if let Some(sc) = restored.scenarios.into_iter().next() {
            self.scenario = Some(Rc::new(Scenario::new(&self.rubric, sc.name, sc.values)));
        }
        self.notify(NoticeKind::Info, t(done), None);
        self.report_restore(
            &restored.dropped,
            restored.older_version,
            restored.other_content,
        );
        self.rescore();
    }

    /// Shows a newly loaded rubric with its saved work.
    fn show(&mut self, rubric: Rc<Rubric>, loaded: &persist::Loaded) {
        self.scenario = loaded
            .scenario
            .clone()
            .map(|(name, v)| Rc::new(Scenario::new(&rubric, name, v)));
        self.rubric = rubric;
        self.values = Rc::new(loaded.values.clone());
        self.applicant = Rc::from(loaded.applicant.as_deref().unwrap_or_default());
        self.loading = None;
        self.confirming_reset = false;
        self.report_loaded(loaded);
        // The advice held is another rubric's: it is not shown for one task.
        let (report, advice) = score_and_advise(&self.rubric, &self.values);
        self.report = Rc::new(report);
        self.advice = Rc::new(advice);
        self.advising = false;
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Choose(id) => {
                if id == self.rubric.id() && self.loading.is_none() || self.config.lock {
                    return self;
                }
                if self.index.get(&id).is_none() {
                    return self;
                }
                let mut s = (*self).clone();
                s.notices.clear();
                s.file_problems = None;
                s.pending = None;
                s.loading = Some(id.clone());
                s.effect(Effect::Load(id));
                Rc::new(s)
            }
            Action::Loaded(rubric, loaded) => {
                let mut s = (*self).clone();
                s.show(rubric, &loaded);
                if let Some((work, done)) = s.pending.take() {
                    if work.rubric == s.rubric.id() {
                        s.load_work(work, done);
                    }
                }
                Rc::new(s)
            }
            Action::LoadFailed(id, text) => {
                let mut s = (*self).clone();
                if s.loading.as_deref() == Some(id.as_str()) {
                    s.loading = None;
                }
                s.pending = None;
                s.notify(NoticeKind::Error, text, None);
                Rc::new(s)
            }
            Action::Set(field, value) => {
                let empty = matches!(&value, Value::Text(t) if t.is_empty());
                let unchanged = match self.values.get(&field) {
                    Some(v) => *v == value,
                    None => empty,
                };
                if unchanged || self.rubric.field(&field).is_none() {
                    return self;
                }
                let mut s = (*self).clone();
                let values = Rc::make_mut(&mut s.values);
                if empty {
                    values.remove(&field);
                } else {
                    values.insert(field, value);
                }
                s.rescore();
                Rc::new(s)
            }
            Action::SetApplicant(name) => {
                // As typed, up to the length saved work keeps (the field stops there too).
                let name: String = name.chars().take(saved::MAX_TEXT).collect();
                if *self.applicant == *name {
                    return self;
                }
                Rc::new(State {
                    applicant: Rc::from(name.as_str()),
                    ..(*self).clone()
                })
            }
            Action::SetLang(lang) => {
                if lang == self.lang {
                    return self;
                }
                Rc::new(State {
                    lang,
                    ..(*self).clone()
                })
            }
            Action::AskReset => Rc::new(State {
                confirming_reset: true,
                ..(*self).clone()
            }),
            Action::CancelReset => Rc::new(State {
                confirming_reset: false,
                ..(*self).clone()
            }),
            Action::Reset => {
                let mut s = (*self).clone();
                s.values = Rc::new(Inputs::new());
                s.confirming_reset = false;
                s.rescore();
                Rc::new(s)
            }
            Action::Import(text) => {
                let mut s = (*self).clone();
                s.open(saved::parse(&text), i18n::IMPORTED, i18n::IMPORT_BROKEN);
                Rc::new(s)
            }
            Action::OpenShared(fragment) => {
                let mut s = (*self).clone();
                s.open(
                    saved::from_fragment(&fragment),
                    i18n::SHARE_OPENED,
                    i18n::SHARE_BROKEN,
                );
                Rc::new(s)
            }
            Action::Restore(key, raw) => {
                // A backup removed or damaged since (another tab, the browser's own cleanup)
                // is said so, rather than the button doing nothing.
                let work = raw
                    .ok_or_else(|| saved::SavedError::NotSavedWork("the kept copy is gone".into()))
                    .and_then(|raw| saved::parse(&raw));
                let mut s = (*self).clone();
                let waiting = key.ends_with("/shared-waiting");
                let restorable = work.is_ok();
                s.notices
                    .retain(|n| n.action != Some(NoticeAction::Restore(key.clone())));
                s.open(work, i18n::RESTORED, i18n::RESTORE_BROKEN);
                if waiting && restorable {
                    s.effect(Effect::Remove(key));
                }
                Rc::new(s)
            }
            Action::OtherTab(raw) => {
                let Ok(work) = saved::parse(&raw) else {
                    return self;
                };
                // The same figures (this tab's own save, or both typed alike): nothing to keep.
                if work.rubric != self.rubric.id() || work.values == *self.values {
                    return self;
                }
                let mut s = (*self).clone();
                s.effect(Effect::KeepOtherTab(work.rubric, raw));
                Rc::new(s)
            }
            Action::OtherTabKept(key) => {
                let mut s = (*self).clone();
                let Some(key) = key else {
                    s.notify(NoticeKind::Warning, t(i18n::OTHER_TAB_LOST), None);
                    return Rc::new(s);
                };
                // One notice for another tab, however often it saves: the kept copy is its
                // latest figures.
                s.notices
                    .retain(|n| n.action != Some(NoticeAction::Restore(key.clone())));
                s.notify(
                    NoticeKind::Warning,
                    t(i18n::OTHER_TAB),
                    Some(NoticeAction::Restore(key)),
                );
                Rc::new(s)
            }
            Action::BackedUp(key) => {
                let Some(key) = key else {
                    return self;
                };
                let mut s = (*self).clone();
                s.notify(
                    NoticeKind::Info,
                    t(i18n::SHARE_BACKED_UP),
                    Some(NoticeAction::Restore(key)),
                );
                Rc::new(s)
            }
            Action::Checked(file, result) => {
                let mut s = (*self).clone();
                s.file_problems = None;
                match result {
                    Err(e) => s.notify(NoticeKind::Error, checker::not_checked(&file, &e), None),
                    Ok(Checked::Problems(problems)) => {
                        s.file_problems = Some(Rc::new(FileProblems { file, problems }));
                    }
                    Ok(Checked::Rubrics(list)) => {
                        let mut first = None;
                        for (rubric, bytes) in list {
                            if s.index.get(rubric.id()).is_some_and(Entry::is_site) {
                                let id = rubric.id().to_string();
                                let text = Text::new(
                                    format!("评价表文件“{}”中的评价表编号“{id}”与本站内置评价表相同；请在文件中改用另一个编号后再打开", spacescore_core::text::quote_short(&file)),
                                    format!("The rubric file “{}” uses the id “{id}” of one of this site's rubrics; give it another id in the file and open it again", spacescore_core::text::quote_short(&file)),
                                );
                                s.notify(NoticeKind::Error, text, None);
                                continue;
                            }
                            s.index = Rc::new(s.index.with(Entry::opened(&rubric, &file)));
                            let mut opened: Vec<Rc<Rubric>> = s
                                .opened
                                .iter()
                                .filter(|r| r.id() != rubric.id())
                                .cloned()
                                .collect();
                            opened.push(Rc::clone(&rubric));
                            s.opened = Rc::new(opened);
                            s.effect(Effect::KeepOpened(
                                rubric.id().to_string(),
                                file.clone(),
                                bytes,
                            ));
                            first.get_or_insert_with(|| rubric.id().to_string());
                        }
                        if let Some(id) = first {
                            if !s.config.lock {
                                s.notices.clear();
                                s.loading = Some(id.clone());
                                s.effect(Effect::Load(id));
                            }
                        }
                    }
                }
                Rc::new(s)
            }
            Action::Advise => {
                if !self.advising {
                    return self;
                }
                Rc::new(State {
                    advice: Rc::new(advise(&self.rubric, &self.values)),
                    advising: false,
                    ..(*self).clone()
                })
            }
            Action::Printing(date) => {
                let printing: Option<Rc<str>> = date.map(|d| Rc::from(d.as_str()));
                if printing.is_none() && self.printing.is_none() {
                    return self;
                }
                Rc::new(State {
                    printing,
                    ..(*self).clone()
                })
            }
            Action::KeepScenario => {
                let name = self
                    .scenario
                    .as_ref()
                    .map(|s| s.name.clone())
                    .unwrap_or_else(|| i18n::SCENARIO_NAME.get(self.lang).to_string());
                let mut s = (*self).clone();
                s.scenario = Some(Rc::new(Scenario {
                    name,
                    values: Rc::clone(&self.values),
                    report: Rc::clone(&self.report),
                }));
                Rc::new(s)
            }
            Action::DropScenario => {
                if self.scenario.is_none() {
                    return self;
                }
                Rc::new(State {
                    scenario: None,
                    ..(*self).clone()
                })
            }
            Action::RestoreScenario => {
                let Some(sc) = self.scenario.clone() else {
                    return self;
                };
                if sc.values == self.values {
                    return self;
                }
                let mut s = (*self).clone();
                s.effect(Effect::BackUp(
                    Rc::clone(&s.rubric),
                    Rc::clone(&s.values),
                    Rc::clone(&s.applicant),
                ));
                s.values = Rc::clone(&sc.values);
                s.rescore();
                Rc::new(s)
            }
            Action::DismissProblems => {
                if self.file_problems.is_none() {
                    return self;
                }
                Rc::new(State {
                    file_problems: None,
                    ..(*self).clone()
                })
            }
            Action::Notify(kind, text) => {
                let mut s = (*self).clone();
                s.notify(kind, text, None);
                Rc::new(s)
            }
            Action::Dismiss(id) => {
                if !self.notices.iter().any(|n| n.id == id) {
                    return self;
                }
                let mut s = (*self).clone();
                s.notices.retain(|n| n.id != id);
                Rc::new(s)
            }
        }
    }
}

impl State {
    /// A rubric opened from a file during this visit, by id.
    pub fn opened(&self, id: &str) -> Option<Rc<Rubric>> {
        self.opened.iter().find(|r| r.id() == id).cloned()
    }
}
