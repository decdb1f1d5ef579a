//! Converting rubric files into validated rubrics: the rubric checker.
//!
//! Every invariant is checked here, once: ids are unique, every reference resolves, item
//! maxima add up to their group and the groups to the rubric's stated totals, band tables
//! have no gaps or overlaps, every item quotes its source, and each rule cites the policy
//! line that governs it. Errors name the file and the rubric, group or item.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::error::Error;
use crate::file::{self, PerRubric, QuantityFile};
use crate::text::{fmt_dec, Text};

/// Where an error is: the file and, inside it, the rubric or item.
pub(super) struct Place<'a> {
    pub(super) file: &'a str,
    pub(super) at: String,
}

impl Place<'_> {
    pub(super) fn err(&self, message: impl Into<String>) -> Error {
        let place = if self.at.is_empty() {
            format!("rubrics/{}", self.file)
        } else {
            format!("rubrics/{} ({})", self.file, self.at)
        };
        Error::Rubric {
            place,
            message: message.into(),
        }
    }

    fn at(&self, at: impl Into<String>) -> Place<'_> {
        Place {
            file: self.file,
            at: at.into(),
        }
    }

    fn dec(&self, what: &str, s: &str) -> Result<Decimal, Error> {
        Decimal::from_str(s.trim())
            .map_err(|_| self.err(format!("{what} `{s}` is not a decimal number")))
    }

    fn non_empty(&self, what: &str, s: &str) -> Result<(), Error> {
        if s.trim().is_empty() {
            Err(self.err(format!("{what} is empty")))
        } else {
            Ok(())
        }
    }
}

pub(super) fn convert(file: file::CatalogFile) -> Result<Catalog, Error> {
    let root = Place {
        file: "catalog.toml",
        at: String::new(),
    };
    let mut policies = Vec::new();
    for p in file.policies {
        if policies.iter().any(|q: &Policy| q.id == p.id) {
            return Err(root.err(format!("policy `{}` is defined twice", p.id)));
        }
        root.non_empty("a policy's text", &p.zh)?;
        policies.push(Policy {
            id: p.id,
            text: Text::new(p.zh, p.en),
        });
    }

    let dict = Place {
        file: "fields.toml",
        at: String::new(),
    };
    let mut fields = BTreeMap::new();
    for (id, f) in file.fields {
        let at = dict.at(format!("field {id}"));
        fields.insert(id.clone(), convert_field(&at, id, f)?);
    }

    let mut rubrics: Vec<Rubric> = Vec::new();
    for doc in &file.documents {
        for rubric in convert_document(doc, &fields, &policies)? {
            if rubrics.iter().any(|r| r.id == rubric.id) {
                return Err(root.err(format!("rubric id `{}` is used twice", rubric.id)));
            }
            rubrics.push(rubric);
        }
    }
    Ok(Catalog {
        policies,
        fields,
        rubrics,
    })
}

fn convert_field(at: &Place<'_>, id: String, f: file::FieldFile) -> Result<Field, Error> {
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_id {
        return Err(at.err("field ids are lowercase ascii words joined by `_`"));
    }
    at.non_empty("the name", &f.name)?;
    let kind = match f.kind.as_str() {
        "count" => FieldKind::Count,
        "amount" => FieldKind::Amount,
        "signed-amount" => FieldKind::SignedAmount,
        "percent" => FieldKind::Percent,
        "bool" => FieldKind::Bool,
        "checklist" => {
            if f.options.is_empty() {
                return Err(at.err("a checklist needs options"));
            }
            let mut choices: Vec<Choice> = Vec::new();
            for o in f.options {
                if choices.iter().any(|c| c.id == o.id) {
                    return Err(at.err(format!("option `{}` is listed twice", o.id)));
                }
                choices.push(Choice {
                    id: o.id,
                    name: Text::new(o.name, o.name_en),
                });
            }
            FieldKind::Checklist(choices)
        }
        other => return Err(at.err(format!("unknown field kind `{other}`"))),
    };
    let numeric_unit = matches!(
        kind,
        FieldKind::Count | FieldKind::Amount | FieldKind::SignedAmount
    );
    if numeric_unit && f.unit.trim().is_empty() {
        return Err(at.err("a numeric field needs a unit"));
    }
    let max = match &f.max {
        Some(m) => Some(at.dec("max", m)?),
        None => None,
    };
    Ok(Field {
        id,
        name: Text::new(f.name, f.name_en),
        unit: Text::new(f.unit, f.unit_en),
        kind,
        max,
        note: f.note,
    })
}

