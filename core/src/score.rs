//! The engine: a rubric and inputs in, a [`Report`] out.
//!
//! Every rule is evaluated in exact decimal arithmetic. A missing input counts as zero
//! and is listed; an input that cannot be read is reported against its field, its item
//! shows no score, and everything else still scores.
//!
//! The reader's questions live apart: what a report holds (`score/report.rs`), how a
//! figure is measured (`score/measure.rs`) and how the sentences are built
//! (`score/explain.rs`). Evaluating a term gives its points and what decided them (a
//! [`Part`]); the explanation is written from that only when asked for, so a batch of a
//! district's filings ([`Detail::Scores`]) skips the text.

mod explain;
pub(crate) mod measure;
mod report;
mod scorer;

/// Wording the advisor shares with the explanations.
pub(crate) use explain::{
    band_en, band_zh, per_en, per_zh, per_zh_more, pts_en, spaced, unit_for, unit_suffix,
};

use rust_decimal::Decimal;

pub use report::{FigureValue, GroupScore, ItemScore, Report, ScoreOutput, Warning};
pub use scorer::Scorer;

use crate::input::{Inputs, Reading};
use crate::rubric::resolved;
use crate::rubric::rule::compare;
use crate::rubric::{Comparison, Consistency, Item, Method, Op, Rubric, Rule, Term, Trigger, Veto};
use crate::text::Lang;
use measure::{Env, Slot};

/// How much a report says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Scores with every item's explanation in both languages (the page, `score`).
    #[default]
    Explained,
    /// Scores only: explanations are left empty (batch scoring, where nobody reads them).
    Scores,
}

/// Scores `inputs` under `rubric`, with explanations.
///
/// # Example
/// ```
/// use spacescore_core::{score, Inputs};
/// let catalog = spacescore_builtin::catalog();
/// let rubric = catalog.rubric("xinxiang/comprehensive").unwrap();
/// let mut inputs = Inputs::new();
/// inputs.insert("incubation_fund".into(), "180".into());
/// let report = score(rubric, &inputs);
/// let item = report.item("incubation-fund").unwrap();
/// assert_eq!(item.score, Some(7.into()));
/// assert!(item.explanation.contains("180 万元"));
/// ```
pub fn score(rubric: &Rubric, inputs: &Inputs) -> Report {
    score_with(rubric, inputs, Detail::Explained)
}

/// Scores `inputs` under `rubric`, saying as much as `detail` asks. The numbers are the
/// same whatever the detail.
pub fn score_with(rubric: &Rubric, inputs: &Inputs, detail: Detail) -> Report {
    report(&Env::new(rubric, inputs), detail)
}

/// The report of inputs already read into `env` (the advisor reads them once for both).
pub(crate) fn report(env: &Env<'_>, detail: Detail) -> Report {
    let mut out = Report::empty();
    write_report(env, detail, &mut out, &mut Room::default(), false);
    out
}

/// Room one report's scoring uses and the next one's can reuse: a [`Scorer`] keeps it from
/// space to space, so that a batch does not allocate it anew for each.
#[derive(Debug, Default)]
pub(crate) struct Room {
    /// One item's parts, reused from item to item.
    parts: Vec<Part>,
    /// Warnings a report held beyond what the next one needs, kept with their strings for
    /// a later report that has more. Random figures break a different number of
    /// consistency rules from one space to the next (Shanxi's form: a dozen or so), and
    /// dropping the extra warnings and allocating them again cost it some 4% of its
    /// instructions.
    warnings: Vec<Warning>,
}

