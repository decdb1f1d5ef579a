//! The table's structure: groups with their points, items with their maxima per column of
//! weights, bonus groups, veto clauses and total rows, with merged cells carried down.

use rust_decimal::Decimal;
use spacescore_core::kinds::words;
use spacescore_core::Text;

use crate::columns::{Header, Role};
use crate::table::Table;
use crate::Error;

/// A weight or points cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weight {
    /// Points (“5”, “10分”).
    Points(Decimal),
    /// A percentage of the total (“5%”): as many points out of 100.
    Percent(Decimal),
    /// The item does not apply to this column's type (“-”).
    NotApplicable,
    /// Blank.
    Missing,
    /// Words that are not a weight.
    Other(String),
}

impl Weight {
    /// A cell as a weight.
    pub fn of(cell: &str) -> Weight {
        let t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() {
            return Weight::Missing;
        }
        if matches!(
            t.as_str(),
            "-" | "—" | "－" | "——" | "/" | "／" | "\\" | "无" | "不适用" | "不考核" | "×"
        ) {
            return Weight::NotApplicable;
        }
        let t = t.replace('％', "%");
        if let Some(n) = t.strip_suffix('%').and_then(|n| n.parse().ok()) {
            return Weight::Percent(n);
        }
        let n = t.strip_suffix('分').unwrap_or(&t);
        match n.parse() {
            Ok(n) => Weight::Points(n),
            Err(_) => Weight::Other(cell.to_string()),
        }
    }

    /// Its points, where it gives some.
    pub fn points(&self) -> Option<Decimal> {
        match self {
            Weight::Points(n) | Weight::Percent(n) => Some(*n),
            _ => None,
        }
    }
}

/// A group: a 一级指标 cell or a group row (“一、服务能力（35分）”).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The cell, lines joined.
    pub source: String,
    /// Its name, without numbering or points.
    pub name: String,
    /// Its points, per column of weights, where the table states them.
    pub stated: Vec<Option<Weight>>,
    /// Whether it holds bonus items (加分项, 附加分).
    pub bonus: bool,
}

/// An item: one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its row, from 1.
    pub row: usize,
    /// Its group, by index.
    pub group: usize,
    /// Its number.
    pub number: Option<String>,
    /// Its name.
    pub name: String,
    /// The name cell, lines joined.
    pub name_cell: String,
    /// What it means (指标说明).
    pub explanation: Option<String>,
    /// Its rule: the rule cell, or the name cell where that holds it.
    pub rule: Option<String>,
    /// Its weight per column of weights.
    pub weights: Vec<Weight>,
    /// The evidence asked for.
    pub evidence: Option<String>,
    /// 定量 / 定性.
    pub nature: Option<String>,
    /// Remarks, and the level between group and item.
    pub notes: Vec<String>,
}

/// A veto clause: a row that says 一票否决, or words in a rule that do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Veto {
    /// Its row, from 1.
    pub row: usize,
    /// The clause, as the table has it.
    pub text: String,
    /// The row's other cells that say 一票否决 (“一票否决项”), as the table has them.
    pub marks: Vec<String>,
}

/// What the table holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The columns of weights: index and the space type named.
    pub columns: Vec<(usize, Option<String>)>,
    /// The groups, in order.
    pub groups: Vec<Group>,
    /// The items, in order.
    pub items: Vec<Item>,
    /// The veto clauses.
    pub vetoes: Vec<Veto>,
    /// What was noticed on the way (total rows, rows not read).
    pub notes: Vec<Text>,
    /// The table's title row, if any.
    pub title: Option<String>,
}

/// The lines of a cell joined, as a rubric file quotes a cell (a line break inside a cell
/// is where the table's column was narrow).
pub fn joined(cell: &str) -> String {
    cell.lines().map(str::trim).collect()
}

/// Words for a row of totals.
const TOTALS: &[&str] = &[
    "合计",
    "总计",
    "总分",
    "得分合计",
    "分值合计",
    "合计分值",
    "合计得分",
    "总计得分",
    "小计",
    "满分",
];

/// Words that make a row a veto clause.
const VETOES: &[&str] = &[
    "一票否决",
    "否决项",
    "不得评为",
    "不得定为",
    "视为不合格",
    "定为不合格",
];

