//! What a score holds: the report of one space under one rubric, its groups, items,
//! figures and warnings. Decimals serialize as strings.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::input::FieldError;
use crate::text::{ser_dec, ser_opt_dec};

/// The result of scoring one space under one rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The rubric's id.
    pub rubric: String,
    /// The rubric data's version.
    pub rubric_version: String,
    /// `formula`, `weights` or `form`.
    pub method: &'static str,
    /// The base score (null for a form).
    #[serde(serialize_with = "ser_opt_dec")]
    pub base: Option<Decimal>,
    /// The bonus points (null for a form).
    #[serde(serialize_with = "ser_opt_dec")]
    pub bonus: Option<Decimal>,
    /// Base plus bonus (null for a form).
    #[serde(serialize_with = "ser_opt_dec")]
    pub total: Option<Decimal>,
    /// The most the base can be.
    #[serde(serialize_with = "ser_dec")]
    pub base_max: Decimal,
    /// The most the bonus can be.
    #[serde(serialize_with = "ser_dec")]
    pub bonus_max: Decimal,
    /// Whether the bonus items added up to more than the rubric's cap on the bonus total,
    /// so the cap applied.
    pub bonus_capped: bool,
    /// The grade, where the document publishes bands or a veto names one.
    pub grade: Option<String>,
    /// The grade in English.
    pub grade_en: Option<String>,
    /// Why the grade is lower than the total alone would give, if it is.
    pub grade_notes: Vec<String>,
    /// The same in English.
    pub grade_notes_en: Vec<String>,
    /// Whether a 一票否决 clause applies.
    pub vetoed: bool,
    /// The clauses that apply, verbatim.
    pub veto_reasons: Vec<String>,
    /// The same in English.
    pub veto_reasons_en: Vec<String>,
    /// Subtotals by group.
    pub groups: Vec<GroupScore>,
    /// Every item's score and explanation.
    pub items: Vec<ItemScore>,
    /// Figures computed for the whole rubric (a form's derived figures).
    pub figures: Vec<FigureValue>,
    /// Fields the score needs that are still empty (they count as zero).
    pub missing: Vec<String>,
    /// Fields that could not be read.
    pub errors: Vec<FieldError>,
    /// Figures that do not agree with each other.
    pub warnings: Vec<Warning>,
    /// Inputs this rubric does not read, by key (shown as [`crate::text::quote_short`]
    /// gives it: shortened, control characters escaped).
    pub ignored: Vec<String>,
}

impl Report {
    /// A report that holds nothing yet, for the engine to write over.
    pub(crate) fn empty() -> Report {
        Report {
            rubric: String::new(),
            rubric_version: String::new(),
            method: "",
            base: None,
            bonus: None,
            total: None,
            base_max: Decimal::ZERO,
            bonus_max: Decimal::ZERO,
            bonus_capped: false,
            grade: None,
            grade_en: None,
            grade_notes: Vec::new(),
            grade_notes_en: Vec::new(),
            vetoed: false,
            veto_reasons: Vec::new(),
            veto_reasons_en: Vec::new(),
            groups: Vec::new(),
            items: Vec::new(),
            figures: Vec::new(),
            missing: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            ignored: Vec::new(),
        }
    }

    /// Whether every needed field is filled and readable.
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && self.errors.is_empty()
    }

    /// The score of the item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// What `score` gives programs: the report, plus whether it is complete. The CLI prints it
/// as JSON and the JS API returns it as a plain object, so both give exactly this.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreOutput {
    /// The report, its members at the top level.
    #[serde(flatten)]
    pub report: Report,
    /// Whether every needed field is filled and readable ([`Report::complete`]).
    pub complete: bool,
    /// What the person should know about the document the figures came from (saved work
    /// of another rubric or version, members beside `values` not read), in Chinese.
    pub notes: Vec<String>,
    /// The same, in English.
    pub notes_en: Vec<String>,
}

impl From<Report> for ScoreOutput {
    fn from(report: Report) -> Self {
        let complete = report.complete();
        ScoreOutput {
            report,
            complete,
            notes: Vec::new(),
            notes_en: Vec::new(),
        }
    }
}

impl ScoreOutput {
    /// The report of the figures `doc` held, scored under `rubric`, with what the person
    /// should know about the document ([`crate::json_inputs::InputDocument::notes`]).
    pub fn of(
        report: Report,
        doc: &crate::json_inputs::InputDocument,
        rubric: &crate::rubric::Rubric,
    ) -> Self {
        let notes = doc.notes(rubric);
        ScoreOutput {
            notes: notes.iter().map(|t| t.zh.clone()).collect(),
            notes_en: notes.iter().map(|t| t.en.clone()).collect(),
            ..ScoreOutput::from(report)
        }
    }
}

/// A group's subtotal.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupScore {
    /// The group's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its items' scores added up.
    #[serde(serialize_with = "ser_dec")]
    pub score: Decimal,
    /// Its weight.
    #[serde(serialize_with = "ser_dec")]
    pub max: Decimal,
    /// Whether it holds bonus items.
    pub bonus: bool,
}

/// One item's result.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ItemScore {
    /// The item's id.
    pub id: String,
    /// Its group's id.
    pub group: String,
    /// Its score; null while one of its inputs cannot be read.
    #[serde(serialize_with = "ser_opt_dec")]
    pub score: Option<Decimal>,
    /// Its maximum.
    #[serde(serialize_with = "ser_dec")]
    pub max: Decimal,
    /// Whether its terms added up to more than the maximum, so the cap applied.
    pub capped: bool,
    /// Whether any part of it is self-assessed.
    pub self_assessed: bool,
    /// How the score came about, naming the figures and the rule.
    pub explanation: String,
    /// The same in English.
    pub explanation_en: String,
    /// Its inputs that are still empty.
    pub missing: Vec<String>,
    /// Its inputs that cannot be read.
    pub errors: Vec<String>,
    /// Figures computed beside it.
    pub figures: Vec<FigureValue>,
}

/// A computed figure.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FigureValue {
    /// The figure's id.
    pub id: String,
    /// What it is called.
    pub label: String,
    /// The same in English.
    pub label_en: String,
    /// Its exact value; null when it cannot be computed (nothing to divide by).
    #[serde(serialize_with = "ser_opt_dec")]
    pub value: Option<Decimal>,
    /// Its value for display ("66.67%"), or "—".
    pub display: String,
    /// Whether it meets its reference line, where it has one and can be computed.
    pub meets: Option<bool>,
    /// The reference line, for display ("≥ 50%").
    pub target: Option<String>,
}

/// A consistency warning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What does not agree, in Chinese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
    /// The fields involved.
    pub fields: Vec<String>,
}