/// Writes the report of the inputs read into `env` over `out`, reusing what `out` holds
/// (its strings and lists keep their allocations, and an id already there is not written
/// again), so that scoring one space after another under one rubric allocates next to
/// nothing. What `out` holds afterwards is exactly the report [`report`] gives. `room` is
/// what scoring uses besides, reused from report to report. `known`: `out` is a report of this
/// rubric already, so the ids and names it holds are the rubric's and are not compared
/// again.
pub(crate) fn write_report(
    env: &Env<'_>,
    detail: Detail,
    out: &mut Report,
    room: &mut Room,
    known: bool,
) {
    let rubric = env.rubric;
    let parts = &mut room.parts;
    let at = env.at;
    // Warnings that a part waits for a yes it did not get, found while scoring the items
    // (from the parts evaluated there) and listed after the consistency warnings.
    let mut blocked = Vec::new();
    let items = rubric.items().iter().zip(&at.items);
    refill(&mut out.items, items, |(i, r), o| {
        item(env, i, r, detail, &mut blocked, parts, known, o)
    });

    let groups = rubric.groups().iter().zip(&at.groups);
    let scores = &out.items;
    refill(&mut out.groups, groups, |(g, members), o| {
        if !known {
            set(&mut o.id, g.id());
            set(&mut o.name, &g.name().zh);
        }
        o.score = add_up(
            members
                .iter()
                .filter_map(|k| scores.get(*k).and_then(|i| i.score)),
        );
        o.max = g.max();
        o.bonus = g.bonus();
    });
    let scored = rubric.method() != Method::Form;
    let base: Decimal = out
        .groups
        .iter()
        .filter(|g| !g.bonus)
        .map(|g| g.score)
        .sum();
    let bonus_sum: Decimal = out.groups.iter().filter(|g| g.bonus).map(|g| g.score).sum();
    let bonus = bonus_sum.min(rubric.bonus_max());
    let bonus_capped = bonus_sum > bonus;
    let total = base + bonus;

    // Seldom any: then nothing is allocated.
    let fired: Vec<&Veto> = rubric
        .vetoes()
        .iter()
        .zip(&at.vetoes)
        .filter(|(v, t)| triggered(env, v, t))
        .map(|(v, _)| v)
        .collect();
    set_all(
        &mut out.veto_reasons,
        fired.iter().map(|v| v.text().zh.as_str()),
    );
    set_all(
        &mut out.veto_reasons_en,
        fired.iter().map(|v| v.text().en.as_str()),
    );
    let vetoed = !fired.is_empty();
    let veto_grade = fired.iter().find_map(|v| v.grade());

    let (named, notes) = grade(rubric, env, total, vetoed, veto_grade);
    set_opt(&mut out.grade, named.map(|(zh, _)| zh));
    set_opt(&mut out.grade_en, named.map(|(_, en)| en));
    set_all(&mut out.grade_notes, notes.iter().map(|t| t.zh.as_str()));
    set_all(&mut out.grade_notes_en, notes.iter().map(|t| t.en.as_str()));

    let broken = rubric
        .consistency()
        .iter()
        .zip(&at.checks)
        .filter(|(_, r)| !implied(env, r))
        .filter_map(|(c, r)| consistency(env, c, r).map(|b| (c, r, b)));
    refill_spare(
        &mut out.warnings,
        &mut room.warnings,
        broken,
        |(c, r, b), o| explain::warning(c, b, &r.fields, o),
    );
    out.warnings.append(&mut blocked);

    set_all(
        &mut out.missing,
        at.required
            .iter()
            .filter(|p| matches!(env.slot_at(**p), Slot::Missing))
            .map(|p| at.id(*p)),
    );
    // Keys come from anywhere: shown shortened, with control characters escaped.
    let ignored = env.ignored().iter().map(|k| crate::text::quote_short(k));
    refill(&mut out.ignored, ignored, |k, o| *o = k);

    if !known {
        set(&mut out.rubric, rubric.id());
        set(&mut out.rubric_version, rubric.version());
    }
    out.method = rubric.method().as_str();
    out.base = scored.then_some(base);
    out.bonus = scored.then_some(bonus);
    out.total = scored.then_some(total);
    out.base_max = rubric.base_max();
    out.bonus_max = rubric.bonus_max();
    out.bonus_capped = bonus_capped;
    out.vetoed = vetoed;
    let figures = rubric.figures().iter().zip(&at.figures);
    refill(&mut out.figures, figures, |(f, q), o| {
        env.figure(f, q, detail, o)
    });
    out.errors.clone_from(&env.errors);
}

/// Makes `out` hold one element per item of `new`, each written by `write` over an element
/// already there where there is one (keeping its allocations), else over a fresh one.
fn refill<T: Default, I>(
    out: &mut Vec<T>,
    new: impl IntoIterator<Item = I>,
    mut write: impl FnMut(I, &mut T),
) {
    let mut n = 0;
    for x in new {
        match out.get_mut(n) {
            Some(o) => write(x, o),
            None => {
                let mut o = T::default();
                write(x, &mut o);
                out.push(o);
            }
        }
        n += 1;
    }
    out.truncate(n);
}

