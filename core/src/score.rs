//! The engine: a rubric and inputs in, an explained [`Report`] out.
//!
//! Every rule is evaluated in exact decimal arithmetic. A missing input counts as zero
//! and is listed; an input that cannot be read is reported against its field, its item
//! shows no score, and everything else still scores.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::input::{read, FieldError, Inputs, Reading};
use crate::rubric::{
    Band, Bound, Comparison, Field, FieldKind, Figure, Item, Method, Quantity, Rubric, Rule, Term,
    Trigger,
};
use crate::text::{fmt_dec, fmt_figure, ser_dec, ser_opt_dec, Lang};

/// The result of scoring one space under one rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The rubric's id.
    pub rubric: String,
    /// The rubric data's version.
    pub rubric_version: String,
    /// `formula`, `weights` or `form`.
    pub method: &'static str,
    /// The base score (null for a form).
    #[serde(serialize_with = "ser_opt_dec")]
    pub base: Option<Decimal>,
    /// The bonus points (null for a form).
    #[serde(serialize_with = "ser_opt_dec")]
    pub bonus: Option<Decimal>,
    /// Base plus bonus (null for a form).
    #[serde(serialize_with = "ser_opt_dec")]
    pub total: Option<Decimal>,
    /// The most the base can be.
    #[serde(serialize_with = "ser_dec")]
    pub base_max: Decimal,
    /// The most the bonus can be.
    #[serde(serialize_with = "ser_dec")]
    pub bonus_max: Decimal,
    /// The grade, where the document publishes bands or a veto names one.
    pub grade: Option<String>,
    /// The grade in English.
    pub grade_en: Option<String>,
    /// Why the grade is lower than the total alone would give, if it is.
    pub grade_notes: Vec<String>,
    /// The same in English.
    pub grade_notes_en: Vec<String>,
    /// Whether a 一票否决 clause applies.
    pub vetoed: bool,
    /// The clauses that apply, verbatim.
    pub veto_reasons: Vec<String>,
    /// The same in English.
    pub veto_reasons_en: Vec<String>,
    /// Subtotals by group.
    pub groups: Vec<GroupScore>,
    /// Every item's score and explanation.
    pub items: Vec<ItemScore>,
    /// Figures computed for the whole rubric (a form's derived figures).
    pub figures: Vec<FigureValue>,
    /// Fields the score needs that are still empty (they count as zero).
    pub missing: Vec<String>,
    /// Fields that could not be read.
    pub errors: Vec<FieldError>,
    /// Figures that do not agree with each other.
    pub warnings: Vec<Warning>,
    /// Inputs this rubric does not read.
    pub ignored: Vec<String>,
}

impl Report {
    /// Whether every needed field is filled and readable.
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && self.errors.is_empty()
    }

    /// The score of the item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// A group's subtotal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    /// The group's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its items' scores added up.
    #[serde(serialize_with = "ser_dec")]
    pub score: Decimal,
    /// Its weight.
    #[serde(serialize_with = "ser_dec")]
    pub max: Decimal,
    /// Whether it holds bonus items.
    pub bonus: bool,
}

/// One item's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemScore {
    /// The item's id.
    pub id: String,
    /// Its group's id.
    pub group: String,
    /// Its score; null while one of its inputs cannot be read.
    #[serde(serialize_with = "ser_opt_dec")]
    pub score: Option<Decimal>,
    /// Its maximum.
    #[serde(serialize_with = "ser_dec")]
    pub max: Decimal,
    /// Whether its terms added up to more than the maximum, so the cap applied.
    pub capped: bool,
    /// Whether any part of it is self-assessed.
    pub self_assessed: bool,
    /// How the score came about, naming the figures and the rule.
    pub explanation: String,
    /// The same in English.
    pub explanation_en: String,
    /// Its inputs that are still empty.
    pub missing: Vec<String>,
    /// Its inputs that cannot be read.
    pub errors: Vec<String>,
    /// Figures computed beside it.
    pub figures: Vec<FigureValue>,
}

