use std::collections::BTreeSet;

use proptest::prelude::*;
use rust_decimal::Decimal;
use spacescore_core::rubric::{Comparison, FieldKind, Op, Quantity, Rule};
use spacescore_core::{
    score, score_with, Catalog, Detail, Inputs, Item, Method, Report, Rubric, Scorer, Value,
};

fn catalog() -> &'static Catalog {
    use std::sync::OnceLock;
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(spacescore_builtin::catalog)
}

/// Anything a person (or a hostile share link) might put in a field.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u32..5000).prop_map(|n| Value::Text(n.to_string())),
        (0u32..100_000, 0u32..100).prop_map(|(a, b)| Value::Text(format!("{a}.{b}"))),
        (-1000i64..0).prop_map(|n| Value::Text(n.to_string())),
        prop::sample::select(vec![
            "",
            " ",
            "NaN",
            "inf",
            "-0",
            "0x1F",
            "1e308",
            "1,200",
            "１２",
            "1,20",
            "99999999999999999999999999999999",
            "0.000000001",
            "是",
            "否",
            "yes",
            "3.5",
            "100%",
            "101%",
            "-1%",
            "产品展示、宽带网络",
            "\u{0}",
            "١٢",
            "12人",
        ])
        .prop_map(|s: &str| Value::Text(s.to_string())),
        ".{0,12}".prop_map(Value::Text),
        any::<bool>().prop_map(Value::Bool),
        prop::collection::vec(".{0,8}", 0..4).prop_map(Value::List),
        prop::collection::vec(
            prop::sample::select(vec![
                "showroom",
                "broadband",
                "financing",
                "policy",
                "office"
            ]),
            0..4
        )
        .prop_map(|v| Value::List(v.into_iter().map(String::from).collect())),
    ]
}

/// Random inputs for a rubric: a value for some of its fields, chosen by index.
fn inputs_for(rubric: &Rubric, picks: &[(usize, Value)]) -> Inputs {
    let fields: Vec<&String> = rubric.fields().keys().collect();
    picks
        .iter()
        .filter_map(|(i, v)| {
            fields
                .get(i % fields.len().max(1))
                .map(|f| ((*f).clone(), v.clone()))
        })
        .collect()
}

