//! Every kind of term, enumerated from the kinds list (never named here), checked against
//! its own worked example through the checker, the scorer, the explanations, the advisor,
//! `describe` and the rubric file writer: a kind added to the list is tested with no change
//! here.

use rust_decimal::Decimal;
use spacescore_core::check::{check_source, Library};
use spacescore_core::kinds::{Example, KindInfo, KINDS};
use spacescore_core::{advise, describe, score, Inputs, Value};

/// A one-item rubric file around the example's term.
pub(crate) fn rubric_file(kind: &KindInfo, ex: &Example) -> String {
    let policies = match kind.policy {
        Some(p) => format!("policies = [\"{p}\"]\n"),
        None => String::new(),
    };
    spacescore_tests::one_item_rubric(
        &format!("kinds/{}", kind.name.replace('_', "-")),
        ex.max,
        ex.fields,
        "ex",
        &format!("{policies}\n[[items.terms]]\n{}", ex.term),
    )
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_else(|_| panic!("`{s}` is a decimal"))
}

#[test]
fn every_kind_scores_explains_advises_and_writes_its_worked_example() {
    assert!(!KINDS.is_empty());
    let library = Library::shared().expect("the shared dictionary");
    let mut failures = Vec::new();
    for kind in KINDS {
        let ex = &kind.example;
        assert!(!ex.cases.is_empty(), "{}: no worked case", kind.name);
        let text = rubric_file(kind, ex);
        let rubrics = match check_source(&format!("{}.toml", kind.name), &text, &library) {
            Ok(r) => r,
            Err(p) => {
                failures.push(format!(
                    "{}: the example does not check:\n{p}\n{text}",
                    kind.name
                ));
                continue;
            }
        };
        let rubric = &rubrics[0];
        // The keys it declares are the keys it takes: the term's keys, written back, are
        // among them, and its example's term reads back as itself.
        let declared: Vec<&str> = spacescore_core::kinds::COMMON_KEYS
            .iter()
            .chain(kind.keys)
            .map(|k| k.name)
            .collect();
        let d = serde_json::to_value(describe(rubric)).expect("JSON");
        let term = &d["items"][0]["terms"][0];
        assert_eq!(term["kind"], kind.name);
        for key in term.as_object().expect("an object").keys() {
            if !declared.contains(&key.as_str()) {
                failures.push(format!(
                    "{}: writes the key `{key}` it does not declare",
                    kind.name
                ));
            }
        }
        let written = spacescore_core::rubric::source::write(rubric);
        let again = check_source("written.toml", &written, &Library::default());
        if again.as_ref().map(|r| &r[0]) != Ok(rubric) {
            failures.push(format!(
                "{}: written back, it reads as another rubric",
                kind.name
            ));
        }
        for (n, case) in ex.cases.iter().enumerate() {
            let at = format!("{} case {}", kind.name, n + 1);
            let inputs: Inputs = case
                .inputs
                .iter()
                .map(|(f, v)| (f.to_string(), Value::Text(v.to_string())))
                .collect();
            let report = score(rubric, &inputs);
            let item = &report.items[0];
            if item.score != Some(dec(case.points)) {
                failures.push(format!(
                    "{at}: {:?}, expected {} ({})",
                    item.score, case.points, item.explanation
                ));
            }
            if !item.explanation.contains(case.says.0) {
                failures.push(format!(
                    "{at}: “{}” lacks “{}”",
                    item.explanation, case.says.0
                ));
            }
            if !item.explanation_en.contains(case.says.1) {
                failures.push(format!(
                    "{at}: “{}” lacks “{}”",
                    item.explanation_en, case.says.1
                ));
            }
            let advice = advise(rubric, &inputs);
            let first = advice.suggestions.first();
            match (case.advice, first) {
                (None, None) => {}
                (Some((field, to, gain)), Some(s)) => {
                    if s.field != field || s.to != to || s.gain != dec(gain) {
                        failures.push(format!(
                            "{at}: suggests {} → {} (+{}), expected {field} → {to} (+{gain}): {}",
                            s.field, s.to, s.gain, s.explanation
                        ));
                    }
                    // The suggestion gives its gain when typed.
                    let mut changed = inputs.clone();
                    changed.insert(s.field.clone(), s.value.clone());
                    let after = score(rubric, &changed).items[0].score;
                    if after != item.score.map(|p| p + s.gain) {
                        failures.push(format!("{at}: the suggestion gives {after:?}"));
                    }
                }
                (want, got) => failures.push(format!(
                    "{at}: expected advice {want:?}, got {:?}",
                    got.map(|s| (&s.field, &s.to, s.gain))
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every kind is documented: what it is for and every key, in Chinese and English.
#[test]
fn every_kind_says_what_it_is_for_and_what_its_keys_mean() {
    let mut names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), KINDS.len(), "two kinds share a name");
    for k in KINDS {
        assert!(
            !k.summary.0.is_empty() && !k.summary.1.is_empty(),
            "{}",
            k.name
        );
        for key in k.keys {
            assert!(
                !key.zh.is_empty() && !key.en.is_empty(),
                "{} {}",
                k.name,
                key.name
            );
        }
    }
}
