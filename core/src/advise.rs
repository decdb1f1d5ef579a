//! What would raise a score: for every item below its maximum, the smallest change to one
//! input that raises it and the points that change gains; the headroom of every group; the
//! points missing to the next grade.
//!
//! ```
//! use spacescore_core::{advise, Inputs};
//!
//! let catalog = spacescore_builtin::catalog();
//! let rubric = catalog.rubric("inner-mongolia/maker-space").unwrap();
//! let mut inputs = Inputs::new();
//! inputs.insert("workstations".into(), "35".into());
//! let advice = advise(rubric, &inputs);
//! let next = advice.suggestions.iter().find(|s| s.item == "workstations").unwrap();
//! assert_eq!((next.from.as_str(), next.to.as_str()), ("35", "40"));
//! assert_eq!(next.gain, 1.into());
//! assert!(next.explanation.starts_with("创客工位数 35 → 40 个：+1 分"));
//! ```
//!
//! Every suggestion is the engine's own arithmetic: the changed value is read as
//! [`score`](crate::score) reads it and the item is scored again, so scoring the inputs
//! with the change gives exactly the stated gain. `DESIGN.md` says what “smallest” means for
//! each kind of rule.

pub(crate) mod search;
mod wording;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::input::{read, Inputs, Reading, Value};
use crate::rubric::{Item, Method, Rubric, Rule};
use crate::score::measure::{Env, Slot};
use crate::score::{
    evaluate, item_points, parts, report, veto_applies, Detail, ItemScore, Part, Report,
};
use crate::text::{ser_dec, ser_opt_dec, Lang};
use search::Found;

/// What would raise one space's score under one rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// The rubric's id.
    pub rubric: String,
    /// The rubric data's version.
    pub rubric_version: String,
    /// The total now (null for a form).
    #[serde(serialize_with = "ser_opt_dec")]
    pub total: Option<Decimal>,
    /// The points the total can still gain: base and bonus headroom, the bonus after its cap.
    #[serde(serialize_with = "ser_dec")]
    pub headroom: Decimal,
    /// The points the base can still gain.
    #[serde(serialize_with = "ser_dec")]
    pub base_headroom: Decimal,
    /// The points the bonus can still gain, after the cap on the bonus total.
    #[serde(serialize_with = "ser_dec")]
    pub bonus_headroom: Decimal,
    /// Every suggestion, best first: by the points the total gains, then the points the
    /// item gains, then in form order.
    pub suggestions: Vec<Suggestion>,
    /// Every item, in form order: where it stands and its next step.
    pub items: Vec<ItemAdvice>,
    /// Every group's headroom, in form order.
    pub groups: Vec<GroupHeadroom>,
    /// The points missing to the next grade, where the rubric publishes grade bands and
    /// there is a higher grade.
    pub next_grade: Option<NextGrade>,
    /// Inputs that cannot be read: the items that read them score once they are corrected.
    pub fixes: Vec<Fix>,
    /// What concerns the whole advice (a veto, the bonus cap, a form), in Chinese.
    pub notes: Vec<String>,
    /// The same in English.
    pub notes_en: Vec<String>,
}

impl Advice {
    /// The suggestions for one item, best first.
    pub fn for_item<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Suggestion> + 'a {
        self.suggestions.iter().filter(move |s| s.item == id)
    }

    /// The advice on the item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemAdvice> {
        self.items.iter().find(|i| i.item == id)
    }
}