/// [`refill`], taking a fresh element from `spare` where there is one (keeping its
/// allocations), and putting the elements `out` no longer needs there instead of dropping
/// them.
fn refill_spare<T: Default, I>(
    out: &mut Vec<T>,
    spare: &mut Vec<T>,
    new: impl IntoIterator<Item = I>,
    mut write: impl FnMut(I, &mut T),
) {
    let mut n = 0;
    for x in new {
        if n == out.len() {
            out.push(spare.pop().unwrap_or_default());
        }
        if let Some(o) = out.get_mut(n) {
            write(x, o);
        }
        n += 1;
    }
    spare.extend(out.drain(n..));
}

/// Makes `out` hold `new`, writing over what it held.
fn set(out: &mut String, new: &str) {
    if out != new {
        out.clear();
        out.push_str(new);
    }
}

/// Makes `out` hold `new`, writing over what it held.
fn set_opt(out: &mut Option<String>, new: Option<&str>) {
    match (out.as_mut(), new) {
        (Some(o), Some(n)) => set(o, n),
        (_, n) => *out = n.map(str::to_string),
    }
}

/// Makes `out` hold the texts of `new`, writing over what it held.
fn set_all<'s>(out: &mut Vec<String>, new: impl IntoIterator<Item = &'s str>) {
    refill(out, new, |n, o| set(o, n));
}

/// Whether a rule `a ≤ c` between two fields is implied by two others, `a ≤ b` and
/// `b ≤ c`, through a field `b` that is filled in. Then `a > c` means `a > b` or `b > c`,
/// which those rules say, so this one keeps quiet: a chain of rules (Shanxi's 博士 ≤ 硕士以上
/// ≤ 本科以上 ≤ 吸纳就业人员, written pairwise and end to end so that the ends are compared
/// while the middle is empty) gives one warning per broken link, not one per pair. The
/// fields `b` that could imply it are found once per rubric ([`resolved::Check::via`]).
fn implied(env: &Env<'_>, c: &resolved::Check) -> bool {
    c.via
        .iter()
        .any(|b| matches!(env.slot_at(*b), Slot::Value(_)))
}

/// How a consistency rule is broken, if the figures filled in so far break it; `r` is the
/// rule by position.
///
/// With every figure of both sides filled in, the rule is checked as written. Before that,
/// a side that is a field or a sum can still break it: its filled parts alone are a lower
/// bound of it (a part left empty can only add to it, as no part of such a side may be
/// negative), so a rule `left ≤ right` (or `<`, or `=`) is broken as soon as the filled
/// parts of the left side already exceed a right side that is filled in completely, and
/// `≥`, `>` likewise the other way round. At least one part must be filled: an empty side
/// says nothing. A rule with a `when` applies only while its condition holds, with the
/// condition's figures filled in. A side with an unreadable figure is not checked (the
/// figure's error is shown instead).
fn consistency(env: &Env<'_>, c: &Consistency, r: &resolved::Check) -> Option<explain::Broken> {
    if let (Some(w), Some(q)) = (c.when(), &r.when) {
        let m = env.measure_at(q);
        if !(m.complete() && m.value.is_some_and(|x| w.op.holds(x, w.value))) {
            return None;
        }
    }
    let left = env.measure_at(&r.left);
    let right = env.measure_at(&r.right);
    if left.bad || right.bad {
        return None;
    }
    let (l, rv) = (left.value?, right.value?);
    if left.complete() && right.complete() {
        return (!c.op().holds(l, rv)).then_some(explain::Broken::Whole { left: l, right: rv });
    }
    let lower = |q: &resolved::Quantity, m: &measure::Measured| {
        let fields = match q {
            resolved::Quantity::Field(p) => std::slice::from_ref(p),
            resolved::Quantity::Sum(ps) => ps.as_slice(),
            _ => return None,
        };
        let some_filled = m.missing < fields.len();
        let rest_not_negative = fields
            .iter()
            .filter(|p| matches!(env.slot_at(**p), Slot::Missing))
            .all(|p| env.at.non_negative.get(*p).copied().unwrap_or(false));
        (some_filled && rest_not_negative)
            .then_some(m.value)
            .flatten()
    };
    let op = c.op();
    // The filled parts of the left side already make it too large for a complete right.
    if right.complete() && matches!(op, Op::Le | Op::Lt | Op::Eq) {
        if let Some(lo) = lower(&r.left, &left) {
            let broken = if op == Op::Lt { lo >= rv } else { lo > rv };
            if broken {
                return Some(explain::Broken::Partial {
                    left: lo,
                    right: rv,
                    partial_left: true,
                });
            }
        }
    }
    // The filled parts of the right side already make it too large for a complete left.
    if left.complete() && matches!(op, Op::Ge | Op::Gt | Op::Eq) {
        if let Some(lo) = lower(&r.right, &right) {
            let broken = if op == Op::Gt { lo >= l } else { lo > l };
            if broken {
                return Some(explain::Broken::Partial {
                    left: l,
                    right: lo,
                    partial_left: false,
                });
            }
        }
    }
    None
}

