//! Validated rubrics: the domain types that scoring trusts.
//!
//! A [`Rubric`] comes from the rubric checker (which reads a rubric file
//! and checks every invariant: ids are unique, every reference resolves, item maxima add
//! up to their group and the groups to the rubric's stated totals, band tables have no
//! gaps or overlaps, every item quotes its source, and each rule cites the policy line
//! that governs it), or from its compiled form ([`Rubric::from_bytes`]), which the checker
//! wrote. After that, nothing in scoring needs to check them again.
//!
//! A compiled rubric is self-contained: it carries every field it reads and every policy
//! line it cites, so a page can fetch one rubric without the others.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::error::Error;
use crate::text::Text;

pub(crate) mod codec;
pub mod compare;
pub(crate) mod resolved;
pub mod source;

pub use crate::field::{Choice, Field, FieldKind};
pub use crate::kinds::{Rule, Term};
pub use crate::quantity::{Band, Bound, Comparison, Interval, Op, Quantity, Rate};

/// A set of rubrics, looked up by id (the built-in ones, or those a tool has loaded).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub(crate) rubrics: Vec<Rubric>,
}

/// One line of the interpretation policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub(crate) id: String,
    pub(crate) text: Text,
}

impl Policy {
    /// The policy line's id (`band-edges`, `per-count`…).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// What the line says.
    pub fn text(&self) -> &Text {
        &self.text
    }
}

/// A bibliographic fact the source document gives, or says nothing about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stated {
    /// What the document says.
    Given(String),
    /// The document does not say; the note tells where that was looked for.
    NotStated(String),
}

impl Default for Stated {
    fn default() -> Self {
        Stated::NotStated(String::new())
    }
}

impl Stated {
    /// The stated text, if the document states it.
    pub fn given(&self) -> Option<&str> {
        match self {
            Stated::Given(s) => Some(s),
            Stated::NotStated(_) => None,
        }
    }
}

/// Bibliographic facts about a rubric's source document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The document's title.
    pub title: String,
    /// Who issued it, or that the document does not say.
    pub issuer: Stated,
    /// Its document number, where it has one (秦科高〔2023〕3号).
    pub number: Option<String>,
    /// The year it was issued or is for, or that the document does not say.
    pub year: Stated,
    /// The evaluation period it sets.
    pub period: String,
    /// The part of the document that holds the table.
    pub section: String,
    /// Where the text was transcribed from (a file name or an address), if recorded.
    pub source: Option<String>,
    /// Documents it cites.
    pub references: Vec<String>,
    /// Interpretations that concern the whole rubric.
    pub notes: Vec<String>,
}

/// How a rubric is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The document publishes a formula for (nearly) every item.
    Formula,
    /// Weights only: every item is self-assessed from 0 to its weight.
    Weights,
    /// A data form with no score.
    Form,
}

impl Method {
    /// The method's name in rubric files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Formula => "formula",
            Method::Weights => "weights",
            Method::Form => "form",
        }
    }
}

/// A figure computed from the inputs and shown beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub(crate) id: String,
    pub(crate) label: Text,
    pub(crate) quantity: Quantity,
    pub(crate) target: Option<(Op, Decimal)>,
}

impl Figure {
    /// The figure's id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// What it is called.
    pub fn label(&self) -> &Text {
        &self.label
    }
    /// How it is computed.
    pub fn quantity(&self) -> &Quantity {
        &self.quantity
    }
    /// A reference line it is compared with, if any.
    pub fn target(&self) -> Option<(Op, Decimal)> {
        self.target
    }
}

/// A 一级指标.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub(crate) id: String,
    pub(crate) name: Text,
    pub(crate) source: String,
    pub(crate) max: Decimal,
    pub(crate) bonus: bool,
    pub(crate) notes: Vec<String>,
}

impl Group {
    /// The group's id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its name.
    pub fn name(&self) -> &Text {
        &self.name
    }
    /// Its heading as the document writes it.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Its weight: the sum of its items' maxima.
    pub fn max(&self) -> Decimal {
        self.max
    }
    /// Whether it holds bonus (加分) items.
    pub fn bonus(&self) -> bool {
        self.bonus
    }
    /// Interpretations that concern the group.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

/// A 二级指标 and how it scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub(crate) id: String,
    pub(crate) group: String,
    pub(crate) number: Option<String>,
    pub(crate) name: Text,
    pub(crate) source_text: String,
    pub(crate) rule_text: Option<String>,
    pub(crate) max: Decimal,
    pub(crate) nature: Option<String>,
    pub(crate) evidence: Option<String>,
    pub(crate) bonus: bool,
    pub(crate) terms: Vec<Term>,
    pub(crate) aids: Vec<String>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) policies: Vec<String>,
    pub(crate) notes: Vec<String>,
}

