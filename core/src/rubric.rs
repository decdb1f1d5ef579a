//! Validated rubrics: the domain types that scoring trusts.
//!
//! [`Catalog::from_json`] converts the file structs of [`crate::file`] into these types and
//! checks every invariant on the way (the rubric checker): ids are unique, every reference
//! resolves, item maxima add up to their group and the groups to the rubric's stated
//! totals, band tables have no gaps or overlaps, every item quotes its source, every field
//! of the dictionary is used, and each rule cites the policy line that governs it. After
//! that, nothing in scoring needs to check them again.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::error::Error;
use crate::file;
use crate::text::Text;

// Spelled out so that build.rs, which includes this file by path, finds them too.
#[path = "rubric/check.rs"]
mod check;
#[path = "rubric/codec.rs"]
mod codec;

use check::{convert, Place};

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
