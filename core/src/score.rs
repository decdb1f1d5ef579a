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

/// Wording the advisor shares with the explanations.
pub(crate) use explain::{band_en, band_zh, pts_en, unit_suffix};

use rust_decimal::{Decimal, RoundingStrategy};

pub use report::{FigureValue, GroupScore, ItemScore, Report, ScoreOutput, Warning};

use crate::input::{Inputs, Reading};
use crate::rubric::resolved;
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
    let rubric = env.rubric;
    let at = env.at;
    // Warnings that a part waits for a yes it did not get, found while scoring the items
    // (from the parts evaluated there) and listed after the consistency warnings.
    let mut blocked = Vec::new();
    let items: Vec<ItemScore> = rubric
        .items()
        .iter()
        .zip(&at.items)
        .map(|(i, r)| item(env, i, r, detail, &mut blocked))
        .collect();

    let groups: Vec<GroupScore> = rubric
        .groups()
        .iter()
        .zip(&at.groups)
        .map(|(g, members)| GroupScore {
            id: g.id().to_string(),
            name: g.name().zh.clone(),
            score: members
                .iter()
                .filter_map(|k| items.get(*k).and_then(|i| i.score))
                .sum(),
            max: g.max(),
            bonus: g.bonus(),
        })
        .collect();
    let scored = rubric.method() != Method::Form;
    let base: Decimal = groups.iter().filter(|g| !g.bonus).map(|g| g.score).sum();
    let bonus_sum: Decimal = groups.iter().filter(|g| g.bonus).map(|g| g.score).sum();
    let bonus = bonus_sum.min(rubric.bonus_max());
    let bonus_capped = bonus_sum > bonus;
    let total = base + bonus;

    let mut veto_reasons = Vec::new();
    let mut veto_reasons_en = Vec::new();
    let mut veto_grade = None;
    for (v, trigger) in rubric.vetoes().iter().zip(&at.vetoes) {
        if triggered(env, v, trigger) {
            veto_reasons.push(v.text().zh.clone());
            veto_reasons_en.push(v.text().en.clone());
            if veto_grade.is_none() {
                veto_grade = v.grade().map(str::to_string);
            }
        }
    }
    let vetoed = !veto_reasons.is_empty();

    let (grade, grade_en, grade_notes, grade_notes_en) =
        grade(rubric, env, total, vetoed, veto_grade);

    let mut warnings: Vec<Warning> = rubric
        .consistency()
        .iter()
        .zip(&at.checks)
        .filter(|(_, r)| !implied(env, r))
        .filter_map(|(c, r)| consistency(env, c, r))
        .collect();
    warnings.append(&mut blocked);

    let missing = at
        .required
        .iter()
        .filter(|p| matches!(env.slot_at(**p), Slot::Missing))
        .map(|p| at.id(*p).to_string())
        .collect();
    // Keys come from anywhere: shown shortened, with control characters escaped.
    let ignored = env
        .ignored()
        .iter()
        .map(|k| crate::text::quote_short(k))
        .collect();

    Report {
        rubric: rubric.id().to_string(),
        rubric_version: rubric.version().to_string(),
        method: rubric.method().as_str(),
        base: scored.then_some(base),
        bonus: scored.then_some(bonus),
        total: scored.then_some(total),
        base_max: rubric.base_max(),
        bonus_max: rubric.bonus_max(),
        bonus_capped,
        grade,
        grade_en,
        grade_notes,
        grade_notes_en,
        vetoed,
        veto_reasons,
        veto_reasons_en,
        groups,
        items,
        figures: rubric
            .figures()
            .iter()
            .zip(&at.figures)
            .map(|(f, q)| env.figure(f, q, detail))
            .collect(),
        missing,
        errors: env.errors.clone(),
        warnings,
        ignored,
    }
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

/// The warning a consistency rule gives, if the figures filled in so far break it; `r` is
/// the rule by position.
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
fn consistency(env: &Env<'_>, c: &Consistency, r: &resolved::Check) -> Option<Warning> {
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
        return (!c.op().holds(l, rv)).then(|| explain::warning(c, l, rv));
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
                return Some(explain::partial_warning(c, lo, rv, true));
            }
        }
    }
    // The filled parts of the right side already make it too large for a complete left.
    if left.complete() && matches!(op, Op::Ge | Op::Gt | Op::Eq) {
        if let Some(lo) = lower(&r.right, &right) {
            let broken = if op == Op::Gt { lo >= l } else { lo > l };
            if broken {
                return Some(explain::partial_warning(c, l, lo, false));
            }
        }
    }
    None
}

type GradeOutcome = (Option<String>, Option<String>, Vec<String>, Vec<String>);