/// The grade's name in Chinese and English, if any, and the clauses that lowered it.
type GradeOutcome<'r> = (Option<(&'r str, &'r str)>, Vec<&'r crate::text::Text>);

fn grade<'r>(
    rubric: &'r Rubric,
    env: &Env<'_>,
    total: Decimal,
    vetoed: bool,
    veto_grade: Option<&'r str>,
) -> GradeOutcome<'r> {
    let grades = rubric.grades();
    let mut notes = Vec::new();
    if vetoed {
        // A veto decides the grade: the one it names, else the lowest band.
        // The checker makes sure the grade a veto names is one of the rubric's, banded or
        // named without cut-offs, so it has its English.
        let named = veto_grade.map(|n| {
            let en = grades
                .iter()
                .map(|g| g.name())
                .chain(rubric.grade_names())
                .find(|g| g.zh == n)
                .map(|g| g.en.as_str());
            (n, en.unwrap_or(n))
        });
        let lowest = grades
            .first()
            .map(|g| (g.name().zh.as_str(), g.name().en.as_str()));
        return (named.or(lowest), notes);
    }
    let Some(mut index) = grades.iter().position(|g| g.range().contains(total)) else {
        return (None, notes);
    };
    for (limit, flag) in rubric.limits().iter().zip(&env.at.limits) {
        if env.yes_at(*flag) && index > limit.grade_at_most() {
            index = limit.grade_at_most();
            notes.push(limit.text());
        }
    }
    let g = grades.get(index);
    (
        g.map(|g| (g.name().zh.as_str(), g.name().en.as_str())),
        notes,
    )
}

/// Scores one item (`r`: its references by position) into `out`, writing over what it
/// held: its terms evaluated (into `parts`, which is reused from item to item, when an
/// explanation is written from them), added up, capped at its maximum. A part that waits
/// for a yes it did not get, though its own figures would score, adds a warning to
/// `blocked`. `known`: `out` holds this item's id and group already.
#[allow(clippy::too_many_arguments)]
fn item(
    env: &Env<'_>,
    item: &Item,
    r: &resolved::Item,
    detail: Detail,
    blocked: &mut Vec<Warning>,
    parts: &mut Vec<Part>,
    known: bool,
    out: &mut ItemScore,
) {
    if !known {
        set(&mut out.id, item.id());
        set(&mut out.group, item.group());
    }
    // Usually every input is filled in and readable: then there is nothing to list.
    let all_read = r
        .inputs
        .iter()
        .all(|p| matches!(env.slot_at(*p), Slot::Value(_)));
    if all_read {
        out.errors.clear();
        out.missing.clear();
    } else {
        let ids = |want: fn(&Slot) -> bool| {
            r.inputs
                .iter()
                .filter(move |p| want(env.slot_at(**p)))
                .map(|p| env.at.id(*p))
        };
        set_all(&mut out.errors, ids(|s| matches!(s, Slot::Bad)));
        set_all(&mut out.missing, ids(|s| matches!(s, Slot::Missing)));
    }
    let figures = item.figures().iter().zip(&r.figures);
    refill(&mut out.figures, figures, |(f, q), o| {
        env.figure(f, q, detail, o)
    });
    out.max = item.max();
    out.self_assessed = item.self_assessed();
    out.explanation.clear();
    out.explanation_en.clear();
    if !out.errors.is_empty() {
        out.score = None;
        out.capped = false;
        // Not scored; a part waiting for its yes is still worth saying.
        for (term, t) in item.terms().iter().zip(&r.terms) {
            if t.requires.is_some() {
                warn_blocked(env, item, term, &evaluate(env, term, t), blocked);
            }
        }
        if detail == Detail::Explained {
            out.explanation = explain::unreadable(env, &out.errors, Lang::Zh);
            out.explanation_en = explain::unreadable(env, &out.errors, Lang::En);
        }
        return;
    }
    let terms = item.terms().iter().zip(&r.terms);
    let sum = if detail == Detail::Scores {
        // Nothing reads the parts afterwards: each one's points are added up as it comes.
        add_up(terms.map(|(term, t)| {
            let part = evaluate(env, term, t);
            warn_blocked(env, item, term, &part, blocked);
            part.points
        }))
    } else {
        parts.clear();
        parts.extend(terms.map(|(term, t)| evaluate(env, term, t)));
        for (term, part) in item.terms().iter().zip(parts.iter()) {
            warn_blocked(env, item, term, part, blocked);
        }
        add_up(parts.iter().map(|p| p.points))
    };
    let (score, capped) = cap(item, sum);
    out.score = Some(score);
    out.capped = capped;
    if detail == Detail::Explained {
        out.explanation = explain::item(env, item, parts, sum, capped, Lang::Zh);
        out.explanation_en = explain::item(env, item, parts, sum, capped, Lang::En);
    }
}

