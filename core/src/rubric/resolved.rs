//! A rubric's field references resolved to positions, once per rubric.
//!
//! Terms, vetoes, checks and figures name their fields by id. The engine reads a space's
//! inputs into one slot per field and finds figures there by position: resolving every id
//! here, once, makes each look-up while scoring an index instead of a search among strings
//! (a fifth of a batch's time before). It is built the first time the rubric is scored
//! and kept with it ([`super::Rubric::resolved`]); the compiled form does not change.
//!
//! Positions: the rubric's fields in id order (position `i` is the `i`-th of
//! [`super::Rubric::fields`]), then any id that names no field (there is none in a checked
//! rubric, but a compiled one is not checked again), which always reads as missing.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::{Consistency, FieldKind, Op, Rubric, Trigger};
use crate::input::FieldRules;
use crate::kinds::Reads;

/// A value computed once and kept beside the data it is computed from. It takes no part in
/// comparing rubrics (two equal rubrics are equal whether or not either has computed it)
/// and is not written to the compiled form.
#[derive(Clone)]
pub(crate) struct Cached<T>(OnceLock<T>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(OnceLock::new())
    }
}

impl<T> Cached<T> {
    /// The value, computed by `f` the first time.
    pub(crate) fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }
}

impl<T> PartialEq for Cached<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Cached<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cached")
    }
}

/// A quantity with its fields as positions ([`super::Quantity`] by id).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Quantity {
    Field(usize),
    Sum(Vec<usize>),
    Percent {
        numerator: Vec<usize>,
        denominator: Vec<usize>,
    },
    Ratio {
        numerator: Vec<usize>,
        denominator: Vec<usize>,
    },
    Growth {
        current: usize,
        previous: usize,
    },
    Difference {
        plus: Vec<usize>,
        minus: Vec<usize>,
    },
}

/// What a term reads, by position, beside the [`super::Term`] that says what to do with it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Term {
    /// The quantities the rule measures, in the rule's order: the one quantity of `bands`,
    /// `per`, `step` and `linear`; each rate of `weighted` and `deduct`; each comparison of
    /// `condition`; each option of `highest` (a field). Empty for the rest.
    pub(crate) quantities: Vec<Quantity>,
    /// The one field of `flag`, `self` and `choice`.
    pub(crate) field: Option<usize>,
    /// The field that must be answered yes.
    pub(crate) requires: Option<usize>,
}

/// What an item reads, by position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// Its inputs ([`super::Item::inputs`]).
    pub(crate) inputs: Vec<usize>,
    /// Its terms, in order.
    pub(crate) terms: Vec<Term>,
    /// Its figures' quantities, in order.
    pub(crate) figures: Vec<Quantity>,
}

/// A consistency rule, by position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Check {
    pub(crate) left: Quantity,
    pub(crate) right: Quantity,
    pub(crate) when: Option<Quantity>,
    /// For a rule `a ≤ c` between two fields: every field `b` with rules `a ≤ b` and
    /// `b ≤ c`. While one of them is filled in, this rule keeps quiet (see `score::implied`).
    pub(crate) via: Vec<usize>,
    /// The fields of both sides, by id, as a warning lists them.
    pub(crate) fields: Vec<String>,
}

/// A rubric's references, resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    /// The id at each position.
    pub(crate) ids: Vec<String>,
    /// How many positions are fields of the rubric (the first ones).
    fields: usize,
    /// Whether the figure at each position can never be negative (a field of a kind other
    /// than a signed amount).
    pub(crate) non_negative: Vec<bool>,
    /// Each position's place in the form (errors are listed in form order).
    pub(crate) rank: Vec<usize>,
    /// What reading an input needs to know of each field, by position (the rubric's
    /// fields only): worked out here once rather than for every cell of a batch.
    pub(crate) readers: Vec<FieldRules>,
    /// The fields the score needs ([`Rubric::required_fields`]).
    pub(crate) required: Vec<usize>,
    /// Each item's references, in the rubric's order.
    pub(crate) items: Vec<Item>,
    /// The items of each group, by index, in the rubric's order.
    pub(crate) groups: Vec<Vec<usize>>,
    /// Each veto's trigger.
    pub(crate) vetoes: Vec<Veto>,
    /// Each limit's yes/no field.
    pub(crate) limits: Vec<usize>,
    /// Each consistency rule.
    pub(crate) checks: Vec<Check>,
    /// The rubric's own figures' quantities.
    pub(crate) figures: Vec<Quantity>,
}

