//! Which column holds what: the header row found by the names real documents give their
//! columns (一级指标, 二级指标, 考核指标, 指标说明, 评分标准, 分值, 权重, 佐证材料…).

use spacescore_core::Text;

use crate::table::Table;
use crate::Error;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The item's number (序号).
    Number,
    /// The group (一级指标, 评价项目; 指标类型 where it is not 定量 / 定性).
    Group,
    /// A level between group and item (二级指标 where there is a 三级指标).
    Subgroup,
    /// The item's name (二级指标, 指标名称, 评价内容, 考核指标…), which may hold its rule.
    Name,
    /// What the item means (指标说明, 指标解释, 评价要点).
    Explanation,
    /// The scoring rule (评分标准, 计分细则, 计分方法…).
    Rule,
    /// Points or a weight (分值, 权重, 满分; “综合型众创空间权重”: one rubric per such
    /// column, for the space type it names).
    Max {
        /// The space type the column is for, where it names one.
        space_type: Option<String>,
    },
    /// The evidence asked for (佐证材料, 评价材料).
    Evidence,
    /// 定量 / 定性 (指标类型, 指标类别, 指标性质).
    Nature,
    /// Remarks (备注).
    Notes,
    /// Where an applicant or expert writes a score (自评得分): not read.
    Score,
    /// A column not recognised: not read.
    Unknown,
}

impl Role {
    /// What the role is, in Chinese and English.
    pub fn text(&self) -> Text {
        let (zh, en) = match self {
            Role::Number => ("序号", "number"),
            Role::Group => ("一级指标（分组）", "group"),
            Role::Subgroup => (
                "二级指标（写入指标说明）",
                "subgroup (quoted in the item's notes)",
            ),
            Role::Name => ("指标名称", "item name"),
            Role::Explanation => ("指标说明", "explanation"),
            Role::Rule => ("计分规则", "scoring rule"),
            Role::Max { .. } => ("分值 / 权重", "points or weight"),
            Role::Evidence => ("佐证材料", "evidence"),
            Role::Nature => ("定量 / 定性", "quantitative or qualitative"),
            Role::Notes => ("备注", "remarks"),
            Role::Score => ("得分栏（不读取）", "a score to fill in (not read)"),
            Role::Unknown => ("未识别（不读取）", "not recognised (not read)"),
        };
        Text::new(zh, en)
    }
}

/// One column: its place, its header as the table has it, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its place, from 0.
    pub index: usize,
    /// Its header, as the table has it.
    pub header: String,
    /// What it holds.
    pub role: Role,
}

/// The header row and the columns it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The rows the header takes (a second row of names under a merged one counts), from 0.
    pub rows: std::ops::Range<usize>,
    /// Every column, in order.
    pub columns: Vec<Column>,
    /// The text of the rows above the header (a title), if any.
    pub title: Option<String>,
}

impl Header {
    /// The first column of `role`.
    pub fn first(&self, role: &Role) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.role == *role)
            .map(|c| c.index)
    }

    /// The columns of points or weights, each with the space type it names.
    pub fn maxima(&self) -> Vec<(usize, Option<String>)> {
        self.columns
            .iter()
            .filter_map(|c| match &c.role {
                Role::Max { space_type } => Some((c.index, space_type.clone())),
                _ => None,
            })
            .collect()
    }
}

/// What a header name may say, before the table's contents decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Number,
    Group,
    /// 二级指标: the item, or a subgroup where there is a 三级指标.
    Second,
    /// 三级指标.
    Third,
    Name,
    /// 考核项目, 评价项目: the group where another column names the item.
    GroupOrName,
    Explanation,
    Rule,
    Max,
    Evidence,
    /// 指标类型, 指标类别: 定量 / 定性 where its cells say so, else the group.
    NatureOrGroup,
    Nature,
    Notes,
    Score,
}