/// Adds the warning that `part` of `term` waits for a yes it did not get, though its own
/// figures would score, if that is so.
fn warn_blocked(env: &Env<'_>, item: &Item, term: &Term, part: &Part, out: &mut Vec<Warning>) {
    if let Some(field) = &term.requires {
        if part.blocked && part.unblocked > Decimal::ZERO {
            out.push(explain::blocked(env, item, term, field, part.unblocked));
        }
    }
}

/// The sum of `points`, as [`Decimal`]'s `Sum` gives it (`0 + a + b…`), without adding
/// the first to 0: `0 + a` is `a` itself (its digits and scale), and an item of one term
/// (most of them) then needs no addition at all.
fn add_up(mut points: impl Iterator<Item = Decimal>) -> Decimal {
    let first = points.next().unwrap_or(Decimal::ZERO);
    points.fold(first, |total, p| total + p)
}

/// An item's score from the sum of its parts: capped at its maximum, never below zero;
/// and whether the cap applied.
pub(crate) fn cap(item: &Item, sum: Decimal) -> (Decimal, bool) {
    // `sum.min(max).max(0)`, with one comparison of decimals: `min` keeps `sum` unless it
    // is above `max`, and `max(0)` gives 0 itself unless what it has is above 0 (which
    // its sign and digits say).
    let capped = compare(sum, item.max()).is_gt();
    let kept = if capped { item.max() } else { sum };
    let score = if kept.is_sign_positive() && !kept.is_zero() {
        kept
    } else {
        Decimal::ZERO
    };
    (score, capped)
}

/// An item's score, or none while one of its inputs cannot be read: what [`score`]
/// reports for it, without the explanation (the advisor tries changes with it).
pub(crate) fn item_points(env: &Env<'_>, item: &Item) -> Option<Decimal> {
    let r = env.at.item_of(env.rubric, item);
    if r.inputs
        .iter()
        .any(|p| matches!(env.slot_at(*p), Slot::Bad))
    {
        return None;
    }
    let sum: Decimal = item
        .terms()
        .iter()
        .zip(&r.terms)
        .map(|(term, t)| evaluate(env, term, t).points)
        .sum();
    Some(cap(item, sum).0)
}

/// Every term of `item` evaluated, in order (the advisor's view of an item).
pub(crate) fn parts(env: &Env<'_>, item: &Item) -> Vec<Part> {
    let r = env.at.item_of(env.rubric, item);
    item.terms()
        .iter()
        .zip(&r.terms)
        .map(|(term, t)| evaluate(env, term, t))
        .collect()
}

/// Whether a 一票否决 clause applies to the inputs.
pub(crate) fn veto_applies(env: &Env<'_>, veto: &Veto) -> bool {
    triggered(env, veto, &env.at.veto_of(env.rubric, veto))
}