/// The value of a per-rubric setting for one rubric: `None` when the rubric lacks it (`-`).
fn per_rubric<'a>(
    at: &Place<'_>,
    value: &'a PerRubric,
    rubric: &str,
) -> Result<Option<&'a str>, Error> {
    let raw = match value {
        PerRubric::One(s) => s.as_str(),
        PerRubric::Each(map) => map
            .get(rubric)
            .map(String::as_str)
            .ok_or_else(|| at.err(format!("no value is given for rubric `{rubric}`")))?,
    };
    Ok(if raw.trim() == "-" { None } else { Some(raw) })
}

/// Every rubric a document defines, converted and checked.
fn convert_document(
    doc: &file::DocumentFile,
    dictionary: &BTreeMap<String, Field>,
    policies: &[Policy],
) -> Result<Vec<Rubric>, Error> {
    let top = Place {
        file: &doc.file,
        at: String::new(),
    };
    let meta = &doc.document;
    top.non_empty("document.title", &meta.title)?;
    top.non_empty("document.issuer", &meta.issuer)?;
    let document = Document {
        title: meta.title.clone(),
        issuer: meta.issuer.clone(),
        number: meta.number.clone(),
        year: meta.year.clone(),
        period: meta.period.clone(),
        section: meta.section.clone(),
        source: meta.source.clone(),
        references: meta.references.clone(),
        notes: doc.notes.clone(),
    };
    if doc.rubrics.is_empty() {
        return Err(top.err("defines no rubric"));
    }
    let mut out = Vec::new();
    for head in &doc.rubrics {
        let at = top.at(&head.id);
        let mut builder = Builder {
            at: &at,
            dictionary,
            policies,
            fields: BTreeMap::new(),
            cited: BTreeSet::new(),
        };
        out.push(builder.rubric(doc, head, document.clone())?);
    }
    Ok(out)
}

/// Converts one rubric, collecting the fields and policies it uses.
struct Builder<'a> {
    at: &'a Place<'a>,
    dictionary: &'a BTreeMap<String, Field>,
    policies: &'a [Policy],
    fields: BTreeMap<String, Field>,
    cited: BTreeSet<String>,
}

