//! Scoring one space after another under one rubric, each report written over the last:
//! what a batch of a district's filings does.

use super::measure::{Env, Slot};
use super::{write_report, Detail, Report, Room};
use crate::input::{Given, Inputs};
use crate::rubric::{Field, Rubric};

/// Scores many spaces under one rubric, one after another, reusing the room one space's
/// report took for the next: its strings and lists are written over, and the ids and
/// names it repeats for every space are not written again. Each report is exactly what
/// [`score_with`](crate::score_with) gives for the same inputs; only what it costs
/// differs (a batch's report is mostly the same text every time, and allocating it anew
/// for every row was a large part of scoring one).
///
/// ```
/// use spacescore_core::{score_with, Detail, Inputs, Scorer};
/// let catalog = spacescore_builtin::catalog();
/// let rubric = catalog.rubric("xinxiang/comprehensive").unwrap();
/// let mut scorer = Scorer::new(rubric, Detail::Scores);
/// for fund in ["180", "20", "万元"] {
///     let mut inputs = Inputs::new();
///     inputs.insert("incubation_fund".into(), fund.into());
///     assert_eq!(scorer.score(&inputs), &score_with(rubric, &inputs, Detail::Scores));
/// }
///
/// // A spreadsheet row: each field's cell by the field's place in `rubric.fields()`.
/// let at = rubric.fields().keys().position(|id| id == "incubation_fund").unwrap();
/// let mut row = vec![None; rubric.fields().len()];
/// row[at] = Some("180");
/// assert_eq!(scorer.score_texts(&row).item("incubation-fund").unwrap().score, Some(7.into()));
/// ```
#[derive(Debug)]
pub struct Scorer<'r> {
    rubric: &'r Rubric,
    /// The rubric's fields in id order ([`Rubric::fields`]), listed once: walking the
    /// rubric's map of them for every space was a good part of reading its inputs.
    fields: Vec<&'r Field>,
    detail: Detail,
    slots: Vec<Slot>,
    room: Room,
    report: Report,
    /// Whether `report` holds a report of the rubric already (its ids and names).
    known: bool,
}

impl<'r> Scorer<'r> {
    /// A scorer for `rubric`, saying as much as `detail` asks.
    pub fn new(rubric: &'r Rubric, detail: Detail) -> Scorer<'r> {
        Scorer {
            rubric,
            fields: rubric.fields().values().collect(),
            detail,
            slots: Vec::new(),
            room: Room::default(),
            report: Report::empty(),
            known: false,
        }
    }

    /// The report of `inputs`, as [`score_with`](crate::score_with) gives it; it is written
    /// over by the next call.
    pub fn score(&mut self, inputs: &Inputs) -> &Report {
        let slots = std::mem::take(&mut self.slots);
        let env = Env::new_in(self.rubric, self.fields.iter().copied(), inputs, slots);
        self.finish(env)
    }

    /// The report of inputs given as text, one per field of the rubric in the order of
    /// [`Rubric::fields`] (`None`, or blank text, for a field left empty; nothing past the
    /// rubric's fields is read): a spreadsheet row, with no map of inputs to build. The
    /// same as [`Scorer::score`] with those texts as [`Value::Text`](crate::Value::Text).
    pub fn score_texts(&mut self, texts: &[Option<&str>]) -> &Report {
        let slots = std::mem::take(&mut self.slots);
        let env = Env::read(self.rubric, self.fields.iter().copied(), slots, |p, _| {
            texts.get(p).copied().flatten().map(Given::Text)
        });
        self.finish(env)
    }

    fn finish(&mut self, env: Env<'_>) -> &Report {
        write_report(
            &env,
            self.detail,
            &mut self.report,
            &mut self.room,
            self.known,
        );
        self.known = true;
        self.slots = env.into_slots();
        &self.report
    }
}
