//! How the sentences are built: each item's explanation in Chinese and English, from the
//! figures that went in and what decided each term's points (a [`Part`]).

use rust_decimal::Decimal;

use super::measure::{Env, Slot};
use super::report::Warning;
use super::Part;
use crate::amounts::{paren, pts_en, sep, unit_for, unit_suffix};
use crate::rubric::{Consistency, Item, Op, Quantity, Term};
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
    pub(crate) fn show_field(&self, id: &str, label: Option<&Text>, lang: Lang) -> String {
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
    pub(crate) fn show(&self, q: &Quantity, label: Option<&Text>, lang: Lang) -> String {
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

    /// The sentence of a term's rule, with the points the rule itself gives: its kind's.
    fn rule_text(&self, term: &Term, part: &Part, lang: Lang) -> String {
        term.rule
            .sentence(self, term.label.as_ref(), &part.how, part.raw, lang)
    }
}
