//! A rubric file's values as a tree: text, decimals (written as text, so they are exact),
//! whole numbers, yes/no, lists and tables of keys, with what the kinds of term and the
//! rubric file writer make of quantities, bounds and
//! comparisons.

use rust_decimal::Decimal;

use crate::quantity::{Bound, Comparison, Interval, Op, Quantity, Rate};
use crate::text::{fmt_dec, Text};

/// A value of a rubric file, as the file writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// Text.
    Text(String),
    /// A decimal, written as text so that it is exact.
    Dec(Decimal),
    /// A whole number (`places`, a decimal written without quotes).
    Int(i64),
    /// Yes or no.
    Bool(bool),
    /// A value kept as the file wrote it (a float, a date): the checker says what is wrong
    /// with it, and it is written back as it was.
    Raw(String),
    /// A list.
    List(Vec<Val>),
    /// A table of keys, in order.
    Table(Vec<(String, Val)>),
}

impl serde::Serialize for Val {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Val::Text(t) | Val::Raw(t) => s.serialize_str(t),
            Val::Dec(d) => s.serialize_str(&fmt_dec(*d)),
            Val::Int(n) => s.serialize_i64(*n),
            Val::Bool(b) => s.serialize_bool(*b),
            Val::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Val::Table(pairs) => {
                let mut map = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl Val {
    /// The value under `key` of a table.
    pub fn get(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Table(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value under `key` of a table, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Val> {
        match self {
            Val::Table(pairs) => pairs.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets `key` of a table to `value` (in its place, or last); a value that is not a
    /// table is left as it is.
    pub fn set(&mut self, key: &str, value: Val) {
        if let Val::Table(pairs) = self {
            match pairs.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => pairs.push((key.to_string(), value)),
            }
        }
    }

    /// Removes `key` from a table; what it held.
    pub fn remove(&mut self, key: &str) -> Option<Val> {
        match self {
            Val::Table(pairs) => {
                let i = pairs.iter().position(|(k, _)| k == key)?;
                Some(pairs.remove(i).1)
            }
            _ => None,
        }
    }

    /// The text of a text (or a decimal, written).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Val::Text(t) | Val::Raw(t) => Some(t.clone()),
            Val::Dec(d) => Some(fmt_dec(*d)),
            Val::Int(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// The items of a list.
    pub fn items(&self) -> &[Val] {
        match self {
            Val::List(items) => items,
            _ => &[],
        }
    }
}

pub(crate) fn text(s: &str) -> Val {
    Val::Text(s.to_string())
}

pub(crate) fn table(pairs: Vec<(&str, Val)>) -> Val {
    Val::Table(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

pub(crate) fn texts(ids: &[String]) -> Val {
    Val::List(ids.iter().map(|i| text(i)).collect())
}

/// A table of `pairs`, leaving out the keys whose value is `None`.
pub(crate) fn some(pairs: Vec<(&str, Option<Val>)>) -> Val {
    Val::Table(
        pairs
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect(),
    )
}

/// `k` and `k_en` from a text in both languages.
pub(crate) fn both(k: &str, t: &Text) -> [(String, Val); 2] {
    [
        (k.to_string(), text(&t.zh)),
        (format!("{k}_en"), text(&t.en)),
    ]
}

pub(crate) fn texts_if_any(list: &[String]) -> Option<Val> {
    (!list.is_empty()).then(|| texts(list))
}

/// A quantity as `input` writes it: a field's id, or a table.
pub fn quantity_val(q: &Quantity) -> Val {
    match q {
        Quantity::Field(f) => text(f),
        Quantity::Sum(fs) => table(vec![("sum", texts(fs))]),
        Quantity::Percent {
            numerator,
            denominator,
        } => table(vec![
            ("percent", texts(numerator)),
            ("of", texts(denominator)),
        ]),
        Quantity::Ratio {
            numerator,
            denominator,
        } => table(vec![
            ("ratio", texts(numerator)),
            ("per", texts(denominator)),
        ]),
        Quantity::Growth { current, previous } => {
            table(vec![("growth", text(current)), ("from", text(previous))])
        }
        Quantity::Difference { plus, minus } => {
            table(vec![("difference", texts(plus)), ("minus", texts(minus))])
        }
    }
}

/// A lower bound as `from` (inclusive) or `above`.
pub(crate) fn lower_key(b: Bound) -> (&'static str, Val) {
    (
        if b.inclusive { "from" } else { "above" },
        Val::Dec(b.value),
    )
}

/// An upper bound as `through` (inclusive) or `below`.
pub(crate) fn upper_key(b: Bound) -> (&'static str, Val) {
    (
        if b.inclusive { "through" } else { "below" },
        Val::Dec(b.value),
    )
}

/// An interval's bounds as keys.
pub(crate) fn interval_keys(i: Interval) -> Vec<(&'static str, Val)> {
    i.lower
        .map(lower_key)
        .into_iter()
        .chain(i.upper.map(upper_key))
        .collect()
}

/// A weighted count or a deduction rate as a table.
pub(crate) fn rate_val(r: &Rate, points_key: &'static str) -> Val {
    let mut pairs = vec![
        ("input", quantity_val(&r.quantity)),
        (points_key, Val::Dec(r.points)),
    ];
    if let Some(l) = &r.label {
        pairs.push(("label", text(&l.zh)));
        pairs.push(("label_en", text(&l.en)));
    }
    table(pairs)
}

/// A comparison as a table: `input`, `op`, `value`, and its label.
pub fn comparison_val(c: &Comparison) -> Val {
    let mut pairs = vec![
        ("input", quantity_val(&c.quantity)),
        ("op", text(op_text(c.op))),
        ("value", Val::Dec(c.value)),
    ];
    if let Some(l) = &c.label {
        pairs.push(("label", text(&l.zh)));
        pairs.push(("label_en", text(&l.en)));
    }
    table(pairs)
}

/// An operator as a rubric file writes it (`<`, `<=`, `==`, `>=`, `>`).
pub fn op_text(o: Op) -> &'static str {
    match o {
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Eq => "==",
        Op::Ge => ">=",
        Op::Gt => ">",
    }
}
