//! The phrases the kinds' drafting hooks are built from: numbers and units, points,
//! maxima, comparisons, thresholds and further steps, and the words that mark a judgement
//! or a best-of.

use rust_decimal::Decimal;

use super::{clean, field, pts, Drafted, Words};
use crate::quantity::{Bound, Op};
use crate::text::fmt_dec;

/// Units, longest first, with the unit a field is given.
const UNITS: &[(&str, &str)] = &[
    ("个百分点", "百分点"),
    ("百分点", "百分点"),
    ("平方米", "平方米"),
    ("平米", "平方米"),
    ("㎡", "平方米"),
    ("m2", "平方米"),
    ("万元", "万元"),
    ("亿元", "亿元"),
    ("千元", "千元"),
    ("人次", "人次"),
    ("场次", "场次"),
    ("项次", "项次"),
    ("元", "元"),
    ("万", "万元"),
    ("%", "%"),
    ("个", "个"),
    ("人", "人"),
    ("位", "位"),
    ("名", "名"),
    ("家", "家"),
    ("场", "场"),
    ("项", "项"),
    ("次", "次"),
    ("件", "件"),
    ("类", "类"),
    ("种", "种"),
    ("篇", "篇"),
    ("户", "户"),
    ("期", "期"),
    ("届", "届"),
    ("批", "批"),
    ("所", "所"),
    ("套", "套"),
    ("台", "台"),
];

/// The units of amounts (the others count things, but % and 百分点).
pub(super) const AMOUNTS: &[&str] = &["平方米", "万元", "亿元", "千元", "元"];

/// The unit at the start of `s`, as a field is given it, and the rest.
pub fn unit(s: &str) -> Option<(&'static str, &str)> {
    prefixed(UNITS, s)
}

/// What the first of `words` that `s` starts with stands for, and the rest.
fn prefixed<'s, T: Copy>(words: &[(&str, T)], s: &'s str) -> Option<(T, &'s str)> {
    words
        .iter()
        .find_map(|(w, t)| s.strip_prefix(w).map(|rest| (*t, rest)))
}

/// The number (ASCII digits, one decimal point) at the start of `s`, and the rest.
pub fn number(s: &str) -> Option<(Decimal, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let digits = s.get(..end)?.trim_end_matches('.');
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value: Decimal = digits.parse().ok()?;
    Some((value, s.get(digits.len()..)?))
}

/// A number and the unit after it, if any, at the start of `s`, and the rest.
pub fn number_unit(s: &str) -> Option<(Decimal, Option<&'static str>, &str)> {
    let (n, rest) = number(s)?;
    Some(match unit(rest) {
        Some((u, rest)) => (n, Some(u), rest),
        None => (n, None, rest),
    })
}

/// The words that say what a number of points is, before it (“得5分”, “加1分”, “计1分”).
const POINT_VERBS: &[&str] = &[
    "可得", "另加", "增加", "再加", "加计", "得", "加", "计", "记", "给", "为",
];

/// `s` as words then a number of points: (the words, the points). “不得分” is 0 points.
pub fn points_tail(s: &str) -> Option<(&str, Decimal)> {
    let s = s.trim_end_matches(['。', '.', ')', ',', ';']);
    for zero in ["不得分", "不计分", "不加分"] {
        if let Some(head) = s.strip_suffix(zero) {
            return Some((head, Decimal::ZERO));
        }
    }
    let body = s.strip_suffix('分')?;
    let start = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let (value, rest) = number(body.get(start..)?)?;
    if !rest.is_empty() {
        return None;
    }
    let mut head = body.get(..start)?;
    if let Some(v) = POINT_VERBS.iter().find(|v| head.ends_with(*v)) {
        head = head.get(..head.len() - v.len())?;
    }
    Some((head, value))
}

/// Points alone (“5分”, “得5分”): the points.
pub fn bare_points(s: &str) -> Option<Decimal> {
    match points_tail(s)? {
        ("", p) => Some(p),
        _ => None,
    }
}

