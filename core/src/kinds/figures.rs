//! What a kind of term sees: what is known of each field, a quantity's value with what
//! went into it, and the questions a kind asks of a scoring run ([`Figures`], [`Measure`])
//! and of the advisor's move of one field ([`Motion`]). The scorer and the advisor answer
//! them; a kind never needs to know how.

use rust_decimal::Decimal;

use super::How;
use crate::field::Field;
use crate::input::Reading;
use crate::quantity::{Comparison, Quantity};
use crate::text::{Lang, Text};

/// What is known of one field.
#[derive(Debug, Clone)]
pub(crate) enum Slot {
    /// Not given (counts as zero and is listed).
    Missing,
    /// Read.
    Value(Reading),
    /// Given but unreadable (its error is in [`Env::errors`]).
    Bad,
}

/// A quantity's value, with what went into it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Measured {
    /// None when it cannot be computed (a division by zero, or an absurd result).
    pub(crate) value: Option<Decimal>,
    /// How many of the fields that went in were empty.
    pub(crate) missing: usize,
    /// Whether a field that went in cannot be read.
    pub(crate) bad: bool,
}

impl Measured {
    /// Whether every field that went in was given and readable.
    pub(crate) fn complete(&self) -> bool {
        self.missing == 0 && !self.bad
    }
}

/// What is known of a field that is not there.
pub(crate) const MISSING: Slot = Slot::Missing;

/// One term's points and what decided them, for the explanation and the advisor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    /// The points the term gives (after its own cap, before the item's).
    pub(crate) points: Decimal,
    /// What decided them.
    pub(crate) how: How,
    /// Whether the term's own cap applied.
    pub(crate) capped: bool,
    /// Whether the term's `requires` field is not answered yes, so it gives nothing.
    pub(crate) blocked: bool,
    /// What the term would give were it not blocked (after its cap).
    pub(crate) unblocked: Decimal,
    /// What the rule itself gives, before the term's cap.
    pub(crate) raw: Decimal,
    /// Whether the rule's own arithmetic came out below zero (a shortfall counted per
    /// unit), so the part gives 0: only a deduction takes points away.
    pub(crate) below_zero: bool,
}

/// What a kind sees of one scoring run: the fields, what was typed into them, and the
/// quantities measured from them, with the words explanations use for them.
pub(crate) trait Figures {
    /// The field `id`, if the rubric has it.
    fn field(&self, id: &str) -> Option<&Field>;
    /// What is known of the field `id`.
    fn slot(&self, id: &str) -> &Slot;
    /// A quantity's value, with what went into it.
    fn measure(&self, q: &Quantity) -> Measured;
    /// Whether a comparison holds.
    fn holds(&self, c: &Comparison) -> bool {
        self.measure(&c.quantity)
            .value
            .is_some_and(|v| c.op.holds(v, c.value))
    }
    /// A quantity with its value, as an explanation shows it (“场地面积 3000 平方米”).
    fn show(&self, q: &Quantity, label: Option<&Text>, lang: Lang) -> String;
    /// A field with its value, as an explanation shows it.
    fn show_field(&self, id: &str, label: Option<&Text>, lang: Lang) -> String;
    /// A quantity's unit, as an explanation says it.
    fn unit(&self, q: &Quantity, lang: Lang) -> String;
}

/// What one term reads, for its formula: its quantities in the order the rule gives them,
/// and its one field.
pub(crate) trait Measure {
    /// The `i`-th quantity the term measures.
    fn nth(&self, i: usize) -> Measured;
    /// Every quantity the term measures, in order.
    fn all(&self) -> Vec<Measured>;
    /// What is known of the term's one field.
    fn field(&self) -> &Slot;

    /// The value of the term's one quantity, 0 when it cannot be computed or is empty.
    fn value(&self) -> Decimal {
        self.nth(0).value.unwrap_or(Decimal::ZERO)
    }

    /// Whether the `i`-th comparison holds.
    fn holds(&self, i: usize, c: &Comparison) -> bool {
        self.nth(i).value.is_some_and(|v| c.op.holds(v, c.value))
    }
}

/// One field moving in one direction, as the advisor tries it: what a kind needs to say
/// whether the move can raise it.
pub(crate) trait Motion {
    /// The run the move starts from.
    fn figures(&self) -> &dyn Figures;
    /// The field that moves.
    fn id(&self) -> &str;
    /// Whether it moves up.
    fn up(&self) -> bool;
    /// Whether moving the field moves `q` up (`up`) or down. A quantity that cannot be
    /// computed now (nothing to divide by) may take any value once the field moves.
    fn moves(&self, q: &Quantity, up: bool) -> bool;
    /// Whether the quantity depends on the field at all.
    fn involves(&self, q: &Quantity) -> bool;
}

/// What a suggestion's sentence knows when it says why a part gains.
pub(crate) struct Reason<'e> {
    pub(crate) env: &'e dyn Figures,
    /// The field the suggestion changes.
    pub(crate) id: &'e str,
    /// Whether the change fills in an empty field (with 0).
    pub(crate) fill: bool,
}
