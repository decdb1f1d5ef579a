//! How a figure is measured: every input read once against its field, then quantities
//! (a field, a sum, a ratio, a growth rate…) computed from those readings in exact decimal.

use rust_decimal::Decimal;

use super::report::FigureValue;
use super::Detail;
use crate::input::Reading;
use crate::input::{read_with, FieldError, Given, Inputs};
use crate::kinds::Figures;
pub(crate) use crate::kinds::{Measured, Slot, MISSING};
use crate::rubric::resolved::{self, Resolved};
use crate::rubric::{Field, Figure, Quantity, Rubric};
use crate::text::fmt_figure;
use crate::text::{Lang, Text};

/// The readings of one scoring run: one slot per position of the rubric's [`Resolved`]
/// references, and one more that is always missing.
pub(crate) struct Env<'a> {
    pub(crate) rubric: &'a Rubric,
    /// The rubric's references, by position.
    pub(crate) at: &'a Resolved,
    slots: Vec<Slot>,
    pub(crate) errors: Vec<FieldError>,
    ignored: Vec<&'a str>,
}

impl<'a> Env<'a> {
    /// Reads every input the rubric knows. Errors are listed in form order, so the first
    /// error is the first bad field.
    pub(crate) fn new(rubric: &'a Rubric, inputs: &'a Inputs) -> Self {
        Env::new_in(rubric, rubric.fields().values(), inputs, Vec::new())
    }

    /// [`Env::new`], the readings kept in `slots` (room reused from an earlier run);
    /// `fields` are the rubric's fields in id order (as [`Env::read`] takes them).
    pub(crate) fn new_in(
        rubric: &'a Rubric,
        fields: impl IntoIterator<Item = &'a Field>,
        inputs: &'a Inputs,
        slots: Vec<Slot>,
    ) -> Self {
        // The rubric's fields and the inputs are both ordered by id: walk them side by side
        // (one comparison a step, where looking each field up would take several).
        let mut ignored = Vec::new();
        let mut given = inputs.iter().peekable();
        let env = Env::read(rubric, fields, slots, |_, id| {
            while let Some((k, v)) = given.peek() {
                match k.as_str().cmp(id) {
                    std::cmp::Ordering::Less => {
                        ignored.push(k.as_str());
                        given.next();
                    }
                    std::cmp::Ordering::Equal => {
                        let v = v.given();
                        given.next();
                        return Some(v);
                    }
                    std::cmp::Ordering::Greater => break,
                }
            }
            None
        });
        ignored.extend(given.map(|(k, _)| k.as_str()));
        Env { ignored, ..env }
    }

