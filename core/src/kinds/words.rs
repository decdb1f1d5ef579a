//! Reading a rule's wording, for drafting a rubric file from a document's table: the
//! clauses of a cell, and the phrases the kinds' drafting hooks are built from (numbers,
//! units, points, comparisons, maxima).
//!
//! A document states a rule in one cell: “大于50万得5分，每增加50万加1分，最高10分”.
//! [`clauses`] splits it where the document pauses (，；。), reads a bracketed rule as
//! clauses of the words it follows (“当年获备案的科技型中小企业数（每个2分，最高4分）”), and
//! normalises each clause for matching: ASCII digits, signs and brackets where the cell has
//! full-width ones, no spaces or line breaks, and a number in Chinese before a unit in
//! digits (“每一项” reads as “每1项”). Each kind's hook ([`super::KindInfo::draft`]) looks at
//! the clauses not yet read ([`Words`]) and says which it reads, as which term, with which
//! fields ([`Drafted`]). It never guesses a number the words do not give.
//!
//! ```
//! use spacescore_core::kinds::words::clauses;
//!
//! let c = clauses("在孵企业占比（达到20%得5分，每增加10%加1分，最高10分）");
//! let norms: Vec<&str> = c.iter().map(|c| c.norm.as_str()).collect();
//! assert_eq!(norms, ["在孵企业占比", "达到20%得5分", "每增加10%加1分", "最高10分"]);
//! assert_eq!(c[1].subject, "在孵企业占比");
//! ```

use rust_decimal::Decimal;

use crate::rubric::rule::{Bound, Op, Rule, Term};
use crate::text::{fmt_dec, Text};

/// One clause of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The words as the cell has them.
    pub text: String,
    /// The same, normalised for matching.
    pub norm: String,
    /// What a bracketed rule is attached to (“当年获备案的科技型中小企业数” for the clauses of
    /// its “（每个2分，最高4分）”), normalised; empty for a clause outside brackets.
    pub subject: String,
}

/// What a field drafted from the words holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A whole number of things (个, 人, 家, 场次…).
    Count,
    /// An amount (万元, 平方米…).
    Amount,
    /// A percentage.
    Percent,
    /// A yes/no question.
    YesNo,
    /// One of several levels, by name (国家级, 省级…).
    OneOf(Vec<String>),
}

/// A field a drafted term reads, named from the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDraft {
    /// Its name, from the document's words.
    pub name: String,
    /// Its unit (empty for a percentage, a yes/no question or a level).
    pub unit: String,
    /// What it holds.
    pub shape: Shape,
    /// Whether it is not the applicant's to change (a target: “目标数”).
    pub given: bool,
}

/// What one kind's hook read: its terms, the fields they read, the clauses it read and as
/// what, and anything an official should look at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drafted {
    /// The terms. A field is named by its place in [`Drafted::fields`] ([`slot`]): `@0`,
    /// `@1`…; the drafter gives each its id.
    pub terms: Vec<Term>,
    /// The fields the terms read.
    pub fields: Vec<FieldDraft>,
    /// The clauses read, by index, each with what it was read as.
    pub read: Vec<(usize, Text)>,
    /// Why the reading needs an official's look, if it does.
    pub review: Vec<Text>,
}

impl Drafted {
    /// A field for the terms: its slot (`@0`…), the same slot for the same field.
    pub fn field(&mut self, f: FieldDraft) -> String {
        let at = match self.fields.iter().position(|g| *g == f) {
            Some(i) => i,
            None => {
                self.fields.push(f);
                self.fields.len() - 1
            }
        };
        slot(at)
    }

    /// Reads clause `i` as `zh` / `en`.
    pub fn read(&mut self, i: usize, zh: impl Into<String>, en: impl Into<String>) {
        self.read.push((i, Text::new(zh, en)));
    }

    /// Adds a term of `rule`, with no label, cap or precondition.
    pub fn term(&mut self, rule: Rule) {
        self.terms.push(Term {
            label: None,
            rule,
            cap: None,
            requires: None,
        });
    }

