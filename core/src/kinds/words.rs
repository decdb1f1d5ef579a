//! Reading a rule's wording, for drafting a rubric file from a document's table: the
//! clauses of a cell, and the phrases the kinds' drafting hooks are built from (numbers,
//! units, points, comparisons, maxima).
//!
//! A document states a rule in one cell: “大于50万得5分，每增加50万加1分，最高10分”.
//! [`clauses`] splits it where the document pauses (，；。), reads a bracketed rule as
//! clauses of the words it follows (“当年获备案的科技型中小企业数（每个2分，最高4分）”), and
//! normalises each clause for matching: ASCII digits, signs and brackets where the cell has
//! full-width ones, no spaces or line breaks, and a number in Chinese before a unit in
//! digits (“每一项” reads as “每1项”). Each kind's hook ([`super::KindInfo::draft`]) looks at
//! the clauses not yet read ([`Words`]) and says which it reads, as which term, with which
//! fields ([`Drafted`]). It never guesses a number the words do not give.
//!
//! ```
//! use spacescore_core::kinds::words::clauses;
//!
//! let c = clauses("在孵企业占比（达到20%得5分，每增加10%加1分，最高10分）");
//! let norms: Vec<&str> = c.iter().map(|c| c.norm.as_str()).collect();
//! assert_eq!(norms, ["在孵企业占比", "达到20%得5分", "每增加10%加1分", "最高10分"]);
//! assert_eq!(c[1].subject, "在孵企业占比");
//! ```

use rust_decimal::Decimal;

use super::{Rule, Term};
use crate::quantity::Op;
use crate::text::{fmt_dec, Text};

/// One clause of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The words as the cell has them.
    pub text: String,
    /// The same, normalised for matching.
    pub norm: String,
    /// What a bracketed rule is attached to (“当年获备案的科技型中小企业数” for the clauses of
    /// its “（每个2分，最高4分）”), normalised; empty for a clause outside brackets.
    pub subject: String,
}

/// What a field drafted from the words holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A whole number of things (个, 人, 家, 场次…).
    Count,
    /// An amount (万元, 平方米…).
    Amount,
    /// A percentage.
    Percent,
    /// A yes/no question.
    YesNo,
    /// One of several levels, by name (国家级, 省级…).
    OneOf(Vec<String>),
}

/// A field a drafted term reads, named from the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDraft {
    /// Its name, from the document's words.
    pub name: String,
    /// Its unit (empty for a percentage, a yes/no question or a level).
    pub unit: String,
    /// What it holds.
    pub shape: Shape,
    /// Whether it is not the applicant's to change (a target: “目标数”).
    pub given: bool,
}

/// What one kind's hook read: its terms, the fields they read, the clauses it read and as
/// what, and anything an official should look at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drafted {
    /// The terms. A field is named by its place in [`Drafted::fields`] ([`slot`]): `@0`,
    /// `@1`…; the drafter gives each its id.
    pub terms: Vec<Term>,
    /// The fields the terms read.
    pub fields: Vec<FieldDraft>,
    /// The clauses read, by index, each with what it was read as.
    pub read: Vec<(usize, Text)>,
    /// Why the reading needs an official's look, if it does.
    pub review: Vec<Text>,
}

impl Drafted {
    /// A field for the terms: its slot (`@0`…), the same slot for the same field.
    pub fn field(&mut self, f: FieldDraft) -> String {
        let at = match self.fields.iter().position(|g| *g == f) {
            Some(i) => i,
            None => {
                self.fields.push(f);
                self.fields.len() - 1
            }
        };
        slot(at)
    }

    /// Reads clause `i` as `zh` / `en`.
    pub fn read(&mut self, i: usize, zh: impl Into<String>, en: impl Into<String>) {
        self.read.push((i, Text::new(zh, en)));
    }

    /// Adds a term of `rule`, with no label, cap or precondition.
    pub fn term(&mut self, rule: Rule) {
        self.terms.push(Term {
            label: None,
            rule,
            cap: None,
            requires: None,
        });
    }

