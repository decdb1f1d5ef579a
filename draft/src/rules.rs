//! One item's rule, drafted from its words by the kinds' hooks.
//!
//! The rule's clauses are offered to every kind of `KINDS` in rounds. In each round every
//! kind says what it would read among the clauses still to read; the reading that starts
//! at the earliest clause wins, then the one that reads more clauses (“大于50万得5分，每增加
//! 50万加1分” is one `step`, not a `condition` and a stray clause), then the kind listed
//! first. Its clauses are taken, and the next round sees what its terms leave of the item's
//! maximum (a deduction starts from it). What no kind reads is then looked at here: a
//! maximum (“最高5分”: the item's, or a part's cap), a veto, or words the draft could not
//! read, which the item's review lists.

use std::cmp::Reverse;

use rust_decimal::Decimal;
use spacescore_core::kinds::self_score::SelfScore;
use spacescore_core::kinds::words::{self, Clause, Drafted, FieldDraft, Words};
use spacescore_core::kinds::{Rule, KINDS};
use spacescore_core::rubric::Term;
use spacescore_core::{fmt_dec, Text};

use crate::Recognised;

/// The most clauses of one rule read (real rules have a dozen at most): each round of the
/// kinds' hooks looks at every clause, so a hostile cell of thousands is cut here.
pub const MAX_CLAUSES: usize = 64;

/// An item's rule as drafted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// What each kind read, in the order of the words; each names its fields by slot.
    pub parts: Vec<Drafted>,
    /// Every field the item reads, each once.
    pub fields: Vec<FieldDraft>,
    /// For each part, the field of `fields` each of its slots stands for.
    pub slots: Vec<Vec<usize>>,
    /// The words read, with what they were read as, in the order of the rule.
    pub recognised: Vec<Recognised>,
    /// Why the item needs an official's look.
    pub review: Vec<Text>,
    /// Clauses of the rule that say 一票否决.
    pub vetoes: Vec<String>,
    /// The maximum the rule states, for a table with no column of points.
    pub stated_max: Option<Decimal>,
    /// Whether nothing was recognised and the item is self-assessed.
    pub fallback: bool,
}

/// Why an item with no rule read is self-assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// The table gives no rule (weights only).
    NoRule,
    /// The rule's words state no way of scoring (“带动区域创新创业…（最高10分）”).
    NoWording,
    /// The rule's words were not recognised.
    NotRecognised,
}

