//! `deduct`: points less a rate per counted unit, never below zero (月报漏报一次扣0.2分; a
//! pool: 一般问题每个扣1分，严重问题每个扣5分，扣完为止).

use rust_decimal::Decimal;

use super::Part;
use super::{
    rate_of, rates_fields, Case, Edges, Example, Key, Kind, Measure, Motion, Reads, Reason,
};
use super::{Figures, Slot};
use crate::amounts::{per_zh, pts_en, sep};
use crate::quantity::{Quantity, Rate};
use crate::text::{fmt_dec, Lang, Text};
use crate::val::{rate_val, Val};

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Table};

/// `start` points, less each rate per counted unit, never below zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Deduct {
    /// The points before deductions.
    pub start: Decimal,
    /// What is counted and what each unit takes off.
    pub rates: Vec<Rate>,
}

crate::compact::record!(Deduct { start, rates });

/// Whether every count is known, the counts, and the points before stopping at zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// Whether every count was entered.
    pub known: bool,
    /// The counts.
    pub counts: Vec<Decimal>,
    /// `start` less the deductions, before stopping at zero.
    pub raw: Decimal,
}

impl Kind for Deduct {
    const NAME: &'static str = "deduct";
    const SUMMARY: (&'static str, &'static str) = (
        "按次扣分，扣完为止（月报漏报一次扣0.2分）",
        "points less a rate per counted unit, stopping at zero (0.2 off per missed report)",
    );
    const KEYS: &'static [Key] = &[
        Key {
            name: "start",
            required: true,
            zh: "扣分前的分数（大于 0）",
            en: "the points before deductions (above zero)",
        },
        Key {
            name: "input",
            required: false,
            zh: "一种扣分：计次的数量；与 rates 二选一",
            en: "one rate: what is counted; this and `each`, or `rates`",
        },
        Key {
            name: "each",
            required: false,
            zh: "一种扣分：每次扣的分数",
            en: "one rate: the points off per unit",
        },
        Key {
            name: "rates",
            required: false,
            zh: "几种扣分：[{ input, each, label?, label_en? }]，合起来扣至 0 为止",
            en: "several rates: [{ input, each, label?, label_en? }], together stopping at zero",
        },
    ];
    const POLICY: Option<&'static str> = Some("sum-then-cap");
    const EXAMPLE: Example = Example {
        wording: "月报漏报一次扣0.2分，扣完为止（2分）",
        fields: "[fields.ex_missed]\nname = \"月报漏报\"\nname_en = \"Missed monthly reports\"\nkind = \"count\"\nunit = \"次\"\nunit_en = \"times\"\n",
        term: "kind = \"deduct\"\nstart = \"2\"\ninput = \"ex_missed\"\neach = \"0.2\"\n",
        max: "2",
        cases: &[
            // 2 − 3 × 0.2 = 1.4; one fewer missed report gains 0.2.
            Case { inputs: &[("ex_missed", "3")], points: "1.4", says: ("2 − 3 × 0.2 = 1.4 分", "= 1.4 points"), advice: Some(("ex_missed", "2", "0.2")) },
            Case { inputs: &[("ex_missed", "12")], points: "0", says: ("扣至 0 分为止", "deductions stop at 0"), advice: Some(("ex_missed", "9", "0.2")) },
        ],
    };
    const LABEL_ON_ENTRY: bool = true;
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "月报漏报一次扣0.2分，扣完为止（2分）",
        "一般问题每个扣1分，严重问题每个扣5分，扣完为止",
    ];
    type Decided = Decided;

    /// Deductions in a row (“月报漏报一次扣0.2分”), with “扣完为止” and the points they start
    /// from where the words give them (“（2分）”); else they start from what the item's
    /// other terms leave of its maximum.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(i, _)| {
            let mut d = Drafted::default();
            let mut rates = Vec::new();
            let mut j = i;
            while let Some((noun, unit, each)) = w.free(j).and_then(|c| rate(&c.norm)) {
                let name = w.name_for(w.clauses.get(j)?, &[&noun]);
                let f = d.field(words::field(&name, Some(unit)));
                let (zh, en) = words::pts(each);
                d.read(
                    j,
                    format!("“{name}”每{unit}扣 {zh}（deduct）"),
                    format!("{en} off per {unit} of “{name}” (deduct)"),
                );
                rates.push(Rate {
                    quantity: Quantity::Field(f),
                    label: None,
                    points: each,
                });
                j += 1;
            }
            if rates.is_empty() {
                return None;
            }
            while let Some(c) = w
                .free(j)
                .filter(|c| STOP.iter().any(|s| c.norm.starts_with(s)))
            {
                let _ = c;
                d.read(j, "扣完为止（deduct）", "stops at zero (deduct)");
                j += 1;
            }
            let stated = w
                .free(j)
                .and_then(|c| words::bare_points(&c.norm))
                .filter(|p| *p > Decimal::ZERO);
            let start = match stated {
                Some(p) => {
                    let (zh, en) = words::pts(p);
                    d.read(
                        j,
                        format!("从 {zh} 扣起（deduct）"),
                        format!("starts from {en} (deduct)"),
                    );
                    p
                }
                None => w.rest.filter(|r| *r > Decimal::ZERO).or(w.max)?,
            };
            d.term(crate::kinds::Rule::Deduct(Deduct { start, rates }));
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, at: &TermAt<'_>) -> Option<Self> {
        let start = c.positive(t, "start");
        let single = t.has("input") || t.has("each");
        let rates = match (single, t.has("rates")) {
            (true, true) => {
                c.report(&t.span, &t.ctx, tx("扣分规则写 input + each（一种扣分），或 rates（几种扣分），不要同时写", "a `deduct` term has input and each (one rate) or rates (several), not both"));
                return None;
            }
            (false, false) => {
                c.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        "扣分规则需要 input + each，或 rates",
                        "a `deduct` term needs input and each, or rates",
                    ),
                );
                return None;
            }
            (true, false) => {
                // The term's label is its one rate's.
                let quantity = c.input(t);
                let each = c.positive(t, "each");
                vec![Rate {
                    quantity: quantity?,
                    label: at.label.clone(),
                    points: each?,
                }]
            }
            (false, true) => {
                if at.label.is_some() {
                    c.report(
                        &t.span,
                        &t.ctx,
                        tx(
                            "有 rates 时，label 写在每种扣分上",
                            "with rates, label each rate instead",
                        ),
                    );
                    return None;
                }
                c.rates(t, "rates", "each")?
            }
        };
        Some(Deduct {
            start: start?,
            rates,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        let list = self.rates.iter().map(|r| rate_val(r, "each")).collect();
        vec![
            ("start".into(), Val::Dec(self.start)),
            ("rates".into(), Val::List(list)),
        ]
    }

    fn fields(&self) -> Vec<&str> {
        rates_fields(&self.rates)
    }

    fn reads(&self) -> Reads<'_> {
        Reads::Quantities(self.rates.iter().map(|r| &r.quantity).collect())
    }

    fn ceiling(&self) -> Option<Decimal> {
        Some(self.start)
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let zero = Decimal::ZERO;
        let measured = m.all();
        let known = measured.iter().all(|m| m.missing == 0);
        let counts: Vec<Decimal> = measured.iter().map(|m| m.value.unwrap_or(zero)).collect();
        let taken = self
            .rates
            .iter()
            .zip(&counts)
            .try_fold(zero, |acc, (r, c)| {
                acc.checked_add(c.checked_mul(r.points)?)
            });
        let raw = taken
            .and_then(|t| self.start.checked_sub(t))
            .unwrap_or(zero);
        // A deduction needs its counts: with one not entered the part scores 0, like any
        // missing input, so an unfinished form never looks better than a finished one.
        let got = if known { raw.max(zero) } else { zero };
        (got, Decided { known, counts, raw })
    }

    fn edges<'q>(&'q self, env: &dyn Figures, out: &mut Edges<'q>) {
        let zero = Decimal::ZERO;
        let taken: Vec<Option<Decimal>> = self
            .rates
            .iter()
            .map(|r| {
                env.measure(&r.quantity)
                    .value
                    .unwrap_or(zero)
                    .checked_mul(r.points)
            })
            .collect();
        let total: Option<Decimal> = taken.iter().try_fold(zero, |acc, t| acc.checked_add((*t)?));
        for (r, t) in self.rates.iter().zip(&taken) {
            out.every_unit(&r.quantity);
            // Where the points left stop at zero: `start − others − q·each > 0`.
            let at = total
                .zip(*t)
                .and_then(|(all, own)| self.start.checked_sub(all)?.checked_add(own))
                .and_then(|left| left.checked_div(r.points));
            if let Some(at) = at {
                out.at(&r.quantity, at, true);
            }
        }
    }

    fn rises(&self, m: &dyn Motion, _: &Part) -> bool {
        // Every count must be known for the part to score, this one aside.
        let known = self.rates.iter().all(|r| {
            r.quantity
                .fields()
                .iter()
                .all(|f| *f == m.id() || !matches!(m.figures().slot(f), Slot::Missing))
        });
        known && self.rates.iter().any(|r| m.moves(&r.quantity, false))
    }

    fn moved<'t>(
        &'t self,
        id: &str,
        _: Option<&'t Text>,
    ) -> Option<(&'t Quantity, Option<&'t Text>)> {
        rate_of(&self.rates, id).map(|r| (&r.quantity, r.label.as_ref()))
    }

    fn sentence(
        &self,
        env: &dyn Figures,
        _: Option<&Text>,
        d: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let st = fmt_dec(self.start);
        let minus = self
            .rates
            .iter()
            .zip(&d.counts)
            .map(|(r, c)| format!(" − {} × {}", fmt_dec(*c), fmt_dec(r.points)))
            .collect::<String>();
        let q = self
            .rates
            .iter()
            .map(|r| env.show(&r.quantity, r.label.as_ref(), lang))
            .collect::<Vec<_>>()
            .join(sep(lang));
        match (lang, d.known, d.raw < Decimal::ZERO) {
            (Lang::Zh, false, _) => format!("{q}：未填全，按 0 计"),
            (Lang::Zh, true, false) => format!("{q}：{st}{minus} = {} 分", fmt_dec(got)),
            (Lang::Zh, true, true) => format!("{q}：{st}{minus}，扣至 0 分为止"),
            (Lang::En, false, _) => format!("{q}: not all entered, counts as 0"),
            (Lang::En, true, false) => format!("{q}: {st}{minus} = {}", pts_en(got)),
            (Lang::En, true, true) => format!("{q}: {st}{minus}, deductions stop at 0"),
        }
    }

    fn reason(&self, r: &Reason<'_>, _: &Decided, _: &Decided, _: Decimal, lang: Lang) -> String {
        if r.fill {
            return match lang {
                Lang::Zh => "扣分项填写次数后才计分，未填按 0 分计".into(),
                Lang::En => {
                    "the deduction scores only once its count is entered; empty counts as 0".into()
                }
            };
        }
        let Some(rate) = rate_of(&self.rates, r.id) else {
            return String::new();
        };
        let unit = r.env.unit(&rate.quantity, lang);
        match lang {
            Lang::Zh => format!(
                "{}扣 {} 分",
                per_zh(Decimal::ONE, &unit),
                fmt_dec(rate.points)
            ),
            Lang::En => format!("{} off each", pts_en(rate.points)),
        }
    }
}

/// Words that say deductions stop at zero.
#[cfg(feature = "draft")]
const STOP: &[&str] = &["扣完为止", "扣完即止", "扣至0分", "扣完", "扣到0分"];

/// “月报漏报1次扣0.2分”, “一般问题每个扣1分”: what is counted, its unit, what each takes off.
#[cfg(feature = "draft")]
fn rate(s: &str) -> Option<(String, &'static str, Decimal)> {
    if STOP.iter().any(|w| s.starts_with(w)) {
        return None;
    }
    let (before, after) = s.split_once('扣')?;
    let after = after.strip_prefix('除').unwrap_or(after);
    let (each, rest) = words::number(after)?;
    if !rest.trim_end_matches("为止").eq("分") || each <= Decimal::ZERO {
        return None;
    }
    let cut = before
        .find(|c: char| c == '每' || c.is_ascii_digit())
        .unwrap_or(before.len());
    let (noun, per) = (before.get(..cut)?, before.get(cut..)?);
    let per = per.trim_start_matches('每');
    let unit = words::unit(per)
        .map(|u| u.0)
        .or_else(|| words::number_unit(per).and_then(|n| n.1))
        .unwrap_or("次");
    Some((words::clean(noun), unit, each))
}