/// Whether a 一票否决 clause applies to the inputs; `r` is its trigger by position.
fn triggered(env: &Env<'_>, veto: &Veto, r: &resolved::Veto) -> bool {
    match (veto.trigger(), r) {
        (_, resolved::Veto::Flag(p)) => env.yes_at(*p),
        (Trigger::Compare(c), resolved::Veto::Compare(q)) => {
            let m = env.measure_at(q);
            // An unanswered count does not veto; it is listed as missing instead.
            m.complete() && m.value.is_some_and(|x| c.op.holds(x, c.value))
        }
        // Never: `r` is resolved from this very trigger.
        (Trigger::Flag(_), resolved::Veto::Compare(_)) => false,
    }
}

/// One term's points and what decided them, for the explanation and the advisor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    /// The points the term gives (after its own cap, before the item's).
    pub(crate) points: Decimal,
    /// What decided them.
    pub(crate) how: How,
    /// Whether the term's own cap applied.
    pub(crate) capped: bool,
    /// Whether the term's `requires` field is not answered yes, so it gives nothing.
    pub(crate) blocked: bool,
    /// What the term would give were it not blocked (after its cap).
    pub(crate) unblocked: Decimal,
    /// What the rule itself gives, before the term's cap.
    pub(crate) raw: Decimal,
    /// Whether the rule's own arithmetic came out below zero (a shortfall counted per
    /// unit), so the part gives 0: only a deduction takes points away.
    pub(crate) below_zero: bool,
}

/// What decided a term's points, by kind of rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum How {
    /// The value fell in the band with this index, or in none.
    Bands { value: Decimal, band: Option<usize> },
    /// This many whole steps.
    Per { value: Decimal, steps: Decimal },
    /// The threshold was reached or not.
    Linear { value: Decimal, passed: bool },
    /// The option chosen, if any.
    Choice { chosen: Option<String> },
    /// Each count's value (zero when not given).
    Weighted { counts: Vec<Decimal> },
    /// The threshold was passed or not, and so many further whole steps added `extra`.
    Step {
        value: Decimal,
        passed: bool,
        steps: Decimal,
        extra: Decimal,
    },
    /// The yes/no answer, if given.
    Flag { answer: Option<bool> },
    /// The self-assessed score, if given.
    SelfScore { given: Option<Decimal> },
    /// The best option that applies, if any.
    Highest,
    /// Whether every count is known, the counts, and the points before stopping at zero.
    Deduct {
        known: bool,
        counts: Vec<Decimal>,
        raw: Decimal,
    },
    /// Whether each comparison holds.
    Condition { holds: Vec<bool> },
}

/// Whether a comparison holds for the inputs.
pub(crate) fn holds(env: &Env<'_>, c: &Comparison) -> bool {
    holds_at(env, c, &env.at.quantity(&c.quantity))
}

/// Whether a comparison holds for the inputs; `q` is its quantity by position.
fn holds_at(env: &Env<'_>, c: &Comparison, q: &resolved::Quantity) -> bool {
    env.measure_at(q)
        .value
        .is_some_and(|v| c.op.holds(v, c.value))
}