/// The smallest change to one input that raises one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The item it raises.
    pub item: String,
    /// The item's group.
    pub group: String,
    /// The input to change.
    pub field: String,
    /// What kind of change.
    pub change: Change,
    /// The input's value now, as text (empty when not given; a checklist's option ids
    /// joined by `、`; 是 / 否 for yes/no).
    pub from: String,
    /// The value to enter, as text in the same form.
    pub to: String,
    /// The value to enter, as an input ([`Inputs`] with this value for `field` scores the
    /// gain).
    pub value: Value,
    /// A checklist's options that `value` ticks.
    pub add: Vec<String>,
    /// A checklist's unticked options: any of them counts the same as those in `add`.
    pub any_of: Vec<String>,
    /// The points the item gains, after its parts' caps, its own cap and any `requires`.
    #[serde(serialize_with = "ser_dec")]
    pub gain: Decimal,
    /// The points the total gains: the item's gain, the other items the same input moves,
    /// and the cap on the bonus total. It can be less than `gain`, zero or negative.
    #[serde(serialize_with = "ser_dec")]
    pub total_gain: Decimal,
    /// Other items the same change moves.
    pub also: Vec<Effect>,
    /// The ids of 一票否决 clauses the change would set off.
    pub vetoes: Vec<String>,
    /// The suggestion in a sentence (“创客工位数 35 → 40 个：+1 分（进入“40 个及以上”档，得 3 分）”).
    pub explanation: String,
    /// The same in English.
    pub explanation_en: String,
}

/// What kind of change a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// A figure goes up.
    Raise,
    /// A figure goes down (a deduction's count; the other side of a ratio).
    Lower,
    /// An empty figure is entered as 0 (a deduction counts only once its count is given).
    Fill,
    /// A yes/no question is answered yes.
    Yes,
    /// A single-choice field takes another option.
    Choose,
    /// More options of a checklist are ticked.
    Tick,
}

/// How a change moves another item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    /// The item.
    pub item: String,
    /// Its change in points (negative when it loses).
    #[serde(serialize_with = "ser_dec")]
    pub change: Decimal,
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// At its maximum.
    Max,
    /// Below its maximum, with at least one suggestion.
    Open,
    /// Below its maximum only by a self-assessed part: the applicant's judgement, so only
    /// its headroom is reported.
    #[serde(rename = "self")]
    SelfAssessed,
    /// One of its inputs cannot be read, so it has no score until that is corrected.
    Unreadable,
    /// Below its maximum, but no change to a single input raises it (a condition on two
    /// figures that both fail, a part blocked by its question and at its cap…).
    Stuck,
}

/// One item's standing and next step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemAdvice {
    /// The item's id.
    pub item: String,
    /// Its group's id.
    pub group: String,
    /// Where it stands.
    pub standing: Standing,
    /// Its score now; null while an input cannot be read.
    #[serde(serialize_with = "ser_opt_dec")]
    pub score: Option<Decimal>,
    /// Its maximum.
    #[serde(serialize_with = "ser_dec")]
    pub max: Decimal,
    /// Maximum less score (the maximum while it has no score).
    #[serde(serialize_with = "ser_dec")]
    pub headroom: Decimal,
    /// The part of the headroom that is self-assessed.
    #[serde(serialize_with = "ser_dec")]
    pub self_headroom: Decimal,
    /// Its next step in one line: its best suggestion, “已满分”, the self-assessed headroom,
    /// or what to correct.
    pub explanation: String,
    /// The same in English.
    pub explanation_en: String,
}

/// A group's headroom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupHeadroom {
    /// The group's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The same in English.
    pub name_en: String,
    /// Whether it holds bonus items.
    pub bonus: bool,
    /// Its subtotal now.
    #[serde(serialize_with = "ser_dec")]
    pub score: Decimal,
    /// Its weight.
    #[serde(serialize_with = "ser_dec")]
    pub max: Decimal,
    /// Weight less subtotal (before the cap on the bonus total, which `Advice` applies).
    #[serde(serialize_with = "ser_dec")]
    pub headroom: Decimal,
    /// The part of the headroom that is self-assessed.
    #[serde(serialize_with = "ser_dec")]
    pub self_headroom: Decimal,
}

/// The distance to the next grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextGrade {
    /// The grade now.
    pub current: Option<String>,
    /// The same in English.
    pub current_en: Option<String>,
    /// The next grade up.
    pub grade: String,
    /// The same in English.
    pub grade_en: String,
    /// The points the total is short of it (0 when only a veto or a limit stands between).
    #[serde(serialize_with = "ser_dec")]
    pub missing: Decimal,
    /// Whether reaching `missing` exactly is enough (the band includes its lower bound);
    /// otherwise more than `missing` is needed.
    pub inclusive: bool,
    /// Whether the headroom left can close the gap, nothing blocking it.
    pub reachable: bool,
    /// Whether a 一票否决 applies, so that no gain changes the grade until it is cleared.
    pub vetoed: bool,
    /// The veto clauses or grade limits that hold the grade where it is, whatever the total.
    pub blocked: Vec<String>,
    /// The same in English.
    pub blocked_en: Vec<String>,
    /// “距“优秀”还差 0.5 分”, or why no gain changes the grade.
    pub explanation: String,
    /// The same in English.
    pub explanation_en: String,
}

