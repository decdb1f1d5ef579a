//! The studio's state and every change to it. The reducer is a pure function of state and
//! action: drafting is `spacescore_draft::draft`, reading a file is `source::parse` or
//! `Rubric::from_bytes` with `source::of`, checking is `check_source` (in [`Doc::new`]),
//! scoring the preview is `score_and_advise`, comparing is `compare`. What needs the browser
//! (reading a file, the clipboard, fetching a built-in rubric, local storage) happens in the
//! components' callbacks and effects, and what they read arrives here as an action.

use std::rc::Rc;

use spacescore_core::check::Library;
use spacescore_core::rubric::source::{self, Val};
use spacescore_core::{Inputs, Lang, Rubric, Text, Value};
use spacescore_draft::{columns::Column, draft, pick, read, Facts, ItemReport, Table};
use spacescore_ui::index::Index;
use spacescore_ui::Shared;
use yew::Reducible;

use crate::doc::{Doc, REVIEW};
use crate::tree::{self, at, key, Path};

/// The rubric file a start from nothing opens.
pub const EMPTY: &str = include_str!("empty.toml");

/// The most undo steps kept.
pub const MAX_UNDO: usize = 200;

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// Nothing: a file of one group and one self-assessed item, to fill in.
    Empty,
    /// Text pasted from Word, WPS or Excel: tab-separated rows.
    Pasted(String),
    /// The rows of an HTML table from the clipboard, merged cells expanded.
    Rows(Vec<Vec<String>>),
    /// A file chosen or dropped: a rubric file (`.toml`), a compiled rubric (`.bin`), or a
    /// table (`.docx`, `.xlsx`, `.csv`, `.tsv`, `.txt`).
    File {
        /// Its name.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// One of the site's rubrics, fetched compiled, to revise.
    Rubric(Rc<Rubric>),
    /// Saved work in progress, or work kept aside, restored.
    Saved(String),
}

/// What the drafter read of a table: its columns and, per item, the words read as what.
#[derive(Debug, Clone, PartialEq)]
pub struct Drafted {
    /// What each column was read as.
    pub columns: Vec<Column>,
    /// Each item, in order.
    pub items: Vec<ItemReport>,
    /// What it noticed about the table as a whole.
    pub notes: Vec<Text>,
}

impl Drafted {
    /// What was read for the item `id`.
    pub fn item(&self, id: &str) -> Option<&ItemReport> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// A change to the studio.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Open a document (the page keeps the one it replaces aside first).
    Start(Start),
    /// Set the value at a place of the tree to what was typed (a text, a number, yes/no).
    Set(Path, Val),
    /// Remove the value at a place (a key, an entry of a list).
    Remove(Path),
    /// Append a new entry to the list at a place, shaped like its last entry (or `Val`
    /// where the list is empty).
    Add(Path, Val),
    /// Add a term of this kind to the item at this index.
    AddTerm(usize, String),
    /// Mark the item at this index reviewed: remove the drafter's “待核对” notes.
    Reviewed(usize),
    /// Add a worked example holding the preview's figures, its expected scores left for
    /// the official to enter from the document.
    AddCase,
    /// Compare the document with this rubric (another version, another document): a site
    /// rubric fetched, or a rubric file (`.toml`, `.bin`) read.
    CompareWith(Start),
    /// Raise the last number of the previewed rubric's version (`2024.1` → `2024.2`).
    BumpVersion,
    /// Undo the last change to the document.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// A figure typed into the preview.
    Input(String, Value),
    /// Preview this rubric of the file.
    Preview(usize),
    /// Show the labels in this language.
    Lang(Lang),
    /// The site's rubrics, fetched.
    Index(Index),
    /// Fetching a built-in rubric started.
    Loading,
    /// Something could not be read: say so, keep the document.
    Failed(Text),
    /// The document replaced was kept aside in the browser under this key.
    KeptAside(String),
    /// Saved work could not be read and was kept aside under this key.
    SavedUnreadable(String),
    /// Hide the notices.
    Dismiss,
}

