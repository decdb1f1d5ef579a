//! Worked examples a rubric file carries (`[[cases]]`, in the worked-example format of
//! `tests/examples/`): figures and what the document says they score, entered by hand. The
//! checker scores each one under the rubric it names and reports every difference as a
//! problem, so a file whose rules do not give what its own examples say does not check.

use super::file::*;
use crate::input::{Inputs, Value};
use crate::score::score;

/// One worked example as read.
pub(super) struct CaseDraft {
    /// The rubric it is for, where the file defines several.
    rubric: Option<String>,
    inputs: Inputs,
    /// Item id to its expected score (`None`: the item shows no score).
    items: Vec<(String, Option<Decimal>)>,
    capped: Vec<String>,
    base: Option<Option<Decimal>>,
    bonus: Option<Option<Decimal>>,
    total: Option<Option<Decimal>>,
    grade: Option<Option<String>>,
    vetoed: Option<bool>,
    span: Range<usize>,
    ctx: Ctx,
}

/// A decimal or `"none"`.
fn expected(
    c: &mut Checking<'_, '_>,
    t: &Table<'_, '_>,
    key: &str,
) -> Option<Option<Option<Decimal>>> {
    let Some(n) = t.node(key) else {
        return Some(None);
    };
    if let toml::de::DeValue::String(s) = n.value {
        if s.trim() == "none" {
            return Some(Some(None));
        }
    }
    n.decimal(c.sink).map(|d| Some(Some(d)))
}

impl Checking<'_, '_> {
    /// Reads the file's `[[cases]]`.
    pub(super) fn cases(&mut self, root: &Table<'_, '_>) -> Vec<CaseDraft> {
        let mut out = Vec::new();
        for (k, t) in root.tables(self.sink, "cases").into_iter().enumerate() {
            let t = t.within(Ctx::default().child(
                format!("第 {} 个工作示例", k + 1),
                format!("worked example {}", k + 1),
            ));
            t.only(
                self.sink,
                &["name", "clause", "rubric", "inputs", "expect"],
                tx("工作示例（[[cases]]）", "a worked example ([[cases]])"),
            );
            let name = t.text(self.sink, "name").unwrap_or_default();
            let _ = t.text(self.sink, "clause");
            let ctx = Ctx::default().child(
                format!("工作示例“{}”", quote_short(&name)),
                format!("worked example “{}”", quote_short(&name)),
            );
            let t = t.within(ctx.clone());
            let rubric = t.opt_text(self.sink, "rubric");
            let mut inputs = Inputs::new();
            for (field, _, node) in t.entries(self.sink, "inputs") {
                let value = match node.value {
                    toml::de::DeValue::Boolean(b) => Value::Bool(*b),
                    toml::de::DeValue::Array(_) => match node.strings(self.sink) {
                        Some(list) => Value::List(list),
                        None => continue,
                    },
                    _ => match node.text(self.sink) {
                        Some(s) => Value::Text(s),
                        None => continue,
                    },
                };
                inputs.insert(field, value);
            }
            let Some(e) = t.need(self.sink, "expect").and_then(|n| n.table(self.sink)) else {
                continue;
            };
            e.only(
                self.sink,
                &[
                    "items", "capped", "base", "bonus", "total", "grade", "vetoed",
                ],
                tx("工作示例的 expect", "a worked example's expect"),
            );
            let mut items = Vec::new();
            for (item, _, node) in e.entries(self.sink, "items") {
                let v = match node.value {
                    toml::de::DeValue::String(s) if s.trim() == "none" => None,
                    _ => match node.decimal(self.sink) {
                        Some(d) => Some(d),
                        None => continue,
                    },
                };
                items.push((item, v));
            }
            let grade = e.node("grade").and_then(|n| n.text(self.sink)).map(|g| {
                if g == "none" {
                    None
                } else {
                    Some(g)
                }
            });
            let vetoed = e.node("vetoed").and_then(|n| n.boolean(self.sink));
            let (Some(base), Some(bonus), Some(total)) = (
                expected(self, &e, "base"),
                expected(self, &e, "bonus"),
                expected(self, &e, "total"),
            ) else {
                continue;
            };
            out.push(CaseDraft {
                rubric,
                inputs,
                items,
                capped: e.strings(self.sink, "capped"),
                base,
                bonus,
                total,
                grade,
                vetoed,
                span: t.span.clone(),
                ctx,
            });
        }
        out
    }