impl Builder<'_> {
    fn rubric(
        &mut self,
        doc: &file::DocumentFile,
        head: &file::RubricHead,
        document: Document,
    ) -> Result<Rubric, Error> {
        let at = self.at;
        let id_ok = head.id.split('/').count() == 2
            && head
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/');
        if !id_ok {
            return Err(at.err("rubric ids are `region/type` in lowercase ascii"));
        }
        at.non_empty("version", &head.version)?;
        let method = match head.method.as_str() {
            "formula" => Method::Formula,
            "weights" => Method::Weights,
            "form" => Method::Form,
            other => return Err(at.err(format!("unknown method `{other}`"))),
        };
        let base_max = match &head.base_max {
            Some(s) => at.dec("base_max", s)?,
            None => Decimal::ZERO,
        };
        let bonus_max = match &head.bonus_max {
            Some(s) => at.dec("bonus_max", s)?,
            None => Decimal::ZERO,
        };

        let groups = self.groups(doc, &head.id, method)?;
        let items = self.items(doc, &head.id, &groups, method)?;
        check_totals(at, &groups, &items, base_max, bonus_max)?;

        let rows = self.rows(doc, &groups, method)?;
        let grades = self.grades(doc)?;
        let vetoes = self.vetoes(doc)?;
        let limits = self.limits(doc, &grades)?;
        let mut checks = Vec::new();
        for (i, c) in doc.checks.iter().enumerate() {
            let cat = at.at(format!("{} check {}", head.id, i + 1));
            checks.push(Check {
                left: self.quantity(&cat, &c.left)?,
                op: op(&cat, &c.op)?,
                right: self.quantity(&cat, &c.right)?,
                message: Text::new(c.message.clone(), c.message_en.clone()),
            });
        }
        let figures = self.figures(&at.at(format!("{} figures", head.id)), &doc.figures)?;
        if !head.grade_names.is_empty() && !grades.is_empty() {
            return Err(at.err("grade_names is for documents that publish no cut-offs"));
        }
        let policies = self
            .policies
            .iter()
            .filter(|p| self.cited.contains(&p.id))
            .cloned()
            .collect();
        Ok(Rubric {
            id: head.id.clone(),
            version: head.version.clone(),
            name: Text::new(head.name.clone(), head.name_en.clone()),
            region: Text::new(head.region.clone(), head.region_en.clone()),
            space_type: Text::new(head.space_type.clone(), head.space_type_en.clone()),
            method,
            document,
            base_max,
            bonus_max,
            groups,
            items,
            grades,
            grade_names: head.grade_names.clone(),
            grades_note: head.grades_note.clone(),
            vetoes,
            limits,
            checks,
            figures,
            rows,
            fields: std::mem::take(&mut self.fields),
            policies,
        })
    }

    fn groups(
        &self,
        doc: &file::DocumentFile,
        rubric: &str,
        method: Method,
    ) -> Result<Vec<Group>, Error> {
        let mut groups: Vec<Group> = Vec::new();
        for g in &doc.groups {
            let at = self.at.at(format!("group {}", g.id));
            if groups.iter().any(|h| h.id == g.id) {
                return Err(at.err("group id is used twice"));
            }
            at.non_empty("the group's name", &g.name)?;
            at.non_empty("the group's source heading", &g.source)?;
            let max = match (&g.max, method) {
                (None, Method::Form) => Decimal::ZERO,
                (None, _) => return Err(at.err("a scored rubric's group needs `max`")),
                (Some(_), Method::Form) => return Err(at.err("a form's sections carry no `max`")),
                (Some(m), _) => match per_rubric(&at, m, rubric)? {
                    Some(m) => at.dec("max", m)?,
                    None => continue,
                },
            };
            groups.push(Group {
                id: g.id.clone(),
                name: Text::new(g.name.clone(), g.name_en.clone()),
                source: g.source.clone(),
                max,
                bonus: g.bonus,
                notes: g.notes.clone(),
            });
        }
        Ok(groups)
    }

    fn items(
        &mut self,
        doc: &file::DocumentFile,
        rubric: &str,
        groups: &[Group],
        method: Method,
    ) -> Result<Vec<Item>, Error> {
        let mut items: Vec<Item> = Vec::new();
        for f in &doc.items {
            let at = self.at.at(format!("item {}", f.id));
            if doc.items.iter().filter(|g| g.id == f.id).count() > 1 {
                return Err(at.err("item id is used twice"));
            }
            let Some(max) = per_rubric(&at, &f.max, rubric)? else {
                continue;
            };
            let max = at.dec("max", max)?;
            if max <= Decimal::ZERO {
                return Err(at.err("max must be above zero"));
            }
            let group = groups
                .iter()
                .find(|g| g.id == f.group)
                .ok_or_else(|| at.err(format!("group `{}` does not exist", f.group)))?;
            at.non_empty("the item's name", &f.name)?;
            at.non_empty("source_text", &f.source_text)?;
            if f.terms.is_empty() {
                return Err(at.err("the item has no rule (terms)"));
            }
            let mut terms = Vec::new();
            let mut ceiling = Some(Decimal::ZERO);
            for (n, t) in f.terms.iter().enumerate() {
                let tat = at.at(format!("item {} term {}", f.id, n + 1));
                let term = self.term(&tat, f, t, max)?;
                ceiling = match (ceiling, term.rule.ceiling()) {
                    (Some(a), Some(b)) => Some(a + b),
                    _ => None,
                };
                if let Some(p) = term.rule.policy() {
                    if !f.policies.iter().any(|q| q == p) {
                        return Err(tat.err(format!("this rule must cite policy `{p}`")));
                    }
                }
                terms.push(term);
            }
            if f.terms.len() > 1 && !f.policies.iter().any(|q| q == "sum-then-cap") {
                return Err(at.err("an item of several terms must cite policy `sum-then-cap`"));
            }
            if f.terms.iter().filter(|t| t.kind == "self").count() > 1 {
                return Err(at.err("an item has at most one self-assessed term"));
            }
            if let Some(c) = ceiling {
                if c < max {
                    return Err(at.err(format!(
                        "its terms can give at most {} of its {} points",
                        fmt_dec(c),
                        fmt_dec(max)
                    )));
                }
            }
            if method == Method::Weights
                && !terms
                    .iter()
                    .all(|t| matches!(t.rule, Rule::SelfScore { .. }))
            {
                return Err(at.err("every item of a weight-only rubric is self-assessed"));
            }
            for p in &f.policies {
                if !self.policies.iter().any(|q| &q.id == p) {
                    return Err(at.err(format!("policy `{p}` does not exist")));
                }
                self.cited.insert(p.clone());
            }
            let mut aids = Vec::new();
            for a in &f.aids {
                self.use_field(&at, a)?;
                aids.push(a.clone());
            }
            let figures = self.figures(&at, &f.figures)?;
            items.push(Item {
                id: f.id.clone(),
                group: f.group.clone(),
                number: f.number.clone(),
                name: Text::new(f.name.clone(), f.name_en.clone()),
                source_text: f.source_text.clone(),
                rule_text: f.rule_text.clone(),
                max,
                nature: f.nature.clone(),
                evidence: f.evidence.clone(),
                bonus: group.bonus,
                terms,
                aids,
                figures,
                policies: f.policies.clone(),
                notes: f.notes.clone(),
            });
        }
        Ok(items)
    }

    fn term(
        &mut self,
        at: &Place<'_>,
        item: &file::ItemFile,
        t: &file::TermFile,
        item_max: Decimal,
    ) -> Result<Term, Error> {
        let label = label(at, &t.label, &t.label_en)?;
        if label.is_some() && t.kind == "condition" {
            return Err(at.err("label each comparison of a condition, not the term"));
        }
        let need = |what: &str, v: &Option<String>| -> Result<Decimal, Error> {
            match v {
                Some(s) => at.dec(what, s),
                None => Err(at.err(format!("a `{}` term needs `{what}`", t.kind))),
            }
        };
        let positive = |what: &str, d: Decimal| -> Result<Decimal, Error> {
            if d > Decimal::ZERO {
                Ok(d)
            } else {
                Err(at.err(format!("`{what}` must be above zero")))
            }
        };
        let input = || -> Result<&QuantityFile, Error> {
            t.input
                .as_ref()
                .ok_or_else(|| at.err(format!("a `{}` term needs `input`", t.kind)))
        };
        let rule = match t.kind.as_str() {
            "bands" => {
                let quantity = self.quantity(at, input()?)?;
                let mut bands = Vec::new();
                for b in &t.bands {
                    let range = interval(at, &b.from, &b.above, &b.below, &b.through)?;
                    if range.lower.is_none() {
                        return Err(at.err("every band has a lower bound (`from` or `above`)"));
                    }
                    bands.push(Band {
                        range,
                        points: at.dec("points", &b.points)?,
                    });
                }
                check_contiguous(at, &bands.iter().map(|b| b.range).collect::<Vec<_>>())?;
                if bands
                    .windows(2)
                    .any(|w| matches!(w, [a, b] if b.points < a.points))
                {
                    return Err(at.err("band points must not fall as the quantity rises"));
                }
                Rule::Bands { quantity, bands }
            }
            "per" => Rule::Per {
                quantity: self.quantity(at, input()?)?,
                every: positive("every", need("every", &t.every)?)?,
                points: positive("points", need("points", &t.points)?)?,
            },
            "step" => {
                let threshold = match (&t.from, &t.above) {
                    (Some(v), None) => Bound {
                        value: at.dec("from", v)?,
                        inclusive: true,
                    },
                    (None, Some(v)) => Bound {
                        value: at.dec("above", v)?,
                        inclusive: false,
                    },
                    _ => return Err(at.err("a `step` term needs exactly one of `from` or `above`")),
                };
                Rule::Step {
                    quantity: self.quantity(at, input()?)?,
                    threshold,
                    points: positive("points", need("points", &t.points)?)?,
                    step: positive("step", need("step", &t.step)?)?,
                    step_points: positive("step_points", need("step_points", &t.step_points)?)?,
                }
            }
            "flag" => {
                let field = match input()? {
                    QuantityFile::Field(f) => f.clone(),
                    QuantityFile::Shape(_) => return Err(at.err("a `flag` term reads one field")),
                };
                if self.use_field(at, &field)?.kind != FieldKind::Bool {
                    return Err(at.err(format!("`{field}` is not a yes/no field")));
                }
                Rule::Flag {
                    field,
                    points: positive("points", need("points", &t.points)?)?,
                }
            }
            "self" => {
                let max = positive("max", need("max", &t.max)?)?;
                if max > item_max {
                    return Err(at.err("a self-assessed part cannot exceed the item's maximum"));
                }
                let field = format!("score.{}", item.id);
                self.fields.insert(
                    field.clone(),
                    Field {
                        id: field.clone(),
                        name: Text::new(
                            format!("{}（自评得分）", item.name),
                            format!("{} (self-assessed score)", item.name_en),
                        ),
                        unit: Text::new("分", "points"),
                        kind: FieldKind::Score,
                        max: Some(max),
                        note: None,
                    },
                );
                Rule::SelfScore { field, max }
            }
            "highest" => {
                if t.options.len() < 2 {
                    return Err(at.err("a `highest` term needs at least two options"));
                }
                let mut options = Vec::new();
                for o in &t.options {
                    self.numeric(at, &o.input)?;
                    options.push((
                        o.input.clone(),
                        positive("points", at.dec("points", &o.points)?)?,
                    ));
                }
                Rule::Highest { options }
            }
            "deduct" => Rule::Deduct {
                quantity: self.quantity(at, input()?)?,
                start: positive("start", need("start", &t.start)?)?,
                each: positive("each", need("each", &t.each)?)?,
            },
            "condition" => {
                if t.all.is_empty() {
                    return Err(at.err("a `condition` term needs comparisons in `all`"));
                }
                let mut all = Vec::new();
                for c in &t.all {
                    all.push(self.comparison(at, c)?);
                }
                Rule::Condition {
                    all,
                    points: positive("points", need("points", &t.points)?)?,
                }
            }
            other => return Err(at.err(format!("unknown term kind `{other}`"))),
        };
        Ok(Term { label, rule })
    }

    fn use_field(&mut self, at: &Place<'_>, id: &str) -> Result<&Field, Error> {
        let field = self
            .dictionary
            .get(id)
            .ok_or_else(|| at.err(format!("field `{id}` is not in rubrics/fields.toml")))?;
        Ok(self
            .fields
            .entry(id.to_string())
            .or_insert_with(|| field.clone()))
    }

    fn numeric(&mut self, at: &Place<'_>, id: &str) -> Result<(), Error> {
        if self.use_field(at, id)?.kind.is_numeric() {
            Ok(())
        } else {
            Err(at.err(format!("`{id}` is a yes/no field, not a quantity")))
        }
    }

    fn quantity(&mut self, at: &Place<'_>, q: &QuantityFile) -> Result<Quantity, Error> {
        let shape = match q {
            QuantityFile::Field(f) => {
                self.numeric(at, f)?;
                return Ok(Quantity::Field(f.clone()));
            }
            QuantityFile::Shape(s) => s,
        };
        let mut list = |v: &Option<Vec<String>>, what: &str| -> Result<Vec<String>, Error> {
            let v = v.clone().unwrap_or_default();
            if v.is_empty() {
                return Err(at.err(format!("`{what}` lists no fields")));
            }
            for f in &v {
                self.numeric(at, f)?;
            }
            Ok(v)
        };
        let given = [
            shape.sum.is_some(),
            shape.percent.is_some(),
            shape.ratio.is_some(),
            shape.growth.is_some(),
            shape.difference.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(
                at.err("a quantity is exactly one of sum, percent, ratio, growth, difference")
            );
        }
        if shape.sum.is_some() {
            Ok(Quantity::Sum(list(&shape.sum, "sum")?))
        } else if shape.percent.is_some() {
            Ok(Quantity::Percent {
                numerator: list(&shape.percent, "percent")?,
                denominator: list(&shape.of, "of")?,
            })
        } else if shape.ratio.is_some() {
            Ok(Quantity::Ratio {
                numerator: list(&shape.ratio, "ratio")?,
                denominator: list(&shape.per, "per")?,
            })
        } else if let Some(current) = &shape.growth {
            let previous = shape
                .from
                .clone()
                .ok_or_else(|| at.err("a growth quantity needs `from`"))?;
            self.numeric(at, current)?;
            self.numeric(at, &previous)?;
            Ok(Quantity::Growth {
                current: current.clone(),
                previous,
            })
        } else {
            Ok(Quantity::Difference {
                plus: list(&shape.difference, "difference")?,
                minus: list(&shape.minus, "minus")?,
            })
        }
    }

    fn comparison(
        &mut self,
        at: &Place<'_>,
        c: &file::ComparisonFile,
    ) -> Result<Comparison, Error> {
        Ok(Comparison {
            quantity: self.quantity(at, &c.input)?,
            label: label(at, &c.label, &c.label_en)?,
            op: op(at, &c.op)?,
            value: at.dec("value", &c.value)?,
        })
    }

    fn figures(&mut self, at: &Place<'_>, list: &[file::FigureFile]) -> Result<Vec<Figure>, Error> {
        let mut out: Vec<Figure> = Vec::new();
        for f in list {
            if out.iter().any(|g| g.id == f.id) {
                return Err(at.err(format!("figure `{}` is defined twice", f.id)));
            }
            let target = match &f.target {
                Some(t) => Some((op(at, &t.op)?, at.dec("target", &t.value)?)),
                None => None,
            };
            out.push(Figure {
                id: f.id.clone(),
                label: Text::new(f.label.clone(), f.label_en.clone()),
                quantity: self.quantity(at, &f.input)?,
                target,
            });
        }
        Ok(out)
    }

    fn rows(
        &mut self,
        doc: &file::DocumentFile,
        groups: &[Group],
        method: Method,
    ) -> Result<Vec<Row>, Error> {
        if (method == Method::Form) == doc.rows.is_empty() {
            return Err(self
                .at
                .err("a form has rows and no items; a scored rubric has items and no rows"));
        }
        let mut rows: Vec<Row> = Vec::new();
        for r in &doc.rows {
            let at = self.at.at(format!("row {}", r.label));
            if !groups.iter().any(|g| g.id == r.group) {
                return Err(at.err(format!("group `{}` does not exist", r.group)));
            }
            if rows.iter().any(|q| q.field == r.field) {
                return Err(at.err(format!("field `{}` has two rows", r.field)));
            }
            at.non_empty("the row's label", &r.label)?;
            self.use_field(&at, &r.field)?;
            rows.push(Row {
                group: r.group.clone(),
                field: r.field.clone(),
                label: r.label.clone(),
                unit: r.unit.clone(),
            });
        }
        Ok(rows)
    }

    fn grades(&self, doc: &file::DocumentFile) -> Result<Vec<Grade>, Error> {
        let mut grades = Vec::new();
        for g in &doc.grades {
            let at = self.at.at(format!("grade {}", g.name));
            grades.push(Grade {
                name: Text::new(g.name.clone(), g.name_en.clone()),
                range: interval(&at, &g.from, &g.above, &g.below, &g.through)?,
            });
        }
        if !grades.is_empty() {
            let ranges: Vec<Interval> = grades.iter().map(|g| g.range).collect();
            check_contiguous(self.at, &ranges)?;
            let covers_all = ranges.first().is_some_and(|r| r.lower.is_none())
                && ranges.last().is_some_and(|r| r.upper.is_none());
            if !covers_all {
                return Err(self
                    .at
                    .err("grade bands must cover every total, from below to above"));
            }
        }
        Ok(grades)
    }

    fn vetoes(&mut self, doc: &file::DocumentFile) -> Result<Vec<Veto>, Error> {
        let mut vetoes: Vec<Veto> = Vec::new();
        for v in &doc.vetoes {
            let at = self.at.at(format!("veto {}", v.id));
            if vetoes.iter().any(|w| w.id == v.id) {
                return Err(at.err("veto id is used twice"));
            }
            at.non_empty("the veto's text", &v.text)?;
            let trigger = match (&v.flag, &v.when) {
                (Some(f), None) => {
                    if self.use_field(&at, f)?.kind != FieldKind::Bool {
                        return Err(at.err(format!("`{f}` is not a yes/no field")));
                    }
                    Trigger::Flag(f.clone())
                }
                (None, Some(c)) => Trigger::Compare(self.comparison(&at, c)?),
                _ => return Err(at.err("a veto has exactly one of `flag` or `when`")),
            };
            vetoes.push(Veto {
                id: v.id.clone(),
                text: Text::new(v.text.clone(), v.text_en.clone()),
                trigger,
                grade: v.grade.clone(),
                notes: v.notes.clone(),
            });
        }
        Ok(vetoes)
    }

    fn limits(&mut self, doc: &file::DocumentFile, grades: &[Grade]) -> Result<Vec<Limit>, Error> {
        let mut limits = Vec::new();
        for l in &doc.limits {
            let at = self.at.at(format!("limit {}", l.id));
            if self.use_field(&at, &l.flag)?.kind != FieldKind::Bool {
                return Err(at.err(format!("`{}` is not a yes/no field", l.flag)));
            }
            let grade_at_most = grades
                .iter()
                .position(|g| g.name.zh == l.grade_at_most)
                .ok_or_else(|| at.err(format!("grade `{}` does not exist", l.grade_at_most)))?;
            limits.push(Limit {
                id: l.id.clone(),
                text: Text::new(l.text.clone(), l.text_en.clone()),
                flag: l.flag.clone(),
                grade_at_most,
            });
        }
        Ok(limits)
    }
}

