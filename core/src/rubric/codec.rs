//! A compact binary form of a validated [`Catalog`].
//!
//! `build.rs` validates the rubric files at build time (with the same conversion that
//! [`Catalog::from_json`] runs) and writes the result in this form; the library embeds the
//! bytes and [`Catalog::from_bytes`] rebuilds the domain types without parsing JSON or
//! checking again. That keeps the JSON parser and the checker out of the browser bundle.
//! Reading never panics: malformed bytes give `None`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::*;

/// Collects encoded bytes; every distinct string is written once, in a table ahead of the
/// body, and referred to by its index (the two Xinxiang rubrics share almost every text).
#[derive(Default)]
pub(super) struct Writer {
    body: Vec<u8>,
    strings: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Writer {
    fn push(&mut self, b: u8) {
        self.body.push(b);
    }

    fn string(&mut self, s: &str) -> usize {
        if let Some(i) = self.index.get(s) {
            return *i;
        }
        let i = self.strings.len();
        self.strings.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    /// The string table, then the body.
    pub(super) fn finish(self) -> Vec<u8> {
        let mut out = Vec::new();
        put_len(&mut out, self.strings.len());
        for s in &self.strings {
            put_len(&mut out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(&self.body);
        out
    }
}

/// A cursor over encoded bytes, with the string table read from their start.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    strings: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Option<Self> {
        let mut r = Reader {
            bytes,
            strings: Vec::new(),
        };
        let n = r.len()?;
        if n > r.bytes.len() {
            return None;
        }
        for _ in 0..n {
            let len = r.len()?;
            let s = std::str::from_utf8(r.take(len)?).ok()?;
            r.strings.push(s);
        }
        Some(r)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).and_then(|b| b.first().copied())
    }

    fn len(&mut self) -> Option<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return usize::try_from(n).ok();
            }
        }
        None
    }

    pub(super) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

fn put_len(w: &mut Vec<u8>, mut n: usize) {
    // LEB128.
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            w.push(b);
            return;
        }
        w.push(b | 0x80);
    }
}

/// A type that can be written and read back.
pub(super) trait Codec: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

impl Codec for String {
    fn put(&self, w: &mut Writer) {
        let i = w.string(self);
        put_len(&mut w.body, i);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let i = r.len()?;
        r.strings.get(i).map(|s| s.to_string())
    }
}

impl Codec for usize {
    fn put(&self, w: &mut Writer) {
        put_len(&mut w.body, *self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.len()
    }
}

impl Codec for bool {
    fn put(&self, w: &mut Writer) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

/// A decimal as its scale and its mantissa (zig-zag LEB128): "0.2" takes three bytes.
impl Codec for Decimal {
    fn put(&self, w: &mut Writer) {
        let d = self.normalize();
        w.push(u8::try_from(d.scale()).unwrap_or(0));
        let m = d.mantissa();
        let zigzag = ((m << 1) ^ (m >> 127)) as u128;
        let mut n = zigzag;
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                w.push(b);
                break;
            }
            w.push(b | 0x80);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let scale = u32::from(r.byte()?);
        let mut n: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = r.byte()?;
            n |= u128::from(b & 0x7f) << shift;
            if b < 0x80 {
                let m = ((n >> 1) as i128) ^ -((n & 1) as i128);
                return Decimal::try_from_i128_with_scale(m, scale).ok();
            }
        }
        None
    }
}

impl<T: Codec> Codec for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::get(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, w: &mut Writer) {
        put_len(&mut w.body, self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        // Each element takes at least a byte: a length beyond what is left is corrupt.
        if n > r.bytes.len() {
            return None;
        }
        (0..n).map(|_| T::get(r)).collect()
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

/// Implements [`Codec`] for a struct by writing its fields in order.
macro_rules! record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Codec for $ty {
            fn put(&self, w: &mut Writer) {
                $(self.$field.put(w);)*
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                Some($ty { $($field: Codec::get(r)?,)* })
            }
        }
    };
}