/// The studio.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The labels' language.
    pub lang: Lang,
    /// The document being edited.
    pub doc: Option<Doc>,
    /// Earlier trees, the last one most recent.
    pub undo: Vec<Rc<Val>>,
    /// Trees undone, the last one undone most recently.
    pub redo: Vec<Rc<Val>>,
    /// The place typed into last: typing on in the same field is one undo step.
    pub last_edit: Option<Path>,
    /// The rubric opened to revise: what the document is compared with.
    pub base: Option<Rc<Rubric>>,
    /// What the drafter read, when the document was drafted from a table.
    pub drafted: Option<Rc<Drafted>>,
    /// The figures typed into the preview.
    pub values: Rc<Inputs>,
    /// Which rubric of the file the preview shows.
    pub preview: usize,
    /// What could not be read, last.
    pub message: Option<Text>,
    /// Where the document replaced last was kept aside.
    pub aside: Option<String>,
    /// Whether the aside is saved work that could not be read (not a replaced document).
    pub aside_unreadable: bool,
    /// The site's rubrics.
    pub index: Index,
    /// Whether a built-in rubric is being fetched.
    pub loading: bool,
    /// Whether the file defines every field and policy line it uses itself, as a rubric
    /// written from a compiled one does (`source::of`): it is then checked without the shared
    /// dictionary, whose definitions it repeats, exactly as `check_bytes` checks it.
    pub self_contained: bool,
    shared: Shared<Library>,
    own: Shared<Library>,
}

impl Default for State {
    fn default() -> Self {
        State::new(Lang::Zh)
    }
}

impl State {
    /// A studio with no document, in `lang`.
    pub fn new(lang: Lang) -> State {
        State {
            lang,
            doc: None,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
            base: None,
            drafted: None,
            values: Rc::new(Inputs::new()),
            preview: 0,
            message: None,
            aside: None,
            aside_unreadable: false,
            index: Index::default(),
            loading: false,
            // The shared dictionary and policies are part of the core: reading them cannot
            // fail (the test suite checks them); an empty library would only make every
            // shared field a problem to fix.
            self_contained: false,
            shared: Shared(Rc::new(Library::shared().unwrap_or_default())),
            own: Shared(Rc::new(Library::default())),
        }
    }

    /// The rubric the preview shows.
    pub fn rubric(&self) -> Option<&Rc<Rubric>> {
        let rubrics = &self.doc.as_ref()?.rubrics;
        rubrics.get(self.preview).or(rubrics.first())
    }

    /// What changed from the rubric opened to the one the preview shows, a line each.
    pub fn changes(&self) -> Option<Vec<spacescore_core::rubric::compare::Change>> {
        let base = self.base.as_ref()?;
        let rubrics = &self.doc.as_ref()?.rubrics;
        let new = rubrics
            .iter()
            .find(|r| r.id() == base.id())
            .or(self.rubric())?;
        Some(spacescore_core::rubric::compare::compare(base, new))
    }

    fn library(&self) -> &Library {
        if self.self_contained {
            &self.own
        } else {
            &self.shared
        }
    }

    fn open(&self, tree: Val) -> Doc {
        Doc::new(tree, self.library())
    }

    /// Whether `tree` reads better as a self-contained file (fewer problems without the
    /// shared dictionary than with it): a file the studio wrote from a compiled rubric and
    /// saved, or opened again.
    fn reads_self_contained(&self, tree: &Val) -> bool {
        let with = Doc::new(tree.clone(), &self.shared).problems.len();
        with > 0 && Doc::new(tree.clone(), &self.own).problems.len() < with
    }

    /// The state with `tree` as the document (checked), the old one on the undo stack.
    fn edited(&self, tree: Val, coalesce: Option<Path>) -> State {
        let Some(doc) = &self.doc else {
            return self.clone();
        };
        let mut next = self.clone();
        let same_field = coalesce.is_some() && coalesce == self.last_edit;
        if !same_field {
            next.undo.push(Rc::clone(&doc.tree));
            if next.undo.len() > MAX_UNDO {
                next.undo.remove(0);
            }
        }
        next.redo.clear();
        next.last_edit = coalesce;
        next.doc = Some(self.open(tree));
        next.message = None;
        next
    }

