//! Groups and items, and the parts every term shares (`kind`, `label`, `cap`, `requires`);
//! each kind's own keys are read by its module in `crate::kinds`.

use super::file::*;
use crate::kinds::Keys;

impl Checking<'_, '_> {
    pub(super) fn groups(&mut self, root: &Table<'_, '_>) -> Vec<GroupDraft> {
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

    pub(super) fn items(&mut self, root: &Table<'_, '_>, groups: &[GroupDraft]) -> Vec<ItemDraft> {
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

    pub(super) fn unknown_field(&mut self, span: &Range<usize>, ctx: &Ctx, id: &str) {
        let mut ids: Vec<&str> = self.library.fields.keys().map(String::as_str).collect();
        ids.extend(self.own_fields.keys().map(String::as_str));
        let hint = match crate::toml_tree::closest(id, &ids) {
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
    pub(crate) fn field_of(
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

    pub(crate) fn numeric_field(&mut self, node: &Node<'_, '_>, id: &str) -> bool {
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

    /// One term of an item: the keys every kind shares (`kind`, `label`, `cap`,
    /// `requires`), then its kind's own, read and checked by the kind's module.
    pub(super) fn term(
        &mut self,
        t: &Table<'_, '_>,
        item_id: &str,
        item_name: &Text,
    ) -> Option<Term> {
        let kind_node = t.need(self.sink, "kind")?;
        let kind = kind_node.text(self.sink)?;
        let Some(info) = KindInfo::named(&kind) else {
            let kinds: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
            let hint = match crate::toml_tree::closest(&kind, &kinds) {
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
        let allowed: Vec<&str> = COMMON_KEYS
            .iter()
            .filter(|k| info.capped || k.name != "cap")
            .chain(info.keys)
            .map(|k| k.name)
            .collect();
        t.only(
            self.sink,
            &allowed,
            tx(format!("`{kind}` 规则"), format!("a `{kind}` term")),
        );
        let label = self.label(t)?;
        if label.is_some() && !info.labelled {
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
        // A kind without a cap of its own is bounded otherwise (`self` by its `max`); a
        // `cap` there is refused above and must not take effect either.
        let cap = match t.node("cap").filter(|_| info.capped) {
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
        let at = TermAt {
            item_id,
            item_name,
            label: &label,
        };
        let rule = Rule::read(&kind, self, t, &at)??;
        // A label given to the term's one entry is not the term's too.
        let label = if rule.label_on_entry() { None } else { label };
        Some(Term {
            label,
            rule,
            cap,
            requires,
        })
    }

    /// The term's quantity, under `input`.
    pub(crate) fn input(&mut self, t: &Table<'_, '_>) -> Option<Quantity> {
        let n = t.need(self.sink, "input")?;
        self.quantity(&n)
    }
}

/// The readings the kinds of term share, as the checker does them.
impl Keys for Checking<'_, '_> {
    fn sink(&mut self) -> &mut Sink {
        self.sink
    }

    fn report(&mut self, span: &Range<usize>, ctx: &Ctx, message: Text) {
        Checking::report(self, span, ctx, message);
    }

    fn input(&mut self, t: &Table<'_, '_>) -> Option<Quantity> {
        Checking::input(self, t)
    }

    fn positive(&mut self, t: &Table<'_, '_>, key: &str) -> Option<Decimal> {
        Checking::positive(self, t, key)
    }

    fn non_negative(&mut self, t: &Table<'_, '_>, key: &str, default: Decimal) -> Option<Decimal> {
        Checking::non_negative(self, t, key, default)
    }

    fn bound(
        &mut self,
        t: &Table<'_, '_>,
        inclusive: &str,
        exclusive: &str,
    ) -> Option<Option<Bound>> {
        Checking::bound(self, t, inclusive, exclusive)
    }

    fn interval(&mut self, t: &Table<'_, '_>) -> Option<Interval> {
        Checking::interval(self, t)
    }

    fn contiguous(&mut self, t: &Table<'_, '_>, ranges: &[Interval], what: Text) -> bool {
        Checking::contiguous(self, t, ranges, what)
    }

    fn comparison(&mut self, t: &Table<'_, '_>) -> Option<Comparison> {
        Checking::comparison(self, t)
    }

    fn rates(&mut self, t: &Table<'_, '_>, key: &str, points_key: &str) -> Option<Vec<Rate>> {
        Checking::rates(self, t, key, points_key)
    }

    fn field_of(
        &mut self,
        node: &Node<'_, '_>,
        id: &str,
        ok: fn(&FieldKind) -> bool,
        want: Text,
    ) -> bool {
        Checking::field_of(self, node, id, ok, want)
    }

    fn numeric_field(&mut self, node: &Node<'_, '_>, id: &str) -> bool {
        Checking::numeric_field(self, node, id)
    }

    fn field(&self, id: &str) -> Option<&Field> {
        Checking::field(self, id)
    }

    fn add_field(&mut self, field: Field) {
        self.score_fields.insert(field.id.clone(), field);
    }
}