    /// The clauses read, by index, in order.
    pub fn claimed(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self.read.iter().map(|r| r.0).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The name a drafted term gives its `i`-th field.
pub fn slot(i: usize) -> String {
    format!("@{i}")
}

/// Which field a name from [`slot`] stands for.
pub fn slot_index(s: &str) -> Option<usize> {
    s.strip_prefix('@')?.parse().ok()
}

/// What a kind's hook is shown: a rule's clauses, which are still to read, and the item.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// Every clause of the rule.
    pub clauses: &'a [Clause],
    /// Which clauses another hook has read already.
    pub taken: &'a [bool],
    /// The item's name (what a field is called when the words name nothing).
    pub name: &'a str,
    /// The item's maximum (the smallest, where the table gives several).
    pub max: Option<Decimal>,
    /// What the terms read so far leave of the maximum (none when one has no ceiling).
    pub rest: Option<Decimal>,
    /// What was read so far, in order.
    pub drafted: &'a [Drafted],
}

impl<'a> Words<'a> {
    /// Clause `i`, if it is still to read.
    pub fn free(&self, i: usize) -> Option<&'a Clause> {
        match self.taken.get(i) {
            Some(false) => self.clauses.get(i),
            _ => None,
        }
    }

    /// The clauses still to read, with their indices, in order.
    pub fn frees(&self) -> impl Iterator<Item = (usize, &'a Clause)> + '_ {
        (0..self.clauses.len()).filter_map(move |i| self.free(i).map(|c| (i, c)))
    }

    /// What a field of this clause is called: the first of `names` that says something,
    /// else the words the clause is attached to, else the item's name.
    pub fn name_for(&self, c: &Clause, names: &[&str]) -> String {
        names
            .iter()
            .map(|n| clean(n))
            .chain([clean(&c.subject), clean(self.name)])
            .find(|n| !n.is_empty() && !n.chars().any(|c| c.is_ascii_digit()))
            .unwrap_or_else(|| self.name.to_string())
    }
}

// --- Clauses ---------------------------------------------------------------------------

/// Words that open a clause even where the cell does not pause before them
/// (“每60人次计1分最高6分”).
const OPENERS: &[&str] = &[
    "最高",
    "最多",
    "上限",
    "封顶",
    "每",
    "不超过",
    "累计",
    "其中",
    "按",
    "此基础上",
    "在此基础上",
];

/// A rule's clauses (see the module documentation).
pub fn clauses(text: &str) -> Vec<Clause> {
    let chars: Vec<char> = text.chars().collect();
    let norm = normalise(&chars);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (k, (c, _)) in norm.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' | '。' if depth == 0 => {
                segment(&chars, norm.get(start..k).unwrap_or_default(), &mut out);
                start = k + 1;
            }
            _ => {}
        }
    }
    segment(&chars, norm.get(start..).unwrap_or_default(), &mut out);
    out
}

/// A clause as normalised characters, each with the index of the character it came from.
type Norm = [(char, usize)];

/// One part of a rule between pauses: its bracketed rules split off as clauses of the words
/// before them.
fn segment(orig: &[char], seg: &Norm, out: &mut Vec<Clause>) {
    let mut before_start = 0;
    let mut k = 0;
    while k < seg.len() {
        if seg.get(k).map(|p| p.0) != Some('(') {
            k += 1;
            continue;
        }
        let Some(end) = closing(seg, k) else { break };
        let inner = seg.get(k + 1..end).unwrap_or_default();
        let inner_text: String = inner.iter().map(|p| p.0).collect();
        if !scoring(&inner_text) {
            k = end + 1;
            continue;
        }
        let before = seg.get(before_start..k).unwrap_or_default();
        let subject: String = if before.is_empty() {
            out.last().map(|c| c.norm.clone()).unwrap_or_default()
        } else {
            before.iter().map(|p| p.0).collect()
        };
        pieces(orig, before, "", out);
        let mut from = 0;
        for (j, (c, _)) in inner.iter().enumerate() {
            if matches!(c, ',' | ';' | '。') {
                pieces(orig, inner.get(from..j).unwrap_or_default(), &subject, out);
                from = j + 1;
            }
        }
        pieces(orig, inner.get(from..).unwrap_or_default(), &subject, out);
        before_start = end + 1;
        k = end + 1;
    }
    pieces(orig, seg.get(before_start..).unwrap_or_default(), "", out);
}

