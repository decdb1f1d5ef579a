//! `condition`: points when every comparison holds (拥有不低于5人的专职团队，本科以上学历达到50%
//! 以上（5分）).

use rust_decimal::Decimal;

use super::Figures;
use super::Part;
use super::{Case, Edges, Example, Key, Kind, Measure, Motion, Reads, Reason};
use crate::amounts::{paren, pts_en, sep};
use crate::quantity::{Comparison, Op, Quantity};
use crate::text::{fmt_dec, Lang, Text};
use crate::val::{comparison_val, Val};

#[cfg(feature = "draft")]
use super::words::{self, Compare, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Table};

/// `points` when every comparison holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The comparisons, all of which must hold.
    pub all: Vec<Comparison>,
    /// The points when they do.
    pub points: Decimal,
}

crate::compact::record!(Condition { all, points });

/// Whether each comparison holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// One answer per comparison.
    pub holds: Vec<bool>,
}

impl Kind for Condition {
    const NAME: &'static str = "condition";
    const SUMMARY: (&'static str, &'static str) = (
        "几个条件都满足时得分（不低于5人，本科以上达到50%以上，5分）",
        "points when every comparison holds (at least 5 staff, half with a degree: 5 points)",
    );
    const KEYS: &'static [Key] = &[
        Key {
            name: "all",
            required: true,
            zh: "比较条件：[{ input, op, value, label?, label_en? }]，op 为 < <= == >= >",
            en:
                "the comparisons: [{ input, op, value, label?, label_en? }], op one of < <= == >= >",
        },
        Key {
            name: "points",
            required: true,
            zh: "条件都满足时的分数（大于 0）",
            en: "the points when all hold (above zero)",
        },
    ];
    const POLICY: Option<&'static str> = Some("band-edges");
    const EXAMPLE: Example = Example {
        wording: "拥有不低于5人的专职团队，本科以上学历达到50%以上（5分）",
        fields: "[fields.ex_staff]\nname = \"专职人员\"\nname_en = \"Full-time staff\"\nkind = \"count\"\nunit = \"人\"\nunit_en = \"people\"\n\n[fields.ex_degree]\nname = \"本科以上学历\"\nname_en = \"With a degree\"\nkind = \"count\"\nunit = \"人\"\nunit_en = \"people\"\n",
        term: "kind = \"condition\"\npoints = \"5\"\nall = [\n  { input = \"ex_staff\", op = \">=\", value = \"5\" },\n  { input = { percent = [\"ex_degree\"], of = [\"ex_staff\"] }, op = \">=\", value = \"50\", label = \"本科以上占比\", label_en = \"share with a degree\" },\n]\n",
        max: "5",
        cases: &[
            Case { inputs: &[("ex_staff", "6"), ("ex_degree", "4")], points: "5", says: ("条件满足，得 5 分", "met, 5 points"), advice: None },
            // 2 ÷ 6 = 33.33% < 50%: one more graduate makes 50%.
            Case { inputs: &[("ex_staff", "6"), ("ex_degree", "2")], points: "0", says: ("条件未满足", "not met"), advice: Some(("ex_degree", "3", "5")) },
        ],
    };
    const LABELLED: bool = false;
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "拥有不低于5人的专职孵化服务团队，团队成员人员本科以上学历达到50%以上（5分）",
        "每15家入驻团队和在孵企业至少配备1名创业导师（5分）",
        "聚焦同产业领域的在孵团队和企业数量占总数比例大于50%（10分）",
    ];
    type Decided = Decided;

    /// Comparisons in a row, then their points (“…不低于5人…，…达到50%以上（5分）”), or one
    /// comparison with its points (“比例大于50%得10分”). “每15家…至少配备1名…” compares a
    /// ratio, and counts only where there is something to count (the policy line
    /// `band-edges`: a zero quantity scores nothing).
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(i, c)| {
            let mut list: Vec<(usize, Compare)> = Vec::new();
            let points = match words::bare_points(&c.norm) {
                Some(p) => p,
                None => {
                    let (head, p) = words::points_tail(&c.norm)?;
                    list.push((i, words::compare(head)?));
                    p
                }
            };
            if points <= Decimal::ZERO {
                return None;
            }
            let mut k = i;
            while let Some(b) = k.checked_sub(1).and_then(|j| w.free(j)) {
                k -= 1;
                match words::compare(&b.norm) {
                    Some(cmp) if words::points_tail(&b.norm).is_none() => list.push((k, cmp)),
                    _ => break,
                }
            }
            if list.is_empty() {
                return None;
            }
            list.sort_by_key(|l| l.0);
            let mut d = Drafted::default();
            let mut all = Vec::new();
            for (j, cmp) in &list {
                let clause = w.clauses.get(*j)?;
                compared(&mut d, &mut all, *j, cmp, &w.name_for(clause, &[]));
            }
            let (zh, en) = words::pts(points);
            if list.iter().all(|l| l.0 != i) {
                d.read(
                    i,
                    format!("条件都满足得 {zh}（condition）"),
                    format!("{en} when all hold (condition)"),
                );
            }
            d.term(crate::kinds::Rule::Condition(Condition { all, points }));
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        let tables = t.tables(c.sink(), "all");
        if tables.is_empty() {
            c.report(
                &t.span,
                &t.ctx,
                tx(
                    "`condition` 规则需要比较条件（all）",
                    "a `condition` term needs comparisons in `all`",
                ),
            );
            return None;
        }
        let mut all = Vec::new();
        let mut ok = true;
        for (k, ct) in tables.into_iter().enumerate() {
            let ct = ct.within(t.ctx.child(
                format!("第 {} 个条件", k + 1),
                format!("comparison {}", k + 1),
            ));
            match c.comparison(&ct) {
                Some(cmp) => all.push(cmp),
                None => ok = false,
            }
        }
        let points = c.positive(t, "points");
        if !ok {
            return None;
        }
        Some(Condition {
            all,
            points: points?,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        vec![
            (
                "all".into(),
                Val::List(self.all.iter().map(comparison_val).collect()),
            ),
            ("points".into(), Val::Dec(self.points)),
        ]
    }

    fn fields(&self) -> Vec<&str> {
        self.all.iter().flat_map(|c| c.quantity.fields()).collect()
    }

    fn reads(&self) -> Reads<'_> {
        Reads::Quantities(self.all.iter().map(|c| &c.quantity).collect())
    }

    fn ceiling(&self) -> Option<Decimal> {
        Some(self.points)
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let holds: Vec<bool> = self
            .all
            .iter()
            .enumerate()
            .map(|(i, c)| m.holds(i, c))
            .collect();
        let got = if holds.iter().all(|h| *h) {
            self.points
        } else {
            Decimal::ZERO
        };
        (got, Decided { holds })
    }

    fn edges<'q>(&'q self, _: &dyn Figures, out: &mut Edges<'q>) {
        for c in &self.all {
            match c.op {
                Op::Ge | Op::Lt => out.at(&c.quantity, c.value, true),
                Op::Gt | Op::Le => out.at(&c.quantity, c.value, false),
                Op::Eq => {
                    out.at(&c.quantity, c.value, true);
                    out.at(&c.quantity, c.value, false);
                }
            }
        }
    }

    fn rises(&self, m: &dyn Motion, _: &Part) -> bool {
        let others_hold = self
            .all
            .iter()
            .filter(|c| !m.involves(&c.quantity))
            .all(|c| m.figures().holds(c));
        others_hold
            && self.all.iter().any(|c| {
                m.involves(&c.quantity)
                    && !m.figures().holds(c)
                    && match c.op {
                        Op::Ge | Op::Gt => m.moves(&c.quantity, true),
                        Op::Le | Op::Lt => m.moves(&c.quantity, false),
                        Op::Eq => true,
                    }
            })
    }

    fn moved<'t>(
        &'t self,
        id: &str,
        _: Option<&'t Text>,
    ) -> Option<(&'t Quantity, Option<&'t Text>)> {
        self.all
            .iter()
            .find(|c| c.quantity.fields().contains(&id))
            .map(|c| (&c.quantity, c.label.as_ref()))
    }

    fn sentence(
        &self,
        env: &dyn Figures,
        _: Option<&Text>,
        d: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let ok = d.holds.iter().all(|h| *h);
        let parts = self
            .all
            .iter()
            .zip(&d.holds)
            .map(|(c, held)| {
                let unit = env.unit(&c.quantity, lang);
                let mark = if *held { "✓" } else { "✗" };
                let need = match lang {
                    Lang::Zh => format!("要求 {} {}{unit} {mark}", c.op.sign(), fmt_dec(c.value)),
                    Lang::En => format!("needs {} {}{unit} {mark}", c.op.sign(), fmt_dec(c.value)),
                };
                paren(lang, env.show(&c.quantity, c.label.as_ref(), lang), need)
            })
            .collect::<Vec<_>>()
            .join(sep(lang));
        match (lang, ok) {
            (Lang::Zh, true) => format!("{parts}：条件满足，得 {} 分", fmt_dec(got)),
            (Lang::Zh, false) => format!("{parts}：条件未满足，得 0 分"),
            (Lang::En, true) => format!("{parts}: met, {}", pts_en(got)),
            (Lang::En, false) => format!("{parts}: not met, 0 points"),
        }
    }

    fn reason(&self, _: &Reason<'_>, _: &Decided, _: &Decided, got: Decimal, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("条件满足，得 {} 分", fmt_dec(got)),
            Lang::En => format!("condition met, {}", pts_en(got)),
        }
    }
}