/// The invariants every report keeps, whatever the inputs.
fn check_report(rubric: &Rubric, report: &Report) -> Result<(), TestCaseError> {
    let mut base = Decimal::ZERO;
    let mut bonus = Decimal::ZERO;
    for (item, result) in rubric.items().iter().zip(&report.items) {
        prop_assert_eq!(item.id(), result.id.as_str());
        if let Some(s) = result.score {
            prop_assert!(
                s >= Decimal::ZERO && s <= item.max(),
                "{} scored {s} of {}",
                item.id(),
                item.max()
            );
            if result.capped {
                prop_assert_eq!(s, item.max());
            }
            if item.bonus() {
                bonus += s;
            } else {
                base += s;
            }
        } else {
            prop_assert!(
                !result.errors.is_empty(),
                "{} has no score but no error",
                item.id()
            );
        }
        prop_assert!(!result.explanation.is_empty() && !result.explanation_en.is_empty());
    }
    for g in &report.groups {
        let sum: Decimal = report
            .items
            .iter()
            .filter(|i| i.group == g.id)
            .filter_map(|i| i.score)
            .sum();
        prop_assert_eq!(g.score, sum, "group {}", g.id);
        prop_assert!(g.score <= g.max);
    }
    if rubric.method() == Method::Form {
        prop_assert!(report.base.is_none() && report.total.is_none());
    } else {
        prop_assert_eq!(report.base, Some(base));
        prop_assert_eq!(report.bonus, Some(bonus));
        prop_assert_eq!(report.total, Some(base + bonus));
        prop_assert!(base <= rubric.base_max() && bonus <= rubric.bonus_max());
    }
    for e in &report.errors {
        prop_assert!(rubric.field(&e.field).is_some());
        prop_assert!(
            e.message.contains('「'),
            "the message names the field: {}",
            e.message
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Random, hostile inputs never panic, and every report keeps its invariants.
    #[test]
    fn any_input_scores_within_bounds(which in 0usize..8, picks in prop::collection::vec((0usize..200, any_value()), 0..60)) {
        let rubric = &catalog().rubrics()[which % catalog().rubrics().len()];
        let inputs = inputs_for(rubric, &picks);
        let report = score(rubric, &inputs);
        check_report(rubric, &report)?;
        // Serializing the report (what the CLI and the embed send) never fails either.
        prop_assert!(serde_json::to_string(&report).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A scorer that writes each report over the last (what a batch uses) gives exactly the
    /// reports `score_with` gives, space after space, whatever the earlier spaces held; so
    /// does a row of texts by field position. Scores only and explained give the same
    /// numbers.
    #[test]
    fn a_reused_scorer_gives_what_score_with_gives(
        which in 0usize..8,
        spaces in prop::collection::vec(prop::collection::vec((0usize..200, any_value()), 0..60), 1..6),
    ) {
        let rubric = &catalog().rubrics()[which % catalog().rubrics().len()];
        for detail in [Detail::Scores, Detail::Explained] {
            let mut scorer = Scorer::new(rubric, detail);
            let mut by_text = Scorer::new(rubric, detail);
            for picks in &spaces {
                let inputs = inputs_for(rubric, picks);
                let fresh = score_with(rubric, &inputs, detail);
                prop_assert_eq!(scorer.score(&inputs), &fresh);
                let texts: Vec<Option<&str>> = rubric
                    .fields()
                    .keys()
                    .map(|id| match inputs.get(id) {
                        Some(Value::Text(t)) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                let text_only: Inputs = inputs
                    .iter()
                    .filter(|(_, v)| matches!(v, Value::Text(_)))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                prop_assert_eq!(by_text.score_texts(&texts), &score_with(rubric, &text_only, detail));
                if detail == Detail::Scores {
                    let explained = score(rubric, &inputs);
                    prop_assert_eq!(fresh.total, explained.total);
                    let scores = |r: &Report| r.items.iter().map(|i| i.score).collect::<Vec<_>>();
                    prop_assert_eq!(scores(&fresh), scores(&explained));
                    prop_assert_eq!(&fresh.warnings, &explained.warnings);
                    prop_assert_eq!(&fresh.errors, &explained.errors);
                }
            }
        }
    }
}

/// How raising a field can move an item's score: only up, or either way (deductions, and
/// fields below a fraction line, where more means a smaller ratio).
fn rising_fields(item: &Item) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut up = BTreeSet::new();
    let mut either = BTreeSet::new();
    let quantity = |q: &Quantity,
                    positive: bool,
                    up: &mut BTreeSet<String>,
                    either: &mut BTreeSet<String>| {
        let (plus, minus): (Vec<&String>, Vec<&String>) = match q {
            Quantity::Field(f) => (vec![f], vec![]),
            Quantity::Sum(fs) => (fs.iter().collect(), vec![]),
            Quantity::Percent {
                numerator,
                denominator,
            }
            | Quantity::Ratio {
                numerator,
                denominator,
            } => (numerator.iter().collect(), denominator.iter().collect()),
            Quantity::Growth { current, previous } => (vec![current], vec![previous]),
            Quantity::Difference { plus, minus } => (plus.iter().collect(), minus.iter().collect()),
        };
        let (plus, minus) = if positive {
            (plus, minus)
        } else {
            (minus, plus)
        };
        up.extend(plus.into_iter().cloned());
        either.extend(minus.into_iter().cloned());
    };
    for term in item.terms() {
        match &term.rule {
            Rule::Bands(spacescore_core::kinds::bands::Bands { quantity: q, .. })
            | Rule::Per(spacescore_core::kinds::per::Per { quantity: q, .. })
            | Rule::Step(spacescore_core::kinds::step::Step { quantity: q, .. })
            | Rule::Linear(spacescore_core::kinds::linear::Linear { quantity: q, .. }) => {
                quantity(q, true, &mut up, &mut either)
            }
            Rule::Weighted(spacescore_core::kinds::weighted::Weighted { counts }) => {
                for c in counts {
                    quantity(&c.quantity, true, &mut up, &mut either);
                }
            }
            Rule::Deduct(_) | Rule::Choice(_) => {}
            Rule::Condition(spacescore_core::kinds::condition::Condition { all, .. }) => {
                for Comparison {
                    quantity: q, op, ..
                } in all
                {
                    quantity(q, matches!(op, Op::Ge | Op::Gt), &mut up, &mut either);
                }
            }
            Rule::Highest(spacescore_core::kinds::highest::Highest { options }) => {
                up.extend(options.iter().map(|o| o.0.clone()))
            }
            Rule::Flag(_) | Rule::SelfScore(_) => {}
        }
    }
    for term in item.terms() {
        if let Rule::Deduct(spacescore_core::kinds::deduct::Deduct { rates, .. }) = &term.rule {
            for r in rates {
                either.extend(r.quantity.fields().into_iter().map(String::from));
            }
        }
        // A yes/no precondition gates the rest of the term: more cannot make less, but a
        // field that is both a gate and a figure is not assumed to rise.
        if let Some(f) = &term.requires {
            either.insert(f.clone());
        }
    }
    let up = up.difference(&either).cloned().collect();
    (up, either)
}

/// Valid figures for every numeric field of a rubric.
fn valid_inputs(rubric: &Rubric, counts: &[u32]) -> Inputs {
    rubric
        .fields()
        .values()
        .zip(counts.iter().cycle())
        .filter_map(|(f, n)| {
            let v = match f.kind() {
                FieldKind::Count | FieldKind::Amount | FieldKind::SignedAmount => n.to_string(),
                FieldKind::Percent => (n % 101).to_string(),
                FieldKind::Score => {
                    (Decimal::from(*n) % f.max().unwrap_or(Decimal::ONE)).to_string()
                }
                FieldKind::Bool => (n % 2 == 0).to_string(),
                FieldKind::Checklist(_) | FieldKind::Choice(_) => return None,
            };
            let v = if f.max().is_some_and(|m| Decimal::from(*n) > m)
                && f.kind() == &FieldKind::Count
            {
                "0".to_string()
            } else {
                v
            };
            Some((f.id().to_string(), Value::Text(v)))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Raising a quantity never lowers an item's score, except on deduction items and for
    /// fields below a fraction line.
    #[test]
    fn more_never_scores_less(which in 0usize..3, counts in prop::collection::vec(0u32..400, 1..40), pick in 0usize..500, extra in 1u32..200) {
        let formula: Vec<&Rubric> = catalog().rubrics().iter().filter(|r| r.method() == Method::Formula).collect();
        let rubric = formula[which % formula.len()];
        let before = valid_inputs(rubric, &counts);
        let numeric: Vec<&String> = before.keys().filter(|k| {
            rubric.field(k).is_some_and(|f| matches!(f.kind(), FieldKind::Count | FieldKind::Amount) && f.max().is_none())
        }).collect();
        prop_assume!(!numeric.is_empty());
        let field = numeric[pick % numeric.len()].clone();
        let mut after = before.clone();
        let old: u32 = match &before[&field] { Value::Text(t) => t.parse().unwrap_or(0), _ => 0 };
        after.insert(field.clone(), Value::Text((old + extra).to_string()));
        let (a, b) = (score(rubric, &before), score(rubric, &after));
        for (item, (x, y)) in rubric.items().iter().zip(a.items.iter().zip(&b.items)) {
            let (up, _) = rising_fields(item);
            if up.contains(&field) {
                prop_assert!(y.score >= x.score, "{}: raising {field} from {old} by {extra} lowered {} from {:?} to {:?}", rubric.id(), item.id(), x.score, y.score);
            }
        }
    }
}

#[test]
fn raising_a_deduction_count_can_lower_the_score() {
    // The exception the monotonicity property allows really happens.
    let rubric = catalog()
        .rubric("xinxiang/comprehensive")
        .expect("xinxiang");
    let mut inputs = Inputs::new();
    inputs.insert("torch_monthly_missed".into(), Value::Text("1".into()));
    let one = score(rubric, &inputs)
        .item("torch-statistics")
        .and_then(|i| i.score);
    inputs.insert("torch_monthly_missed".into(), Value::Text("2".into()));
    let two = score(rubric, &inputs)
        .item("torch-statistics")
        .and_then(|i| i.score);
    assert!(two < one, "{two:?} < {one:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Saved work, whatever it holds, reads back exactly, compact, pretty and as a link.
    #[test]
    fn saved_work_round_trips(values in prop::collection::btree_map("[a-z_.]{1,12}", any_value(), 0..12), version in ".{0,12}") {
        use spacescore_core::saved::{self, SavedWork, FORMAT};
        let scenarios = if values.len() % 2 == 0 { Vec::new() } else { vec![saved::Scenario { name: version.clone(), values: values.clone() }] };
        let work = SavedWork { format: FORMAT.into(), rubric: "x/y".into(), rubric_version: version, rubric_hash: None, saved_at: None, applicant: None, values, scenarios, beside: Vec::new() };
        prop_assert_eq!(saved::parse(&work.to_json()), Ok(work.clone()));
        prop_assert_eq!(saved::parse(&work.to_json_pretty()), Ok(work.clone()));
        prop_assert_eq!(saved::from_fragment(&saved::to_fragment(&work)), Ok(work));
    }

    /// Any text, as a saved document or a share link, is read or refused, never a panic.
    #[test]
    fn hostile_saved_data_never_panics(text in ".{0,200}", bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        use spacescore_core::saved;
        let _ = saved::parse(&text);
        let _ = saved::from_fragment(&format!("#d={text}"));
        let _ = saved::from_fragment(&format!("#d={}", saved::base64url_encode(&bytes)));
        let _ = spacescore_core::json::parse(&text);
    }
}
