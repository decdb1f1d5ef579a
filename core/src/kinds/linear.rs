//! `linear`: points in proportion (达到60%得6分，此基础上每增加1个百分点加0.1分; 完成值 ÷ 目标值
//! × 分值), not floored, rounded as the document says.

use rust_decimal::{Decimal, RoundingStrategy};

use super::Figures;
use super::{Case, Edges, Example, Key, Kind, Measure, Reason};
use crate::amounts::{per_zh, pts_en, spaced};
use crate::quantity::{Bound, Quantity};
use crate::text::{fmt_dec, Lang, Text};
use crate::val::{lower_key, quantity_val, Val};

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Table};

/// The decimal places a proportional term rounds to unless its rubric file says.
pub const PLACES: u32 = 2;
/// The most decimal places a proportional term may round to.
pub const MAX_PLACES: u32 = 8;

/// `points` on reaching a threshold, then `rate` points for every `every` units above it,
/// in proportion, rounded to `places` half away from zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    /// The measured quantity.
    pub quantity: Quantity,
    /// Where the line starts; below it the term gives nothing.
    pub threshold: Bound,
    /// The points at the threshold.
    pub points: Decimal,
    /// The size of one unit of the rate.
    pub every: Decimal,
    /// The points per `every` units above the threshold.
    pub rate: Decimal,
    /// The decimal places the points are rounded to (documents publish 0.583 as well as
    /// 0.58).
    pub places: u32,
}

crate::compact::record!(Linear {
    quantity,
    threshold,
    points,
    every,
    rate,
    places
});

/// Whether the threshold was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The value measured.
    pub value: Decimal,
    /// Whether the threshold was reached.
    pub passed: bool,
}

impl Linear {
    /// The one formula: the points at `x`, none below the threshold (or where the
    /// arithmetic overflows).
    pub(crate) fn at(&self, x: Decimal) -> Option<Decimal> {
        if !self.threshold.passed_by(x) {
            return None;
        }
        x.checked_sub(self.threshold.value)?
            .checked_div(self.every)?
            .checked_mul(self.rate)?
            .checked_add(self.points)
            .map(|g| g.round_dp_with_strategy(self.places, RoundingStrategy::MidpointAwayFromZero))
    }
}