fn label(at: &Place<'_>, zh: &Option<String>, en: &Option<String>) -> Result<Option<Text>, Error> {
    match (zh, en) {
        (Some(zh), Some(en)) => Ok(Some(Text::new(zh.clone(), en.clone()))),
        (None, None) => Ok(None),
        _ => Err(at.err("give both label and label_en, or neither")),
    }
}

fn op(at: &Place<'_>, s: &str) -> Result<Op, Error> {
    Op::parse(s).ok_or_else(|| at.err(format!("unknown comparison `{s}`")))
}

fn interval(
    at: &Place<'_>,
    from: &Option<String>,
    above: &Option<String>,
    below: &Option<String>,
    through: &Option<String>,
) -> Result<Interval, Error> {
    let lower = match (from, above) {
        (Some(v), None) => Some(Bound {
            value: at.dec("from", v)?,
            inclusive: true,
        }),
        (None, Some(v)) => Some(Bound {
            value: at.dec("above", v)?,
            inclusive: false,
        }),
        (None, None) => None,
        _ => return Err(at.err("give `from` or `above`, not both")),
    };
    let upper = match (below, through) {
        (Some(v), None) => Some(Bound {
            value: at.dec("below", v)?,
            inclusive: false,
        }),
        (None, Some(v)) => Some(Bound {
            value: at.dec("through", v)?,
            inclusive: true,
        }),
        (None, None) => None,
        _ => return Err(at.err("give `below` or `through`, not both")),
    };
    if let (Some(l), Some(u)) = (lower, upper) {
        if l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive)) {
            return Err(at.err(format!(
                "the interval from {} to {} is empty",
                l.value, u.value
            )));
        }
    }
    Ok(Interval { lower, upper })
}