/// A computed figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureValue {
    /// The figure's id.
    pub id: String,
    /// What it is called.
    pub label: String,
    /// The same in English.
    pub label_en: String,
    /// Its exact value; null when it cannot be computed (nothing to divide by).
    #[serde(serialize_with = "ser_opt_dec")]
    pub value: Option<Decimal>,
    /// Its value for display ("66.67%"), or "—".
    pub display: String,
    /// Whether it meets its reference line, where it has one and can be computed.
    pub meets: Option<bool>,
    /// The reference line, for display ("≥ 50%").
    pub target: Option<String>,
}

/// A consistency warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What does not agree, in Chinese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
    /// The fields involved.
    pub fields: Vec<String>,
}

/// Scores `inputs` under `rubric`.
///
/// # Example
/// ```
/// use spacescore_core::{score, Catalog, Inputs};
/// let catalog = Catalog::builtin().unwrap();
/// let rubric = catalog.rubric("xinxiang/comprehensive").unwrap();
/// let mut inputs = Inputs::new();
/// inputs.insert("incubation_fund".into(), "180".into());
/// let report = score(rubric, &inputs);
/// let item = report.item("incubation-fund").unwrap();
/// assert_eq!(item.score, Some(7.into()));
/// assert!(item.explanation.contains("180 万元"));
/// ```
pub fn score(rubric: &Rubric, inputs: &Inputs) -> Report {
    let env = Env::new(rubric, inputs);
    let items: Vec<ItemScore> = rubric.items().iter().map(|i| env.item(i)).collect();

    let groups: Vec<GroupScore> = rubric
        .groups()
        .iter()
        .map(|g| GroupScore {
            id: g.id().to_string(),
            name: g.name().zh.clone(),
            score: items
                .iter()
                .filter(|i| i.group == g.id())
                .filter_map(|i| i.score)
                .sum(),
            max: g.max(),
            bonus: g.bonus(),
        })
        .collect();
    let scored = rubric.method() != Method::Form;
    let base: Decimal = groups.iter().filter(|g| !g.bonus).map(|g| g.score).sum();
    let bonus: Decimal = groups.iter().filter(|g| g.bonus).map(|g| g.score).sum();
    let total = base + bonus;

    let mut veto_reasons = Vec::new();
    let mut veto_reasons_en = Vec::new();
    let mut veto_grade = None;
    for v in rubric.vetoes() {
        let applies = match v.trigger() {
            Trigger::Flag(f) => matches!(env.slot(f), Slot::Value(Reading::Bool(true))),
            Trigger::Compare(c) => {
                let m = env.measure(&c.quantity);
                // An unanswered count does not veto; it is listed as missing instead.
                m.missing.is_empty() && !m.bad && m.value.is_some_and(|x| c.op.holds(x, c.value))
            }
        };
        if applies {
            veto_reasons.push(v.text().zh.clone());
            veto_reasons_en.push(v.text().en.clone());
            if veto_grade.is_none() {
                veto_grade = v.grade().map(str::to_string);
            }
        }
    }
    let vetoed = !veto_reasons.is_empty();

    let (grade, grade_en, grade_notes, grade_notes_en) =
        grade(rubric, &env, total, vetoed, veto_grade);

    let mut warnings = Vec::new();
    for c in rubric.checks() {
        let left = env.measure(c.left());
        let right = env.measure(c.right());
        let filled = left.missing.is_empty() && right.missing.is_empty() && !left.bad && !right.bad;
        if let (true, Some(l), Some(r)) = (filled, left.value, right.value) {
            if !c.op().holds(l, r) {
                let mut fields: Vec<String> =
                    c.left().fields().into_iter().map(str::to_string).collect();
                fields.extend(c.right().fields().into_iter().map(str::to_string));
                warnings.push(Warning {
                    message: format!(
                        "{}（{} {} {}）",
                        c.message().zh,
                        fmt_dec(l),
                        not(c.op().sign()),
                        fmt_dec(r)
                    ),
                    message_en: format!(
                        "{} ({} {} {})",
                        c.message().en,
                        fmt_dec(l),
                        not(c.op().sign()),
                        fmt_dec(r)
                    ),
                    fields,
                });
            }
        }
    }

    let missing = rubric
        .required_fields()
        .into_iter()
        .filter(|f| matches!(env.slot(f), Slot::Missing))
        .map(str::to_string)
        .collect();
    let ignored = inputs
        .keys()
        .filter(|k| rubric.field(k).is_none())
        .cloned()
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
        grade,
        grade_en,
        grade_notes,
        grade_notes_en,
        vetoed,
        veto_reasons,
        veto_reasons_en,
        groups,
        items,
        figures: rubric.figures().iter().map(|f| env.figure(f)).collect(),
        missing,
        errors: env.errors,
        warnings,
        ignored,
    }
}

