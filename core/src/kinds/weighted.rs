//! `weighted`: counts worth different points, added up (主办每场1分、承办每场0.5分、联合举办减半).

use rust_decimal::Decimal;

use super::Figures;
use super::Part;
use super::{
    rate_of, rates_fields, Case, Edges, Example, Key, Kind, Measure, Motion, Reads, Reason,
};
use crate::amounts::{per_zh, pts_en};
use crate::quantity::{Quantity, Rate};
use crate::text::{fmt_dec, Lang, Text};
use crate::val::{rate_val, Val};

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::toml_tree::Table;

/// Σ count × its points, in exact decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted {
    /// Each count and its points per unit.
    pub counts: Vec<Rate>,
}

crate::compact::record!(Weighted { counts });

/// Each count's value (zero when not given).
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The counts.
    pub counts: Vec<Decimal>,
}

impl Kind for Weighted {
    const NAME: &'static str = "weighted";
    const SUMMARY: (&'static str, &'static str) = (
        "各项数量按各自分值累加（主办每场1分、承办每场0.5分）",
        "counts worth different points, added up (1 per event hosted, 0.5 per event co-hosted)",
    );
    const KEYS: &'static [Key] = &[Key {
        name: "counts",
        required: true,
        zh: "各项：[{ input, points, label?, label_en? }]，points 为每个单位的分数",
        en: "the counts: [{ input, points, label?, label_en? }], points per unit",
    }];
    const POLICY: Option<&'static str> = Some("exact-decimal");
    const EXAMPLE: Example = Example {
        wording: "主办活动每场1分，承办每场0.5分，最高10分",
        fields: "[fields.ex_hosted]\nname = \"主办活动\"\nname_en = \"Events hosted\"\nkind = \"count\"\nunit = \"场\"\nunit_en = \"events\"\n\n[fields.ex_cohosted]\nname = \"承办活动\"\nname_en = \"Events co-hosted\"\nkind = \"count\"\nunit = \"场\"\nunit_en = \"events\"\n",
        term: "kind = \"weighted\"\ncounts = [\n  { input = \"ex_hosted\", points = \"1\" },\n  { input = \"ex_cohosted\", points = \"0.5\" },\n]\n",
        max: "10",
        cases: &[
            // 3 × 1 + 3 × 0.5 = 4.5; one more hosted event gains most.
            Case { inputs: &[("ex_hosted", "3"), ("ex_cohosted", "3")], points: "4.5", says: ("= 4.5 分", "= 4.5 points"), advice: Some(("ex_hosted", "4", "1")) },
        ],
    };
    const LABELLED: bool = false;
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "主办活动每场1分，承办每场0.5分，最高10分",
        "主办每场2分、承办每场1分、联合举办的减半",
    ];
    type Decided = Decided;

    /// Counts by role (主办, 承办, 联合举办…), each worth its points: two roles or more.
    /// “…减半” is half of the first role's points, for an official to confirm.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(i, _)| {
            let mut parts: Vec<(usize, Role)> = Vec::new();
            let mut j = i;
            while let Some(c) = w.free(j) {
                let roles: Option<Vec<Role>> = c.norm.split('、').map(role).collect();
                match roles {
                    Some(r) => parts.extend(r.into_iter().map(|r| (j, r))),
                    None => break,
                }
                j += 1;
            }
            let first = parts.first().map(|p| p.1.clone())?;
            let full = first.points?;
            if parts.len() < 2 {
                return None;
            }
            let mut d = Drafted::default();
            let mut counts = Vec::new();
            for (j, r) in &parts {
                let noun = if r.noun.is_empty() {
                    &first.noun
                } else {
                    &r.noun
                };
                let name = format!("{}{noun}", r.role);
                let unit = r.unit.or(first.unit);
                let f = d.field(words::field(&name, unit));
                let points = match r.points {
                    Some(p) => p,
                    None => {
                        let half = full / Decimal::TWO;
                        d.review.push(Text::new(
                            format!(
                                "“{}”读作“{}”的一半（{} 分），请核对",
                                r.words,
                                first.role,
                                fmt_dec(half)
                            ),
                            format!(
                                "“{}” is read as half of “{}” ({} points): check it",
                                r.words,
                                first.role,
                                fmt_dec(half)
                            ),
                        ));
                        half
                    }
                };
                let (zh, en) = words::pts(points);
                let unit = unit.unwrap_or("个");
                d.read(
                    *j,
                    format!("“{name}”每{unit}得 {zh}（weighted）"),
                    format!("{en} per {unit} of “{name}” (weighted)"),
                );
                counts.push(Rate {
                    quantity: Quantity::Field(f),
                    label: None,
                    points,
                });
            }
            d.term(crate::kinds::Rule::Weighted(Weighted { counts }));
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        Some(Weighted {
            counts: c.rates(t, "counts", "points")?,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        let list = self.counts.iter().map(|r| rate_val(r, "points")).collect();
        vec![("counts".into(), Val::List(list))]
    }

    fn fields(&self) -> Vec<&str> {
        rates_fields(&self.counts)
    }

    fn reads(&self) -> Reads<'_> {
        Reads::Quantities(self.counts.iter().map(|r| &r.quantity).collect())
    }

    fn ceiling(&self) -> Option<Decimal> {
        None
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let values: Vec<Decimal> = m
            .all()
            .iter()
            .map(|q| q.value.unwrap_or(Decimal::ZERO))
            .collect();
        let got = self
            .counts
            .iter()
            .zip(&values)
            .try_fold(Decimal::ZERO, |acc, (c, v)| {
                acc.checked_add(v.checked_mul(c.points)?)
            })
            .unwrap_or(Decimal::ZERO);
        (got, Decided { counts: values })
    }

    fn edges<'q>(&'q self, env: &dyn Figures, out: &mut Edges<'q>) {
        let zero = Decimal::ZERO;
        for c in &self.counts {
            out.every_unit(&c.quantity);
        }
        // Below zero the part gives nothing: where the weighted sum turns positive.
        let taken: Vec<Option<Decimal>> = self
            .counts
            .iter()
            .map(|c| {
                env.measure(&c.quantity)
                    .value
                    .unwrap_or(zero)
                    .checked_mul(c.points)
            })
            .collect();
        let total: Option<Decimal> = taken.iter().try_fold(zero, |acc, t| acc.checked_add((*t)?));
        if total.is_some_and(|t| t <= zero) {
            for (c, t) in self.counts.iter().zip(&taken) {
                let at = total
                    .zip(*t)
                    .and_then(|(all, own)| own.checked_sub(all))
                    .and_then(|rest| rest.checked_div(c.points));
                if let Some(at) = at {
                    out.at(&c.quantity, at, false);
                }
            }
        }
    }

    fn rises(&self, m: &dyn Motion, _: &Part) -> bool {
        self.counts.iter().any(|c| m.moves(&c.quantity, true))
    }

    fn moved<'t>(
        &'t self,
        id: &str,
        _: Option<&'t Text>,
    ) -> Option<(&'t Quantity, Option<&'t Text>)> {
        rate_of(&self.counts, id).map(|r| (&r.quantity, r.label.as_ref()))
    }

    fn sentence(
        &self,
        env: &dyn Figures,
        _: Option<&Text>,
        _: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let parts = self
            .counts
            .iter()
            .map(|c| {
                let q = env.show(&c.quantity, c.label.as_ref(), lang);
                match lang {
                    Lang::Zh => format!("{q} × {} 分", fmt_dec(c.points)),
                    Lang::En => format!("{q} × {}", pts_en(c.points)),
                }
            })
            .collect::<Vec<_>>()
            .join(" + ");
        match lang {
            Lang::Zh => format!("{parts} = {} 分", fmt_dec(got)),
            Lang::En => format!("{parts} = {}", pts_en(got)),
        }
    }

    fn reason(&self, r: &Reason<'_>, _: &Decided, _: &Decided, _: Decimal, lang: Lang) -> String {
        let Some(rate) = rate_of(&self.counts, r.id) else {
            return String::new();
        };
        let unit = r.env.unit(&rate.quantity, lang);
        match lang {
            Lang::Zh => format!(
                "{}得 {} 分",
                per_zh(Decimal::ONE, &unit),
                fmt_dec(rate.points)
            ),
            Lang::En => format!("{} each", pts_en(rate.points)),
        }
    }
}

