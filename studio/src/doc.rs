//! The document being edited, checked: its tree, its text as the file is written, the
//! checker's problems, the rubrics it defines (for the preview) and how each worked example
//! fares. Made again from the tree on every change ([`Doc::new`]): the checker is the same
//! one `spacescore check` runs, so what the studio says of a file is what the command says.

use std::rc::Rc;

use spacescore_core::check::{check_source, Library, Problem};
use spacescore_core::rubric::source::{render, Val};
use spacescore_core::text::quote_short;
use spacescore_core::Rubric;

/// The file name problems are reported under.
pub const FILE: &str = "studio.toml";

/// The mark the drafter writes before a note that asks an official to review an item.
pub const REVIEW: &str = "待核对";

/// A document and what the checker says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The file as a tree.
    pub tree: Rc<Val>,
    /// The file's text (`source::render`): deterministic, what the TOML export writes.
    pub text: Rc<str>,
    /// Every problem of the whole file, its worked examples included.
    pub problems: Rc<Vec<Problem>>,
    /// The rubrics the file defines, read without its worked examples (so that an example
    /// that fails does not take the preview away); empty while the rest has problems.
    pub rubrics: Rc<Vec<Rc<Rubric>>>,
}

/// How one worked example fares.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The rules give what it says.
    Pass,
    /// What differs or is wrong, the checker's own messages.
    Fail(Vec<Problem>),
    /// The rubric has problems of its own, so the example cannot be scored.
    NotRun,
}

impl Doc {
    /// Checks `tree`.
    pub fn new(tree: Val, library: &Library) -> Doc {
        let text: Rc<str> = render(&tree).into();
        let (problems, rubrics) = match check_source(FILE, &text, library) {
            Ok(rubrics) => (Vec::new(), rubrics),
            Err(p) => {
                let problems = p.list().to_vec();
                // Read again without the worked examples: the rules may be fine.
                let mut bare = tree.clone();
                let rubrics = match bare.remove("cases") {
                    Some(_) => check_source(FILE, &render(&bare), library).unwrap_or_default(),
                    None => Vec::new(),
                };
                (problems, rubrics)
            }
        };
        Doc {
            tree: Rc::new(tree),
            text,
            problems: Rc::new(problems),
            rubrics: Rc::new(rubrics.into_iter().map(Rc::new).collect()),
        }
    }

    /// The problems whose place is within `place` (as the checker names it in English:
    /// `item item-3`, `group group-1`, `worked example 2`), that place and what is under it.
    pub fn problems_at(&self, place: &str) -> Vec<&Problem> {
        self.problems
            .iter()
            .filter(|p| within(&p.place.en, place))
            .collect()
    }

    /// The problems that belong to no item, group or worked example: shown at the top.
    pub fn general_problems(&self) -> Vec<&Problem> {
        self.problems
            .iter()
            .filter(|p| {
                let en = &p.place.en;
                !(en.starts_with("item ")
                    || en.starts_with("group ")
                    || en.starts_with("worked example "))
            })
            .collect()
    }

    /// The worked examples (`[[cases]]`).
    pub fn cases(&self) -> &[Val] {
        self.tree.get("cases").map_or(&[], Val::items)
    }

    /// How the worked example at `index` fares.
    pub fn outcome(&self, index: usize) -> Outcome {
        if self.rubrics.is_empty() {
            return Outcome::NotRun;
        }
        let name = self
            .cases()
            .get(index)
            .and_then(|c| c.get("name"))
            .and_then(Val::as_text)
            .unwrap_or_default();
        let by_number = format!("worked example {}", index + 1);
        let by_name = format!("worked example “{}”", quote_short(&name));
        let mine: Vec<Problem> = self
            .problems
            .iter()
            .filter(|p| within(&p.place.en, &by_number) || within(&p.place.en, &by_name))
            .cloned()
            .collect();
        if mine.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail(mine)
        }
    }

    /// The items (`[[items]]`).
    pub fn items(&self) -> &[Val] {
        self.tree.get("items").map_or(&[], Val::items)
    }

    /// The indices of the items an official has yet to review: those with a note the
    /// drafter marked “待核对”.
    pub fn flagged(&self) -> Vec<usize> {
        self.items()
            .iter()
            .enumerate()
            .filter(|(_, item)| is_flagged(item))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Whether an item carries a note asking for review.
pub fn is_flagged(item: &Val) -> bool {
    item.get("notes")
        .map(Val::items)
        .unwrap_or_default()
        .iter()
        .any(|n| n.as_text().is_some_and(|t| t.starts_with(REVIEW)))
}

/// Whether `place` is `at` or a place under it (`item a, term 1` is under `item a`, not
/// under `item a-2`).
fn within(place: &str, at: &str) -> bool {
    place == at
        || place
            .strip_prefix(at)
            .is_some_and(|rest| rest.starts_with(','))
}
