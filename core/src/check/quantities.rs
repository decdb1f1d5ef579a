//! Quantities and the numbers in them: `input` (a field or a computed quantity), labels,
//! comparisons, bounds and intervals, positive and non-negative decimals, rates, and bands
//! that must meet end to end.

use super::file::*;

impl Checking<'_, '_> {
    /// A quantity: a field id, or `{sum}`, `{percent, of}`, `{ratio, per}`, `{growth,
    /// from}`, `{difference, minus}`.
    pub(crate) fn quantity(&mut self, node: &Node<'_, '_>) -> Option<Quantity> {
        if let toml::de::DeValue::String(_) = node.value {
            let id = node.text(self.sink)?;
            return self.numeric_field(node, &id).then_some(Quantity::Field(id));
        }
        let t = node.table(self.sink)?;
        t.only(
            self.sink,
            &[
                "sum",
                "percent",
                "of",
                "ratio",
                "per",
                "growth",
                "from",
                "difference",
                "minus",
            ],
            tx("数量（input）", "a quantity (input)"),
        );
        let shapes = ["sum", "percent", "ratio", "growth", "difference"];
        let given: Vec<&str> = shapes.iter().copied().filter(|k| t.has(k)).collect();
        if given.len() != 1 {
            self.report(
                &t.span,
                &t.ctx,
                tx(
                    "数量只能是 sum、percent、ratio、growth、difference 中的一种",
                    "a quantity is exactly one of sum, percent, ratio, growth, difference",
                ),
            );
            return None;
        }
        let list = |r: &mut Self, key: &str| -> Option<Vec<String>> {
            let n = t.need(r.sink, key)?;
            let ids = n.strings(r.sink)?;
            if ids.is_empty() {
                r.report(&n.span, &n.ctx, tx("没有列出字段", "lists no fields"));
                return None;
            }
            let ok = ids.iter().all(|id| r.numeric_field(&n, id));
            ok.then_some(ids)
        };
        let pairs = [
            ("percent", "of"),
            ("ratio", "per"),
            ("growth", "from"),
            ("difference", "minus"),
        ];
        for (shape, partner) in pairs {
            if t.has(partner) && !t.has(shape) {
                if let Some(n) = t.node(partner) {
                    self.report(
                        &n.span,
                        &n.ctx,
                        tx(
                            format!("`{partner}` 只与 `{shape}` 一起用"),
                            format!("`{partner}` goes with `{shape}` only"),
                        ),
                    );
                }
                return None;
            }
        }
        match given.first().copied() {
            Some("sum") => Some(Quantity::Sum(list(self, "sum")?)),
            Some("percent") => Some(Quantity::Percent {
                numerator: list(self, "percent")?,
                denominator: list(self, "of")?,
            }),
            Some("ratio") => Some(Quantity::Ratio {
                numerator: list(self, "ratio")?,
                denominator: list(self, "per")?,
            }),
            Some("growth") => {
                let one = |r: &mut Self, key: &str| -> Option<String> {
                    let n = t.need(r.sink, key)?;
                    let id = n.text(r.sink)?;
                    r.numeric_field(&n, &id).then_some(id)
                };
                let current = one(self, "growth");
                let previous = one(self, "from");
                Some(Quantity::Growth {
                    current: current?,
                    previous: previous?,
                })
            }
            _ => Some(Quantity::Difference {
                plus: list(self, "difference")?,
                minus: list(self, "minus")?,
            }),
        }
    }

