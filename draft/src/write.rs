//! The draft as a rubric file: the document's facts (or placeholders), one `[[rubrics]]`
//! per column of weights, the fields the rules read (the shared dictionary's where its name
//! is exactly the same, else the file's own), groups, items with their terms, and vetoes.
//! The draft is a tree of the file's values, rendered by the core's one rubric file writer
//! (`source::render`), so a draft is written as every rubric file is, keys in the same
//! order, and reads back to the same bytes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use spacescore_core::check::Library;
use spacescore_core::kinds::words::{slot_index, FieldDraft, Shape};
use spacescore_core::rubric::source::{render, term_keys, Val};
use spacescore_core::{FieldKind, Text};

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
    let mut doc_notes = vec![
        "本文件由 spacescore draft 从文件的表格起草，单元格文字原样引用（单元格内换行已连接）；计分规则按文字识别，须逐项核对。".to_string(),
    ];
    if percent {
        doc_notes.push("表中权重以百分比给出，按满分 100 分计为分值（5% 即 5 分）。".into());
    }
    doc_notes.extend(layout.notes.iter().map(|n| format!("{}。", n.zh)));

    // The document's facts.
    let title = facts
        .title
        .clone()
        .or_else(|| layout.title.clone())
        .unwrap_or_else(|| "评价表草稿".into());
    let mut placeholders: Vec<(String, String)> = Vec::new();
    let document = Val::Table(vec![
        pair("title", text(&title)),
        pair(
            "issuer",
            stated(
                "issuer",
                facts.issuer.as_deref(),
                ("发文单位", "the issuer"),
                &mut placeholders,
            ),
        ),
        pair(
            "year",
            stated(
                "year",
                facts.year.as_deref(),
                ("发布年份", "the year"),
                &mut placeholders,
            ),
        ),
        pair("period", text("待填写：评价周期")),
        pair(
            "section",
            text("待填写：表格所在部分（如“附件2 评价指标体系”）"),
        ),
    ]);
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
    let mut heads = Vec::new();
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
                let which = if width > 1 {
                    format!("Type {}", c + 1)
                } else {
                    "Maker space".into()
                };
                format!("{which} (to translate)")
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
        let mut head = vec![
            pair("id", text(rid)),
            pair("version", text(facts.version.as_deref().unwrap_or("1"))),
            pair("name", text(&name)),
            pair("name_en", text("Draft rubric (English name to be written)")),
            pair("region", text(&region)),
            pair("region_en", text(&region_en)),
            pair("space_type", text(&space_type)),
            pair("space_type_en", text(&space_type_en)),
            pair("method", text(if formula { "formula" } else { "weights" })),
            pair("base_max", Val::Dec(base)),
        ];
        if !bonus.is_zero() {
            head.push(pair("bonus_max", Val::Dec(bonus)));
        }
        heads.push(Val::Table(head));
    }

    // Fields of the file's own (the vetoes' questions among them), and the periods of
    // shared ones.
    let mut fields: Vec<(String, Val)> = own
        .iter()
        .map(|(fid, f)| (fid.clone(), field(fid, f)))
        .collect();
    for (k, (_, words, _)) in vetoes.iter().enumerate() {
        let question = words.trim_end_matches(['。', '.']);
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
        let fid = format!("veto_{}", k + 1);
        fields.push((fid.clone(), field(&fid, &f)));
    }
    let mut periods = Vec::new();
    for sid in uses.keys() {
        periods.push((
            sid.clone(),
            Val::Table(vec![
                pair("period", text("待填写：本文件统计此数的期间")),
                pair(
                    "period_en",
                    text("to fill in: the period this document counts it over"),
                ),
            ]),
        ));
        placeholders.push((
            format!("共用字段 {sid} 的统计期间（[uses.{sid}] period）"),
            format!("the period of the shared field {sid} ([uses.{sid}] period)"),
        ));
    }

    // Groups.
    let mut groups = Vec::new();
    for (g, group) in layout.groups.iter().enumerate() {
        let source = if group.source.is_empty() {
            "（表中未分组）"
        } else {
            &group.source
        };
        let values: Vec<Option<Decimal>> = (0..width)
            .map(|c| group_points(layout, &drafted, g, c))
            .collect();
        let mut t = vec![
            pair("id", text(&format!("group-{}", g + 1))),
            pair("name", text(&group.name)),
            pair("name_en", text(&format!("Group {} (to translate)", g + 1))),
            pair("source", text(source)),
            pair("max", per_rubric(&values, &ids)),
        ];
        if group.bonus {
            t.push(pair("bonus", Val::Bool(true)));
        }
        if group.stated.iter().all(Option::is_none) {
            t.push(pair(
                "notes",
                texts(&["表中未写本组分值，此为所属各指标分值之和。".to_string()]),
            ));
        }
        groups.push(Val::Table(t));
    }

    // Items.
    let mut reports = Vec::new();
    let mut items = Vec::new();
    for (item, d) in layout.items.iter().zip(drafted) {
        let label = item
            .number
            .clone()
            .unwrap_or_else(|| d.id.trim_start_matches("item-").to_string());
        let mut t = vec![
            pair("id", text(&d.id)),
            pair("group", text(&format!("group-{}", item.group + 1))),
            pair("name", text(&item.name)),
            pair("name_en", text(&format!("Item {label} (to translate)"))),
            pair(
                "source_text",
                text(item.explanation.as_deref().unwrap_or(&item.name_cell)),
            ),
            pair("max", per_rubric(&d.maxima, &ids)),
        ];
        let optional = [
            ("number", &item.number),
            ("rule_text", &item.rule),
            ("nature", &item.nature),
            ("evidence", &item.evidence),
        ];
        for (k, v) in optional {
            if let Some(v) = v {
                t.push(pair(k, text(v)));
            }
        }
        let terms: Vec<&spacescore_core::rubric::Term> =
            d.reading.parts.iter().flat_map(|p| &p.terms).collect();
        let mut policies: Vec<String> = Vec::new();
        for p in terms.iter().filter_map(|t| t.rule.policy()) {
            if !policies.iter().any(|q| q == p) {
                policies.push(p.to_string());
            }
        }
        let several = terms.len() > 1 || terms.iter().any(|t| t.cap.is_some());
        if several && !policies.iter().any(|q| q == "sum-then-cap") {
            policies.push("sum-then-cap".into());
        }
        if !policies.is_empty() {
            t.push(pair("policies", texts(&policies)));
        }
        let mut review = d.reading.review.clone();
        review.extend(d.review.iter().cloned());
        let mut item_notes = item.notes.clone();
        item_notes.extend(
            review
                .iter()
                .map(|r| format!("待核对：{}（needs review: {}）", r.zh, r.en)),
        );
        if !item_notes.is_empty() {
            t.push(pair("notes", texts(&item_notes)));
        }
        let mut written_terms = Vec::new();
        for (p, part) in d.reading.parts.iter().enumerate() {
            let ids_of = |s: usize| {
                d.reading
                    .slots
                    .get(p)
                    .and_then(|m| m.get(s))
                    .and_then(|at| d.ids.get(*at))
                    .cloned()
            };
            for term in &part.terms {
                let mut keys = Val::Table(term_keys(term));
                named(&mut keys, &ids_of);
                written_terms.push(keys);
            }
        }
        t.push(pair("terms", Val::List(written_terms)));
        items.push(Val::Table(t));
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

    let mut veto_list = Vec::new();
    for (k, (row, words, marks)) in vetoes.iter().enumerate() {
        let marks: String = marks.iter().map(|m| format!("“{m}”")).collect();
        veto_list.push(Val::Table(vec![
            pair("id", text(&format!("veto-{}", k + 1))),
            pair("text", text(words)),
            pair(
                "text_en",
                text("Veto (English to be written): see the Chinese text"),
            ),
            pair("flag", text(&format!("veto_{}", k + 1))),
            pair(
                "notes",
                texts(&[format!(
                    "表中第 {row} 行{marks}：一票否决，答“是”即否决，不论得分。"
                )]),
            ),
        ]));
    }

    let mut root = vec![
        pair("notes", texts(&doc_notes)),
        pair("document", document),
        pair("rubrics", Val::List(heads)),
        pair("groups", Val::List(groups)),
        pair("items", Val::List(items)),
    ];
    if !fields.is_empty() {
        root.push(pair("fields", Val::Table(fields)));
    }
    if !periods.is_empty() {
        root.push(pair("uses", Val::Table(periods)));
    }
    if !veto_list.is_empty() {
        root.push(pair("vetoes", Val::List(veto_list)));
    }
    let toml = format!("{HEADER}\n{}", render(&Val::Table(root)));
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
        toml,
        items: reports,
        notes,
    }
}