/// An input to correct before the items that read it can score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    /// The field.
    pub field: String,
    /// What is wrong, in Chinese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
    /// The items that score once it is corrected.
    pub items: Vec<String>,
}

/// What the whole rubric stands at before any change.
struct Now<'r, 'a> {
    rubric: &'r Rubric,
    items: &'a [ItemScore],
    /// The bonus items' scores added up, before the cap on the bonus total.
    bonus_sum: Decimal,
    /// Whether each veto applies.
    vetoes: Vec<bool>,
}

/// What would raise the score of `inputs` under `rubric`: see the [module docs](self).
/// Never fails: unreadable inputs are listed in [`Advice::fixes`], and a form (no score)
/// gets empty advice with a note.
pub fn advise(rubric: &Rubric, inputs: &Inputs) -> Advice {
    let mut env = Env::new(rubric, inputs);
    let report = report(&env, Detail::Scores);
    advice(&mut env, &report)
}

/// The report and the advice of `inputs` under `rubric`, reading the inputs once: what a
/// page update shows. The same as [`score`](crate::score) and [`advise`] called apart.
///
/// ```
/// use spacescore_core::{advise, score, score_and_advise, Inputs};
/// let catalog = spacescore_builtin::catalog();
/// let rubric = catalog.rubric("xinxiang/comprehensive").unwrap();
/// let mut inputs = Inputs::new();
/// inputs.insert("incubation_fund".into(), "180".into());
/// let (report, advice) = score_and_advise(rubric, &inputs);
/// assert_eq!(report, score(rubric, &inputs));
/// assert_eq!(advice, advise(rubric, &inputs));
/// ```
pub fn score_and_advise(rubric: &Rubric, inputs: &Inputs) -> (Report, Advice) {
    let mut env = Env::new(rubric, inputs);
    let report = report(&env, Detail::Explained);
    let advice = advice(&mut env, &report);
    (report, advice)
}

