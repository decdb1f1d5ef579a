//! `per`: points for every whole N (每2位导师得1分).

use rust_decimal::Decimal;

use super::{Case, Edges, Example, Key, Kind, Measure, Reason};
use crate::rubric::rule::Quantity;
use crate::rubric::source::{quantity_val, Val};
use crate::score::measure::Env;
use crate::score::sentences::{per_en, per_zh, pts_en};
use crate::text::{fmt_dec, Lang, Text};

#[cfg(feature = "check")]
use super::TermAt;
#[cfg(feature = "check")]
use crate::check::file::Checking;
#[cfg(feature = "check")]
use crate::check::tree::Table;

/// `points` for every whole `every` units: floor(value ÷ every) × points.
#[derive(Debug, Clone, PartialEq)]
pub struct Per {
    /// The measured quantity.
    pub quantity: Quantity,
    /// The size of one step.
    pub every: Decimal,
    /// The points per step.
    pub points: Decimal,
}

crate::rubric::codec::record!(Per {
    quantity,
    every,
    points
});

/// The value measured and the whole steps in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The value.
    pub value: Decimal,
    /// floor(value ÷ every).
    pub steps: Decimal,
}

impl Kind for Per {
    const NAME: &'static str = "per";
    const SUMMARY: (&'static str, &'static str) = (
        "每满 N 个得若干分（每2位导师得1分）",
        "points for every whole N (1 point per 2 mentors)",
    );
    const KEYS: &'static [Key] = &[
        super::bands::Bands::KEYS[0],
        Key {
            name: "every",
            required: true,
            zh: "每多少个算一步（大于 0）",
            en: "how many units make one step (above zero)",
        },
        Key {
            name: "points",
            required: true,
            zh: "每一步的分数（大于 0）",
            en: "the points per step (above zero)",
        },
    ];
    const POLICY: Option<&'static str> = Some("per-count");
    const EXAMPLE: Example = Example {
        wording: "每2位导师得1分，最高5分",
        fields: "[fields.ex_mentors]\nname = \"导师\"\nname_en = \"Mentors\"\nkind = \"count\"\nunit = \"人\"\nunit_en = \"people\"\n",
        term: "kind = \"per\"\ninput = \"ex_mentors\"\nevery = \"2\"\npoints = \"1\"\n",
        max: "5",
        cases: &[
            // floor(5 ÷ 2) = 2; the sixth mentor makes a third pair.
            Case { inputs: &[("ex_mentors", "5")], points: "2", says: ("每 2 人得 1 分", "1 point per 2 people"), advice: Some(("ex_mentors", "6", "1")) },
            Case { inputs: &[("ex_mentors", "14")], points: "5", says: ("得 7 分", "7 points"), advice: None },
        ],
    };
    type Decided = Decided;

    #[cfg(feature = "check")]
    fn read(c: &mut Checking<'_, '_>, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        let quantity = c.input(t);
        let every = c.positive(t, "every");
        let points = c.positive(t, "points");
        Some(Per {
            quantity: quantity?,
            every: every?,
            points: points?,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        vec![
            ("input".into(), quantity_val(&self.quantity)),
            ("every".into(), Val::Dec(self.every)),
            ("points".into(), Val::Dec(self.points)),
        ]
    }

    fn quantity(&self) -> Option<&Quantity> {
        Some(&self.quantity)
    }

    fn ceiling(&self) -> Option<Decimal> {
        None
    }

    fn points(&self, m: &Measure<'_, '_>) -> (Decimal, Decided) {
        let x = m.value();
        let steps = x
            .checked_div(self.every)
            .map_or(Decimal::ZERO, |d| d.floor());
        let got = steps.checked_mul(self.points).unwrap_or(Decimal::ZERO);
        (got, Decided { value: x, steps })
    }

    fn edges<'q>(&'q self, env: &Env<'_>, out: &mut Edges<'q>) {
        let steps = env
            .measure(&self.quantity)
            .value
            .unwrap_or(Decimal::ZERO)
            .checked_div(self.every)
            .map_or(Decimal::ZERO, |s| s.floor());
        for k in [Some(steps), steps.checked_add(Decimal::ONE)]
            .into_iter()
            .flatten()
        {
            if let Some(at) = k.checked_mul(self.every) {
                out.at(&self.quantity, at, true);
            }
        }
        // Below zero the part gives nothing (only deductions take points away): the first
        // step that counts is the first whole `every`.
        out.at(&self.quantity, self.every, true);
    }

    fn sentence(
        &self,
        env: &Env<'_>,
        label: Option<&Text>,
        _: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let q = env.show(&self.quantity, label, lang);
        let unit = env.unit(&self.quantity, lang);
        match lang {
            Lang::Zh => format!(
                "{q}，{}得 {} 分，得 {} 分",
                per_zh(self.every, &unit),
                fmt_dec(self.points),
                fmt_dec(got)
            ),
            Lang::En => format!(
                "{q}; {} {}: {}",
                pts_en(self.points),
                per_en(self.every, &unit),
                pts_en(got)
            ),
        }
    }

    fn reason(
        &self,
        r: &Reason<'_, '_>,
        _: &Decided,
        _: &Decided,
        _: Decimal,
        lang: Lang,
    ) -> String {
        let unit = r.env.unit(&self.quantity, lang);
        match lang {
            Lang::Zh => format!(
                "{}得 {} 分",
                per_zh(self.every, &unit),
                fmt_dec(self.points)
            ),
            Lang::En => format!("{} {}", pts_en(self.points), per_en(self.every, &unit)),
        }
    }
}
