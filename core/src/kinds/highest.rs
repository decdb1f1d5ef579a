//! `highest`: the best of several options counts, not their sum (国家级荣誉加6分；省级荣誉每一项
//! 加3分；按最高项计，不得累加).

use rust_decimal::Decimal;

use super::Figures;
use super::Part;
use super::{Case, Edges, Example, Key, Kind, Measure, Motion, Reads, Reason};
use crate::amounts::{pts_en, sep};
use crate::text::{fmt_dec, Lang, Text};
use crate::val::Val;

#[cfg(feature = "draft")]
use super::words::{self, Drafted, Words};
#[cfg(feature = "check")]
use super::{Keys, TermAt};
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Table};

/// The points of the best option whose count is above zero; never their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Highest {
    /// Each option's field and the points it gives when non-zero.
    pub options: Vec<(String, Decimal)>,
}

crate::compact::record!(Highest { options });

/// Nothing beyond the points: the sentence lists the options' figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided;

impl Kind for Highest {
    const NAME: &'static str = "highest";
    const SUMMARY: (&'static str, &'static str) = (
        "按最高项计，不累加（国家级加6分，省级加3分，按最高项计）",
        "only the best option counts (national 6, provincial 3: the highest, not the sum)",
    );
    const KEYS: &'static [Key] = &[Key {
        name: "options",
        required: true,
        zh: "各选项：[{ input, points }]（至少两项），数量大于 0 的选项中取最高分",
        en: "the options: [{ input, points }] (two or more); the best of those above zero counts",
    }];
    const POLICY: Option<&'static str> = None;
    const EXAMPLE: Example = Example {
        wording: "获国家级荣誉加6分，省级荣誉加3分，按最高项计，不得累加",
        fields: "[fields.ex_national]\nname = \"国家级荣誉\"\nname_en = \"National honours\"\nkind = \"count\"\nunit = \"项\"\nunit_en = \"honours\"\n\n[fields.ex_provincial]\nname = \"省级荣誉\"\nname_en = \"Provincial honours\"\nkind = \"count\"\nunit = \"项\"\nunit_en = \"honours\"\n",
        term: "kind = \"highest\"\noptions = [\n  { input = \"ex_national\", points = \"6\" },\n  { input = \"ex_provincial\", points = \"3\" },\n]\n",
        max: "6",
        cases: &[
            Case { inputs: &[("ex_provincial", "2"), ("ex_national", "0")], points: "3", says: ("按最高项计，得 3 分", "only the highest counts"), advice: Some(("ex_national", "1", "3")) },
            // Both: the best, 6, not 9.
            Case { inputs: &[("ex_provincial", "2"), ("ex_national", "1")], points: "6", says: ("得 6 分（不得累加）", "6 points"), advice: None },
        ],
    };
    const LABELLED: bool = false;
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "国家级荣誉加6分；省级荣誉每一项加3分；按最高项计，不得累加。",
        "获国家级荣誉加6分，省级荣誉加3分，按最高项计，不得累加",
    ];
    type Decided = Decided;

    /// Two or more options and their points, then “按最高项计” (or “不得累加”…).
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(m, c)| {
            words::highest_marker(&c.norm)?;
            let mut options: Vec<(usize, String, Decimal)> = Vec::new();
            let mut k = m;
            while let Some(b) = k.checked_sub(1).and_then(|j| w.free(j)) {
                let parts: Option<Vec<(String, Decimal)>> =
                    b.norm.split('、').map(option).collect();
                match parts {
                    Some(p) => {
                        k -= 1;
                        options.splice(0..0, p.into_iter().map(|(n, p)| (k, n, p)));
                    }
                    None => break,
                }
            }
            if options.len() < 2 {
                return None;
            }
            let mut d = Drafted::default();
            let mut list = Vec::new();
            for (j, name, points) in &options {
                let f = d.field(words::field(name, Some("项")));
                let (zh, en) = words::pts(*points);
                d.read(
                    *j,
                    format!("有“{name}”得 {zh}（highest）"),
                    format!("{en} with any “{name}” (highest)"),
                );
                list.push((f, *points));
            }
            let mut j = m;
            while let Some(c) = w
                .free(j)
                .filter(|c| words::highest_marker(&c.norm).is_some())
            {
                d.read(
                    j,
                    "只取最高一项，不累加（highest）",
                    "only the best counts, not the sum (highest)",
                );
                let _ = c;
                j += 1;
            }
            d.term(crate::kinds::Rule::Highest(Highest { options: list }));
            Some(d)
        })
    }

    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, _: &TermAt<'_>) -> Option<Self> {
        let tables = t.tables(c.sink(), "options");
        if tables.len() < 2 {
            c.report(
                &t.span,
                &t.ctx,
                tx(
                    "`highest` 规则至少要有两个选项（options）",
                    "a `highest` term needs at least two options",
                ),
            );
            return None;
        }
        let mut options = Vec::new();
        let mut ok = true;
        for (k, o) in tables.into_iter().enumerate() {
            let o = o.within(
                t.ctx
                    .child(format!("第 {} 个选项", k + 1), format!("option {}", k + 1)),
            );
            o.only(c.sink(), &["input", "points"], tx("选项", "an option"));
            let field = o.need(c.sink(), "input").and_then(|n| {
                let id = n.text(c.sink())?;
                c.numeric_field(&n, &id).then_some(id)
            });
            let points = c.positive(&o, "points");
            match (field, points) {
                (Some(f), Some(p)) => options.push((f, p)),
                _ => ok = false,
            }
        }
        ok.then_some(Highest { options })
    }

    fn write(&self) -> Vec<(String, Val)> {
        let list = self
            .options
            .iter()
            .map(|(f, p)| {
                Val::Table(vec![
                    ("input".into(), Val::Text(f.clone())),
                    ("points".into(), Val::Dec(*p)),
                ])
            })
            .collect();
        vec![("options".into(), Val::List(list))]
    }

    fn fields(&self) -> Vec<&str> {
        self.options.iter().map(|o| o.0.as_str()).collect()
    }

    fn reads(&self) -> Reads<'_> {
        Reads::Fields(self.fields())
    }

    fn ceiling(&self) -> Option<Decimal> {
        self.options.iter().map(|o| o.1).max()
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let got = self
            .options
            .iter()
            .zip(m.all())
            .filter(|(_, q)| q.value.is_some_and(|v| v > Decimal::ZERO))
            .map(|((_, p), _)| *p)
            .max()
            .unwrap_or(Decimal::ZERO);
        (got, Decided)
    }

    // Each option counts once its field is above zero.
    fn edges<'q>(&'q self, _: &dyn Figures, out: &mut Edges<'q>) {
        out.option = true;
    }

    fn rises(&self, m: &dyn Motion, part: &Part) -> bool {
        m.up()
            && self
                .options
                .iter()
                .any(|(f, p)| f == m.id() && *p > part.points)
    }

    fn sentence(
        &self,
        env: &dyn Figures,
        _: Option<&Text>,
        _: &Decided,
        got: Decimal,
        lang: Lang,
    ) -> String {
        let list = self
            .options
            .iter()
            .map(|(f, _)| env.show_field(f, None, lang))
            .collect::<Vec<_>>()
            .join(sep(lang));
        match lang {
            Lang::Zh => format!("{list}：按最高项计，得 {} 分（不得累加）", fmt_dec(got)),
            Lang::En => format!(
                "{list}: only the highest counts (no adding up), {}",
                pts_en(got)
            ),
        }
    }

    fn reason(&self, _: &Reason<'_>, _: &Decided, _: &Decided, got: Decimal, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("按最高项计，得 {} 分", fmt_dec(got)),
            Lang::En => format!("only the highest counts: {}", pts_en(got)),
        }
    }
}

/// “国家级荣誉加6分”, “省级荣誉每一项加3分”: what is counted and its points.
#[cfg(feature = "draft")]
fn option(s: &str) -> Option<(String, Decimal)> {
    let (head, points) = words::points_tail(s)?;
    let head = ["每1项", "每项", "每1个", "每个", "每1次", "每次"]
        .iter()
        .find_map(|e| head.strip_suffix(e))
        .unwrap_or(head);
    let name = words::clean(head.trim_start_matches("获得").trim_start_matches('获'));
    let plain =
        !name.is_empty() && !name.chars().any(|c| c.is_ascii_digit()) && !name.contains('每');
    (plain && points > Decimal::ZERO).then_some((name, points))
}