/// The advice, from the inputs read into `env` and their report.
fn advice<'r>(env: &mut Env<'r>, report: &Report) -> Advice {
    let rubric = env.rubric;
    let bonus_sum: Decimal = rubric
        .items()
        .iter()
        .zip(&report.items)
        .filter(|(i, _)| i.bonus())
        .filter_map(|(_, r)| r.score)
        .sum();
    let now = Now {
        rubric,
        items: &report.items,
        bonus_sum,
        vetoes: rubric
            .vetoes()
            .iter()
            .map(|v| veto_applies(env, v))
            .collect(),
    };

    // (item index, field index, suggestion), ranked below.
    let mut ranked: Vec<(usize, usize, Suggestion)> = Vec::new();
    let mut standings = Vec::new();
    for (index, (item, result)) in rubric.items().iter().zip(&report.items).enumerate() {
        let own = self_headroom(env, item, result);
        let mut count = 0;
        if let Some(s) = result.score.filter(|s| *s < item.max()) {
            let inputs = item.inputs();
            // A change is advice only where the total rises too: the search goes on past
            // one the item gains by but another item loses as much by.
            let accept =
                |e: &Env<'r>, id: &str| moved(e, &now, item, id).total_gain(&now) > Decimal::ZERO;
            let goal = search::Goal {
                base: s,
                accept: &accept,
            };
            for found in search::changes(env, item, &goal) {
                let order = inputs
                    .iter()
                    .position(|f| *f == found.field.id())
                    .unwrap_or(usize::MAX);
                if let Some(sg) = suggestion(env, &now, item, s, &found) {
                    ranked.push((index, order, sg));
                    count += 1;
                }
            }
        }
        let standing = match result.score {
            None => Standing::Unreadable,
            Some(s) if s >= item.max() => Standing::Max,
            Some(_) if count > 0 => Standing::Open,
            Some(_) if own > Decimal::ZERO => Standing::SelfAssessed,
            Some(_) => Standing::Stuck,
        };
        standings.push((standing, own));
    }
    ranked.sort_by(|(ia, fa, a), (ib, fb, b)| {
        b.total_gain
            .cmp(&a.total_gain)
            .then(b.gain.cmp(&a.gain))
            .then(ia.cmp(ib))
            .then(fa.cmp(fb))
    });
    let suggestions: Vec<Suggestion> = ranked.into_iter().map(|(_, _, s)| s).collect();

    let items: Vec<ItemAdvice> = rubric
        .items()
        .iter()
        .zip(&report.items)
        .zip(standings)
        .map(|((item, result), (standing, own))| {
            let mut advice = ItemAdvice {
                item: item.id().to_string(),
                group: item.group().to_string(),
                standing,
                score: result.score,
                max: item.max(),
                headroom: item.max() - result.score.unwrap_or(Decimal::ZERO),
                self_headroom: own,
                explanation: String::new(),
                explanation_en: String::new(),
            };
            let best = suggestions.iter().find(|s| s.item == item.id());
            let line = |lang| {
                let best = best.map(|b| match lang {
                    Lang::Zh => b.explanation.as_str(),
                    Lang::En => b.explanation_en.as_str(),
                });
                wording::item(env, item, &advice, &result.errors, best, lang)
            };
            let (zh, en) = (line(Lang::Zh), line(Lang::En));
            advice.explanation = zh;
            advice.explanation_en = en;
            advice
        })
        .collect();

    let groups: Vec<GroupHeadroom> = rubric
        .groups()
        .iter()
        .zip(&report.groups)
        .map(|(g, s)| GroupHeadroom {
            id: g.id().to_string(),
            name: g.name().zh.clone(),
            name_en: g.name().en.clone(),
            bonus: g.bonus(),
            score: s.score,
            max: g.max(),
            headroom: (g.max() - s.score).max(Decimal::ZERO),
            self_headroom: items
                .iter()
                .filter(|i| i.group == g.id())
                .map(|i| i.self_headroom)
                .sum(),
        })
        .collect();

    let scored = rubric.method() != Method::Form;
    let base_headroom = if scored {
        (rubric.base_max() - report.base.unwrap_or_default()).max(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };
    let bonus_headroom = if scored {
        (rubric.bonus_max() - report.bonus.unwrap_or_default()).max(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };
    let headroom = base_headroom + bonus_headroom;
    let next_grade = next_grade(rubric, report, headroom);

    let fixes: Vec<Fix> = report
        .errors
        .iter()
        .map(|e| Fix {
            field: e.field.clone(),
            message: e.message.clone(),
            message_en: e.message_en.clone(),
            items: report
                .items
                .iter()
                .filter(|i| i.errors.contains(&e.field))
                .map(|i| i.id.clone())
                .collect(),
        })
        .collect();

    let mut notes = Vec::new();
    let mut notes_en = Vec::new();
    if !scored {
        notes.push("数据表不评分，没有提分建议".to_string());
        notes_en.push("A data form has no score, so there is nothing to raise".to_string());
    }
    if report.vetoed {
        notes.push(format!(
            "已触发一票否决（{}）：否决解除前，任何加分都不会改变评价结果",
            report.veto_reasons.join("；")
        ));
        notes_en.push(format!(
            "Vetoed ({}): no gain changes the result until the veto is cleared",
            report.veto_reasons_en.join("; ")
        ));
    }
    let bonus_open = items
        .iter()
        .zip(rubric.items())
        .any(|(a, i)| i.bonus() && a.headroom > Decimal::ZERO);
    if scored && bonus_open && now.bonus_sum >= rubric.bonus_max() {
        let cap = crate::text::fmt_dec(rubric.bonus_max());
        notes.push(format!(
            "加分项合计已达上限 {cap} 分：再提高加分项不会增加总分"
        ));
        notes_en.push(format!(
            "The bonus total is at its cap of {cap}: raising bonus items adds nothing to the total"
        ));
    }
    if !fixes.is_empty() {
        notes.push(format!(
            "有 {} 项数据无法识别，更正后相关指标才能计分",
            fixes.len()
        ));
        notes_en.push(format!(
            "{} input(s) cannot be read; the items that use them score once they are corrected",
            fixes.len()
        ));
    }

    Advice {
        rubric: rubric.id().to_string(),
        rubric_version: rubric.version().to_string(),
        total: report.total,
        headroom,
        base_headroom,
        bonus_headroom,
        suggestions,
        items,
        groups,
        next_grade,
        fixes,
        notes,
        notes_en,
    }
}

/// The self-assessed part of an item's headroom: what its self-assessment terms can still
/// add above the scores given, within the item's cap. (A self-score that waits for its
/// question's yes counts as given: the yes is the figure's suggestion.)
fn self_headroom(env: &Env<'_>, item: &Item, result: &ItemScore) -> Decimal {
    let Some(score) = result.score else {
        return Decimal::ZERO;
    };
    let at = env.at.item_of(env.rubric, item);
    let open: Decimal = item
        .terms()
        .iter()
        .zip(&at.terms)
        .filter(|(t, _)| matches!(t.rule, Rule::SelfScore { .. }))
        .map(|(t, r)| {
            let part = evaluate(env, t, r);
            t.ceiling().map_or(Decimal::ZERO, |c| c - part.unblocked)
        })
        .sum();
    open.min(item.max() - score).max(Decimal::ZERO)
}

/// What a change of the field `id` does to the items that read it, `env` holding it: the
/// base's and the bonus items' change, and each other item that moves.
struct Moved<'r> {
    base: Decimal,
    bonus: Decimal,
    also: Vec<(&'r Item, Decimal)>,
}

impl Moved<'_> {
    /// What the total gains: the base's change, and the bonus's within its cap.
    fn total_gain(&self, now: &Now<'_, '_>) -> Decimal {
        let cap = now.rubric.bonus_max();
        let bonus_after = now.bonus_sum + self.bonus;
        self.base + bonus_after.min(cap) - now.bonus_sum.min(cap)
    }
}

fn moved<'r>(env: &Env<'r>, now: &Now<'r, '_>, item: &Item, id: &str) -> Moved<'r> {
    let mut out = Moved {
        base: Decimal::ZERO,
        bonus: Decimal::ZERO,
        also: Vec::new(),
    };
    for (other, result) in now.rubric.items().iter().zip(now.items) {
        if !other.inputs().contains(&id) {
            continue;
        }
        let (Some(was), Some(is)) = (result.score, item_points(env, other)) else {
            continue;
        };
        let delta = is - was;
        if delta.is_zero() {
            continue;
        }
        if other.bonus() {
            out.bonus += delta;
        } else {
            out.base += delta;
        }
        if other.id() != item.id() {
            out.also.push((other, delta));
        }
    }
    out
}