/// The negation of a comparison sign, for warnings that show what was found.
fn not(sign: &str) -> &'static str {
    match sign {
        "<" => "≥",
        "≤" => ">",
        "=" => "≠",
        "≥" => "<",
        _ => "≤",
    }
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
        let named = veto_grade.map(|n| {
            let en = grades
                .iter()
                .find(|g| g.name().zh == n)
                .map(|g| g.name().en.clone());
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
    for limit in rubric.limits() {
        if matches!(env.slot(limit.flag()), Slot::Value(Reading::Bool(true)))
            && index > limit.grade_at_most()
        {
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

/// What is known of one field.
#[derive(Debug, Clone)]
enum Slot {
    Missing,
    Value(Reading),
    Bad,
}

/// A quantity's value, with what went into it.
#[derive(Debug, Clone, Default)]
struct Measured {
    /// None when it cannot be computed (a division by zero, or an absurd result).
    value: Option<Decimal>,
    missing: Vec<String>,
    bad: bool,
}

/// The readings of one scoring run.
struct Env<'a> {
    rubric: &'a Rubric,
    slots: BTreeMap<&'a str, Slot>,
    errors: Vec<FieldError>,
}

impl<'a> Env<'a> {
    fn new(rubric: &'a Rubric, inputs: &Inputs) -> Self {
        let mut slots = BTreeMap::new();
        let mut errors = Vec::new();
        // Report errors in form order, so the first message is the first bad field.
        let order = rubric
            .required_fields()
            .into_iter()
            .chain(
                rubric
                    .items()
                    .iter()
                    .flat_map(|i| i.aids().iter().map(String::as_str)),
            )
            .chain(rubric.fields().keys().map(String::as_str));
        for id in order {
            if slots.contains_key(id) {
                continue;
            }
            let Some(field) = rubric.field(id) else {
                continue;
            };
            let slot = match inputs.get(id).map(|v| read(field, v)) {
                None | Some(Ok(None)) => Slot::Missing,
                Some(Ok(Some(r))) => Slot::Value(r),
                Some(Err(e)) => {
                    errors.push(e);
                    Slot::Bad
                }
            };
            slots.insert(field.id(), slot);
        }
        Env {
            rubric,
            slots,
            errors,
        }
    }

    fn slot(&self, id: &str) -> &Slot {
        self.slots.get(id).unwrap_or(&Slot::Missing)
    }

    fn field(&self, id: &str) -> Option<&'a Field> {
        self.rubric.field(id)
    }

    /// Adds up fields; missing ones count as zero and are noted.
    fn sum(&self, ids: &[String], m: &mut Measured) -> Option<Decimal> {
        let mut total = Decimal::ZERO;
        for id in ids {
            match self.slot(id) {
                Slot::Value(r) => total = total.checked_add(r.quantity()?)?,
                Slot::Missing => m.missing.push(id.clone()),
                Slot::Bad => m.bad = true,
            }
        }
        Some(total)
    }

    fn measure(&self, q: &Quantity) -> Measured {
        let mut m = Measured::default();
        let one = |id: &String| vec![id.clone()];
        m.value = match q {
            Quantity::Field(id) => self.sum(&one(id), &mut m),
            Quantity::Sum(ids) => self.sum(ids, &mut m),
            Quantity::Percent {
                numerator,
                denominator,
            } => {
                let n = self.sum(numerator, &mut m);
                let d = self.sum(denominator, &mut m);
                ratio(n, d).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            }
            Quantity::Ratio {
                numerator,
                denominator,
            } => {
                let n = self.sum(numerator, &mut m);
                let d = self.sum(denominator, &mut m);
                ratio(n, d)
            }
            Quantity::Growth { current, previous } => {
                let c = self.sum(&one(current), &mut m);
                let p = self.sum(&one(previous), &mut m);
                ratio(c, p)
                    .and_then(|r| r.checked_sub(Decimal::ONE))
                    .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            }
            Quantity::Difference { plus, minus } => {
                let p = self.sum(plus, &mut m);
                let n = self.sum(minus, &mut m);
                p.zip(n).and_then(|(p, n)| p.checked_sub(n))
            }
        };
        if m.bad {
            m.value = None;
        }
        m
    }

    fn figure(&self, f: &Figure) -> FigureValue {
        let m = self.measure(f.quantity());
        let pct = f.quantity().is_percent();
        let show = |v: Decimal| {
            if pct {
                format!("{}%", fmt_figure(v))
            } else {
                fmt_figure(v)
            }
        };
        let complete = m.missing.is_empty() && !m.bad;
        let value = if complete { m.value } else { None };
        FigureValue {
            id: f.id().to_string(),
            label: f.label().zh.clone(),
            label_en: f.label().en.clone(),
            value,
            display: value.map(show).unwrap_or_else(|| "—".to_string()),
            meets: f.target().and_then(|(op, t)| value.map(|v| op.holds(v, t))),
            target: f
                .target()
                .map(|(op, t)| format!("{} {}", op.sign(), show(t))),
        }
    }

    fn item(&self, item: &Item) -> ItemScore {
        let inputs = item.inputs();
        let errors: Vec<String> = inputs
            .iter()
            .filter(|f| matches!(self.slot(f), Slot::Bad))
            .map(|f| f.to_string())
            .collect();
        let missing: Vec<String> = inputs
            .iter()
            .filter(|f| matches!(self.slot(f), Slot::Missing))
            .map(|f| f.to_string())
            .collect();
        let figures = item.figures().iter().map(|f| self.figure(f)).collect();
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
            let names = |lang| {
                base.errors
                    .iter()
                    .map(|f| self.name(f, lang))
                    .collect::<Vec<_>>()
                    .join(sep(lang))
            };
            return ItemScore {
                explanation: format!("请先更正{}，本项暂不计分", names(Lang::Zh)),
                explanation_en: format!(
                    "Correct {} first; this item is not scored until then",
                    names(Lang::En)
                ),
                ..base
            };
        }
        let outcomes: Vec<Outcome> = item.terms().iter().map(|t| self.term(t)).collect();
        let sum: Decimal = outcomes.iter().map(|o| o.points).sum();
        let capped = sum > item.max();
        let score = sum.min(item.max()).max(Decimal::ZERO);
        let explain = |lang: Lang| {
            let mut s = outcomes
                .iter()
                .map(|o| o.text(lang))
                .collect::<Vec<_>>()
                .join(match lang {
                    Lang::Zh => "；",
                    Lang::En => "; ",
                });
            if outcomes.len() > 1 {
                s.push_str(&match lang {
                    Lang::Zh => format!("；合计 {} 分", fmt_dec(sum)),
                    Lang::En => format!("; together {} points", fmt_dec(sum)),
                });
            }
            if capped {
                s.push_str(&match lang {
                    Lang::Zh => format!("，超过本项上限，按最高 {} 分计", fmt_dec(item.max())),
                    Lang::En => format!(
                        ", above this item's cap, so it counts as {} points",
                        fmt_dec(item.max())
                    ),
                });
            }
            s
        };
        ItemScore {
            score: Some(score),
            capped,
            explanation: explain(Lang::Zh),
            explanation_en: explain(Lang::En),
            ..base
        }
    }

    /// A field's name in `lang`, for explanations.
    fn name(&self, id: &str, lang: Lang) -> String {
        match self.field(id) {
            Some(f) => match lang {
                Lang::Zh => format!("「{}」", f.name().zh),
                Lang::En => format!("“{}”", f.name().en),
            },
            None => id.to_string(),
        }
    }

    /// "服务总面积 1200 平方米", "服务总面积 未填（按 0 计）".
    fn show_field(&self, id: &str, label: Option<&crate::text::Text>, lang: Lang) -> String {
        let Some(f) = self.field(id) else {
            return id.to_string();
        };
        let name = label.unwrap_or(f.name()).get(lang);
        match self.slot(id) {
            Slot::Value(r) => match r.quantity() {
                Some(v) => format!("{name} {}{}", fmt_dec(v), unit_suffix(f, lang)),
                None => name.to_string(),
            },
            _ => match lang {
                Lang::Zh => format!("{name} 未填（按 0 计）"),
                Lang::En => format!("{name} not entered (counts as 0)"),
            },
        }
    }

    /// Describes a quantity with its figures, for explanations.
    fn show(&self, q: &Quantity, label: Option<&crate::text::Text>, lang: Lang) -> String {
        let m = self.measure(q);
        let value = m.value.map(fmt_figure).unwrap_or_else(|| "—".into());
        let plain = |ids: &[String]| {
            ids.iter()
                .map(|i| self.show_field(i, None, lang))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let list = |ids: &[String]| {
            let parts = plain(ids);
            match (ids.len() > 1, lang) {
                (false, _) => parts,
                (true, Lang::Zh) => format!("［{parts}］"),
                (true, Lang::En) => format!("[{parts}]"),
            }
        };
        let label_text = label.map(|l| l.get(lang).to_string()).unwrap_or_default();
        let unknown = match lang {
            Lang::Zh => "无法计算（分母为 0）",
            Lang::En => "cannot be computed (nothing to divide by)",
        };
        match q {
            Quantity::Field(id) => self.show_field(id, label, lang),
            Quantity::Sum(ids) => {
                let unit = ids
                    .first()
                    .and_then(|i| self.field(i))
                    .map(|f| unit_suffix(f, lang))
                    .unwrap_or_default();
                match (label_text.is_empty(), lang) {
                    (true, Lang::Zh) => format!("{}，合计 {value}{unit}", plain(ids)),
                    (true, Lang::En) => format!("{}, together {value}{unit}", plain(ids)),
                    (false, Lang::Zh) => format!("{label_text} {value}{unit}（{}）", plain(ids)),
                    (false, Lang::En) => format!("{label_text} {value}{unit} ({})", plain(ids)),
                }
            }
            Quantity::Percent {
                numerator,
                denominator,
            }
            | Quantity::Ratio {
                numerator,
                denominator,
            } => {
                let pct = if matches!(q, Quantity::Percent { .. }) {
                    "%"
                } else {
                    ""
                };
                let shown = if m.value.is_some() {
                    format!("{value}{pct}")
                } else {
                    unknown.to_string()
                };
                paren(
                    lang,
                    format!("{label_text} {shown}"),
                    format!("{} ÷ {}", list(numerator), list(denominator)),
                )
            }
            Quantity::Growth { current, previous } => match m.value {
                Some(_) => paren(
                    lang,
                    format!("{label_text} {value}%"),
                    format!(
                        "{} ÷ {} − 1",
                        self.show_field(current, None, lang),
                        self.show_field(previous, None, lang)
                    ),
                ),
                None => format!("{label_text} {unknown}"),
            },
            Quantity::Difference { plus, minus } => paren(
                lang,
                format!("{label_text} {value}"),
                format!("{} − {}", list(plus), list(minus)),
            ),
        }
    }

    /// The unit of a quantity, for "每 2 人".
    fn unit(&self, q: &Quantity, lang: Lang) -> String {
        match q {
            Quantity::Percent { .. } | Quantity::Growth { .. } => "%".into(),
            Quantity::Ratio { .. } => String::new(),
            _ => q
                .fields()
                .first()
                .and_then(|f| self.field(f))
                .map(|f| unit_suffix(f, lang))
                .unwrap_or_default(),
        }
    }

    fn term(&self, term: &Term) -> Outcome {
        let label = term.label.as_ref();
        let zero = Decimal::ZERO;
        match &term.rule {
            Rule::Bands { quantity, bands } => {
                let x = self.measure(quantity).value.unwrap_or(zero);
                let band = bands.iter().find(|b| b.range.contains(x));
                let points = band.map(|b| b.points).unwrap_or(zero);
                Outcome::new(points, |lang| {
                    let q = self.show(quantity, label, lang);
                    let unit = self.unit(quantity, lang);
                    match (band, lang) {
                        (Some(b), Lang::Zh) => format!(
                            "{q}：属“{}”一档，得 {} 分",
                            band_zh(b, &unit),
                            fmt_dec(points)
                        ),
                        (Some(b), Lang::En) => format!(
                            "{q}: in the band “{}”, {} points",
                            band_en(b, &unit),
                            fmt_dec(points)
                        ),
                        (None, Lang::Zh) => format!("{q}：不在任何计分档位，得 0 分"),
                        (None, Lang::En) => format!("{q}: in no scoring band, 0 points"),
                    }
                })
            }
            Rule::Per {
                quantity,
                every,
                points,
            } => {
                let x = self.measure(quantity).value.unwrap_or(zero);
                let steps = x.checked_div(*every).map(|d| d.floor()).unwrap_or(zero);
                let got = steps.checked_mul(*points).unwrap_or(zero);
                Outcome::new(got, |lang| {
                    let q = self.show(quantity, label, lang);
                    let unit = self.unit(quantity, lang);
                    let one = *every == Decimal::ONE;
                    match (lang, one) {
                        (Lang::Zh, true) => format!(
                            "{q}，每{}得 {} 分，得 {} 分",
                            unit.trim(),
                            fmt_dec(*points),
                            fmt_dec(got)
                        ),
                        (Lang::Zh, false) => format!(
                            "{q}，每 {}{unit}得 {} 分，得 {} 分",
                            fmt_dec(*every),
                            fmt_dec(*points),
                            fmt_dec(got)
                        ),
                        (Lang::En, true) => {
                            format!("{q}; {} each: {}", pts_en(*points), pts_en(got))
                        }
                        (Lang::En, false) => format!(
                            "{q}; {} per {}{unit}: {}",
                            pts_en(*points),
                            fmt_dec(*every),
                            pts_en(got)
                        ),
                    }
                })
            }
            Rule::Step {
                quantity,
                threshold,
                points,
                step,
                step_points,
            } => {
                let x = self.measure(quantity).value.unwrap_or(zero);
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
                Outcome::new(got, |lang| {
                    let q = self.show(quantity, label, lang);
                    let unit = self.unit(quantity, lang);
                    // "20% 得" reads better than "20%得"; "50 万元得" is the document's own style.
                    let unit = if unit == "%" { "% ".to_string() } else { unit };
                    let t = fmt_dec(threshold.value);
                    let (p, s, n, e) = (
                        fmt_dec(*points),
                        fmt_dec(*step),
                        fmt_dec(steps),
                        fmt_dec(extra),
                    );
                    match (lang, threshold.inclusive, passed, steps.is_zero()) {
                        (Lang::Zh, true, false, _) => format!("{q}：未达到 {t}{unit}，得 0 分"),
                        (Lang::Zh, false, false, _) => format!("{q}：未大于 {t}{unit}，得 0 分"),
                        (Lang::Zh, inc, true, true) => format!("{q}：{} {t}{unit}得 {p} 分", if inc { "达到" } else { "大于" }),
                        (Lang::Zh, inc, true, false) => format!(
                            "{q}：{} {t}{unit}得 {p} 分，另增加 {n} 个 {s}{unit}加 {e} 分，共 {} 分",
                            if inc { "达到" } else { "大于" },
                            fmt_dec(got)
                        ),
                        (Lang::En, true, false, _) => format!("{q}: below {t}{unit}, 0 points"),
                        (Lang::En, false, false, _) => format!("{q}: not above {t}{unit}, 0 points"),
                        (Lang::En, inc, true, true) => format!("{q}: {} {t}{unit} gives {p} points", if inc { "reaching" } else { "above" }),
                        (Lang::En, inc, true, false) => format!(
                            "{q}: {} {t}{unit} gives {p} points, plus {e} for {n} further steps of {s}{unit}: {} points",
                            if inc { "reaching" } else { "above" },
                            fmt_dec(got)
                        ),
                    }
                })
            }
            Rule::Flag { field, points } => {
                let answer = match self.slot(field) {
                    Slot::Value(Reading::Bool(b)) => Some(*b),
                    _ => None,
                };
                let got = if answer == Some(true) { *points } else { zero };
                Outcome::new(got, |lang| {
                    let name = label
                        .or(self.field(field).map(Field::name))
                        .map(|t| t.get(lang).to_string())
                        .unwrap_or_default();
                    match (lang, answer) {
                        (Lang::Zh, Some(true)) => format!("{name}：是，得 {} 分", fmt_dec(got)),
                        (Lang::Zh, Some(false)) => format!("{name}：否，不得分"),
                        (Lang::Zh, None) => format!("{name}：未回答（按 0 计）"),
                        (Lang::En, Some(true)) => format!("{name}: yes, {} points", fmt_dec(got)),
                        (Lang::En, Some(false)) => format!("{name}: no, 0 points"),
                        (Lang::En, None) => format!("{name}: not answered (counts as 0)"),
                    }
                })
            }
            Rule::SelfScore { field, max } => {
                let given = match self.slot(field) {
                    Slot::Value(Reading::Number(n)) => Some(*n),
                    _ => None,
                };
                Outcome::new(given.unwrap_or(zero), |lang| match (lang, given) {
                    (Lang::Zh, Some(g)) => {
                        format!("自评 {} 分（满分 {} 分）", fmt_dec(g), fmt_dec(*max))
                    }
                    (Lang::Zh, None) => format!("尚未自评（满分 {} 分，按 0 计）", fmt_dec(*max)),
                    (Lang::En, Some(g)) => {
                        format!("self-assessed {} of {} points", fmt_dec(g), fmt_dec(*max))
                    }
                    (Lang::En, None) => format!(
                        "not yet self-assessed (out of {}, counts as 0)",
                        fmt_dec(*max)
                    ),
                })
            }
            Rule::Highest { options } => {
                let got = options
                    .iter()
                    .filter(|(f, _)| {
                        self.measure(&Quantity::Field(f.clone()))
                            .value
                            .is_some_and(|v| v > zero)
                    })
                    .map(|(_, p)| *p)
                    .max()
                    .unwrap_or(zero);
                Outcome::new(got, |lang| {
                    let list = options
                        .iter()
                        .map(|(f, _)| self.show_field(f, None, lang))
                        .collect::<Vec<_>>()
                        .join(sep(lang));
                    match lang {
                        Lang::Zh => {
                            format!("{list}：按最高项计，得 {} 分（不得累加）", fmt_dec(got))
                        }
                        Lang::En => format!(
                            "{list}: only the highest counts (no adding up), {} points",
                            fmt_dec(got)
                        ),
                    }
                })
            }
            Rule::Deduct {
                quantity,
                start,
                each,
            } => {
                let m = self.measure(quantity);
                let known = m.missing.is_empty();
                let n = m.value.unwrap_or(zero);
                let raw = n
                    .checked_mul(*each)
                    .and_then(|d| start.checked_sub(d))
                    .unwrap_or(zero);
                // A deduction needs its count: with none entered the part scores 0, like any missing input.
                let got = if known { raw.max(zero) } else { zero };
                Outcome::new(got, |lang| {
                    let q = self.show(quantity, label, lang);
                    let (s, e, c) = (fmt_dec(*start), fmt_dec(*each), fmt_dec(n));
                    match (lang, known, raw < zero) {
                        (Lang::Zh, false, _) => format!("{q}：按 0 计"),
                        (Lang::Zh, true, false) => {
                            format!("{q}：{s} − {c} × {e} = {} 分", fmt_dec(got))
                        }
                        (Lang::Zh, true, true) => format!("{q}：{s} − {c} × {e}，扣至 0 分为止"),
                        (Lang::En, false, _) => format!("{q}: counts as 0"),
                        (Lang::En, true, false) => {
                            format!("{q}: {s} − {c} × {e} = {} points", fmt_dec(got))
                        }
                        (Lang::En, true, true) => {
                            format!("{q}: {s} − {c} × {e}, deductions stop at 0")
                        }
                    }
                })
            }
            Rule::Condition { all, points } => {
                let holds = |c: &Comparison| {
                    self.measure(&c.quantity)
                        .value
                        .is_some_and(|v| c.op.holds(v, c.value))
                };
                let ok = all.iter().all(holds);
                let got = if ok { *points } else { zero };
                Outcome::new(got, |lang| {
                    let parts = all
                        .iter()
                        .map(|c| {
                            let unit = self.unit(&c.quantity, lang);
                            let mark = if holds(c) { "✓" } else { "✗" };
                            let need = match lang {
                                Lang::Zh => format!(
                                    "要求 {} {}{unit} {mark}",
                                    c.op.sign(),
                                    fmt_dec(c.value)
                                ),
                                Lang::En => format!(
                                    "needs {} {}{unit} {mark}",
                                    c.op.sign(),
                                    fmt_dec(c.value)
                                ),
                            };
                            paren(lang, self.show(&c.quantity, c.label.as_ref(), lang), need)
                        })
                        .collect::<Vec<_>>()
                        .join(sep(lang));
                    match (lang, ok) {
                        (Lang::Zh, true) => format!("{parts}：条件满足，得 {} 分", fmt_dec(got)),
                        (Lang::Zh, false) => format!("{parts}：条件未满足，得 0 分"),
                        (Lang::En, true) => format!("{parts}: met, {} points", fmt_dec(got)),
                        (Lang::En, false) => format!("{parts}: not met, 0 points"),
                    }
                })
            }
        }
    }
}

/// One term's points and its explanation in both languages.
struct Outcome {
    points: Decimal,
    zh: String,
    en: String,
}

impl Outcome {
    fn new(points: Decimal, text: impl Fn(Lang) -> String) -> Self {
        Outcome {
            points,
            zh: text(Lang::Zh),
            en: text(Lang::En),
        }
    }

    fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

fn ratio(n: Option<Decimal>, d: Option<Decimal>) -> Option<Decimal> {
    let (n, d) = (n?, d?);
    if d.is_zero() {
        None
    } else {
        n.checked_div(d)
    }
}

/// "a（b）" in Chinese, "a (b)" in English.
fn paren(lang: Lang, a: String, b: String) -> String {
    match lang {
        Lang::Zh => format!("{a}（{b}）"),
        Lang::En => format!("{a} ({b})"),
    }
}

fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

fn pts_en(points: Decimal) -> String {
    if points == Decimal::ONE {
        "1 point".into()
    } else {
        format!("{} points", fmt_dec(points))
    }
}

/// " 平方米" after a number, or "" for a field without a unit.
fn unit_suffix(f: &Field, lang: Lang) -> String {
    let u = f.unit().get(lang);
    match (u, f.kind()) {
        ("", _) => String::new(),
        ("%", _) | (_, FieldKind::Percent) => "%".into(),
        _ => format!(" {u}"),
    }
}

fn bound_zh(b: Bound, lower: bool, unit: &str) -> String {
    let v = fmt_dec(b.value);
    match (lower, b.inclusive) {
        (true, true) => format!("不少于 {v}{unit}"),
        (true, false) => format!("大于 {v}{unit}"),
        (false, true) => format!("至多 {v}{unit}"),
        (false, false) => format!("少于 {v}{unit}"),
    }
}

fn band_zh(b: &Band, unit: &str) -> String {
    match (b.range.lower, b.range.upper) {
        (Some(l), None) if l.inclusive => format!("{}{unit}及以上", fmt_dec(l.value)),
        (Some(l), None) => bound_zh(l, true, unit),
        (Some(l), Some(u)) => format!("{}且{}", bound_zh(l, true, unit), bound_zh(u, false, unit)),
        (None, Some(u)) => bound_zh(u, false, unit),
        (None, None) => "任意数值".into(),
    }
}

fn bound_en(b: Bound, lower: bool, unit: &str) -> String {
    let v = fmt_dec(b.value);
    match (lower, b.inclusive) {
        (true, true) => format!("at least {v}{unit}"),
        (true, false) => format!("over {v}{unit}"),
        (false, true) => format!("at most {v}{unit}"),
        (false, false) => format!("under {v}{unit}"),
    }
}

fn band_en(b: &Band, unit: &str) -> String {
    match (b.range.lower, b.range.upper) {
        (Some(l), None) if l.inclusive => format!("{}{unit} or more", fmt_dec(l.value)),
        (Some(l), None) => bound_en(l, true, unit),
        (Some(l), Some(u)) => format!(
            "{} and {}",
            bound_en(l, true, unit),
            bound_en(u, false, unit)
        ),
        (None, Some(u)) => bound_en(u, false, unit),
        (None, None) => "any value".into(),
    }
}
