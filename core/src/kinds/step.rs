//! `step`: points on passing a threshold, then more for each further whole step
//! (大于50万得5分，每增加50万加1分).

use rust_decimal::Decimal;

use super::Figures;
use super::{Case, Edges, Example, Key, Kind, Measure, Reason};
use crate::amounts::{per_zh_more, pts_en, spaced};
use crate::quantity::{Bound, Quantity};
use crate::text::{fmt_dec, fmt_exact, Lang, Text};
use crate::val::{lower_key, quantity_val, Val};

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Table};

/// `points` on passing a threshold, and `step_points` for each further whole `step`.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The measured quantity.
    pub quantity: Quantity,
    /// The threshold.
    pub threshold: Bound,
    /// The points at the threshold.
    pub points: Decimal,
    /// The size of a further step.
    pub step: Decimal,
    /// The points per further step.
    pub step_points: Decimal,
}

crate::compact::record!(Step {
    quantity,
    threshold,
    points,
    step,
    step_points
});

/// Whether the threshold was passed, and the further whole steps above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The value measured.
    pub value: Decimal,
    /// Whether the threshold was passed.
    pub passed: bool,
    /// The further whole steps.
    pub steps: Decimal,
    /// What they add.
    pub extra: Decimal,
}

impl Step {
    /// The further whole steps above the threshold that `x` passes.
    fn steps(&self, x: Decimal) -> Decimal {
        x.checked_sub(self.threshold.value)
            .and_then(|d| d.checked_div(self.step))
            .map_or(Decimal::ZERO, |d| d.floor())
    }
}