/// The rows of `table` under `header` as groups, items, vetoes and totals.
///
/// # Errors
/// [`Error::Empty`] when no row under the header holds an item.
pub fn layout(table: &Table, header: &Header) -> Result<Layout, Error> {
    let col = |role: Role| header.first(&role);
    let number = col(Role::Number);
    let group = col(Role::Group);
    let subgroup = col(Role::Subgroup);
    let name = col(Role::Name);
    let explanation = col(Role::Explanation);
    let rule = col(Role::Rule);
    let evidence = col(Role::Evidence);
    let nature = col(Role::Nature);
    let notes_cols: Vec<usize> = header
        .columns
        .iter()
        .filter(|c| c.role == Role::Notes)
        .map(|c| c.index)
        .collect();
    let columns = header.maxima();
    let read: Vec<usize> = header
        .columns
        .iter()
        .filter(|c| !matches!(c.role, Role::Unknown | Role::Score))
        .map(|c| c.index)
        .collect();

    let mut out = Layout {
        columns: columns.clone(),
        groups: Vec::new(),
        items: Vec::new(),
        vetoes: Vec::new(),
        notes: Vec::new(),
        title: header.title.clone(),
    };
    let mut current_sub: Option<String> = None;
    for r in header.rows.end..table.rows().len() {
        let cell = |c: Option<usize>| c.map(|c| joined(table.cell(r, c))).unwrap_or_default();
        let texts: Vec<String> = read
            .iter()
            .map(|c| joined(table.cell(r, *c)))
            .filter(|t| !t.is_empty())
            .collect();
        if texts.is_empty() {
            continue;
        }
        let weights: Vec<Weight> = columns
            .iter()
            .map(|(c, _)| Weight::of(table.cell(r, *c)))
            .collect();
        let first = texts.first().cloned().unwrap_or_default();
        let key: String = first.chars().filter(|c| !c.is_whitespace()).collect();
        let key = key.trim_end_matches("（分）").trim_end_matches("(分)");
        if TOTALS.contains(&key) {
            let stated: Vec<String> = weights
                .iter()
                .filter_map(Weight::points)
                .map(spacescore_core::fmt_dec)
                .collect();
            let (zh, en) = if stated.is_empty() {
                (String::new(), String::new())
            } else {
                let s = stated.join(" / ");
                (
                    format!("（表中合计 {s}）"),
                    format!(" (the table's total: {s})"),
                )
            };
            out.notes.push(Text::new(
                format!("第 {} 行“{first}”是合计行，不作指标读取{zh}", r + 1),
                format!("row {} (“{first}”) is a total, not an item{en}", r + 1),
            ));
            continue;
        }
        let veto_weight = weights
            .iter()
            .any(|w| matches!(w, Weight::Other(t) if t.contains("否决")));
        let says_veto = texts.iter().any(|t| VETOES.iter().any(|v| t.contains(v)));
        let has_points = weights.iter().any(|w| w.points().is_some());
        if veto_weight || (says_veto && !has_points) {
            let marker = |t: &str| {
                let k: String = t.chars().filter(|c| !c.is_whitespace()).collect();
                k.len() <= "一票否决项".len() && k.contains("否决")
            };
            let text = [cell(name), cell(explanation), cell(rule)]
                .into_iter()
                .find(|t| !t.is_empty() && !marker(t))
                .or_else(|| texts.iter().max_by_key(|t| t.chars().count()).cloned())
                .unwrap_or_default();
            let marks = texts.iter().filter(|t| **t != text).cloned().collect();
            out.vetoes.push(Veto {
                row: r + 1,
                text,
                marks,
            });
            continue;
        }
        let group_cell = cell(group);
        if !group_cell.is_empty() && out.groups.last().is_none_or(|g| g.source != group_cell) {
            out.groups.push(group_of(&group_cell, columns.len()));
            current_sub = None;
        }
        let sub_cell = cell(subgroup);
        if !sub_cell.is_empty() {
            current_sub = Some(sub_cell);
        }
        let name_cell = cell(name);
        let rule_cell = cell(rule);
        let others: Vec<&String> = texts
            .iter()
            .filter(|t| **t != group_cell && Weight::of(t).points().is_none())
            .collect();
        // In a table with no group column, a row of one text and nothing else (or only its
        // points) is a group's title: “一、服务能力（35分）”.
        let lone = match others.as_slice() {
            [one] if rule_cell.is_empty() && group.is_none() => Some(*one),
            _ => None,
        };
        if let Some(title) = lone.filter(|t| name_cell.is_empty() || titled(t)) {
            let mut g = group_of(title, columns.len());
            if g.stated.iter().all(Option::is_none) && has_points {
                g.stated = weights
                    .iter()
                    .map(|w| w.points().map(|_| w.clone()))
                    .collect();
            }
            out.groups.push(g);
            current_sub = None;
            continue;
        }
        if name_cell.is_empty() && !has_points {
            // A row that goes on with the item above (a rule or explanation over two rows).
            if let Some(item) = out.items.last_mut() {
                if !rule_cell.is_empty() {
                    let joined = item
                        .rule
                        .take()
                        .map_or(rule_cell.clone(), |r| format!("{r}；{rule_cell}"));
                    item.rule = Some(joined);
                }
                let more = cell(explanation);
                if !more.is_empty() {
                    item.explanation = Some(
                        item.explanation
                            .take()
                            .map_or(more.clone(), |e| format!("{e}{more}")),
                    );
                }
                continue;
            }
        }
        if out.groups.is_empty() {
            out.groups.push(Group {
                source: String::new(),
                name: "全部指标".into(),
                stated: vec![None; columns.len()],
                bonus: false,
            });
        }
        let (number, item_name) = numbered(cell(number), &name_cell);
        let item_name = if item_name.is_empty() {
            out.items.last().map(|i| i.name.clone()).unwrap_or_default()
        } else {
            item_name
        };
        // Where no column holds the rule, the name cell may (考核指标 “…（每个2分，最高6分）”).
        let (rule_text, name) = if !rule_cell.is_empty() {
            (Some(rule_cell), item_name)
        } else if words::scoring(&item_name) {
            (Some(name_cell.clone()), name_before_rule(&item_name))
        } else {
            (None, item_name)
        };
        let mut notes: Vec<String> = notes_cols
            .iter()
            .map(|c| joined(table.cell(r, *c)))
            .filter(|t| !t.is_empty())
            .collect();
        if let Some(s) = &current_sub {
            notes.insert(0, format!("二级指标：{s}"));
        }
        let nonblank = |s: String| (!s.is_empty()).then_some(s);
        out.items.push(Item {
            row: r + 1,
            group: out.groups.len() - 1,
            number,
            name,
            name_cell,
            explanation: nonblank(cell(explanation)),
            rule: rule_text,
            weights,
            evidence: nonblank(cell(evidence)),
            nature: nonblank(cell(nature)),
            notes,
        });
    }
    if out.items.is_empty() {
        return Err(Error::Empty);
    }
    Ok(out)
}