/// Consecutive intervals must meet exactly: each upper bound is the next lower bound, and
/// exactly one side includes the shared value. So there is no gap and no overlap.
fn check_contiguous(at: &Place<'_>, ranges: &[Interval]) -> Result<(), Error> {
    for pair in ranges.windows(2) {
        let [a, b] = pair else { continue };
        let (Some(up), Some(low)) = (a.upper, b.lower) else {
            return Err(at.err("only the last band may be open above, only the first open below"));
        };
        if up.value != low.value {
            return Err(at.err(format!(
                "bands leave a gap or overlap between {} and {}",
                fmt_dec(up.value),
                fmt_dec(low.value)
            )));
        }
        if up.inclusive == low.inclusive {
            return Err(at.err(format!(
                "the value {} must belong to exactly one band",
                fmt_dec(up.value)
            )));
        }
    }
    Ok(())
}

fn check_totals(
    at: &Place<'_>,
    groups: &[Group],
    items: &[Item],
    base_max: Decimal,
    bonus_max: Decimal,
) -> Result<(), Error> {
    for g in groups {
        let sum: Decimal = items
            .iter()
            .filter(|i| i.group == g.id)
            .map(|i| i.max)
            .sum();
        if items.is_empty() {
            continue;
        }
        if sum != g.max {
            return Err(at.err(format!(
                "group {} ({}) is worth {} but its items add up to {}",
                g.id,
                g.name.zh,
                fmt_dec(g.max),
                fmt_dec(sum)
            )));
        }
    }
    if items.is_empty() {
        return Ok(());
    }
    let base: Decimal = groups.iter().filter(|g| !g.bonus).map(|g| g.max).sum();
    let bonus: Decimal = groups.iter().filter(|g| g.bonus).map(|g| g.max).sum();
    if base != base_max {
        return Err(at.err(format!(
            "base groups add up to {} but base_max is {}",
            fmt_dec(base),
            fmt_dec(base_max)
        )));
    }
    if bonus != bonus_max {
        return Err(at.err(format!(
            "bonus groups add up to {} but bonus_max is {}",
            fmt_dec(bonus),
            fmt_dec(bonus_max)
        )));
    }
    Ok(())
}