impl Item {
    /// The item's id, unique in its rubric.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The id of its group.
    pub fn group(&self) -> &str {
        &self.group
    }
    /// The row number (序号) the document gives, if any.
    pub fn number(&self) -> Option<&str> {
        self.number.as_deref()
    }
    /// Its name.
    pub fn name(&self) -> &Text {
        &self.name
    }
    /// The indicator's explanation as the document writes it.
    pub fn source_text(&self) -> &str {
        &self.source_text
    }
    /// The scoring rule as the document writes it, where given apart from the text.
    pub fn rule_text(&self) -> Option<&str> {
        self.rule_text.as_deref()
    }
    /// Its maximum points.
    pub fn max(&self) -> Decimal {
        self.max
    }
    /// 定量 or 定性, as the document labels it.
    pub fn nature(&self) -> Option<&str> {
        self.nature.as_deref()
    }
    /// The evidence the document asks for, if it says.
    pub fn evidence(&self) -> Option<&str> {
        self.evidence.as_deref()
    }
    /// Whether it is a bonus (加分) item.
    pub fn bonus(&self) -> bool {
        self.bonus
    }
    /// Its rule, as terms that add up.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }
    /// Whether any part of its score is self-assessed.
    pub fn self_assessed(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.rule, Rule::SelfScore { .. }))
    }
    /// The fields its score depends on, in order, without repeats.
    pub fn inputs(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.terms
            .iter()
            .flat_map(|t| t.fields())
            .filter(|f| seen.insert(*f))
            .collect()
    }
    /// Raw figures that support a self-assessment but do not change the score.
    pub fn aids(&self) -> &[String] {
        &self.aids
    }
    /// Figures computed from the inputs and shown beside the item.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }
    /// The ids of the policy lines that affect the item.
    pub fn policies(&self) -> &[String] {
        &self.policies
    }
    /// Interpretations particular to the item.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

/// A grade band.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    pub(crate) name: Text,
    pub(crate) range: Interval,
}

impl Grade {
    /// The grade's name.
    pub fn name(&self) -> &Text {
        &self.name
    }
    /// The totals it covers.
    pub fn range(&self) -> Interval {
        self.range
    }
}

/// What sets off a veto.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    /// A yes/no field answered yes.
    Flag(String),
    /// A comparison that holds.
    Compare(Comparison),
}

/// A 一票否决 clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Veto {
    pub(crate) id: String,
    pub(crate) text: Text,
    pub(crate) trigger: Trigger,
    pub(crate) grade: Option<String>,
    pub(crate) notes: Vec<String>,
}

impl Veto {
    /// The clause's id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The clause, verbatim, and in English.
    pub fn text(&self) -> &Text {
        &self.text
    }
    /// What sets it off.
    pub fn trigger(&self) -> &Trigger {
        &self.trigger
    }
    /// The grade it imposes, where the document names one.
    pub fn grade(&self) -> Option<&str> {
        self.grade.as_deref()
    }
    /// Interpretations that concern the clause.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

/// A clause that caps the grade without vetoing.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub(crate) id: String,
    pub(crate) text: Text,
    pub(crate) flag: String,
    pub(crate) grade_at_most: usize,
}

impl Limit {
    /// The clause's id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The clause, verbatim, and in English.
    pub fn text(&self) -> &Text {
        &self.text
    }
    /// The yes/no field that sets it off.
    pub fn flag(&self) -> &str {
        &self.flag
    }
    /// The index (in [`Rubric::grades`]) of the best grade still possible.
    pub fn grade_at_most(&self) -> usize {
        self.grade_at_most
    }
}

/// A consistency rule between figures, warned about when it does not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Consistency {
    pub(crate) left: Quantity,
    pub(crate) op: Op,
    pub(crate) right: Quantity,
    pub(crate) message: Text,
    pub(crate) when: Option<Comparison>,
}

impl Consistency {
    /// The left side.
    pub fn left(&self) -> &Quantity {
        &self.left
    }
    /// The relation that should hold.
    pub fn op(&self) -> Op {
        self.op
    }
    /// The right side.
    pub fn right(&self) -> &Quantity {
        &self.right
    }
    /// What to tell the person when it does not hold.
    pub fn message(&self) -> &Text {
        &self.message
    }
    /// The condition under which the rule applies (Shanxi: service sessions on public
    /// technology platforms only when there is a platform), if any.
    pub fn when(&self) -> Option<&Comparison> {
        self.when.as_ref()
    }
}

