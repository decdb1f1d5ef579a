//! Converting a rubric file's tree into validated rubrics, checking every invariant on the
//! way. The document is read once (so a problem is reported once, even where the file
//! defines two rubrics), then each rubric is assembled from the groups and items it has.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rust_decimal::Decimal;

use super::tree::{tx, Ctx, Node, Sink, Table};
use super::{Library, MAX_ITEMS, MAX_RUBRICS};
use crate::rubric::rule::{
    Band, Bound, Comparison, Interval, Op, Quantity, Rate, Rule, Term, LINEAR_PLACES,
    MAX_LINEAR_PLACES,
};
use crate::rubric::{
    Choice, Consistency, Document, Field, FieldKind, Figure, Grade, Group, Item, Limit, Method,
    Policy, Row, Rubric, Stated, Trigger, Veto,
};
use crate::text::{fmt_dec, quote_short, Text};

/// The keys a rubric file may have at its top level.
const TOP: &[&str] = &[
    "notes",
    "document",
    "rubrics",
    "fields",
    "policies",
    "uses",
    "groups",
    "items",
    "rows",
    "grades",
    "vetoes",
    "limits",
    "consistency",
    "figures",
];

/// The keys every term may have, whatever its kind.
const TERM_COMMON: &[&str] = &["kind", "label", "label_en", "cap", "requires"];

/// Each term kind and the keys it takes besides [`TERM_COMMON`].
const TERM_KINDS: &[(&str, &[&str])] = &[
    ("bands", &["input", "bands"]),
    ("per", &["input", "every", "points"]),
    (
        "step",
        &["input", "from", "above", "points", "step", "step_points"],
    ),
    (
        "linear",
        &[
            "input", "from", "above", "points", "every", "rate", "places",
        ],
    ),
    ("flag", &["input", "points"]),
    ("choice", &["input", "points"]),
    ("weighted", &["counts"]),
    ("self", &["max"]),
    ("highest", &["options"]),
    ("deduct", &["start", "input", "each", "rates"]),
    ("condition", &["all", "points"]),
];

/// The field kinds a field definition may name.
const FIELD_KINDS: &[&str] = &[
    "count",
    "amount",
    "signed-amount",
    "percent",
    "bool",
    "checklist",
    "choice",
];

/// Whether `s` is an id: lowercase ascii letters and digits, `-` or `_` after the first,
/// at most 64 characters.
fn is_id(s: &str, extra: &[char]) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    first_ok
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || extra.contains(&c))
}

/// Reads an id under `key`, reporting one that is not an id.
fn id(sink: &mut Sink, t: &Table<'_, '_>, key: &str, extra: &[char]) -> Option<String> {
    let node = t.need(sink, key)?;
    let s = node.text(sink)?;
    if is_id(&s, extra) {
        Some(s)
    } else {
        let allowed = if extra.contains(&'-') {
            tx(
                "小写英文字母、数字和 -",
                "lowercase ascii letters, digits and `-`",
            )
        } else {
            tx(
                "小写英文字母、数字和 _",
                "lowercase ascii letters, digits and `_`",
            )
        };
        sink.report(
            Some(&node.span),
            &node.ctx,
            tx(
                format!("“{}”不能用作编号：只能用{}，以字母或数字开头，最长 64 个字符", quote_short(&s), allowed.zh),
                format!("“{}” cannot be an id: use {}, starting with a letter or digit, at most 64 characters", quote_short(&s), allowed.en),
            ),
        );
        None
    }
}

pub use crate::rubric::is_rubric_id;

/// What a rubric file says about one field it reads (`[uses.<field>]`): the period this
/// document counts it over, and whether it is given (a target the bureau sets, a figure the
/// document fixes) rather than the applicant's to change.
struct Use {
    period: Option<Text>,
    given: bool,
    span: Range<usize>,
    ctx: Ctx,
}

/// A value given once for every rubric of the file, or per rubric id (Xinxiang's table has
/// a weight column per space type; `"-"` marks an item a type lacks).
#[derive(Debug, Clone)]
enum PerRubric {
    One(Decimal),
    Each(BTreeMap<String, Option<Decimal>>, Range<usize>),
}

fn per_rubric(sink: &mut Sink, node: &Node<'_, '_>) -> Option<PerRubric> {
    if let toml::de::DeValue::Table(_) = node.value {
        let t = node.table(sink)?;
        let mut map = BTreeMap::new();
        let mut ok = true;
        for (key, value) in t.table.iter() {
            let k: &str = key.get_ref();
            let n = Node::new(value, t.ctx.child(quote_short(k), quote_short(k)));
            let v = if n.value.as_str().map(str::trim) == Some("-") {
                Some(None)
            } else {
                n.decimal(sink).map(Some)
            };
            match v {
                Some(v) => {
                    map.insert(k.to_string(), v);
                }
                None => ok = false,
            }
        }
        ok.then_some(PerRubric::Each(map, node.span.clone()))
    } else {
        node.decimal(sink).map(PerRubric::One)
    }
}

impl PerRubric {
    /// The value for `rubric`: `Ok(None)` when the rubric lacks it (`-`), `Err` when the
    /// file gives no value for it.
    fn get(&self, rubric: &str) -> Result<Option<Decimal>, Option<Range<usize>>> {
        match self {
            PerRubric::One(d) => Ok(Some(*d)),
            PerRubric::Each(map, span) => map.get(rubric).copied().ok_or(Some(span.clone())),
        }
    }

    fn ids(&self) -> Vec<(&str, &Range<usize>)> {
        match self {
            PerRubric::One(_) => Vec::new(),
            PerRubric::Each(map, span) => map.keys().map(|k| (k.as_str(), span)).collect(),
        }
    }
}

/// A group as read, before its weight is known for one rubric.
struct GroupDraft {
    group: Group,
    max: Option<PerRubric>,
    span: Range<usize>,
    ctx: Ctx,
}

/// An item as read, before its maximum is known for one rubric.
struct ItemDraft {
    item: Item,
    max: PerRubric,
    span: Range<usize>,
    ctx: Ctx,
    /// Each term's span and whether it is self-assessed.
    terms: Vec<(Range<usize>, Ctx)>,
    /// Whether every term could be read. When one could not, its problem is already
    /// reported, and checks over the item's terms as a whole (can they reach the maximum?)
    /// are skipped, so one mistake gives one message.
    all_terms_read: bool,
}

/// A rubric's head as read.
struct Head {
    id: String,
    version: String,
    name: Text,
    region: Text,
    space_type: Text,
    method: Method,
    base_max: Option<Decimal>,
    bonus_max: Decimal,
    bonus_cap: Option<Decimal>,
    grade_names: Vec<Text>,
    grades_note: Option<String>,
    span: Range<usize>,
    ctx: Ctx,
}

/// Reads a whole rubric file.
pub(super) fn file(sink: &mut Sink, root: &Table<'_, '_>, library: &Library) -> Vec<Rubric> {
    root.only(sink, TOP, tx("评价表文件", "a rubric file"));
    let mut r = Read {
        sink,
        library,
        own_fields: BTreeMap::new(),
        own_periodic: BTreeSet::new(),
        own_policies: Vec::new(),
        score_fields: BTreeMap::new(),
    };
    r.own_policies(root);
    r.own_fields(root);
    let document = r.document(root);
    let heads = r.heads(root);
    let groups = r.groups(root);
    let items = r.items(root, &groups);
    let rows = r.rows(root, &groups);
    let grades = r.grades(root);
    let vetoes = r.vetoes(root);
    let limits = r.limits(root, &grades);
    let consistency = r.consistency(root);
    let figures = {
        let ctx = Ctx::default().child("figures", "figures");
        let tables = root.tables(r.sink, "figures");
        r.figures(tables, &ctx)
    };
    let uses = r.uses(root);

    // Per-rubric values name only rubrics of this file.
    let ids: BTreeSet<&str> = heads.iter().map(|h| h.id.as_str()).collect();
    for (per, ctx) in groups
        .iter()
        .filter_map(|g| g.max.as_ref().map(|m| (m, &g.ctx)))
        .chain(items.iter().map(|i| (&i.max, &i.ctx)))
    {
        for (id, span) in per.ids() {
            if !ids.contains(id) {
                r.sink.report(
                    Some(span),
                    ctx,
                    tx(
                        format!(
                            "本文件没有编号为 `{}` 的评价表（[[rubrics]] 中的 id）",
                            quote_short(id)
                        ),
                        format!(
                            "this file defines no rubric `{}` (an id of [[rubrics]])",
                            quote_short(id)
                        ),
                    ),
                );
            }
        }
    }

    let mut out = Vec::new();
    let mut used_anywhere: BTreeSet<String> = BTreeSet::new();
    let mut cited_anywhere: BTreeSet<String> = BTreeSet::new();
    for head in &heads {
        if let Some(rubric) = r.assemble(
            head,
            &document,
            &groups,
            &items,
            &rows,
            &grades,
            &vetoes,
            &limits,
            &consistency,
            &figures,
            &uses,
        ) {
            used_anywhere.extend(rubric.fields.keys().cloned());
            cited_anywhere.extend(rubric.policies.iter().map(|p| p.id.clone()));
            out.push(rubric);
        }
    }
    if r.sink.problems.is_empty() {
        for (id, (_, span, ctx)) in &r.own_fields {
            if !used_anywhere.contains(id) {
                r.sink.report(
                    Some(span),
                    ctx,
                    tx(
                        format!("本文件定义了字段 `{id}`，但没有任何指标用到它；删除它，或在指标中引用"),
                        format!("the field `{id}` is defined in this file but nothing uses it; remove it or use it"),
                    ),
                );
            }
        }
        for (p, span, ctx) in &r.own_policies {
            if !cited_anywhere.contains(&p.id) {
                r.sink.report(
                    Some(span),
                    ctx,
                    tx(
                        format!("本文件定义了解读规则 `{}`，但没有指标引用它", p.id),
                        format!(
                            "the policy `{}` is defined in this file but no item cites it",
                            p.id
                        ),
                    ),
                );
            }
        }
        for (field, Use { span, ctx, .. }) in &uses {
            if !used_anywhere.contains(field) {
                r.sink.report(
                    Some(span),
                    ctx,
                    tx(
                        format!("[uses.{field}] 说明的字段没有被本文件的评价表用到"),
                        format!(
                            "[uses.{field}] describes a field that no rubric of this file uses"
                        ),
                    ),
                );
            }
        }
    }
    out
}

/// The state of reading one file.
struct Read<'s, 'l> {
    sink: &'s mut Sink,
    library: &'l Library,
    /// The file's own fields, with where they are defined.
    own_fields: BTreeMap<String, (Field, Range<usize>, Ctx)>,
    /// The file's own fields marked `periodic`.
    own_periodic: BTreeSet<String>,
    /// The file's own policy lines.
    own_policies: Vec<(Policy, Range<usize>, Ctx)>,
    /// The self-assessment fields that `self` terms create, by id.
    score_fields: BTreeMap<String, Field>,
}

impl Read<'_, '_> {
    fn report(&mut self, span: &Range<usize>, ctx: &Ctx, message: Text) {
        self.sink.report(Some(span), ctx, message);
    }

