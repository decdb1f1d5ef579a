//! The document and its heads: the file's own policy lines and fields, `[uses]`,
//! `[document]`, and each `[[rubrics]]` head.

use super::file::*;

impl Checking<'_, '_> {
    pub(super) fn own_policies(&mut self, root: &Table<'_, '_>) {
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

    pub(super) fn own_fields(&mut self, root: &Table<'_, '_>) {
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

    pub(super) fn uses(&mut self, root: &Table<'_, '_>) -> BTreeMap<String, Use> {
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

    pub(super) fn document(&mut self, root: &Table<'_, '_>) -> Document {
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
    pub(super) fn stated(&mut self, t: &Table<'_, '_>, key: &str) -> Stated {
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

    pub(super) fn heads(&mut self, root: &Table<'_, '_>) -> Vec<Head> {
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
                crate::rubric::source::order("rubrics"),
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
    pub(super) fn grade_names(&mut self, t: &Table<'_, '_>) -> Vec<Text> {
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
}

/// Reads one field definition (of the shared dictionary or a rubric file); the bool is
/// whether it is marked `periodic`.
pub(crate) fn field_definition(
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
            let hint = match crate::toml_tree::closest(other, FIELD_KINDS) {
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