/// The words that state an item's most (“最高5分”, “上限10分”, “封顶15分”).
const MAXIMA: &[&str] = &[
    "最高不超过",
    "最高可得",
    "最高得",
    "最高为",
    "最高",
    "最多可得",
    "最多得",
    "最多",
    "上限为",
    "上限",
    "封顶",
    "总分",
    "满分",
    "累计不超过",
    "不超过",
];

/// A clause that states a maximum: (the points, the words before it, such as a space type
/// it applies to: “专业化众创空间最高10分”).
pub fn max_clause(s: &str) -> Option<(Decimal, &str)> {
    let s = s.trim_end_matches(['。', '.']);
    if let Some(body) = s.strip_suffix("封顶") {
        let (n, rest) = number(body.trim_start_matches(['为']))?;
        return (rest == "分").then_some((n, ""));
    }
    for word in MAXIMA {
        if let Some(at) = s.find(word) {
            let before = s.get(..at)?;
            let after = s.get(at + word.len()..)?.trim_start_matches(['为', ':']);
            let (n, rest) = number(after)?;
            let rest = rest.trim_end_matches("封顶").trim_end_matches("为止");
            if rest == "分" {
                return Some((n, before));
            }
        }
    }
    None
}

/// Words before a number that compare (“不低于5人”), longest first.
const BEFORE: &[(&str, Op)] = &[
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不小于", Op::Ge),
    ("至少", Op::Ge),
    ("达到", Op::Ge),
    ("≥", Op::Ge),
    (">=", Op::Ge),
    ("不超过", Op::Le),
    ("不高于", Op::Le),
    ("不多于", Op::Le),
    ("≤", Op::Le),
    ("<=", Op::Le),
    ("大于", Op::Gt),
    ("超过", Op::Gt),
    ("高于", Op::Gt),
    ("多于", Op::Gt),
    (">", Op::Gt),
    ("少于", Op::Lt),
    ("低于", Op::Lt),
    ("不足", Op::Lt),
    ("小于", Op::Lt),
    ("不到", Op::Lt),
    ("<", Op::Lt),
];

/// Words after a number that compare (“50%以上”), longest first.
const AFTER: &[(&str, Op)] = &[
    ("(含)以上", Op::Ge),
    ("及以上", Op::Ge),
    ("或以上", Op::Ge),
    ("以上", Op::Ge),
    ("及以下", Op::Le),
    ("以下", Op::Le),
    ("以内", Op::Le),
];

/// The comparing word at the start of `s`, and the rest.
pub fn op_before(s: &str) -> Option<(Op, &str)> {
    prefixed(BEFORE, s)
}

/// The comparing word after a number at the start of `s`, and the rest.
pub fn op_after(s: &str) -> Option<(Op, &str)> {
    prefixed(AFTER, s)
}

/// A comparison a clause states.
#[derive(Debug, Clone, PartialEq)]
pub enum Compare {
    /// “拥有不低于5人的专职孵化服务团队”: what is compared, how, with what, in which unit.
    Simple {
        /// What is compared.
        subject: String,
        /// How.
        op: Op,
        /// With what.
        value: Decimal,
        /// Its unit.
        unit: Option<&'static str>,
    },
    /// “每15家入驻团队和在孵企业至少配备1名创业导师”: at most `value` of `what` per `per`.
    PerEach {
        /// What is counted (入驻团队和在孵企业).
        what: String,
        /// Its unit.
        what_unit: Option<&'static str>,
        /// What it is counted per (创业导师).
        per: String,
        /// Its unit.
        per_unit: Option<&'static str>,
        /// The most of `what` per one `per`.
        value: Decimal,
    },
}