/// Header names as real documents write them (spaces, line breaks and a trailing “（分）”
/// or “（%）” aside).
const NAMES: &[(&str, Named)] = &[
    ("序号", Named::Number),
    ("编号", Named::Number),
    ("序", Named::Number),
    ("指标编号", Named::Number),
    ("一级指标", Named::Group),
    ("一级", Named::Group),
    ("评价维度", Named::Group),
    ("考核维度", Named::Group),
    ("评价类别", Named::Group),
    ("考核类别", Named::Group),
    ("指标分类", Named::Group),
    ("二级指标", Named::Second),
    ("二级", Named::Second),
    ("三级指标", Named::Third),
    ("三级", Named::Third),
    ("指标", Named::Name),
    ("指标名称", Named::Name),
    ("评价内容", Named::Name),
    ("考核内容", Named::Name),
    ("考核指标", Named::Name),
    ("评价指标", Named::Name),
    ("具体指标", Named::Name),
    ("指标内容", Named::Name),
    ("评价要素", Named::Name),
    ("考核要素", Named::Name),
    ("考核项目", Named::GroupOrName),
    ("评价项目", Named::GroupOrName),
    ("项目", Named::GroupOrName),
    ("指标说明", Named::Explanation),
    ("指标解释", Named::Explanation),
    ("指标释义", Named::Explanation),
    ("指标内涵", Named::Explanation),
    ("评价要点", Named::Explanation),
    ("考核要点", Named::Explanation),
    ("说明", Named::Explanation),
    ("内涵", Named::Explanation),
    ("评分标准", Named::Rule),
    ("评价标准", Named::Rule),
    ("考核标准", Named::Rule),
    ("计分标准", Named::Rule),
    ("计分方法", Named::Rule),
    ("计分细则", Named::Rule),
    ("评分细则", Named::Rule),
    ("评分方法", Named::Rule),
    ("评分办法", Named::Rule),
    ("计分办法", Named::Rule),
    ("考核办法", Named::Rule),
    ("评分规则", Named::Rule),
    ("计分规则", Named::Rule),
    ("赋分标准", Named::Rule),
    ("赋分方法", Named::Rule),
    ("打分标准", Named::Rule),
    ("分值", Named::Max),
    ("权重", Named::Max),
    ("满分", Named::Max),
    ("标准分", Named::Max),
    ("分数", Named::Max),
    ("指标分值", Named::Max),
    ("指标权重", Named::Max),
    ("权重分值", Named::Max),
    ("佐证材料", Named::Evidence),
    ("佐证资料", Named::Evidence),
    ("评价材料", Named::Evidence),
    ("证明材料", Named::Evidence),
    ("支撑材料", Named::Evidence),
    ("备查材料", Named::Evidence),
    ("考核材料", Named::Evidence),
    ("所需材料", Named::Evidence),
    ("提供材料", Named::Evidence),
    ("材料", Named::Evidence),
    ("指标类型", Named::NatureOrGroup),
    ("指标类别", Named::NatureOrGroup),
    ("类型", Named::NatureOrGroup),
    ("类别", Named::NatureOrGroup),
    ("指标性质", Named::Nature),
    ("性质", Named::Nature),
    ("备注", Named::Notes),
    ("自评得分", Named::Score),
    ("自评分", Named::Score),
    ("自评分数", Named::Score),
    ("得分", Named::Score),
    ("实际得分", Named::Score),
    ("考核得分", Named::Score),
    ("评价得分", Named::Score),
    ("专家评分", Named::Score),
    ("专家打分", Named::Score),
    ("评分", Named::Score),
];

/// Endings of a header that names points or a weight for a space type
/// (“综合型众创空间权重”).
const MAX_ENDINGS: &[&str] = &["权重", "分值", "满分", "标准分"];

/// A header name as compared: no spaces or line breaks, ASCII brackets, no trailing unit.
fn key(header: &str) -> String {
    let mut k: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect();
    for unit in ["(分)", "(%)", "(分值)", "(权重)"] {
        if let Some(s) = k.strip_suffix(unit) {
            k = s.to_string();
        }
    }
    k
}

/// What a header name says, and the space type a points column names.
fn named(header: &str) -> Option<(Named, Option<String>)> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    if let Some((_, n)) = NAMES.iter().find(|(name, _)| *name == k) {
        return Some((*n, None));
    }
    MAX_ENDINGS.iter().find_map(|e| {
        let space = k.strip_suffix(e)?;
        (!space.is_empty() && !space.ends_with('得')).then(|| (Named::Max, Some(space.to_string())))
    })
}