/// Whether a text reads as a group's title: numbered as groups are (一、, （一）, 第一部分)
/// or with its points.
fn titled(t: &str) -> bool {
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let t = t.trim();
    let chinese = t.starts_with('第')
        || t.trim_start_matches(['（', '(']).starts_with(numeral)
            && t.chars()
                .find(|c| !(numeral(*c) || *c == '（' || *c == '('))
                .is_some_and(|c| "、）).".contains(c));
    chinese || points_in(t).1.is_some()
}

/// A group from its cell: “基本服务情况（20分）”, “服务基础 25%”, “一、服务能力（35分）”.
fn group_of(cell: &str, columns: usize) -> Group {
    let (_, text) = numbered(String::new(), cell);
    let (name, weight) = points_in(&text);
    let bonus = name.contains("加分") || name.contains("附加");
    Group {
        source: cell.to_string(),
        name,
        stated: vec![weight; columns],
        bonus,
    }
}

/// A title's points at its end, in brackets or not (“（20分）”, “25%”, “（一级指标权重45%）”):
/// the title without them, and the weight.
fn points_in(text: &str) -> (String, Option<Weight>) {
    let t = text.trim();
    let bracketed = t
        .strip_suffix(['）', ')'])
        .and_then(|body| body.rfind(['（', '(']).map(|at| (body, at)));
    if let Some((body, at)) = bracketed {
        let inner = body
            .get(at..)
            .unwrap_or_default()
            .trim_start_matches(['（', '(']);
        if let Some(w) = last_weight(inner) {
            return (
                body.get(..at).unwrap_or_default().trim().to_string(),
                Some(w),
            );
        }
        return (t.to_string(), None);
    }
    let end = t.trim_end_matches(['分', '%', '％']);
    let digits = end.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    if digits.len() < end.len() && end.len() < t.len() {
        if let Some(w) = last_weight(t.get(digits.len()..).unwrap_or_default()) {
            return (digits.trim().to_string(), Some(w));
        }
    }
    (t.to_string(), None)
}

