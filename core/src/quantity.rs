//! What the kinds of term share: the quantities a rule measures (a field, a sum, a ratio, a
//! growth rate…), bounds and intervals, comparisons, and a counted field's points per unit.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::text::Text;

/// `a` compared with `b`, exactly as `Decimal`'s `Ord` compares them, the common case
/// quickly: two figures with the same number of decimal places compare as their digits
/// do (a signed whole number each; a negative zero is zero), with no rescaling to look
/// for. Scoring compares a few decimals for every item, check and figure of every space.
pub(crate) fn compare(a: Decimal, b: Decimal) -> Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(&b)
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

impl Bound {
    /// Whether `x` is on the inside of this bound taken as a lower bound.
    pub fn passed_by(&self, x: Decimal) -> bool {
        let order = compare(x, self.value);
        if self.inclusive {
            order.is_ge()
        } else {
            order.is_gt()
        }
    }
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
        let above = self.lower.is_none_or(|b| b.passed_by(x));
        let below = match self.upper {
            None => true,
            Some(b) if b.inclusive => compare(x, b.value).is_le(),
            Some(b) => compare(x, b.value).is_lt(),
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
    /// The operator written in a rubric file (`<`, `<=`, `==`, `>=`, `>`).
    pub fn parse(s: &str) -> Option<Op> {
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
        let order = compare(a, b);
        match self {
            Op::Lt => order.is_lt(),
            Op::Le => order.is_le(),
            Op::Eq => order.is_eq(),
            Op::Ge => order.is_ge(),
            Op::Gt => order.is_gt(),
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

/// A counted field and what each unit of it is worth (`weighted` terms), or what each unit
/// takes off (`deduct` terms).
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// What is counted.
    pub quantity: Quantity,
    /// What it is called in explanations, where not the field's name.
    pub label: Option<Text>,
    /// The points per unit.
    pub points: Decimal,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_orders_as_decimal_does() {
        let mut zero_below = Decimal::ZERO;
        zero_below.set_sign_negative(true);
        let mut values: Vec<Decimal> = [
            "0",
            "0.00",
            "1",
            "1.0",
            "1.5",
            "-1.5",
            "-1",
            "100",
            "99.99",
            "0.001",
            "-0.001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "12.345678",
        ]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
        values.push(zero_below);
        for a in &values {
            for b in &values {
                assert_eq!(compare(*a, *b), a.cmp(b), "{a} against {b}");
            }
        }
    }
}
