//! Putting one rubric together from what the file says: each item's maximum for this
//! rubric, the groups' and the rubric's totals, the fields it reads and the policy lines it
//! cites, and the checks over an item's terms as a whole.

use super::file::*;

impl Checking<'_, '_> {
    /// Assembles one rubric of the file from what was read, checking what depends on the
    /// rubric: its items' maxima, the totals, and the rules' policies.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn assemble(
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
    pub(super) fn check_item(&mut self, item: &Item, d: &ItemDraft, method: Method, ctx: &Ctx) {
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
            if let Rule::SelfScore(crate::kinds::self_score::SelfScore { max, .. }) = &term.rule {
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
