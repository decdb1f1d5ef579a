//! Validated rubrics: the domain types that scoring trusts.
//!
//! [`Catalog::from_json`] converts the file structs of [`crate::file`] into these types and
//! checks every invariant on the way (the rubric checker): ids are unique, every reference
//! resolves, item maxima add up to their group and the groups to the rubric's stated
//! totals, band tables have no gaps or overlaps, every item quotes its source, every field
//! of the dictionary is used, and each rule cites the policy line that governs it. After
//! that, nothing in scoring needs to check them again.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::Error;
use crate::file::{self, PerRubric, QuantityFile};
use crate::text::{fmt_dec, Text};

// Spelled out so that build.rs, which includes this file by path, finds it too.
#[path = "rubric/codec.rs"]
mod codec;

/// All rubrics, with the shared field dictionary and the interpretation policy.
#[derive(Debug, Clone)]
pub struct Catalog {
    policies: Vec<Policy>,
    fields: BTreeMap<String, Field>,
    rubrics: Vec<Rubric>,
}

/// One line of the interpretation policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    id: String,
    text: Text,
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

/// What kind of value a field holds; decides how typed text is read.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// A whole number of things (人, 个, 场次…): a fraction is an error.
    Count,
    /// A non-negative amount (平方米, 万元): decimals allowed.
    Amount,
    /// An amount that may be negative (净利润).
    SignedAmount,
    /// A percentage from 0 to 100.
    Percent,
    /// Yes or no.
    Bool,
    /// Any number of listed choices; as a quantity it counts the choices made.
    Checklist(Vec<Choice>),
    /// A self-assessed score from 0 to the field's maximum.
    Score,
}

impl FieldKind {
    /// Whether the field can be measured as a number.
    pub fn is_numeric(&self) -> bool {
        !matches!(self, FieldKind::Bool)
    }
}

/// One choice of a checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    id: String,
    name: Text,
}

impl Choice {
    /// The choice's id, as stored in inputs.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its label.
    pub fn name(&self) -> &Text {
        &self.name
    }
}

/// A field of the shared dictionary, or a rubric's own self-assessment field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    id: String,
    name: Text,
    unit: Text,
    kind: FieldKind,
    max: Option<Decimal>,
    note: Option<String>,
}

impl Field {
    /// The field id used in inputs, CSV headers and saved data.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The field's name.
    pub fn name(&self) -> &Text {
        &self.name
    }
    /// Its unit (empty for yes/no and checklists).
    pub fn unit(&self) -> &Text {
        &self.unit
    }
    /// How its value is read.
    pub fn kind(&self) -> &FieldKind {
        &self.kind
    }
    /// The largest value that may be entered, if bounded.
    pub fn max(&self) -> Option<Decimal> {
        self.max
    }
    /// Why the field stands apart from a similar one, or which documents share it.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// Bibliographic facts about a rubric's source document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The document's title.
    pub title: String,
    /// Who issued it.
    pub issuer: String,
    /// Its document number, where it has one (秦科高〔2023〕3号).
    pub number: Option<String>,
    /// The year it was issued or is for.
    pub year: Option<String>,
    /// The evaluation period it sets.
    pub period: String,
    /// The part of the document that holds the table.
    pub section: String,
    /// The seed file it was transcribed from.
    pub source: String,
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

/// One bound of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// Where the bound lies.
    pub value: Decimal,
    /// Whether the value itself is inside.
    pub inclusive: bool,
}

/// An interval of values, bounded or open at either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// The lower bound; none means no lower limit.
    pub lower: Option<Bound>,
    /// The upper bound; none means no upper limit.
    pub upper: Option<Bound>,
}

impl Interval {
    /// Whether `x` lies in the interval.
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match self.lower {
            None => true,
            Some(b) if b.inclusive => x >= b.value,
            Some(b) => x > b.value,
        };
        let below = match self.upper {
            None => true,
            Some(b) if b.inclusive => x <= b.value,
            Some(b) => x < b.value,
        };
        above && below
    }
}

/// One bracket of a band table.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The values in the bracket.
    pub range: Interval,
    /// The points it awards.
    pub points: Decimal,
}

/// A value computed from fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// One field.
    Field(String),
    /// The sum of several fields.
    Sum(Vec<String>),
    /// 100 × Σnumerator ÷ Σdenominator.
    Percent {
        /// Added up above the line.
        numerator: Vec<String>,
        /// Added up below the line.
        denominator: Vec<String>,
    },
    /// Σnumerator ÷ Σdenominator.
    Ratio {
        /// Added up above the line.
        numerator: Vec<String>,
        /// Added up below the line.
        denominator: Vec<String>,
    },
    /// 100 × (current ÷ previous − 1).
    Growth {
        /// This period's figure.
        current: String,
        /// The previous period's figure.
        previous: String,
    },
    /// Σplus − Σminus.
    Difference {
        /// Added.
        plus: Vec<String>,
        /// Taken away.
        minus: Vec<String>,
    },
}

impl Quantity {
    /// Every field the quantity reads.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Quantity::Field(f) => vec![f.as_str()],
            Quantity::Sum(fs) => fs.iter().map(String::as_str).collect(),
            Quantity::Percent {
                numerator,
                denominator,
            }
            | Quantity::Ratio {
                numerator,
                denominator,
            } => numerator
                .iter()
                .chain(denominator)
                .map(String::as_str)
                .collect(),
            Quantity::Growth { current, previous } => vec![current.as_str(), previous.as_str()],
            Quantity::Difference { plus, minus } => {
                plus.iter().chain(minus).map(String::as_str).collect()
            }
        }
    }

    /// Whether the quantity is shown as a percentage.
    pub fn is_percent(&self) -> bool {
        matches!(self, Quantity::Percent { .. } | Quantity::Growth { .. })
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `>`
    Gt,
}