/// Who runs an event, longest first.
#[cfg(feature = "draft")]
const ROLES: &[&str] = &["联合举办", "主办", "承办", "协办", "合办", "参与", "参加"];

/// One role's part: “主办活动每场1分”, “联合举办的减半” (no points of its own).
#[cfg(feature = "draft")]
#[derive(Clone)]
struct Role {
    words: String,
    role: &'static str,
    noun: String,
    unit: Option<&'static str>,
    points: Option<Decimal>,
}

#[cfg(feature = "draft")]
fn role(s: &str) -> Option<Role> {
    let s = words::clean(s);
    let role = ROLES.iter().find(|r| s.starts_with(*r))?;
    let rest = s.get(role.len()..)?;
    if let Some(half) = rest.strip_suffix("减半") {
        return Some(Role {
            words: s.clone(),
            role,
            noun: words::clean(half),
            unit: None,
            points: None,
        });
    }
    let (head, points) = words::points_tail(rest)?;
    let (noun, per) = head.split_once('每').unwrap_or((head, ""));
    let unit = words::unit(per)
        .map(|u| u.0)
        .or_else(|| words::number_unit(per).and_then(|n| n.1));
    let plain = !noun.chars().any(|c| c.is_ascii_digit());
    (plain && points > Decimal::ZERO).then(|| Role {
        words: s.clone(),
        role,
        noun: words::clean(noun),
        unit,
        points: Some(points),
    })
}