    /// A field of the shared dictionary or of this file.
    fn field(&self, id: &str) -> Option<&Field> {
        self.own_fields
            .get(id)
            .map(|f| &f.0)
            .or_else(|| self.library.fields.get(id))
    }

    fn policy_exists(&self, id: &str) -> bool {
        self.library.policies.iter().any(|p| p.id == id)
            || self.own_policies.iter().any(|p| p.0.id == id)
    }

    fn own_policies(&mut self, root: &Table<'_, '_>) {
        for t in root.tables(self.sink, "policies") {
            let ctx = Ctx::default().child("解读规则", "policy");
            let t = t.within(ctx.clone());
            t.only(
                self.sink,
                &["id", "zh", "en"],
                tx("解读规则", "a policy line"),
            );
            let (Some(id), Some(zh), Some(en)) = (
                id(self.sink, &t, "id", &['-']),
                t.text(self.sink, "zh"),
                t.text(self.sink, "en"),
            ) else {
                continue;
            };
            let ctx = Ctx::default().child(format!("解读规则 {id}"), format!("policy {id}"));
            if self.policy_exists(&id) {
                self.report(
                    &t.span,
                    &ctx,
                    tx(
                        format!("解读规则 `{id}` 已经定义过（共用规则或本文件中）"),
                        format!("the policy `{id}` is already defined (shared or in this file)"),
                    ),
                );
                continue;
            }
            self.own_policies.push((
                Policy {
                    id,
                    text: Text::new(zh, en),
                },
                t.span.clone(),
                ctx,
            ));
        }
    }

    fn own_fields(&mut self, root: &Table<'_, '_>) {
        for (id, span, node) in root.entries(self.sink, "fields") {
            let ctx = Ctx::default().child(
                format!("字段 {}", quote_short(&id)),
                format!("field {}", quote_short(&id)),
            );
            if self.library.fields.contains_key(&id) {
                self.report(
                    &span,
                    &ctx,
                    tx(
                        format!("字段 `{id}` 已在共用字段表（rubrics/fields.toml）中定义；直接使用即可，或换一个编号"),
                        format!("the field `{id}` is already in the shared dictionary (rubrics/fields.toml); use it as it is, or choose another id"),
                    ),
                );
                continue;
            }
            if let Some((field, periodic)) = field_definition(self.sink, &id, &span, &node, &ctx) {
                if periodic {
                    self.own_periodic.insert(id.clone());
                }
                self.own_fields.insert(id, (field, span, ctx));
            }
        }
    }

    fn uses(&mut self, root: &Table<'_, '_>) -> BTreeMap<String, Use> {
        let mut out = BTreeMap::new();
        for (id, span, node) in root.entries(self.sink, "uses") {
            let ctx = Ctx::default().child(
                format!("[uses.{}]", quote_short(&id)),
                format!("[uses.{}]", quote_short(&id)),
            );
            let Some(t) = node.table(self.sink) else {
                continue;
            };
            let t = t.within(ctx.clone());
            t.only(
                self.sink,
                &["period", "period_en", "given"],
                tx("[uses] 条目", "a [uses] entry"),
            );
            if self.field(&id).is_none() {
                self.report(
                    &span,
                    &ctx,
                    tx(
                        format!("没有编号为 `{}` 的字段", quote_short(&id)),
                        format!("there is no field `{}`", quote_short(&id)),
                    ),
                );
                continue;
            }
            let period = if t.has("period") || t.has("period_en") {
                match (t.text(self.sink, "period"), t.text(self.sink, "period_en")) {
                    (Some(zh), Some(en)) => Some(Text::new(zh, en)),
                    _ => continue,
                }
            } else {
                None
            };
            let given = t.flag(self.sink, "given");
            if period.is_none() && !given {
                self.report(
                    &span,
                    &ctx,
                    tx(
                        "[uses] 条目要写统计期间（period、period_en）或 given = true",
                        "a [uses] entry states a period (period, period_en) or given = true",
                    ),
                );
                continue;
            }
            out.insert(
                id,
                Use {
                    period,
                    given,
                    span,
                    ctx,
                },
            );
        }
        out
    }

    fn document(&mut self, root: &Table<'_, '_>) -> Document {
        let ctx = Ctx::default().child("[document]", "[document]");
        let Some(t) = root
            .need(self.sink, "document")
            .and_then(|n| n.table(self.sink))
        else {
            return Document::default();
        };
        let t = t.within(ctx);
        t.only(
            self.sink,
            &[
                "title",
                "issuer",
                "number",
                "year",
                "period",
                "section",
                "source",
                "references",
            ],
            tx("[document]", "[document]"),
        );
        let notes = root.strings(self.sink, "notes");
        Document {
            title: t.text(self.sink, "title").unwrap_or_default(),
            issuer: self.stated(&t, "issuer"),
            number: t.opt_text(self.sink, "number"),
            year: self.stated(&t, "year"),
            period: t.text(self.sink, "period").unwrap_or_default(),
            section: t.text(self.sink, "section").unwrap_or_default(),
            source: t.opt_text(self.sink, "source"),
            references: t.strings(self.sink, "references"),
            notes,
        }
    }

    /// Text the document states, or `{ not_stated = "where we looked" }`.
    fn stated(&mut self, t: &Table<'_, '_>, key: &str) -> Stated {
        let Some(node) = t.node(key) else {
            t.missing(self.sink, key);
            self.report(
                &t.span,
                &t.ctx,
                tx(
                    format!("文件未写明时，请写 {key} = {{ not_stated = \"说明\" }}"),
                    format!("where the document does not say, write {key} = {{ not_stated = \"a note\" }}"),
                ),
            );
            return Stated::default();
        };
        if let toml::de::DeValue::Table(_) = node.value {
            let Some(inner) = node.table(self.sink) else {
                return Stated::default();
            };
            inner.only(
                self.sink,
                &["not_stated"],
                tx("“未写明”", "a “not stated” value"),
            );
            return Stated::NotStated(inner.text(self.sink, "not_stated").unwrap_or_default());
        }
        Stated::Given(node.text(self.sink).unwrap_or_default())
    }

    fn heads(&mut self, root: &Table<'_, '_>) -> Vec<Head> {
        let tables = root.tables(self.sink, "rubrics");
        if tables.is_empty() {
            root.missing(self.sink, "rubrics");
            return Vec::new();
        }
        if tables.len() > MAX_RUBRICS {
            self.report(
                &root.span,
                &Ctx::default(),
                tx(
                    format!("一个文件最多定义 {MAX_RUBRICS} 个评价表"),
                    format!("a file defines at most {MAX_RUBRICS} rubrics"),
                ),
            );
            return Vec::new();
        }
        let mut heads: Vec<Head> = Vec::new();
        for (n, t) in tables.into_iter().enumerate() {
            let ctx = Ctx::default().child(
                format!("第 {} 个 [[rubrics]]", n + 1),
                format!("[[rubrics]] {}", n + 1),
            );
            let t = t.within(ctx);
            t.only(
                self.sink,
                &[
                    "id",
                    "version",
                    "name",
                    "name_en",
                    "region",
                    "region_en",
                    "space_type",
                    "space_type_en",
                    "method",
                    "base_max",
                    "bonus_max",
                    "bonus_cap",
                    "grade_names",
                    "grades_note",
                ],
                tx("[[rubrics]]", "[[rubrics]]"),
            );
            let Some(id_node) = t.need(self.sink, "id") else {
                continue;
            };
            let Some(rid) = id_node.text(self.sink) else {
                continue;
            };
            if !is_rubric_id(&rid) {
                self.report(
                    &id_node.span,
                    &id_node.ctx,
                    tx(
                        format!("评价表编号“{}”应写成“地区/类型”，各部分只用小写英文字母、数字和 -（如 xinxiang/professional）", quote_short(&rid)),
                        format!("the rubric id “{}” must be `region/type`, each part lowercase ascii letters, digits and `-` (as in xinxiang/professional)", quote_short(&rid)),
                    ),
                );
                continue;
            }
            let ctx = Ctx::default().child(format!("评价表 {rid}"), format!("rubric {rid}"));
            let t = t.within(ctx.clone());
            if heads.iter().any(|h| h.id == rid) {
                self.report(
                    &t.span,
                    &ctx,
                    tx(
                        "同一文件中评价表编号重复",
                        "two rubrics of this file have this id",
                    ),
                );
                continue;
            }
            let method = match t.need(self.sink, "method").and_then(|n| {
                let s = n.text(self.sink)?;
                Some((s, n))
            }) {
                Some((s, n)) => match s.as_str() {
                    "formula" => Method::Formula,
                    "weights" => Method::Weights,
                    "form" => Method::Form,
                    other => {
                        self.report(
                            &n.span,
                            &n.ctx,
                            tx(
                                format!("未知的计分方式“{}”；可用 formula（有计分公式）、weights（只有权重，自评）、form（数据表，不计分）", quote_short(other)),
                                format!("unknown method “{}”; use formula, weights or form", quote_short(other)),
                            ),
                        );
                        continue;
                    }
                },
                None => continue,
            };
            let version = t.text(self.sink, "version").unwrap_or_default();
            let text = |s: &mut Sink, a: &str, b: &str| {
                Text::new(
                    t.text(s, a).unwrap_or_default(),
                    t.text(s, b).unwrap_or_default(),
                )
            };
            let name = text(self.sink, "name", "name_en");
            let region = text(self.sink, "region", "region_en");
            let space_type = text(self.sink, "space_type", "space_type_en");
            let base_max = t.opt_decimal(self.sink, "base_max").ok().flatten();
            let bonus_max = t
                .opt_decimal(self.sink, "bonus_max")
                .ok()
                .flatten()
                .unwrap_or(Decimal::ZERO);
            let bonus_cap = t.opt_decimal(self.sink, "bonus_cap").ok().flatten();
            match (method, base_max) {
                (Method::Form, Some(_)) => self.report(
                    &t.span,
                    &ctx,
                    tx(
                        "数据表（form）不计分，不写 base_max",
                        "a form scores nothing: leave out base_max",
                    ),
                ),
                (Method::Formula | Method::Weights, None) => t.missing(self.sink, "base_max"),
                _ => {}
            }
            if let Some(cap) = bonus_cap {
                if cap <= Decimal::ZERO || cap >= bonus_max {
                    self.report(
                        &t.span,
                        &ctx,
                        tx(
                            format!("bonus_cap（加分项总分上限 {}）应大于 0 且小于各加分项之和 bonus_max（{}）；不封顶时不写", fmt_dec(cap), fmt_dec(bonus_max)),
                            format!("bonus_cap ({}) must be above 0 and below the bonus items' total bonus_max ({}); leave it out when the bonus is not capped", fmt_dec(cap), fmt_dec(bonus_max)),
                        ),
                    );
                }
            }
            heads.push(Head {
                id: rid,
                version,
                name,
                region,
                space_type,
                method,
                base_max,
                bonus_max,
                bonus_cap,
                grade_names: self.grade_names(&t),
                grades_note: t.opt_text(self.sink, "grades_note"),
                span: t.span.clone(),
                ctx,
            });
        }
        heads
    }

