//! The rubric file format, exactly as written in `rubrics/*.toml`.
//!
//! These structs mirror the files and nothing more: every reference, bound and total is
//! checked once in [`crate::rubric`], which converts them into the validated domain types
//! that scoring trusts. Decimals are strings here and are parsed during that conversion.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The whole catalog: what `build.rs` assembles from `rubrics/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// The interpretation policy, shown beside the items each line affects.
    pub policies: Vec<PolicyFile>,
    /// The shared field dictionary: field id to definition.
    pub fields: BTreeMap<String, FieldFile>,
    /// One entry per source document (one rubric file).
    pub documents: Vec<DocumentFile>,
}

/// One line of the interpretation policy.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub id: String,
    pub zh: String,
    pub en: String,
}

/// One entry of the field dictionary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFile {
    pub name: String,
    pub name_en: String,
    /// `count`, `amount`, `signed-amount`, `percent`, `bool` or `checklist`.
    pub kind: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub unit_en: String,
    /// Largest value a person may enter (for example 12 monthly reports).
    #[serde(default)]
    pub max: Option<String>,
    /// Why this field exists apart from a similar one, or which documents share it.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub options: Vec<OptionFile>,
}

/// One choice of a checklist field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    pub id: String,
    pub name: String,
    pub name_en: String,
}

/// One source document and the rubric(s) it defines.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFile {
    /// Added by `build.rs`: the rubric file's name, for error messages.
    pub file: String,
    pub document: DocumentMeta,
    pub rubrics: Vec<RubricHead>,
    #[serde(default)]
    pub groups: Vec<GroupFile>,
    #[serde(default)]
    pub items: Vec<ItemFile>,
    #[serde(default)]
    pub rows: Vec<RowFile>,
    #[serde(default)]
    pub grades: Vec<GradeFile>,
    #[serde(default)]
    pub vetoes: Vec<VetoFile>,
    #[serde(default)]
    pub limits: Vec<LimitFile>,
    #[serde(default)]
    pub checks: Vec<CheckFile>,
    #[serde(default)]
    pub figures: Vec<FigureFile>,
    /// Interpretations that concern the whole document rather than one item.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Bibliographic facts about the source document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    pub title: String,
    pub issuer: String,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub year: Option<String>,
    pub period: String,
    /// The part of the document that holds the table.
    pub section: String,
    /// The seed file name.
    pub source: String,
    #[serde(default)]
    pub references: Vec<String>,
}

/// One rubric defined by a document (Xinxiang's table defines two).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricHead {
    pub id: String,
    pub version: String,
    pub name: String,
    pub name_en: String,
    pub region: String,
    pub region_en: String,
    pub space_type: String,
    pub space_type_en: String,
    /// `formula`, `weights` or `form`.
    pub method: String,
    #[serde(default)]
    pub base_max: Option<String>,
    #[serde(default)]
    pub bonus_max: Option<String>,
    /// Grade names the document lists without cut-offs (Xinxiang).
    #[serde(default)]
    pub grade_names: Vec<String>,
    /// Why no grade is shown, where that is the case.
    #[serde(default)]
    pub grades_note: Option<String>,
}

/// A value that is either the same for every rubric of the document or given per rubric id
/// (Xinxiang's table has one weight column per space type; `-` marks an item a type lacks).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum PerRubric {
    One(String),
    Each(BTreeMap<String, String>),
}

/// A 一级指标.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// The group's heading as the document writes it.
    pub source: String,
    /// The group's weight; a form's sections have none.
    #[serde(default)]
    pub max: Option<PerRubric>,
    #[serde(default)]
    pub bonus: bool,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A 二级指标.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    pub id: String,
    pub group: String,
    /// The row number the document gives (序号), if any.
    #[serde(default)]
    pub number: Option<String>,
    pub name: String,
    pub name_en: String,
    /// The indicator's explanation (指标解释 / 指标说明), verbatim.
    pub source_text: String,
    /// The scoring rule (计分细则), verbatim, where the document has one apart from the text.
    #[serde(default)]
    pub rule_text: Option<String>,
    pub max: PerRubric,
    /// 定量 or 定性, as the document labels it.
    #[serde(default)]
    pub nature: Option<String>,
    /// What the applicant must supply as evidence (评价材料), verbatim.
    #[serde(default)]
    pub evidence: Option<String>,
    #[serde(default)]
    pub terms: Vec<TermFile>,
    /// Raw figures that help a self-assessment; they do not change the score.
    #[serde(default)]
    pub aids: Vec<String>,
    #[serde(default)]
    pub figures: Vec<FigureFile>,
    /// Policy lines that affect this item (ids from the catalog's policies).
    #[serde(default)]
    pub policies: Vec<String>,
    /// Interpretations particular to this item.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A quantity: one field, a sum of fields, or a ratio of sums.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum QuantityFile {
    Field(String),
    Shape(QuantityShape),
}