    /// Reads what `given` gives for each field (asked with its position and id, in the
    /// order of the rubric's fields) into `slots` (emptied first: room reused from an
    /// earlier run). Errors are listed in form order.
    ///
    /// `fields` are the rubric's fields in id order, the order of [`Rubric::fields`]: a
    /// scorer passes them from a list it made once, so that a batch does not walk the
    /// rubric's map of fields for every row.
    pub(crate) fn read<'v>(
        rubric: &'a Rubric,
        fields: impl IntoIterator<Item = &'a Field>,
        mut slots: Vec<Slot>,
        mut given: impl FnMut(usize, &str) -> Option<Given<'v>>,
    ) -> Self {
        let at = rubric.resolved();
        slots.clear();
        slots.reserve(at.ids.len() + 1);
        let mut errors = Vec::new();
        // Each field by its id (the rubric's key for it) with what reading it needs,
        // worked out once per rubric.
        let fields = at.ids.iter().zip(fields).zip(&at.readers);
        for (p, ((id, field), reader)) in fields.enumerate() {
            let slot = match given(p, id).map(|v| read_with(field, reader, v)) {
                None | Some(Ok(None)) => Slot::Missing,
                Some(Ok(Some(r))) => Slot::Value(r),
                Some(Err(e)) => {
                    errors.push(e);
                    Slot::Bad
                }
            };
            slots.push(slot);
        }
        // Ids that name no field, and the position that holds nothing.
        slots.resize(at.ids.len() + 1, Slot::Missing);
        if errors.len() > 1 {
            errors.sort_by_key(|e| at.position(&e.field).and_then(|p| at.rank.get(p).copied()));
        }
        Env {
            rubric,
            at,
            slots,
            errors,
            ignored: Vec::new(),
        }
    }

    /// The room the readings took, for the next run.
    pub(crate) fn into_slots(self) -> Vec<Slot> {
        self.slots
    }

    /// The inputs the rubric does not read, by id.
    pub(crate) fn ignored(&self) -> &[&'a str] {
        &self.ignored
    }

    /// What is known of the field `id`.
    pub(crate) fn slot(&self, id: &str) -> &Slot {
        self.at.position(id).map_or(&MISSING, |p| self.slot_at(p))
    }

    /// What is known of the field at position `p`.
    pub(crate) fn slot_at(&self, p: usize) -> &Slot {
        self.slots.get(p).unwrap_or(&MISSING)
    }

    /// Puts `slot` in the place of what is known of the field `id` and returns what was
    /// there, so the advisor can try a change and put the reading back.
    pub(crate) fn replace(&mut self, id: &str, slot: Slot) -> Slot {
        let nowhere = self.at.nowhere();
        match self
            .at
            .position(id)
            .filter(|p| *p != nowhere)
            .and_then(|p| self.slots.get_mut(p))
        {
            Some(s) => std::mem::replace(s, slot),
            None => Slot::Missing,
        }
    }

    /// The field `id` of the rubric.
    pub(crate) fn field(&self, id: &str) -> Option<&'a Field> {
        self.rubric.field(id)
    }

    /// Whether the yes/no field `id` is answered yes.
    pub(crate) fn yes(&self, id: &str) -> bool {
        matches!(self.slot(id), Slot::Value(Reading::Bool(true)))
    }

    /// Whether the yes/no field at position `p` is answered yes.
    pub(crate) fn yes_at(&self, p: usize) -> bool {
        matches!(self.slot_at(p), Slot::Value(Reading::Bool(true)))
    }

    /// Adds up fields; missing ones count as zero and are counted.
    fn sum(&self, at: &[usize], m: &mut Measured) -> Option<Decimal> {
        // Begun with the first figure rather than 0: `0 + x` is `x` itself (its digits and
        // scale), so the total is the same decimal, and a quantity of one field (most of
        // them) is added up with no addition at all.
        let mut total: Option<Decimal> = None;
        for p in at {
            match self.slot_at(*p) {
                Slot::Value(r) => {
                    let x = r.quantity()?;
                    total = Some(match total {
                        Some(t) => t.checked_add(x)?,
                        None => x,
                    });
                }
                Slot::Missing => m.missing += 1,
                Slot::Bad => m.bad = true,
            }
        }
        Some(total.unwrap_or(Decimal::ZERO))
    }

    /// The value of a quantity, with the fields that went in empty or unreadable.
    pub(crate) fn measure(&self, q: &Quantity) -> Measured {
        self.measure_at(&self.at.quantity(q))
    }

    /// The value of a quantity given by position, with the fields that went in empty or
    /// unreadable.
    pub(crate) fn measure_at(&self, q: &resolved::Quantity) -> Measured {
        use resolved::Quantity as Q;
        let mut m = Measured::default();
        let one = std::slice::from_ref;
        m.value = match q {
            Q::Field(p) => self.sum(one(p), &mut m),
            Q::Sum(ps) => self.sum(ps, &mut m),
            Q::Percent {
                numerator,
                denominator,
            } => {
                let n = self.sum(numerator, &mut m);
                let d = self.sum(denominator, &mut m);
                ratio(n, d).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            }
            Q::Ratio {
                numerator,
                denominator,
            } => {
                let n = self.sum(numerator, &mut m);
                let d = self.sum(denominator, &mut m);
                ratio(n, d)
            }
            Q::Growth { current, previous } => {
                let c = self.sum(one(current), &mut m);
                let p = self.sum(one(previous), &mut m);
                ratio(c, p)
                    .and_then(|r| r.checked_sub(Decimal::ONE))
                    .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            }
            Q::Difference { plus, minus } => {
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

    /// A figure's value and how it compares with its reference line, written over `out`;
    /// `q` is its quantity by position. Its label and the texts for display are written
    /// only when `detail` asks for explanations (else they are left empty).
    pub(crate) fn figure(
        &self,
        f: &Figure,
        q: &resolved::Quantity,
        detail: Detail,
        out: &mut FigureValue,
    ) {
        let m = self.measure_at(q);
        let value = if m.complete() { m.value } else { None };
        if out.id != f.id() {
            out.id = f.id().to_string();
        }
        out.value = value;
        out.meets = f.target().and_then(|(op, t)| value.map(|v| op.holds(v, t)));
        if detail == Detail::Scores {
            out.label.clear();
            out.label_en.clear();
            out.display.clear();
            out.target = None;
            return;
        }
        let pct = f.quantity().is_percent();
        let show = |v: Decimal| {
            if pct {
                format!("{}%", fmt_figure(v))
            } else {
                fmt_figure(v)
            }
        };
        out.label = f.label().zh.clone();
        out.label_en = f.label().en.clone();
        out.display = value.map(show).unwrap_or_else(|| "—".to_string());
        out.target = f
            .target()
            .map(|(op, t)| format!("{} {}", op.sign(), show(t)));
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

/// What the kinds of term see of a run.
impl Figures for Env<'_> {
    fn field(&self, id: &str) -> Option<&Field> {
        Env::field(self, id)
    }

    fn slot(&self, id: &str) -> &Slot {
        Env::slot(self, id)
    }

    fn measure(&self, q: &Quantity) -> Measured {
        Env::measure(self, q)
    }

    fn show(&self, q: &Quantity, label: Option<&Text>, lang: Lang) -> String {
        Env::show(self, q, label, lang)
    }

    fn show_field(&self, id: &str, label: Option<&Text>, lang: Lang) -> String {
        Env::show_field(self, id, label, lang)
    }

    fn unit(&self, q: &Quantity, lang: Lang) -> String {
        Env::unit(self, q, lang)
    }
}
