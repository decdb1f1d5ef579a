//! How the sentences are built: each item's explanation in Chinese and English, from the
//! figures that went in and what decided each term's points (a [`Part`]).

use rust_decimal::Decimal;

use super::measure::{Env, Slot};
use super::report::Warning;
use super::{How, Part};
use crate::rubric::{Band, Bound, Consistency, Field, FieldKind, Item, Op, Quantity, Rule, Term};
use crate::text::{dec_text, fmt_dec, fmt_exact, Lang, Text};

/// The explanation of an item whose inputs cannot all be read.
pub(super) fn unreadable(env: &Env<'_>, errors: &[String], lang: Lang) -> String {
    let names = errors
        .iter()
        .map(|f| env.name(f, lang))
        .collect::<Vec<_>>()
        .join(sep(lang));
    match lang {
        Lang::Zh => format!("请先更正{names}，本项暂不计分"),
        Lang::En => format!("Correct {names} first; this item is not scored until then"),
    }
}

/// The explanation of a scored item: its terms' sentences, their sum, and the cap.
pub(super) fn item(
    env: &Env<'_>,
    item: &Item,
    parts: &[Part],
    sum: Decimal,
    capped: bool,
    lang: Lang,
) -> String {
    let mut s = item
        .terms()
        .iter()
        .zip(parts)
        .map(|(t, p)| env.term(t, p, lang))
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        });
    if parts.len() > 1 {
        s.push_str(&match lang {
            Lang::Zh => format!("；合计 {} 分", fmt_dec(sum)),
            Lang::En => format!("; together {}", pts_en(sum)),
        });
    }
    if capped {
        s.push_str(&match lang {
            Lang::Zh => format!("，超过本项上限，按最高 {} 分计", fmt_dec(item.max())),
            Lang::En => format!(
                ", above this item's cap, so it counts as {}",
                pts_en(item.max())
            ),
        });
    }
    s
}

/// How a consistency rule is broken, with the figures that show it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Broken {
    /// Both sides filled in: `left op right` does not hold.
    Whole { left: Decimal, right: Decimal },
    /// One side is a sum (or a field) of which only some parts are filled (`partial_left`
    /// says which), and those parts alone are already too large.
    Partial {
        left: Decimal,
        right: Decimal,
        partial_left: bool,
    },
}

/// The warning of a broken consistency rule, written over `out`: the check's message and
/// the figures that disagree, and `fields`, the check's fields (both sides). Written in
/// place, one space's warnings over the last one's: a batch of random figures breaks a
/// dozen rules a space.
pub(super) fn warning(c: &Consistency, broken: Broken, fields: &[String], out: &mut Warning) {
    let (zh, en) = (c.message().zh.as_str(), c.message().en.as_str());
    let (left, right) = match broken {
        Broken::Whole { left, right } | Broken::Partial { left, right, .. } => (left, right),
    };
    // Each figure as `fmt_dec` writes it; the message put together piece by piece.
    let (mut lb, mut rb) = ([0u8; 64], [0u8; 64]);
    let (l, r) = (dec_text(left, &mut lb), dec_text(right, &mut rb));
    // Each sign with the spaces around it, and the words beside it, one piece: a message
    // is six pieces, a batch writes a dozen of them a space.
    let strict = matches!(c.op(), Op::Lt | Op::Gt);
    let (message, message_en): ([&str; 6], [&str; 6]) = match broken {
        Broken::Whole { .. } => {
            let sign = not(c.op());
            ([zh, "（", l, sign, r, "）"], [en, " (", l, sign, r, ")"])
        }
        Broken::Partial {
            partial_left: true, ..
        } => {
            let sign = if strict { " ≥ " } else { " > " };
            (
                [zh, "（已填部分合计 ", l, sign, r, "）"],
                [
                    en,
                    " (the parts filled in so far add up to ",
                    l,
                    sign,
                    r,
                    ")",
                ],
            )
        }
        Broken::Partial {
            partial_left: false,
            ..
        } => {
            let (sign, sign_en) = if strict {
                (" ≤ 已填部分合计 ", " ≤ the parts filled in so far, ")
            } else {
                (" < 已填部分合计 ", " < the parts filled in so far, ")
            };
            ([zh, "（", l, sign, r, "）"], [en, " (", l, sign_en, r, ")"])
        }
    };
    let put = |out: &mut String, pieces: &[&str]| {
        out.clear();
        out.reserve(pieces.iter().map(|p| p.len()).sum());
        pieces.iter().for_each(|p| out.push_str(p));
    };
    put(&mut out.message, &message);
    put(&mut out.message_en, &message_en);
    super::set_all(&mut out.fields, fields.iter().map(String::as_str));
}