fn grade(
    rubric: &Rubric,
    env: &Env<'_>,
    total: Decimal,
    vetoed: bool,
    veto_grade: Option<String>,
) -> GradeOutcome {
    let grades = rubric.grades();
    let mut notes = Vec::new();
    let mut notes_en = Vec::new();
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
                .map(|g| g.en.clone());
            (n.clone(), en.unwrap_or(n))
        });
        let lowest = grades
            .first()
            .map(|g| (g.name().zh.clone(), g.name().en.clone()));
        return match named.or(lowest) {
            Some((zh, en)) => (Some(zh), Some(en), notes, notes_en),
            None => (None, None, notes, notes_en),
        };
    }
    let Some(mut index) = grades.iter().position(|g| g.range().contains(total)) else {
        return (None, None, notes, notes_en);
    };
    for (limit, flag) in rubric.limits().iter().zip(&env.at.limits) {
        if env.yes_at(*flag) && index > limit.grade_at_most() {
            index = limit.grade_at_most();
            notes.push(limit.text().zh.clone());
            notes_en.push(limit.text().en.clone());
        }
    }
    let g = grades.get(index);
    (
        g.map(|g| g.name().zh.clone()),
        g.map(|g| g.name().en.clone()),
        notes,
        notes_en,
    )
}

/// Scores one item (`r`: its references by position): its terms evaluated, added up,
/// capped at its maximum. A part that waits for a yes it did not get, though its own
/// figures would score, adds a warning to `blocked`.
fn item(
    env: &Env<'_>,
    item: &Item,
    r: &resolved::Item,
    detail: Detail,
    blocked: &mut Vec<Warning>,
) -> ItemScore {
    let ids = |want: fn(&Slot) -> bool| -> Vec<String> {
        r.inputs
            .iter()
            .filter(|p| want(env.slot_at(**p)))
            .map(|p| env.at.id(*p).to_string())
            .collect()
    };
    let errors = ids(|s| matches!(s, Slot::Bad));
    let missing = ids(|s| matches!(s, Slot::Missing));
    let figures = item
        .figures()
        .iter()
        .zip(&r.figures)
        .map(|(f, q)| env.figure(f, q, detail))
        .collect();
    let base = ItemScore {
        id: item.id().to_string(),
        group: item.group().to_string(),
        score: None,
        max: item.max(),
        capped: false,
        self_assessed: item.self_assessed(),
        explanation: String::new(),
        explanation_en: String::new(),
        missing,
        errors,
        figures,
    };
    if !base.errors.is_empty() {
        // Not scored; a part waiting for its yes is still worth saying.
        for (term, t) in item.terms().iter().zip(&r.terms) {
            if t.requires.is_some() {
                warn_blocked(env, item, term, &evaluate(env, term, t), blocked);
            }
        }
        if detail == Detail::Scores {
            return base;
        }
        return ItemScore {
            explanation: explain::unreadable(env, &base.errors, Lang::Zh),
            explanation_en: explain::unreadable(env, &base.errors, Lang::En),
            ..base
        };
    }
    let parts: Vec<Part> = item
        .terms()
        .iter()
        .zip(&r.terms)
        .map(|(term, t)| evaluate(env, term, t))
        .collect();
    for (term, part) in item.terms().iter().zip(&parts) {
        warn_blocked(env, item, term, part, blocked);
    }
    let sum: Decimal = parts.iter().map(|p| p.points).sum();
    let (score, capped) = cap(item, sum);
    if detail == Detail::Scores {
        return ItemScore {
            score: Some(score),
            capped,
            ..base
        };
    }
    let explain = |lang| explain::item(env, item, &parts, sum, capped, lang);
    ItemScore {
        score: Some(score),
        capped,
        explanation: explain(Lang::Zh),
        explanation_en: explain(Lang::En),
        ..base
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

/// An item's score from the sum of its parts: capped at its maximum, never below zero;
/// and whether the cap applied.
pub(crate) fn cap(item: &Item, sum: Decimal) -> (Decimal, bool) {
    (sum.min(item.max()).max(Decimal::ZERO), sum > item.max())
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
            ..
        } => {
            let x = value();
            let passed = threshold.passed_by(x);
            let got = if passed {
                (x - threshold.value)
                    .checked_div(*every)
                    .and_then(|u| u.checked_mul(*rate))
                    .and_then(|e| e.checked_add(*points))
                    .map(|g| g.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
                    .unwrap_or(zero)
            } else {
                zero
            };
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
    let raw = points;
    let capped = term.cap.is_some_and(|c| raw > c);
    let points = term.cap.map_or(raw, |c| raw.min(c));
    let blocked = r.requires.is_some_and(|p| !env.yes_at(p));
    Part {
        points: if blocked { zero } else { points },
        how,
        capped,
        blocked,
        unblocked: points,
        raw,
    }
}