impl Op {
    fn parse(s: &str) -> Option<Op> {
        Some(match s {
            "<" => Op::Lt,
            "<=" => Op::Le,
            "==" => Op::Eq,
            ">=" => Op::Ge,
            ">" => Op::Gt,
            _ => return None,
        })
    }

    /// Whether `a op b` holds.
    pub fn holds(self, a: Decimal, b: Decimal) -> bool {
        match self {
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Eq => a == b,
            Op::Ge => a >= b,
            Op::Gt => a > b,
        }
    }

    /// The operator as a mathematical sign.
    pub fn sign(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Eq => "=",
            Op::Ge => "≥",
            Op::Gt => ">",
        }
    }
}

/// `quantity op value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What is compared.
    pub quantity: Quantity,
    /// What it is called in explanations, where not the field's name.
    pub label: Option<Text>,
    /// How.
    pub op: Op,
    /// Against what.
    pub value: Decimal,
}

/// One term of an item's rule. An item's score is the sum of its terms, capped at its
/// maximum and never below zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// What the measured quantity is called in explanations, where not the field's name.
    pub label: Option<Text>,
    /// The rule.
    pub rule: Rule,
}

/// The kinds of rule the documents use.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Points by bracket (少于500平米1分；500-3000平米2分…).
    Bands {
        /// The measured quantity.
        quantity: Quantity,
        /// The brackets, ascending, without gaps or overlaps.
        bands: Vec<Band>,
    },
    /// `points` for every whole `every` units (每2位导师得1分).
    Per {
        /// The measured quantity.
        quantity: Quantity,
        /// The size of one step.
        every: Decimal,
        /// The points per step.
        points: Decimal,
    },
    /// `points` on passing a threshold, and `step_points` for each further whole `step`
    /// (大于50万得5分，每增加50万加1分).
    Step {
        /// The measured quantity.
        quantity: Quantity,
        /// The threshold.
        threshold: Bound,
        /// The points at the threshold.
        points: Decimal,
        /// The size of a further step.
        step: Decimal,
        /// The points per further step.
        step_points: Decimal,
    },
    /// `points` when a yes/no field is yes.
    Flag {
        /// The yes/no field.
        field: String,
        /// The points for yes.
        points: Decimal,
    },
    /// A self-assessed score from 0 to `max`.
    SelfScore {
        /// The score field (`score.<item id>`).
        field: String,
        /// The most it may score.
        max: Decimal,
    },
    /// The best of several options counts, not their sum (按最高项计，不得累加).
    Highest {
        /// Each option's field and the points it gives when non-zero.
        options: Vec<(String, Decimal)>,
    },
    /// `start` points, less `each` per unit, never below zero (月报漏报一次扣0.2分).
    Deduct {
        /// The counted lapses.
        quantity: Quantity,
        /// The points before deductions.
        start: Decimal,
        /// The deduction per unit.
        each: Decimal,
    },
    /// `points` when every comparison holds (不低于5人……达到50%以上).
    Condition {
        /// The comparisons, all of which must hold.
        all: Vec<Comparison>,
        /// The points when they do.
        points: Decimal,
    },
}

impl Rule {
    /// The most this term can give, if bounded.
    fn ceiling(&self) -> Option<Decimal> {
        match self {
            Rule::Bands { bands, .. } => bands.iter().map(|b| b.points).max(),
            Rule::Per { .. } | Rule::Step { .. } => None,
            Rule::Flag { points, .. } | Rule::Condition { points, .. } => Some(*points),
            Rule::SelfScore { max, .. } => Some(*max),
            Rule::Highest { options } => options.iter().map(|o| o.1).max(),
            Rule::Deduct { start, .. } => Some(*start),
        }
    }

    /// Every field the term reads.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Rule::Bands { quantity, .. }
            | Rule::Per { quantity, .. }
            | Rule::Step { quantity, .. }
            | Rule::Deduct { quantity, .. } => quantity.fields(),
            Rule::Flag { field, .. } | Rule::SelfScore { field, .. } => vec![field.as_str()],
            Rule::Highest { options } => options.iter().map(|o| o.0.as_str()).collect(),
            Rule::Condition { all, .. } => all.iter().flat_map(|c| c.quantity.fields()).collect(),
        }
    }

    /// The policy line this kind of rule depends on, if any.
    fn policy(&self) -> Option<&'static str> {
        match self {
            Rule::Bands { .. } => Some("band-edges"),
            Rule::Per { .. } | Rule::Step { .. } => Some("per-count"),
            Rule::Deduct { .. } => Some("sum-then-cap"),
            Rule::SelfScore { .. } => Some("self-assessed"),
            Rule::Condition { .. } => Some("band-edges"),
            Rule::Flag { .. } | Rule::Highest { .. } => None,
        }
    }
}

/// A figure computed from the inputs and shown beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    id: String,
    label: Text,
    quantity: Quantity,
    target: Option<(Op, Decimal)>,
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
    id: String,
    name: Text,
    source: String,
    max: Decimal,
    bonus: bool,
    notes: Vec<String>,
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
    id: String,
    group: String,
    number: Option<String>,
    name: Text,
    source_text: String,
    rule_text: Option<String>,
    max: Decimal,
    nature: Option<String>,
    evidence: Option<String>,
    bonus: bool,
    terms: Vec<Term>,
    aids: Vec<String>,
    figures: Vec<Figure>,
    policies: Vec<String>,
    notes: Vec<String>,
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
            .flat_map(|t| t.rule.fields())
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
    name: Text,
    range: Interval,
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
    id: String,
    text: Text,
    trigger: Trigger,
    grade: Option<String>,
    notes: Vec<String>,
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
    id: String,
    text: Text,
    flag: String,
    grade_at_most: usize,
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

/// A consistency check between figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    left: Quantity,
    op: Op,
    right: Quantity,
    message: Text,
}

impl Check {
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
}