impl Kind for Linear {
    const NAME: &'static str = "linear";
    const SUMMARY: (&'static str, &'static str) = (
        "按比例计分（达到60%得6分，每增加1个百分点加0.1分；完成值 ÷ 目标值 × 分值）",
        "points in proportion (6 at 60%, 0.1 more per further point; done ÷ target × points)",
    );
    const KEYS: &'static [Key] = &[
        super::bands::Bands::KEYS[0],
        Key {
            name: "from",
            required: false,
            zh: "起点（含本数），不写时为 0；与 above 二选一",
            en: "where the line starts, inclusive (0 when not given); this or `above`",
        },
        Key {
            name: "above",
            required: false,
            zh: "起点（不含本数）；与 from 二选一",
            en: "where the line starts, exclusive; this or `from`",
        },
        Key {
            name: "points",
            required: false,
            zh: "起点处的分数，不写时为 0",
            en: "the points at the start (0 when not given)",
        },
        Key {
            name: "every",
            required: false,
            zh: "比例的单位，不写时为 1",
            en: "the unit of the rate (1 when not given)",
        },
        Key {
            name: "rate",
            required: true,
            zh: "超出起点后每个单位加的分数",
            en: "the points per unit above the start",
        },
        Key {
            name: "places",
            required: false,
            zh: "得分保留几位小数（四舍五入），不写时为 2",
            en: "the decimal places kept, rounded half away from zero (2 when not given)",
        },
    ];
    const POLICY: Option<&'static str> = Some("proportional");
    const EXAMPLE: Example = Example {
        wording: "达到60%得6分，在此基础上每增加1个百分点加0.1分，最高10分",
        fields: "[fields.ex_rate]\nname = \"入驻率\"\nname_en = \"Occupancy\"\nkind = \"percent\"\n",
        term: "kind = \"linear\"\ninput = \"ex_rate\"\nfrom = \"60\"\npoints = \"6\"\nevery = \"1\"\nrate = \"0.1\"\n",
        max: "10",
        cases: &[
            // 6 + 14.45 × 0.1 = 7.445 → 7.45 (half away from zero); 74.55 gives 7.455 → 7.46.
            Case { inputs: &[("ex_rate", "74.45")], points: "7.45", says: ("超出部分按比例", "in proportion"), advice: Some(("ex_rate", "74.55", "0.01")) },
            Case { inputs: &[("ex_rate", "59")], points: "0", says: ("未达到 60%", "below 60%"), advice: Some(("ex_rate", "60", "6")) },
        ],
    };
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "达到60%得6分，在此基础上每增加1个百分点加0.1分，最高10分",
        "完成数/目标数×分值",
        "实际完成值÷年度目标值×10分",
    ];
    type Decided = Decided;

    /// A threshold and a rate per percentage point above it, or a ratio times the points.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        if let Some(s) = words::stepped(w).filter(words::Stepped::proportional) {
            let (mut d, f) = s.read(w, Self::NAME);
            d.term(crate::kinds::Rule::Linear(Linear {
                quantity: Quantity::Field(f),
                threshold: s.threshold.bound,
                points: s.threshold.points,
                every: s.increment.step,
                rate: s.increment.points,
                places: PLACES,
            }));
            return Some(d);
        }
        w.frees().find_map(|(i, c)| {
            let (done, target, times) = ratio(&c.norm)?;
            let rate = match times {
                Some(r) => r,
                None => w.max?,
            };
            let mut d = Drafted::default();
            let figure = |name: &str| {
                let unit = if ["额", "资金", "收入", "金额"].iter().any(|e| name.ends_with(e)) {
                    Some("万元")
                } else {
                    None
                };
                words::FieldDraft {
                    given: ["目标", "计划", "任务", "基数"].iter().any(|t| name.contains(t)),
                    ..words::field(name, unit)
                }
            };
            let a = d.field(figure(&done));
            let b = d.field(figure(&target));
            d.read(
                i,
                format!("“{done}”÷“{target}”× {} 分，按比例（linear）；“{target}”不由申报单位改变", fmt_dec(rate)),
                format!("“{done}” ÷ “{target}” × {} points, in proportion (linear); “{target}” is given", fmt_dec(rate)),
            );
            d.term(crate::kinds::Rule::Linear(Linear {
                quantity: Quantity::Ratio {
                    numerator: vec![a],
                    denominator: vec![b],
                },
                threshold: Bound {
                    value: Decimal::ZERO,
                    inclusive: true,
                },
                points: Decimal::ZERO,
                every: Decimal::ONE,
                rate,
                places: PLACES,
            }));
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        let quantity = c.input(t);
        let threshold = c.bound(t, "from", "above");
        let points = c.non_negative(t, "points", Decimal::ZERO);
        let every = match t.node("every") {
            None => Some(Decimal::ONE),
            Some(_) => c.positive(t, "every"),
        };
        let rate = c.positive(t, "rate");
        let places = match t.node("places") {
            None => Some(PLACES),
            Some(n) => {
                let d = n.decimal(c.sink())?.normalize();
                let places = u32::try_from(d.mantissa())
                    .ok()
                    .filter(|p| d.scale() == 0 && *p <= MAX_PLACES);
                if places.is_none() {
                    c.report(
                        &n.span,
                        &n.ctx,
                        tx(
                            format!("`places`（保留几位小数）应为 0 到 {MAX_PLACES} 的整数"),
                            format!(
                                "`places` (the decimal places kept) must be a whole number from 0 to {MAX_PLACES}"
                            ),
                        ),
                    );
                }
                places
            }
        };
        let threshold = threshold?.unwrap_or(Bound {
            value: Decimal::ZERO,
            inclusive: true,
        });
        Some(Linear {
            quantity: quantity?,
            threshold,
            points: points?,
            every: every?,
            rate: rate?,
            places: places?,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        let (k, v) = lower_key(self.threshold);
        let mut out = vec![
            ("input".into(), quantity_val(&self.quantity)),
            (k.into(), v),
            ("points".into(), Val::Dec(self.points)),
            ("every".into(), Val::Dec(self.every)),
            ("rate".into(), Val::Dec(self.rate)),
        ];
        if self.places != PLACES {
            out.push(("places".into(), Val::Int(i64::from(self.places))));
        }
        out
    }

    fn quantity(&self) -> Option<&Quantity> {
        Some(&self.quantity)
    }

    fn ceiling(&self) -> Option<Decimal> {
        None
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let x = m.value();
        let passed = self.threshold.passed_by(x);
        let got = self.at(x).unwrap_or(Decimal::ZERO);
        (got, Decided { value: x, passed })
    }

    fn edges<'q>(&'q self, env: &dyn Figures, out: &mut Edges<'q>) {
        out.at(
            &self.quantity,
            self.threshold.value,
            self.threshold.inclusive,
        );
        let q = env.measure(&self.quantity).value.unwrap_or(Decimal::ZERO);
        // The points are rounded to `places`, half away from zero: they go up one unit of
        // the last place where the exact points reach the next half unit, and down where
        // they fall below the last one.
        let Some(now) = self.at(q) else {
            return;
        };
        let half = Decimal::new(5, self.places.saturating_add(1));
        for target in [now.checked_add(half), now.checked_sub(half)]
            .into_iter()
            .flatten()
        {
            let at = target
                .checked_sub(self.points)
                .and_then(|x| x.checked_mul(self.every))
                .and_then(|x| x.checked_div(self.rate))
                .and_then(|x| x.checked_add(self.threshold.value));
            if let Some(at) = at {
                out.at(&self.quantity, at, true);
            }
        }
    }

    fn sentence(
        &self,
        env: &dyn Figures,
        label: Option<&Text>,
        d: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let q = env.show(&self.quantity, label, lang);
        let unit = env.unit(&self.quantity, lang);
        let (t, p, r) = (
            fmt_dec(self.threshold.value),
            fmt_dec(self.points),
            fmt_dec(self.rate),
        );
        let g = fmt_dec(got);
        let inc = self.threshold.inclusive;
        let from_zero = self.threshold.value.is_zero() && inc && self.points.is_zero();
        // The policy line says two places; a term that rounds otherwise says so.
        let rounding = match (self.places == PLACES, lang) {
            (true, _) => String::new(),
            (false, Lang::Zh) => format!("（保留 {} 位小数，四舍五入）", self.places),
            (false, Lang::En) => format!(" (rounded to {} decimal places)", self.places),
        };
        let sentence = match (lang, d.passed, from_zero) {
            (Lang::Zh, false, _) => format!(
                "{q}：{}{t}{unit}，得 0 分",
                if inc { "未达到 " } else { "未超过 " }
            ),
            (Lang::Zh, true, true) if unit.is_empty() && self.every == Decimal::ONE => {
                format!("{q} × {r} = {g} 分")
            }
            (Lang::Zh, true, true) => {
                format!(
                    "{q}，按比例{}得 {r} 分，得 {g} 分",
                    per_zh(self.every, &unit)
                )
            }
            (Lang::Zh, true, false) => format!(
                "{q}：{} {t}{}得 {p} 分，超出部分按比例{}加 {r} 分，共 {g} 分",
                if inc { "达到" } else { "超过" },
                spaced(&unit),
                per_zh(self.every, &unit)
            ),
            (Lang::En, false, _) => format!(
                "{q}: {} {t}{unit}, 0 points",
                if inc { "below" } else { "not above" }
            ),
            (Lang::En, true, true) if unit.is_empty() && self.every == Decimal::ONE => {
                format!("{q} × {r} = {}", pts_en(got))
            }
            (Lang::En, true, true) => format!(
                "{q}; {} per {}{unit} in proportion: {}",
                pts_en(self.rate),
                fmt_dec(self.every),
                pts_en(got)
            ),
            (Lang::En, true, false) => format!(
                "{q}: {} {t}{unit} gives {}, plus {r} per further {}{unit} in proportion: {}",
                if inc { "reaching" } else { "above" },
                pts_en(self.points),
                fmt_dec(self.every),
                pts_en(got)
            ),
        };
        if d.passed {
            sentence + &rounding
        } else {
            sentence
        }
    }

    fn reason(
        &self,
        r: &Reason<'_>,
        before: &Decided,
        _: &Decided,
        _: Decimal,
        lang: Lang,
    ) -> String {
        let unit = r.env.unit(&self.quantity, lang);
        let t = fmt_dec(self.threshold.value);
        // Below the threshold before the change, reaching it is the reason; above it, the rate.
        match (lang, before.passed) {
            (Lang::Zh, false) => {
                format!("达到 {t}{}得 {} 分", spaced(&unit), fmt_dec(self.points))
            }
            (Lang::Zh, true) => format!(
                "按比例计分，{}加 {} 分",
                per_zh(self.every, &unit),
                fmt_dec(self.rate)
            ),
            (Lang::En, false) => format!("reaching {t}{unit} gives {}", pts_en(self.points)),
            (Lang::En, true) => format!(
                "in proportion, {} per {}{unit}",
                pts_en(self.rate),
                fmt_dec(self.every)
            ),
        }
    }
}

/// “完成数/目标数×分值”: what is done, what it is measured against, and the points (none for
/// “分值”: the item's maximum).
#[cfg(feature = "draft")]
fn ratio(s: &str) -> Option<(String, String, Option<Decimal>)> {
    let s = s.replace(['(', ')'], "");
    let (left, right) = s.split_once('/')?;
    let (target, times) = right.split_once('×')?;
    let done = left
        .rsplit(['=', ':', '按', '以'])
        .next()
        .map(words::clean)
        .unwrap_or_default();
    let target = words::clean(target);
    let times = times.trim_end_matches(['。', '.']);
    let points = if ["分值", "本项分值", "该项分值", "指标分值", "权重", "满分"].contains(&times)
    {
        None
    } else {
        let (n, rest) = words::number(times)?;
        if !(rest.is_empty() || rest == "分") {
            return None;
        }
        Some(n)
    };
    let plain = |w: &str| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit());
    (plain(&done) && plain(&target)).then_some((done, target, points))
}