/// A warning that a part scores nothing because the yes/no question it depends on is not
/// answered yes, though its own figures would give `points` (a platform's services
/// self-assessed without the platform).
pub(super) fn blocked(
    env: &Env<'_>,
    item: &Item,
    term: &Term,
    field: &str,
    points: Decimal,
) -> Warning {
    let mut fields = vec![field.to_string()];
    fields.extend(term.rule.fields().into_iter().map(str::to_string));
    let p = fmt_dec(points);
    Warning {
        message: format!(
            "「{}」：{}不为“是”，此部分（{p} 分）不计分",
            item.name().zh,
            env.name(field, Lang::Zh)
        ),
        message_en: format!(
            "“{}”: {} is not answered yes, so this part ({}) does not count",
            item.name().en,
            env.name(field, Lang::En),
            pts_en(points)
        ),
        fields,
    }
}

/// The sign of a comparison's negation, with a space either side, for warnings that show
/// what was found.
fn not(op: Op) -> &'static str {
    match op {
        Op::Lt => " ≥ ",
        Op::Le => " > ",
        Op::Eq => " ≠ ",
        Op::Ge => " < ",
        Op::Gt => " ≤ ",
    }
}

impl Env<'_> {
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
    fn show_field(&self, id: &str, label: Option<&Text>, lang: Lang) -> String {
        let Some(f) = self.field(id) else {
            return id.to_string();
        };
        let name = label.unwrap_or(f.name()).get(lang);
        match self.slot(id) {
            Slot::Value(r) => match r.quantity() {
                Some(v) => format!("{name} {}{}", fmt_dec(v), unit_for(f, lang, v)),
                None => name.to_string(),
            },
            _ => match lang {
                Lang::Zh => format!("{name} 未填（按 0 计）"),
                Lang::En => format!("{name} not entered (counts as 0)"),
            },
        }
    }

    /// Describes a quantity with its figures, for explanations.
    fn show(&self, q: &Quantity, label: Option<&Text>, lang: Lang) -> String {
        let m = self.measure(q);
        let value = m.value.map(fmt_exact).unwrap_or_else(|| "—".into());
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

    /// The unit of a quantity, for "每 2 人": "%" for a percentage, none for a ratio, else
    /// its first field's (the advisor's sentences use it too).
    pub(crate) fn unit(&self, q: &Quantity, lang: Lang) -> String {
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

    /// One term's sentence: its rule's, then its own cap and its precondition.
    fn term(&self, term: &Term, part: &Part, lang: Lang) -> String {
        let mut s = self.rule_text(term, part, lang);
        if part.below_zero {
            s.push_str(match lang {
                Lang::Zh => "（结果为负数：只有扣分项扣分，此部分按 0 分计）",
                Lang::En => " (the result is negative: only a deduction takes points away, so this part counts as 0)",
            });
        }
        if let (true, Some(cap)) = (part.capped, term.cap) {
            let c = fmt_dec(cap);
            s.push_str(&match lang {
                Lang::Zh => format!("，此部分最高 {c} 分，按 {c} 分计"),
                Lang::En => format!(", at most {} for this part, so {c}", pts_en(cap)),
            });
        }
        if let (true, Some(field)) = (part.blocked, &term.requires) {
            let name = self.name(field, lang);
            s = match lang {
                Lang::Zh => format!("{name}不为“是”，此部分不计分（{s}）"),
                Lang::En => format!("{name} is not answered yes, so this part scores 0 ({s})"),
            };
        }
        s
    }

    /// The sentence of a term's rule, with the points the rule itself gives.
    fn rule_text(&self, term: &Term, part: &Part, lang: Lang) -> String {
        let label = term.label.as_ref();
        let got = part.raw;
        match (&term.rule, &part.how) {
            (Rule::Bands { quantity, bands }, How::Bands { band, .. }) => {
                let q = self.show(quantity, label, lang);
                let unit = self.unit(quantity, lang);
                let band = band.and_then(|i| bands.get(i));
                match (band, lang) {
                    (Some(b), Lang::Zh) => {
                        format!("{q}：属“{}”一档，得 {} 分", band_zh(b, &unit), fmt_dec(got))
                    }
                    (Some(b), Lang::En) => {
                        format!("{q}: in the band “{}”, {}", band_en(b, &unit), pts_en(got))
                    }
                    (None, Lang::Zh) => format!("{q}：不在任何计分档位，得 0 分"),
                    (None, Lang::En) => format!("{q}: in no scoring band, 0 points"),
                }
            }
            (
                Rule::Per {
                    quantity,
                    every,
                    points,
                },
                How::Per { .. },
            ) => {
                let q = self.show(quantity, label, lang);
                let unit = self.unit(quantity, lang);
                match lang {
                    Lang::Zh => format!(
                        "{q}，{}得 {} 分，得 {} 分",
                        per_zh(*every, &unit),
                        fmt_dec(*points),
                        fmt_dec(got)
                    ),
                    Lang::En => format!(
                        "{q}; {} {}: {}",
                        pts_en(*points),
                        per_en(*every, &unit),
                        pts_en(got)
                    ),
                }
            }
            (
                Rule::Step {
                    quantity,
                    threshold,
                    points,
                    step,
                    step_points,
                },
                How::Step {
                    value,
                    passed,
                    steps,
                    extra,
                },
            ) => {
                let q = self.show(quantity, label, lang);
                let unit = self.unit(quantity, lang);
                let t = fmt_dec(threshold.value);
                let (p, sp, e) = (fmt_dec(*points), fmt_dec(*step_points), fmt_dec(*extra));
                // What lies above the threshold, in the figure's own unit.
                let over = fmt_exact(*value - threshold.value);
                let inc = threshold.inclusive;
                match (lang, *passed, steps.is_zero()) {
                    (Lang::Zh, false, _) => format!(
                        "{q}：{}{t}{unit}，得 0 分",
                        if inc { "未达到 " } else { "未大于 " }
                    ),
                    (Lang::Zh, true, true) => format!(
                        "{q}：{} {t}{}得 {p} 分",
                        if inc { "达到" } else { "大于" },
                        spaced(&unit)
                    ),
                    (Lang::Zh, true, false) => format!(
                        "{q}：{} {t}{}得 {p} 分；超出 {over}{}，{}加 {sp} 分，加 {e} 分，共 {} 分",
                        if inc { "达到" } else { "大于" },
                        spaced(&unit),
                        unit,
                        per_zh_more(*step, &unit),
                        fmt_dec(got)
                    ),
                    (Lang::En, false, _) => format!(
                        "{q}: {} {t}{unit}, 0 points",
                        if inc { "below" } else { "not above" }
                    ),
                    (Lang::En, true, true) => format!(
                        "{q}: {} {t}{unit} gives {}",
                        if inc { "reaching" } else { "above" },
                        pts_en(*points)
                    ),
                    (Lang::En, true, false) => format!(
                        "{q}: {} {t}{unit} gives {}; {over}{unit} more, at {} per further {}{unit}: {e} more, {}",
                        if inc { "reaching" } else { "above" },
                        pts_en(*points),
                        pts_en(*step_points),
                        fmt_dec(*step),
                        pts_en(got)
                    ),
                }
            }
            (Rule::Flag { field, .. }, How::Flag { answer }) => {
                let name = label
                    .or(self.field(field).map(Field::name))
                    .map(|t| t.get(lang).to_string())
                    .unwrap_or_default();
                match (lang, answer) {
                    (Lang::Zh, Some(true)) => format!("{name}：是，得 {} 分", fmt_dec(got)),
                    (Lang::Zh, Some(false)) => format!("{name}：否，不得分"),
                    (Lang::Zh, None) => format!("{name}：未回答（按 0 计）"),
                    (Lang::En, Some(true)) => format!("{name}: yes, {}", pts_en(got)),
                    (Lang::En, Some(false)) => format!("{name}: no, 0 points"),
                    (Lang::En, None) => format!("{name}: not answered (counts as 0)"),
                }
            }
            (Rule::SelfScore { max, .. }, How::SelfScore { given }) => match (lang, given) {
                (Lang::Zh, Some(g)) => {
                    format!("自评 {} 分（满分 {} 分）", fmt_dec(*g), fmt_dec(*max))
                }
                (Lang::Zh, None) => format!("尚未自评（满分 {} 分，按 0 计）", fmt_dec(*max)),
                (Lang::En, Some(g)) => {
                    format!("self-assessed {} of {}", fmt_dec(*g), pts_en(*max))
                }
                (Lang::En, None) => format!(
                    "not yet self-assessed (out of {}, counts as 0)",
                    fmt_dec(*max)
                ),
            },
            (Rule::Highest { options }, How::Highest) => {
                let list = options
                    .iter()
                    .map(|(f, _)| self.show_field(f, None, lang))
                    .collect::<Vec<_>>()
                    .join(sep(lang));
                match lang {
                    Lang::Zh => format!("{list}：按最高项计，得 {} 分（不得累加）", fmt_dec(got)),
                    Lang::En => format!(
                        "{list}: only the highest counts (no adding up), {}",
                        pts_en(got)
                    ),
                }
            }
            (Rule::Deduct { start, rates }, How::Deduct { known, counts, raw }) => {
                let st = fmt_dec(*start);
                let minus = rates
                    .iter()
                    .zip(counts)
                    .map(|(r, c)| format!(" − {} × {}", fmt_dec(*c), fmt_dec(r.points)))
                    .collect::<String>();
                let q = rates
                    .iter()
                    .map(|r| self.show(&r.quantity, r.label.as_ref(), lang))
                    .collect::<Vec<_>>()
                    .join(sep(lang));
                match (lang, *known, *raw < Decimal::ZERO) {
                    (Lang::Zh, false, _) => format!("{q}：未填全，按 0 计"),
                    (Lang::Zh, true, false) => format!("{q}：{st}{minus} = {} 分", fmt_dec(got)),
                    (Lang::Zh, true, true) => format!("{q}：{st}{minus}，扣至 0 分为止"),
                    (Lang::En, false, _) => format!("{q}: not all entered, counts as 0"),
                    (Lang::En, true, false) => {
                        format!("{q}: {st}{minus} = {}", pts_en(got))
                    }
                    (Lang::En, true, true) => format!("{q}: {st}{minus}, deductions stop at 0"),
                }
            }
            (
                Rule::Linear {
                    quantity,
                    threshold,
                    points,
                    every,
                    rate,
                    places,
                },
                How::Linear { passed, .. },
            ) => {
                // The policy line says two places; a term that rounds otherwise says so.
                let rounding = match (*places == crate::rubric::rule::LINEAR_PLACES, lang) {
                    (true, _) => String::new(),
                    (false, Lang::Zh) => format!("（保留 {places} 位小数，四舍五入）"),
                    (false, Lang::En) => format!(" (rounded to {places} decimal places)"),
                };
                let q = self.show(quantity, label, lang);
                let unit = self.unit(quantity, lang);
                let (t, p, e, r) = (
                    fmt_dec(threshold.value),
                    fmt_dec(*points),
                    fmt_dec(*every),
                    fmt_dec(*rate),
                );
                let g = fmt_dec(got);
                let from_zero =
                    threshold.value.is_zero() && threshold.inclusive && points.is_zero();
                // "每 10%" and "每 2 人", but "每 1 " where there is no unit to lean on.
                let (unit, per_unit) = if unit.is_empty() {
                    (unit, format!("{e} "))
                } else {
                    (unit.clone(), format!("{e}{unit}"))
                };
                let e = per_unit;
                let sentence =
                    match (lang, *passed, from_zero) {
                        (Lang::Zh, false, _) => format!(
                            "{q}：{}{t}{unit}，得 0 分",
                            if threshold.inclusive {
                                "未达到 "
                            } else {
                                "未超过 "
                            }
                        ),
                        (Lang::Zh, true, true) if unit.is_empty() && *every == Decimal::ONE => {
                            format!("{q} × {r} = {g} 分")
                        }
                        (Lang::Zh, true, true) => {
                            format!("{q}，按比例每 {e}得 {r} 分，得 {g} 分")
                        }
                        (Lang::Zh, true, false) => {
                            format!(
                        "{q}：{} {t}{unit}得 {p} 分，超出部分按比例每 {e}加 {r} 分，共 {g} 分",
                        if threshold.inclusive { "达到" } else { "超过" }
                    )
                        }
                        (Lang::En, false, _) => format!(
                            "{q}: {} {t}{unit}, 0 points",
                            if threshold.inclusive {
                                "below"
                            } else {
                                "not above"
                            }
                        ),
                        (Lang::En, true, true) if unit.is_empty() && *every == Decimal::ONE => {
                            format!("{q} × {r} = {}", pts_en(got))
                        }
                        (Lang::En, true, true) => {
                            format!(
                                "{q}; {} per {} in proportion: {}",
                                pts_en(*rate),
                                e.trim_end(),
                                pts_en(got)
                            )
                        }
                        (Lang::En, true, false) => {
                            format!(
                        "{q}: {} {t}{unit} gives {}, plus {r} per further {} in proportion: {}",
                        if threshold.inclusive { "reaching" } else { "above" },
                        pts_en(*points),
                        e.trim_end(),
                        pts_en(got)
                    )
                        }
                    };
                if *passed {
                    sentence + &rounding
                } else {
                    sentence
                }
            }
            (Rule::Choice { field, points }, How::Choice { chosen }) => {
                let f = self.field(field);
                let name = label
                    .or(f.map(Field::name))
                    .map(|t| t.get(lang).to_string())
                    .unwrap_or_default();
                let option = chosen
                    .as_ref()
                    .and_then(|c| f.and_then(|f| f.kind().options().iter().find(|o| o.id() == c)));
                let all = points
                    .iter()
                    .map(|(o, p)| {
                        let n = f
                            .and_then(|f| f.kind().options().iter().find(|x| x.id() == o))
                            .map(|x| x.name().get(lang).to_string())
                            .unwrap_or_else(|| o.clone());
                        format!("{n} {}", fmt_dec(*p))
                    })
                    .collect::<Vec<_>>()
                    .join(" / ");
                match (lang, option) {
                    (Lang::Zh, Some(o)) => {
                        format!("{name}：{}，得 {} 分（{all}）", o.name().zh, fmt_dec(got))
                    }
                    (Lang::Zh, None) => format!("{name}：未选择（按 0 计；{all}）"),
                    (Lang::En, Some(o)) => {
                        format!("{name}: {}, {} ({all})", o.name().en, pts_en(got))
                    }
                    (Lang::En, None) => format!("{name}: not chosen (counts as 0; {all})"),
                }
            }
            (Rule::Weighted { counts }, How::Weighted { .. }) => {
                let parts = counts
                    .iter()
                    .map(|c| {
                        let q = self.show(&c.quantity, c.label.as_ref(), lang);
                        match lang {
                            Lang::Zh => format!("{q} × {} 分", fmt_dec(c.points)),
                            Lang::En => format!("{q} × {}", pts_en(c.points)),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" + ");
                match lang {
                    Lang::Zh => format!("{parts} = {} 分", fmt_dec(got)),
                    Lang::En => format!("{parts} = {}", pts_en(got)),
                }
            }
            (Rule::Condition { all, .. }, How::Condition { holds }) => {
                let ok = holds.iter().all(|h| *h);
                let parts = all
                    .iter()
                    .zip(holds)
                    .map(|(c, held)| {
                        let unit = self.unit(&c.quantity, lang);
                        let mark = if *held { "✓" } else { "✗" };
                        let need = match lang {
                            Lang::Zh => {
                                format!("要求 {} {}{unit} {mark}", c.op.sign(), fmt_dec(c.value))
                            }
                            Lang::En => {
                                format!("needs {} {}{unit} {mark}", c.op.sign(), fmt_dec(c.value))
                            }
                        };
                        paren(lang, self.show(&c.quantity, c.label.as_ref(), lang), need)
                    })
                    .collect::<Vec<_>>()
                    .join(sep(lang));
                match (lang, ok) {
                    (Lang::Zh, true) => format!("{parts}：条件满足，得 {} 分", fmt_dec(got)),
                    (Lang::Zh, false) => format!("{parts}：条件未满足，得 0 分"),
                    (Lang::En, true) => format!("{parts}: met, {}", pts_en(got)),
                    (Lang::En, false) => format!("{parts}: not met, 0 points"),
                }
            }
            // A part always comes from its own term (see `evaluate`).
            _ => String::new(),
        }
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

/// A unit as it stands before a Chinese verb: "20% 得", "50 万元得", and "2 得" where the
/// quantity has no unit, so that a number never touches the word after it.
pub(crate) fn spaced(unit: &str) -> String {
    match unit {
        "" => " ".into(),
        "%" => "% ".into(),
        u => u.to_string(),
    }
}

/// "每人", "每 2 人", "每 10% ", "每 1 ": how many units one step of a `per` rule takes.
pub(crate) fn per_zh(every: Decimal, unit: &str) -> String {
    let word = unit.trim();
    if every == Decimal::ONE && !word.is_empty() && word != "%" {
        format!("每{word}")
    } else {
        format!("每 {}{}", fmt_dec(every), spaced(unit))
    }
}

/// "每增加 50 万元", "每增加 1 ": one further step of a `step` rule.
pub(crate) fn per_zh_more(step: Decimal, unit: &str) -> String {
    format!("每增加 {}{}", fmt_dec(step), spaced(unit))
}

/// "each", "per 2 people", "per 10%".
pub(crate) fn per_en(every: Decimal, unit: &str) -> String {
    if every == Decimal::ONE {
        "each".into()
    } else {
        format!("per {}{unit}", fmt_dec(every))
    }
}

pub(crate) fn pts_en(points: Decimal) -> String {
    if points == Decimal::ONE {
        "1 point".into()
    } else {
        format!("{} points", fmt_dec(points))
    }
}

/// " 平方米" after a number, or "" for a field without a unit.
pub(crate) fn unit_suffix(f: &Field, lang: Lang) -> String {
    let u = f.unit().get(lang);
    // A percent field shows `%` whether or not its definition names a unit.
    match (u, f.kind()) {
        ("%", _) | (_, FieldKind::Percent) => "%".into(),
        ("", _) => String::new(),
        _ => format!(" {u}"),
    }
}

/// [`unit_suffix`] after the value `v`: in English a count of one takes the singular
/// (“1 person”, “1 company”, not “1 people”).
pub(crate) fn unit_for(f: &Field, lang: Lang, v: Decimal) -> String {
    let unit = unit_suffix(f, lang);
    if lang == Lang::En && v == Decimal::ONE {
        singular(&unit)
    } else {
        unit
    }
}

/// The singular of an English unit written in the plural: “people” → “person”,
/// “companies” → “company”, “events” → “event”; each word of “teams and companies”; a unit
/// that is not a plural (“m²”, “10k CNY”, “%”) stays as it is.
pub(crate) fn singular(unit: &str) -> String {
    unit.split(' ')
        .map(|w| match w {
            "people" => "person".to_string(),
            "and" => "or".to_string(),
            w => match (w.strip_suffix("ies"), w.strip_suffix('s')) {
                (Some(stem), _) if !stem.is_empty() => format!("{stem}y"),
                (_, Some(stem)) if stem.len() > 1 && !stem.ends_with('s') => stem.to_string(),
                _ => w.to_string(),
            },
        })
        .collect::<Vec<_>>()
        .join(" ")
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

pub(crate) fn band_zh(b: &Band, unit: &str) -> String {
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
    let unit = &if b.value == Decimal::ONE {
        singular(unit)
    } else {
        unit.to_string()
    };
    match (lower, b.inclusive) {
        (true, true) => format!("at least {v}{unit}"),
        (true, false) => format!("over {v}{unit}"),
        (false, true) => format!("at most {v}{unit}"),
        (false, false) => format!("under {v}{unit}"),
    }
}

pub(crate) fn band_en(b: &Band, unit: &str) -> String {
    match (b.range.lower, b.range.upper) {
        (Some(l), None) if l.inclusive && l.value == Decimal::ONE => {
            format!("1{} or more", singular(unit))
        }
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