    /// `grade_names = [{ name = "优秀（A）", name_en = "Excellent (A)" }, …]`: grades a
    /// document names without cut-offs, in both languages.
    fn grade_names(&mut self, t: &Table<'_, '_>) -> Vec<Text> {
        let Some(node) = t.node("grade_names") else {
            return Vec::new();
        };
        let Some(entries) = node.array(self.sink) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in entries {
            let Some(g) = e.table(self.sink) else {
                continue;
            };
            g.only(
                self.sink,
                &["name", "name_en"],
                tx(
                    "等级名称（grade_names 的一项）",
                    "a grade name (an entry of grade_names)",
                ),
            );
            if let (Some(zh), Some(en)) = (g.text(self.sink, "name"), g.text(self.sink, "name_en"))
            {
                out.push(Text::new(zh, en));
            }
        }
        out
    }

    fn groups(&mut self, root: &Table<'_, '_>) -> Vec<GroupDraft> {
        let mut out: Vec<GroupDraft> = Vec::new();
        for (n, t) in root.tables(self.sink, "groups").into_iter().enumerate() {
            let t = t.within(Ctx::default().child(
                format!("第 {} 个 [[groups]]", n + 1),
                format!("[[groups]] {}", n + 1),
            ));
            let gid = id(self.sink, &t, "id", &['-', '_']);
            let t = match &gid {
                Some(g) => {
                    t.within(Ctx::default().child(format!("一级指标 {g}"), format!("group {g}")))
                }
                None => t,
            };
            t.only(
                self.sink,
                &["id", "name", "name_en", "source", "max", "bonus", "notes"],
                tx("一级指标（[[groups]]）", "a group ([[groups]])"),
            );
            let Some(gid) = gid else {
                continue;
            };
            let ctx = t.ctx.clone();
            if out.iter().any(|g| g.group.id == gid) {
                self.report(
                    &t.span,
                    &ctx,
                    tx("一级指标编号重复", "this group id is used twice"),
                );
                continue;
            }
            let max = t.node("max").and_then(|n| per_rubric(self.sink, &n));
            let group = Group {
                id: gid,
                name: Text::new(
                    t.text(self.sink, "name").unwrap_or_default(),
                    t.text(self.sink, "name_en").unwrap_or_default(),
                ),
                source: t.text(self.sink, "source").unwrap_or_default(),
                max: Decimal::ZERO,
                bonus: t.flag(self.sink, "bonus"),
                notes: t.strings(self.sink, "notes"),
            };
            out.push(GroupDraft {
                group,
                max,
                span: t.span.clone(),
                ctx,
            });
        }
        out
    }

    fn items(&mut self, root: &Table<'_, '_>, groups: &[GroupDraft]) -> Vec<ItemDraft> {
        let tables = root.tables(self.sink, "items");
        if tables.len() > MAX_ITEMS {
            self.report(
                &root.span,
                &Ctx::default(),
                tx(
                    format!("指标过多（{} 个，最多 {MAX_ITEMS} 个）", tables.len()),
                    format!("too many items ({}, at most {MAX_ITEMS})", tables.len()),
                ),
            );
            return Vec::new();
        }
        let mut out: Vec<ItemDraft> = Vec::new();
        for (n, t) in tables.into_iter().enumerate() {
            let t = t.within(Ctx::default().child(
                format!("第 {} 个 [[items]]", n + 1),
                format!("[[items]] {}", n + 1),
            ));
            let iid = id(self.sink, &t, "id", &['-', '_']);
            let t = match &iid {
                Some(i) => t.within(Ctx::default().child(format!("指标 {i}"), format!("item {i}"))),
                None => t,
            };
            t.only(
                self.sink,
                &[
                    "id",
                    "group",
                    "number",
                    "name",
                    "name_en",
                    "source_text",
                    "rule_text",
                    "max",
                    "nature",
                    "evidence",
                    "terms",
                    "aids",
                    "figures",
                    "policies",
                    "notes",
                ],
                tx("指标（[[items]]）", "an item ([[items]])"),
            );
            let Some(iid) = iid else {
                continue;
            };
            let ctx = t.ctx.clone();
            if out.iter().any(|i| i.item.id == iid) {
                self.report(
                    &t.span,
                    &ctx,
                    tx("指标编号重复", "this item id is used twice"),
                );
                continue;
            }
            let group_id = t.text(self.sink, "group").unwrap_or_default();
            if !group_id.is_empty() && !groups.iter().any(|g| g.group.id == group_id) {
                if let Some(n) = t.node("group") {
                    self.report(
                        &n.span,
                        &n.ctx,
                        tx(
                            format!(
                                "没有编号为 `{}` 的一级指标（[[groups]]）",
                                quote_short(&group_id)
                            ),
                            format!(
                                "there is no group `{}` ([[groups]])",
                                quote_short(&group_id)
                            ),
                        ),
                    );
                }
            }
            let bonus = groups
                .iter()
                .find(|g| g.group.id == group_id)
                .is_some_and(|g| g.group.bonus);
            let max = t
                .need(self.sink, "max")
                .and_then(|n| per_rubric(self.sink, &n));
            let name = Text::new(
                t.text(self.sink, "name").unwrap_or_default(),
                t.text(self.sink, "name_en").unwrap_or_default(),
            );
            let policies = t.strings(self.sink, "policies");
            if let Some(pn) = t.node("policies") {
                for p in &policies {
                    if !self.policy_exists(p) {
                        self.report(
                            &pn.span,
                            &pn.ctx,
                            tx(
                                format!("没有编号为 `{}` 的解读规则（见 rubrics/policies.toml 或本文件的 [[policies]]）", quote_short(p)),
                                format!("there is no policy `{}` (see rubrics/policies.toml or this file's [[policies]])", quote_short(p)),
                            ),
                        );
                    }
                }
            }
            let term_tables = t.tables(self.sink, "terms");
            if term_tables.is_empty() {
                self.report(
                    &t.span,
                    &ctx,
                    tx(
                        "指标没有计分规则（[[items.terms]]）",
                        "the item has no rule ([[items.terms]])",
                    ),
                );
            }
            let mut terms = Vec::new();
            let mut term_spans = Vec::new();
            let term_count = term_tables.len();
            for (k, tt) in term_tables.into_iter().enumerate() {
                let tctx = ctx.child(format!("第 {} 条规则", k + 1), format!("term {}", k + 1));
                let tt = tt.within(tctx.clone());
                if let Some(term) = self.term(&tt, &iid, &name) {
                    terms.push(term);
                    term_spans.push((tt.span.clone(), tctx));
                }
            }
            let mut aids = Vec::new();
            if let Some(an) = t.node("aids") {
                for a in an.strings(self.sink).unwrap_or_default() {
                    if self.field(&a).is_some() {
                        aids.push(a);
                    } else {
                        self.unknown_field(&an.span, &an.ctx, &a);
                    }
                }
            }
            let figure_tables = t.tables(self.sink, "figures");
            let figures = self.figures(figure_tables, &ctx);
            let Some(max) = max else { continue };
            let terms_read = terms.len();
            out.push(ItemDraft {
                item: Item {
                    id: iid,
                    group: group_id,
                    number: t.opt_text(self.sink, "number"),
                    name,
                    source_text: t.text(self.sink, "source_text").unwrap_or_default(),
                    rule_text: t.opt_text(self.sink, "rule_text"),
                    max: Decimal::ZERO,
                    nature: t.opt_text(self.sink, "nature"),
                    evidence: t.opt_text(self.sink, "evidence"),
                    bonus,
                    terms,
                    aids,
                    figures,
                    policies,
                    notes: t.strings(self.sink, "notes"),
                },
                max,
                span: t.span.clone(),
                ctx,
                all_terms_read: terms_read == term_count,
                terms: term_spans,
            });
        }
        out
    }

    fn unknown_field(&mut self, span: &Range<usize>, ctx: &Ctx, id: &str) {
        let mut ids: Vec<&str> = self.library.fields.keys().map(String::as_str).collect();
        ids.extend(self.own_fields.keys().map(String::as_str));
        let hint = match super::tree::closest(id, &ids) {
            Some(c) => tx(
                format!("（是不是 `{c}`？）"),
                format!(" (did you mean `{c}`?)"),
            ),
            None => tx("", ""),
        };
        self.report(
            span,
            ctx,
            tx(
                format!(
                    "没有编号为 `{}` 的字段{}；字段在 rubrics/fields.toml 或本文件的 [fields.…] 中定义",
                    quote_short(id),
                    hint.zh
                ),
                format!(
                    "there is no field `{}`{}; fields are defined in rubrics/fields.toml or in this file's [fields.…]",
                    quote_short(id),
                    hint.en
                ),
            ),
        );
    }

    /// The field `id`, reported when it does not exist or is not of a kind `ok` accepts.
    fn field_of(
        &mut self,
        node: &Node<'_, '_>,
        id: &str,
        ok: impl Fn(&FieldKind) -> bool,
        want: Text,
    ) -> bool {
        match self.field(id).map(|f| f.kind.clone()) {
            None => {
                self.unknown_field(&node.span, &node.ctx, id);
                false
            }
            Some(kind) if ok(&kind) => true,
            Some(kind) => {
                self.report(
                    &node.span,
                    &node.ctx,
                    tx(
                        format!("字段 `{id}` 是 {} 类型，这里需要{}", kind.as_str(), want.zh),
                        format!(
                            "the field `{id}` is of kind {}; this needs {}",
                            kind.as_str(),
                            want.en
                        ),
                    ),
                );
                false
            }
        }
    }

    fn numeric_field(&mut self, node: &Node<'_, '_>, id: &str) -> bool {
        self.field_of(
            node,
            id,
            FieldKind::is_numeric,
            tx(
                "可计数的字段（数量、金额、百分比或多选）",
                "a field with a number (a count, an amount, a percentage or a checklist)",
            ),
        )
    }

    /// A quantity: a field id, or `{sum}`, `{percent, of}`, `{ratio, per}`, `{growth,
    /// from}`, `{difference, minus}`.
    fn quantity(&mut self, node: &Node<'_, '_>) -> Option<Quantity> {
        if let toml::de::DeValue::String(_) = node.value {
            let id = node.text(self.sink)?;
            return self.numeric_field(node, &id).then_some(Quantity::Field(id));
        }
        let t = node.table(self.sink)?;
        t.only(
            self.sink,
            &[
                "sum",
                "percent",
                "of",
                "ratio",
                "per",
                "growth",
                "from",
                "difference",
                "minus",
            ],
            tx("数量（input）", "a quantity (input)"),
        );
        let shapes = ["sum", "percent", "ratio", "growth", "difference"];
        let given: Vec<&str> = shapes.iter().copied().filter(|k| t.has(k)).collect();
        if given.len() != 1 {
            self.report(
                &t.span,
                &t.ctx,
                tx(
                    "数量只能是 sum、percent、ratio、growth、difference 中的一种",
                    "a quantity is exactly one of sum, percent, ratio, growth, difference",
                ),
            );
            return None;
        }
        let list = |r: &mut Self, key: &str| -> Option<Vec<String>> {
            let n = t.need(r.sink, key)?;
            let ids = n.strings(r.sink)?;
            if ids.is_empty() {
                r.report(&n.span, &n.ctx, tx("没有列出字段", "lists no fields"));
                return None;
            }
            let ok = ids.iter().all(|id| r.numeric_field(&n, id));
            ok.then_some(ids)
        };
        let pairs = [
            ("percent", "of"),
            ("ratio", "per"),
            ("growth", "from"),
            ("difference", "minus"),
        ];
        for (shape, partner) in pairs {
            if t.has(partner) && !t.has(shape) {
                if let Some(n) = t.node(partner) {
                    self.report(
                        &n.span,
                        &n.ctx,
                        tx(
                            format!("`{partner}` 只与 `{shape}` 一起用"),
                            format!("`{partner}` goes with `{shape}` only"),
                        ),
                    );
                }
                return None;
            }
        }
        match given.first().copied() {
            Some("sum") => Some(Quantity::Sum(list(self, "sum")?)),
            Some("percent") => Some(Quantity::Percent {
                numerator: list(self, "percent")?,
                denominator: list(self, "of")?,
            }),
            Some("ratio") => Some(Quantity::Ratio {
                numerator: list(self, "ratio")?,
                denominator: list(self, "per")?,
            }),
            Some("growth") => {
                let one = |r: &mut Self, key: &str| -> Option<String> {
                    let n = t.need(r.sink, key)?;
                    let id = n.text(r.sink)?;
                    r.numeric_field(&n, &id).then_some(id)
                };
                let current = one(self, "growth");
                let previous = one(self, "from");
                Some(Quantity::Growth {
                    current: current?,
                    previous: previous?,
                })
            }
            _ => Some(Quantity::Difference {
                plus: list(self, "difference")?,
                minus: list(self, "minus")?,
            }),
        }
    }