/// A found change made into a suggestion: the value read as `score` reads it, the item and
/// every other item that reads the field scored again, and the sentence.
fn suggestion<'r>(
    env: &mut Env<'r>,
    now: &Now<'r, '_>,
    item: &'r Item,
    score: Decimal,
    found: &Found<'r>,
) -> Option<Suggestion> {
    let field = found.field;
    let id = field.id();
    let Ok(Some(reading)) = read(field, &found.value) else {
        return None;
    };
    let before: Vec<Part> = parts(env, item);
    let old = env.replace(id, Slot::Value(reading));
    let made = made(env, now, item, score, found, &old, &before);
    env.replace(id, old.clone());
    let (gain, total_gain, also, vetoes, explanation, explanation_en) = made?;
    Some(Suggestion {
        item: item.id().to_string(),
        group: item.group().to_string(),
        field: id.to_string(),
        change: found.change,
        from: value_text(&old),
        to: found.to.clone(),
        value: found.value.clone(),
        add: found.add.clone(),
        any_of: found.any_of.clone(),
        gain,
        total_gain,
        also,
        vetoes,
        explanation,
        explanation_en,
    })
}

type Made = (Decimal, Decimal, Vec<Effect>, Vec<String>, String, String);

/// What the change does, `env` holding it: the item's gain, the total's, the other items
/// it moves, the vetoes it sets off, and the sentences.
fn made<'r>(
    env: &Env<'r>,
    now: &Now<'r, '_>,
    item: &'r Item,
    score: Decimal,
    found: &Found<'r>,
    from: &Slot,
    before: &[Part],
) -> Option<Made> {
    let id = found.field.id();
    let gain = item_points(env, item)? - score;
    if gain <= Decimal::ZERO {
        return None;
    }
    let moved = moved(env, now, item, id);
    let total_gain = moved.total_gain(now);
    // A change that does not raise the total is no advice: the same input lowers another
    // item as much or more, or the bonus total is at its cap. (The search passes such a
    // change by; this holds the line for every kind of change.)
    if total_gain <= Decimal::ZERO {
        return None;
    }
    let also = moved.also;
    let cap = now.rubric.bonus_max();
    let bonus_after = now.bonus_sum + moved.bonus;
    let bonus_cap = (item.bonus() && bonus_after > cap).then_some(cap);
    let vetoes: Vec<&'r crate::rubric::Veto> = now
        .rubric
        .vetoes()
        .iter()
        .zip(&now.vetoes)
        .filter(|(v, was)| !**was && veto_applies(env, v))
        .map(|(v, _)| v)
        .collect();
    let after: Vec<Part> = parts(env, item);
    let said = wording::Said {
        item,
        found,
        from,
        before,
        after: &after,
        gain,
        total_gain,
        bonus_cap,
        also: &also,
        vetoes: &vetoes,
    };
    Some((
        gain,
        total_gain,
        also.iter()
            .map(|(i, d)| Effect {
                item: i.id().to_string(),
                change: *d,
            })
            .collect(),
        vetoes.iter().map(|v| v.id().to_string()).collect(),
        wording::suggestion(env, &said, Lang::Zh),
        wording::suggestion(env, &said, Lang::En),
    ))
}