    fn started(&self, start: Start) -> Result<State, Text> {
        let mut next = self.clone();
        next.base = None;
        next.drafted = None;
        next.self_contained = false;
        let tree = match start {
            Start::Empty => parse(EMPTY, "")?,
            Start::Saved(text) => parse(&text, "")?,
            Start::Pasted(text) => {
                let table = Table::from_tsv(&text).map_err(|e| e.text())?;
                next.drafted_from(&table)?
            }
            Start::Rows(rows) => {
                let table = Table::from_rows(rows, None).map_err(|e| e.text())?;
                next.drafted_from(&table)?
            }
            Start::Rubric(rubric) => {
                let tree = source::of(&rubric);
                next.base = Some(rubric);
                next.self_contained = true;
                tree
            }
            Start::File { name, bytes } => next.file(&name, &bytes)?,
        };
        if !next.self_contained && next.drafted.is_none() {
            next.self_contained = next.reads_self_contained(&tree);
        }
        next.doc = Some(next.open(tree));
        next.undo.clear();
        next.redo.clear();
        next.last_edit = None;
        next.values = Rc::new(Inputs::new());
        next.preview = 0;
        next.message = None;
        next.loading = false;
        Ok(next)
    }

    fn drafted_from(&mut self, table: &Table) -> Result<Val, Text> {
        let d = draft(table, &Facts::default(), &self.shared).map_err(|e| e.text())?;
        self.drafted = Some(Rc::new(Drafted {
            columns: d.columns,
            items: d.items,
            notes: d.notes,
        }));
        parse(&d.toml, "")
    }

    fn file(&mut self, name: &str, bytes: &[u8]) -> Result<Val, Text> {
        let lower = name.to_lowercase();
        if lower.ends_with(".toml") {
            let text = std::str::from_utf8(bytes).map_err(|_| {
                Text::new(
                    format!("“{name}”不是 UTF-8 文字，无法作为评价表文件读取"),
                    format!("“{name}” is not UTF-8 text and cannot be read as a rubric file"),
                )
            })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let tree = parse(text, name)?;
            // Revising last year's file: compare with it as it was, where it checks.
            self.self_contained = self.reads_self_contained(&tree);
            self.base = Doc::new(tree.clone(), self.library())
                .rubrics
                .first()
                .cloned();
            return Ok(tree);
        }
        if lower.ends_with(".bin") {
            let rubric = Rubric::from_bytes(bytes).map_err(|e| {
                Text::new(
                    format!("“{name}”无法作为编译后的评价表读取：{e}"),
                    format!("“{name}” cannot be read as a compiled rubric: {e}"),
                )
            })?;
            let tree = source::of(&rubric);
            self.base = Some(Rc::new(rubric));
            self.self_contained = true;
            return Ok(tree);
        }
        let tables = read(name, bytes).map_err(|e| named(name, &e.text()))?;
        let (_, table) = pick(tables).map_err(|e| named(name, &e.text()))?;
        self.drafted_from(&table).map_err(|e| named(name, &e))
    }
}

impl State {
    /// The rubric to compare with: a site rubric as it is, or the first rubric of a rubric
    /// file (checked as the studio checks any file).
    fn compared(&self, start: Start) -> Result<Rc<Rubric>, Text> {
        match start {
            Start::Rubric(r) => Ok(r),
            Start::File { name, bytes } => {
                let mut probe = self.clone();
                let tree = probe.file(&name, &bytes)?;
                let rubric = probe
                    .base
                    .clone()
                    .or_else(|| Doc::new(tree, probe.library()).rubrics.first().cloned());
                rubric.ok_or_else(|| {
                    Text::new(
                        format!("“{name}”有问题，无法用于对比：请先在工作室中打开并修改"),
                        format!("“{name}” has problems and cannot be compared with: open it in the studio and fix it first"),
                    )
                })
            }
            _ => Err(Text::new(
                "只能与评价表或评价表文件对比",
                "only a rubric or a rubric file can be compared with",
            )),
        }
    }
}

/// `text` read as a rubric file's tree; its TOML error, naming `name`, where it is not.
fn parse(text: &str, name: &str) -> Result<Val, Text> {
    source::parse(text).map_err(|e| if name.is_empty() { e } else { named(name, &e) })
}

