//! `flag`: points for a yes (是否设立公共服务平台（5分）).

use rust_decimal::Decimal;

use super::{field_name, Case, Example, Key, Kind, Measure, Reads, Reason};
use super::{Figures, Slot};
use crate::amounts::pts_en;
use crate::input::Reading;
use crate::text::{fmt_dec, Lang, Text};
use crate::val::Val;

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::field::FieldKind;
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Table};

/// `points` when a yes/no field is answered yes.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// The yes/no field.
    pub field: String,
    /// The points for yes.
    pub points: Decimal,
}

crate::compact::record!(Flag { field, points });

/// The answer, if given.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// Yes, no, or not answered.
    pub answer: Option<bool>,
}

impl Kind for Flag {
    const NAME: &'static str = "flag";
    const SUMMARY: (&'static str, &'static str) = (
        "回答“是”得分（是否设立公共服务平台（5分））",
        "points for a yes (has a public service platform: 5 points)",
    );
    const KEYS: &'static [Key] = &[
        Key {
            name: "input",
            required: true,
            zh: "是 / 否字段的编号",
            en: "the id of a yes/no field",
        },
        Key {
            name: "points",
            required: true,
            zh: "回答“是”得的分数（大于 0）",
            en: "the points for yes (above zero)",
        },
    ];
    const POLICY: Option<&'static str> = None;
    const EXAMPLE: Example = Example {
        wording: "是否设立公共服务平台（5分）",
        fields: "[fields.ex_platform]\nname = \"是否设立公共服务平台\"\nname_en = \"Has a public service platform\"\nkind = \"bool\"\n",
        term: "kind = \"flag\"\ninput = \"ex_platform\"\npoints = \"5\"\n",
        max: "5",
        cases: &[
            Case { inputs: &[("ex_platform", "是")], points: "5", says: ("是，得 5 分", "yes, 5 points"), advice: None },
            Case { inputs: &[("ex_platform", "否")], points: "0", says: ("否，不得分", "no, 0 points"), advice: Some(("ex_platform", "是", "5")) },
        ],
    };
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &["是否设立公共服务平台（5分）", "其中年报2分"];
    type Decided = Decided;

    /// A yes/no question and its points: “是否设立公共服务平台（5分）”, or a thing and its
    /// points (“其中年报2分”), read as whether it is there, for an official to confirm.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(i, c)| {
            if words::max_clause(&c.norm).is_some() {
                return None;
            }
            let (question, asked, points) = match words::bare_points(&c.norm) {
                Some(p) => {
                    let before = i.checked_sub(1).and_then(|k| w.free(k).map(|c| (k, c)));
                    match before.filter(|(_, b)| statement(&b.norm)) {
                        Some((k, b)) => (words::clean(&b.norm), Some(k), p),
                        None if statement(&c.subject) => (words::clean(&c.subject), None, p),
                        None => return None,
                    }
                }
                None => {
                    let (head, p) = words::points_tail(&c.norm)?;
                    let one = c.norm.matches('分').count() == 1;
                    (one && statement(head)).then(|| (words::clean(head), None, p))?
                }
            };
            if points <= Decimal::ZERO || question.is_empty() {
                return None;
            }
            let mut d = Drafted::default();
            let f = d.field(words::question(&question));
            let (zh, en) = words::pts(points);
            if let Some(k) = asked {
                d.read(
                    k,
                    format!("是 / 否：“{question}”（flag）"),
                    format!("yes/no: “{question}” (flag)"),
                );
            }
            d.read(
                i,
                format!("答“是”得 {zh}（flag）"),
                format!("{en} for a yes (flag)"),
            );
            if !question.starts_with("是否") && !question.starts_with("有无") {
                d.review.push(Text::new(
                    format!("“{question}”读作是 / 否问题（有即得 {zh}），请核对"),
                    format!("“{question}” is read as a yes/no question ({en} for a yes): check it"),
                ));
            }
            d.term(crate::kinds::Rule::Flag(Flag { field: f, points }));
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        let n = t.need(c.sink(), "input")?;
        let field = n.text(c.sink())?;
        if !c.field_of(
            &n,
            &field,
            |k| *k == FieldKind::Bool,
            tx("是 / 否字段", "a yes/no field"),
        ) {
            return None;
        }
        Some(Flag {
            field,
            points: c.positive(t, "points")?,
        })
    }

    fn write(&self) -> Vec<(String, Val)> {
        vec![
            ("input".into(), Val::Text(self.field.clone())),
            ("points".into(), Val::Dec(self.points)),
        ]
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
        Some(self.points)
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let answer = match m.field() {
            Slot::Value(Reading::Bool(b)) => Some(*b),
            _ => None,
        };
        let got = if answer == Some(true) {
            self.points
        } else {
            Decimal::ZERO
        };
        (got, Decided { answer })
    }

    fn sentence(
        &self,
        env: &dyn Figures,
        label: Option<&Text>,
        d: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let name = field_name(env, &self.field, label, lang);
        match (lang, d.answer) {
            (Lang::Zh, Some(true)) => format!("{name}：是，得 {} 分", fmt_dec(got)),
            (Lang::Zh, Some(false)) => format!("{name}：否，不得分"),
            (Lang::Zh, None) => format!("{name}：未回答（按 0 计）"),
            (Lang::En, Some(true)) => format!("{name}: yes, {}", pts_en(got)),
            (Lang::En, Some(false)) => format!("{name}: no, 0 points"),
            (Lang::En, None) => format!("{name}: not answered (counts as 0)"),
        }
    }

    fn reason(&self, _: &Reason<'_>, _: &Decided, _: &Decided, got: Decimal, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("回答“是”得 {} 分", fmt_dec(got)),
            Lang::En => format!("yes gives {}", pts_en(got)),
        }
    }
}

/// Words that can be a yes/no question: no figure, no count, no deduction, no maximum.
#[cfg(feature = "draft")]
fn statement(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || "/×=%<>≤≥".contains(c))
        && !s.contains(['每', '扣'])
        && words::max_clause(s).is_none()
        && words::self_marker(s).is_none()
}
