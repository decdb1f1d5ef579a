//! `bands`: points by bracket (少于500平米1分；500-3000平米2分；3000平米以上3分).

use rust_decimal::Decimal;

use super::Figures;
use super::{Case, Edges, Example, Key, Kind, Measure, Reason};
use crate::amounts::{band_en, band_zh, pts_en};
use crate::quantity::{Band, Quantity};
use crate::text::{fmt_dec, Lang, Text};
use crate::val::{interval_keys, quantity_val, Val};

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "draft")]
use super::Rule;
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::quantity::Interval;
#[cfg(feature = "draft")]
use crate::quantity::{Bound, Op};
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Table};

/// Points by bracket: the value falls in exactly one band.
#[derive(Debug, Clone, PartialEq)]
pub struct Bands {
    /// The measured quantity.
    pub quantity: Quantity,
    /// The brackets, ascending, without gaps or overlaps.
    pub bands: Vec<Band>,
}

crate::compact::record!(Bands { quantity, bands });

/// The value measured, and the band it fell in, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The value.
    pub value: Decimal,
    /// The index of its band.
    pub band: Option<usize>,
}

impl Kind for Bands {
    const NAME: &'static str = "bands";
    const SUMMARY: (&'static str, &'static str) = (
        "按档位计分（少于500平米1分；500-3000平米2分）",
        "points by bracket (under 500 m² 1 point; 500–3000 m² 2 points)",
    );
    const KEYS: &'static [Key] = &[
        Key {
            name: "input",
            required: true,
            zh: "计量的数量：字段编号，或 sum、percent、ratio、growth、difference",
            en: "the measured quantity: a field id, or sum, percent, ratio, growth, difference",
        },
        Key {
            name: "bands",
            required: true,
            zh: "各档：[{ from 或 above, below 或 through, points }]，由低到高，首尾相接",
            en: "the brackets: [{ from or above, below or through, points }], ascending, meeting end to end",
        },
    ];
    const POLICY: Option<&'static str> = Some("band-edges");
    const EXAMPLE: Example = Example {
        wording: "少于500平方米1分；500-3000平方米2分；3000平方米以上3分",
        fields: "[fields.ex_area]\nname = \"场地面积\"\nname_en = \"Floor area\"\nkind = \"amount\"\nunit = \"平方米\"\nunit_en = \"m²\"\n",
        term: "kind = \"bands\"\ninput = \"ex_area\"\nbands = [\n  { above = \"0\", below = \"500\", points = \"1\" },\n  { from = \"500\", below = \"3000\", points = \"2\" },\n  { from = \"3000\", points = \"3\" },\n]\n",
        max: "3",
        cases: &[
            // 500 is both bands' endpoint: it belongs to the higher one.
            Case { inputs: &[("ex_area", "500")], points: "2", says: ("得 2 分", "2 points"), advice: Some(("ex_area", "3000", "1")) },
            Case { inputs: &[("ex_area", "499")], points: "1", says: ("少于 500 平方米", "under 500 m²"), advice: Some(("ex_area", "500", "1")) },
            // No floor area is not “under 500”.
            Case { inputs: &[("ex_area", "0")], points: "0", says: ("不在任何计分档位", "in no scoring band"), advice: Some(("ex_area", "0.00000001", "1")) },
        ],
    };
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "少于500平方米1分；500-3000平方米2分；3000平方米以上3分",
        "1-3人得1分；4-6人2分；7-10人得3分；10-14人得4分；15人及以上得5分",
        "500平方米以下1分、500-1000平方米2分、1000平方米以上3分",
    ];
    type Decided = Decided;

    /// Two or more brackets in a row, one a clause (or one a part of a clause between 、).
    /// The brackets meet as the policy line `band-edges` reads them: a value two brackets
    /// share goes to the higher one (“500-3000…；3000-10000…”: 3000 is in the second); a
    /// count's “1-3人…；4-6人…” leaves no gap (3.5 people do not exist); the first bracket of
    /// “少于500” starts above 0.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        for (i, c) in w.frees() {
            // The clauses from `i` that are brackets, each with its parts.
            let mut run: Vec<(usize, Vec<Phrase>)> = Vec::new();
            let mut j = i;
            while let Some(c) = w.free(j) {
                let parts: Option<Vec<Phrase>> = c.norm.split('、').map(phrase).collect();
                match parts {
                    Some(p) if !p.is_empty() => run.push((j, p)),
                    _ => break,
                }
                j += 1;
            }
            let count: usize = run.iter().map(|r| r.1.len()).sum();
            if count < 2 {
                continue;
            }
            let all: Vec<&Phrase> = run.iter().flat_map(|r| &r.1).collect();
            let unit = all.iter().find_map(|p| p.unit);
            let subject = all
                .iter()
                .map(|p| p.subject.as_str())
                .find(|s| !s.is_empty());
            let name = w.name_for(c, &[subject.unwrap_or("")]);
            let counted =
                unit.is_none_or(|u| words::field("", Some(u)).shape == words::Shape::Count);
            let bands = meet(&all, counted)?;
            let mut d = Drafted::default();
            let f = d.field(words::field(&name, unit));
            let unit = unit.unwrap_or("");
            for (j, parts) in &run {
                for p in parts {
                    let lower = p.lower.map_or(Decimal::ZERO, |b| b.value);
                    let band = bands
                        .iter()
                        .find(|b| b.range.lower.is_some_and(|l| l.value == lower));
                    let Some(band) = band else { continue };
                    let (zh, en) = words::pts(p.points);
                    let (rz, re) = range(band.range, unit);
                    d.read(
                        *j,
                        format!("“{name}”{rz}得 {zh}（bands）"),
                        format!("{en} for “{name}” {re} (bands)"),
                    );
                }
            }
            d.term(Rule::Bands(Bands {
                quantity: Quantity::Field(f),
                bands,
            }));
            return Some(d);
        }
        None
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        let quantity = c.input(t);
        let mut bands = Vec::new();
        let mut ok = true;
        let band_tables = t.tables(c.sink(), "bands");
        if band_tables.is_empty() {
            t.missing(c.sink(), "bands");
            return None;
        }
        for (k, b) in band_tables.into_iter().enumerate() {
            let b = b.within(
                t.ctx
                    .child(format!("第 {} 档", k + 1), format!("band {}", k + 1)),
            );
            b.only(
                c.sink(),
                &["from", "above", "below", "through", "points"],
                tx("档位", "a band"),
            );
            let range = c.interval(&b);
            let points = b.decimal(c.sink(), "points").and_then(|p| {
                if p < Decimal::ZERO {
                    let at = b.node("points").map_or(b.span.clone(), |n| n.span);
                    c.report(
                        &at,
                        &b.ctx,
                        tx(
                            "分数不能为负数（扣分请用 `deduct` 规则）",
                            "points cannot be negative (write a deduction as a `deduct` term)",
                        ),
                    );
                    return None;
                }
                Some(p)
            });
            match (range, points) {
                (Some(range), Some(points)) => {
                    if range.lower.is_none() {
                        c.report(
                            &b.span,
                            &b.ctx,
                            tx(
                                "每一档都要有下限（from 或 above）",
                                "every band has a lower bound (`from` or `above`)",
                            ),
                        );
                        ok = false;
                    }
                    bands.push(Band { range, points });
                }
                _ => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let ranges: Vec<Interval> = bands.iter().map(|b| b.range).collect();
        if !c.contiguous(t, &ranges, tx("档位", "bands")) {
            return None;
        }
        if bands
            .windows(2)
            .any(|w| matches!(w, [a, b] if b.points < a.points))
        {
            c.report(
                &t.span,
                &t.ctx,
                tx(
                    "数量越高，档位分数不应越低",
                    "band points must not fall as the quantity rises",
                ),
            );
            return None;
        }
        Some(Bands {
            quantity: quantity?,
            bands,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        let list = self
            .bands
            .iter()
            .map(|b| {
                let mut pairs: Vec<(String, Val)> = interval_keys(b.range)
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect();
                pairs.push(("points".into(), Val::Dec(b.points)));
                Val::Table(pairs)
            })
            .collect();
        vec![
            ("input".into(), quantity_val(&self.quantity)),
            ("bands".into(), Val::List(list)),
        ]
    }

    fn quantity(&self) -> Option<&Quantity> {
        Some(&self.quantity)
    }

    fn ceiling(&self) -> Option<Decimal> {
        self.bands.iter().map(|b| b.points).max()
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let x = m.value();
        let band = self.bands.iter().position(|b| b.range.contains(x));
        let points = band
            .and_then(|i| self.bands.get(i))
            .map_or(Decimal::ZERO, |b| b.points);
        (points, Decided { value: x, band })
    }

    fn edges<'q>(&'q self, _: &dyn Figures, out: &mut Edges<'q>) {
        for b in &self.bands {
            if let Some(l) = b.range.lower {
                out.at(&self.quantity, l.value, l.inclusive);
            }
            if let Some(u) = b.range.upper {
                // `q ≤ u` turns false where `q > u` turns true, and `q < u` where `q ≥ u`.
                out.at(&self.quantity, u.value, !u.inclusive);
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
        let band = d.band.and_then(|i| self.bands.get(i));
        match (band, lang) {
            (Some(b), Lang::Zh) => {
                format!("{q}：属“{}”一档，得 {} 分", band_zh(b, &unit), fmt_dec(got))
            }
            (Some(b), Lang::En) => {
                format!("{q}: in the band “{}”, {}", band_en(b, &unit), pts_en(got))
            }
            (None, Lang::Zh) => format!("{q}：不在任何计分档位，得 0 分"),
            (None, Lang::En) => format!("{q}: in no scoring band, 0 points"),
        }
    }

    fn reason(
        &self,
        r: &Reason<'_>,
        _: &Decided,
        after: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let unit = r.env.unit(&self.quantity, lang);
        match (after.band.and_then(|i| self.bands.get(i)), lang) {
            (Some(b), Lang::Zh) => format!("进入“{}”档，得 {} 分", band_zh(b, &unit), fmt_dec(got)),
            (Some(b), Lang::En) => {
                format!("into the band “{}”, {}", band_en(b, &unit), pts_en(got))
            }
            (None, _) => String::new(),
        }
    }
}

/// One bracket as a document words it.
#[cfg(feature = "draft")]
struct Phrase {
    /// The words before the figures (服务人员10人以上…), if any.
    subject: String,
    lower: Option<Bound>,
    upper: Option<Bound>,
    /// Whether the upper bound came from “a-b”, to be met by the next bracket.
    dash: bool,
    unit: Option<&'static str>,
    points: Decimal,
}

/// A band as its reading says it: “≥ 500 且 < 3000 平方米” / “from 500 to below 3000 平方米”.
#[cfg(feature = "draft")]
fn range(r: Interval, unit: &str) -> (String, String) {
    // (sign, word) for a bound that excludes its value, then for one that includes it.
    let side = |b: Bound, (out, inside): ((&str, &str), (&str, &str))| {
        let v = fmt_dec(b.value);
        let (zh, en) = if b.inclusive { inside } else { out };
        (format!("{zh} {v}"), format!("{en} {v}"))
    };
    let lower = r.lower.map(|b| side(b, ((">", "above"), ("≥", "from"))));
    let upper = r.upper.map(|b| side(b, (("<", "below"), ("≤", "through"))));
    let (zh, en): (Vec<String>, Vec<String>) = lower.into_iter().chain(upper).unzip();
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    (
        format!("{}{unit} ", zh.join(" 且 ")),
        format!("{}{unit}", en.join(" to ")),
    )
}

/// A bracket: “少于500平米1分”, “500-3000平米2分”, “10000平米以上得4分”, “大于50万得5分”.
#[cfg(feature = "draft")]
fn phrase(s: &str) -> Option<Phrase> {
    let (head, points) = words::points_tail(s)?;
    let head = head.trim_end_matches('的');
    let at = head
        .char_indices()
        .find(|(k, c)| c.is_ascii_digit() || head.get(*k..).and_then(words::op_before).is_some())
        .map(|(k, _)| k)?;
    let subject = words::clean(head.get(..at)?);
    let body = head.get(at..)?;
    let bound = |value, inclusive| Some(Bound { value, inclusive });
    let mut p = Phrase {
        subject,
        lower: None,
        upper: None,
        dash: false,
        unit: None,
        points,
    };
    if let Some((op, rest)) = words::op_before(body) {
        let (n, unit, rest) = words::number_unit(rest)?;
        let (op, rest) = match words::op_after(rest) {
            Some((Op::Ge, r)) if op == Op::Ge => (op, r),
            Some(_) => return None,
            None => (op, rest),
        };
        if !rest.is_empty() {
            return None;
        }
        p.unit = unit;
        match op {
            Op::Lt => p.upper = bound(n, false),
            Op::Le => p.upper = bound(n, true),
            Op::Gt => p.lower = bound(n, false),
            Op::Ge => p.lower = bound(n, true),
            Op::Eq => return None,
        }
        return Some(p);
    }
    let (n, unit, rest) = words::number_unit(body)?;
    p.unit = unit;
    if let Some(rest) = rest.strip_prefix(['-', '至']) {
        let (m, unit2, rest) = words::number_unit(rest)?;
        if !rest.is_empty() || m < n {
            return None;
        }
        p.unit = p.unit.or(unit2);
        p.lower = bound(n, true);
        p.upper = bound(m, true);
        p.dash = true;
        return Some(p);
    }
    let (op, rest) = words::op_after(rest)?;
    if !rest.is_empty() {
        return None;
    }
    match op {
        Op::Ge => p.lower = bound(n, true),
        Op::Le => p.upper = bound(n, true),
        _ => return None,
    }
    Some(p)
}

/// The brackets in order, each meeting the next.
#[cfg(feature = "draft")]
fn meet(all: &[&Phrase], counted: bool) -> Option<Vec<Band>> {
    let mut sorted: Vec<&&Phrase> = all.iter().collect();
    let key = |p: &Phrase| p.lower.map_or(Decimal::MIN, |b| b.value);
    sorted.sort_by_key(|a| key(a));
    let mut out = Vec::with_capacity(sorted.len());
    for (k, p) in sorted.iter().enumerate() {
        let next = sorted.get(k + 1).and_then(|n| n.lower);
        let lower = p.lower.or(Some(Bound {
            value: Decimal::ZERO,
            inclusive: false,
        }));
        let upper = match (p.upper, next) {
            // “500-3000…；3000-…”: the shared value goes to the higher bracket; a count's
            // “1-3人…；4-6人…” has nothing between 3 and 4.
            (Some(u), Some(n))
                if p.dash
                    && (n.value == u.value
                        || (counted
                            && n.inclusive
                            && Some(n.value) == u.value.checked_add(Decimal::ONE))) =>
            {
                Some(Bound {
                    value: n.value,
                    inclusive: !n.inclusive,
                })
            }
            (None, Some(n)) => Some(Bound {
                value: n.value,
                inclusive: !n.inclusive,
            }),
            (u, _) => u,
        };
        out.push(Band {
            range: Interval { lower, upper },
            points: p.points,
        });
    }
    Some(out)
}
