//! How a figure is measured: every input read once against its field, then quantities
//! (a field, a sum, a ratio, a growth rate…) computed from those readings in exact decimal.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::report::FigureValue;
use crate::input::{read, FieldError, Inputs, Reading};
use crate::rubric::{Field, Figure, Quantity, Rubric};
use crate::text::fmt_figure;

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
    /// The fields that went in empty.
    pub(crate) missing: Vec<String>,
    /// Whether a field that went in cannot be read.
    pub(crate) bad: bool,
}

impl Measured {
    /// Whether every field that went in was given and readable.
    pub(crate) fn complete(&self) -> bool {
        self.missing.is_empty() && !self.bad
    }
}

/// The readings of one scoring run.
pub(crate) struct Env<'a> {
    pub(crate) rubric: &'a Rubric,
    slots: BTreeMap<&'a str, Slot>,
    pub(crate) errors: Vec<FieldError>,
    ignored: Vec<&'a str>,
}

/// The rubric's fields in the order of the form: what the score needs, then the aids, then
/// the rest.
fn form_order(rubric: &Rubric) -> Vec<&str> {
    let mut order: Vec<&str> = Vec::new();
    let all = rubric
        .required_fields()
        .into_iter()
        .chain(
            rubric
                .items()
                .iter()
                .flat_map(|i| i.aids().iter().map(String::as_str)),
        )
        .chain(rubric.fields().keys().map(String::as_str));
    for id in all {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    order
}

impl<'a> Env<'a> {
    /// Reads every input the rubric knows. Errors are listed in form order, so the first
    /// error is the first bad field.
    pub(crate) fn new(rubric: &'a Rubric, inputs: &'a Inputs) -> Self {
        // The rubric's fields and the inputs are both ordered by id: walk them side by side
        // (one comparison a step, where looking each field up would take several).
        let mut slots = Vec::with_capacity(rubric.fields().len());
        let mut errors = Vec::new();
        let mut ignored = Vec::new();
        let mut given = inputs.iter().peekable();
        for (id, field) in rubric.fields() {
            let mut value = None;
            while let Some((k, v)) = given.peek() {
                match k.as_str().cmp(id.as_str()) {
                    std::cmp::Ordering::Less => {
                        ignored.push(k.as_str());
                        given.next();
                    }
                    std::cmp::Ordering::Equal => {
                        value = Some(*v);
                        given.next();
                        break;
                    }
                    std::cmp::Ordering::Greater => break,
                }
            }
            let slot = match value.map(|v| read(field, v)) {
                None | Some(Ok(None)) => Slot::Missing,
                Some(Ok(Some(r))) => Slot::Value(r),
                Some(Err(e)) => {
                    errors.push(e);
                    Slot::Bad
                }
            };
            slots.push((field.id(), slot));
        }
        ignored.extend(given.map(|(k, _)| k.as_str()));
        if errors.len() > 1 {
            let order = form_order(rubric);
            errors.sort_by_key(|e| order.iter().position(|f| *f == e.field));
        }
        Env {
            rubric,
            slots: slots.into_iter().collect(),
            errors,
            ignored,
        }
    }

    /// The inputs the rubric does not read, by id.
    pub(crate) fn ignored(&self) -> &[&'a str] {
        &self.ignored
    }

    /// What is known of the field `id`.
    pub(crate) fn slot(&self, id: &str) -> &Slot {
        self.slots.get(id).unwrap_or(&Slot::Missing)
    }

    /// Puts `slot` in the place of what is known of the field `id` and returns what was
    /// there, so the advisor can try a change and put the reading back.
    pub(crate) fn replace(&mut self, id: &'a str, slot: Slot) -> Slot {
        self.slots.insert(id, slot).unwrap_or(Slot::Missing)
    }

    /// The field `id` of the rubric.
    pub(crate) fn field(&self, id: &str) -> Option<&'a Field> {
        self.rubric.field(id)
    }

    /// Whether the yes/no field `id` is answered yes.
    pub(crate) fn yes(&self, id: &str) -> bool {
        matches!(self.slot(id), Slot::Value(Reading::Bool(true)))
    }

    /// Adds up fields; missing ones count as zero and are noted.
    fn sum(&self, ids: &[String], m: &mut Measured) -> Option<Decimal> {
        let mut total = Decimal::ZERO;
        for id in ids {
            match self.slot(id) {
                Slot::Value(r) => total = total.checked_add(r.quantity()?)?,
                Slot::Missing => m.missing.push(id.clone()),
                Slot::Bad => m.bad = true,
            }
        }
        Some(total)
    }

    /// The value of a quantity, with the fields that went in empty or unreadable.
    pub(crate) fn measure(&self, q: &Quantity) -> Measured {
        let mut m = Measured::default();
        let one = |id: &String| std::slice::from_ref(id).to_vec();
        m.value = match q {
            Quantity::Field(id) => self.sum(&one(id), &mut m),
            Quantity::Sum(ids) => self.sum(ids, &mut m),
            Quantity::Percent {
                numerator,
                denominator,
            } => {
                let n = self.sum(numerator, &mut m);
                let d = self.sum(denominator, &mut m);
                ratio(n, d).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            }
            Quantity::Ratio {
                numerator,
                denominator,
            } => {
                let n = self.sum(numerator, &mut m);
                let d = self.sum(denominator, &mut m);
                ratio(n, d)
            }
            Quantity::Growth { current, previous } => {
                let c = self.sum(&one(current), &mut m);
                let p = self.sum(&one(previous), &mut m);
                ratio(c, p)
                    .and_then(|r| r.checked_sub(Decimal::ONE))
                    .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            }
            Quantity::Difference { plus, minus } => {
                let p = self.sum(plus, &mut m);
                let n = self.sum(minus, &mut m);
                p.zip(n).and_then(|(p, n)| p.checked_sub(n))
            }
        };
        if m.bad {
            m.value = None;
        }
        m
    }

    /// A figure's value and how it compares with its reference line.
    pub(crate) fn figure(&self, f: &Figure) -> FigureValue {
        let m = self.measure(f.quantity());
        let pct = f.quantity().is_percent();
        let show = |v: Decimal| {
            if pct {
                format!("{}%", fmt_figure(v))
            } else {
                fmt_figure(v)
            }
        };
        let value = if m.complete() { m.value } else { None };
        FigureValue {
            id: f.id().to_string(),
            label: f.label().zh.clone(),
            label_en: f.label().en.clone(),
            value,
            display: value.map(show).unwrap_or_else(|| "—".to_string()),
            meets: f.target().and_then(|(op, t)| value.map(|v| op.holds(v, t))),
            target: f
                .target()
                .map(|(op, t)| format!("{} {}", op.sign(), show(t))),
        }
    }
}

/// `n ÷ d`, or none when there is nothing to divide by.
fn ratio(n: Option<Decimal>, d: Option<Decimal>) -> Option<Decimal> {
    let (n, d) = (n?, d?);
    if d.is_zero() {
        None
    } else {
        n.checked_div(d)
    }
}
