//! A rule's cell cut into clauses: where the document pauses (，；。), a bracketed rule
//! read as clauses of the words it follows, and each clause normalised for matching.

use super::{unit, Clause};

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
            // The openers are at most five characters long.
            let rest: String = part
                .get(k..)
                .unwrap_or_default()
                .iter()
                .take(5)
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
            match (ordinal, counted, chinese_number(&run_chars)) {
                (false, true, Some(v)) => {
                    let at = chars.get(k).map_or(0, |p| p.1);
                    out.extend(v.to_string().chars().map(|d| (d, at)));
                }
                // Not a count: the run as it stands, passed over whole.
                _ => out.extend(chars.get(k..k + run).unwrap_or_default()),
            }
            k += run;
            continue;
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
        assert_eq!(norms("每增加1个百分点"), ["每增加1个百分点"]);
        assert_eq!(chinese_number(&['二', '十', '五']), Some(25));
        assert_eq!(chinese_number(&['十']), Some(10));
    }
}