/// One row of a data form.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    group: String,
    field: String,
    label: String,
    unit: String,
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
    id: String,
    version: String,
    name: Text,
    region: Text,
    space_type: Text,
    method: Method,
    document: Document,
    base_max: Decimal,
    bonus_max: Decimal,
    groups: Vec<Group>,
    items: Vec<Item>,
    grades: Vec<Grade>,
    grade_names: Vec<String>,
    grades_note: Option<String>,
    vetoes: Vec<Veto>,
    limits: Vec<Limit>,
    checks: Vec<Check>,
    figures: Vec<Figure>,
    rows: Vec<Row>,
    fields: BTreeMap<String, Field>,
    policies: Vec<Policy>,
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
    /// The most the bonus items can add.
    pub fn bonus_max(&self) -> Decimal {
        self.bonus_max
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
    /// Grade names the document lists without cut-offs.
    pub fn grade_names(&self) -> &[String] {
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
    /// Consistency checks between figures.
    pub fn checks(&self) -> &[Check] {
        &self.checks
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
    /// The fields whose answers the score needs, in form order: every scored input and
    /// every veto or limit question. Aids and checked-only figures are not required.
    pub fn required_fields(&self) -> Vec<&str> {
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

impl Catalog {
    /// The catalog in the compact binary form that [`Catalog::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        use codec::Codec;
        let mut w = codec::Writer::default();
        self.policies.put(&mut w);
        let fields: Vec<Field> = self.fields.values().cloned().collect();
        fields.put(&mut w);
        self.rubrics.len().put(&mut w);
        for r in &self.rubrics {
            codec::put_rubric(r, &self.fields, &mut w);
        }
        let mut out = b"spacescore-catalog-1\n".to_vec();
        out.extend(w.finish());
        out
    }

    /// Rebuilds a catalog written by [`Catalog::to_bytes`]. The bytes are trusted to come
    /// from a validated catalog (the build validates the rubric files before writing them).
    ///
    /// # Errors
    /// [`Error::Catalog`] when the bytes are not such a catalog.
    pub fn from_bytes(bytes: &[u8]) -> Result<Catalog, Error> {
        use codec::{Codec, Reader};
        let corrupt = || Error::Catalog("the embedded rubric data is corrupt".into());
        let body = bytes
            .strip_prefix(b"spacescore-catalog-1\n".as_slice())
            .ok_or_else(corrupt)?;
        let mut r = Reader::new(body).ok_or_else(corrupt)?;
        let policies: Vec<Policy> = Codec::get(&mut r).ok_or_else(corrupt)?;
        let fields: Vec<Field> = Codec::get(&mut r).ok_or_else(corrupt)?;
        let fields: BTreeMap<String, Field> =
            fields.into_iter().map(|f| (f.id.clone(), f)).collect();
        let count = usize::get(&mut r).ok_or_else(corrupt)?;
        let mut rubrics = Vec::new();
        for _ in 0..count {
            rubrics.push(codec::get_rubric(&mut r, &fields, &policies).ok_or_else(corrupt)?);
        }
        if !r.is_empty() {
            return Err(corrupt());
        }
        Ok(Catalog {
            policies,
            fields,
            rubrics,
        })
    }

    /// Reads and validates a catalog in the JSON form that `build.rs` produces.
    ///
    /// # Errors
    /// [`Error::Catalog`] when the JSON does not have the file format's shape;
    /// [`Error::Rubric`] when it breaks an invariant, naming the file and what is wrong.
    pub fn from_json(json: &str) -> Result<Catalog, Error> {
        let catalog = Catalog::from_json_partial(json)?;
        catalog.check_coverage()?;
        Ok(catalog)
    }

    /// Like [`Catalog::from_json`], but without checking that every field and policy is
    /// used: for checking one rubric file on its own while it is being written.
    ///
    /// # Errors
    /// As [`Catalog::from_json`].
    pub fn from_json_partial(json: &str) -> Result<Catalog, Error> {
        let file: file::CatalogFile =
            serde_json::from_str(json).map_err(|e| Error::Catalog(e.to_string()))?;
        convert(file)
    }

    /// Every field of the dictionary is read by some rubric, and every policy line is
    /// cited by some item.
    fn check_coverage(&self) -> Result<(), Error> {
        let used: BTreeSet<&String> = self.rubrics.iter().flat_map(|r| r.fields.keys()).collect();
        if let Some(unused) = self.fields.keys().find(|k| !used.contains(k)) {
            return Err(Place {
                file: "fields.toml",
                at: String::new(),
            }
            .err(format!("field `{unused}` is defined but no rubric uses it")));
        }
        let cited = |p: &Policy| {
            self.rubrics
                .iter()
                .any(|r| r.policies.iter().any(|q| q.id == p.id))
        };
        if let Some(p) = self.policies.iter().find(|p| !cited(p)) {
            return Err(Place {
                file: "catalog.toml",
                at: String::new(),
            }
            .err(format!("policy `{}` is cited by no item", p.id)));
        }
        Ok(())
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

    /// The shared field dictionary.
    pub fn fields(&self) -> &BTreeMap<String, Field> {
        &self.fields
    }

    /// The interpretation policy.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }
}

// ---------------------------------------------------------------------------------------
// Conversion and checking
// ---------------------------------------------------------------------------------------

/// Where an error is: the file and, inside it, the rubric or item.
struct Place<'a> {
    file: &'a str,
    at: String,
}

impl Place<'_> {
    fn err(&self, message: impl Into<String>) -> Error {
        let place = if self.at.is_empty() {
            format!("rubrics/{}", self.file)
        } else {
            format!("rubrics/{} ({})", self.file, self.at)
        };
        Error::Rubric {
            place,
            message: message.into(),
        }
    }

    fn at(&self, at: impl Into<String>) -> Place<'_> {
        Place {
            file: self.file,
            at: at.into(),
        }
    }

    fn dec(&self, what: &str, s: &str) -> Result<Decimal, Error> {
        Decimal::from_str(s.trim())
            .map_err(|_| self.err(format!("{what} `{s}` is not a decimal number")))
    }

    fn non_empty(&self, what: &str, s: &str) -> Result<(), Error> {
        if s.trim().is_empty() {
            Err(self.err(format!("{what} is empty")))
        } else {
            Ok(())
        }
    }
}

fn convert(file: file::CatalogFile) -> Result<Catalog, Error> {
    let root = Place {
        file: "catalog.toml",
        at: String::new(),
    };
    let mut policies = Vec::new();
    for p in file.policies {
        if policies.iter().any(|q: &Policy| q.id == p.id) {
            return Err(root.err(format!("policy `{}` is defined twice", p.id)));
        }
        root.non_empty("a policy's text", &p.zh)?;
        policies.push(Policy {
            id: p.id,
            text: Text::new(p.zh, p.en),
        });
    }

    let dict = Place {
        file: "fields.toml",
        at: String::new(),
    };
    let mut fields = BTreeMap::new();
    for (id, f) in file.fields {
        let at = dict.at(format!("field {id}"));
        fields.insert(id.clone(), convert_field(&at, id, f)?);
    }

    let mut rubrics: Vec<Rubric> = Vec::new();
    for doc in &file.documents {
        for rubric in convert_document(doc, &fields, &policies)? {
            if rubrics.iter().any(|r| r.id == rubric.id) {
                return Err(root.err(format!("rubric id `{}` is used twice", rubric.id)));
            }
            rubrics.push(rubric);
        }
    }
    Ok(Catalog {
        policies,
        fields,
        rubrics,
    })
}

fn convert_field(at: &Place<'_>, id: String, f: file::FieldFile) -> Result<Field, Error> {
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_id {
        return Err(at.err("field ids are lowercase ascii words joined by `_`"));
    }
    at.non_empty("the name", &f.name)?;
    let kind = match f.kind.as_str() {
        "count" => FieldKind::Count,
        "amount" => FieldKind::Amount,
        "signed-amount" => FieldKind::SignedAmount,
        "percent" => FieldKind::Percent,
        "bool" => FieldKind::Bool,
        "checklist" => {
            if f.options.is_empty() {
                return Err(at.err("a checklist needs options"));
            }
            let mut choices: Vec<Choice> = Vec::new();
            for o in f.options {
                if choices.iter().any(|c| c.id == o.id) {
                    return Err(at.err(format!("option `{}` is listed twice", o.id)));
                }
                choices.push(Choice {
                    id: o.id,
                    name: Text::new(o.name, o.name_en),
                });
            }
            FieldKind::Checklist(choices)
        }
        other => return Err(at.err(format!("unknown field kind `{other}`"))),
    };
    let numeric_unit = matches!(
        kind,
        FieldKind::Count | FieldKind::Amount | FieldKind::SignedAmount
    );
    if numeric_unit && f.unit.trim().is_empty() {
        return Err(at.err("a numeric field needs a unit"));
    }
    let max = match &f.max {
        Some(m) => Some(at.dec("max", m)?),
        None => None,
    };
    Ok(Field {
        id,
        name: Text::new(f.name, f.name_en),
        unit: Text::new(f.unit, f.unit_en),
        kind,
        max,
        note: f.note,
    })
}

/// The value of a per-rubric setting for one rubric: `None` when the rubric lacks it (`-`).
fn per_rubric<'a>(
    at: &Place<'_>,
    value: &'a PerRubric,
    rubric: &str,
) -> Result<Option<&'a str>, Error> {
    let raw = match value {
        PerRubric::One(s) => s.as_str(),
        PerRubric::Each(map) => map
            .get(rubric)
            .map(String::as_str)
            .ok_or_else(|| at.err(format!("no value is given for rubric `{rubric}`")))?,
    };
    Ok(if raw.trim() == "-" { None } else { Some(raw) })
}

