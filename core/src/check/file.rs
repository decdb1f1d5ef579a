//! Converting a rubric file's tree into validated rubrics, checking every invariant on the
//! way. The document is read once (so a problem is reported once, even where the file
//! defines two rubrics), then each rubric is assembled from the groups and items it has.

pub(super) use std::collections::{BTreeMap, BTreeSet};
pub(super) use std::ops::Range;

pub(super) use rust_decimal::Decimal;

pub(super) use super::{Library, MAX_ITEMS, MAX_RUBRICS};
pub(super) use crate::kinds::{KindInfo, Rule, Term, TermAt, COMMON_KEYS, KINDS};
pub(super) use crate::quantity::{Bound, Comparison, Interval, Op, Quantity, Rate};
pub(super) use crate::rubric::{
    Choice, Consistency, Document, Field, FieldKind, Figure, Grade, Group, Item, Limit, Method,
    Policy, Row, Rubric, Stated, Trigger, Veto,
};
pub(super) use crate::text::{fmt_dec, quote_short, Text};
pub(super) use crate::toml_tree::{tx, Ctx, Node, Sink, Table};

/// The field kinds a field definition may name.
pub(super) const FIELD_KINDS: &[&str] = &[
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
pub(super) fn is_id(s: &str, extra: &[char]) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    first_ok
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || extra.contains(&c))
}

/// Reads an id under `key`, reporting one that is not an id.
pub(super) fn id(sink: &mut Sink, t: &Table<'_, '_>, key: &str, extra: &[char]) -> Option<String> {
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
pub(super) struct Use {
    pub(super) period: Option<Text>,
    pub(super) given: bool,
    pub(super) span: Range<usize>,
    pub(super) ctx: Ctx,
}

/// A value given once for every rubric of the file, or per rubric id (Xinxiang's table has
/// a weight column per space type; `"-"` marks an item a type lacks).
#[derive(Debug, Clone)]
pub(super) enum PerRubric {
    One(Decimal),
    Each(BTreeMap<String, Option<Decimal>>, Range<usize>),
}

pub(super) fn per_rubric(sink: &mut Sink, node: &Node<'_, '_>) -> Option<PerRubric> {
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
    pub(super) fn get(&self, rubric: &str) -> Result<Option<Decimal>, Option<Range<usize>>> {
        match self {
            PerRubric::One(d) => Ok(Some(*d)),
            PerRubric::Each(map, span) => map.get(rubric).copied().ok_or(Some(span.clone())),
        }
    }

    pub(super) fn ids(&self) -> Vec<(&str, &Range<usize>)> {
        match self {
            PerRubric::One(_) => Vec::new(),
            PerRubric::Each(map, span) => map.keys().map(|k| (k.as_str(), span)).collect(),
        }
    }
}

/// A group as read, before its weight is known for one rubric.
pub(super) struct GroupDraft {
    pub(super) group: Group,
    pub(super) max: Option<PerRubric>,
    pub(super) span: Range<usize>,
    pub(super) ctx: Ctx,
}

/// An item as read, before its maximum is known for one rubric.
pub(super) struct ItemDraft {
    pub(super) item: Item,
    pub(super) max: PerRubric,
    pub(super) span: Range<usize>,
    pub(super) ctx: Ctx,
    /// Each term's span and whether it is self-assessed.
    pub(super) terms: Vec<(Range<usize>, Ctx)>,
    /// Whether every term could be read. When one could not, its problem is already
    /// reported, and checks over the item's terms as a whole (can they reach the maximum?)
    /// are skipped, so one mistake gives one message.
    pub(super) all_terms_read: bool,
}

/// A rubric's head as read.
pub(super) struct Head {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) name: Text,
    pub(super) region: Text,
    pub(super) space_type: Text,
    pub(super) method: Method,
    pub(super) base_max: Option<Decimal>,
    pub(super) bonus_max: Decimal,
    pub(super) bonus_cap: Option<Decimal>,
    pub(super) grade_names: Vec<Text>,
    pub(super) grades_note: Option<String>,
    pub(super) span: Range<usize>,
    pub(super) ctx: Ctx,
}

/// Reads a whole rubric file.
pub(super) fn file(sink: &mut Sink, root: &Table<'_, '_>, library: &Library) -> Vec<Rubric> {
    // The keys a rubric file may have at its top level: those the writer writes, in its order.
    root.only(
        sink,
        crate::rubric::source::order(""),
        tx("评价表文件", "a rubric file"),
    );
    let mut r = Checking {
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
    let cases = r.cases(root);

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
        // The file's own worked examples, scored under its rules.
        r.run_cases(&cases, &out);
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
pub(crate) struct Checking<'s, 'l> {
    pub(crate) sink: &'s mut Sink,
    pub(crate) library: &'l Library,
    /// The file's own fields, with where they are defined.
    pub(crate) own_fields: BTreeMap<String, (Field, Range<usize>, Ctx)>,
    /// The file's own fields marked `periodic`.
    pub(crate) own_periodic: BTreeSet<String>,
    /// The file's own policy lines.
    pub(crate) own_policies: Vec<(Policy, Range<usize>, Ctx)>,
    /// The self-assessment fields that `self` terms create, by id.
    pub(crate) score_fields: BTreeMap<String, Field>,
}

impl Checking<'_, '_> {
    pub(crate) fn report(&mut self, span: &Range<usize>, ctx: &Ctx, message: Text) {
        self.sink.report(Some(span), ctx, message);
    }

    /// A field of the shared dictionary or of this file.
    pub(crate) fn field(&self, id: &str) -> Option<&Field> {
        self.own_fields
            .get(id)
            .map(|f| &f.0)
            .or_else(|| self.library.fields.get(id))
    }

    pub(super) fn policy_exists(&self, id: &str) -> bool {
        self.library.policies.iter().any(|p| p.id == id)
            || self.own_policies.iter().any(|p| p.0.id == id)
    }
}

pub(super) fn id_of(sink: &mut Sink, t: &Table<'_, '_>) -> Option<String> {
    id(sink, t, "id", &['-', '_'])
}
