//! The page's state and every change to it. Each action arm calls the core (`score`,
//! `saved::parse`, `saved::restore`); an arm that changes nothing returns `self`, so Yew
//! skips the render.

use std::rc::Rc;

use spacescore_core::saved::{self, SavedWork};
use spacescore_core::{score, Catalog, Inputs, Lang, Report, Rubric, Text, Value};
use yew::Reducible;

use crate::config::Config;
use crate::i18n::{self, L};
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

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct State {
    /// All rubrics.
    pub catalog: Rc<Catalog>,
    /// The chosen rubric's index in the catalog.
    pub rubric: usize,
    /// What was typed, by field id, exactly as typed (shared, so that passing it down is
    /// free and an unchanged map compares equal by identity).
    pub values: Rc<Inputs>,
    /// The score of `values` under the chosen rubric.
    pub report: Rc<Report>,
    /// The language of the labels.
    pub lang: Lang,
    /// Messages above the form.
    pub notices: Vec<Notice>,
    /// Whether the reset question is showing.
    pub confirming_reset: bool,
    /// How the page was opened.
    pub config: Rc<Config>,
    next_notice: u32,
}

/// Every change the page can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Switch to the rubric with this id.
    Choose(String),
    /// Set a field to what was typed (empty text clears it).
    Set(String, Value),
    /// Switch the labels' language.
    SetLang(Lang),
    /// Ask before clearing the form.
    AskReset,
    /// Do not clear after all.
    CancelReset,
    /// Clear every figure of the chosen rubric.
    Reset,
    /// Load an exported file's text.
    Import(String),
    /// Load a share link's fragment.
    OpenShared(String),
    /// Restore figures kept aside under a storage key.
    Restore(String),
    /// Show a message.
    Notify(NoticeKind, Text),
    /// Hide a message.
    Dismiss(u32),
}

fn t(label: L) -> Text {
    Text::new(label.zh, label.en)
}

impl State {
    /// The state at start: the rubric from the URL, else the last one used, else the first;
    /// its saved figures; the language from the URL, else the last one used, else Chinese.
    pub fn new(catalog: Rc<Catalog>, config: Config) -> Self {
        let find = |id: &str| catalog.rubrics().iter().position(|r| r.id() == id);
        let asked = config.rubric.clone();
        let unknown = asked.as_deref().is_some_and(|id| find(id).is_none());
        let rubric = asked
            .as_deref()
            .and_then(find)
            .or_else(|| persist::load_last().as_deref().and_then(find))
            .unwrap_or(0);
        let lang = config
            .lang
            .or_else(|| persist::load_lang().and_then(|l| crate::config::parse_lang(&l)))
            .unwrap_or_default();
        let report = Rc::new(score(&catalog.rubrics()[rubric], &Inputs::new()));
        let mut state = State {
            catalog,
            rubric,
            values: Rc::new(Inputs::new()),
            report,
            lang,
            notices: Vec::new(),
            confirming_reset: false,
            config: Rc::new(config),
            next_notice: 0,
        };
        state.load_saved();
        if let (true, Some(id)) = (unknown, asked) {
            let id: String = id.chars().take(60).collect();
            let name = state.rubric().name().clone();
            let text = Text::new(
                format!("链接中的评价表“{id}”不存在，已打开：{}", name.zh),
                format!(
                    "The link names no known rubric (“{id}”); opened: {}",
                    name.en
                ),
            );
            state.notify(NoticeKind::Warning, text, None);
        }
        if !persist::available() {
            state.notify(NoticeKind::Warning, t(i18n::STORAGE_UNAVAILABLE), None);
        }
        state.rescore();
        state
    }

    /// The chosen rubric.
    pub fn rubric(&self) -> &Rubric {
        &self.catalog.rubrics()[self.rubric]
    }

    fn rescore(&mut self) {
        self.report = Rc::new(score(self.rubric(), &self.values));
    }

    fn notify(&mut self, kind: NoticeKind, text: Text, action: Option<NoticeAction>) {
        self.next_notice += 1;
        self.notices.push(Notice {
            id: self.next_notice,
            kind,
            text,
            action,
        });
    }

