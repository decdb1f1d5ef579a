//! The fields a rubric reads: what a person types for each (a count, an amount, a
//! percentage, a yes or no, a checklist, a choice, a self-assessed score), its name and unit.

use rust_decimal::Decimal;

use crate::text::Text;

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
    /// Exactly one of listed levels (国家级 / 省级 / 市级); scored by a `choice` term.
    Choice(Vec<Choice>),
    /// A self-assessed score from 0 to the field's maximum.
    Score,
}

impl FieldKind {
    /// Whether the field can be measured as a number.
    pub fn is_numeric(&self) -> bool {
        !matches!(self, FieldKind::Bool | FieldKind::Choice(_))
    }

    /// The kind's name in rubric files.
    pub fn as_str(&self) -> &'static str {
        match self {
            FieldKind::Count => "count",
            FieldKind::Amount => "amount",
            FieldKind::SignedAmount => "signed-amount",
            FieldKind::Percent => "percent",
            FieldKind::Bool => "bool",
            FieldKind::Checklist(_) => "checklist",
            FieldKind::Choice(_) => "choice",
            FieldKind::Score => "score",
        }
    }

    /// The options of a checklist or single-choice field.
    pub fn options(&self) -> &[Choice] {
        match self {
            FieldKind::Checklist(o) | FieldKind::Choice(o) => o,
            _ => &[],
        }
    }
}

/// One choice of a checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub(crate) id: String,
    pub(crate) name: Text,
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
    pub(crate) id: String,
    pub(crate) name: Text,
    pub(crate) unit: Text,
    pub(crate) kind: FieldKind,
    pub(crate) max: Option<Decimal>,
    pub(crate) note: Option<String>,
    pub(crate) period: Option<Text>,
    pub(crate) given: bool,
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
    /// The period this rubric's document asks the figure for (“2017–2019年累计”), where the
    /// documents that share the field differ.
    pub fn period(&self) -> Option<&Text> {
        self.period.as_ref()
    }
    /// Whether the figure is given, not the applicant's to change (a target the bureau
    /// sets, a figure the document fixes): the advisor never suggests moving it.
    pub fn given(&self) -> bool {
        self.given
    }
}