/// The index of the bracket that closes the one at `open`.
fn closing(seg: &Norm, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, (c, _)) in seg.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Pushes the clauses of `part`, split after a number of points where an opener follows
/// (“每60人次计1分最高6分” is two clauses).
fn pieces(orig: &[char], part: &Norm, subject: &str, out: &mut Vec<Clause>) {
    let mut from = 0;
    for k in 1..part.len() {
        let here = part.get(k - 1).map(|p| p.0);
        let digit_before = k >= 2 && part.get(k - 2).is_some_and(|p| p.0.is_ascii_digit());
        if here == Some('分') && digit_before {
            let rest: String = part
                .get(k..)
                .unwrap_or_default()
                .iter()
                .map(|p| p.0)
                .collect();
            if OPENERS.iter().any(|o| rest.starts_with(o)) {
                push(orig, part.get(from..k).unwrap_or_default(), subject, out);
                from = k;
            }
        }
    }
    push(orig, part.get(from..).unwrap_or_default(), subject, out);
}

fn push(orig: &[char], part: &Norm, subject: &str, out: &mut Vec<Clause>) {
    let norm: String = part.iter().map(|p| p.0).collect();
    let norm = norm
        .trim_matches(|c: char| matches!(c, ',' | ';' | '。' | ':' | '、' | '.'))
        .to_string();
    if norm.is_empty() {
        return;
    }
    let (Some(first), Some(last)) = (part.first(), part.last()) else {
        return;
    };
    let text: String = orig
        .get(first.1..=last.1.max(first.1))
        .unwrap_or_default()
        .iter()
        .collect();
    out.push(Clause {
        text: text.trim().to_string(),
        norm,
        subject: subject.to_string(),
    });
}

/// Whether words hold a rule: points, a deduction, a cap or a veto.
pub fn scoring(s: &str) -> bool {
    let digits = s.chars().any(|c| c.is_ascii_digit());
    let capped = ["最高", "最多", "上限", "封顶"]
        .iter()
        .any(|o| s.contains(o));
    (digits && (s.contains('分') || capped))
        || s.contains('扣')
        || s.contains("不得分")
        || s.contains("否决")
}

/// The characters of `chars` normalised for matching, each with its original index.
fn normalise(chars: &[char]) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || crate::text::is_invisible(c) {
            continue;
        }
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
            _ => c,
        };
        let c = match c {
            '〜' | '—' | '–' | '―' | '~' | '－' => '-',
            '*' => '×',
            '÷' => '/',
            '≧' => '≥',
            '≦' => '≤',
            other => other,
        };
        out.push((c, i));
    }
    numerals(&out)
}

/// Chinese numbers before a unit or 分 as digits (“每一项” → “每1项”, “两名” → “2名”), not
/// ordinals (“第一”).
fn numerals(chars: &[(char, usize)]) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(chars.len());
    let mut k = 0;
    while k < chars.len() {
        let run = chars
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|p| numeral(p.0).is_some())
            .count();
        if run > 0 {
            let after: String = chars
                .get(k + run..)
                .unwrap_or_default()
                .iter()
                .take(4)
                .map(|p| p.0)
                .collect();
            let before = k.checked_sub(1).and_then(|b| chars.get(b)).map(|p| p.0);
            let ordinal = before == Some('第');
            // “得三分”, not “百分点”, “十分重要”.
            let points = after.starts_with('分')
                && !["分点", "分之", "分比"]
                    .iter()
                    .any(|w| after.starts_with(w))
                && before.is_some_and(|b| "得加计扣为".contains(b));
            let counted = unit(&after).is_some() || points;
            let run_chars: Vec<char> = chars
                .get(k..k + run)
                .unwrap_or_default()
                .iter()
                .map(|p| p.0)
                .collect();
            if let (false, true, Some(v)) = (ordinal, counted, chinese_number(&run_chars)) {
                let at = chars.get(k).map_or(0, |p| p.1);
                out.extend(v.to_string().chars().map(|d| (d, at)));
                k += run;
                continue;
            }
        }
        if let Some(p) = chars.get(k) {
            out.push(*p);
        }
        k += 1;
    }
    out
}

fn numeral(c: char) -> Option<u32> {
    Some(match c {
        '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        '百' => 100,
        _ => return None,
    })
}