record!(Text { zh, en });
record!(Policy { id, text });
record!(Choice { id, name });
record!(Field {
    id,
    name,
    unit,
    kind,
    max,
    note
});
record!(Document {
    title,
    issuer,
    number,
    year,
    period,
    section,
    source,
    references,
    notes
});
record!(Bound { value, inclusive });
record!(Interval { lower, upper });
record!(Band { range, points });
record!(Comparison {
    quantity,
    label,
    op,
    value
});
record!(Term { label, rule });
record!(Figure {
    id,
    label,
    quantity,
    target
});
record!(Group {
    id,
    name,
    source,
    max,
    bonus,
    notes
});
record!(Item {
    id,
    group,
    number,
    name,
    source_text,
    rule_text,
    max,
    nature,
    evidence,
    bonus,
    terms,
    aids,
    figures,
    policies,
    notes,
});
record!(Grade { name, range });
record!(Veto {
    id,
    text,
    trigger,
    grade,
    notes
});
record!(Limit {
    id,
    text,
    flag,
    grade_at_most
});
record!(Check {
    left,
    op,
    right,
    message
});
record!(Row {
    group,
    field,
    label,
    unit
});

impl Codec for FieldKind {
    fn put(&self, w: &mut Writer) {
        let tag: u8 = match self {
            FieldKind::Count => 0,
            FieldKind::Amount => 1,
            FieldKind::SignedAmount => 2,
            FieldKind::Percent => 3,
            FieldKind::Bool => 4,
            FieldKind::Checklist(_) => 5,
            FieldKind::Score => 6,
        };
        w.push(tag);
        if let FieldKind::Checklist(choices) = self {
            choices.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => FieldKind::Count,
            1 => FieldKind::Amount,
            2 => FieldKind::SignedAmount,
            3 => FieldKind::Percent,
            4 => FieldKind::Bool,
            5 => FieldKind::Checklist(Codec::get(r)?),
            6 => FieldKind::Score,
            _ => return None,
        })
    }
}

impl Codec for Method {
    fn put(&self, w: &mut Writer) {
        w.push(match self {
            Method::Formula => 0,
            Method::Weights => 1,
            Method::Form => 2,
        });
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Method::Formula,
            1 => Method::Weights,
            2 => Method::Form,
            _ => return None,
        })
    }
}

impl Codec for Op {
    fn put(&self, w: &mut Writer) {
        w.push(match self {
            Op::Lt => 0,
            Op::Le => 1,
            Op::Eq => 2,
            Op::Ge => 3,
            Op::Gt => 4,
        });
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Op::Lt,
            1 => Op::Le,
            2 => Op::Eq,
            3 => Op::Ge,
            4 => Op::Gt,
            _ => return None,
        })
    }
}

impl Codec for Quantity {
    fn put(&self, w: &mut Writer) {
        match self {
            Quantity::Field(f) => {
                w.push(0);
                f.put(w);
            }
            Quantity::Sum(fs) => {
                w.push(1);
                fs.put(w);
            }
            Quantity::Percent {
                numerator,
                denominator,
            } => {
                w.push(2);
                numerator.put(w);
                denominator.put(w);
            }
            Quantity::Ratio {
                numerator,
                denominator,
            } => {
                w.push(3);
                numerator.put(w);
                denominator.put(w);
            }
            Quantity::Growth { current, previous } => {
                w.push(4);
                current.put(w);
                previous.put(w);
            }
            Quantity::Difference { plus, minus } => {
                w.push(5);
                plus.put(w);
                minus.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Quantity::Field(Codec::get(r)?),
            1 => Quantity::Sum(Codec::get(r)?),
            2 => Quantity::Percent {
                numerator: Codec::get(r)?,
                denominator: Codec::get(r)?,
            },
            3 => Quantity::Ratio {
                numerator: Codec::get(r)?,
                denominator: Codec::get(r)?,
            },
            4 => Quantity::Growth {
                current: Codec::get(r)?,
                previous: Codec::get(r)?,
            },
            5 => Quantity::Difference {
                plus: Codec::get(r)?,
                minus: Codec::get(r)?,
            },
            _ => return None,
        })
    }
}