    /// Scores each worked example under its rubric and reports every difference from what
    /// it says.
    pub(super) fn run_cases(&mut self, cases: &[CaseDraft], rubrics: &[Rubric]) {
        for case in cases {
            let rubric = match (&case.rubric, rubrics) {
                (Some(id), _) => rubrics.iter().find(|r| r.id() == id),
                (None, [one]) => Some(one),
                (None, _) => {
                    self.report(
                        &case.span,
                        &case.ctx,
                        tx(
                            "本文件定义了几个评价表：请用 rubric = \"…\" 写明示例属于哪一个",
                            "this file defines several rubrics: say which the example is for with rubric = \"…\"",
                        ),
                    );
                    continue;
                }
            };
            let Some(rubric) = rubric else {
                self.report(
                    &case.span,
                    &case.ctx,
                    tx(
                        "示例所写的评价表不在本文件中",
                        "the example names a rubric this file does not define",
                    ),
                );
                continue;
            };
            for f in case.inputs.keys() {
                if rubric.field(f).is_none() {
                    self.report(
                        &case.span,
                        &case.ctx,
                        tx(
                            format!("示例填写的字段 `{}` 不是本评价表读取的字段", quote_short(f)),
                            format!(
                                "the example fills `{}`, which the rubric does not read",
                                quote_short(f)
                            ),
                        ),
                    );
                }
            }
            let report = score(rubric, &case.inputs);
            let shown = |d: Option<Decimal>| d.map_or_else(|| "—".to_string(), fmt_dec);
            let mut differ = |zh: String, en: String| {
                self.sink.report(Some(&case.span), &case.ctx, tx(zh, en));
            };
            for (id, want) in &case.items {
                match report.item(id) {
                    None => differ(
                        format!("没有编号为 `{}` 的指标", quote_short(id)),
                        format!("there is no item `{}`", quote_short(id)),
                    ),
                    Some(item) if item.score != *want => differ(
                        format!(
                            "指标 {id} 按本文件的规则得 {} 分，示例写的是 {} 分",
                            shown(item.score),
                            shown(*want)
                        ),
                        format!(
                            "item {id} scores {} under this file's rules; the example says {}",
                            shown(item.score),
                            shown(*want)
                        ),
                    ),
                    Some(item) if item.capped != case.capped.contains(id) => differ(
                        format!(
                            "指标 {id} {}按本项上限封顶，与示例不符",
                            if item.capped { "" } else { "没有" }
                        ),
                        format!(
                            "item {id} is {}capped at its maximum, unlike the example",
                            if item.capped { "" } else { "not " }
                        ),
                    ),
                    Some(_) => {}
                }
            }
            let sums = [
                ("基础得分", "the base score", case.base, report.base),
                ("加分", "the bonus", case.bonus, report.bonus),
                ("总分", "the total", case.total, report.total),
            ];
            for (zh, en, want, got) in sums {
                if let Some(want) = want {
                    if want != got {
                        differ(
                            format!(
                                "{zh}按本文件的规则为 {}，示例写的是 {}",
                                shown(got),
                                shown(want)
                            ),
                            format!(
                                "{en} is {} under this file's rules; the example says {}",
                                shown(got),
                                shown(want)
                            ),
                        );
                    }
                }
            }
            if let Some(want) = &case.grade {
                if *want != report.grade {
                    let g = |g: &Option<String>| g.clone().unwrap_or_else(|| "—".into());
                    differ(
                        format!(
                            "等级按本文件的规则为 {}，示例写的是 {}",
                            g(&report.grade),
                            g(want)
                        ),
                        format!(
                            "the grade is {} under this file's rules; the example says {}",
                            g(&report.grade),
                            g(want)
                        ),
                    );
                }
            }
            if let Some(want) = case.vetoed {
                if want != report.vetoed {
                    differ(
                        format!(
                            "一票否决{}，与示例不符",
                            if report.vetoed { "生效" } else { "未生效" }
                        ),
                        format!(
                            "the veto {}, unlike the example",
                            if report.vetoed {
                                "applies"
                            } else {
                                "does not apply"
                            }
                        ),
                    );
                }
            }
        }
    }
}