/// The comparison `s` states, if it states exactly one.
pub fn compare(s: &str) -> Option<Compare> {
    if let Some(c) = per_each(s) {
        return Some(c);
    }
    // The first comparing word followed by a number, or the first number followed by one.
    for (at, _) in s.char_indices() {
        let here = s.get(at..)?;
        let before = s.get(..at)?;
        let (op, value, unit, rest) = if let Some((op, rest)) = op_before(here) {
            let Some((value, unit, rest)) = number_unit(rest.trim_start_matches('为')) else {
                continue;
            };
            match op_after(rest) {
                Some((after, rest)) if op == Op::Ge || op == after => (op, value, unit, rest),
                Some(_) => continue,
                None => (op, value, unit, rest),
            }
        } else if here.starts_with(|c: char| c.is_ascii_digit())
            && !before.ends_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            let Some((value, unit, rest)) = number_unit(here) else {
                continue;
            };
            let Some((op, rest)) = op_after(rest) else {
                continue;
            };
            (op, value, unit, rest)
        } else {
            continue;
        };
        let after_noun = rest.strip_prefix('的').unwrap_or("");
        if !rest.is_empty() && after_noun.is_empty() {
            return None;
        }
        let named = clean(before);
        let subject = if named.is_empty() {
            clean(after_noun)
        } else {
            named
        };
        if subject.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(Compare::Simple {
            subject,
            op,
            value,
            unit,
        });
    }
    None
}

/// “每N家X至少配备M名Y”.
fn per_each(s: &str) -> Option<Compare> {
    let at = s.find('每')?;
    let (n, what_unit, rest) = number_unit(s.get(at + '每'.len_utf8()..)?)?;
    let link = ["至少配备", "至少配有", "至少有", "配备", "配有"]
        .iter()
        .find_map(|w| rest.find(w).map(|i| (i, w.len())))?;
    let what = clean(rest.get(..link.0)?);
    let (m, per_unit, per) = number_unit(rest.get(link.0 + link.1..)?)?;
    let value = n.checked_div(m)?;
    let per = clean(per.trim_end_matches("以上"));
    if what.is_empty() || per.is_empty() {
        return None;
    }
    Some(Compare::PerEach {
        what,
        what_unit,
        per,
        per_unit,
        value,
    })
}

/// “大于50万得5分”, “达到20%得5分”: a threshold and the points there.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// Where it lies (大于: excluded; 达到, 以上: included).
    pub bound: Bound,
    /// Its unit.
    pub unit: Option<&'static str>,
    /// The points there.
    pub points: Decimal,
    /// The words before it, if any.
    pub subject: String,
}

/// The threshold clause `s` states.
pub fn threshold(s: &str) -> Option<Threshold> {
    let (head, points) = points_tail(s)?;
    if points <= Decimal::ZERO {
        return None;
    }
    let head = head.trim_end_matches('的');
    for (at, _) in head.char_indices() {
        let (before, here) = (head.get(..at)?, head.get(at..)?);
        let (inclusive, value, unit, rest) = match op_before(here) {
            Some((op @ (Op::Gt | Op::Ge), rest)) => {
                let (n, unit, rest) = number_unit(rest)?;
                match op_after(rest) {
                    Some((Op::Ge, rest)) if op == Op::Ge => (true, n, unit, rest),
                    Some(_) => return None,
                    None => (op == Op::Ge, n, unit, rest),
                }
            }
            Some(_) => return None,
            None if here.starts_with(|c: char| c.is_ascii_digit()) => {
                let (n, unit, rest) = number_unit(here)?;
                match op_after(rest) {
                    Some((Op::Ge, rest)) => (true, n, unit, rest),
                    _ => return None,
                }
            }
            None => continue,
        };
        return rest.is_empty().then(|| Threshold {
            bound: Bound { value, inclusive },
            unit,
            points,
            subject: clean(before),
        });
    }
    None
}

/// “每增加50万加1分”: a further step and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Increment {
    /// The size of a step.
    pub step: Decimal,
    /// Its unit (百分点 for “每增加1个百分点”).
    pub unit: Option<&'static str>,
    /// The points per step.
    pub points: Decimal,
}

