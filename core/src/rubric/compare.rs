//! What changed between two rubrics (two versions of one document, or two documents): items
//! added, removed, renumbered or moved, maxima, rules, fields, grades, vetoes, the totals.
//! Each change is a line in Chinese and English, so the list can be copied as text.

use super::source::{inline_text, term_keys};
use super::{Field, Item, Rubric};
use crate::text::{fmt_dec, Text};

/// One difference.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Where: the item's, group's or field's id, or empty for the rubric as a whole.
    pub at: String,
    /// What changed, in Chinese and English.
    pub text: Text,
}

fn change(at: &str, zh: String, en: String) -> Change {
    Change {
        at: at.to_string(),
        text: Text::new(zh, en),
    }
}

/// Every difference from `old` to `new`, rubric first, then groups, items and fields in
/// the new rubric's order (removed ones where they were), then grades and vetoes.
pub fn compare(old: &Rubric, new: &Rubric) -> Vec<Change> {
    let mut out = Vec::new();
    let mut line = |at: &str, zh: String, en: String| out.push(change(at, zh, en));
    let pairs = [
        ("评价表编号", "id", old.id(), new.id()),
        ("版本", "version", old.version(), new.version()),
        (
            "名称",
            "name",
            old.name().zh.as_str(),
            new.name().zh.as_str(),
        ),
        (
            "文件标题",
            "title",
            old.document().title.as_str(),
            new.document().title.as_str(),
        ),
        (
            "计分方式",
            "method",
            old.method().as_str(),
            new.method().as_str(),
        ),
    ];
    for (zh, en, a, b) in pairs {
        if a != b {
            line("", format!("{zh}：{a} → {b}"), format!("{en}: {a} → {b}"));
        }
    }
    let sums = [
        ("基础分满分", "base maximum", old.base_max(), new.base_max()),
        (
            "加分项合计",
            "bonus items' total",
            old.bonus_items_max(),
            new.bonus_items_max(),
        ),
        (
            "加分上限",
            "bonus counted at most",
            old.bonus_max(),
            new.bonus_max(),
        ),
    ];
    for (zh, en, a, b) in sums {
        if a != b {
            let (a, b) = (fmt_dec(a), fmt_dec(b));
            line("", format!("{zh}：{a} → {b}"), format!("{en}: {a} → {b}"));
        }
    }

    for g in new.groups() {
        match old.groups().iter().find(|o| o.id() == g.id()) {
            None => line(
                g.id(),
                format!(
                    "新增一级指标 {}「{}」（{} 分）",
                    g.id(),
                    g.name().zh,
                    fmt_dec(g.max())
                ),
                format!(
                    "group added: {} “{}” ({} points)",
                    g.id(),
                    g.name().en,
                    fmt_dec(g.max())
                ),
            ),
            Some(o) => {
                if o.max() != g.max() {
                    line(
                        g.id(),
                        format!(
                            "一级指标 {} 分值：{} → {}",
                            g.id(),
                            fmt_dec(o.max()),
                            fmt_dec(g.max())
                        ),
                        format!(
                            "group {} maximum: {} → {}",
                            g.id(),
                            fmt_dec(o.max()),
                            fmt_dec(g.max())
                        ),
                    );
                }
                if o.name() != g.name() {
                    line(
                        g.id(),
                        format!(
                            "一级指标 {} 名称：{} → {}",
                            g.id(),
                            o.name().zh,
                            g.name().zh
                        ),
                        format!("group {} name: {} → {}", g.id(), o.name().en, g.name().en),
                    );
                }
            }
        }
    }
    for o in old.groups() {
        if !new.groups().iter().any(|g| g.id() == o.id()) {
            line(
                o.id(),
                format!("删除一级指标 {}「{}」", o.id(), o.name().zh),
                format!("group removed: {} “{}”", o.id(), o.name().en),
            );
        }
    }

    for i in new.items() {
        match old.item(i.id()) {
            None => line(
                i.id(),
                format!(
                    "新增指标 {}「{}」（{} 分）",
                    number(i),
                    i.name().zh,
                    fmt_dec(i.max())
                ),
                format!(
                    "item added: {} “{}” ({} points)",
                    number(i),
                    i.name().en,
                    fmt_dec(i.max())
                ),
            ),
            Some(o) => items(o, i, &mut line),
        }
    }
    for o in old.items() {
        if new.item(o.id()).is_none() {
            line(
                o.id(),
                format!("删除指标 {}「{}」", number(o), o.name().zh),
                format!("item removed: {} “{}”", number(o), o.name().en),
            );
        }
    }

    for f in new.fields().values() {
        match old.field(f.id()) {
            None => line(
                f.id(),
                format!("新增字段 {}「{}」", f.id(), f.name().zh),
                format!("field added: {} “{}”", f.id(), f.name().en),
            ),
            Some(o) => fields(o, f, &mut line),
        }
    }
    for o in old.fields().values() {
        if new.field(o.id()).is_none() {
            line(
                o.id(),
                format!("删除字段 {}「{}」", o.id(), o.name().zh),
                format!("field removed: {} “{}”", o.id(), o.name().en),
            );
        }
    }

    let grades = |r: &Rubric| -> Vec<String> {
        r.grades()
            .iter()
            .map(|g| {
                let range = g.range();
                let lo = range.lower.map(|b| fmt_dec(b.value)).unwrap_or_default();
                let hi = range.upper.map(|b| fmt_dec(b.value)).unwrap_or_default();
                format!("{} {lo}–{hi}", g.name().zh)
            })
            .collect()
    };
    let (a, b) = (grades(old), grades(new));
    if a != b {
        let (a, b) = (a.join("、"), b.join("、"));
        line("", format!("等级：{a} → {b}"), format!("grades: {a} → {b}"));
    }
    for v in new.vetoes() {
        match old.vetoes().iter().find(|o| o.id() == v.id()) {
            None => line(
                v.id(),
                format!("新增一票否决：{}", v.text().zh),
                format!("veto added: {}", v.text().en),
            ),
            Some(o) if o.text() != v.text() || o.trigger() != v.trigger() => line(
                v.id(),
                format!("一票否决 {} 改为：{}", v.id(), v.text().zh),
                format!("veto {} now reads: {}", v.id(), v.text().en),
            ),
            Some(_) => {}
        }
    }
    for o in old.vetoes() {
        if !new.vetoes().iter().any(|v| v.id() == o.id()) {
            line(
                o.id(),
                format!("删除一票否决：{}", o.text().zh),
                format!("veto removed: {}", o.text().en),
            );
        }
    }
    if old.consistency() != new.consistency() {
        line(
            "",
            format!(
                "一致性规则：{} 条 → {} 条",
                old.consistency().len(),
                new.consistency().len()
            ),
            format!(
                "consistency rules: {} → {}",
                old.consistency().len(),
                new.consistency().len()
            ),
        );
    }
    out
}