/// A field's value as text: what a person would type for it.
fn value_text(slot: &Slot) -> String {
    match slot {
        Slot::Value(Reading::Number(n)) => crate::text::fmt_dec(*n),
        Slot::Value(Reading::Bool(true)) => "是".into(),
        Slot::Value(Reading::Bool(false)) => "否".into(),
        Slot::Value(Reading::Choices(c)) => c.join("、"),
        Slot::Missing | Slot::Bad => String::new(),
    }
}

/// The distance to the grade above the one the report gives, where the rubric has grade
/// bands and there is one above.
fn next_grade(
    rubric: &Rubric,
    report: &crate::score::Report,
    headroom: Decimal,
) -> Option<NextGrade> {
    let grades = rubric.grades();
    let total = report.total?;
    let now = match &report.grade {
        Some(g) => grades.iter().position(|x| &x.name().zh == g),
        None => grades.iter().position(|x| x.range().contains(total)),
    }?;
    let next = grades.get(now + 1)?;
    let (missing, inclusive) = match next.range().lower {
        Some(b) => ((b.value - total).max(Decimal::ZERO), b.inclusive),
        None => (Decimal::ZERO, true),
    };
    let (blocked, blocked_en) = if report.vetoed {
        (report.veto_reasons.clone(), report.veto_reasons_en.clone())
    } else {
        (report.grade_notes.clone(), report.grade_notes_en.clone())
    };
    let fits = if inclusive {
        missing <= headroom
    } else {
        missing < headroom
    };
    let mut g = NextGrade {
        current: report.grade.clone(),
        current_en: report.grade_en.clone(),
        grade: next.name().zh.clone(),
        grade_en: next.name().en.clone(),
        missing,
        inclusive,
        reachable: blocked.is_empty() && fits,
        vetoed: report.vetoed,
        blocked,
        blocked_en,
        explanation: String::new(),
        explanation_en: String::new(),
    };
    g.explanation = wording::next_grade(&g, headroom, Lang::Zh);
    g.explanation_en = wording::next_grade(&g, headroom, Lang::En);
    Some(g)
}