/// Every rubric a document defines, converted and checked.
fn convert_document(
    doc: &file::DocumentFile,
    dictionary: &BTreeMap<String, Field>,
    policies: &[Policy],
) -> Result<Vec<Rubric>, Error> {
    let top = Place {
        file: &doc.file,
        at: String::new(),
    };
    let meta = &doc.document;
    top.non_empty("document.title", &meta.title)?;
    top.non_empty("document.issuer", &meta.issuer)?;
    let document = Document {
        title: meta.title.clone(),
        issuer: meta.issuer.clone(),
        number: meta.number.clone(),
        year: meta.year.clone(),
        period: meta.period.clone(),
        section: meta.section.clone(),
        source: meta.source.clone(),
        references: meta.references.clone(),
        notes: doc.notes.clone(),
    };
    if doc.rubrics.is_empty() {
        return Err(top.err("defines no rubric"));
    }
    let mut out = Vec::new();
    for head in &doc.rubrics {
        let at = top.at(&head.id);
        let mut builder = Builder {
            at: &at,
            dictionary,
            policies,
            fields: BTreeMap::new(),
            cited: BTreeSet::new(),
        };
        out.push(builder.rubric(doc, head, document.clone())?);
    }
    Ok(out)
}

/// Converts one rubric, collecting the fields and policies it uses.
struct Builder<'a> {
    at: &'a Place<'a>,
    dictionary: &'a BTreeMap<String, Field>,
    policies: &'a [Policy],
    fields: BTreeMap<String, Field>,
    cited: BTreeSet<String>,
}