/// Adds the comparisons clause `i` states to `all`, with their fields and readings.
#[cfg(feature = "draft")]
fn compared(d: &mut Drafted, all: &mut Vec<Comparison>, i: usize, cmp: &Compare, otherwise: &str) {
    match cmp {
        Compare::Simple {
            subject,
            op,
            value,
            unit,
        } => {
            let subject = if subject.is_empty() {
                otherwise
            } else {
                subject.as_str()
            };
            let percent = matches!(unit, Some("%"));
            let name = if percent
                && !["比例", "占比", "比重", "率"]
                    .iter()
                    .any(|e| subject.ends_with(e))
            {
                format!("{subject}占比")
            } else {
                subject.to_string()
            };
            let f = d.field(words::field(&name, *unit));
            let shown = words::compared(*op, *value, *unit);
            d.read(
                i,
                format!("条件：“{name}” {shown}（condition）"),
                format!("condition: “{name}” {shown} (condition)"),
            );
            all.push(Comparison {
                quantity: Quantity::Field(f),
                label: None,
                op: *op,
                value: *value,
            });
        }
        Compare::PerEach {
            what,
            what_unit,
            per,
            per_unit,
            value,
        } => {
            let a = d.field(words::field(what, *what_unit));
            let b = d.field(words::field(per, *per_unit));
            let v = fmt_dec(*value);
            d.read(
                i,
                format!("条件：“{what}”÷“{per}”≤ {v}，且“{what}”多于 0（condition）"),
                format!("condition: “{what}” ÷ “{per}” ≤ {v}, and “{what}” above 0 (condition)"),
            );
            all.push(Comparison {
                quantity: Quantity::Ratio {
                    numerator: vec![a.clone()],
                    denominator: vec![b],
                },
                label: None,
                op: Op::Le,
                value: *value,
            });
            all.push(Comparison {
                quantity: Quantity::Field(a),
                label: None,
                op: Op::Gt,
                value: Decimal::ZERO,
            });
        }
    }
}
