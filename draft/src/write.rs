//! The draft as a rubric file: the document's facts (or placeholders), one `[[rubrics]]`
//! per column of weights, the fields the rules read (the shared dictionary's where its name
//! is exactly the same, else the file's own), groups, items with their terms, and vetoes.
//! Terms are written by the core's rubric file writer, so a draft writes them as every
//! rubric file does.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use spacescore_core::check::Library;
use spacescore_core::kinds::words::{slot, FieldDraft, Shape};
use spacescore_core::rubric::source::{term_lines, toml_key, toml_string};
use spacescore_core::{fmt_dec, FieldKind, Text};

use crate::layout::{Layout, Weight};
use crate::rules::{self, Reading};
use crate::{Facts, ItemReport};

/// What was written.
pub(crate) struct Written {
    pub(crate) toml: String,
    pub(crate) items: Vec<ItemReport>,
    pub(crate) notes: Vec<Text>,
}

/// One item, drafted.
struct Drafted {
    id: String,
    maxima: Vec<Option<Decimal>>,
    reading: Reading,
    /// The id of each of the reading's fields.
    ids: Vec<String>,
    review: Vec<Text>,
}

/// The rubric file of `layout`.
pub(crate) fn write(layout: &Layout, facts: &Facts, library: &Library) -> Written {
    let mut notes: Vec<Text> = layout.notes.clone();
    let types: Vec<Option<String>> = if layout.columns.is_empty() {
        vec![None]
    } else {
        layout.columns.iter().map(|c| c.1.clone()).collect()
    };
    let width = types.len();
    let percent = layout
        .items
        .iter()
        .flat_map(|i| &i.weights)
        .chain(layout.groups.iter().flat_map(|g| g.stated.iter().flatten()))
        .any(|w| matches!(w, Weight::Percent(_)));
    if percent {
        notes.push(Text::new(
            "权重以百分比给出，按满分 100 分计为分值（5% 即 5 分）",
            "weights are given as percentages, read as points out of 100 (5% is 5 points)",
        ));
    }

    // Items: their maxima, rules and fields.
    let mut own: Vec<(String, FieldDraft)> = Vec::new();
    let mut uses: BTreeMap<String, ()> = BTreeMap::new();
    let mut drafted: Vec<Drafted> = Vec::new();
    for (k, item) in layout.items.iter().enumerate() {
        let id = format!("item-{}", k + 1);
        let mut review = Vec::new();
        let mut maxima: Vec<Option<Decimal>> = (0..width)
            .map(|c| match item.weights.get(c) {
                Some(Weight::NotApplicable) => None,
                Some(w) => Some(w.points().unwrap_or(Decimal::ZERO)),
                None => Some(Decimal::ZERO),
            })
            .collect();
        let reading = rules::read(item.rule.as_deref(), &item.name, &maxima, &types);
        if layout.columns.is_empty() {
            let from_terms = reading
                .parts
                .iter()
                .flat_map(|p| &p.terms)
                .map(spacescore_core::rubric::Term::ceiling)
                .sum::<Option<Decimal>>();
            maxima = vec![Some(
                reading.stated_max.or(from_terms).unwrap_or(Decimal::ZERO),
            )];
        }
        if maxima.iter().flatten().any(|m| m.is_zero()) {
            review.push(Text::new(
                "表中没有本项的分值：请填写 max",
                "the table gives this item no points: fill in `max`",
            ));
        }
        let mut ids = Vec::new();
        for (f, field) in reading.fields.iter().enumerate() {
            match shared(library, field) {
                Some(sid) => {
                    if library.periodic().contains(&sid) {
                        uses.insert(sid.clone(), ());
                    }
                    ids.push(sid);
                }
                None => {
                    let fid = format!("f{}_{}", k + 1, f + 1);
                    own.push((fid.clone(), field.clone()));
                    ids.push(fid);
                }
            }
        }
        drafted.push(Drafted {
            id,
            maxima,
            reading,
            ids,
            review,
        });
    }

    // Vetoes: rows that say 一票否决, and words of rules that do.
    let mut vetoes: Vec<(usize, String, Vec<String>)> = layout
        .vetoes
        .iter()
        .map(|v| (v.row, v.text.clone(), v.marks.clone()))
        .collect();
    for (item, d) in layout.items.iter().zip(&drafted) {
        vetoes.extend(
            d.reading
                .vetoes
                .iter()
                .map(|t| (item.row, t.clone(), Vec::new())),
        );
    }

    let ids: Vec<String> = rubric_ids(facts, width);
    match facts.id.as_deref() {
        Some(given) if !ids.iter().any(|i| i.starts_with(given)) => notes.push(Text::new(
            format!(
                "编号“{}”不合规（应为“地区/类型”，小写英文字母、数字和 -），草稿用 {}",
                spacescore_core::text::quote_short(given),
                ids.join("、")
            ),
            format!(
                "the id “{}” is not a rubric id (region/type, in lowercase ascii letters, digits and -); the draft uses {}",
                spacescore_core::text::quote_short(given),
                ids.join(", ")
            ),
        )),
        None => notes.push(Text::new(
            format!("编号为占位的 {}，请改为“地区/类型”", ids.join("、")),
            format!("the id is the placeholder {}: give it one of region/type", ids.join(", ")),
        )),
        _ => {}
    }
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# 草稿：由 spacescore draft 从文件的表格起草。请逐项核对，标有“待核对”的指标尤其需要；"
    );
    let _ = writeln!(
        w,
        "# 文件信息、英文名称与统计期间为占位文字，请据文件填写。"
    );
    let _ = writeln!(
        w,
        "# Draft: written by spacescore draft from the document's table. Review every item, those"
    );
    let _ = writeln!(w, "# marked “待核对 / needs review” first; the document's facts, English names and periods are");
    let _ = writeln!(w, "# placeholders to fill in from the document.");
    w.push('\n');
    let mut doc_notes = vec![
        "本文件由 spacescore draft 从文件的表格起草，单元格文字原样引用（单元格内换行已连接）；计分规则按文字识别，须逐项核对。".to_string(),
    ];
    if percent {
        doc_notes.push("表中权重以百分比给出，按满分 100 分计为分值（5% 即 5 分）。".into());
    }
    doc_notes.extend(layout.notes.iter().map(|n| format!("{}。", n.zh)));
    strings(&mut w, "notes", &doc_notes);

    // The document's facts.
    let title = facts
        .title
        .clone()
        .or_else(|| layout.title.clone())
        .unwrap_or_else(|| "评价表草稿".into());
    let mut placeholders: Vec<(String, String)> = Vec::new();
    w.push_str("\n[document]\n");
    pair(&mut w, "title", &toml_string(&title));
    stated(
        &mut w,
        "issuer",
        facts.issuer.as_deref(),
        ("发文单位", "the issuer"),
        &mut placeholders,
    );
    stated(
        &mut w,
        "year",
        facts.year.as_deref(),
        ("发布年份", "the year"),
        &mut placeholders,
    );
    pair(&mut w, "period", &toml_string("待填写：评价周期"));
    pair(
        &mut w,
        "section",
        &toml_string("待填写：表格所在部分（如“附件2 评价指标体系”）"),
    );
    placeholders.push((
        "评价周期（period）".into(),
        "the evaluation period (period)".into(),
    ));
    placeholders.push((
        "表格所在部分（section）".into(),
        "the part of the document (section)".into(),
    ));

    let region = facts.region.clone().unwrap_or_else(|| {
        placeholders.push(("地区（region）".into(), "the region (region)".into()));
        "待填写地区".into()
    });
    let region_en = facts
        .region_en
        .clone()
        .unwrap_or_else(|| "Region (to fill in)".into());
    for (c, rid) in ids.iter().enumerate() {
        let space = types.get(c).cloned().flatten();
        let space_type = space
            .clone()
            .or_else(|| facts.space_type.clone())
            .unwrap_or_else(|| "众创空间".into());
        let space_type_en = facts
            .space_type_en
            .clone()
            .filter(|_| space.is_none())
            .unwrap_or_else(|| {
                format!(
                    "{} (to translate)",
                    if width > 1 {
                        format!("Type {}", c + 1)
                    } else {
                        "Maker space".into()
                    }
                )
            });
        let name = match (&space, width > 1) {
            (Some(s), true) => format!("{title}（{s}）"),
            _ => title.clone(),
        };
        let applies = |d: &Drafted| d.maxima.get(c).copied().flatten();
        let formula = drafted.iter().any(|d| {
            applies(d).is_some()
                && !d
                    .reading
                    .parts
                    .iter()
                    .flat_map(|p| &p.terms)
                    .all(|t| t.rule.kind() == "self")
        });
        w.push_str("\n[[rubrics]]\n");
        pair(&mut w, "id", &toml_string(rid));
        pair(
            &mut w,
            "version",
            &toml_string(facts.version.as_deref().unwrap_or("1")),
        );
        pair(&mut w, "name", &toml_string(&name));
        pair(
            &mut w,
            "name_en",
            &toml_string("Draft rubric (English name to be written)"),
        );
        pair(&mut w, "region", &toml_string(&region));
        pair(&mut w, "region_en", &toml_string(&region_en));
        pair(&mut w, "space_type", &toml_string(&space_type));
        pair(&mut w, "space_type_en", &toml_string(&space_type_en));
        pair(
            &mut w,
            "method",
            &toml_string(if formula { "formula" } else { "weights" }),
        );
        let group_max = |g: usize, bonus: bool| {
            layout
                .groups
                .get(g)
                .filter(|gr| gr.bonus == bonus)
                .and_then(|_| group_points(layout, &drafted, g, c))
        };
        let base: Decimal = (0..layout.groups.len())
            .filter_map(|g| group_max(g, false))
            .sum();
        let bonus: Decimal = (0..layout.groups.len())
            .filter_map(|g| group_max(g, true))
            .sum();
        pair(&mut w, "base_max", &toml_string(&fmt_dec(base)));
        if !bonus.is_zero() {
            pair(&mut w, "bonus_max", &toml_string(&fmt_dec(bonus)));
        }
    }

    // Fields of the file's own, and the periods of shared ones.
    for (fid, f) in &own {
        field(&mut w, fid, f);
    }
    for (k, (_, text, _)) in vetoes.iter().enumerate() {
        let question = text.trim_end_matches(['。', '.']);
        let name = if question.starts_with("是否") {
            question.to_string()
        } else {
            format!("是否存在：{question}")
        };
        let f = FieldDraft {
            name,
            unit: String::new(),
            shape: Shape::YesNo,
            given: false,
        };
        field(&mut w, &format!("veto_{}", k + 1), &f);
    }
    for sid in uses.keys() {
        let _ = writeln!(w, "\n[uses.{}]", toml_key(sid));
        pair(
            &mut w,
            "period",
            &toml_string("待填写：本文件统计此数的期间"),
        );
        pair(
            &mut w,
            "period_en",
            &toml_string("to fill in: the period this document counts it over"),
        );
        placeholders.push((
            format!("共用字段 {sid} 的统计期间（[uses.{sid}] period）"),
            format!("the period of the shared field {sid} ([uses.{sid}] period)"),
        ));
    }

    // Groups.
    for (g, group) in layout.groups.iter().enumerate() {
        w.push_str("\n[[groups]]\n");
        pair(&mut w, "id", &toml_string(&format!("group-{}", g + 1)));
        pair(&mut w, "name", &toml_string(&group.name));
        pair(
            &mut w,
            "name_en",
            &toml_string(&format!("Group {} (to translate)", g + 1)),
        );
        let source = if group.source.is_empty() {
            "（表中未分组）"
        } else {
            &group.source
        };
        pair(&mut w, "source", &toml_string(source));
        let values: Vec<Option<Decimal>> = (0..width)
            .map(|c| group_points(layout, &drafted, g, c))
            .collect();
        pair(&mut w, "max", &per_rubric(&values, &ids));
        if group.bonus {
            w.push_str("bonus = true\n");
        }
        if group.stated.iter().all(Option::is_none) {
            strings(
                &mut w,
                "notes",
                &["表中未写本组分值，此为所属各指标分值之和。".to_string()],
            );
        }
    }

    // Items.
    let mut reports = Vec::new();
    for (item, d) in layout.items.iter().zip(drafted) {
        w.push_str("\n[[items]]\n");
        pair(&mut w, "id", &toml_string(&d.id));
        pair(
            &mut w,
            "group",
            &toml_string(&format!("group-{}", item.group + 1)),
        );
        if let Some(n) = &item.number {
            pair(&mut w, "number", &toml_string(n));
        }
        pair(&mut w, "name", &toml_string(&item.name));
        let label = item
            .number
            .clone()
            .unwrap_or_else(|| d.id.trim_start_matches("item-").to_string());
        pair(
            &mut w,
            "name_en",
            &toml_string(&format!("Item {label} (to translate)")),
        );
        let source = item.explanation.as_deref().unwrap_or(&item.name_cell);
        pair(&mut w, "source_text", &toml_string(source));
        if let Some(r) = &item.rule {
            pair(&mut w, "rule_text", &toml_string(r));
        }
        if let Some(n) = &item.nature {
            pair(&mut w, "nature", &toml_string(n));
        }
        if let Some(e) = &item.evidence {
            pair(&mut w, "evidence", &toml_string(e));
        }
        pair(&mut w, "max", &per_rubric(&d.maxima, &ids));
        let terms: Vec<&spacescore_core::rubric::Term> =
            d.reading.parts.iter().flat_map(|p| &p.terms).collect();
        let mut policies: Vec<&str> = Vec::new();
        for t in &terms {
            if let Some(p) = t.rule.policy() {
                if !policies.contains(&p) {
                    policies.push(p);
                }
            }
        }
        if (terms.len() > 1 || terms.iter().any(|t| t.cap.is_some()))
            && !policies.contains(&"sum-then-cap")
        {
            policies.push("sum-then-cap");
        }
        let policies: Vec<String> = policies.into_iter().map(String::from).collect();
        strings(&mut w, "policies", &policies);
        let mut review = d.reading.review.clone();
        review.extend(d.review.iter().cloned());
        let mut item_notes = item.notes.clone();
        item_notes.extend(
            review
                .iter()
                .map(|r| format!("待核对：{}（needs review: {}）", r.zh, r.en)),
        );
        if !item_notes.is_empty() {
            strings(&mut w, "notes", &item_notes);
        }
        for (p, part) in d.reading.parts.iter().enumerate() {
            for term in &part.terms {
                let mut lines = term_lines(term);
                for (s, at) in d.reading.slots.get(p).into_iter().flatten().enumerate() {
                    if let Some(fid) = d.ids.get(*at) {
                        lines = lines.replace(&toml_string(&slot(s)), &toml_string(fid));
                    }
                }
                w.push_str("\n[[items.terms]]\n");
                w.push_str(&lines);
            }
        }
        reports.push(ItemReport {
            id: d.id.clone(),
            row: item.row,
            number: item.number.clone(),
            name: item.name.clone(),
            recognised: d.reading.recognised.clone(),
            review,
            self_assessed: terms.iter().all(|t| t.rule.kind() == "self"),
        });
    }

    for (k, (row, text, marks)) in vetoes.iter().enumerate() {
        w.push_str("\n[[vetoes]]\n");
        pair(&mut w, "id", &toml_string(&format!("veto-{}", k + 1)));
        pair(&mut w, "text", &toml_string(text));
        pair(
            &mut w,
            "text_en",
            &toml_string("Veto (English to be written): see the Chinese text"),
        );
        pair(&mut w, "flag", &toml_string(&format!("veto_{}", k + 1)));
        let marks: String = marks.iter().map(|m| format!("“{m}”")).collect();
        strings(
            &mut w,
            "notes",
            &[format!(
                "表中第 {row} 行{marks}：一票否决，答“是”即否决，不论得分。"
            )],
        );
    }

    if !placeholders.is_empty() {
        let (zh, en): (Vec<String>, Vec<String>) = placeholders.into_iter().unzip();
        notes.push(Text::new(
            format!(
                "待填写（草稿中为占位文字）：{}，以及各英文名称",
                zh.join("、")
            ),
            format!(
                "to fill in (placeholders in the draft): {}, and the English names",
                en.join(", ")
            ),
        ));
    }
    Written {
        toml: w,
        items: reports,
        notes,
    }
}