    /// `label` and `label_en`, both or neither.
    fn label(&mut self, t: &Table<'_, '_>) -> Option<Option<Text>> {
        match (
            t.opt_text(self.sink, "label"),
            t.opt_text(self.sink, "label_en"),
        ) {
            (Some(zh), Some(en)) => Some(Some(Text::new(zh, en))),
            (None, None) if !t.has("label") && !t.has("label_en") => Some(None),
            (None, None) => None,
            _ => {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        "label 与 label_en 要么都写，要么都不写",
                        "give both label and label_en, or neither",
                    ),
                );
                None
            }
        }
    }

    fn comparison(&mut self, t: &Table<'_, '_>) -> Option<Comparison> {
        t.only(
            self.sink,
            &["input", "op", "value", "label", "label_en"],
            tx("比较条件", "a comparison"),
        );
        let quantity = t.need(self.sink, "input").and_then(|n| self.quantity(&n));
        let op = self.op(t, "op");
        let value = t.decimal(self.sink, "value");
        let label = self.label(t);
        Some(Comparison {
            quantity: quantity?,
            label: label?,
            op: op?,
            value: value?,
        })
    }

    fn op(&mut self, t: &Table<'_, '_>, key: &str) -> Option<Op> {
        let n = t.need(self.sink, key)?;
        let s = n.text(self.sink)?;
        let op = Op::parse(s.trim());
        if op.is_none() {
            self.report(
                &n.span,
                &n.ctx,
                tx(
                    format!("未知的比较符“{}”；可用 < <= == >= >", quote_short(&s)),
                    format!("unknown comparison “{}”; use < <= == >= >", quote_short(&s)),
                ),
            );
        }
        op
    }

    /// An interval from `from`/`above` and `below`/`through`.
    fn interval(&mut self, t: &Table<'_, '_>) -> Option<Interval> {
        let lower = self.bound(t, "from", "above")?;
        let upper = self.bound(t, "through", "below")?;
        if let (Some(l), Some(u)) = (lower, upper) {
            if l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive)) {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!("区间 {} 至 {} 是空的", fmt_dec(l.value), fmt_dec(u.value)),
                        format!(
                            "the interval from {} to {} is empty",
                            fmt_dec(l.value),
                            fmt_dec(u.value)
                        ),
                    ),
                );
                return None;
            }
        }
        Some(Interval { lower, upper })
    }

    /// A bound from an inclusive or an exclusive key; `Some(None)` when neither is given.
    fn bound(
        &mut self,
        t: &Table<'_, '_>,
        inclusive: &str,
        exclusive: &str,
    ) -> Option<Option<Bound>> {
        match (t.has(inclusive), t.has(exclusive)) {
            (true, true) => {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!("`{inclusive}`（含本数）与 `{exclusive}`（不含本数）只写一个"),
                        format!(
                            "give `{inclusive}` (inclusive) or `{exclusive}` (exclusive), not both"
                        ),
                    ),
                );
                None
            }
            (true, false) => Some(Some(Bound {
                value: t.decimal(self.sink, inclusive)?,
                inclusive: true,
            })),
            (false, true) => Some(Some(Bound {
                value: t.decimal(self.sink, exclusive)?,
                inclusive: false,
            })),
            (false, false) => Some(None),
        }
    }

    /// A positive decimal under `key` (required).
    fn positive(&mut self, t: &Table<'_, '_>, key: &str) -> Option<Decimal> {
        let n = t.need(self.sink, key)?;
        let d = n.decimal(self.sink)?;
        if d > Decimal::ZERO {
            Some(d)
        } else {
            self.report(
                &n.span,
                &n.ctx,
                tx(
                    format!("`{key}` 应大于 0"),
                    format!("`{key}` must be above zero"),
                ),
            );
            None
        }
    }

    /// The decimal places a proportional term rounds to (`places`, a whole number from 0 to
    /// [`MAX_LINEAR_PLACES`]), 2 where not given.
    fn places(&mut self, t: &Table<'_, '_>) -> Option<u32> {
        let Some(n) = t.node("places") else {
            return Some(LINEAR_PLACES);
        };
        let d = n.decimal(self.sink)?.normalize();
        let places = u32::try_from(d.mantissa())
            .ok()
            .filter(|p| d.scale() == 0 && *p <= MAX_LINEAR_PLACES);
        if places.is_none() {
            self.report(
                &n.span,
                &n.ctx,
                tx(
                    format!("`places`（保留几位小数）应为 0 到 {MAX_LINEAR_PLACES} 的整数"),
                    format!(
                        "`places` (the decimal places kept) must be a whole number from 0 to {MAX_LINEAR_PLACES}"
                    ),
                ),
            );
        }
        places
    }

    /// A non-negative decimal under an optional key.
    fn non_negative(&mut self, t: &Table<'_, '_>, key: &str, default: Decimal) -> Option<Decimal> {
        let Some(n) = t.node(key) else {
            return Some(default);
        };
        let d = n.decimal(self.sink)?;
        if d < Decimal::ZERO {
            self.report(
                &n.span,
                &n.ctx,
                tx(
                    format!("`{key}` 不能为负数"),
                    format!("`{key}` cannot be negative"),
                ),
            );
            return None;
        }
        Some(d)
    }

    fn term(&mut self, t: &Table<'_, '_>, item_id: &str, item_name: &Text) -> Option<Term> {
        let kind_node = t.need(self.sink, "kind")?;
        let kind = kind_node.text(self.sink)?;
        let Some((_, keys)) = TERM_KINDS.iter().find(|(k, _)| *k == kind) else {
            let kinds: Vec<&str> = TERM_KINDS.iter().map(|(k, _)| *k).collect();
            let hint = match super::tree::closest(&kind, &kinds) {
                Some(c) => tx(
                    format!("（是不是 `{c}`？）"),
                    format!(" (did you mean `{c}`?)"),
                ),
                None => tx("", ""),
            };
            self.report(
                &kind_node.span,
                &kind_node.ctx,
                tx(
                    format!(
                        "未知的规则类型“{}”{}；可用：{}",
                        quote_short(&kind),
                        hint.zh,
                        kinds.join(", ")
                    ),
                    format!(
                        "unknown term kind “{}”{}; the kinds are: {}",
                        quote_short(&kind),
                        hint.en,
                        kinds.join(", ")
                    ),
                ),
            );
            return None;
        };
        let mut allowed: Vec<&str> = TERM_COMMON.to_vec();
        allowed.extend(keys.iter());
        if kind == "self" {
            allowed.retain(|k| *k != "cap");
        }
        t.only(
            self.sink,
            &allowed,
            tx(format!("`{kind}` 规则"), format!("a `{kind}` term")),
        );
        let label = self.label(t)?;
        if label.is_some() && matches!(kind.as_str(), "condition" | "self" | "highest" | "weighted")
        {
            self.report(
                &t.span,
                &t.ctx,
                tx(
                    format!("`{kind}` 规则本身不写 label（在各比较条件或各项上写）"),
                    format!("a `{kind}` term takes no label of its own (label its comparisons or entries)"),
                ),
            );
            return None;
        }
        // A self-assessed part is bounded by its own `max`; a `cap` there is refused above
        // and must not take effect either.
        let cap = match t.node("cap").filter(|_| kind != "self") {
            None => None,
            Some(n) => {
                let d = n.decimal(self.sink)?;
                if d <= Decimal::ZERO {
                    self.report(
                        &n.span,
                        &n.ctx,
                        tx("`cap` 应大于 0", "`cap` must be above zero"),
                    );
                    return None;
                }
                Some(d)
            }
        };
        let requires = match t.node("requires") {
            None => None,
            Some(n) => {
                let id = n.text(self.sink)?;
                if !self.field_of(
                    &n,
                    &id,
                    |k| *k == FieldKind::Bool,
                    tx("是 / 否字段", "a yes/no field"),
                ) {
                    return None;
                }
                Some(id)
            }
        };
        let input = |r: &mut Self| -> Option<Quantity> {
            let n = t.need(r.sink, "input")?;
            r.quantity(&n)
        };
        let rule = match kind.as_str() {
            "bands" => {
                let quantity = input(self);
                let mut bands = Vec::new();
                let mut ok = true;
                let band_tables = t.tables(self.sink, "bands");
                if band_tables.is_empty() {
                    t.missing(self.sink, "bands");
                    return None;
                }
                for (k, b) in band_tables.into_iter().enumerate() {
                    let b = b.within(
                        t.ctx
                            .child(format!("第 {} 档", k + 1), format!("band {}", k + 1)),
                    );
                    b.only(
                        self.sink,
                        &["from", "above", "below", "through", "points"],
                        tx("档位", "a band"),
                    );
                    let range = self.interval(&b);
                    let points = b.decimal(self.sink, "points").and_then(|p| {
                        if p < Decimal::ZERO {
                            let at = b.node("points").map_or(b.span.clone(), |n| n.span);
                            self.report(
                                &at,
                                &b.ctx,
                                tx(
                                    "分数不能为负数（扣分请用 `deduct` 规则）",
                                    "points cannot be negative (write a deduction as a `deduct` term)",
                                ),
                            );
                            return None;
                        }
                        Some(p)
                    });
                    match (range, points) {
                        (Some(range), Some(points)) => {
                            if range.lower.is_none() {
                                self.report(
                                    &b.span,
                                    &b.ctx,
                                    tx(
                                        "每一档都要有下限（from 或 above）",
                                        "every band has a lower bound (`from` or `above`)",
                                    ),
                                );
                                ok = false;
                            }
                            bands.push(Band { range, points });
                        }
                        _ => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                let ranges: Vec<Interval> = bands.iter().map(|b| b.range).collect();
                if !self.contiguous(t, &ranges, tx("档位", "bands")) {
                    return None;
                }
                if bands
                    .windows(2)
                    .any(|w| matches!(w, [a, b] if b.points < a.points))
                {
                    self.report(
                        &t.span,
                        &t.ctx,
                        tx(
                            "数量越高，档位分数不应越低",
                            "band points must not fall as the quantity rises",
                        ),
                    );
                    return None;
                }
                Rule::Bands {
                    quantity: quantity?,
                    bands,
                }
            }
            "per" => {
                let quantity = input(self);
                let every = self.positive(t, "every");
                let points = self.positive(t, "points");
                Rule::Per {
                    quantity: quantity?,
                    every: every?,
                    points: points?,
                }
            }
            "step" => {
                let quantity = input(self);
                let threshold = self.bound(t, "from", "above");
                let points = self.positive(t, "points");
                let step = self.positive(t, "step");
                let step_points = self.positive(t, "step_points");
                let Some(threshold) = threshold? else {
                    self.report(
                        &t.span,
                        &t.ctx,
                        tx(
                            "`step` 规则需要起点 from（含本数）或 above（不含本数）",
                            "a `step` term needs `from` (inclusive) or `above` (exclusive)",
                        ),
                    );
                    return None;
                };
                Rule::Step {
                    quantity: quantity?,
                    threshold,
                    points: points?,
                    step: step?,
                    step_points: step_points?,
                }
            }
            "linear" => {
                let quantity = input(self);
                let threshold = self.bound(t, "from", "above");
                let points = self.non_negative(t, "points", Decimal::ZERO);
                let every = match t.node("every") {
                    None => Some(Decimal::ONE),
                    Some(_) => self.positive(t, "every"),
                };
                let rate = self.positive(t, "rate");
                let places = self.places(t);
                let threshold = threshold?.unwrap_or(Bound {
                    value: Decimal::ZERO,
                    inclusive: true,
                });
                Rule::Linear {
                    quantity: quantity?,
                    threshold,
                    points: points?,
                    every: every?,
                    rate: rate?,
                    places: places?,
                }
            }
            "flag" => {
                let n = t.need(self.sink, "input")?;
                let field = n.text(self.sink)?;
                if !self.field_of(
                    &n,
                    &field,
                    |k| *k == FieldKind::Bool,
                    tx("是 / 否字段", "a yes/no field"),
                ) {
                    return None;
                }
                Rule::Flag {
                    field,
                    points: self.positive(t, "points")?,
                }
            }
            "choice" => {
                let n = t.need(self.sink, "input")?;
                let field = n.text(self.sink)?;
                if !self.field_of(
                    &n,
                    &field,
                    |k| matches!(k, FieldKind::Choice(_)),
                    tx(
                        "单选字段（kind = \"choice\"）",
                        "a single-choice field (kind = \"choice\")",
                    ),
                ) {
                    return None;
                }
                let options: Vec<String> = self
                    .field(&field)
                    .map(|f| f.kind.options().iter().map(|o| o.id.clone()).collect())
                    .unwrap_or_default();
                let pn = t.need(self.sink, "points")?;
                let pt = pn.table(self.sink)?;
                let mut given: BTreeMap<String, Decimal> = BTreeMap::new();
                let mut ok = true;
                for (key, value) in pt.table.iter() {
                    let k: &str = key.get_ref();
                    let vn = Node::new(value, pt.ctx.child(quote_short(k), quote_short(k)));
                    if !options.iter().any(|o| o == k) {
                        self.report(
                            &key.span(),
                            &vn.ctx,
                            tx(
                                format!(
                                    "字段 `{field}` 没有选项 `{}`；选项有：{}",
                                    quote_short(k),
                                    options.join(", ")
                                ),
                                format!(
                                    "the field `{field}` has no option `{}`; its options are: {}",
                                    quote_short(k),
                                    options.join(", ")
                                ),
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    match vn.decimal(self.sink) {
                        Some(d) if d >= Decimal::ZERO => {
                            given.insert(k.to_string(), d);
                        }
                        Some(_) => {
                            self.report(
                                &vn.span,
                                &vn.ctx,
                                tx("分数不能为负数", "points cannot be negative"),
                            );
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
                let missing: Vec<&String> =
                    options.iter().filter(|o| !given.contains_key(*o)).collect();
                if !missing.is_empty() {
                    let list = missing
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.report(
                        &pn.span,
                        &pn.ctx,
                        tx(
                            format!("每个选项都要给分（不得分的写 \"0\"）；缺少：{list}"),
                            format!("give every option its points (\"0\" where it scores nothing); missing: {list}"),
                        ),
                    );
                    ok = false;
                }
                if !ok {
                    return None;
                }
                let points = options
                    .iter()
                    .filter_map(|o| given.get(o).map(|p| (o.clone(), *p)))
                    .collect();
                Rule::Choice { field, points }
            }
            "weighted" => {
                let counts = self.rates(t, "counts", "points")?;
                Rule::Weighted { counts }
            }
            "self" => {
                let max = self.positive(t, "max")?;
                let field = format!("score.{item_id}");
                self.score_fields.insert(
                    field.clone(),
                    Field {
                        id: field.clone(),
                        name: Text::new(
                            format!("{}（自评得分）", item_name.zh),
                            format!("{} (self-assessed score)", item_name.en),
                        ),
                        unit: Text::new("分", "points"),
                        kind: FieldKind::Score,
                        max: Some(max),
                        note: None,
                        period: None,
                        given: false,
                    },
                );
                Rule::SelfScore { field, max }
            }
            "highest" => {
                let tables = t.tables(self.sink, "options");
                if tables.len() < 2 {
                    self.report(
                        &t.span,
                        &t.ctx,
                        tx(
                            "`highest` 规则至少要有两个选项（options）",
                            "a `highest` term needs at least two options",
                        ),
                    );
                    return None;
                }
                let mut options = Vec::new();
                let mut ok = true;
                for (k, o) in tables.into_iter().enumerate() {
                    let o = o.within(
                        t.ctx
                            .child(format!("第 {} 个选项", k + 1), format!("option {}", k + 1)),
                    );
                    o.only(self.sink, &["input", "points"], tx("选项", "an option"));
                    let field = o.need(self.sink, "input").and_then(|n| {
                        let id = n.text(self.sink)?;
                        self.numeric_field(&n, &id).then_some(id)
                    });
                    let points = self.positive(&o, "points");
                    match (field, points) {
                        (Some(f), Some(p)) => options.push((f, p)),
                        _ => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                Rule::Highest { options }
            }
            "deduct" => {
                let start = self.positive(t, "start");
                let single = t.has("input") || t.has("each");
                let rates = match (single, t.has("rates")) {
                    (true, true) => {
                        self.report(&t.span, &t.ctx, tx("扣分规则写 input + each（一种扣分），或 rates（几种扣分），不要同时写", "a `deduct` term has input and each (one rate) or rates (several), not both"));
                        return None;
                    }
                    (false, false) => {
                        self.report(
                            &t.span,
                            &t.ctx,
                            tx(
                                "扣分规则需要 input + each，或 rates",
                                "a `deduct` term needs input and each, or rates",
                            ),
                        );
                        return None;
                    }
                    (true, false) => {
                        let quantity = input(self);
                        let each = self.positive(t, "each");
                        vec![Rate {
                            quantity: quantity?,
                            label: label.clone(),
                            points: each?,
                        }]
                    }
                    (false, true) => {
                        if label.is_some() {
                            self.report(
                                &t.span,
                                &t.ctx,
                                tx(
                                    "有 rates 时，label 写在每种扣分上",
                                    "with rates, label each rate instead",
                                ),
                            );
                            return None;
                        }
                        self.rates(t, "rates", "each")?
                    }
                };
                Rule::Deduct {
                    start: start?,
                    rates,
                }
            }
            _ => {
                // "condition": the kinds are checked above.
                let tables = t.tables(self.sink, "all");
                if tables.is_empty() {
                    self.report(
                        &t.span,
                        &t.ctx,
                        tx(
                            "`condition` 规则需要比较条件（all）",
                            "a `condition` term needs comparisons in `all`",
                        ),
                    );
                    return None;
                }
                let mut all = Vec::new();
                let mut ok = true;
                for (k, c) in tables.into_iter().enumerate() {
                    let c = c.within(t.ctx.child(
                        format!("第 {} 个条件", k + 1),
                        format!("comparison {}", k + 1),
                    ));
                    match self.comparison(&c) {
                        Some(c) => all.push(c),
                        None => ok = false,
                    }
                }
                let points = self.positive(t, "points");
                if !ok {
                    return None;
                }
                Rule::Condition {
                    all,
                    points: points?,
                }
            }
        };
        // A deduct term's label lives on its rate.
        let label = if matches!(rule, Rule::Deduct { .. }) {
            None
        } else {
            label
        };
        Some(Term {
            label,
            rule,
            cap,
            requires,
        })
    }

    /// `[{input, <points key>, label?, label_en?}]` for weighted counts and deduction rates.
    fn rates(&mut self, t: &Table<'_, '_>, key: &str, points_key: &str) -> Option<Vec<Rate>> {
        let tables = t.tables(self.sink, key);
        if tables.is_empty() {
            t.missing(self.sink, key);
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (k, r) in tables.into_iter().enumerate() {
            let r = r.within(t.ctx.child(
                format!("{key} 第 {} 项", k + 1),
                format!("{key} entry {}", k + 1),
            ));
            r.only(
                self.sink,
                &["input", points_key, "label", "label_en"],
                tx(format!("{key} 的一项"), format!("an entry of {key}")),
            );
            let quantity = r.need(self.sink, "input").and_then(|n| self.quantity(&n));
            let points = self.positive(&r, points_key);
            let label = self.label(&r);
            match (quantity, points, label) {
                (Some(quantity), Some(points), Some(label)) => out.push(Rate {
                    quantity,
                    label,
                    points,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// Consecutive intervals must meet exactly: each upper bound is the next lower bound,
    /// and exactly one side includes the shared value.
    fn contiguous(&mut self, t: &Table<'_, '_>, ranges: &[Interval], what: Text) -> bool {
        for pair in ranges.windows(2) {
            let [a, b] = pair else { continue };
            let (Some(up), Some(low)) = (a.upper, b.lower) else {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!(
                            "{}：只有最后一档可以不设上限，只有第一档可以不设下限",
                            what.zh
                        ),
                        format!(
                            "{}: only the last may be open above, only the first open below",
                            what.en
                        ),
                    ),
                );
                return false;
            };
            if up.value != low.value {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!(
                            "{}在 {} 与 {} 之间有空缺或重叠",
                            what.zh,
                            fmt_dec(up.value),
                            fmt_dec(low.value)
                        ),
                        format!(
                            "{} leave a gap or overlap between {} and {}",
                            what.en,
                            fmt_dec(up.value),
                            fmt_dec(low.value)
                        ),
                    ),
                );
                return false;
            }
            if up.inclusive == low.inclusive {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!("{} 这个值必须恰好属于一档（一边用 below/from，或 through/above）", fmt_dec(up.value)),
                        format!("the value {} must belong to exactly one of them (below + from, or through + above)", fmt_dec(up.value)),
                    ),
                );
                return false;
            }
        }
        true
    }

    fn figures(&mut self, tables: Vec<Table<'_, '_>>, parent: &Ctx) -> Vec<Figure> {
        let mut out: Vec<Figure> = Vec::new();
        for (k, f) in tables.into_iter().enumerate() {
            let f = f.within(parent.child(
                format!("第 {} 个计算指标", k + 1),
                format!("figure {}", k + 1),
            ));
            f.only(
                self.sink,
                &["id", "label", "label_en", "input", "target"],
                tx("计算指标（figures）", "a figure"),
            );
            let Some(fid) = id(self.sink, &f, "id", &['-', '_']) else {
                continue;
            };
            if out.iter().any(|g| g.id == fid) {
                self.report(
                    &f.span,
                    &f.ctx,
                    tx(
                        format!("计算指标 `{fid}` 定义了两次"),
                        format!("figure `{fid}` is defined twice"),
                    ),
                );
                continue;
            }
            let label = Text::new(
                f.text(self.sink, "label").unwrap_or_default(),
                f.text(self.sink, "label_en").unwrap_or_default(),
            );
            let quantity = f.need(self.sink, "input").and_then(|n| self.quantity(&n));
            let target = match f.node("target").and_then(|n| n.table(self.sink)) {
                None => Some(None),
                Some(tt) => {
                    tt.only(
                        self.sink,
                        &["op", "value"],
                        tx("参考线（target）", "a target"),
                    );
                    let op = self.op(&tt, "op");
                    let value = tt.decimal(self.sink, "value");
                    op.zip(value).map(Some)
                }
            };
            if let (Some(quantity), Some(target)) = (quantity, target) {
                out.push(Figure {
                    id: fid,
                    label,
                    quantity,
                    target,
                });
            }
        }
        out
    }

    fn rows(
        &mut self,
        root: &Table<'_, '_>,
        groups: &[GroupDraft],
    ) -> Vec<(Row, Range<usize>, Ctx)> {
        let mut out: Vec<(Row, Range<usize>, Ctx)> = Vec::new();
        for (k, r) in root.tables(self.sink, "rows").into_iter().enumerate() {
            let r = r.within(Ctx::default().child(
                format!("第 {} 行（[[rows]]）", k + 1),
                format!("row {}", k + 1),
            ));
            r.only(
                self.sink,
                &["group", "field", "label", "unit"],
                tx("数据表的行（[[rows]]）", "a row ([[rows]])"),
            );
            let group = r.text(self.sink, "group").unwrap_or_default();
            if !group.is_empty() && !groups.iter().any(|g| g.group.id == group) {
                self.report(
                    &r.span,
                    &r.ctx,
                    tx(
                        format!("没有编号为 `{}` 的一级指标", quote_short(&group)),
                        format!("there is no group `{}`", quote_short(&group)),
                    ),
                );
            }
            let Some(fnode) = r.need(self.sink, "field") else {
                continue;
            };
            let Some(field) = fnode.text(self.sink) else {
                continue;
            };
            if self.field(&field).is_none() {
                self.unknown_field(&fnode.span, &fnode.ctx, &field);
                continue;
            }
            if out.iter().any(|(q, _, _)| q.field == field) {
                self.report(
                    &r.span,
                    &r.ctx,
                    tx(
                        format!("字段 `{field}` 有两行"),
                        format!("the field `{field}` has two rows"),
                    ),
                );
                continue;
            }
            let label = r.text(self.sink, "label").unwrap_or_default();
            let unit = r.opt_string(self.sink, "unit").unwrap_or_default();
            out.push((
                Row {
                    group,
                    field,
                    label,
                    unit,
                },
                r.span.clone(),
                r.ctx.clone(),
            ));
        }
        out
    }

    fn grades(&mut self, root: &Table<'_, '_>) -> Vec<Grade> {
        let mut grades = Vec::new();
        let tables = root.tables(self.sink, "grades");
        let mut ok = true;
        let span = root.node("grades").map(|n| n.span).unwrap_or_default();
        for (k, g) in tables.into_iter().enumerate() {
            let g = g.within(
                Ctx::default().child(format!("第 {} 个等级", k + 1), format!("grade {}", k + 1)),
            );
            g.only(
                self.sink,
                &["name", "name_en", "from", "above", "below", "through"],
                tx("等级（[[grades]]）", "a grade ([[grades]])"),
            );
            let name = Text::new(
                g.text(self.sink, "name").unwrap_or_default(),
                g.text(self.sink, "name_en").unwrap_or_default(),
            );
            match self.interval(&g) {
                Some(range) => grades.push(Grade { name, range }),
                None => ok = false,
            }
        }
        if !ok || grades.is_empty() {
            return grades;
        }
        let ranges: Vec<Interval> = grades.iter().map(|g| g.range).collect();
        let ctx = Ctx::default().child("[[grades]]", "[[grades]]");
        let whole = Table {
            table: root.table,
            span,
            ctx: ctx.clone(),
        };
        if !self.contiguous(&whole, &ranges, tx("等级", "grades")) {
            return Vec::new();
        }
        let covers = ranges.first().is_some_and(|r| r.lower.is_none())
            && ranges.last().is_some_and(|r| r.upper.is_none());
        if !covers {
            self.report(
                &whole.span,
                &ctx,
                tx(
                    "等级要覆盖所有总分：第一个等级不设下限，最后一个不设上限",
                    "grade bands must cover every total: the first open below, the last open above",
                ),
            );
            return Vec::new();
        }
        grades
    }

    fn vetoes(&mut self, root: &Table<'_, '_>) -> Vec<Veto> {
        let mut out: Vec<Veto> = Vec::new();
        for (k, v) in root.tables(self.sink, "vetoes").into_iter().enumerate() {
            let v = v.within(
                Ctx::default().child(format!("第 {} 个否决项", k + 1), format!("veto {}", k + 1)),
            );
            let vid = id(self.sink, &v, "id", &['-', '_']);
            let v = match &vid {
                Some(i) => {
                    v.within(Ctx::default().child(format!("否决项 {i}"), format!("veto {i}")))
                }
                None => v,
            };
            v.only(
                self.sink,
                &["id", "text", "text_en", "flag", "when", "grade", "notes"],
                tx("一票否决项（[[vetoes]]）", "a veto ([[vetoes]])"),
            );
            let Some(vid) = vid else {
                continue;
            };
            if out.iter().any(|w| w.id == vid) {
                self.report(
                    &v.span,
                    &v.ctx,
                    tx("否决项编号重复", "this veto id is used twice"),
                );
                continue;
            }
            let text = Text::new(
                v.text(self.sink, "text").unwrap_or_default(),
                v.text(self.sink, "text_en").unwrap_or_default(),
            );
            let trigger = match (v.node("flag"), v.node("when")) {
                (Some(n), None) => {
                    let Some(f) = n.text(self.sink) else { continue };
                    if !self.field_of(
                        &n,
                        &f,
                        |k| *k == FieldKind::Bool,
                        tx("是 / 否字段", "a yes/no field"),
                    ) {
                        continue;
                    }
                    Trigger::Flag(f)
                }
                (None, Some(n)) => {
                    let Some(c) = n.table(self.sink).and_then(|t| self.comparison(&t)) else {
                        continue;
                    };
                    Trigger::Compare(c)
                }
                _ => {
                    self.report(
                        &v.span,
                        &v.ctx,
                        tx(
                            "否决项写 flag（是 / 否问题）或 when（比较条件），只写一个",
                            "a veto has exactly one of `flag` or `when`",
                        ),
                    );
                    continue;
                }
            };
            out.push(Veto {
                id: vid,
                text,
                trigger,
                grade: v.opt_text(self.sink, "grade"),
                notes: v.strings(self.sink, "notes"),
            });
        }
        out
    }

    fn limits(&mut self, root: &Table<'_, '_>, grades: &[Grade]) -> Vec<Limit> {
        let mut out = Vec::new();
        for (k, l) in root.tables(self.sink, "limits").into_iter().enumerate() {
            let l = l.within(Ctx::default().child(
                format!("第 {} 个等级限制", k + 1),
                format!("limit {}", k + 1),
            ));
            l.only(
                self.sink,
                &["id", "text", "text_en", "flag", "grade_at_most"],
                tx("等级限制（[[limits]]）", "a limit ([[limits]])"),
            );
            let Some(lid) = id(self.sink, &l, "id", &['-', '_']) else {
                continue;
            };
            let text = Text::new(
                l.text(self.sink, "text").unwrap_or_default(),
                l.text(self.sink, "text_en").unwrap_or_default(),
            );
            let Some(fnode) = l.need(self.sink, "flag") else {
                continue;
            };
            let Some(flag) = fnode.text(self.sink) else {
                continue;
            };
            if !self.field_of(
                &fnode,
                &flag,
                |k| *k == FieldKind::Bool,
                tx("是 / 否字段", "a yes/no field"),
            ) {
                continue;
            }
            let Some(gnode) = l.need(self.sink, "grade_at_most") else {
                continue;
            };
            let Some(g) = gnode.text(self.sink) else {
                continue;
            };
            let Some(grade_at_most) = grades.iter().position(|x| x.name.zh == g) else {
                self.report(
                    &gnode.span,
                    &gnode.ctx,
                    tx(
                        format!("没有名为“{}”的等级", quote_short(&g)),
                        format!("there is no grade “{}”", quote_short(&g)),
                    ),
                );
                continue;
            };
            out.push(Limit {
                id: lid,
                text,
                flag,
                grade_at_most,
            });
        }
        out
    }

    fn consistency(&mut self, root: &Table<'_, '_>) -> Vec<Consistency> {
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for (k, c) in root
            .tables(self.sink, "consistency")
            .into_iter()
            .enumerate()
        {
            let c = c.within(Ctx::default().child(
                format!("第 {} 条一致性规则", k + 1),
                format!("consistency rule {}", k + 1),
            ));
            c.only(
                self.sink,
                &["left", "op", "right", "message", "message_en", "when"],
                tx(
                    "一致性规则（[[consistency]]）",
                    "a consistency rule ([[consistency]])",
                ),
            );
            let left = c.need(self.sink, "left").and_then(|n| self.quantity(&n));
            let op = self.op(&c, "op");
            let right = c.need(self.sink, "right").and_then(|n| self.quantity(&n));
            let message = Text::new(
                c.text(self.sink, "message").unwrap_or_default(),
                c.text(self.sink, "message_en").unwrap_or_default(),
            );
            // `when`: the rule applies only while this comparison holds.
            let when = match c.node("when") {
                None => Some(None),
                Some(n) => n
                    .table(self.sink)
                    .and_then(|t| self.comparison(&t))
                    .map(Some),
            };
            if let (Some(left), Some(op), Some(right), Some(when)) = (left, op, right, when) {
                out.push(Consistency {
                    left,
                    op,
                    right,
                    message,
                    when,
                });
                spans.push((c.span.clone(), c.ctx.clone()));
            }
        }
        self.no_circles(&out, &spans);
        out
    }

    /// Refuses `≤` rules between fields that go round in a circle (a ≤ b, b ≤ c, c ≤ a, or a
    /// pair written both ways). A chain's rule `a ≤ c` keeps quiet while a filled-in `b`
    /// has rules `a ≤ b` and `b ≤ c`, since one of those then says what is wrong; round a
    /// circle each such rule would wait for another, and figures that break them all would
    /// get no warning at all. Fields that must be equal are compared with `==`.
    fn no_circles(&mut self, rules: &[Consistency], spans: &[(Range<usize>, Ctx)]) {
        // The edges `a → b` of the rules `a ≤ b` that a chain reads (see `resolved::via`).
        let edges: Vec<(&str, &str, usize)> = rules
            .iter()
            .enumerate()
            .filter_map(|(k, r)| match (r.left(), r.op(), r.right(), r.when()) {
                (Quantity::Field(a), Op::Le, Quantity::Field(b), None) => {
                    Some((a.as_str(), b.as_str(), k))
                }
                _ => None,
            })
            .collect();
        // Depth-first from each field, in the order the rules come; a field on the current
        // path reached again closes a circle. Counts are bounded (MAX_LIST rules).
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for &(start, _, _) in &edges {
            if done.contains(start) {
                continue;
            }
            let mut path: Vec<(&str, usize)> = vec![(start, 0)];
            let mut via: Vec<usize> = Vec::new();
            while let Some(&mut (at, ref mut next)) = path.last_mut() {
                let out = edges.iter().filter(|e| e.0 == at).nth(*next);
                *next += 1;
                match out {
                    None => {
                        done.insert(at);
                        path.pop();
                        via.pop();
                    }
                    Some(&(_, to, _)) if done.contains(to) => {}
                    Some(&(_, to, k)) => {
                        if let Some(from) = path.iter().position(|(f, _)| *f == to) {
                            via.push(k);
                            let circle: Vec<&str> = path
                                .iter()
                                .skip(from)
                                .map(|(f, _)| *f)
                                .chain(std::iter::once(to))
                                .collect();
                            let rule_numbers: Vec<String> =
                                via.iter().skip(from).map(|k| (k + 1).to_string()).collect();
                            let (span, ctx) = spans
                                .get(k)
                                .cloned()
                                .unwrap_or_else(|| (0..0, Ctx::default()));
                            let chain = circle.join(" ≤ ");
                            let numbers = rule_numbers.join(", ");
                            self.report(
                                &span,
                                &ctx,
                                tx(
                                    format!("一致性规则 {chain} 首尾相连成环（第 {numbers} 条）：这些字段只能相等，请用 op = \"==\" 写明，或去掉其中一条"),
                                    format!("the consistency rules {chain} go round in a circle (rules {numbers}): the fields could only be equal; say so with op = \"==\", or drop one of them"),
                                ),
                            );
                            // One message per circle: stop here.
                            return;
                        }
                        via.push(k);
                        path.push((to, 0));
                    }
                }
            }
        }
    }

    /// Assembles one rubric of the file from what was read, checking what depends on the
    /// rubric: its items' maxima, the totals, and the rules' policies.
    #[allow(clippy::too_many_arguments)]
    fn assemble(
        &mut self,
        head: &Head,
        document: &Document,
        groups: &[GroupDraft],
        items: &[ItemDraft],
        rows: &[(Row, Range<usize>, Ctx)],
        grades: &[Grade],
        vetoes: &[Veto],
        limits: &[Limit],
        consistency: &[Consistency],
        figures: &[Figure],
        uses: &BTreeMap<String, Use>,
    ) -> Option<Rubric> {
        let before = self.sink.problems.len();
        let rid = head.id.as_str();
        let in_rubric =
            |ctx: &Ctx| ctx.child(format!("（评价表 {rid}）"), format!("(rubric {rid})"));
        let method = head.method;

        let mut rgroups: Vec<Group> = Vec::new();
        for g in groups {
            let max = match (&g.max, method) {
                (None, Method::Form) => Some(Decimal::ZERO),
                (None, _) => {
                    self.report(
                        &g.span,
                        &g.ctx,
                        tx(
                            "计分的评价表，其一级指标要写分值 max",
                            "a scored rubric's group needs `max`",
                        ),
                    );
                    None
                }
                (Some(_), Method::Form) => {
                    self.report(
                        &g.span,
                        &g.ctx,
                        tx(
                            "数据表（form）的栏目不写分值 max",
                            "a form's sections carry no `max`",
                        ),
                    );
                    None
                }
                (Some(m), _) => match m.get(rid) {
                    Ok(Some(m)) => Some(m),
                    Ok(None) => continue,
                    Err(span) => {
                        self.report(span.as_ref().unwrap_or(&g.span), &in_rubric(&g.ctx), tx(format!("没有给评价表 {rid} 写分值（不适用时写 \"-\"）"), format!("no value is given for rubric {rid} (write \"-\" where it does not apply)")));
                        None
                    }
                },
            };
            if let Some(max) = max {
                rgroups.push(Group {
                    max,
                    ..g.group.clone()
                });
            }
        }

        let mut ritems: Vec<Item> = Vec::new();
        let mut cited: BTreeSet<String> = BTreeSet::new();
        for d in items {
            let max = match d.max.get(rid) {
                Ok(Some(m)) => m,
                Ok(None) => continue,
                Err(span) => {
                    self.report(span.as_ref().unwrap_or(&d.span), &in_rubric(&d.ctx), tx(format!("没有给评价表 {rid} 写分值（不适用时写 \"-\"）"), format!("no value is given for rubric {rid} (write \"-\" where it does not apply)")));
                    continue;
                }
            };
            let ctx = in_rubric(&d.ctx);
            if max <= Decimal::ZERO {
                self.report(
                    &d.span,
                    &ctx,
                    tx("分值 max 应大于 0", "`max` must be above zero"),
                );
                continue;
            }
            if !d.item.group.is_empty() && !rgroups.iter().any(|g| g.id == d.item.group) {
                if groups.iter().any(|g| g.group.id == d.item.group) {
                    self.report(&d.span, &ctx, tx(format!("所属一级指标 {} 在此评价表中不适用（\"-\"），但本指标适用", d.item.group), format!("its group {} does not apply to this rubric (\"-\") but the item does", d.item.group)));
                }
                continue;
            }
            let item = Item {
                max,
                ..d.item.clone()
            };
            self.check_item(&item, d, method, &ctx);
            cited.extend(item.policies.iter().cloned());
            ritems.push(item);
        }

        // Totals: items add up to their group, groups to the rubric's stated totals.
        if method != Method::Form {
            for g in &rgroups {
                let sum: Decimal = ritems
                    .iter()
                    .filter(|i| i.group == g.id)
                    .map(|i| i.max)
                    .sum();
                if sum != g.max {
                    let span = groups
                        .iter()
                        .find(|x| x.group.id == g.id)
                        .map(|x| (x.span.clone(), in_rubric(&x.ctx)));
                    if let Some((span, ctx)) = span {
                        self.report(
                            &span,
                            &ctx,
                            tx(
                                format!(
                                    "一级指标 {}（{}）分值为 {}，但其下各指标分值合计 {}",
                                    g.id,
                                    g.name.zh,
                                    fmt_dec(g.max),
                                    fmt_dec(sum)
                                ),
                                format!(
                                    "group {} ({}) is worth {} but its items add up to {}",
                                    g.id,
                                    g.name.en,
                                    fmt_dec(g.max),
                                    fmt_dec(sum)
                                ),
                            ),
                        );
                    }
                }
            }
            let base: Decimal = rgroups.iter().filter(|g| !g.bonus).map(|g| g.max).sum();
            let bonus: Decimal = rgroups.iter().filter(|g| g.bonus).map(|g| g.max).sum();
            if let Some(base_max) = head.base_max {
                if base != base_max {
                    self.report(
                        &head.span,
                        &head.ctx,
                        tx(
                            format!(
                                "基础一级指标合计 {}，但 base_max 为 {}",
                                fmt_dec(base),
                                fmt_dec(base_max)
                            ),
                            format!(
                                "the base groups add up to {} but base_max is {}",
                                fmt_dec(base),
                                fmt_dec(base_max)
                            ),
                        ),
                    );
                }
            }
            if bonus != head.bonus_max {
                self.report(&head.span, &head.ctx, tx(format!("加分一级指标合计 {}，但 bonus_max 为 {}（加分总分另有上限时，写 bonus_cap）", fmt_dec(bonus), fmt_dec(head.bonus_max)), format!("the bonus groups add up to {} but bonus_max is {} (where the bonus total has a lower cap, write bonus_cap)", fmt_dec(bonus), fmt_dec(head.bonus_max))));
            }
            if ritems.is_empty() {
                self.report(
                    &head.span,
                    &head.ctx,
                    tx(
                        "计分的评价表至少要有一个指标",
                        "a scored rubric needs at least one item",
                    ),
                );
            }
            if !rows.is_empty() {
                self.report(
                    &head.span,
                    &head.ctx,
                    tx(
                        "计分的评价表不写数据表的行（[[rows]]）",
                        "a scored rubric has items, not rows",
                    ),
                );
            }
        } else {
            if !ritems.is_empty() {
                self.report(
                    &head.span,
                    &head.ctx,
                    tx(
                        "数据表（form）只有行（[[rows]]），没有计分指标",
                        "a form has rows, not items",
                    ),
                );
            }
            if rows.is_empty() {
                self.report(
                    &head.span,
                    &head.ctx,
                    tx("数据表（form）需要行（[[rows]]）", "a form needs rows"),
                );
            }
        }
        for (row, span, ctx) in rows {
            if method == Method::Form
                && !rgroups.iter().any(|g| g.id == row.group)
                && groups.iter().any(|g| g.group.id == row.group)
            {
                self.report(
                    span,
                    ctx,
                    tx(
                        "此行所属栏目在该评价表中不适用",
                        "this row's section does not apply to this rubric",
                    ),
                );
            }
        }
        if !head.grade_names.is_empty() && !grades.is_empty() {
            self.report(&head.span, &head.ctx, tx("grade_names 用于文件只列等级名、不给分数线的情形；已有 [[grades]] 时不写", "grade_names is for documents that publish no cut-offs; leave it out when there are [[grades]]"));
        }
        for v in vetoes {
            if let Some(g) = &v.grade {
                // The grade a veto imposes is one the rubric names, so it has its English.
                if !grades.iter().any(|x| &x.name.zh == g)
                    && !head.grade_names.iter().any(|n| &n.zh == g)
                {
                    self.report(
                        &head.span,
                        &Ctx::default().child(format!("否决项 {}", v.id), format!("veto {}", v.id)),
                        tx(
                            format!("没有名为“{}”的等级：否决项的 grade 须是 [[grades]] 或 grade_names 中的等级", quote_short(g)),
                            format!("there is no grade “{}”: a veto's grade must be one of [[grades]] or grade_names", quote_short(g)),
                        ),
                    );
                }
            }
        }

        // The fields it reads, and the periods this document asks them for.
        let mut used: BTreeSet<String> = BTreeSet::new();
        for i in &ritems {
            used.extend(i.inputs().into_iter().map(str::to_string));
            used.extend(i.aids.iter().cloned());
            for f in &i.figures {
                used.extend(f.quantity.fields().into_iter().map(str::to_string));
            }
        }
        if method == Method::Form {
            used.extend(rows.iter().map(|r| r.0.field.clone()));
        }
        for v in vetoes {
            match &v.trigger {
                Trigger::Flag(f) => {
                    used.insert(f.clone());
                }
                Trigger::Compare(c) => {
                    used.extend(c.quantity.fields().into_iter().map(str::to_string))
                }
            }
        }
        used.extend(limits.iter().map(|l| l.flag.clone()));
        for c in consistency {
            used.extend(c.left.fields().into_iter().map(str::to_string));
            used.extend(c.right.fields().into_iter().map(str::to_string));
            if let Some(w) = &c.when {
                used.extend(w.quantity.fields().into_iter().map(str::to_string));
            }
        }
        for f in figures {
            used.extend(f.quantity.fields().into_iter().map(str::to_string));
        }
        let mut fields = BTreeMap::new();
        for id in used {
            let field = self
                .score_fields
                .get(&id)
                .or_else(|| self.field(&id))
                .cloned();
            let Some(mut field) = field else { continue };
            let used = uses.get(&id);
            field.given |= used.is_some_and(|u| u.given);
            match used.and_then(|u| u.period.as_ref()) {
                Some(period) => field.period = Some(period.clone()),
                None if self.library.periodic.contains(&id) || self.own_periodic.contains(&id) => {
                    self.report(
                        &head.span,
                        &head.ctx,
                        tx(
                            format!("字段 `{id}`（{}）在不同文件中统计期间不同；请写明本文件要求的期间：[uses.{id}] period = \"…\"、period_en = \"…\"", field.name.zh),
                            format!("the field `{id}` ({}) covers different periods in different documents; say which this one asks for: [uses.{id}] period = \"…\", period_en = \"…\"", field.name.en),
                        ),
                    );
                }
                None => {}
            }
            fields.insert(id, field);
        }
        let policies: Vec<Policy> = self
            .library
            .policies
            .iter()
            .chain(self.own_policies.iter().map(|p| &p.0))
            .filter(|p| cited.contains(&p.id))
            .cloned()
            .collect();

        if self.sink.problems.len() > before {
            return None;
        }
        let mut rubric = Rubric {
            id: head.id.clone(),
            version: head.version.clone(),
            hash: String::new(),
            name: head.name.clone(),
            region: head.region.clone(),
            space_type: head.space_type.clone(),
            method,
            document: document.clone(),
            base_max: head.base_max.unwrap_or(Decimal::ZERO),
            bonus_max: head.bonus_max,
            bonus_cap: head.bonus_cap,
            groups: rgroups,
            items: ritems,
            grades: grades.to_vec(),
            grade_names: head.grade_names.clone(),
            grades_note: head.grades_note.clone(),
            vetoes: vetoes.to_vec(),
            limits: limits.to_vec(),
            consistency: consistency.to_vec(),
            figures: figures.to_vec(),
            rows: if method == Method::Form {
                rows.iter().map(|r| r.0.clone()).collect()
            } else {
                Vec::new()
            },
            fields,
            policies,
            resolved: Default::default(),
        };
        rubric.hash = crate::rubric::codec::content_hash(&crate::rubric::codec::body(&rubric));
        Some(rubric)
    }

    /// What an item's terms must satisfy once its maximum is known.
    fn check_item(&mut self, item: &Item, d: &ItemDraft, method: Method, ctx: &Ctx) {
        let mut ceiling = Some(Decimal::ZERO);
        for (term, (span, tctx)) in item.terms.iter().zip(&d.terms) {
            ceiling = match (ceiling, term.ceiling()) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
            if let Some(p) = term.rule.policy() {
                if !item.policies.iter().any(|q| q == p) {
                    self.report(
                        span,
                        tctx,
                        tx(
                            format!(
                                "`{}` 规则要在指标的 policies 中引用解读规则 `{p}`",
                                term.rule.kind()
                            ),
                            format!(
                                "a `{}` term needs the item to cite policy `{p}` in its policies",
                                term.rule.kind()
                            ),
                        ),
                    );
                }
            }
            if let Rule::SelfScore { max, .. } = &term.rule {
                if *max > item.max {
                    self.report(
                        span,
                        tctx,
                        tx(
                            format!(
                                "自评部分最高 {} 分，超过本指标分值 {} 分",
                                fmt_dec(*max),
                                fmt_dec(item.max)
                            ),
                            format!(
                                "the self-assessed part ({}) cannot exceed the item's maximum ({})",
                                fmt_dec(*max),
                                fmt_dec(item.max)
                            ),
                        ),
                    );
                }
            }
            if let Some(cap) = term.cap {
                if cap >= item.max {
                    self.report(span, tctx, tx(format!("本条规则的上限 cap（{}）不小于本指标分值（{}），不需要写", fmt_dec(cap), fmt_dec(item.max)), format!("this term's cap ({}) is not below the item's maximum ({}); leave it out", fmt_dec(cap), fmt_dec(item.max))));
                }
            }
        }
        let several = item.terms.len() > 1 || item.terms.iter().any(|t| t.cap.is_some());
        if several && !item.policies.iter().any(|q| q == "sum-then-cap") {
            self.report(&d.span, ctx, tx("由几部分组成（或某部分有上限）的指标要引用解读规则 `sum-then-cap`", "an item of several terms (or with a capped part) must cite policy `sum-then-cap`"));
        }
        if item
            .terms
            .iter()
            .filter(|t| matches!(t.rule, Rule::SelfScore { .. }))
            .count()
            > 1
        {
            self.report(
                &d.span,
                ctx,
                tx(
                    "一个指标最多有一条自评规则",
                    "an item has at most one self-assessed term",
                ),
            );
        }
        if let (true, Some(c)) = (d.all_terms_read, ceiling) {
            if c < item.max {
                self.report(
                    &d.span,
                    ctx,
                    tx(
                        format!(
                            "各规则合计最多只能得 {} 分，达不到本指标分值 {} 分",
                            fmt_dec(c),
                            fmt_dec(item.max)
                        ),
                        format!(
                            "its terms can give at most {} of its {} points",
                            fmt_dec(c),
                            fmt_dec(item.max)
                        ),
                    ),
                );
            }
        }
        if method == Method::Weights
            && !item
                .terms
                .iter()
                .all(|t| matches!(t.rule, Rule::SelfScore { .. }))
        {
            self.report(
                &d.span,
                ctx,
                tx(
                    "只有权重的评价表（weights）中，每个指标都由申报单位自评",
                    "every item of a weight-only rubric is self-assessed",
                ),
            );
        }
    }
}

/// Reads one field definition (of the shared dictionary or a rubric file); the bool is
/// whether it is marked `periodic`.
pub(super) fn field_definition(
    sink: &mut Sink,
    id: &str,
    key_span: &Range<usize>,
    node: &Node<'_, '_>,
    ctx: &Ctx,
) -> Option<(Field, bool)> {
    if !is_id(id, &['_']) {
        sink.report(
            Some(key_span),
            ctx,
            tx(
                "字段编号只能用小写英文字母、数字和 _，以字母或数字开头",
                "field ids are lowercase ascii letters, digits and `_`, starting with a letter or digit",
            ),
        );
        return None;
    }
    let t = node.table(sink)?.within(ctx.clone());
    t.only(
        sink,
        &[
            "name", "name_en", "kind", "unit", "unit_en", "max", "note", "options", "periodic",
            "given",
        ],
        tx("字段定义", "a field definition"),
    );
    let name = t.text(sink, "name");
    let name_en = t.text(sink, "name_en");
    let kind_node = t.need(sink, "kind")?;
    let kind_name = kind_node.text(sink)?;
    let mut options = || -> Option<Vec<Choice>> {
        let tables = t.tables(sink, "options");
        if tables.is_empty() {
            sink.report(
                Some(&t.span),
                ctx,
                tx(
                    "多选 / 单选字段需要选项（options）",
                    "a checklist or choice field needs options",
                ),
            );
            return None;
        }
        let mut out: Vec<Choice> = Vec::new();
        for (k, o) in tables.into_iter().enumerate() {
            let o =
                o.within(ctx.child(format!("第 {} 个选项", k + 1), format!("option {}", k + 1)));
            o.only(sink, &["id", "name", "name_en"], tx("选项", "an option"));
            let oid = id_of(sink, &o)?;
            if out.iter().any(|c| c.id == oid) {
                sink.report(
                    Some(&o.span),
                    &o.ctx,
                    tx(
                        format!("选项 `{oid}` 重复"),
                        format!("the option `{oid}` is listed twice"),
                    ),
                );
                return None;
            }
            let (Some(n), Some(e)) = (o.text(sink, "name"), o.text(sink, "name_en")) else {
                return None;
            };
            out.push(Choice {
                id: oid,
                name: Text::new(n, e),
            });
        }
        Some(out)
    };
    let kind = match kind_name.as_str() {
        "count" => FieldKind::Count,
        "amount" => FieldKind::Amount,
        "signed-amount" => FieldKind::SignedAmount,
        "percent" => FieldKind::Percent,
        "bool" => FieldKind::Bool,
        "checklist" => FieldKind::Checklist(options()?),
        "choice" => {
            let o = options()?;
            if o.len() < 2 {
                sink.report(
                    Some(&t.span),
                    ctx,
                    tx(
                        "单选字段至少要有两个选项",
                        "a choice field needs at least two options",
                    ),
                );
                return None;
            }
            FieldKind::Choice(o)
        }
        other => {
            let hint = match super::tree::closest(other, FIELD_KINDS) {
                Some(c) => tx(
                    format!("（是不是 `{c}`？）"),
                    format!(" (did you mean `{c}`?)"),
                ),
                None => tx("", ""),
            };
            sink.report(
                Some(&kind_node.span),
                &kind_node.ctx,
                tx(
                    format!(
                        "未知的字段类型“{}”{}；可用：{}",
                        quote_short(other),
                        hint.zh,
                        FIELD_KINDS.join(", ")
                    ),
                    format!(
                        "unknown field kind “{}”{}; the kinds are: {}",
                        quote_short(other),
                        hint.en,
                        FIELD_KINDS.join(", ")
                    ),
                ),
            );
            return None;
        }
    };
    if !matches!(kind, FieldKind::Checklist(_) | FieldKind::Choice(_)) && t.has("options") {
        sink.report(
            Some(&t.span),
            ctx,
            tx(
                "只有多选 / 单选字段才有选项（options）",
                "only checklist and choice fields have options",
            ),
        );
    }
    let unit = t.opt_string(sink, "unit").unwrap_or_default();
    let unit_en = t.opt_string(sink, "unit_en").unwrap_or_default();
    let numeric_unit = matches!(
        kind,
        FieldKind::Count | FieldKind::Amount | FieldKind::SignedAmount
    );
    if numeric_unit && unit.trim().is_empty() {
        sink.report(
            Some(&t.span),
            ctx,
            tx(
                "数量、金额字段要写单位（unit）",
                "a count or amount field needs a unit",
            ),
        );
        return None;
    }
    let max = t.opt_decimal(sink, "max").ok()?;
    let periodic = t.flag(sink, "periodic");
    let given = t.flag(sink, "given");
    Some((
        Field {
            id: id.to_string(),
            name: Text::new(name?, name_en?),
            unit: Text::new(unit, unit_en),
            kind,
            max,
            note: t.opt_text(sink, "note"),
            period: None,
            given,
        },
        periodic,
    ))
}

fn id_of(sink: &mut Sink, t: &Table<'_, '_>) -> Option<String> {
    id(sink, t, "id", &['-', '_'])
}