impl Builder<'_> {
    fn rubric(
        &mut self,
        doc: &file::DocumentFile,
        head: &file::RubricHead,
        document: Document,
    ) -> Result<Rubric, Error> {
        let at = self.at;
        let id_ok = head.id.split('/').count() == 2
            && head
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/');
        if !id_ok {
            return Err(at.err("rubric ids are `region/type` in lowercase ascii"));
        }
        at.non_empty("version", &head.version)?;
        let method = match head.method.as_str() {
            "formula" => Method::Formula,
            "weights" => Method::Weights,
            "form" => Method::Form,
            other => return Err(at.err(format!("unknown method `{other}`"))),
        };
        let base_max = match &head.base_max {
            Some(s) => at.dec("base_max", s)?,
            None => Decimal::ZERO,
        };
        let bonus_max = match &head.bonus_max {
            Some(s) => at.dec("bonus_max", s)?,
            None => Decimal::ZERO,
        };

        let groups = self.groups(doc, &head.id, method)?;
        let items = self.items(doc, &head.id, &groups, method)?;
        check_totals(at, &groups, &items, base_max, bonus_max)?;

        let rows = self.rows(doc, &groups, method)?;
        let grades = self.grades(doc)?;
        let vetoes = self.vetoes(doc)?;
        let limits = self.limits(doc, &grades)?;
        let mut checks = Vec::new();
        for (i, c) in doc.checks.iter().enumerate() {
            let cat = at.at(format!("{} check {}", head.id, i + 1));
            checks.push(Check {
                left: self.quantity(&cat, &c.left)?,
                op: op(&cat, &c.op)?,
                right: self.quantity(&cat, &c.right)?,
                message: Text::new(c.message.clone(), c.message_en.clone()),
            });
        }
        let figures = self.figures(&at.at(format!("{} figures", head.id)), &doc.figures)?;
        if !head.grade_names.is_empty() && !grades.is_empty() {
            return Err(at.err("grade_names is for documents that publish no cut-offs"));
        }
        let policies = self
            .policies
            .iter()
            .filter(|p| self.cited.contains(&p.id))
            .cloned()
            .collect();
        Ok(Rubric {
            id: head.id.clone(),
            version: head.version.clone(),
            name: Text::new(head.name.clone(), head.name_en.clone()),
            region: Text::new(head.region.clone(), head.region_en.clone()),
            space_type: Text::new(head.space_type.clone(), head.space_type_en.clone()),
            method,
            document,
            base_max,
            bonus_max,
            groups,
            items,
            grades,
            grade_names: head.grade_names.clone(),
            grades_note: head.grades_note.clone(),
            vetoes,
            limits,
            checks,
            figures,
            rows,
            fields: std::mem::take(&mut self.fields),
            policies,
        })
    }

    fn groups(
        &self,
        doc: &file::DocumentFile,
        rubric: &str,
        method: Method,
    ) -> Result<Vec<Group>, Error> {
        let mut groups: Vec<Group> = Vec::new();
        for g in &doc.groups {
            let at = self.at.at(format!("group {}", g.id));
            if groups.iter().any(|h| h.id == g.id) {
                return Err(at.err("group id is used twice"));
            }
            at.non_empty("the group's name", &g.name)?;
            at.non_empty("the group's source heading", &g.source)?;
            let max = match (&g.max, method) {
                (None, Method::Form) => Decimal::ZERO,
                (None, _) => return Err(at.err("a scored rubric's group needs `max`")),
                (Some(_), Method::Form) => return Err(at.err("a form's sections carry no `max`")),
                (Some(m), _) => match per_rubric(&at, m, rubric)? {
                    Some(m) => at.dec("max", m)?,
                    None => continue,
                },
            };
            groups.push(Group {
                id: g.id.clone(),
                name: Text::new(g.name.clone(), g.name_en.clone()),
                source: g.source.clone(),
                max,
                bonus: g.bonus,
                notes: g.notes.clone(),
            });
        }
        Ok(groups)
    }

    fn items(
        &mut self,
        doc: &file::DocumentFile,
        rubric: &str,
        groups: &[Group],
        method: Method,
    ) -> Result<Vec<Item>, Error> {
        let mut items: Vec<Item> = Vec::new();
        for f in &doc.items {
            let at = self.at.at(format!("item {}", f.id));
            if doc.items.iter().filter(|g| g.id == f.id).count() > 1 {
                return Err(at.err("item id is used twice"));
            }
            let Some(max) = per_rubric(&at, &f.max, rubric)? else {
                continue;
            };
            let max = at.dec("max", max)?;
            if max <= Decimal::ZERO {
                return Err(at.err("max must be above zero"));
            }
            let group = groups
                .iter()
                .find(|g| g.id == f.group)
                .ok_or_else(|| at.err(format!("group `{}` does not exist", f.group)))?;
            at.non_empty("the item's name", &f.name)?;
            at.non_empty("source_text", &f.source_text)?;
            if f.terms.is_empty() {
                return Err(at.err("the item has no rule (terms)"));
            }
            let mut terms = Vec::new();
            let mut ceiling = Some(Decimal::ZERO);
            for (n, t) in f.terms.iter().enumerate() {
                let tat = at.at(format!("item {} term {}", f.id, n + 1));
                let term = self.term(&tat, f, t, max)?;
                ceiling = match (ceiling, term.rule.ceiling()) {
                    (Some(a), Some(b)) => Some(a + b),
                    _ => None,
                };
                if let Some(p) = term.rule.policy() {
                    if !f.policies.iter().any(|q| q == p) {
                        return Err(tat.err(format!("this rule must cite policy `{p}`")));
                    }
                }
                terms.push(term);
            }
            if f.terms.len() > 1 && !f.policies.iter().any(|q| q == "sum-then-cap") {
                return Err(at.err("an item of several terms must cite policy `sum-then-cap`"));
            }
            if f.terms.iter().filter(|t| t.kind == "self").count() > 1 {
                return Err(at.err("an item has at most one self-assessed term"));
            }
            if let Some(c) = ceiling {
                if c < max {
                    return Err(at.err(format!(
                        "its terms can give at most {} of its {} points",
                        fmt_dec(c),
                        fmt_dec(max)
                    )));
                }
            }
            if method == Method::Weights
                && !terms
                    .iter()
                    .all(|t| matches!(t.rule, Rule::SelfScore { .. }))
            {
                return Err(at.err("every item of a weight-only rubric is self-assessed"));
            }
            for p in &f.policies {
                if !self.policies.iter().any(|q| &q.id == p) {
                    return Err(at.err(format!("policy `{p}` does not exist")));
                }
                self.cited.insert(p.clone());
            }
            let mut aids = Vec::new();
            for a in &f.aids {
                self.use_field(&at, a)?;
                aids.push(a.clone());
            }
            let figures = self.figures(&at, &f.figures)?;
            items.push(Item {
                id: f.id.clone(),
                group: f.group.clone(),
                number: f.number.clone(),
                name: Text::new(f.name.clone(), f.name_en.clone()),
                source_text: f.source_text.clone(),
                rule_text: f.rule_text.clone(),
                max,
                nature: f.nature.clone(),
                evidence: f.evidence.clone(),
                bonus: group.bonus,
                terms,
                aids,
                figures,
                policies: f.policies.clone(),
                notes: f.notes.clone(),
            });
        }
        Ok(items)
    }

    fn term(
        &mut self,
        at: &Place<'_>,
        item: &file::ItemFile,
        t: &file::TermFile,
        item_max: Decimal,
    ) -> Result<Term, Error> {
        let label = label(at, &t.label, &t.label_en)?;
        if label.is_some() && t.kind == "condition" {
            return Err(at.err("label each comparison of a condition, not the term"));
        }
        let need = |what: &str, v: &Option<String>| -> Result<Decimal, Error> {
            match v {
                Some(s) => at.dec(what, s),
                None => Err(at.err(format!("a `{}` term needs `{what}`", t.kind))),
            }
        };
        let positive = |what: &str, d: Decimal| -> Result<Decimal, Error> {
            if d > Decimal::ZERO {
                Ok(d)
            } else {
                Err(at.err(format!("`{what}` must be above zero")))
            }
        };
        let input = || -> Result<&QuantityFile, Error> {
            t.input
                .as_ref()
                .ok_or_else(|| at.err(format!("a `{}` term needs `input`", t.kind)))
        };
        let rule = match t.kind.as_str() {
            "bands" => {
                let quantity = self.quantity(at, input()?)?;
                let mut bands = Vec::new();
                for b in &t.bands {
                    let range = interval(at, &b.from, &b.above, &b.below, &b.through)?;
                    if range.lower.is_none() {
                        return Err(at.err("every band has a lower bound (`from` or `above`)"));
                    }
                    bands.push(Band {
                        range,
                        points: at.dec("points", &b.points)?,
                    });
                }
                check_contiguous(at, &bands.iter().map(|b| b.range).collect::<Vec<_>>())?;
                if bands
                    .windows(2)
                    .any(|w| matches!(w, [a, b] if b.points < a.points))
                {
                    return Err(at.err("band points must not fall as the quantity rises"));
                }
                Rule::Bands { quantity, bands }
            }
            "per" => Rule::Per {
                quantity: self.quantity(at, input()?)?,
                every: positive("every", need("every", &t.every)?)?,
                points: positive("points", need("points", &t.points)?)?,
            },
            "step" => {
                let threshold = match (&t.from, &t.above) {
                    (Some(v), None) => Bound {
                        value: at.dec("from", v)?,
                        inclusive: true,
                    },
                    (None, Some(v)) => Bound {
                        value: at.dec("above", v)?,
                        inclusive: false,
                    },
                    _ => return Err(at.err("a `step` term needs exactly one of `from` or `above`")),
                };
                Rule::Step {
                    quantity: self.quantity(at, input()?)?,
                    threshold,
                    points: positive("points", need("points", &t.points)?)?,
                    step: positive("step", need("step", &t.step)?)?,
                    step_points: positive("step_points", need("step_points", &t.step_points)?)?,
                }
            }
            "flag" => {
                let field = match input()? {
                    QuantityFile::Field(f) => f.clone(),
                    QuantityFile::Shape(_) => return Err(at.err("a `flag` term reads one field")),
                };
                if self.use_field(at, &field)?.kind != FieldKind::Bool {
                    return Err(at.err(format!("`{field}` is not a yes/no field")));
                }
                Rule::Flag {
                    field,
                    points: positive("points", need("points", &t.points)?)?,
                }
            }
            "self" => {
                let max = positive("max", need("max", &t.max)?)?;
                if max > item_max {
                    return Err(at.err("a self-assessed part cannot exceed the item's maximum"));
                }
                let field = format!("score.{}", item.id);
                self.fields.insert(
                    field.clone(),
                    Field {
                        id: field.clone(),
                        name: Text::new(
                            format!("{}（自评得分）", item.name),
                            format!("{} (self-assessed score)", item.name_en),
                        ),
                        unit: Text::new("分", "points"),
                        kind: FieldKind::Score,
                        max: Some(max),
                        note: None,
                    },
                );
                Rule::SelfScore { field, max }
            }
            "highest" => {
                if t.options.len() < 2 {
                    return Err(at.err("a `highest` term needs at least two options"));
                }
                let mut options = Vec::new();
                for o in &t.options {
                    self.numeric(at, &o.input)?;
                    options.push((
                        o.input.clone(),
                        positive("points", at.dec("points", &o.points)?)?,
                    ));
                }
                Rule::Highest { options }
            }
            "deduct" => Rule::Deduct {
                quantity: self.quantity(at, input()?)?,
                start: positive("start", need("start", &t.start)?)?,
                each: positive("each", need("each", &t.each)?)?,
            },
            "condition" => {
                if t.all.is_empty() {
                    return Err(at.err("a `condition` term needs comparisons in `all`"));
                }
                let mut all = Vec::new();
                for c in &t.all {
                    all.push(self.comparison(at, c)?);
                }
                Rule::Condition {
                    all,
                    points: positive("points", need("points", &t.points)?)?,
                }
            }
            other => return Err(at.err(format!("unknown term kind `{other}`"))),
        };
        Ok(Term { label, rule })
    }

    fn use_field(&mut self, at: &Place<'_>, id: &str) -> Result<&Field, Error> {
        let field = self
            .dictionary
            .get(id)
            .ok_or_else(|| at.err(format!("field `{id}` is not in rubrics/fields.toml")))?;
        Ok(self
            .fields
            .entry(id.to_string())
            .or_insert_with(|| field.clone()))
    }

    fn numeric(&mut self, at: &Place<'_>, id: &str) -> Result<(), Error> {
        if self.use_field(at, id)?.kind.is_numeric() {
            Ok(())
        } else {
            Err(at.err(format!("`{id}` is a yes/no field, not a quantity")))
        }
    }

    fn quantity(&mut self, at: &Place<'_>, q: &QuantityFile) -> Result<Quantity, Error> {
        let shape = match q {
            QuantityFile::Field(f) => {
                self.numeric(at, f)?;
                return Ok(Quantity::Field(f.clone()));
            }
            QuantityFile::Shape(s) => s,
        };
        let mut list = |v: &Option<Vec<String>>, what: &str| -> Result<Vec<String>, Error> {
            let v = v.clone().unwrap_or_default();
            if v.is_empty() {
                return Err(at.err(format!("`{what}` lists no fields")));
            }
            for f in &v {
                self.numeric(at, f)?;
            }
            Ok(v)
        };
        let given = [
            shape.sum.is_some(),
            shape.percent.is_some(),
            shape.ratio.is_some(),
            shape.growth.is_some(),
            shape.difference.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(
                at.err("a quantity is exactly one of sum, percent, ratio, growth, difference")
            );
        }
        if shape.sum.is_some() {
            Ok(Quantity::Sum(list(&shape.sum, "sum")?))
        } else if shape.percent.is_some() {
            Ok(Quantity::Percent {
                numerator: list(&shape.percent, "percent")?,
                denominator: list(&shape.of, "of")?,
            })
        } else if shape.ratio.is_some() {
            Ok(Quantity::Ratio {
                numerator: list(&shape.ratio, "ratio")?,
                denominator: list(&shape.per, "per")?,
            })
        } else if let Some(current) = &shape.growth {
            let previous = shape
                .from
                .clone()
                .ok_or_else(|| at.err("a growth quantity needs `from`"))?;
            self.numeric(at, current)?;
            self.numeric(at, &previous)?;
            Ok(Quantity::Growth {
                current: current.clone(),
                previous,
            })
        } else {
            Ok(Quantity::Difference {
                plus: list(&shape.difference, "difference")?,
                minus: list(&shape.minus, "minus")?,
            })
        }
    }

    fn comparison(
        &mut self,
        at: &Place<'_>,
        c: &file::ComparisonFile,
    ) -> Result<Comparison, Error> {
        Ok(Comparison {
            quantity: self.quantity(at, &c.input)?,
            label: label(at, &c.label, &c.label_en)?,
            op: op(at, &c.op)?,
            value: at.dec("value", &c.value)?,
        })
    }

    fn figures(&mut self, at: &Place<'_>, list: &[file::FigureFile]) -> Result<Vec<Figure>, Error> {
        let mut out: Vec<Figure> = Vec::new();
        for f in list {
            if out.iter().any(|g| g.id == f.id) {
                return Err(at.err(format!("figure `{}` is defined twice", f.id)));
            }
            let target = match &f.target {
                Some(t) => Some((op(at, &t.op)?, at.dec("target", &t.value)?)),
                None => None,
            };
            out.push(Figure {
                id: f.id.clone(),
                label: Text::new(f.label.clone(), f.label_en.clone()),
                quantity: self.quantity(at, &f.input)?,
                target,
            });
        }
        Ok(out)
    }

    fn rows(
        &mut self,
        doc: &file::DocumentFile,
        groups: &[Group],
        method: Method,
    ) -> Result<Vec<Row>, Error> {
        if (method == Method::Form) == doc.rows.is_empty() {
            return Err(self
                .at
                .err("a form has rows and no items; a scored rubric has items and no rows"));
        }
        let mut rows: Vec<Row> = Vec::new();
        for r in &doc.rows {
            let at = self.at.at(format!("row {}", r.label));
            if !groups.iter().any(|g| g.id == r.group) {
                return Err(at.err(format!("group `{}` does not exist", r.group)));
            }
            if rows.iter().any(|q| q.field == r.field) {
                return Err(at.err(format!("field `{}` has two rows", r.field)));
            }
            at.non_empty("the row's label", &r.label)?;
            self.use_field(&at, &r.field)?;
            rows.push(Row {
                group: r.group.clone(),
                field: r.field.clone(),
                label: r.label.clone(),
                unit: r.unit.clone(),
            });
        }
        Ok(rows)
    }

    fn grades(&self, doc: &file::DocumentFile) -> Result<Vec<Grade>, Error> {
        let mut grades = Vec::new();
        for g in &doc.grades {
            let at = self.at.at(format!("grade {}", g.name));
            grades.push(Grade {
                name: Text::new(g.name.clone(), g.name_en.clone()),
                range: interval(&at, &g.from, &g.above, &g.below, &g.through)?,
            });
        }
        if !grades.is_empty() {
            let ranges: Vec<Interval> = grades.iter().map(|g| g.range).collect();
            check_contiguous(self.at, &ranges)?;
            let covers_all = ranges.first().is_some_and(|r| r.lower.is_none())
                && ranges.last().is_some_and(|r| r.upper.is_none());
            if !covers_all {
                return Err(self
                    .at
                    .err("grade bands must cover every total, from below to above"));
            }
        }
        Ok(grades)
    }

    fn vetoes(&mut self, doc: &file::DocumentFile) -> Result<Vec<Veto>, Error> {
        let mut vetoes: Vec<Veto> = Vec::new();
        for v in &doc.vetoes {
            let at = self.at.at(format!("veto {}", v.id));
            if vetoes.iter().any(|w| w.id == v.id) {
                return Err(at.err("veto id is used twice"));
            }
            at.non_empty("the veto's text", &v.text)?;
            let trigger = match (&v.flag, &v.when) {
                (Some(f), None) => {
                    if self.use_field(&at, f)?.kind != FieldKind::Bool {
                        return Err(at.err(format!("`{f}` is not a yes/no field")));
                    }
                    Trigger::Flag(f.clone())
                }
                (None, Some(c)) => Trigger::Compare(self.comparison(&at, c)?),
                _ => return Err(at.err("a veto has exactly one of `flag` or `when`")),
            };
            vetoes.push(Veto {
                id: v.id.clone(),
                text: Text::new(v.text.clone(), v.text_en.clone()),
                trigger,
                grade: v.grade.clone(),
                notes: v.notes.clone(),
            });
        }
        Ok(vetoes)
    }

    fn limits(&mut self, doc: &file::DocumentFile, grades: &[Grade]) -> Result<Vec<Limit>, Error> {
        let mut limits = Vec::new();
        for l in &doc.limits {
            let at = self.at.at(format!("limit {}", l.id));
            if self.use_field(&at, &l.flag)?.kind != FieldKind::Bool {
                return Err(at.err(format!("`{}` is not a yes/no field", l.flag)));
            }
            let grade_at_most = grades
                .iter()
                .position(|g| g.name.zh == l.grade_at_most)
                .ok_or_else(|| at.err(format!("grade `{}` does not exist", l.grade_at_most)))?;
            limits.push(Limit {
                id: l.id.clone(),
                text: Text::new(l.text.clone(), l.text_en.clone()),
                flag: l.flag.clone(),
                grade_at_most,
            });
        }
        Ok(limits)
    }
}

