//! The rule types: how an item turns figures into points. An item's rule is a list of
//! [`Term`]s whose points are added up, then capped at the item's maximum; each kind of
//! [`Rule`] is one sentence pattern the documents use.

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

/// The decimal places a proportional (`linear`) term rounds to unless its rubric file says.
pub const LINEAR_PLACES: u32 = 2;
/// The most decimal places a proportional term may round to.
pub const MAX_LINEAR_PLACES: u32 = 8;

/// The points of a proportional rule at `x`: `points` at the threshold, then `rate` for
/// every `every` units above it, in proportion, rounded to `places` half away from zero;
/// none below the threshold (and none where the arithmetic overflows). The one formula the
/// scorer and the advisor share.
pub(crate) fn linear_points(
    x: Decimal,
    threshold: Bound,
    points: Decimal,
    every: Decimal,
    rate: Decimal,
    places: u32,
) -> Option<Decimal> {
    if !threshold.passed_by(x) {
        return None;
    }
    x.checked_sub(threshold.value)?
        .checked_div(every)?
        .checked_mul(rate)?
        .checked_add(points)
        .map(|g| {
            g.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        })
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

/// One term of an item's rule. An item's score is the sum of its terms, capped at its
/// maximum and never below zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// What the measured quantity is called in explanations, where not the field's name.
    pub label: Option<Text>,
    /// The rule.
    pub rule: Rule,
    /// The most this term may give (a cap on part of an item: “此项最高 3 分”).
    pub cap: Option<Decimal>,
    /// A yes/no field that must be answered yes for the term to score (a self-assessment of
    /// a platform's services needs the platform).
    pub requires: Option<String>,
}

impl Term {
    /// The most this term can give, if bounded.
    pub fn ceiling(&self) -> Option<Decimal> {
        match (self.rule.ceiling(), self.cap) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Every field the term reads, its `requires` field included.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = self.rule.fields();
        if let Some(r) = &self.requires {
            out.push(r.as_str());
        }
        out
    }
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
    /// `points` on reaching a threshold, then `rate` points for every `every` units above
    /// it, in proportion and not floored (达到60%得6分，此基础上每增加1个百分点加0.1分;
    /// 完成/目标 × 分值).
    Linear {
        /// The measured quantity.
        quantity: Quantity,
        /// Where the line starts; below it the term gives nothing.
        threshold: Bound,
        /// The points at the threshold.
        points: Decimal,
        /// The size of one unit of the rate.
        every: Decimal,
        /// The points per `every` units above the threshold.
        rate: Decimal,
        /// The decimal places the points are rounded to, half away from zero (2 unless the
        /// rubric file says otherwise: documents publish 0.583 as well as 0.58).
        places: u32,
    },
    /// `points` when a yes/no field is yes.
    Flag {
        /// The yes/no field.
        field: String,
        /// The points for yes.
        points: Decimal,
    },
    /// Points by the level chosen in a single-choice field (国家级 10 分、省级 6 分…).
    Choice {
        /// The single-choice field.
        field: String,
        /// Each option's id and points, in the field's order.
        points: Vec<(String, Decimal)>,
    },
    /// Counts weighted and added up (主办 1 分/场、承办 0.5 分/场).
    Weighted {
        /// Each count and its points per unit.
        counts: Vec<Rate>,
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
    /// `start` points, less each rate per counted unit, never below zero (月报漏报一次扣0.2分;
    /// a pool with several rates: 一般问题扣1分、严重问题扣3分，扣完为止).
    Deduct {
        /// The points before deductions.
        start: Decimal,
        /// What is counted and what each unit takes off.
        rates: Vec<Rate>,
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
    /// The kind's name in rubric files.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Bands { .. } => "bands",
            Rule::Per { .. } => "per",
            Rule::Step { .. } => "step",
            Rule::Linear { .. } => "linear",
            Rule::Flag { .. } => "flag",
            Rule::Choice { .. } => "choice",
            Rule::Weighted { .. } => "weighted",
            Rule::SelfScore { .. } => "self",
            Rule::Highest { .. } => "highest",
            Rule::Deduct { .. } => "deduct",
            Rule::Condition { .. } => "condition",
        }
    }

    /// The most this rule can give, if bounded.
    pub fn ceiling(&self) -> Option<Decimal> {
        match self {
            Rule::Bands { bands, .. } => bands.iter().map(|b| b.points).max(),
            Rule::Per { .. } | Rule::Step { .. } | Rule::Linear { .. } | Rule::Weighted { .. } => {
                None
            }
            Rule::Flag { points, .. } | Rule::Condition { points, .. } => Some(*points),
            Rule::Choice { points, .. } | Rule::Highest { options: points } => {
                points.iter().map(|o| o.1).max()
            }
            Rule::SelfScore { max, .. } => Some(*max),
            Rule::Deduct { start, .. } => Some(*start),
        }
    }

    /// Every field the rule reads.
    pub fn fields(&self) -> Vec<&str> {
        fn rates(rates: &[Rate]) -> Vec<&str> {
            rates.iter().flat_map(|r| r.quantity.fields()).collect()
        }
        match self {
            Rule::Bands { quantity, .. }
            | Rule::Per { quantity, .. }
            | Rule::Step { quantity, .. }
            | Rule::Linear { quantity, .. } => quantity.fields(),
            Rule::Flag { field, .. }
            | Rule::SelfScore { field, .. }
            | Rule::Choice { field, .. } => vec![field.as_str()],
            Rule::Weighted { counts } => rates(counts),
            Rule::Deduct { rates: r, .. } => rates(r),
            Rule::Highest { options } => options.iter().map(|o| o.0.as_str()).collect(),
            Rule::Condition { all, .. } => all.iter().flat_map(|c| c.quantity.fields()).collect(),
        }
    }

    /// The policy line this kind of rule depends on, if any.
    pub fn policy(&self) -> Option<&'static str> {
        match self {
            Rule::Bands { .. } | Rule::Condition { .. } => Some("band-edges"),
            Rule::Per { .. } | Rule::Step { .. } => Some("per-count"),
            Rule::Linear { .. } => Some("proportional"),
            Rule::Weighted { .. } => Some("exact-decimal"),
            Rule::Deduct { .. } => Some("sum-then-cap"),
            Rule::SelfScore { .. } => Some("self-assessed"),
            Rule::Flag { .. } | Rule::Choice { .. } | Rule::Highest { .. } => None,
        }
    }
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