/// The last number of points or percent in `s`.
fn last_weight(s: &str) -> Option<Weight> {
    let s = s.replace('％', "%");
    let at = s.rfind(|c: char| c.is_ascii_digit())?;
    let start = s
        .get(..=at)?
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |k| k + 1);
    let n: Decimal = s.get(start..=at)?.parse().ok()?;
    match s.get(at + 1..)?.chars().next() {
        Some('%') => Some(Weight::Percent(n)),
        Some('分') => Some(Weight::Points(n)),
        _ => None,
    }
}

/// The item's number (its own column, else numbering before its name: “1.”, “1.1”,
/// “（一）”, “一、”) and its name without it.
fn numbered(column: String, name: &str) -> (Option<String>, String) {
    let name = name.trim();
    if !column.is_empty() {
        return (Some(column), name.to_string());
    }
    let bracketed = ["（", "("].iter().find_map(|open| {
        let rest = name.strip_prefix(open)?;
        let close = rest.find(['）', ')'])?;
        let inner = rest.get(..close)?;
        let numeral = !inner.is_empty()
            && inner.chars().count() <= 3
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
        numeral.then(|| {
            let after = rest.get(close..).unwrap_or_default();
            let after = after
                .get(after.chars().next().map_or(0, char::len_utf8)..)
                .unwrap_or_default();
            (
                name.get(..name.len() - after.len())
                    .unwrap_or_default()
                    .to_string(),
                after,
            )
        })
    });
    if let Some((n, rest)) = bracketed {
        return (Some(n), rest.trim().to_string());
    }
    let lead: String = name
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || "一二三四五六七八九十".contains(*c))
        .collect();
    let after = name.get(lead.len()..).unwrap_or_default();
    let sep = after.strip_prefix(['、', '.', '．', ' ']);
    match sep {
        Some(rest) if !lead.is_empty() && !rest.is_empty() => (
            Some(lead.trim_end_matches('.').to_string()),
            rest.trim().to_string(),
        ),
        // “1.1服务…”: a number with a dot needs no separator.
        _ if lead.contains('.')
            && lead.starts_with(|c: char| c.is_ascii_digit())
            && !after.is_empty() =>
        {
            (
                Some(lead.trim_end_matches('.').to_string()),
                after.trim().to_string(),
            )
        }
        _ => (None, name.to_string()),
    }
}

/// An item's name where its cell also holds its rule: the words before the first bracket
/// that holds a rule (“当年获备案的科技型中小企业数（每个2分，最高4分）”), else before the
/// first clause that scores; the whole cell where the rule comes first.
fn name_before_rule(cell: &str) -> String {
    let scores = |s: &str| words::clauses(s).iter().any(|c| words::scoring(&c.norm));
    // A name is found in the first few brackets (a hostile cell of thousands is not
    // searched bracket by bracket).
    let opening = cell
        .char_indices()
        .filter(|(_, c)| *c == '（' || *c == '(')
        .take(8);
    for (at, c) in opening {
        {
            let rest = cell.get(at + c.len_utf8()..).unwrap_or_default();
            let inner = rest.find(['）', ')']).and_then(|e| rest.get(..e));
            if inner.is_some_and(scores) {
                return tidy(cell.get(..at).unwrap_or_default(), cell);
            }
        }
    }
    let mut name = String::new();
    for piece in cell.split_inclusive(['，', '；', '。', ',', ';']) {
        if scores(piece) {
            break;
        }
        name.push_str(piece);
    }
    tidy(&name, cell)
}

/// `name` without punctuation at its end, or `cell` where that leaves nothing.
fn tidy(name: &str, cell: &str) -> String {
    let t = name
        .trim()
        .trim_end_matches(['，', '；', '。', ',', ';', '：', ':']);
    if t.is_empty() {
        cell.trim().to_string()
    } else {
        t.to_string()
    }
}