fn label(at: &Place<'_>, zh: &Option<String>, en: &Option<String>) -> Result<Option<Text>, Error> {
    match (zh, en) {
        (Some(zh), Some(en)) => Ok(Some(Text::new(zh.clone(), en.clone()))),
        (None, None) => Ok(None),
        _ => Err(at.err("give both label and label_en, or neither")),
    }
}

fn op(at: &Place<'_>, s: &str) -> Result<Op, Error> {
    Op::parse(s).ok_or_else(|| at.err(format!("unknown comparison `{s}`")))
}

fn interval(
    at: &Place<'_>,
    from: &Option<String>,
    above: &Option<String>,
    below: &Option<String>,
    through: &Option<String>,
) -> Result<Interval, Error> {
    let lower = match (from, above) {
        (Some(v), None) => Some(Bound {
            value: at.dec("from", v)?,
            inclusive: true,
        }),
        (None, Some(v)) => Some(Bound {
            value: at.dec("above", v)?,
            inclusive: false,
        }),
        (None, None) => None,
        _ => return Err(at.err("give `from` or `above`, not both")),
    };
    let upper = match (below, through) {
        (Some(v), None) => Some(Bound {
            value: at.dec("below", v)?,
            inclusive: false,
        }),
        (None, Some(v)) => Some(Bound {
            value: at.dec("through", v)?,
            inclusive: true,
        }),
        (None, None) => None,
        _ => return Err(at.err("give `below` or `through`, not both")),
    };
    if let (Some(l), Some(u)) = (lower, upper) {
        if l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive)) {
            return Err(at.err(format!(
                "the interval from {} to {} is empty",
                l.value, u.value
            )));
        }
    }
    Ok(Interval { lower, upper })
}