    /// The clauses read, by index, in order.
    pub fn claimed(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self.read.iter().map(|r| r.0).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The name a drafted term gives its `i`-th field.
pub fn slot(i: usize) -> String {
    format!("@{i}")
}

/// Which field a name from [`slot`] stands for.
pub fn slot_index(s: &str) -> Option<usize> {
    s.strip_prefix('@')?.parse().ok()
}

/// What a kind's hook is shown: a rule's clauses, which are still to read, and the item.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// Every clause of the rule.
    pub clauses: &'a [Clause],
    /// Which clauses another hook has read already.
    pub taken: &'a [bool],
    /// The item's name (what a field is called when the words name nothing).
    pub name: &'a str,
    /// The item's maximum (the smallest, where the table gives several).
    pub max: Option<Decimal>,
    /// What the terms read so far leave of the maximum (none when one has no ceiling).
    pub rest: Option<Decimal>,
    /// What was read so far, in order.
    pub drafted: &'a [Drafted],
}

impl<'a> Words<'a> {
    /// Clause `i`, if it is still to read.
    pub fn free(&self, i: usize) -> Option<&'a Clause> {
        match self.taken.get(i) {
            Some(false) => self.clauses.get(i),
            _ => None,
        }
    }

    /// The clauses still to read, with their indices, in order.
    pub fn frees(&self) -> impl Iterator<Item = (usize, &'a Clause)> + '_ {
        (0..self.clauses.len()).filter_map(move |i| self.free(i).map(|c| (i, c)))
    }

    /// What a field of this clause is called: the first of `names` that says something,
    /// else the words the clause is attached to, else the item's name.
    pub fn name_for(&self, c: &Clause, names: &[&str]) -> String {
        names
            .iter()
            .map(|n| clean(n))
            .chain([clean(&c.subject), clean(self.name)])
            .find(|n| !n.is_empty() && !n.chars().any(|c| c.is_ascii_digit()))
            .unwrap_or_else(|| self.name.to_string())
    }
}

mod clauses;
mod phrases;

pub use clauses::{clauses, scoring};
use phrases::AMOUNTS;
pub use phrases::{
    bare_points, compare, highest_marker, increment, max_clause, number, number_unit, op_after,
    op_before, points_tail, self_marker, stepped, threshold, unit, Compare, Increment, Stepped,
    Threshold,
};

/// Verbs that open a clause before what it compares (“拥有不低于5人的…”).
const LEADING: &[&str] = &[
    "拥有", "具有", "具备", "配备", "配有", "其中", "以及", "并且",
];

/// Words with what is not a name trimmed: opening verbs and conjunctions, a closing 的,
/// punctuation at either end.
pub fn clean(s: &str) -> String {
    let mut s = s.trim_matches(|c: char| c.is_ascii_punctuation() || "，；。：、".contains(c));
    loop {
        let before = s;
        for w in LEADING {
            s = s.strip_prefix(w).unwrap_or(s);
        }
        s = s.trim_end_matches('的');
        if s == before {
            break;
        }
    }
    s.to_string()
}

/// A field named `name` measured in `unit`: an amount for money and area, a percentage for
/// % and 百分点, else a count (of 个 where no unit is given).
pub fn field(name: &str, unit: Option<&str>) -> FieldDraft {
    let unit = unit.unwrap_or("个");
    let shape = if AMOUNTS.contains(&unit) {
        Shape::Amount
    } else if matches!(unit, "%" | "百分点") {
        Shape::Percent
    } else {
        Shape::Count
    };
    let unit = if shape == Shape::Percent { "" } else { unit };
    FieldDraft {
        name: name.to_string(),
        unit: unit.to_string(),
        shape,
        given: false,
    }
}

/// A yes/no field asking `question`.
pub fn question(question: &str) -> FieldDraft {
    FieldDraft {
        name: question.to_string(),
        unit: String::new(),
        shape: Shape::YesNo,
        given: false,
    }
}

/// The id of a level drafted as the `k`-th option of a single choice.
pub fn option_id(k: usize) -> String {
    format!("o{}", k + 1)
}

/// A sentence part: “5 分” / “5 points”.
pub fn pts(p: Decimal) -> (String, String) {
    let p = fmt_dec(p);
    let en = if p == "1" {
        "1 point".into()
    } else {
        format!("{p} points")
    };
    (format!("{p} 分"), en)
}

/// How a comparison reads, in Chinese and English (“≥ 5 人”).
pub fn compared(op: Op, value: Decimal, unit: Option<&str>) -> String {
    let unit = match unit {
        Some("%") => "%".to_string(),
        Some(u) => format!(" {u}"),
        None => String::new(),
    };
    format!("{} {}{unit}", op.sign(), fmt_dec(value))
}