/// One row of a data form.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub(crate) group: String,
    pub(crate) field: String,
    pub(crate) label: String,
    pub(crate) unit: String,
}

impl Row {
    /// The id of the form section.
    pub fn group(&self) -> &str {
        &self.group
    }
    /// The field the row fills.
    pub fn field(&self) -> &str {
        &self.field
    }
    /// The row's label as the form prints it.
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The unit column as the form prints it.
    pub fn unit(&self) -> &str {
        &self.unit
    }
}

/// A validated rubric: everything needed to score it and explain the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Rubric {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) hash: String,
    pub(crate) name: Text,
    pub(crate) region: Text,
    pub(crate) space_type: Text,
    pub(crate) method: Method,
    pub(crate) document: Document,
    pub(crate) base_max: Decimal,
    pub(crate) bonus_max: Decimal,
    pub(crate) bonus_cap: Option<Decimal>,
    pub(crate) groups: Vec<Group>,
    pub(crate) items: Vec<Item>,
    pub(crate) grades: Vec<Grade>,
    pub(crate) grade_names: Vec<Text>,
    pub(crate) grades_note: Option<String>,
    pub(crate) vetoes: Vec<Veto>,
    pub(crate) limits: Vec<Limit>,
    pub(crate) consistency: Vec<Consistency>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) rows: Vec<Row>,
    pub(crate) fields: BTreeMap<String, Field>,
    pub(crate) policies: Vec<Policy>,
    /// Its references resolved to positions, once ([`Rubric::resolved`]).
    pub(crate) resolved: resolved::Cached<resolved::Resolved>,
}

impl Rubric {
    /// The rubric's id (`xinxiang/professional`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The rubric data's version; saved work records it.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// A hash of the rubric's content (its compiled form, hex): saved work records it, so
    /// figures saved under one file are never silently read under another with the same id.
    pub fn hash(&self) -> &str {
        &self.hash
    }
    /// The first 12 hex digits of [`Rubric::hash`], for people.
    pub fn short_hash(&self) -> &str {
        self.hash.get(..12).unwrap_or(&self.hash)
    }
    /// The rubric's name.
    pub fn name(&self) -> &Text {
        &self.name
    }
    /// The region that publishes it.
    pub fn region(&self) -> &Text {
        &self.region
    }
    /// The kind of space it evaluates.
    pub fn space_type(&self) -> &Text {
        &self.space_type
    }
    /// How it is scored.
    pub fn method(&self) -> Method {
        self.method
    }
    /// Its source document.
    pub fn document(&self) -> &Document {
        &self.document
    }
    /// The most the base items can score (0 for a form).
    pub fn base_max(&self) -> Decimal {
        self.base_max
    }
    /// The most the bonus items can add: the bonus cap where the document sets one below
    /// the bonus items' sum, else their sum.
    pub fn bonus_max(&self) -> Decimal {
        self.bonus_cap.unwrap_or(self.bonus_max).min(self.bonus_max)
    }
    /// What the bonus items' maxima add up to, before any cap on the bonus total.
    pub fn bonus_items_max(&self) -> Decimal {
        self.bonus_max
    }
    /// The cap on the bonus total as a whole (“加分项累计不超过 10 分”), if the document sets one.
    pub fn bonus_cap(&self) -> Option<Decimal> {
        self.bonus_cap
    }
    /// Its groups, in the document's order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }
    /// Its items, in the document's order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
    /// Its grade bands, lowest first; empty where the document publishes no cut-offs.
    pub fn grades(&self) -> &[Grade] {
        &self.grades
    }
    /// Grade names the document lists without cut-offs, in both languages.
    pub fn grade_names(&self) -> &[Text] {
        &self.grade_names
    }
    /// Why no grade is shown, where that is the case.
    pub fn grades_note(&self) -> Option<&str> {
        self.grades_note.as_deref()
    }
    /// Its 一票否决 clauses.
    pub fn vetoes(&self) -> &[Veto] {
        &self.vetoes
    }
    /// Clauses that cap the grade.
    pub fn limits(&self) -> &[Limit] {
        &self.limits
    }
    /// Consistency rules between figures.
    pub fn consistency(&self) -> &[Consistency] {
        &self.consistency
    }
    /// Figures computed for the whole rubric (for a form).
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }
    /// The rows of a data form.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }
    /// Every field the rubric reads, by id.
    pub fn fields(&self) -> &BTreeMap<String, Field> {
        &self.fields
    }
    /// The field with this id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.get(id)
    }
    /// The policy lines its items cite.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }
    /// The policy line with this id.
    pub fn policy(&self, id: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.id == id)
    }
    /// Its references resolved to positions: computed the first time it is asked for (the
    /// first score), then kept.
    pub(crate) fn resolved(&self) -> &resolved::Resolved {
        self.resolved.get_or_init(|| resolved::Resolved::new(self))
    }
    /// The fields whose answers the score needs, in form order: every scored input and
    /// every veto or limit question. Aids and checked-only figures are not required.
    pub fn required_fields(&self) -> Vec<&str> {
        let at = self.resolved();
        at.required.iter().map(|p| at.id(*p)).collect()
    }

    /// [`Rubric::required_fields`], found from the items, rows, vetoes and limits.
    pub(crate) fn find_required_fields(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let from_items = self.items.iter().flat_map(|i| i.inputs());
        let from_rows = self.rows.iter().map(|r| r.field.as_str());
        let from_vetoes = self.vetoes.iter().flat_map(|v| match &v.trigger {
            Trigger::Flag(f) => vec![f.as_str()],
            Trigger::Compare(c) => c.quantity.fields(),
        });
        let from_limits = self.limits.iter().map(|l| l.flag.as_str());
        for f in from_items
            .chain(from_rows)
            .chain(from_vetoes)
            .chain(from_limits)
        {
            if seen.insert(f) {
                out.push(f);
            }
        }
        out
    }
}