impl Codec for Rule {
    fn put(&self, w: &mut Writer) {
        match self {
            Rule::Bands { quantity, bands } => {
                w.push(0);
                quantity.put(w);
                bands.put(w);
            }
            Rule::Per {
                quantity,
                every,
                points,
            } => {
                w.push(1);
                quantity.put(w);
                every.put(w);
                points.put(w);
            }
            Rule::Step {
                quantity,
                threshold,
                points,
                step,
                step_points,
            } => {
                w.push(2);
                quantity.put(w);
                threshold.put(w);
                points.put(w);
                step.put(w);
                step_points.put(w);
            }
            Rule::Flag { field, points } => {
                w.push(3);
                field.put(w);
                points.put(w);
            }
            Rule::SelfScore { field, max } => {
                w.push(4);
                field.put(w);
                max.put(w);
            }
            Rule::Highest { options } => {
                w.push(5);
                options.put(w);
            }
            Rule::Deduct {
                quantity,
                start,
                each,
            } => {
                w.push(6);
                quantity.put(w);
                start.put(w);
                each.put(w);
            }
            Rule::Condition { all, points } => {
                w.push(7);
                all.put(w);
                points.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Rule::Bands {
                quantity: Codec::get(r)?,
                bands: Codec::get(r)?,
            },
            1 => Rule::Per {
                quantity: Codec::get(r)?,
                every: Codec::get(r)?,
                points: Codec::get(r)?,
            },
            2 => Rule::Step {
                quantity: Codec::get(r)?,
                threshold: Codec::get(r)?,
                points: Codec::get(r)?,
                step: Codec::get(r)?,
                step_points: Codec::get(r)?,
            },
            3 => Rule::Flag {
                field: Codec::get(r)?,
                points: Codec::get(r)?,
            },
            4 => Rule::SelfScore {
                field: Codec::get(r)?,
                max: Codec::get(r)?,
            },
            5 => Rule::Highest {
                options: Codec::get(r)?,
            },
            6 => Rule::Deduct {
                quantity: Codec::get(r)?,
                start: Codec::get(r)?,
                each: Codec::get(r)?,
            },
            7 => Rule::Condition {
                all: Codec::get(r)?,
                points: Codec::get(r)?,
            },
            _ => return None,
        })
    }
}

impl Codec for Trigger {
    fn put(&self, w: &mut Writer) {
        match self {
            Trigger::Flag(f) => {
                w.push(0);
                f.put(w);
            }
            Trigger::Compare(c) => {
                w.push(1);
                c.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Trigger::Flag(Codec::get(r)?),
            1 => Trigger::Compare(Codec::get(r)?),
            _ => return None,
        })
    }
}

/// A rubric refers to the dictionary's fields by id and writes out only its own
/// (self-assessment) fields; policies and the document are written once per rubric.
pub(super) fn put_rubric(r: &Rubric, dictionary: &BTreeMap<String, Field>, w: &mut Writer) {
    r.id.put(w);
    r.version.put(w);
    r.name.put(w);
    r.region.put(w);
    r.space_type.put(w);
    r.method.put(w);
    r.document.put(w);
    r.base_max.put(w);
    r.bonus_max.put(w);
    r.groups.put(w);
    r.items.put(w);
    r.grades.put(w);
    r.grade_names.put(w);
    r.grades_note.put(w);
    r.vetoes.put(w);
    r.limits.put(w);
    r.checks.put(w);
    r.figures.put(w);
    r.rows.put(w);
    let fields: Vec<(String, Option<Field>)> = r
        .fields
        .iter()
        .map(|(id, f)| {
            (
                id.clone(),
                (dictionary.get(id) != Some(f)).then(|| f.clone()),
            )
        })
        .collect();
    fields.put(w);
    let policies: Vec<String> = r.policies.iter().map(|p| p.id.clone()).collect();
    policies.put(w);
}

pub(super) fn get_rubric(
    r: &mut Reader<'_>,
    dictionary: &BTreeMap<String, Field>,
    all: &[Policy],
) -> Option<Rubric> {
    let mut rubric = Rubric {
        id: Codec::get(r)?,
        version: Codec::get(r)?,
        name: Codec::get(r)?,
        region: Codec::get(r)?,
        space_type: Codec::get(r)?,
        method: Codec::get(r)?,
        document: Codec::get(r)?,
        base_max: Codec::get(r)?,
        bonus_max: Codec::get(r)?,
        groups: Codec::get(r)?,
        items: Codec::get(r)?,
        grades: Codec::get(r)?,
        grade_names: Codec::get(r)?,
        grades_note: Codec::get(r)?,
        vetoes: Codec::get(r)?,
        limits: Codec::get(r)?,
        checks: Codec::get(r)?,
        figures: Codec::get(r)?,
        rows: Codec::get(r)?,
        fields: BTreeMap::new(),
        policies: Vec::new(),
    };
    let fields: Vec<(String, Option<Field>)> = Codec::get(r)?;
    for (id, own) in fields {
        let field = match own {
            Some(f) => f,
            None => dictionary.get(&id)?.clone(),
        };
        rubric.fields.insert(id, field);
    }
    let policies: Vec<String> = Codec::get(r)?;
    for id in policies {
        rubric
            .policies
            .push(all.iter().find(|p| p.id == id)?.clone());
    }
    Some(rubric)
}