/// An item's number as the document gives it, or its id.
fn number(i: &Item) -> String {
    i.number()
        .map_or_else(|| i.id().to_string(), |n| format!("{n}（{}）", i.id()))
}

fn items(o: &Item, i: &Item, line: &mut impl FnMut(&str, String, String)) {
    let id = i.id();
    if o.number() != i.number() {
        let (a, b) = (o.number().unwrap_or("—"), i.number().unwrap_or("—"));
        line(
            id,
            format!("指标 {id} 序号：{a} → {b}"),
            format!("item {id} renumbered: {a} → {b}"),
        );
    }
    if o.group() != i.group() {
        line(
            id,
            format!("指标 {id} 移到一级指标 {}（原 {}）", i.group(), o.group()),
            format!("item {id} moved to group {} (was {})", i.group(), o.group()),
        );
    }
    if o.max() != i.max() {
        let (a, b) = (fmt_dec(o.max()), fmt_dec(i.max()));
        line(
            id,
            format!("指标 {id} 分值：{a} → {b}"),
            format!("item {id} maximum: {a} → {b}"),
        );
    }
    if o.name() != i.name() {
        line(
            id,
            format!("指标 {id} 名称：{} → {}", o.name().zh, i.name().zh),
            format!("item {id} name: {} → {}", o.name().en, i.name().en),
        );
    }
    if o.source_text() != i.source_text() || o.rule_text() != i.rule_text() {
        line(
            id,
            format!("指标 {id} 原文有改动"),
            format!("item {id}: the document's text changed"),
        );
    }
    let rule = |x: &Item| -> Vec<String> {
        x.terms()
            .iter()
            .map(|t| inline_text(&super::source::Val::Table(term_keys(t))))
            .collect()
    };
    let (a, b) = (rule(o), rule(i));
    if a != b {
        let (a, b) = (a.join("；"), b.join("；"));
        line(
            id,
            format!("指标 {id} 计分规则：{a} → {b}"),
            format!("item {id} rule: {a} → {b}"),
        );
    }
}

fn fields(o: &Field, f: &Field, line: &mut impl FnMut(&str, String, String)) {
    let id = f.id();
    if o.name() != f.name() {
        line(
            id,
            format!("字段 {id} 名称：{} → {}", o.name().zh, f.name().zh),
            format!("field {id} name: {} → {}", o.name().en, f.name().en),
        );
    }
    if o.unit() != f.unit() || o.kind() != f.kind() {
        line(
            id,
            format!(
                "字段 {id} 类型或单位：{} {} → {} {}",
                o.kind().as_str(),
                o.unit().zh,
                f.kind().as_str(),
                f.unit().zh
            ),
            format!(
                "field {id} kind or unit: {} {} → {} {}",
                o.kind().as_str(),
                o.unit().en,
                f.kind().as_str(),
                f.unit().en
            ),
        );
    }
    if o.period() != f.period() || o.given() != f.given() || o.max() != f.max() {
        line(
            id,
            format!("字段 {id} 的期间、上限或“给定”有改动"),
            format!("field {id}: period, maximum or “given” changed"),
        );
    }
}