/// Consecutive intervals must meet exactly: each upper bound is the next lower bound, and
/// exactly one side includes the shared value. So there is no gap and no overlap.
fn check_contiguous(at: &Place<'_>, ranges: &[Interval]) -> Result<(), Error> {
    for pair in ranges.windows(2) {
        let [a, b] = pair else { continue };
        let (Some(up), Some(low)) = (a.upper, b.lower) else {
            return Err(at.err("only the last band may be open above, only the first open below"));
        };
        if up.value != low.value {
            return Err(at.err(format!(
                "bands leave a gap or overlap between {} and {}",
                fmt_dec(up.value),
                fmt_dec(low.value)
            )));
        }
        if up.inclusive == low.inclusive {
            return Err(at.err(format!(
                "the value {} must belong to exactly one band",
                fmt_dec(up.value)
            )));
        }
    }
    Ok(())
}

fn check_totals(
    at: &Place<'_>,
    groups: &[Group],
    items: &[Item],
    base_max: Decimal,
    bonus_max: Decimal,
) -> Result<(), Error> {
    for g in groups {
        let sum: Decimal = items
            .iter()
            .filter(|i| i.group == g.id)
            .map(|i| i.max)
            .sum();
        if items.is_empty() {
            continue;
        }
        if sum != g.max {
            return Err(at.err(format!(
                "group {} ({}) is worth {} but its items add up to {}",
                g.id,
                g.name.zh,
                fmt_dec(g.max),
                fmt_dec(sum)
            )));
        }
    }
    if items.is_empty() {
        return Ok(());
    }
    let base: Decimal = groups.iter().filter(|g| !g.bonus).map(|g| g.max).sum();
    let bonus: Decimal = groups.iter().filter(|g| g.bonus).map(|g| g.max).sum();
    if base != base_max {
        return Err(at.err(format!(
            "base groups add up to {} but base_max is {}",
            fmt_dec(base),
            fmt_dec(base_max)
        )));
    }
    if bonus != bonus_max {
        return Err(at.err(format!(
            "bonus groups add up to {} but bonus_max is {}",
            fmt_dec(bonus),
            fmt_dec(bonus_max)
        )));
    }
    Ok(())
}