    /// Replaces the values with the chosen rubric's saved ones, telling what was found.
    fn load_saved(&mut self) {
        let loaded = persist::load(self.rubric());
        self.values = Rc::new(loaded.values);
        if let Some(key) = loaded.kept_aside {
            self.notify(
                NoticeKind::Error,
                t(i18n::STORAGE_KEPT),
                Some(NoticeAction::Download(key)),
            );
        }
        self.report_restore(&loaded.dropped, loaded.older_version);
    }

    fn report_restore(&mut self, dropped: &[String], older: Option<String>) {
        if let Some(old) = older {
            let new = self.rubric().version().to_string();
            let fill = |s: &str| s.replace("{old}", &old).replace("{new}", &new);
            let text = Text::new(
                fill(i18n::VERSION_CHANGED.zh),
                fill(i18n::VERSION_CHANGED.en),
            );
            self.notify(NoticeKind::Warning, text, None);
        }
        if !dropped.is_empty() {
            let list = dropped.join("、");
            let text = Text::new(
                format!("{}{list}", i18n::DROPPED.zh),
                format!("{}{list}", i18n::DROPPED.en),
            );
            self.notify(NoticeKind::Warning, text, None);
        }
    }

    /// Loads what an import or a share link carried, or says why it cannot be read.
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
        self.rescore();
    }

    /// Loads saved work (from a file, a link or a backup) over the current figures, keeping
    /// those aside first.
    fn load_work(&mut self, work: SavedWork, done: L) {
        if work.rubric != self.rubric().id() {
            match self
                .catalog
                .rubrics()
                .iter()
                .position(|r| r.id() == work.rubric)
            {
                Some(i) => {
                    self.rubric = i;
                    self.load_saved();
                    let name = self.rubric().name().clone();
                    let text = Text::new(
                        format!("{}{}", i18n::OTHER_RUBRIC.zh, name.zh),
                        format!("{}{}", i18n::OTHER_RUBRIC.en, name.en),
                    );
                    self.notify(NoticeKind::Info, text, None);
                }
                None => {
                    let id: String = work.rubric.chars().take(60).collect();
                    let text = Text::new(
                        format!("{}未知的评价表“{id}”", i18n::IMPORT_BROKEN.zh),
                        format!("{}unknown rubric “{id}”", i18n::IMPORT_BROKEN.en),
                    );
                    self.notify(NoticeKind::Error, text, None);
                    return;
                }
            }
        }
        let backup = persist::back_up(self.rubric(), &self.values);
        let restored = saved::restore(self.rubric(), work);
        self.values = Rc::new(restored.values);
        self.notify(NoticeKind::Info, t(done), None);
        if let Some(key) = backup {
            self.notify(
                NoticeKind::Info,
                t(i18n::SHARE_BACKED_UP),
                Some(NoticeAction::Restore(key)),
            );
        }
        self.report_restore(&restored.dropped, restored.older_version);
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Choose(id) => {
                let Some(i) = self.catalog.rubrics().iter().position(|r| r.id() == id) else {
                    return self;
                };
                if i == self.rubric || self.config.lock {
                    return self;
                }
                let mut s = (*self).clone();
                s.rubric = i;
                s.notices.clear();
                s.confirming_reset = false;
                s.load_saved();
                s.rescore();
                Rc::new(s)
            }
            Action::Set(field, value) => {
                let empty = matches!(&value, Value::Text(t) if t.is_empty());
                let unchanged = match self.values.get(&field) {
                    Some(v) => *v == value,
                    None => empty,
                };
                if unchanged || self.rubric().field(&field).is_none() {
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
            Action::Restore(key) => {
                // A backup removed or damaged since (another tab, the browser's own cleanup)
                // is said so, rather than the button doing nothing.
                let work = persist::read(&key)
                    .ok_or_else(|| saved::SavedError::NotSavedWork("the kept copy is gone".into()))
                    .and_then(|raw| saved::parse(&raw));
                let mut s = (*self).clone();
                s.open(work, i18n::RESTORED, i18n::RESTORE_BROKEN);
                Rc::new(s)
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