/// A group's points in column `c`: as the table states them, else its items' sum; none
/// where none of its items applies.
fn group_points(layout: &Layout, items: &[Drafted], g: usize, c: usize) -> Option<Decimal> {
    let stated = layout
        .groups
        .get(g)
        .and_then(|gr| gr.stated.get(c).cloned().flatten())
        .and_then(|w| w.points());
    let mine: Vec<Decimal> = layout
        .items
        .iter()
        .zip(items)
        .filter(|(i, _)| i.group == g)
        .filter_map(|(_, d)| d.maxima.get(c).copied().flatten())
        .collect();
    match stated {
        Some(s) => Some(s),
        None if mine.is_empty() => None,
        None => Some(mine.into_iter().sum()),
    }
}

/// The rubrics' ids: the one given (or a placeholder), numbered where the table has
/// several columns of weights.
fn rubric_ids(facts: &Facts, width: usize) -> Vec<String> {
    let id = facts
        .id
        .clone()
        .filter(|i| spacescore_core::check::is_rubric_id(i))
        .unwrap_or_else(|| "draft/table".into());
    if width <= 1 {
        return vec![id];
    }
    (1..=width).map(|k| format!("{id}-{k}")).collect()
}

/// A value per rubric: one, or a table by id (`"-"` where it does not apply).
fn per_rubric(values: &[Option<Decimal>], ids: &[String]) -> String {
    let same = values.windows(2).all(|p| p.first() == p.get(1));
    match values.first() {
        Some(Some(v)) if same => toml_string(&fmt_dec(*v)),
        _ => {
            let parts: Vec<String> = ids
                .iter()
                .zip(values)
                .map(|(id, v)| {
                    let v = v.map_or_else(|| "-".to_string(), fmt_dec);
                    format!("{} = {}", toml_key(id), toml_string(&v))
                })
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// The shared field of exactly this name, holding the same (kind and unit).
fn shared(library: &Library, f: &FieldDraft) -> Option<String> {
    library.fields().iter().find_map(|(id, s)| {
        let same_kind = match (&f.shape, s.kind()) {
            // A count's unit is a measure word (个, 家): the name says what is counted.
            (Shape::Count, FieldKind::Count) => true,
            // An amount's unit is what it means (元 or 万元).
            (Shape::Amount, FieldKind::Amount) => s.unit().zh == f.unit,
            (Shape::Percent, FieldKind::Percent) | (Shape::YesNo, FieldKind::Bool) => true,
            _ => false,
        };
        (s.name().zh == f.name && same_kind).then(|| id.clone())
    })
}

fn pair(w: &mut String, k: &str, v: &str) {
    let _ = writeln!(w, "{} = {v}", toml_key(k));
}

fn strings(w: &mut String, k: &str, list: &[String]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(w, "{} = [", toml_key(k));
    for s in list {
        let _ = writeln!(w, "  {},", toml_string(s));
    }
    w.push_str("]\n");
}

/// `k` as given, or not stated with a note (a placeholder to fill in).
fn stated(
    w: &mut String,
    k: &str,
    given: Option<&str>,
    (zh, en): (&str, &str),
    placeholders: &mut Vec<(String, String)>,
) {
    match given {
        Some(v) => pair(w, k, &toml_string(v)),
        None => {
            let note = format!("草稿：{zh}待填写");
            pair(w, k, &format!("{{ not_stated = {} }}", toml_string(&note)));
            placeholders.push((format!("{zh}（{k}）"), format!("{en} ({k})")));
        }
    }
}

/// A field of the file's own.
fn field(w: &mut String, id: &str, f: &FieldDraft) {
    let _ = writeln!(w, "\n[fields.{}]", toml_key(id));
    pair(w, "name", &toml_string(&f.name));
    pair(w, "name_en", &toml_string(&format!("{id} (to translate)")));
    let kind = match f.shape {
        Shape::Count => "count",
        Shape::Amount => "amount",
        Shape::Percent => "percent",
        Shape::YesNo => "bool",
        Shape::OneOf(_) => "choice",
    };
    pair(w, "kind", &toml_string(kind));
    if !f.unit.is_empty() {
        pair(w, "unit", &toml_string(&f.unit));
        if let Some(en) = unit_en(&f.unit) {
            pair(w, "unit_en", &toml_string(en));
        }
    }
    if f.given {
        w.push_str("given = true\n");
    }
    if let Shape::OneOf(options) = &f.shape {
        let _ = writeln!(w, "options = [");
        for (k, o) in options.iter().enumerate() {
            let _ = writeln!(
                w,
                "  {{ id = {}, name = {}, name_en = {} }},",
                toml_string(&spacescore_core::kinds::words::option_id(k)),
                toml_string(o),
                toml_string(&format!("Level {} (to translate)", k + 1))
            );
        }
        w.push_str("]\n");
    }
}

/// A unit in English, where it has one.
fn unit_en(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "平方米" => "m²",
        "万元" => "10k CNY",
        "亿元" => "100m CNY",
        "千元" => "1k CNY",
        "元" => "CNY",
        "人" | "位" | "名" => "people",
        "人次" => "attendances",
        "场" | "场次" => "sessions",
        "次" => "times",
        "项" | "件" => "items",
        "家" => "organisations",
        "类" => "categories",
        "种" => "kinds",
        "篇" => "articles",
        _ => return None,
    })
}
