//! A place in a rubric file's tree and the edits the studio makes there. The document is a
//! [`Val`] (`spacescore_core::rubric::source`): every form field of the studio is a path to
//! one value of it, and every change is one of these functions, so an edit never touches
//! anything but the value it names.

use spacescore_core::rubric::source::Val;

/// One step into a value: a key of a table or an entry of a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// A key of a table.
    Key(String),
    /// An entry of a list, from 0.
    At(usize),
}

/// A place in the tree, from its root.
pub type Path = Vec<Step>;

/// A key of a table, as a step of a [`Path`].
pub fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

/// An entry of a list.
pub fn at(i: usize) -> Step {
    Step::At(i)
}

/// The value at `path`.
pub fn get<'v>(root: &'v Val, path: &[Step]) -> Option<&'v Val> {
    path.iter().try_fold(root, |v, s| match s {
        Step::Key(k) => v.get(k),
        Step::At(i) => v.items().get(*i),
    })
}

/// The value at `path`, to change it.
fn get_mut<'v>(root: &'v mut Val, path: &[Step]) -> Option<&'v mut Val> {
    path.iter().try_fold(root, |v, s| match s {
        Step::Key(k) => v.get_mut(k),
        Step::At(i) => match v {
            Val::List(items) => items.get_mut(*i),
            _ => None,
        },
    })
}

/// Sets the value at `path` (a key that is missing is added to its table); whether the
/// place exists.
pub fn set(root: &mut Val, path: &[Step], value: Val) -> bool {
    let Some((last, parent)) = path.split_last() else {
        *root = value;
        return true;
    };
    let Some(parent) = get_mut(root, parent) else {
        return false;
    };
    match (last, parent) {
        (Step::Key(k), p @ Val::Table(_)) => {
            p.set(k, value);
            true
        }
        (Step::At(i), Val::List(items)) => match items.get_mut(*i) {
            Some(v) => {
                *v = value;
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// Removes the value at `path` (a key from its table, an entry from its list); whether
/// there was one.
pub fn remove(root: &mut Val, path: &[Step]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    let Some(parent) = get_mut(root, parent) else {
        return false;
    };
    match (last, parent) {
        (Step::Key(k), p) => p.remove(k).is_some(),
        (Step::At(i), Val::List(items)) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

/// Appends `value` to the list at `path`, making the list where the key is missing; whether
/// it was added.
pub fn push(root: &mut Val, path: &[Step], value: Val) -> bool {
    if get(root, path).is_none() && !set(root, path, Val::List(Vec::new())) {
        return false;
    }
    match get_mut(root, path) {
        Some(Val::List(items)) => {
            items.push(value);
            true
        }
        _ => false,
    }
}

/// A new entry shaped like `like`: the same keys, texts emptied, a term's `kind` kept, lists
/// emptied; what a person fills in.
pub fn blank_like(like: &Val) -> Val {
    match like {
        Val::Table(pairs) => Val::Table(
            pairs
                .iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("kind", v) => v.clone(),
                        (_, Val::Table(_)) => blank_like(v),
                        (_, Val::List(_)) => Val::List(Vec::new()),
                        (_, Val::Bool(b)) => Val::Bool(*b),
                        _ => Val::Text(String::new()),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Val::List(_) => Val::List(Vec::new()),
        _ => Val::Text(String::new()),
    }
}

/// What a person typed into the field of a value like `old`: a whole number stays one where
/// it reads as one, yes/no stays yes/no; anything else is text (a rubric file writes decimals
/// as text), which the checker then reads and, where it is wrong, names.
pub fn typed(old: Option<&Val>, text: &str) -> Val {
    match old {
        Some(Val::Int(_)) => text
            .trim()
            .parse::<i64>()
            .map_or_else(|_| Val::Text(text.to_string()), Val::Int),
        _ => Val::Text(text.to_string()),
    }
}

/// The path as a DOM id: `e-items-3-terms-0-every` (a key's characters other than ascii
/// letters, digits, `-` and `_` are written as their code).
pub fn dom_id(path: &[Step]) -> String {
    let mut out = String::from("e");
    for s in path {
        out.push('-');
        match s {
            Step::At(i) => out.push_str(&i.to_string()),
            Step::Key(k) => {
                for c in k.chars() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        out.push(c);
                    } else {
                        out.push_str(&format!("x{:x}", u32::from(c)));
                    }
                }
            }
        }
    }
    out
}

/// The section a table at `path` belongs to, as the rubric file writer orders its keys:
/// `""` for the top level, else the last key of the path (`items` for `items[3]`).
pub fn section(path: &[Step]) -> &str {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::At(_) => None,
        })
        .unwrap_or("")
}

/// The sections of a rubric file whose entries are tables keyed by id (`[fields.<id>]`).
pub const KEYED: &[&str] = &["fields", "uses"];

/// The sections of a rubric file that are lists of texts.
pub const TEXTS: &[&str] = &["notes", "grade_names"];

/// A new, empty entry of `section`: a table of the keys the writer orders for it, each
/// empty, for the official to fill in or remove (the checker names what is missing or
/// wrong); a text for a list of texts.
pub fn template(section: &str) -> Val {
    if TEXTS.contains(&section) {
        return Val::Text(String::new());
    }
    let keys = spacescore_core::rubric::source::order(section);
    Val::Table(
        keys.iter()
            .map(|k| ((*k).to_string(), Val::Text(String::new())))
            .collect(),
    )
}