fn named(name: &str, e: &Text) -> Text {
    Text::new(format!("{name}：{}", e.zh), format!("{name}: {}", e.en))
}

/// The version with its last number raised by one (`2024.1.9` → `2024.1.10`); a version
/// with no number gets `.2` after it.
pub fn bump(version: &str) -> String {
    let digits = version
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    let (head, tail) = version.split_at(version.len() - digits);
    match tail.parse::<u64>() {
        Ok(n) => format!("{head}{}", n + 1),
        Err(_) if version.is_empty() => "1".to_string(),
        Err(_) => format!("{version}.2"),
    }
}

/// What adds the top-level part `k` of the format to a file that lacks it: a list gets its
/// first entry, a table of ids (`fields`, `uses`) an empty table, a single value an empty
/// text; none for no part.
pub fn add_section(k: &str) -> Option<Action> {
    let path = vec![key(k)];
    Some(match k {
        "" => return None,
        k if tree::KEYED.contains(&k) => Action::Set(path, Val::Table(Vec::new())),
        "bonus_cap" | "grades_note" => Action::Set(path, Val::Text(String::new())),
        k if tree::TEXTS.contains(&k) => Action::Add(path, Val::Text(String::new())),
        k => Action::Add(path, tree::template(k)),
    })
}

/// The item's path.
pub fn item_path(index: usize) -> Path {
    vec![key("items"), at(index)]
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let tree = self.doc.as_ref().map(|d| (*d.tree).clone());
        match (action, tree) {
            (Action::Start(start), _) => match self.started(start) {
                Ok(next) => Rc::new(next),
                Err(text) => Rc::new(State {
                    message: Some(text),
                    loading: false,
                    ..(*self).clone()
                }),
            },
            (Action::Set(path, value), Some(mut t)) => {
                if tree::get(&t, &path) == Some(&value) || !tree::set(&mut t, &path, value) {
                    return self;
                }
                Rc::new(self.edited(t, Some(path)))
            }
            (Action::Remove(path), Some(mut t)) => {
                if !tree::remove(&mut t, &path) {
                    return self;
                }
                Rc::new(self.edited(t, None))
            }
            (Action::Add(path, fallback), Some(mut t)) => {
                let new = tree::get(&t, &path)
                    .and_then(|l| l.items().last())
                    .map_or(fallback, tree::blank_like);
                if !tree::push(&mut t, &path, new) {
                    return self;
                }
                Rc::new(self.edited(t, None))
            }
            (Action::AddTerm(item, kind), Some(mut t)) => {
                let mut path = item_path(item);
                if tree::get(&t, &path).is_none() {
                    return self;
                }
                path.push(key("terms"));
                let term = Val::Table(vec![("kind".into(), Val::Text(kind))]);
                if !tree::push(&mut t, &path, term) {
                    return self;
                }
                Rc::new(self.edited(t, None))
            }
            (Action::Reviewed(item), Some(mut t)) => {
                let mut path = item_path(item);
                path.push(key("notes"));
                let Some(notes) = tree::get(&t, &path) else {
                    return self;
                };
                let kept: Vec<Val> = notes
                    .items()
                    .iter()
                    .filter(|n| !n.as_text().is_some_and(|t| t.starts_with(REVIEW)))
                    .cloned()
                    .collect();
                if kept.len() == notes.items().len() {
                    return self;
                }
                if kept.is_empty() {
                    tree::remove(&mut t, &path);
                } else {
                    tree::set(&mut t, &path, Val::List(kept));
                }
                Rc::new(self.edited(t, None))
            }
            (Action::AddCase, Some(mut t)) => {
                let Some(case) = self.new_case() else {
                    return self;
                };
                if !tree::push(&mut t, &[key("cases")], case) {
                    return self;
                }
                Rc::new(self.edited(t, None))
            }
            (Action::CompareWith(start), Some(_)) => match self.compared(start) {
                Ok(base) => Rc::new(State {
                    base: Some(base),
                    message: None,
                    loading: false,
                    ..(*self).clone()
                }),
                Err(text) => Rc::new(State {
                    message: Some(text),
                    loading: false,
                    ..(*self).clone()
                }),
            },
            (Action::BumpVersion, Some(mut t)) => {
                let path = vec![key("rubrics"), at(self.preview), key("version")];
                let Some(old) = tree::get(&t, &path).and_then(Val::as_text) else {
                    return self;
                };
                tree::set(&mut t, &path, Val::Text(bump(&old)));
                Rc::new(self.edited(t, None))
            }
            (Action::Undo, Some(_)) => self.travel(true),
            (Action::Redo, Some(_)) => self.travel(false),
            (Action::Input(field, value), _) => {
                let mut values = (*self.values).clone();
                if matches!(&value, Value::Text(t) if t.trim().is_empty()) {
                    values.remove(&field);
                } else {
                    values.insert(field, value);
                }
                Rc::new(State {
                    values: Rc::new(values),
                    ..(*self).clone()
                })
            }
            (Action::Preview(i), _) => Rc::new(State {
                preview: i,
                ..(*self).clone()
            }),
            (Action::Lang(lang), _) if lang != self.lang => Rc::new(State {
                lang,
                ..(*self).clone()
            }),
            (Action::Index(index), _) => Rc::new(State {
                index,
                ..(*self).clone()
            }),
            (Action::Loading, _) => Rc::new(State {
                loading: true,
                ..(*self).clone()
            }),
            (Action::Failed(text), _) => Rc::new(State {
                message: Some(text),
                loading: false,
                ..(*self).clone()
            }),
            (Action::KeptAside(k), _) => Rc::new(State {
                aside: Some(k),
                aside_unreadable: false,
                ..(*self).clone()
            }),
            (Action::SavedUnreadable(k), _) => Rc::new(State {
                aside: Some(k),
                aside_unreadable: true,
                ..(*self).clone()
            }),
            (Action::Dismiss, _) => Rc::new(State {
                aside: None,
                message: None,
                ..(*self).clone()
            }),
            _ => self,
        }
    }
}

