//! `self`: a score the applicant assesses, from 0 to the weight (依据材料综合判定，最高5分;
//! every item of a weights-only table).

use rust_decimal::Decimal;

use super::{Case, Example, Key, Kind, Measure, Reads, Reason};
use super::{Figures, Slot};
use crate::input::Reading;
use crate::text::{fmt_dec, Lang, Text};
use crate::val::Val;

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::field::{Field, FieldKind};
#[cfg(feature = "check")]
use crate::toml_tree::Table;

/// A self-assessed score from 0 to `max`, in the field `score.<item id>`.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfScore {
    /// The score field (`score.<item id>`).
    pub field: String,
    /// The most it may score.
    pub max: Decimal,
}

crate::compact::record!(SelfScore { field, max });

/// The score given, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The score.
    pub given: Option<Decimal>,
}

impl Kind for SelfScore {
    const NAME: &'static str = "self";
    const SUMMARY: (&'static str, &'static str) = (
        "申报单位自评，0 至满分（依据材料综合判定，最高5分）",
        "self-assessed from 0 to the weight (judged from the materials, at most 5)",
    );
    const KEYS: &'static [Key] = &[Key {
        name: "max",
        required: true,
        zh: "自评的最高分（大于 0）",
        en: "the most the self-assessment may give (above zero)",
    }];
    const POLICY: Option<&'static str> = Some("self-assessed");
    const EXAMPLE: Example = Example {
        wording: "依据材料综合判定，最高5分",
        fields: "",
        term: "kind = \"self\"\nmax = \"5\"\n",
        max: "5",
        cases: &[
            // A self-assessment is the applicant's judgement: never suggested.
            Case {
                inputs: &[("score.ex", "3.5")],
                points: "3.5",
                says: ("自评 3.5 分", "self-assessed 3.5 of 5 points"),
                advice: None,
            },
        ],
    };
    // Its `max` is its cap; its field is named after the item.
    const LABELLED: bool = false;
    const CAPPED: bool = false;
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &["依据材料综合判定，最高5分", "由专家综合评定得分"];
    type Decided = Decided;

    /// Words that leave the score to a judgement (依据材料综合判定), with the most it gives
    /// where the next clause says (最高5分), else what the item's other terms leave. Where
    /// the judged part assesses what a yes/no question of the item asks about (“是否设立公共
    /// 服务平台（5分），以及公共服务平台开服务…情况（依据材料综合判定…）”), it counts only
    /// with a yes.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(i, c)| {
            let marker = words::self_marker(&c.norm)?;
            let mut d = Drafted::default();
            d.read(i, format!("“{marker}”：申报单位自评（self）"), format!("“{marker}”: self-assessed (self)"));
            let stated = w.free(i + 1).and_then(|n| words::max_clause(&n.norm));
            let max = match stated {
                Some((m, _)) => {
                    let (zh, en) = words::pts(m);
                    d.read(i + 1, format!("自评最高 {zh}（self）"), format!("at most {en} (self)"));
                    m
                }
                None => w.rest.filter(|r| *r > Decimal::ZERO).or(w.max)?,
            };
            let about = [c.subject.as_str(), i.checked_sub(1).and_then(|k| w.clauses.get(k)).map_or("", |p| p.norm.as_str())];
            let requires = w.drafted.iter().find_map(|earlier| {
                earlier.terms.iter().find_map(|t| match &t.rule {
                    crate::kinds::Rule::Flag(f) => {
                        let q = words::slot_index(&f.field).and_then(|k| earlier.fields.get(k))?;
                        let thing = asked_about(&q.name);
                        (thing.chars().count() >= 2 && about.iter().any(|a| a.contains(thing))).then(|| q.clone())
                    }
                    _ => None,
                })
            });
            let requires = requires.map(|q| {
                d.read(i, format!("以“{}”为“是”为前提（requires）", q.name), format!("counts only when “{}” is yes (requires)", q.name));
                d.review.push(Text::new(
                    format!("自评部分读作以“{}”为前提（回答“否”时不计），请核对", q.name),
                    format!("the self-assessed part is read as counting only when “{}” is yes: check it", q.name),
                ));
                d.field(q)
            });
            d.terms.push(crate::kinds::Term {
                label: None,
                rule: crate::kinds::Rule::SelfScore(SelfScore { field: String::new(), max }),
                cap: None,
                requires,
            });
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, at: &TermAt<'_>) -> Option<Self> {
        let max = c.positive(t, "max")?;
        let field = format!("score.{}", at.item_id);
        c.add_field(Field {
            id: field.clone(),
            name: Text::new(
                format!("{}（自评得分）", at.item_name.zh),
                format!("{} (self-assessed score)", at.item_name.en),
            ),
            unit: Text::new("分", "points"),
            kind: FieldKind::Score,
            max: Some(max),
            note: None,
            period: None,
            given: false,
        });
        Some(SelfScore { field, max })
    }

    fn write(&self) -> Vec<(String, Val)> {
        vec![("max".into(), Val::Dec(self.max))]
    }

    fn fields(&self) -> Vec<&str> {
        vec![self.field.as_str()]
    }

    fn reads(&self) -> Reads<'_> {
        Reads::Field
    }

    fn field(&self) -> Option<&str> {
        Some(&self.field)
    }

    fn ceiling(&self) -> Option<Decimal> {
        Some(self.max)
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let given = match m.field() {
            Slot::Value(Reading::Number(n)) => Some(*n),
            _ => None,
        };
        (given.unwrap_or(Decimal::ZERO), Decided { given })
    }

    fn sentence(
        &self,
        _: &dyn Figures,
        _: Option<&Text>,
        d: &Decided,
        _: Decimal,
        lang: Lang,
    ) -> String {
        let max = fmt_dec(self.max);
        match (lang, d.given) {
            (Lang::Zh, Some(g)) => format!("自评 {} 分（满分 {max} 分）", fmt_dec(g)),
            (Lang::Zh, None) => format!("尚未自评（满分 {max} 分，按 0 计）"),
            (Lang::En, Some(g)) => format!(
                "self-assessed {} of {}",
                fmt_dec(g),
                crate::amounts::pts_en(self.max)
            ),
            (Lang::En, None) => format!("not yet self-assessed (out of {max}, counts as 0)"),
        }
    }

    fn reason(&self, _: &Reason<'_>, _: &Decided, _: &Decided, _: Decimal, _: Lang) -> String {
        String::new()
    }
}

/// What a yes/no question asks about: “是否设立公共服务平台” → “公共服务平台”.
#[cfg(feature = "draft")]
fn asked_about(question: &str) -> &str {
    let q = question.strip_prefix("是否").unwrap_or(question);
    ["设立", "建设", "建有", "设有", "具有", "拥有", "有"]
        .iter()
        .find_map(|v| q.strip_prefix(v))
        .unwrap_or(q)
}
