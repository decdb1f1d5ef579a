//! `per`: points for every whole N (每2位导师得1分).

use rust_decimal::Decimal;

use super::Figures;
#[cfg(feature = "draft")]
use super::Rule;
use super::{Case, Edges, Example, Key, Kind, Measure, Reason};
use crate::amounts::{per_en, per_zh, pts_en};
use crate::quantity::Quantity;
use crate::text::{fmt_dec, Lang, Text};
use crate::val::{quantity_val, Val};

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::toml_tree::Table;

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

crate::compact::record!(Per {
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
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "每2位导师得1分，最高5分",
        "每外聘1位创业导师得1分",
        "每获得30万元融资得1分",
        "纳税额每满3万元得1分",
        "每项1分，最高8分",
        "每60人次计1分",
        "大学毕业生创业企业1家1分",
    ];
    type Decided = Decided;

    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(i, c)| {
            let p = phrase(&c.norm)?;
            let mut d = Drafted::default();
            let name = w.name_for(c, &[&p.noun, p.before]);
            let f = d.field(words::field(&name, p.unit));
            let unit = p.unit.unwrap_or("个");
            let every = fmt_dec(p.every);
            let (zh, en) = words::pts(p.points);
            d.read(
                i,
                format!("“{name}”每满 {every} {unit}得 {zh}（per）"),
                format!("{en} for every whole {every} {unit} of “{name}” (per)"),
            );
            if !p.qualifier.is_empty() {
                d.read(
                    i,
                    format!("“{}”：每一{unit}都须满足的条件，按一{unit}计", p.qualifier),
                    format!(
                        "“{}”: what each {unit} must meet, counted as one",
                        p.qualifier
                    ),
                );
            }
            d.term(Rule::Per(Per {
                quantity: Quantity::Field(f),
                every: p.every,
                points: p.points,
            }));
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
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

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let x = m.value();
        let steps = x
            .checked_div(self.every)
            .map_or(Decimal::ZERO, |d| d.floor());
        let got = steps.checked_mul(self.points).unwrap_or(Decimal::ZERO);
        (got, Decided { value: x, steps })
    }

    fn edges<'q>(&'q self, env: &dyn Figures, out: &mut Edges<'q>) {
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
        env: &dyn Figures,
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

    fn reason(&self, r: &Reason<'_>, _: &Decided, _: &Decided, _: Decimal, lang: Lang) -> String {
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

/// “每2位导师得1分” as its parts.
#[cfg(feature = "draft")]
struct Phrase<'s> {
    /// The words before 每 (纳税额每满3万元…).
    before: &'s str,
    /// What is counted, with the verb before it (外聘创业导师).
    noun: String,
    every: Decimal,
    unit: Option<&'static str>,
    points: Decimal,
    /// A condition each unit meets (每类导师1名以上: “1名以上”).
    qualifier: &'s str,
}

/// Words that make “每…” a step above a threshold (每增加…), not a count.
#[cfg(feature = "draft")]
const MORE: &[&str] = &["增加", "提高", "增长", "递增", "超过", "再", "多"];

/// “每N U X得P分”, “X每满N U得P分” or “X N U P分”.
#[cfg(feature = "draft")]
fn phrase(s: &str) -> Option<Phrase<'_>> {
    if s.contains('扣') {
        return None;
    }
    let (head, points) = words::points_tail(s)?;
    if points <= Decimal::ZERO {
        return None;
    }
    let Some(at) = head.find('每') else {
        // “大学毕业生创业企业1家1分”: one unit of a named thing.
        let k = head.find(|c: char| c.is_ascii_digit())?;
        let noun = head.get(..k)?;
        let (every, unit, tail) = words::number_unit(head.get(k..)?)?;
        let named = !noun.is_empty()
            && words::op_before(noun).is_none()
            && ![
                "达到", "大于", "超过", "少于", "低于", "不足", "以上", "以下", "-", "最高",
            ]
            .iter()
            .any(|w| noun.contains(w));
        return (named && unit.is_some() && tail.is_empty()).then(|| Phrase {
            before: "",
            noun: noun.to_string(),
            every,
            unit,
            points,
            qualifier: "",
        });
    };
    let before = head.get(..at)?;
    if before.contains("基础上") || before.ends_with("部分") {
        return None;
    }
    let rest = head.get(at + '每'.len_utf8()..)?;
    let rest = rest.strip_prefix('满').unwrap_or(rest);
    if MORE.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    let (verb, every, unit, tail) = if let Some((u, tail)) = words::unit(rest) {
        ("", Decimal::ONE, Some(u), tail)
    } else if let Some((n, u, tail)) = words::number_unit(rest) {
        ("", n, u, tail)
    } else {
        // 每外聘1位…: a verb of at most four characters, then the number.
        let k = rest.find(|c: char| c.is_ascii_digit())?;
        let verb = rest.get(..k)?;
        if verb.chars().count() > 4 || MORE.iter().any(|w| verb.contains(w)) {
            return None;
        }
        let (n, u, tail) = words::number_unit(rest.get(k..)?)?;
        (verb, n, u, tail)
    };
    if every <= Decimal::ZERO {
        return None;
    }
    let end = tail
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(tail.len());
    let (noun, qualifier) = (tail.get(..end)?, tail.get(end..)?);
    if !qualifier.is_empty() {
        // Only “1名以上” may follow what is counted.
        let (_, _, after) = words::number_unit(qualifier)?;
        words::op_after(after).filter(|(_, r)| r.is_empty())?;
    }
    let noun = if noun.is_empty() {
        String::new()
    } else {
        format!("{verb}{noun}")
    };
    Some(Phrase {
        before,
        noun,
        every,
        unit,
        points,
        qualifier,
    })
}