/// The item's rule from `rule` (its words, if any), for an item called `name` whose maxima
/// are `maxima` (one per column of weights; none where it does not apply), the columns
/// naming `types`.
pub fn read(
    rule: Option<&str>,
    name: &str,
    maxima: &[Option<Decimal>],
    types: &[Option<String>],
) -> Reading {
    let mut clauses = rule.map(words::clauses).unwrap_or_default();
    let cut = clauses.len() > MAX_CLAUSES;
    clauses.truncate(MAX_CLAUSES);
    let max = maxima.iter().flatten().min().copied();
    let mut taken = vec![false; clauses.len()];
    let mut parts: Vec<Drafted> = Vec::new();
    let mut rest = max;
    for _ in 0..clauses.len() {
        let w = Words {
            clauses: &clauses,
            taken: &taken,
            name,
            max,
            rest,
            drafted: &parts,
        };
        let best = KINDS
            .iter()
            .enumerate()
            .filter_map(|(k, info)| (info.draft)(&w).map(|d| (k, d)))
            .filter_map(|(k, d)| {
                let claimed = d.claimed();
                let free = claimed.iter().all(|i| taken.get(*i) == Some(&false));
                let first = *claimed.first()?;
                (free && !d.terms.is_empty()).then_some(((first, Reverse(claimed.len()), k), d))
            })
            .min_by_key(|(key, _)| *key);
        let Some((_, d)) = best else { break };
        for i in d.claimed() {
            if let Some(t) = taken.get_mut(i) {
                *t = true;
            }
        }
        rest = match (rest, ceiling(&d.terms)) {
            (Some(r), Some(c)) => Some(r - c),
            _ => None,
        };
        parts.push(d);
    }
    let mut reading = Reading::default();
    if cut {
        reading.review.push(Text::new(
            format!("规则超过 {MAX_CLAUSES} 个分句，只读了前 {MAX_CLAUSES} 个：请核对"),
            format!("the rule has more than {MAX_CLAUSES} clauses; the first {MAX_CLAUSES} were read: check it"),
        ));
    }
    let mut said: Vec<(usize, Recognised)> = Vec::new();
    for d in &parts {
        for (i, meaning) in &d.read {
            if let Some(c) = clauses.get(*i) {
                said.push((
                    *i,
                    Recognised {
                        words: c.text.clone(),
                        read_as: meaning.clone(),
                    },
                ));
            }
        }
        reading.review.extend(d.review.iter().cloned());
    }
    // What no kind read.
    let mut unread: Vec<&Clause> = Vec::new();
    let mut maxima_said: Vec<(usize, Decimal, String)> = Vec::new();
    for (i, c) in clauses.iter().enumerate() {
        if taken.get(i) == Some(&true) {
            continue;
        }
        if let Some((n, qualifier)) = words::max_clause(&c.norm) {
            maxima_said.push((i, n, qualifier.to_string()));
        } else if [
            "一票否决",
            "不得评为",
            "不得定为",
            "视为不合格",
            "定为不合格",
        ]
        .iter()
        .any(|v| c.norm.contains(v))
        {
            reading.vetoes.push(c.text.clone());
            said.push((
                i,
                Recognised {
                    words: c.text.clone(),
                    read_as: Text::new(
                        "一票否决：另列为否决项（vetoes）",
                        "a veto: listed among the vetoes",
                    ),
                },
            ));
        } else if words::scoring(&c.norm) {
            unread.push(c);
        }
    }
    stated_maxima(
        &mut reading,
        &mut parts,
        &clauses,
        &maxima_said,
        maxima,
        types,
        &mut said,
    );
    said.sort_by_key(|s| s.0);
    reading.recognised = said.into_iter().map(|s| s.1).collect();
    if parts.is_empty() {
        let why = match rule {
            None => Unread::NoRule,
            Some(_) if unread.is_empty() => Unread::NoWording,
            Some(_) => Unread::NotRecognised,
        };
        parts.push(fallback(
            max.or(reading.stated_max),
            why,
            &unread,
            &mut reading.review,
        ));
        reading.fallback = true;
    } else if !unread.is_empty() {
        let words: Vec<&str> = unread.iter().map(|c| c.text.as_str()).collect();
        let words = words.join("”“");
        reading.review.push(Text::new(
            format!("未能识别“{words}”，其余已识别：请核对是否漏了计分部分"),
            format!("“{words}” was not recognised (the rest was): check that no part of the rule is missing"),
        ));
    }
    // One field for the same words in several parts (a yes/no question that a
    // self-assessed part waits for).
    for d in &parts {
        let mut map = Vec::new();
        for f in &d.fields {
            let at = match reading.fields.iter().position(|g| g == f) {
                Some(k) => k,
                None => {
                    reading.fields.push(f.clone());
                    reading.fields.len() - 1
                }
            };
            map.push(at);
        }
        reading.slots.push(map);
    }
    reading.parts = parts;
    reading
}

/// The most the terms can give, if bounded.
fn ceiling(terms: &[Term]) -> Option<Decimal> {
    terms.iter().map(Term::ceiling).sum()
}