/// Whether every filled cell of a column says 定量 or 定性.
fn nature_column(table: &Table, column: usize, from: usize) -> bool {
    let mut any = false;
    for row in from..table.rows().len() {
        let cell = table.cell(row, column).trim();
        if cell.is_empty() {
            continue;
        }
        if !matches!(
            cell,
            "定量" | "定性" | "定量指标" | "定性指标" | "定量/定性" | "定性/定量"
        ) {
            return false;
        }
        any = true;
    }
    any
}

/// The header: the first of the first 20 rows that names two columns or more, one of them
/// the item, its rule or its points; with the row under it where that names columns too
/// (a header of two rows under merged cells).
///
/// # Errors
/// [`Error::NoHeader`].
pub fn header(table: &Table) -> Result<Header, Error> {
    let names = |r: usize| -> Vec<Option<(Named, Option<String>)>> {
        table
            .rows()
            .get(r)
            .map(|row| row.iter().map(|c| named(c)).collect())
            .unwrap_or_default()
    };
    let found = (0..table.rows().len().min(20)).find(|&r| {
        let n = names(r);
        let known = n.iter().flatten().count();
        let core = n.iter().flatten().any(|(k, _)| {
            matches!(
                k,
                Named::Name | Named::Second | Named::Third | Named::Rule | Named::Max
            )
        });
        known >= 2 && core
    });
    let Some(at) = found else {
        return Err(Error::NoHeader);
    };
    let mut row = names(at);
    let mut end = at + 1;
    let under = names(at + 1);
    if under.iter().flatten().count() >= 2 {
        let width = row.len().max(under.len());
        row.resize(width, None);
        for (k, n) in under.into_iter().enumerate() {
            if let (Some(n), Some(slot)) = (n, row.get_mut(k)) {
                *slot = Some(n);
            }
        }
        end = at + 2;
    }
    let header_text = |k: usize| {
        let lower = table.cell(at + 1, k);
        if end == at + 2 && named(lower).is_some() {
            lower.to_string()
        } else {
            table.cell(at, k).to_string()
        }
    };
    let has = |n: Named| row.iter().flatten().any(|(k, _)| *k == n);
    let third = has(Named::Third);
    let explicit_group = has(Named::Group);
    let named_items = has(Named::Name) || has(Named::Second) || has(Named::Third);
    let mut columns = Vec::new();
    let mut group_taken = explicit_group;
    for (k, n) in row.iter().enumerate() {
        let role = match n {
            None => Role::Unknown,
            Some((n, space)) => match n {
                Named::Number => Role::Number,
                Named::Group => Role::Group,
                Named::Second if third => Role::Subgroup,
                Named::Second | Named::Third | Named::Name => Role::Name,
                Named::GroupOrName if named_items && !group_taken => {
                    group_taken = true;
                    Role::Group
                }
                Named::GroupOrName => Role::Name,
                Named::Explanation => Role::Explanation,
                Named::Rule => Role::Rule,
                Named::Max => Role::Max {
                    space_type: space.clone(),
                },
                Named::Evidence => Role::Evidence,
                Named::NatureOrGroup if nature_column(table, k, end) => Role::Nature,
                Named::NatureOrGroup if !group_taken => {
                    group_taken = true;
                    Role::Group
                }
                Named::NatureOrGroup => Role::Unknown,
                Named::Nature => Role::Nature,
                Named::Notes => Role::Notes,
                Named::Score => Role::Score,
            },
        };
        columns.push(Column {
            index: k,
            header: header_text(k),
            role,
        });
    }
    // One column of each kind is read: a second one is not read, but says so.
    let mut seen: Vec<Role> = Vec::new();
    for c in &mut columns {
        let once = !matches!(c.role, Role::Max { .. } | Role::Unknown | Role::Score);
        if once && seen.contains(&c.role) {
            c.role = if c.role == Role::Explanation || c.role == Role::Notes {
                Role::Notes
            } else {
                Role::Unknown
            };
        }
        seen.push(c.role.clone());
    }
    let title: Vec<&str> = (0..at)
        .flat_map(|r| table.rows().get(r).into_iter().flatten())
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let title = title.first().map(|t| t.replace('\n', ""));
    Ok(Header {
        rows: at..end,
        columns,
        title,
    })
}