/// The table form of [`QuantityFile`]; exactly one of its keys is given.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityShape {
    #[serde(default)]
    pub sum: Option<Vec<String>>,
    /// 100 × Σ`percent` ÷ Σ`of`.
    #[serde(default)]
    pub percent: Option<Vec<String>>,
    #[serde(default)]
    pub of: Option<Vec<String>>,
    /// Σ`ratio` ÷ Σ`per`.
    #[serde(default)]
    pub ratio: Option<Vec<String>>,
    #[serde(default)]
    pub per: Option<Vec<String>>,
    /// 100 × (`growth` ÷ `from` − 1).
    #[serde(default)]
    pub growth: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    /// Σ`difference` − Σ`minus`.
    #[serde(default)]
    pub difference: Option<Vec<String>>,
    #[serde(default)]
    pub minus: Option<Vec<String>>,
}

/// One term of an item's rule; the item's score is the sum of its terms, capped.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermFile {
    /// `bands`, `per`, `step`, `flag`, `self`, `highest`, `deduct` or `condition`.
    pub kind: String,
    /// The quantity a `bands`, `per`, `step` or `deduct` term measures; a `flag` term's field.
    #[serde(default)]
    pub input: Option<QuantityFile>,
    /// What the quantity is called in explanations, where the field's own name would not do.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub label_en: Option<String>,
    #[serde(default)]
    pub bands: Vec<BandFile>,
    /// `per`: every this many units…
    #[serde(default)]
    pub every: Option<String>,
    /// …award this many points (`per`, `flag`, `condition`); the points at the threshold (`step`).
    #[serde(default)]
    pub points: Option<String>,
    /// `step`: the threshold, inclusive (`from`) or exclusive (`above`).
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub above: Option<String>,
    /// `step`: each further `step` units add `step_points`.
    #[serde(default)]
    pub step: Option<String>,
    #[serde(default)]
    pub step_points: Option<String>,
    /// `self`: the most this self-assessed part may score.
    #[serde(default)]
    pub max: Option<String>,
    /// `deduct`: the points before deductions, and what each unit takes off.
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub each: Option<String>,
    /// `highest`: the options, of which only the best counts.
    #[serde(default)]
    pub options: Vec<HighestFile>,
    /// `condition`: every comparison must hold.
    #[serde(default)]
    pub all: Vec<ComparisonFile>,
}

/// One bracket of a band table. Exactly one lower bound (`from` inclusive or `above`
/// exclusive) and at most one upper bound (`below` exclusive or `through` inclusive).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandFile {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub above: Option<String>,
    #[serde(default)]
    pub below: Option<String>,
    #[serde(default)]
    pub through: Option<String>,
    pub points: String,
}

/// One option of a `highest` term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighestFile {
    pub input: String,
    pub points: String,
}

/// `quantity op value`, for conditions, vetoes and figures.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonFile {
    pub input: QuantityFile,
    /// What the quantity is called in explanations, where the field's own name would not do.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub label_en: Option<String>,
    pub op: String,
    pub value: String,
}

/// A grade band; bounds as in [`BandFile`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeFile {
    pub name: String,
    pub name_en: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub above: Option<String>,
    #[serde(default)]
    pub below: Option<String>,
    #[serde(default)]
    pub through: Option<String>,
}

/// A 一票否决 item. It applies when its `flag` field is answered yes, or when its
/// comparison holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VetoFile {
    pub id: String,
    /// The clause, verbatim.
    pub text: String,
    pub text_en: String,
    #[serde(default)]
    pub flag: Option<String>,
    #[serde(default)]
    pub when: Option<ComparisonFile>,
    /// The grade a veto imposes, where the document names one.
    #[serde(default)]
    pub grade: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A clause that caps the grade without vetoing (秦皇岛 第十九条).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitFile {
    pub id: String,
    pub text: String,
    pub text_en: String,
    pub flag: String,
    /// The best grade still possible when the clause applies.
    pub grade_at_most: String,
}

/// A consistency check between figures: `left op right`, warned about when it fails.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckFile {
    pub left: QuantityFile,
    pub op: String,
    pub right: QuantityFile,
    pub message: String,
    pub message_en: String,
}

/// A figure computed from inputs and shown beside them (a ratio, a growth rate…).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureFile {
    pub id: String,
    pub label: String,
    pub label_en: String,
    pub input: QuantityFile,
    /// A reference line the figure is compared against (for example "≥ 50").
    #[serde(default)]
    pub target: Option<TargetFile>,
}

/// The comparison part of a figure's reference line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    pub op: String,
    pub value: String,
}

/// One row of a data form (Shanxi): a field with the label and unit the form prints.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowFile {
    pub group: String,
    pub field: String,
    /// The row's label, verbatim.
    pub label: String,
    /// The unit column, verbatim (empty where the form leaves it empty).
    #[serde(default)]
    pub unit: String,
}