/// The maxima the rule states: the item's own (as the column of points says, or for a
/// table without one), a space type's (“专业化众创空间最高10分”), or a cap on the part
/// before it, where the item has several parts.
#[allow(clippy::too_many_arguments)]
fn stated_maxima(
    reading: &mut Reading,
    parts: &mut [Drafted],
    clauses: &[Clause],
    said_max: &[(usize, Decimal, String)],
    columns: &[Option<Decimal>],
    types: &[Option<String>],
    said: &mut Vec<(usize, Recognised)>,
) {
    let several = parts.iter().map(|p| p.terms.len()).sum::<usize>() > 1;
    for (i, n, qualifier) in said_max {
        let Some(c) = clauses.get(*i) else { continue };
        let shown = fmt_dec(*n);
        let qualifier = words::clean(qualifier);
        // The columns this maximum speaks of: those of the space type it names, else all.
        let named: Vec<usize> = types
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.as_deref().is_some_and(|t| {
                    !qualifier.is_empty() && (t.contains(&qualifier) || qualifier.contains(t))
                })
            })
            .map(|(k, _)| k)
            .collect();
        let of: Vec<Option<Decimal>> = if named.is_empty() {
            columns.to_vec()
        } else {
            named
                .iter()
                .filter_map(|k| columns.get(*k).copied())
                .collect()
        };
        let applies: Vec<Decimal> = of.iter().flatten().copied().collect();
        if applies.is_empty() && columns.iter().all(Option::is_none) {
            reading.stated_max = Some(*n);
            said.push((
                *i,
                Recognised {
                    words: c.text.clone(),
                    read_as: Text::new(
                        format!("本项最高 {shown} 分"),
                        format!("the item's most: {shown} points"),
                    ),
                },
            ));
            continue;
        }
        let overridden =
            named.is_empty() && said_max.iter().any(|(_, _, q)| !words::clean(q).is_empty());
        if applies.iter().all(|m| m == n) || (overridden && applies.iter().any(|m| m == n)) {
            said.push((
                *i,
                Recognised {
                    words: c.text.clone(),
                    read_as: Text::new(
                        format!("本项最高 {shown} 分（与分值栏一致）"),
                        format!("the item's most, {shown} points (as its points column says)"),
                    ),
                },
            ));
            continue;
        }
        // Below the item's maximum, after a part of several: that part's cap.
        let before = parts
            .iter_mut()
            .rfind(|p| p.claimed().last().is_some_and(|l| l < i));
        let below = applies.iter().all(|m| n < m);
        if let (true, true, Some(p)) = (several, below, before) {
            if let Some(t) = p.terms.last_mut() {
                let capped = KINDS.iter().any(|k| k.name == t.rule.kind() && k.capped);
                if capped && t.ceiling().is_none_or(|c| c > *n) {
                    t.cap = Some(*n);
                    said.push((
                        *i,
                        Recognised {
                            words: c.text.clone(),
                            read_as: Text::new(
                                format!("此部分最高 {shown} 分（cap）"),
                                format!("this part gives at most {shown} points (cap)"),
                            ),
                        },
                    ));
                    continue;
                }
            }
        }
        let stated: Vec<String> = applies.iter().map(|m| fmt_dec(*m)).collect();
        let stated = stated.join(" / ");
        said.push((
            *i,
            Recognised {
                words: c.text.clone(),
                read_as: Text::new(
                    format!("最高 {shown} 分：与分值栏（{stated} 分）不符"),
                    format!("at most {shown} points: not what the points column says ({stated})"),
                ),
            },
        ));
        reading.review.push(Text::new(
            format!("规则写“{}”，分值栏为 {stated} 分：按分值栏计，请核对", c.text),
            format!("the rule says “{}” but the points column says {stated}: the column is used; check it", c.text),
        ));
    }
}

/// A self-assessed part from 0 to `max`, and why it needs review.
fn fallback(
    max: Option<Decimal>,
    why: Unread,
    unread: &[&Clause],
    review: &mut Vec<Text>,
) -> Drafted {
    let max = max.unwrap_or(Decimal::ZERO);
    let m = fmt_dec(max);
    let (zh, en) = match why {
        Unread::NoRule => (
            format!("表中没有计分规则，只有分值：按申报单位自评 0–{m} 分；文件另有计分办法的，请据以改写"),
            format!("the table gives points but no rule: self-assessed from 0 to {m}; where the document gives a rule elsewhere, write it"),
        ),
        Unread::NoWording => (
            format!("规则没有写怎样计分：按申报单位自评 0–{m} 分，请核对"),
            format!("the rule's words state no way of scoring: self-assessed from 0 to {m}; check it"),
        ),
        Unread::NotRecognised => {
            let words: Vec<&str> = unread.iter().map(|c| c.text.as_str()).collect();
            let words = words.join("”“");
            (
                format!("未能识别计分规则“{words}”：暂按申报单位自评 0–{m} 分，请据文件改写"),
                format!("the rule “{words}” was not recognised: self-assessed from 0 to {m} for now; write the rule from the document"),
            )
        }
    };
    review.push(Text::new(zh, en));
    let mut d = Drafted::default();
    d.term(Rule::SelfScore(SelfScore {
        field: String::new(),
        max,
    }));
    d
}
