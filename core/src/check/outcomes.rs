//! What follows from a score besides the items: computed figures, a form's rows, grades,
//! vetoes, limits on the grade, and consistency checks.

use super::file::*;

impl Checking<'_, '_> {
    pub(super) fn figures(&mut self, tables: Vec<Table<'_, '_>>, parent: &Ctx) -> Vec<Figure> {
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

    pub(super) fn rows(
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

    pub(super) fn grades(&mut self, root: &Table<'_, '_>) -> Vec<Grade> {
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

    pub(super) fn vetoes(&mut self, root: &Table<'_, '_>) -> Vec<Veto> {
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

    pub(super) fn limits(&mut self, root: &Table<'_, '_>, grades: &[Grade]) -> Vec<Limit> {
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

    pub(super) fn consistency(&mut self, root: &Table<'_, '_>) -> Vec<Consistency> {
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
    pub(super) fn no_circles(&mut self, rules: &[Consistency], spans: &[(Range<usize>, Ctx)]) {
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
}
