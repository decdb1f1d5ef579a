//! How the advice is worded: each suggestion, each item's next step, the distance to the
//! next grade and the notes, in Chinese and English, in the engine's own style.

use rust_decimal::Decimal;

use super::search::Found;
use super::{Change, ItemAdvice, NextGrade, Standing};
use crate::amounts::{pts_en, unit_for, unit_suffix};
use crate::input::Reading;
use crate::rubric::{Field, Item, Quantity, Rule, Term, Veto};
use crate::score::measure::{Env, Slot};
use crate::score::Part;
use crate::text::{fmt_dec, fmt_figure, Lang};

/// Everything a suggestion's sentence says.
pub(super) struct Said<'a, 'r> {
    pub(super) item: &'r Item,
    pub(super) found: &'a Found<'r>,
    /// The field's reading before the change.
    pub(super) from: &'a Slot,
    pub(super) before: &'a [Part],
    pub(super) after: &'a [Part],
    pub(super) gain: Decimal,
    pub(super) total_gain: Decimal,
    /// The cap on the bonus total, where it takes some of the gain.
    pub(super) bonus_cap: Option<Decimal>,
    /// Other items the change moves, and by how much.
    pub(super) also: &'a [(&'r Item, Decimal)],
    /// Vetoes the change would set off.
    pub(super) vetoes: &'a [&'r Veto],
}

/// "+1", "−0.5".
fn signed(d: Decimal) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        format!("−{}", fmt_dec(-d))
    } else {
        format!("+{}", fmt_dec(d))
    }
}

fn gained(d: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} 分", signed(d)),
        Lang::En if d.abs() == Decimal::ONE => format!("{} point", signed(d)),
        Lang::En => format!("{} points", signed(d)),
    }
}

fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// The value of a field as a sentence shows it.
fn shown(field: &Field, slot: &Slot, lang: Lang) -> String {
    let options = field.kind().options();
    let name = |id: &str| {
        options
            .iter()
            .find(|o| o.id() == id)
            .map(|o| o.name().get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    match (slot, lang) {
        (Slot::Value(Reading::Number(n)), _) => fmt_dec(*n),
        (Slot::Value(Reading::Bool(true)), Lang::Zh) => "是".into(),
        (Slot::Value(Reading::Bool(true)), Lang::En) => "yes".into(),
        (Slot::Value(Reading::Bool(false)), Lang::Zh) => "否".into(),
        (Slot::Value(Reading::Bool(false)), Lang::En) => "no".into(),
        (Slot::Value(Reading::Choices(c)), _) if !c.is_empty() => c
            .iter()
            .map(|i| name(i))
            .collect::<Vec<_>>()
            .join(sep(lang)),
        (_, Lang::Zh) => "未填".into(),
        (_, Lang::En) => "empty".into(),
    }
}

/// The quantity of the term that a change of `id` moves, and its label: its kind's.
fn moved<'t>(term: &'t Term, id: &str) -> Option<(&'t Quantity, Option<&'t crate::text::Text>)> {
    term.rule.moved(id, term.label.as_ref())
}

/// "（在孵企业占比 50%）": a ratio's value after the change, so the sentence says which side
/// of it moved and where it lands.
fn ratio_after(env: &Env<'_>, item: &Item, id: &str, lang: Lang) -> String {
    for term in item.terms() {
        let Some((q, label)) = moved(term, id) else {
            continue;
        };
        if !matches!(
            q,
            Quantity::Percent { .. } | Quantity::Ratio { .. } | Quantity::Growth { .. }
        ) {
            continue;
        }
        let Some(v) = env.measure(q).value else {
            continue;
        };
        let pct = if q.is_percent() { "%" } else { "" };
        let label = match (label, lang) {
            (Some(l), _) => l.get(lang).to_string(),
            (None, Lang::Zh) if q.is_percent() => "占比".into(),
            (None, Lang::Zh) => "比值".into(),
            (None, Lang::En) if q.is_percent() => "share".into(),
            (None, Lang::En) => "ratio".into(),
        };
        return match lang {
            Lang::Zh => format!("（{label} {}{pct}）", fmt_figure(v)),
            Lang::En => format!(" ({label} {}{pct})", fmt_figure(v)),
        };
    }
    String::new()
}

/// Why the item rises: the rule of each part that gains, joined.
fn reasons(env: &Env<'_>, s: &Said<'_, '_>, lang: Lang) -> Vec<String> {
    s.item
        .terms()
        .iter()
        .zip(s.before.iter().zip(s.after))
        .filter(|(_, (b, a))| a.points > b.points)
        .map(|(term, (before, after))| reason(env, s, term, before, after, lang))
        .filter(|r| !r.is_empty())
        .collect()
}

/// Why one part gains.
fn reason(
    env: &Env<'_>,
    s: &Said<'_, '_>,
    term: &Term,
    before: &Part,
    after: &Part,
    lang: Lang,
) -> String {
    let id = s.found.field.id();
    let zh = lang == Lang::Zh;
    if before.blocked && !after.blocked {
        let p = fmt_dec(after.points);
        return if zh {
            format!("需回答“是”才计分的部分 {p} 分随之计入")
        } else {
            format!(
                "the part that needs a yes now counts, {}",
                pts_en(after.points)
            )
        };
    }
    let r = crate::kinds::Reason {
        env,
        id,
        fill: s.found.change == Change::Fill,
    };
    term.rule
        .reason(&r, &before.how, &after.how, after.raw, lang)
}

/// A suggestion's sentence: the change, the gain, why, and what else it does.
pub(super) fn suggestion(env: &Env<'_>, s: &Said<'_, '_>, lang: Lang) -> String {
    let f = s.found.field;
    let zh = lang == Lang::Zh;
    let name = f.name().get(lang);
    let option_names = |ids: &[String]| {
        ids.iter()
            .map(|i| {
                f.kind()
                    .options()
                    .iter()
                    .find(|o| o.id() == i)
                    .map(|o| o.name().get(lang).to_string())
                    .unwrap_or_else(|| i.clone())
            })
            .collect::<Vec<_>>()
            .join(sep(lang))
    };
    let from = shown(f, s.from, lang);
    let head = match s.found.change {
        Change::Tick => {
            let k = s.found.add.len();
            let any = option_names(&s.found.any_of);
            if zh {
                format!("{name}：再勾选 {k} 项（可选：{any}）")
            } else {
                format!("{name}: tick {k} more (any of: {any})")
            }
        }
        Change::Yes => {
            let from = match (s.from, zh) {
                (Slot::Value(Reading::Bool(false)), true) => "否",
                (_, true) => "未回答",
                (Slot::Value(Reading::Bool(false)), false) => "no",
                (_, false) => "not answered",
            };
            if zh {
                format!("{name}：{from} → 是")
            } else {
                format!("{name}: {from} → yes")
            }
        }
        Change::Choose => {
            let from = match (s.from, zh) {
                (Slot::Value(_), _) => from,
                (_, true) => "未选择".into(),
                (_, false) => "not chosen".into(),
            };
            let to = option_names(std::slice::from_ref(&s.found.to));
            if zh {
                format!("{name}：{from} → {to}")
            } else {
                format!("{name}: {from} → {to}")
            }
        }
        Change::Raise | Change::Lower | Change::Fill => {
            let to = &s.found.to;
            let unit = match to.parse::<Decimal>() {
                Ok(v) => unit_for(f, lang, v),
                Err(_) => unit_suffix(f, lang),
            };
            let ratio = ratio_after(env, s.item, f.id(), lang);
            if zh {
                format!("{name} {from} → {to}{unit}{ratio}")
            } else {
                format!("{name}: {from} → {to}{unit}{ratio}")
            }
        }
    };
    let mut out = match lang {
        Lang::Zh => format!("{head}：{}", gained(s.gain, lang)),
        Lang::En => format!("{head}: {}", gained(s.gain, lang)),
    };
    let after_sum: Decimal = s.after.iter().map(|p| p.points).sum();
    let capped = after_sum > s.item.max();
    let mut inner = reasons(env, s, lang);
    if capped {
        inner.push(match lang {
            Lang::Zh => format!("本项最高 {} 分", fmt_dec(s.item.max())),
            Lang::En => format!("the item is capped at {}", fmt_dec(s.item.max())),
        });
    }
    if !inner.is_empty() {
        out.push_str(&match lang {
            Lang::Zh => format!("（{}）", inner.join("，")),
            Lang::En => format!(" ({})", inner.join(", ")),
        });
    }
    if !s.also.is_empty() {
        let list = s
            .also
            .iter()
            .map(|(i, d)| match lang {
                Lang::Zh => format!("「{}」{}", i.name().zh, gained(*d, lang)),
                Lang::En => format!("“{}” {}", i.name().en, gained(*d, lang)),
            })
            .collect::<Vec<_>>()
            .join(sep(lang));
        out.push_str(&match lang {
            Lang::Zh => format!("；同时{list}"),
            Lang::En => format!("; it also moves {list}"),
        });
    }
    if let Some(cap) = s.bonus_cap {
        let c = fmt_dec(cap);
        out.push_str(&match (lang, s.total_gain.is_zero()) {
            (Lang::Zh, true) => format!("；但加分项合计已达上限 {c} 分，总分不变"),
            (Lang::Zh, false) => format!(
                "；加分项合计上限 {c} 分，总分{}",
                gained(s.total_gain, lang)
            ),
            (Lang::En, true) => format!(
                "; but the bonus total is already at its cap of {c}, so the total does not change"
            ),
            (Lang::En, false) => format!(
                "; the bonus total is capped at {c}, so the total changes by {}",
                gained(s.total_gain, lang)
            ),
        });
    } else if s.total_gain != s.gain {
        out.push_str(&match lang {
            Lang::Zh => format!("；总分{}", gained(s.total_gain, lang)),
            Lang::En => format!("; the total changes by {}", gained(s.total_gain, lang)),
        });
    }
    for v in s.vetoes {
        out.push_str(&match lang {
            Lang::Zh => format!("；注意：这会触发一票否决（{}）", v.text().zh),
            Lang::En => format!("; note: this sets off the veto “{}”", v.text().en),
        });
    }
    out
}

/// An item's next step in one line, for its card.
pub(super) fn item(
    env: &Env<'_>,
    item: &Item,
    advice: &ItemAdvice,
    errors: &[String],
    best: Option<&str>,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let max = fmt_dec(item.max());
    let headroom = advice.headroom;
    let self_headroom = advice.self_headroom;
    let h = fmt_dec(headroom);
    match advice.standing {
        Standing::Max if zh => format!("已满分（{max} 分）"),
        Standing::Max => format!("Full marks ({})", pts_en(item.max())),
        Standing::Open => best.unwrap_or_default().to_string(),
        Standing::SelfAssessed => {
            let s = fmt_dec(self_headroom);
            let only = item
                .terms()
                .iter()
                .all(|t| matches!(t.rule, Rule::SelfScore { .. }));
            match (zh, only) {
                (true, true) => format!("自评项：还可自评 {s} 分（满分 {max} 分）"),
                (true, false) => format!("还差 {h} 分，其中自评部分还可自评 {s} 分"),
                (false, true) => {
                    format!(
                        "Self-assessed: up to {s} more (out of {})",
                        pts_en(item.max())
                    )
                }
                (false, false) => format!(
                    "{} short, of which the self-assessed part can give {s} more",
                    pts_en(headroom)
                ),
            }
        }
        Standing::Unreadable => {
            let names = errors
                .iter()
                .map(|f| {
                    let n = env.field(f).map(|x| x.name().get(lang).to_string());
                    let n = n.unwrap_or_else(|| f.clone());
                    if zh {
                        format!("「{n}」")
                    } else {
                        format!("“{n}”")
                    }
                })
                .collect::<Vec<_>>()
                .join(sep(lang));
            if zh {
                format!("请先更正{names}，本项才能计分")
            } else {
                format!("Correct {names} first: this item scores once it can be read")
            }
        }
        Standing::Stuck if item.bonus() && bonus_full(env) => {
            let cap = fmt_dec(env.rubric.bonus_max());
            if zh {
                format!("还差 {h} 分，但加分项合计已达上限 {cap} 分，提高本项不再增加总分")
            } else {
                format!(
                    "{} short, but the bonus total is at its cap of {cap}: raising this item no longer raises the total",
                    pts_en(headroom)
                )
            }
        }
        Standing::Stuck if zh => {
            format!("还差 {h} 分，但单独改动任何一项数据都不能提高总分")
        }
        Standing::Stuck => format!(
            "{} short, but no change to a single figure raises the total",
            pts_en(headroom)
        ),
    }
}

/// Whether the bonus items already add up to the cap on the bonus total.
fn bonus_full(env: &Env<'_>) -> bool {
    let rubric = env.rubric;
    let sum: Decimal = rubric
        .items()
        .iter()
        .filter(|i| i.bonus())
        .filter_map(|i| crate::score::item_points(env, i))
        .sum();
    sum >= rubric.bonus_max()
}

/// The sentence of the distance to the next grade.
pub(super) fn next_grade(g: &NextGrade, headroom: Decimal, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let (grade, current) = match lang {
        Lang::Zh => (&g.grade, g.current.as_deref().unwrap_or("—")),
        Lang::En => (&g.grade_en, g.current_en.as_deref().unwrap_or("—")),
    };
    let blocked = match lang {
        Lang::Zh => g.blocked.join("；"),
        Lang::En => g.blocked_en.join("; "),
    };
    if g.vetoed {
        return if zh {
            format!("已触发一票否决（{blocked}）：否决解除前，任何加分都不会改变等级（现为“{current}”）")
        } else {
            format!("Vetoed ({blocked}): no gain changes the grade until the veto is cleared (now “{current}”)")
        };
    }
    if !g.blocked.is_empty() {
        return if zh {
            format!("{blocked}：等级最高为“{current}”，加分不会改变等级")
        } else {
            format!("{blocked}: the grade can be at most “{current}”, so no gain changes it")
        };
    }
    let m = fmt_dec(g.missing);
    let mut s = match (zh, g.inclusive) {
        (true, true) => format!("距“{grade}”还差 {m} 分"),
        (true, false) => format!("距“{grade}”还需多于 {m} 分"),
        (false, true) => format!("{} short of “{grade}”", pts_en(g.missing)),
        (false, false) => format!("more than {} short of “{grade}”", pts_en(g.missing)),
    };
    if !g.reachable {
        s.push_str(&match lang {
            Lang::Zh => format!("（剩余可得分只有 {} 分）", fmt_dec(headroom)),
            Lang::En => format!(" (only {} left to gain)", pts_en(headroom)),
        });
    }
    s
}