/// The further step clause `s` states.
pub fn increment(s: &str) -> Option<Increment> {
    let mut s = s;
    for lead in [
        "在此基础上",
        "此基础上",
        "超过部分",
        "超出部分",
        "以上部分",
        "此后",
        "以后",
    ] {
        s = s.strip_prefix(lead).unwrap_or(s);
    }
    let s = s.trim_start_matches(',').strip_prefix('每')?;
    let s = [
        "再增加",
        "增加",
        "提高",
        "增长",
        "递增",
        "超过",
        "超出",
        "多",
    ]
    .iter()
    .find_map(|w| s.strip_prefix(w))?;
    let (step, unit, rest) = number_unit(s)?;
    let points = bare_points(rest.trim_start_matches(','))?;
    (step > Decimal::ZERO && points > Decimal::ZERO).then_some(Increment { step, unit, points })
}

/// A threshold, then a further step: “大于50万得5分，每增加50万加1分”, with a clause before
/// that gives nothing below the threshold (“<50个不得分”) read with them.
#[derive(Debug, Clone, PartialEq)]
pub struct Stepped {
    /// The clauses read, in order.
    pub clauses: Vec<usize>,
    /// The threshold.
    pub threshold: Threshold,
    /// The further step.
    pub increment: Increment,
}

impl Stepped {
    /// The unit of the figure.
    pub fn unit(&self) -> Option<&'static str> {
        match self.threshold.unit.or(self.increment.unit) {
            Some("百分点") => Some("%"),
            u => u,
        }
    }

    /// Whether the step is a percentage point (“每增加1个百分点加0.1分”): a proportion, not
    /// whole steps.
    pub fn proportional(&self) -> bool {
        self.increment.unit == Some("百分点")
    }
}

/// The first threshold and further step among the clauses still to read.
pub fn stepped(w: &Words<'_>) -> Option<Stepped> {
    w.frees().find_map(|(i, c)| {
        let threshold = threshold(&c.norm)?;
        let increment = increment(&w.free(i + 1)?.norm)?;
        let below = i
            .checked_sub(1)
            .and_then(|k| w.free(k).map(|c| (k, c)))
            .filter(|(_, c)| nothing_below(&c.norm, threshold.bound.value));
        let clauses = below.map(|b| b.0).into_iter().chain([i, i + 1]).collect();
        Some(Stepped {
            clauses,
            threshold,
            increment,
        })
    })
}

impl Stepped {
    /// The reading of its clauses and its field, for a term of `kind` that the caller adds:
    /// the reading, and the field's slot.
    pub fn read(&self, w: &Words<'_>, kind: &str) -> (Drafted, String) {
        let mut d = Drafted::default();
        let first = self.clauses.first().and_then(|i| w.clauses.get(*i));
        let name = first.map_or_else(
            || w.name.to_string(),
            |c| w.name_for(c, &[&self.threshold.subject]),
        );
        let unit = self.unit();
        let f = d.field(field(&name, unit));
        let t = &self.threshold;
        let i = &self.increment;
        let shown = |v: Decimal, u: Option<&str>| match u {
            Some("%") | Some("百分点") => format!("{}%", fmt_dec(v)),
            Some(u) => format!("{} {u}", fmt_dec(v)),
            None => fmt_dec(v),
        };
        let at = shown(t.bound.value, unit);
        let (p_zh, p_en) = pts(t.points);
        let (s_zh, s_en) = pts(i.points);
        let step = shown(i.step, i.unit.or(unit));
        let (gate_zh, gate_en) = if t.bound.inclusive {
            ("达到", "from")
        } else {
            ("大于", "above")
        };
        for (k, idx) in self.clauses.iter().enumerate() {
            let (zh, en) = match self.clauses.len() - k {
                1 => (
                    format!("此后每 {step} 加 {s_zh}（{kind}）"),
                    format!("then {s_en} per {step} more ({kind})"),
                ),
                2 => (
                    format!("“{name}”{gate_zh} {at} 得 {p_zh}（{kind}）"),
                    format!("{p_en} {gate_en} {at} of “{name}” ({kind})"),
                ),
                _ => (
                    format!("不足 {at} 不得分（{kind}）"),
                    format!("nothing below {at} ({kind})"),
                ),
            };
            d.read(*idx, zh, en);
        }
        (d, f)
    }
}