/// Whether `s` is a rubric id: `region/type`, each part lowercase ascii letters, digits and
/// `-`, starting with a letter or digit, at most 64 characters each. Ids name files and URL
/// paths, so nothing else is allowed (no `..`, no `/` beyond the one).
pub fn is_rubric_id(s: &str) -> bool {
    let part = |p: &str| {
        let mut chars = p.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && p.len() <= 64
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    match s.split_once('/') {
        Some((region, kind)) => part(region) && part(kind),
        None => false,
    }
}

impl Catalog {
    /// A catalog of these rubrics.
    ///
    /// # Errors
    /// [`Error::Rubric`] when two rubrics have the same id.
    pub fn new(rubrics: Vec<Rubric>) -> Result<Catalog, Error> {
        let mut seen = BTreeSet::new();
        for r in &rubrics {
            if !seen.insert(r.id.as_str()) {
                return Err(Error::Rubric {
                    place: r.id.clone(),
                    message: Text::new("两个评价表用了这个编号", "two rubrics have this id"),
                });
            }
        }
        Ok(Catalog { rubrics })
    }

    /// Every rubric, in the catalog's order.
    pub fn rubrics(&self) -> &[Rubric] {
        &self.rubrics
    }

    /// The rubric with this id.
    ///
    /// # Errors
    /// [`Error::UnknownRubric`] when none has it.
    pub fn rubric(&self, id: &str) -> Result<&Rubric, Error> {
        self.rubrics
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::UnknownRubric(id.to_string()))
    }

    /// Adds a rubric, replacing one with the same id; its index.
    pub fn insert(&mut self, rubric: Rubric) -> usize {
        match self.rubrics.iter().position(|r| r.id == rubric.id) {
            Some(i) => {
                if let Some(slot) = self.rubrics.get_mut(i) {
                    *slot = rubric;
                }
                i
            }
            None => {
                self.rubrics.push(rubric);
                self.rubrics.len() - 1
            }
        }
    }
}

impl Rubric {
    /// The rubric in its compiled form: what `spacescore compile`, the build and the
    /// browser's checker write, and what [`Rubric::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        codec::write(self)
    }

    /// Reads a compiled rubric. Reading never panics and never trusts a length it has not
    /// seen the bytes for; anything but a well-formed compiled rubric is an error.
    ///
    /// The compiled form is written by the rubric checker after every invariant held, so
    /// this does not check them again: load compiled rubrics from a source you trust (your
    /// own site), and anything else through the checker.
    ///
    /// # Errors
    /// [`Error::Compiled`] when the bytes are not a compiled rubric of this version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Rubric, Error> {
        codec::read(bytes)
    }

    /// What every compiled rubric of this version starts with; then 64 hex digits of the
    /// SHA-256 of the rest (the body).
    pub const COMPILED_MAGIC: &'static [u8] = codec::MAGIC;

    /// Whether `bytes` look like a compiled rubric rather than a rubric file's text.
    pub fn is_compiled(bytes: &[u8]) -> bool {
        codec::is_compiled(bytes)
    }
}