/// Evaluates one term; `r` is what it reads, by position. Each quantity is measured once.
pub(crate) fn evaluate(env: &Env<'_>, term: &Term, r: &resolved::Term) -> Part {
    let zero = Decimal::ZERO;
    // The one quantity of a rule that has one.
    let value = || {
        r.quantities
            .first()
            .and_then(|q| env.measure_at(q).value)
            .unwrap_or(zero)
    };
    let field = || r.field.map_or(&measure::MISSING, |p| env.slot_at(p));
    let (points, how) = match &term.rule {
        Rule::Bands { bands, .. } => {
            let x = value();
            let band = bands.iter().position(|b| b.range.contains(x));
            let points = band
                .and_then(|i| bands.get(i))
                .map(|b| b.points)
                .unwrap_or(zero);
            (points, How::Bands { value: x, band })
        }
        Rule::Per { every, points, .. } => {
            let x = value();
            let steps = x.checked_div(*every).map(|d| d.floor()).unwrap_or(zero);
            let got = steps.checked_mul(*points).unwrap_or(zero);
            (got, How::Per { value: x, steps })
        }
        Rule::Step {
            threshold,
            points,
            step,
            step_points,
            ..
        } => {
            let x = value();
            let passed = if threshold.inclusive {
                x >= threshold.value
            } else {
                x > threshold.value
            };
            let steps = if passed {
                (x - threshold.value)
                    .checked_div(*step)
                    .map(|d| d.floor())
                    .unwrap_or(zero)
            } else {
                zero
            };
            let extra = steps.checked_mul(*step_points).unwrap_or(zero);
            let got = if passed { *points + extra } else { zero };
            (
                got,
                How::Step {
                    value: x,
                    passed,
                    steps,
                    extra,
                },
            )
        }
        Rule::Flag { points, .. } => {
            let answer = match field() {
                Slot::Value(Reading::Bool(b)) => Some(*b),
                _ => None,
            };
            let got = if answer == Some(true) { *points } else { zero };
            (got, How::Flag { answer })
        }
        Rule::SelfScore { .. } => {
            let given = match field() {
                Slot::Value(Reading::Number(n)) => Some(*n),
                _ => None,
            };
            (given.unwrap_or(zero), How::SelfScore { given })
        }
        Rule::Highest { options } => {
            let got = options
                .iter()
                .zip(&r.quantities)
                .filter(|(_, q)| env.measure_at(q).value.is_some_and(|v| v > zero))
                .map(|((_, p), _)| *p)
                .max()
                .unwrap_or(zero);
            (got, How::Highest)
        }
        Rule::Deduct { start, rates } => {
            let measured: Vec<_> = r.quantities.iter().map(|q| env.measure_at(q)).collect();
            let known = measured.iter().all(|m| m.missing == 0);
            let counts: Vec<Decimal> = measured.iter().map(|m| m.value.unwrap_or(zero)).collect();
            let taken = rates.iter().zip(&counts).try_fold(zero, |acc, (r, c)| {
                acc.checked_add(c.checked_mul(r.points)?)
            });
            let raw = taken.and_then(|t| start.checked_sub(t)).unwrap_or(zero);
            // A deduction needs its counts: with one not entered the part scores 0, like any
            // missing input, so an unfinished form never looks better than a finished one.
            let got = if known { raw.max(zero) } else { zero };
            (got, How::Deduct { known, counts, raw })
        }
        Rule::Linear {
            threshold,
            points,
            every,
            rate,
            places,
            ..
        } => {
            let x = value();
            let passed = threshold.passed_by(x);
            let got =
                crate::rubric::rule::linear_points(x, *threshold, *points, *every, *rate, *places)
                    .unwrap_or(zero);
            (got, How::Linear { value: x, passed })
        }
        Rule::Choice { points, .. } => {
            let chosen = match field() {
                Slot::Value(Reading::Choices(c)) => c.first().cloned(),
                _ => None,
            };
            let got = chosen
                .as_ref()
                .and_then(|c| points.iter().find(|(o, _)| o == c))
                .map(|(_, p)| *p)
                .unwrap_or(zero);
            (got, How::Choice { chosen })
        }
        Rule::Weighted { counts } => {
            let values: Vec<Decimal> = r
                .quantities
                .iter()
                .map(|q| env.measure_at(q).value.unwrap_or(zero))
                .collect();
            let got = counts
                .iter()
                .zip(&values)
                .try_fold(zero, |acc, (c, v)| {
                    acc.checked_add(v.checked_mul(c.points)?)
                })
                .unwrap_or(zero);
            (got, How::Weighted { counts: values })
        }
        Rule::Condition { all, points } => {
            let holds: Vec<bool> = all
                .iter()
                .zip(&r.quantities)
                .map(|(c, q)| holds_at(env, c, q))
                .collect();
            let got = if holds.iter().all(|h| *h) {
                *points
            } else {
                zero
            };
            (got, How::Condition { holds })
        }
    };
    // Only a deduction takes points away: any other rule on a negative quantity (a
    // shortfall `done − target` counted per unit, a weighted count that went below zero)
    // gives nothing, never less, so it cannot cut the item's other parts.
    let below_zero =
        points.is_sign_negative() && !points.is_zero() && !matches!(term.rule, Rule::Deduct { .. });
    let raw = if below_zero { zero } else { points };
    // `raw.min(c)`, with the one comparison that also says whether the cap applied.
    let capped = term.cap.is_some_and(|c| compare(raw, c).is_gt());
    let points = match term.cap {
        Some(c) if capped => c,
        _ => raw,
    };
    let blocked = r.requires.is_some_and(|p| !env.yes_at(p));
    Part {
        points: if blocked { zero } else { points },
        how,
        capped,
        blocked,
        unblocked: points,
        raw,
        below_zero,
    }
}
