//! The engine: a rubric and inputs in, a [`Report`] out.
//!
//! Every rule is evaluated in exact decimal arithmetic. A missing input counts as zero
//! and is listed; an input that cannot be read is reported against its field, its item
//! shows no score, and everything else still scores.
//!
//! The reader's questions live apart: what a report holds (`score/report.rs`), how a
//! figure is measured (`score/measure.rs`) and how the sentences are built
//! (`score/sentences.rs`). Evaluating a term gives its points and what decided them (a
//! [`Part`]); the explanation is written from that only when asked for, so a batch of a
//! district's filings ([`Detail::Scores`]) skips the text.

pub(crate) mod measure;
mod report;
mod scorer;
pub(crate) mod sentences;

/// Wording the advisor shares with the explanations.
use rust_decimal::Decimal;

pub use report::{FigureValue, GroupScore, ItemScore, Report, ScoreOutput, Warning};
pub use scorer::Scorer;

use crate::input::Inputs;
pub(crate) use crate::kinds::Part;
use crate::kinds::{Measure, Measured};
use crate::quantity::compare;
use crate::rubric::resolved;
use crate::rubric::{Consistency, Item, Method, Op, Rubric, Rule, Term, Trigger, Veto};
use crate::text::Lang;
use measure::{Env, Slot, MISSING};

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
        |(c, r, b), o| sentences::warning(c, b, &r.fields, o),
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
fn consistency(env: &Env<'_>, c: &Consistency, r: &resolved::Check) -> Option<sentences::Broken> {
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
        return (!c.op().holds(l, rv)).then_some(sentences::Broken::Whole { left: l, right: rv });
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
                return Some(sentences::Broken::Partial {
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
                return Some(sentences::Broken::Partial {
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
            out.explanation = sentences::unreadable(env, &out.errors, Lang::Zh);
            out.explanation_en = sentences::unreadable(env, &out.errors, Lang::En);
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
        out.explanation = sentences::item(env, item, parts, sum, capped, Lang::Zh);
        out.explanation_en = sentences::item(env, item, parts, sum, capped, Lang::En);
    }
}

/// Adds the warning that `part` of `term` waits for a yes it did not get, though its own
/// figures would score, if that is so.
fn warn_blocked(env: &Env<'_>, item: &Item, term: &Term, part: &Part, out: &mut Vec<Warning>) {
    if let Some(field) = &term.requires {
        if part.blocked && part.unblocked > Decimal::ZERO {
            out.push(sentences::blocked(env, item, term, field, part.unblocked));
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

/// What one term reads, for its formula: the inputs and the term's references by position.
struct Reads<'e, 'a> {
    env: &'e Env<'a>,
    at: &'e resolved::Term,
}

impl Measure for Reads<'_, '_> {
    fn nth(&self, i: usize) -> Measured {
        self.at
            .quantities
            .get(i)
            .map(|q| self.env.measure_at(q))
            .unwrap_or_default()
    }

    fn all(&self) -> Vec<Measured> {
        self.at
            .quantities
            .iter()
            .map(|q| self.env.measure_at(q))
            .collect()
    }

    fn field(&self) -> &Slot {
        self.at.field.map_or(&MISSING, |p| self.env.slot_at(p))
    }
}

/// Evaluates one term; `r` is what it reads, by position. Each quantity is measured once.
pub(crate) fn evaluate(env: &Env<'_>, term: &Term, r: &resolved::Term) -> Part {
    let zero = Decimal::ZERO;
    let (points, how) = term.rule.points(&Reads { env, at: r });
    // Only a deduction takes points away: any other rule on a negative quantity (a
    // shortfall `done − target` counted per unit, a weighted count that went below zero)
    // gives nothing, never less, so it cannot cut the item's other parts.
    let below_zero =
        points.is_sign_negative() && !points.is_zero() && !matches!(term.rule, Rule::Deduct(_));
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