impl State {
    /// Undo (`back`) or redo: the tree taken from one stack, the current one put on the other.
    fn travel(self: Rc<Self>, back: bool) -> Rc<Self> {
        let mut next = (*self).clone();
        let (from, to) = if back {
            (&mut next.undo, &mut next.redo)
        } else {
            (&mut next.redo, &mut next.undo)
        };
        let (Some(tree), Some(doc)) = (from.pop(), &self.doc) else {
            return self;
        };
        to.push(Rc::clone(&doc.tree));
        next.doc = Some(self.open((*tree).clone()));
        next.last_edit = None;
        Rc::new(next)
    }

    /// A worked example of the preview's figures: its name, the rubric it is for where the
    /// file defines several, the figures as typed, and the expected total left blank for the
    /// official to work out from the document (never the program's own score).
    fn new_case(&self) -> Option<Val> {
        let rubric = self.rubric()?;
        let doc = self.doc.as_ref()?;
        let n = doc.cases().len() + 1;
        let mut pairs = vec![
            ("name".to_string(), Val::Text(format!("示例 {n}"))),
            ("clause".to_string(), Val::Text(String::new())),
        ];
        if doc.rubrics.len() > 1 {
            pairs.push(("rubric".into(), Val::Text(rubric.id().to_string())));
        }
        let inputs = self
            .values
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), value_val(v)?)))
            .collect();
        pairs.push(("inputs".into(), Val::Table(inputs)));
        pairs.push((
            "expect".into(),
            Val::Table(vec![
                ("items".into(), Val::Table(Vec::new())),
                ("total".into(), Val::Text(String::new())),
            ]),
        ));
        Some(Val::Table(pairs))
    }
}

/// A figure as a worked example writes it.
fn value_val(v: &Value) -> Option<Val> {
    match v {
        Value::Text(t) if t.trim().is_empty() => None,
        Value::Text(t) => Some(Val::Text(t.clone())),
        Value::Bool(b) => Some(Val::Bool(*b)),
        Value::List(l) => Some(Val::List(l.iter().map(|s| Val::Text(s.clone())).collect())),
    }
}