/// What a draft says first, as comments.
const HEADER: &str =
    "# 草稿：由 spacescore draft 从文件的表格起草。请逐项核对，标有“待核对”的指标尤其需要；
# 文件信息、英文名称与统计期间为占位文字，请据文件填写。
# Draft: written by spacescore draft from the document's table. Review every item, those
# marked “待核对 / needs review” first; the document's facts, English names and periods are
# placeholders to fill in from the document.
";

fn pair(k: &str, v: Val) -> (String, Val) {
    (k.to_string(), v)
}

fn text(s: &str) -> Val {
    Val::Text(s.to_string())
}

fn texts(list: &[String]) -> Val {
    Val::List(list.iter().map(|s| text(s)).collect())
}

/// A term's fields named: every slot (`@0`…) a hook named a field by becomes the field's
/// id. A drafted term holds no other text that could be taken for one.
fn named(v: &mut Val, id_of: &dyn Fn(usize) -> Option<String>) {
    match v {
        Val::Text(t) => {
            if let Some(id) = slot_index(t).and_then(id_of) {
                *t = id;
            }
        }
        Val::List(items) => items.iter_mut().for_each(|i| named(i, id_of)),
        Val::Table(pairs) => pairs.iter_mut().for_each(|(_, x)| named(x, id_of)),
        _ => {}
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
fn per_rubric(values: &[Option<Decimal>], ids: &[String]) -> Val {
    let same = values.windows(2).all(|p| p.first() == p.get(1));
    match values.first() {
        Some(Some(v)) if same => Val::Dec(*v),
        _ => Val::Table(
            ids.iter()
                .zip(values)
                .map(|(id, v)| (id.clone(), v.map_or_else(|| text("-"), Val::Dec)))
                .collect(),
        ),
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

/// `k` as given, or not stated with a note (a placeholder to fill in).
fn stated(
    k: &str,
    given: Option<&str>,
    (zh, en): (&str, &str),
    placeholders: &mut Vec<(String, String)>,
) -> Val {
    match given {
        Some(v) => text(v),
        None => {
            placeholders.push((format!("{zh}（{k}）"), format!("{en} ({k})")));
            Val::Table(vec![pair("not_stated", text(&format!("草稿：{zh}待填写")))])
        }
    }
}

/// A field of the file's own.
fn field(id: &str, f: &FieldDraft) -> Val {
    let kind = match f.shape {
        Shape::Count => "count",
        Shape::Amount => "amount",
        Shape::Percent => "percent",
        Shape::YesNo => "bool",
        Shape::OneOf(_) => "choice",
    };
    let mut t = vec![
        pair("name", text(&f.name)),
        pair("name_en", text(&format!("{id} (to translate)"))),
        pair("kind", text(kind)),
    ];
    if !f.unit.is_empty() {
        t.push(pair("unit", text(&f.unit)));
        if let Some(en) = unit_en(&f.unit) {
            t.push(pair("unit_en", text(en)));
        }
    }
    if f.given {
        t.push(pair("given", Val::Bool(true)));
    }
    if let Shape::OneOf(options) = &f.shape {
        let list = options
            .iter()
            .enumerate()
            .map(|(k, o)| {
                Val::Table(vec![
                    pair("id", text(&spacescore_core::kinds::words::option_id(k))),
                    pair("name", text(o)),
                    pair("name_en", text(&format!("Level {} (to translate)", k + 1))),
                ])
            })
            .collect();
        t.push(pair("options", Val::List(list)));
    }
    Val::Table(t)
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
