//! Every consistency rule of every rubric, found in the catalog: it warns as soon as the
//! figures it compares are filled in, not only when every part of a sum is (a part already
//! larger than a filled total warns), it says nothing while the larger side is empty, and a
//! rule with a `when` only while its condition holds.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use spacescore_core::rubric::{Consistency, Op, Quantity};
use spacescore_core::{score, FieldKind, Inputs, Rubric, Value};

/// The fields of a side that is a field or a sum.
fn parts(q: &Quantity) -> Option<Vec<String>> {
    match q {
        Quantity::Field(f) => Some(vec![f.clone()]),
        Quantity::Sum(fs) => Some(fs.clone()),
        _ => None,
    }
}

/// Whether every field can hold a small whole number typed as text.
fn numeric(r: &Rubric, fields: &[String]) -> bool {
    fields.iter().all(|f| {
        r.field(f).is_some_and(|f| {
            matches!(
                f.kind(),
                FieldKind::Count | FieldKind::Amount | FieldKind::Percent
            )
        })
    })
}

/// How many warnings carry this rule's message.
fn warned(r: &Rubric, c: &Consistency, values: &BTreeMap<String, Decimal>) -> usize {
    let inputs: Inputs = values
        .iter()
        .map(|(k, v)| (k.clone(), Value::Text(v.to_string())))
        .collect();
    let report = score(r, &inputs);
    assert!(report.errors.is_empty(), "{}: {:?}", r.id(), report.errors);
    report
        .warnings
        .iter()
        .filter(|w| w.message.starts_with(&c.message().zh))
        .count()
}

/// Figures that break `c` with only the first part of its left side filled in: the values
/// (with its `when` made to hold), or none for a rule this test does not shape.
fn breaking(r: &Rubric, c: &Consistency) -> Option<(BTreeMap<String, Decimal>, String)> {
    if !matches!(c.op(), Op::Le | Op::Lt | Op::Eq) {
        return None;
    }
    let left = parts(c.left())?;
    let right = parts(c.right())?;
    if !numeric(r, &left) || !numeric(r, &right) {
        return None;
    }
    let mut values = BTreeMap::new();
    if let Some(w) = c.when() {
        let [f] = w.quantity.fields()[..] else {
            return None;
        };
        if w.op != Op::Eq {
            return None;
        }
        values.insert(f.to_string(), w.value);
    }
    for f in &right {
        values.entry(f.clone()).or_insert(Decimal::ONE);
    }
    let total: Decimal = right.iter().filter_map(|f| values.get(f)).sum();
    let first = left.first()?.clone();
    if values.contains_key(&first) {
        return None;
    }
    values.insert(first.clone(), total + Decimal::ONE);
    Some((values, first))
}

#[test]
fn every_rule_warns_once_a_filled_part_already_breaks_it() {
    let catalog = spacescore_builtin::catalog();
    let mut checked = 0;
    let mut partial = 0;
    let mut failures = Vec::new();
    for r in catalog.rubrics() {
        for c in r.consistency() {
            let Some((values, first)) = breaking(r, c) else {
                continue;
            };
            checked += 1;
            let left = parts(c.left()).unwrap_or_default();
            if left.len() > 1 {
                partial += 1;
            }
            let what = format!("{} / {}", r.id(), c.message().zh);
            // Only one part of the left side is filled, and it is already too large.
            if warned(r, c, &values) != 1 {
                failures.push(format!("{what}: no warning for {values:?}"));
            }
            // The larger side empty: nothing can be said yet.
            let condition = c
                .when()
                .and_then(|w| w.quantity.fields().first().map(|f| f.to_string()));
            let mut no_right = values.clone();
            for f in parts(c.right()).unwrap_or_default() {
                if Some(&f) != condition.as_ref() {
                    no_right.remove(&f);
                }
            }
            if no_right.len() < values.len() && warned(r, c, &no_right) != 0 {
                failures.push(format!(
                    "{what}: warned with the larger side empty: {no_right:?}"
                ));
            }
            // A part that fits says nothing for `≤` (the other parts may still be filled in).
            if c.op() == Op::Le {
                let mut fits = values.clone();
                fits.insert(first.clone(), Decimal::ZERO);
                if warned(r, c, &fits) != 0 {
                    failures.push(format!("{what}: warned for {fits:?}"));
                }
            }
            // A rule with a condition says nothing while the condition does not hold.
            if let Some(w) = c.when() {
                let mut off = values.clone();
                if let Some(f) = w.quantity.fields().first() {
                    let other = w.value + Decimal::ONE;
                    off.insert(f.to_string(), other);
                    // Keep the left side too large for the changed right side.
                    let total: Decimal = parts(c.right())
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|f| off.get(f))
                        .sum();
                    off.insert(first.clone(), total + Decimal::ONE);
                    if warned(r, c, &off) != 0 {
                        failures.push(format!("{what}: warned while `when` does not hold"));
                    }
                    off.remove(*f);
                    if warned(r, c, &off) != 0 {
                        failures.push(format!("{what}: warned while `when` is not filled in"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 30, "only {checked} rules were checked");
    assert!(partial >= 4, "only {partial} rules with sums were checked");
}

#[test]
fn a_sum_warns_when_its_filled_parts_exceed_a_filled_total_and_not_before() {
    // Found, not named: every rule `Σ parts = total` or `Σ parts ≤ total` with two or more
    // parts (Shanxi's income, cost, mentors and floor area).
    let catalog = spacescore_builtin::catalog();
    let mut seen = 0;
    for r in catalog.rubrics() {
        for c in r.consistency() {
            let (Some(left), Some(right)) = (parts(c.left()), parts(c.right())) else {
                continue;
            };
            if left.len() < 2 || right.len() != 1 || !numeric(r, &left) || !numeric(r, &right) {
                continue;
            }
            seen += 1;
            let total = &right[0];
            let mut v = BTreeMap::new();
            v.insert(total.clone(), Decimal::from(100));
            // Two parts filled, 60 + 50 = 110 > 100: warned, the others still empty.
            v.insert(left[0].clone(), Decimal::from(60));
            v.insert(left[1].clone(), Decimal::from(50));
            assert_eq!(warned(r, c, &v), 1, "{}: 60 + 50 > 100", c.message().zh);
            // 60 + 40 = 100 with parts still empty: they may be 0, so nothing yet.
            v.insert(left[1].clone(), Decimal::from(40));
            assert_eq!(warned(r, c, &v), 0, "{}: 60 + 40 ≤ 100", c.message().zh);
            // Every part filled: the rule is checked as written.
            for f in &left[2..] {
                v.insert(f.clone(), Decimal::ZERO);
            }
            assert_eq!(
                warned(r, c, &v),
                0,
                "{}: 60 + 40 + 0… = 100",
                c.message().zh
            );
            v.insert(left[1].clone(), Decimal::from(30));
            let want = usize::from(c.op() == Op::Eq);
            assert_eq!(
                warned(r, c, &v),
                want,
                "{}: 60 + 30 + 0… vs 100",
                c.message().zh
            );
        }
    }
    assert!(seen >= 4, "only {seen} sums found");
}