/// Whether `s` says that below `value` there is nothing (“<50个不得分”, “不足50个得0分”).
fn nothing_below(s: &str, value: Decimal) -> bool {
    let Some((head, nothing)) = points_tail(s) else {
        return false;
    };
    if !nothing.is_zero() {
        return false;
    }
    matches!(op_before(head), Some((Op::Lt, rest))
        if number_unit(rest).is_some_and(|(n, _, r)| n == value && r.is_empty()))
}

/// Words that leave the score to a judgement (依据材料综合判定, 酌情…).
const JUDGED: &[&str] = &[
    "综合判定",
    "综合评定",
    "综合评价",
    "综合评分",
    "酌情",
    "视情况",
    "视情",
    "依据材料",
    "根据材料",
    "专家评分",
    "专家打分",
    "专家评定",
    "专家评审",
    "评审打分",
    "自评",
];

/// The words of `s` that leave the score to a judgement, if any.
pub fn self_marker(s: &str) -> Option<&'static str> {
    JUDGED.iter().find(|w| s.contains(*w)).copied()
}

/// Words that say only the best of several counts (按最高项计, 不得累加…).
const BEST_ONLY: &[&str] = &[
    "按最高",
    "取最高",
    "以最高",
    "只计最高",
    "就高",
    "不累计",
    "不累加",
    "不得累加",
    "不得累计",
    "不重复计分",
    "不重复计算",
    "不重复",
];

/// The words of `s` that say only the best counts, if any.
pub fn highest_marker(s: &str) -> Option<&'static str> {
    BEST_ONLY.iter().find(|w| s.contains(*w)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        assert_eq!(points_tail("每项1分"), Some(("每项", Decimal::ONE)));
        assert_eq!(points_tail("4-6人2分"), Some(("4-6人", Decimal::TWO)));
        assert_eq!(points_tail("<50个不得分"), Some(("<50个", Decimal::ZERO)));
        assert_eq!(bare_points("5分"), Some(Decimal::from(5)));
        assert_eq!(bare_points("总分4分"), None);
        assert_eq!(max_clause("最高不超过5分"), Some((Decimal::from(5), "")));
        assert_eq!(max_clause("15分封顶"), Some((Decimal::from(15), "")));
        assert_eq!(
            max_clause("专业化众创空间最高10分"),
            Some((Decimal::from(10), "专业化众创空间"))
        );
        assert_eq!(max_clause("不超过3人得1分"), None);
    }

    #[test]
    fn comparisons() {
        let c = compare("拥有不低于5人的专职孵化服务团队");
        assert_eq!(
            c,
            Some(Compare::Simple {
                subject: "专职孵化服务团队".into(),
                op: Op::Ge,
                value: Decimal::from(5),
                unit: Some("人")
            })
        );
        let c = compare("团队成员人员本科以上学历达到50%以上");
        assert!(
            matches!(&c, Some(Compare::Simple { subject, op: Op::Ge, unit: Some("%"), .. }) if subject == "团队成员人员本科以上学历"),
            "{c:?}"
        );
        let c = compare("每15家入驻团队和在孵企业至少配备1名创业导师");
        assert!(
            matches!(&c, Some(Compare::PerEach { what, per, .. }) if what == "入驻团队和在孵企业" && per == "创业导师"),
            "{c:?}"
        );
        assert_eq!(compare("依据材料综合判定"), None);
    }
}