/// A Chinese number under a thousand (“十二”, “二十”, “一百零五”).
fn chinese_number(run: &[char]) -> Option<u32> {
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    for &c in run {
        match numeral(c)? {
            v @ (10 | 100) => {
                total += digit.unwrap_or(1) * v;
                digit = None;
            }
            d => {
                if digit.is_some() {
                    return None;
                }
                digit = Some(d);
            }
        }
    }
    Some(total + digit.unwrap_or(0))
}

// --- Phrases ---------------------------------------------------------------------------

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
const AMOUNTS: &[&str] = &["平方米", "万元", "亿元", "千元", "元"];

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

/// Verbs that open a clause before what it compares (“拥有不低于5人的…”).
const LEADING: &[&str] = &[
    "拥有", "具有", "具备", "配备", "配有", "其中", "以及", "并且",
];

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

/// Words with what is not a name trimmed: opening verbs and conjunctions, a closing 的,
/// punctuation at either end.
pub fn clean(s: &str) -> String {
    let mut s = s.trim_matches(|c: char| c.is_ascii_punctuation() || "，；。：、".contains(c));
    loop {
        let before = s;
        for w in LEADING {
            s = s.strip_prefix(w).unwrap_or(s);
        }
        s = s.trim_end_matches('的');
        if s == before {
            break;
        }
    }
    s.to_string()
}

/// A field named `name` measured in `unit`: an amount for money and area, a percentage for
/// % and 百分点, else a count (of 个 where no unit is given).
pub fn field(name: &str, unit: Option<&str>) -> FieldDraft {
    let unit = unit.unwrap_or("个");
    let shape = if AMOUNTS.contains(&unit) {
        Shape::Amount
    } else if matches!(unit, "%" | "百分点") {
        Shape::Percent
    } else {
        Shape::Count
    };
    let unit = if shape == Shape::Percent { "" } else { unit };
    FieldDraft {
        name: name.to_string(),
        unit: unit.to_string(),
        shape,
        given: false,
    }
}

/// A yes/no field asking `question`.
pub fn question(question: &str) -> FieldDraft {
    FieldDraft {
        name: question.to_string(),
        unit: String::new(),
        shape: Shape::YesNo,
        given: false,
    }
}

/// The id of a level drafted as the `k`-th option of a single choice.
pub fn option_id(k: usize) -> String {
    format!("o{}", k + 1)
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

/// A sentence part: “5 分” / “5 points”.
pub fn pts(p: Decimal) -> (String, String) {
    let p = fmt_dec(p);
    let en = if p == "1" {
        "1 point".into()
    } else {
        format!("{p} points")
    };
    (format!("{p} 分"), en)
}

/// How a comparison reads, in Chinese and English (“≥ 5 人”).
pub fn compared(op: Op, value: Decimal, unit: Option<&str>) -> String {
    let unit = match unit {
        Some("%") => "%".to_string(),
        Some(u) => format!(" {u}"),
        None => String::new(),
    };
    format!("{} {}{unit}", op.sign(), fmt_dec(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        clauses(s).into_iter().map(|c| c.norm).collect()
    }

    #[test]
    fn clauses_split_where_the_document_pauses() {
        assert_eq!(
            norms("每场次得1分，\n最高7分。"),
            ["每场次得1分", "最高7分"]
        );
        assert_eq!(
            norms("每60人次计1分\n最高6分。"),
            ["每60人次计1分", "最高6分"]
        );
        assert_eq!(
            norms("是否设立公共服务平台（5分），以及公共服务平台开服务入驻团队企业情况（依据材料综合判定得分，最高5分）"),
            ["是否设立公共服务平台", "5分", "以及公共服务平台开服务入驻团队企业情况", "依据材料综合判定得分", "最高5分"]
        );
        // A bracket without a rule is part of the words.
        assert_eq!(
            norms("引进国际资本项目/企业（含港澳台）情况"),
            ["引进国际资本项目/企业(含港澳台)情况"]
        );
        let c = clauses("月报漏报一次扣0.2分");
        assert_eq!(c[0].norm, "月报漏报1次扣0.2分");
        assert_eq!(c[0].text, "月报漏报一次扣0.2分");
        assert_eq!(norms("第一项５分"), ["第一项5分"]);
    }

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
        assert_eq!(chinese_number(&['二', '十', '五']), Some(25));
        assert_eq!(chinese_number(&['十']), Some(10));
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