impl Kind for Step {
    const NAME: &'static str = "step";
    const SUMMARY: (&'static str, &'static str) = (
        "达到起点得分，此后每增加一步再加分（大于50万得5分，每增加50万加1分）",
        "points on passing a threshold, more for each further step (5 points above 500k, 1 more per further 500k)",
    );
    const KEYS: &'static [Key] = &[
        super::bands::Bands::KEYS[0],
        Key {
            name: "from",
            required: false,
            zh: "起点（含本数：“达到”“以上”）；与 above 二选一",
            en: "the threshold, inclusive (“reaching”, “or more”); this or `above`",
        },
        Key {
            name: "above",
            required: false,
            zh: "起点（不含本数：“大于”“超过”）；与 from 二选一",
            en: "the threshold, exclusive (“more than”, “over”); this or `from`",
        },
        Key {
            name: "points",
            required: true,
            zh: "达到起点时的分数",
            en: "the points at the threshold",
        },
        Key {
            name: "step",
            required: true,
            zh: "此后每一步的大小",
            en: "the size of each further step",
        },
        Key {
            name: "step_points",
            required: true,
            zh: "每一步加的分数",
            en: "the points per further step",
        },
    ];
    const POLICY: Option<&'static str> = Some("per-count");
    const EXAMPLE: Example = Example {
        wording: "大于50万得5分，每增加50万加1分，最高10分",
        fields: "[fields.ex_fund]\nname = \"孵化资金\"\nname_en = \"Incubation fund\"\nkind = \"amount\"\nunit = \"万元\"\nunit_en = \"10k CNY\"\n",
        term: "kind = \"step\"\ninput = \"ex_fund\"\nabove = \"50\"\npoints = \"5\"\nstep = \"50\"\nstep_points = \"1\"\n",
        max: "10",
        cases: &[
            // 5 + floor((180 − 50) ÷ 50) = 7; 200 is the next whole step.
            Case { inputs: &[("ex_fund", "180")], points: "7", says: ("超出 130 万元", "130 10k CNY more"), advice: Some(("ex_fund", "200", "1")) },
            // “大于” excludes 50 itself.
            Case { inputs: &[("ex_fund", "50")], points: "0", says: ("未大于 50 万元", "not above 50"), advice: Some(("ex_fund", "50.00000001", "5")) },
        ],
    };
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "大于50万得5分，每增加50万加1分，最高10分",
        "<50个不得分；达到50个得5分，此基础上每增加1个加0.1分",
        "达到20%得5分，每增加10%加1分",
    ];
    type Decided = Decided;

    /// A threshold and whole further steps; a step of percentage points is `linear`'s.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        let s = words::stepped(w).filter(|s| !s.proportional())?;
        let (mut d, f) = s.read(w, Self::NAME);
        d.term(crate::kinds::Rule::Step(Step {
            quantity: Quantity::Field(f),
            threshold: s.threshold.bound,
            points: s.threshold.points,
            step: s.increment.step,
            step_points: s.increment.points,
        }));
        Some(d)
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        let quantity = c.input(t);
        let threshold = c.bound(t, "from", "above");
        let points = c.positive(t, "points");
        let step = c.positive(t, "step");
        let step_points = c.positive(t, "step_points");
        let Some(threshold) = threshold? else {
            c.report(
                &t.span,
                &t.ctx,
                tx(
                    "`step` 规则需要起点 from（含本数）或 above（不含本数）",
                    "a `step` term needs `from` (inclusive) or `above` (exclusive)",
                ),
            );
            return None;
        };
        Some(Step {
            quantity: quantity?,
            threshold,
            points: points?,
            step: step?,
            step_points: step_points?,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        let (k, v) = lower_key(self.threshold);
        vec![
            ("input".into(), quantity_val(&self.quantity)),
            (k.into(), v),
            ("points".into(), Val::Dec(self.points)),
            ("step".into(), Val::Dec(self.step)),
            ("step_points".into(), Val::Dec(self.step_points)),
        ]
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
        let steps = if passed { self.steps(x) } else { Decimal::ZERO };
        let extra = steps.checked_mul(self.step_points).unwrap_or(Decimal::ZERO);
        let got = if passed {
            self.points.checked_add(extra).unwrap_or(Decimal::ZERO)
        } else {
            Decimal::ZERO
        };
        (
            got,
            Decided {
                value: x,
                passed,
                steps,
                extra,
            },
        )
    }

    fn edges<'q>(&'q self, env: &dyn Figures, out: &mut Edges<'q>) {
        out.at(
            &self.quantity,
            self.threshold.value,
            self.threshold.inclusive,
        );
        let q = env.measure(&self.quantity).value.unwrap_or(Decimal::ZERO);
        if self.threshold.passed_by(q) {
            let steps = self.steps(q);
            for k in [Some(steps), steps.checked_add(Decimal::ONE)]
                .into_iter()
                .flatten()
            {
                if let Some(at) = k
                    .checked_mul(self.step)
                    .and_then(|s| s.checked_add(self.threshold.value))
                {
                    out.at(&self.quantity, at, true);
                }
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
        let t = fmt_dec(self.threshold.value);
        let (p, sp, e) = (
            fmt_dec(self.points),
            fmt_dec(self.step_points),
            fmt_dec(d.extra),
        );
        // What lies above the threshold, in the figure's own unit.
        let over = fmt_exact(d.value - self.threshold.value);
        let inc = self.threshold.inclusive;
        match (lang, d.passed, d.steps.is_zero()) {
            (Lang::Zh, false, _) => format!(
                "{q}：{}{t}{unit}，得 0 分",
                if inc { "未达到 " } else { "未大于 " }
            ),
            (Lang::Zh, true, true) => format!(
                "{q}：{} {t}{}得 {p} 分",
                if inc { "达到" } else { "大于" },
                spaced(&unit)
            ),
            (Lang::Zh, true, false) => format!(
                "{q}：{} {t}{}得 {p} 分；超出 {over}{}，{}加 {sp} 分，加 {e} 分，共 {} 分",
                if inc { "达到" } else { "大于" },
                spaced(&unit),
                unit,
                per_zh_more(self.step, &unit),
                fmt_dec(got)
            ),
            (Lang::En, false, _) => format!(
                "{q}: {} {t}{unit}, 0 points",
                if inc { "below" } else { "not above" }
            ),
            (Lang::En, true, true) => format!(
                "{q}: {} {t}{unit} gives {}",
                if inc { "reaching" } else { "above" },
                pts_en(self.points)
            ),
            (Lang::En, true, false) => format!(
                "{q}: {} {t}{unit} gives {}; {over}{unit} more, at {} per further {}{unit}: {e} more, {}",
                if inc { "reaching" } else { "above" },
                pts_en(self.points),
                pts_en(self.step_points),
                fmt_dec(self.step),
                pts_en(got)
            ),
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
        let inc = self.threshold.inclusive;
        match (lang, before.passed) {
            (Lang::Zh, false) => format!(
                "{} {t}{}得 {} 分",
                if inc { "达到" } else { "大于" },
                spaced(&unit),
                fmt_dec(self.points)
            ),
            (Lang::Zh, true) => format!(
                "{}加 {} 分",
                per_zh_more(self.step, &unit),
                fmt_dec(self.step_points)
            ),
            (Lang::En, false) => format!(
                "{} {t}{unit} gives {}",
                if inc { "reaching" } else { "above" },
                pts_en(self.points)
            ),
            (Lang::En, true) => format!(
                "{} more per further {}{unit}",
                pts_en(self.step_points),
                fmt_dec(self.step)
            ),
        }
    }
}