    /// `label` and `label_en`, both or neither.
    pub(crate) fn label(&mut self, t: &Table<'_, '_>) -> Option<Option<Text>> {
        match (
            t.opt_text(self.sink, "label"),
            t.opt_text(self.sink, "label_en"),
        ) {
            (Some(zh), Some(en)) => Some(Some(Text::new(zh, en))),
            (None, None) if !t.has("label") && !t.has("label_en") => Some(None),
            (None, None) => None,
            _ => {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        "label 与 label_en 要么都写，要么都不写",
                        "give both label and label_en, or neither",
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn comparison(&mut self, t: &Table<'_, '_>) -> Option<Comparison> {
        t.only(
            self.sink,
            &["input", "op", "value", "label", "label_en"],
            tx("比较条件", "a comparison"),
        );
        let quantity = t.need(self.sink, "input").and_then(|n| self.quantity(&n));
        let op = self.op(t, "op");
        let value = t.decimal(self.sink, "value");
        let label = self.label(t);
        Some(Comparison {
            quantity: quantity?,
            label: label?,
            op: op?,
            value: value?,
        })
    }

    pub(crate) fn op(&mut self, t: &Table<'_, '_>, key: &str) -> Option<Op> {
        let n = t.need(self.sink, key)?;
        let s = n.text(self.sink)?;
        let op = Op::parse(s.trim());
        if op.is_none() {
            self.report(
                &n.span,
                &n.ctx,
                tx(
                    format!("未知的比较符“{}”；可用 < <= == >= >", quote_short(&s)),
                    format!("unknown comparison “{}”; use < <= == >= >", quote_short(&s)),
                ),
            );
        }
        op
    }

    /// An interval from `from`/`above` and `below`/`through`.
    pub(crate) fn interval(&mut self, t: &Table<'_, '_>) -> Option<Interval> {
        let lower = self.bound(t, "from", "above")?;
        let upper = self.bound(t, "through", "below")?;
        if let (Some(l), Some(u)) = (lower, upper) {
            if l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive)) {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!("区间 {} 至 {} 是空的", fmt_dec(l.value), fmt_dec(u.value)),
                        format!(
                            "the interval from {} to {} is empty",
                            fmt_dec(l.value),
                            fmt_dec(u.value)
                        ),
                    ),
                );
                return None;
            }
        }
        Some(Interval { lower, upper })
    }

    /// A bound from an inclusive or an exclusive key; `Some(None)` when neither is given.
    pub(crate) fn bound(
        &mut self,
        t: &Table<'_, '_>,
        inclusive: &str,
        exclusive: &str,
    ) -> Option<Option<Bound>> {
        match (t.has(inclusive), t.has(exclusive)) {
            (true, true) => {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!("`{inclusive}`（含本数）与 `{exclusive}`（不含本数）只写一个"),
                        format!(
                            "give `{inclusive}` (inclusive) or `{exclusive}` (exclusive), not both"
                        ),
                    ),
                );
                None
            }
            (true, false) => Some(Some(Bound {
                value: t.decimal(self.sink, inclusive)?,
                inclusive: true,
            })),
            (false, true) => Some(Some(Bound {
                value: t.decimal(self.sink, exclusive)?,
                inclusive: false,
            })),
            (false, false) => Some(None),
        }
    }

    /// A positive decimal under `key` (required).
    pub(crate) fn positive(&mut self, t: &Table<'_, '_>, key: &str) -> Option<Decimal> {
        let n = t.need(self.sink, key)?;
        let d = n.decimal(self.sink)?;
        if d > Decimal::ZERO {
            Some(d)
        } else {
            self.report(
                &n.span,
                &n.ctx,
                tx(
                    format!("`{key}` 应大于 0"),
                    format!("`{key}` must be above zero"),
                ),
            );
            None
        }
    }

    /// A non-negative decimal under an optional key.
    pub(crate) fn non_negative(
        &mut self,
        t: &Table<'_, '_>,
        key: &str,
        default: Decimal,
    ) -> Option<Decimal> {
        let Some(n) = t.node(key) else {
            return Some(default);
        };
        let d = n.decimal(self.sink)?;
        if d < Decimal::ZERO {
            self.report(
                &n.span,
                &n.ctx,
                tx(
                    format!("`{key}` 不能为负数"),
                    format!("`{key}` cannot be negative"),
                ),
            );
            return None;
        }
        Some(d)
    }

    /// `[{input, <points key>, label?, label_en?}]` for weighted counts and deduction rates.
    pub(crate) fn rates(
        &mut self,
        t: &Table<'_, '_>,
        key: &str,
        points_key: &str,
    ) -> Option<Vec<Rate>> {
        let tables = t.tables(self.sink, key);
        if tables.is_empty() {
            t.missing(self.sink, key);
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (k, r) in tables.into_iter().enumerate() {
            let r = r.within(t.ctx.child(
                format!("{key} 第 {} 项", k + 1),
                format!("{key} entry {}", k + 1),
            ));
            r.only(
                self.sink,
                &["input", points_key, "label", "label_en"],
                tx(format!("{key} 的一项"), format!("an entry of {key}")),
            );
            let quantity = r.need(self.sink, "input").and_then(|n| self.quantity(&n));
            let points = self.positive(&r, points_key);
            let label = self.label(&r);
            match (quantity, points, label) {
                (Some(quantity), Some(points), Some(label)) => out.push(Rate {
                    quantity,
                    label,
                    points,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// Consecutive intervals must meet exactly: each upper bound is the next lower bound,
    /// and exactly one side includes the shared value.
    pub(crate) fn contiguous(
        &mut self,
        t: &Table<'_, '_>,
        ranges: &[Interval],
        what: Text,
    ) -> bool {
        for pair in ranges.windows(2) {
            let [a, b] = pair else { continue };
            let (Some(up), Some(low)) = (a.upper, b.lower) else {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!(
                            "{}：只有最后一档可以不设上限，只有第一档可以不设下限",
                            what.zh
                        ),
                        format!(
                            "{}: only the last may be open above, only the first open below",
                            what.en
                        ),
                    ),
                );
                return false;
            };
            if up.value != low.value {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!(
                            "{}在 {} 与 {} 之间有空缺或重叠",
                            what.zh,
                            fmt_dec(up.value),
                            fmt_dec(low.value)
                        ),
                        format!(
                            "{} leave a gap or overlap between {} and {}",
                            what.en,
                            fmt_dec(up.value),
                            fmt_dec(low.value)
                        ),
                    ),
                );
                return false;
            }
            if up.inclusive == low.inclusive {
                self.report(
                    &t.span,
                    &t.ctx,
                    tx(
                        format!("{} 这个值必须恰好属于一档（一边用 below/from，或 through/above）", fmt_dec(up.value)),
                        format!("the value {} must belong to exactly one of them (below + from, or through + above)", fmt_dec(up.value)),
                    ),
                );
                return false;
            }
        }
        true
    }
}
