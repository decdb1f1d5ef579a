//! `choice`: points by the level chosen (国家级5分、省级3分、市级1分).

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
use crate::text::quote_short;
#[cfg(feature = "check")]
use crate::toml_tree::{tx, Node, Table};
#[cfg(feature = "check")]
use std::collections::BTreeMap;

/// Points by the level chosen in a single-choice field.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The single-choice field.
    pub field: String,
    /// Each option's id and points, in the field's order.
    pub points: Vec<(String, Decimal)>,
}

crate::compact::record!(Choice { field, points });

/// The option chosen, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// Its id.
    pub chosen: Option<String>,
}

impl Choice {
    /// An option's name in `lang`, or its id.
    fn option_name(&self, env: &dyn Figures, id: &str, lang: Lang) -> String {
        env.field(&self.field)
            .and_then(|f| f.kind().options().iter().find(|o| o.id() == id))
            .map_or_else(|| id.to_string(), |o| o.name().get(lang).to_string())
    }
}

impl Kind for Choice {
    const NAME: &'static str = "choice";
    const SUMMARY: (&'static str, &'static str) = (
        "按所选级别计分（国家级5分、省级3分、市级1分）",
        "points by the level chosen (national 5, provincial 3, municipal 1)",
    );
    const KEYS: &'static [Key] = &[
        Key {
            name: "input",
            required: true,
            zh: "单选字段的编号（kind = \"choice\"）",
            en: "the id of a single-choice field (kind = \"choice\")",
        },
        Key {
            name: "points",
            required: true,
            zh: "每个选项的分数：{ 选项编号 = \"分数\", … }，每个选项都要写（不得分的写 \"0\"）",
            en: "each option's points: { option = \"points\", … }, every option (\"0\" where it scores nothing)",
        },
    ];
    const POLICY: Option<&'static str> = None;
    const EXAMPLE: Example = Example {
        wording: "国家级5分，省级3分，未认定0分",
        fields: "[fields.ex_level]\nname = \"认定级别\"\nname_en = \"Recognition level\"\nkind = \"choice\"\noptions = [\n  { id = \"national\", name = \"国家级\", name_en = \"National\" },\n  { id = \"provincial\", name = \"省级\", name_en = \"Provincial\" },\n  { id = \"none\", name = \"未认定\", name_en = \"None\" },\n]\n",
        term: "kind = \"choice\"\ninput = \"ex_level\"\npoints = { national = \"5\", provincial = \"3\", none = \"0\" }\n",
        max: "5",
        cases: &[
            Case { inputs: &[("ex_level", "provincial")], points: "3", says: ("省级，得 3 分", "Provincial, 3 points"), advice: Some(("ex_level", "national", "2")) },
            // The next level up is the suggestion: the least that gains.
            Case { inputs: &[("ex_level", "none")], points: "0", says: ("未认定，得 0 分", "None, 0 points"), advice: Some(("ex_level", "provincial", "3")) },
        ],
    };
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[
        "国家级5分，省级3分，未认定0分",
        "国家级5分、省级3分、市级1分",
    ];
    type Decided = Decided;

    /// Levels and their points (国家级5分、省级3分…), one of which is chosen; where no level
    /// gives 0, a last option “无” does.
    #[cfg(feature = "draft")]
    fn draft(w: &Words<'_>) -> Option<Drafted> {
        w.frees().find_map(|(i, c)| {
            let mut levels: Vec<(usize, String, Decimal)> = Vec::new();
            let mut j = i;
            while let Some(c) = w.free(j) {
                let parts: Option<Vec<(String, Decimal)>> = c.norm.split('、').map(level).collect();
                match parts {
                    Some(p) => levels.extend(p.into_iter().map(|(n, p)| (j, n, p))),
                    None => break,
                }
                j += 1;
            }
            let named = levels
                .iter()
                .filter(|l| !NONE.contains(&l.1.as_str()))
                .count();
            if named < 2 {
                return None;
            }
            let mut names: Vec<String> = levels.iter().map(|l| l.1.clone()).collect();
            let mut points: Vec<Decimal> = levels.iter().map(|l| l.2).collect();
            if !points.contains(&Decimal::ZERO) {
                names.push("无".into());
                points.push(Decimal::ZERO);
            }
            let mut d = Drafted::default();
            let f = d.field(words::FieldDraft {
                name: w.name_for(c, &[]),
                unit: String::new(),
                shape: words::Shape::OneOf(names.clone()),
                given: false,
            });
            for (j, n, p) in &levels {
                let (zh, en) = words::pts(*p);
                d.read(
                    *j,
                    format!("选“{n}”得 {zh}（choice）"),
                    format!("“{n}” chosen: {en} (choice)"),
                );
            }
            let points = points
                .into_iter()
                .enumerate()
                .map(|(k, p)| (words::option_id(k), p))
                .collect();
            d.term(crate::kinds::Rule::Choice(Choice { field: f, points }));
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
            |k| matches!(k, FieldKind::Choice(_)),
            tx(
                "单选字段（kind = \"choice\"）",
                "a single-choice field (kind = \"choice\")",
            ),
        ) {
            return None;
        }
        let options: Vec<String> = c
            .field(&field)
            .map(|f| f.kind.options().iter().map(|o| o.id.clone()).collect())
            .unwrap_or_default();
        let pn = t.need(c.sink(), "points")?;
        let pt = pn.table(c.sink())?;
        let mut given: BTreeMap<String, Decimal> = BTreeMap::new();
        let mut ok = true;
        for (key, value) in pt.table.iter() {
            let k: &str = key.get_ref();
            let vn = Node::new(value, pt.ctx.child(quote_short(k), quote_short(k)));
            if !options.iter().any(|o| o == k) {
                c.report(
                    &key.span(),
                    &vn.ctx,
                    tx(
                        format!(
                            "字段 `{field}` 没有选项 `{}`；选项有：{}",
                            quote_short(k),
                            options.join(", ")
                        ),
                        format!(
                            "the field `{field}` has no option `{}`; its options are: {}",
                            quote_short(k),
                            options.join(", ")
                        ),
                    ),
                );
                ok = false;
                continue;
            }
            match vn.decimal(c.sink()) {
                Some(d) if d >= Decimal::ZERO => {
                    given.insert(k.to_string(), d);
                }
                Some(_) => {
                    c.report(
                        &vn.span,
                        &vn.ctx,
                        tx("分数不能为负数", "points cannot be negative"),
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        let missing: Vec<&str> = options
            .iter()
            .filter(|o| !given.contains_key(*o))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            c.report(
                &pn.span,
                &pn.ctx,
                tx(
                    format!("每个选项都要给分（不得分的写 \"0\"）；缺少：{list}"),
                    format!("give every option its points (\"0\" where it scores nothing); missing: {list}"),
                ),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        let points = options
            .iter()
            .filter_map(|o| given.get(o).map(|p| (o.clone(), *p)))
            .collect();
        Some(Choice { field, points })
    }

    fn write(&self) -> Vec<(String, Val)> {
        let pairs = self
            .points
            .iter()
            .map(|(o, p)| (o.clone(), Val::Dec(*p)))
            .collect();
        vec![
            ("input".into(), Val::Text(self.field.clone())),
            ("points".into(), Val::Table(pairs)),
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
        self.points.iter().map(|o| o.1).max()
    }

    fn points(&self, m: &dyn Measure) -> (Decimal, Decided) {
        let chosen = match m.field() {
            Slot::Value(Reading::Choices(c)) => c.first().cloned(),
            _ => None,
        };
        let got = chosen
            .as_ref()
            .and_then(|c| self.points.iter().find(|(o, _)| o == c))
            .map_or(Decimal::ZERO, |(_, p)| *p);
        (got, Decided { chosen })
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
        let all = self
            .points
            .iter()
            .map(|(o, p)| format!("{} {}", self.option_name(env, o, lang), fmt_dec(*p)))
            .collect::<Vec<_>>()
            .join(" / ");
        let chosen = d.chosen.as_deref().map(|c| self.option_name(env, c, lang));
        match (lang, chosen) {
            (Lang::Zh, Some(o)) => format!("{name}：{o}，得 {} 分（{all}）", fmt_dec(got)),
            (Lang::Zh, None) => format!("{name}：未选择（按 0 计；{all}）"),
            (Lang::En, Some(o)) => format!("{name}: {o}, {} ({all})", pts_en(got)),
            (Lang::En, None) => format!("{name}: not chosen (counts as 0; {all})"),
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
        let Some(c) = &after.chosen else {
            return String::new();
        };
        let name = self.option_name(r.env, c, lang);
        match lang {
            Lang::Zh => format!("“{name}”得 {} 分", fmt_dec(got)),
            Lang::En => format!("“{name}” gives {}", pts_en(got)),
        }
    }
}

/// Words for “no level”: an option that gives nothing.
#[cfg(feature = "draft")]
const NONE: &[&str] = &["无", "未认定", "未获得", "未评定", "其他", "其它"];

/// Levels a document names, longest first.
#[cfg(feature = "draft")]
const LEVELS: &[&str] = &[
    "国家级",
    "省级",
    "自治区级",
    "市级",
    "地市级",
    "县级",
    "区级",
    "县(区)级",
    "国家",
    "省",
    "市",
];

/// “国家级5分”: the level and its points.
#[cfg(feature = "draft")]
fn level(s: &str) -> Option<(String, Decimal)> {
    let (head, p) = words::points_tail(s)?;
    let head = words::clean(head);
    let known = LEVELS.iter().any(|l| head.starts_with(l)) || NONE.contains(&head.as_str());
    (known && !head.chars().any(|c| c.is_ascii_digit()) && !head.contains('每'))
        .then_some((head, p))
}