/// What sets off a veto, by position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Veto {
    Flag(usize),
    Compare(Quantity),
}

impl Resolved {
    /// Resolves every reference of `rubric`.
    pub(crate) fn new(rubric: &Rubric) -> Resolved {
        let mut r = Resolved {
            ids: rubric.fields().keys().cloned().collect(),
            fields: rubric.fields().len(),
            non_negative: rubric
                .fields()
                .values()
                .map(|f| *f.kind() != FieldKind::SignedAmount)
                .collect(),
            rank: Vec::new(),
            readers: rubric.fields().values().map(FieldRules::new).collect(),
            required: Vec::new(),
            items: Vec::new(),
            groups: Vec::new(),
            vetoes: Vec::new(),
            limits: Vec::new(),
            checks: Vec::new(),
            figures: Vec::new(),
        };
        // Ids that name no field get positions of their own first, so that everything
        // below resolves without adding any.
        let required = rubric.find_required_fields();
        let mut all: Vec<&str> = required.clone();
        for item in rubric.items() {
            all.extend(item.aids().iter().map(String::as_str));
            for f in item.figures() {
                all.extend(f.quantity().fields());
            }
        }
        for c in rubric.consistency() {
            all.extend(c.left().fields());
            all.extend(c.right().fields());
            if let Some(w) = c.when() {
                all.extend(w.quantity.fields());
            }
        }
        for f in rubric.figures() {
            all.extend(f.quantity().fields());
        }
        for id in all {
            if r.position(id).is_none() {
                r.ids.push(id.to_string());
                r.non_negative.push(false);
            }
        }

        r.required = required.into_iter().map(|id| r.at(id)).collect();
        // Form order: what the score needs, then the aids, then the rest.
        let mut rank = vec![usize::MAX; r.ids.len()];
        let order = r.required.clone().into_iter().chain(
            rubric
                .items()
                .iter()
                .flat_map(|i| i.aids().iter().map(|a| r.at(a)))
                .chain(0..r.fields)
                .collect::<Vec<_>>(),
        );
        let mut next = 0;
        for p in order {
            if let Some(slot) = rank.get_mut(p) {
                if *slot == usize::MAX {
                    *slot = next;
                    next += 1;
                }
            }
        }
        r.rank = rank;
        r.items = rubric.items().iter().map(|i| r.item(i)).collect();
        r.groups = rubric
            .groups()
            .iter()
            .map(|g| {
                rubric
                    .items()
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.group() == g.id())
                    .map(|(k, _)| k)
                    .collect()
            })
            .collect();
        r.vetoes = rubric
            .vetoes()
            .iter()
            .map(|v| r.trigger(v.trigger()))
            .collect();
        r.limits = rubric.limits().iter().map(|l| r.at(l.flag())).collect();
        r.checks = rubric
            .consistency()
            .iter()
            .map(|c| Check {
                left: r.quantity(c.left()),
                right: r.quantity(c.right()),
                when: c.when().map(|w| r.quantity(&w.quantity)),
                via: via(rubric.consistency(), c)
                    .into_iter()
                    .map(|b| r.at(b))
                    .collect(),
                fields: c
                    .left()
                    .fields()
                    .into_iter()
                    .chain(c.right().fields())
                    .map(str::to_string)
                    .collect(),
            })
            .collect();
        r.figures = rubric
            .figures()
            .iter()
            .map(|f| r.quantity(f.quantity()))
            .collect();
        r
    }

    /// The position of `id`, if the rubric refers to it.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        let fields = self.ids.get(..self.fields).unwrap_or_default();
        match fields.binary_search_by(|f| f.as_str().cmp(id)) {
            Ok(p) => Some(p),
            Err(_) => self
                .ids
                .iter()
                .skip(self.fields)
                .position(|f| f == id)
                .map(|p| p + self.fields),
        }
    }

    /// The position of `id`, or [`Resolved::nowhere`] for an id the rubric never refers to.
    pub(crate) fn at(&self, id: &str) -> usize {
        self.position(id).unwrap_or(self.nowhere())
    }

    /// A position that holds nothing and always reads as missing: one past the last.
    pub(crate) fn nowhere(&self) -> usize {
        self.ids.len()
    }

    /// The id at position `p`.
    pub(crate) fn id(&self, p: usize) -> &str {
        self.ids.get(p).map_or("", String::as_str)
    }

    /// `q` by position.
    pub(crate) fn quantity(&self, q: &super::Quantity) -> Quantity {
        let all = |ids: &[String]| ids.iter().map(|i| self.at(i)).collect::<Vec<_>>();
        match q {
            super::Quantity::Field(f) => Quantity::Field(self.at(f)),
            super::Quantity::Sum(fs) => Quantity::Sum(all(fs)),
            super::Quantity::Percent {
                numerator,
                denominator,
            } => Quantity::Percent {
                numerator: all(numerator),
                denominator: all(denominator),
            },
            super::Quantity::Ratio {
                numerator,
                denominator,
            } => Quantity::Ratio {
                numerator: all(numerator),
                denominator: all(denominator),
            },
            super::Quantity::Growth { current, previous } => Quantity::Growth {
                current: self.at(current),
                previous: self.at(previous),
            },
            super::Quantity::Difference { plus, minus } => Quantity::Difference {
                plus: all(plus),
                minus: all(minus),
            },
        }
    }

    /// `t` by position.
    pub(crate) fn term(&self, t: &super::Term) -> Term {
        let quantities = match t.rule.reads() {
            Reads::Field => Vec::new(),
            Reads::Quantities(qs) => qs.into_iter().map(|q| self.quantity(q)).collect(),
            Reads::Fields(fs) => fs
                .into_iter()
                .map(|f| Quantity::Field(self.at(f)))
                .collect(),
        };
        let field = t.rule.field().map(|f| self.at(f));
        Term {
            quantities,
            field,
            requires: t.requires.as_deref().map(|f| self.at(f)),
        }
    }

    /// `item` by position.
    pub(crate) fn item(&self, item: &super::Item) -> Item {
        Item {
            inputs: item.inputs().into_iter().map(|f| self.at(f)).collect(),
            terms: item.terms().iter().map(|t| self.term(t)).collect(),
            figures: item
                .figures()
                .iter()
                .map(|f| self.quantity(f.quantity()))
                .collect(),
        }
    }

    /// The resolved form of `item`, one of `rubric`'s items (found by identity, not by id:
    /// no strings are compared), or resolved now if it is not one of them.
    pub(crate) fn item_of<'s>(&'s self, rubric: &Rubric, item: &super::Item) -> Cow<'s, Item> {
        rubric
            .items()
            .iter()
            .position(|i| std::ptr::eq(i, item))
            .and_then(|k| self.items.get(k))
            .map_or_else(|| Cow::Owned(self.item(item)), Cow::Borrowed)
    }

    /// The trigger of `veto`, one of `rubric`'s vetoes (found by identity), by position;
    /// resolved now if it is not one of them.
    pub(crate) fn veto_of<'s>(&'s self, rubric: &Rubric, veto: &super::Veto) -> Cow<'s, Veto> {
        rubric
            .vetoes()
            .iter()
            .position(|v| std::ptr::eq(v, veto))
            .and_then(|k| self.vetoes.get(k))
            .map_or_else(|| Cow::Owned(self.trigger(veto.trigger())), Cow::Borrowed)
    }

    /// A veto's trigger by position.
    pub(crate) fn trigger(&self, t: &Trigger) -> Veto {
        match t {
            Trigger::Flag(f) => Veto::Flag(self.at(f)),
            Trigger::Compare(c) => Veto::Compare(self.quantity(&c.quantity)),
        }
    }
}

/// For a rule `a ≤ c` between two fields (no condition): every `b` with rules `a ≤ b` and
/// `b ≤ c` (`b` other than `c`), as `score::implied` asks.
fn via<'r>(rules: &'r [Consistency], c: &Consistency) -> Vec<&'r str> {
    let pair = |r: &'r Consistency| match (r.left(), r.op(), r.right(), r.when()) {
        (super::Quantity::Field(a), Op::Le, super::Quantity::Field(b), None) => {
            Some((a.as_str(), b.as_str()))
        }
        _ => None,
    };
    let own = match (c.left(), c.op(), c.right(), c.when()) {
        (super::Quantity::Field(a), Op::Le, super::Quantity::Field(b), None) => {
            (a.as_str(), b.as_str())
        }
        _ => return Vec::new(),
    };
    let (a, last) = own;
    let pairs: Vec<(&str, &str)> = rules.iter().filter_map(pair).collect();
    pairs
        .iter()
        .filter(|(from, b)| {
            *from == a && *b != last && pairs.iter().any(|(x, to)| x == b && *to == last)
        })
        .map(|(_, b)| *b)
        .collect()
}
