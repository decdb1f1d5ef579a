use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;
use spacescore_core::advise::{Change, Standing};
use spacescore_core::input::read;
use spacescore_core::rubric::{Field, FieldKind, Rule};
use spacescore_core::{
    advise, score, score_and_advise, Catalog, Inputs, Report, Rubric, Suggestion, Value,
};
use spacescore_tests::{inputs_for, to_inputs};

/// The folder of hand-worked advice: one file per rubric, and `rubrics/` for rubric files
/// that exercise what no built-in rubric uses.
fn advice_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("advice")
}

/// The built-in rubrics and every rubric file in `tests/advice/rubrics/`.
fn catalog() -> &'static Catalog {
    use std::sync::OnceLock;
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut catalog = spacescore_builtin::catalog();
        for r in spacescore_tests::advice_rubrics() {
            catalog.insert(r);
        }
        catalog
    })
}

/// The `.toml` files of a folder, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

fn dec(s: &str) -> Decimal {
    s.parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a decimal"))
}

/// What the inputs hold for a field, read as the engine reads it.
/// An empty checklist is the same as none, as its text is.
fn reading(field: &Field, value: Option<&Value>) -> Option<spacescore_core::input::Reading> {
    use spacescore_core::input::Reading;
    value
        .and_then(|v| read(field, v).ok().flatten())
        .filter(|r| !matches!(r, Reading::Choices(c) if c.is_empty()))
}

/// The item's score with `field` set to `value`.
fn item_with(
    rubric: &Rubric,
    inputs: &Inputs,
    item: &str,
    field: &str,
    value: Value,
) -> Option<Decimal> {
    let mut changed = inputs.clone();
    changed.insert(field.to_string(), value);
    score(rubric, &changed).item(item).and_then(|i| i.score)
}

/// The value a count or amount suggestion starts from.
fn number(text: &str) -> Decimal {
    if text.is_empty() {
        Decimal::ZERO
    } else {
        dec(text)
    }
}

fn unit(field: &Field) -> Decimal {
    match field.kind() {
        FieldKind::Count | FieldKind::Checklist(_) => Decimal::ONE,
        _ => Decimal::new(1, 8),
    }
}

/// Whether the field accepts `x`.
fn accepts(field: &Field, x: Decimal) -> bool {
    let above = x >= Decimal::ZERO || *field.kind() == FieldKind::SignedAmount;
    let below = match field.kind() {
        FieldKind::Percent => x <= Decimal::ONE_HUNDRED,
        _ => field.max().is_none_or(|m| x <= m),
    };
    above && below
}

/// Checks one suggestion against `score`: the change gives exactly the stated gains, and
/// no smaller change to the same input raises the item.
fn check_suggestion(
    rubric: &Rubric,
    inputs: &Inputs,
    report: &Report,
    s: &Suggestion,
) -> Result<(), String> {
    let field = rubric
        .field(&s.field)
        .ok_or_else(|| format!("no field {}", s.field))?;
    let item = rubric
        .item(&s.item)
        .ok_or_else(|| format!("no item {}", s.item))?;
    let fail = |what: String| {
        Err(format!(
            "{} / {} ({}): {what}",
            s.item, s.field, s.explanation
        ))
    };
    if *field.kind() == FieldKind::Score {
        return fail("a self-assessed score is suggested".into());
    }
    if field.given() {
        return fail("a given figure (not the applicant's to change) is suggested".into());
    }
    if s.total_gain <= Decimal::ZERO {
        return fail(format!("the total gains {}: no advice", s.total_gain));
    }
    if !item.inputs().contains(&s.field.as_str()) {
        return fail("the item does not read the field".into());
    }
    let before = report.item(&s.item).and_then(|i| i.score);
    let Some(before) = before else {
        return fail("the item has no score".into());
    };
    if s.gain <= Decimal::ZERO {
        return fail(format!("gain {}", s.gain));
    }
    // `from` is what the inputs hold, `to` and `value` are the same value.
    let from_text = Value::Text(s.from.clone());
    if reading(field, inputs.get(&s.field)) != reading(field, Some(&from_text)) {
        return fail(format!(
            "from `{}` is not the input {:?}",
            s.from,
            inputs.get(&s.field)
        ));
    }
    let to_text = match &s.value {
        Value::List(_) => Value::Text(s.to.clone()),
        Value::Bool(_) => Value::Text(s.to.clone()),
        v => v.clone(),
    };
    if reading(field, Some(&s.value)) != reading(field, Some(&to_text)) {
        return fail(format!("to `{}` is not the value {:?}", s.to, s.value));
    }
    // The change gives exactly the stated gains.
    let mut changed = inputs.clone();
    changed.insert(s.field.clone(), s.value.clone());
    let after = score(rubric, &changed);
    let got = after.item(&s.item).and_then(|i| i.score);
    if got != Some(before + s.gain) {
        return fail(format!("scores {got:?}, not {before} + {}", s.gain));
    }
    let total = after.total.zip(report.total).map(|(a, b)| a - b);
    if total != Some(s.total_gain) {
        return fail(format!(
            "the total moves by {total:?}, not {}",
            s.total_gain
        ));
    }
    for e in &s.also {
        let was = report.item(&e.item).and_then(|i| i.score);
        let is = after.item(&e.item).and_then(|i| i.score);
        if is.zip(was).map(|(a, b)| a - b) != Some(e.change) {
            return fail(format!(
                "{} moves {was:?} → {is:?}, not {}",
                e.item, e.change
            ));
        }
    }
    // No smaller change raises the item and the total.
    let raises = |v: Value| {
        let mut changed = inputs.clone();
        changed.insert(s.field.clone(), v.clone());
        score(rubric, &changed).total > report.total
            && item_with(rubric, inputs, &s.item, &s.field, v).is_some_and(|p| p > before)
    };
    match s.change {
        Change::Raise | Change::Lower => {
            let x0 = number(&s.from);
            let x1 = dec(&s.to);
            let u = unit(field);
            let size = (x1 - x0).abs();
            let dir = if x1 > x0 { Decimal::ONE } else { -Decimal::ONE };
            let mut smaller: Vec<Decimal> = if u == Decimal::ONE && size <= Decimal::from(12) {
                let n = i64::try_from(size).unwrap_or(0);
                (1..n).map(Decimal::from).collect()
            } else {
                let half = (size / Decimal::TWO).round_dp(8);
                vec![size - u, u, half]
                    .into_iter()
                    .filter(|k| *k > Decimal::ZERO && *k < size)
                    .map(|k| if u == Decimal::ONE { k.floor() } else { k })
                    .filter(|k| *k > Decimal::ZERO)
                    .collect()
            };
            smaller.dedup();
            for k in smaller {
                for y in [x0 + dir * k, x0 - dir * k] {
                    if accepts(field, y) && raises(Value::Text(y.normalize().to_string())) {
                        return fail(format!("{} → {y} raises the item too", s.from));
                    }
                }
            }
            if s.from.is_empty() && raises(Value::Text("0".into())) {
                return fail("entering 0 raises the item already".into());
            }
        }
        Change::Tick => {
            let mut fewer: Vec<String> = s
                .from
                .split('、')
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect();
            let add_one_less = s.add.len().saturating_sub(1);
            fewer.extend(s.add.iter().take(add_one_less).cloned());
            if raises(Value::List(fewer)) {
                return fail("one option fewer raises the item too".into());
            }
            if s.add.iter().any(|a| !s.any_of.contains(a)) {
                return fail("`add` is not among `any_of`".into());
            }
        }
        Change::Choose => {
            for o in field.kind().options() {
                if o.id() == s.from || o.id() == s.to {
                    continue;
                }
                let p = item_with(
                    rubric,
                    inputs,
                    &s.item,
                    &s.field,
                    Value::Text(o.id().into()),
                );
                if p.is_some_and(|p| p > before && p < before + s.gain) {
                    return fail(format!("{} gains less but still gains", o.id()));
                }
            }
        }
        Change::Yes | Change::Fill => {}
    }
    Ok(())
}

/// Checks a whole advice against `score`.
fn check_advice(rubric: &Rubric, inputs: &Inputs) -> Result<(), String> {
    let report = score(rubric, inputs);
    let advice = advise(rubric, inputs);
    if score_and_advise(rubric, inputs) != (report.clone(), advice.clone()) {
        return Err("score_and_advise differs from score and advise apart".into());
    }
    if advice.items.len() != rubric.items().len() {
        return Err("an advice per item".into());
    }
    for ((item, a), r) in rubric.items().iter().zip(&advice.items).zip(&report.items) {
        let mine: Vec<&Suggestion> = advice.for_item(item.id()).collect();
        let fail = |what: &str| Err(format!("{}: {what} ({:?})", item.id(), a.standing));
        if a.score != r.score {
            return fail("the score differs from the report");
        }
        let all_self = item
            .terms()
            .iter()
            .all(|t| matches!(t.rule, Rule::SelfScore(_)));
        let expected = match r.score {
            None => Standing::Unreadable,
            Some(s) if s >= item.max() => Standing::Max,
            Some(_) if !mine.is_empty() => Standing::Open,
            Some(_) if a.self_headroom > Decimal::ZERO => Standing::SelfAssessed,
            Some(_) => Standing::Stuck,
        };
        if a.standing != expected {
            return fail("wrong standing");
        }
        if matches!(
            a.standing,
            Standing::Max | Standing::Unreadable | Standing::SelfAssessed | Standing::Stuck
        ) && !mine.is_empty()
        {
            return fail("suggestions for an item that should have none");
        }
        if all_self && !mine.is_empty() {
            return fail("a self-assessed item has suggestions");
        }
        if a.headroom != item.max() - r.score.unwrap_or_default() || a.self_headroom > a.headroom {
            return fail("wrong headroom");
        }
        if a.explanation.is_empty() || a.explanation_en.is_empty() {
            return fail("no explanation");
        }
        // No easy change is missed: where an input has no suggestion, a yes, another
        // option, or a count a few units either way does not raise the item.
        if let Some(before) = r.score.filter(|s| *s < item.max()) {
            for id in item.inputs() {
                if mine.iter().any(|s| s.field == id) {
                    continue;
                }
                let Some(field) = rubric.field(id) else {
                    continue;
                };
                // A given figure (a target the bureau sets) is never the applicant's to move.
                if field.given() {
                    continue;
                }
                // A change is advice only where it raises the item and the total.
                let raises = |v: Value| {
                    let mut changed = inputs.clone();
                    changed.insert(id.to_string(), v.clone());
                    let total_rises = score(rubric, &changed).total > report.total;
                    total_rises
                        && item_with(rubric, inputs, item.id(), id, v).is_some_and(|p| p > before)
                };
                let tries: Vec<Value> = match field.kind() {
                    FieldKind::Bool => vec![Value::Bool(true)],
                    FieldKind::Choice(options) => {
                        options.iter().map(|o| Value::Text(o.id().into())).collect()
                    }
                    FieldKind::Count => {
                        let x = reading(field, inputs.get(id))
                            .and_then(|r| r.quantity())
                            .unwrap_or_default();
                        (1..=4)
                            .flat_map(|k| [x + Decimal::from(k), x - Decimal::from(k)])
                            .filter(|y| accepts(field, *y))
                            .map(|y| Value::Text(y.to_string()))
                            .collect()
                    }
                    _ => Vec::new(),
                };
                for v in tries {
                    if raises(v.clone()) {
                        return Err(format!(
                            "{}: {id} = {v:?} raises it, but there is no suggestion",
                            item.id()
                        ));
                    }
                }
            }
        }
        // At most one suggestion per input.
        let mut fields: Vec<&str> = mine.iter().map(|s| s.field.as_str()).collect();
        fields.sort();
        fields.dedup();
        if fields.len() != mine.len() {
            return fail("two suggestions for one input");
        }
    }
    for pair in advice.suggestions.windows(2) {
        if let [a, b] = pair {
            if (a.total_gain, a.gain) < (b.total_gain, b.gain) {
                return Err(format!(
                    "not ranked: {} before {}",
                    a.explanation, b.explanation
                ));
            }
        }
    }
    for s in &advice.suggestions {
        check_suggestion(rubric, inputs, &report, s)?;
    }
    for (g, r) in advice.groups.iter().zip(&report.groups) {
        if g.id != r.id || g.headroom != r.max - r.score {
            return Err(format!("group {}: headroom {}", g.id, g.headroom));
        }
    }
    if let Some(total) = report.total {
        let most = rubric.base_max() + rubric.bonus_max();
        if advice.headroom != most - total {
            return Err(format!("headroom {} of {most} − {total}", advice.headroom));
        }
    }
    if advice.fixes.len() != report.errors.len() {
        return Err("a fix per unreadable input".into());
    }
    serde_json::to_string(&advice).map_err(|e| e.to_string())?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Over random inputs and every rubric: each suggestion's change gives exactly its gain
    /// (scored by `score`), no smaller change to that input raises the item, items at their
    /// maximum, self-assessed or unreadable get none, and the ranking and headroom add up.
    #[test]
    fn every_suggestion_gives_its_gain_and_is_the_smallest(which in 0usize..64, picks in prop::collection::vec((0u32..100_000, any::<u8>()), 1..80)) {
        let rubrics = catalog().rubrics();
        let rubric = &rubrics[which % rubrics.len()];
        let inputs = inputs_for(rubric, &picks);
        if let Err(e) = check_advice(rubric, &inputs) {
            prop_assert!(false, "{}: {e}\ninputs: {:?}", rubric.id(), inputs);
        }
    }
}

#[test]
fn every_rubric_gets_checked_advice_on_empty_and_full_forms() {
    for rubric in catalog().rubrics() {
        for picks in [vec![(0u32, 0u8)], vec![(7, 1), (19, 2), (40, 4), (501, 3)]] {
            let inputs = inputs_for(rubric, &picks);
            if let Err(e) = check_advice(rubric, &inputs) {
                panic!("{}: {e}\ninputs: {inputs:?}", rubric.id());
            }
        }
    }
}

/// One file of hand-worked advice: `tests/advice/<name>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdviceFile {
    /// The rubric its cases use.
    rubric: String,
    cases: Vec<AdviceCase>,
}

/// One hand-worked case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdviceCase {
    name: String,
    /// The rubric line (and policy line) the arithmetic follows.
    clause: String,
    #[serde(default)]
    inputs: BTreeMap<String, toml::Value>,
    /// Suggestions that must be there, exactly as given.
    #[serde(default)]
    suggest: Vec<Expected>,
    /// Items that must have no suggestion.
    #[serde(default)]
    none: Vec<String>,
    /// Inputs of an item that must have no suggestion for it: "item/field".
    #[serde(default)]
    absent: Vec<String>,
    /// The first suggestion of the ranking: "item/field".
    #[serde(default)]
    top: Option<String>,
    /// Item id to its standing.
    #[serde(default)]
    standing: BTreeMap<String, String>,
    /// Item id to its self-assessed headroom.
    #[serde(default)]
    self_headroom: BTreeMap<String, String>,
    /// Group id to its headroom.
    #[serde(default)]
    groups: BTreeMap<String, String>,
    /// The headroom of the whole total.
    #[serde(default)]
    headroom: Option<String>,
    /// The next grade, or absent with `no_next_grade`.
    #[serde(default)]
    next_grade: Option<ExpectedGrade>,
    #[serde(default)]
    no_next_grade: bool,
    /// Phrases the notes must contain.
    #[serde(default)]
    notes: Vec<String>,
    /// Fields that must be listed to fix.
    #[serde(default)]
    fixes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    item: String,
    field: String,
    #[serde(default)]
    change: Option<String>,
    from: String,
    to: String,
    gain: String,
    #[serde(default)]
    total_gain: Option<String>,
    /// A checklist's options that count.
    #[serde(default)]
    any_of: Option<Vec<String>>,
    /// A phrase the Chinese explanation contains.
    #[serde(default)]
    says: Option<String>,
    /// A phrase the English explanation contains.
    #[serde(default)]
    says_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedGrade {
    grade: String,
    missing: String,
    #[serde(default)]
    vetoed: bool,
    #[serde(default)]
    reachable: Option<bool>,
    #[serde(default)]
    says: Option<String>,
}

fn load_advice() -> Vec<(String, AdviceFile)> {
    files(&advice_dir())
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            let file = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, file)
        })
        .collect()
}

/// Every difference between a case and the advice.
fn differences(rubric: &Rubric, case: &AdviceCase) -> Vec<String> {
    let inputs = to_inputs(&case.inputs);
    let advice = advise(rubric, &inputs);
    let mut out = Vec::new();
    if let Err(e) = check_advice(rubric, &inputs) {
        out.push(e);
    }
    for e in &case.suggest {
        let found = advice
            .suggestions
            .iter()
            .find(|s| s.item == e.item && s.field == e.field);
        let Some(s) = found else {
            out.push(format!("no suggestion for {} / {}", e.item, e.field));
            continue;
        };
        let change = serde_json::to_value(s.change)
            .ok()
            .and_then(|v| v.as_str().map(String::from));
        let mut check = |what: &str, ok: bool| {
            if !ok {
                out.push(format!(
                    "{} / {}: {what}: {} | {}",
                    e.item, e.field, s.explanation, s.explanation_en
                ));
            }
        };
        check(
            &format!("from {} (expected {})", s.from, e.from),
            s.from == e.from,
        );
        check(&format!("to {} (expected {})", s.to, e.to), s.to == e.to);
        check(
            &format!("gain {} (expected {})", s.gain, e.gain),
            s.gain == dec(&e.gain),
        );
        if let Some(t) = &e.total_gain {
            check(
                &format!("total gain {} (expected {t})", s.total_gain),
                s.total_gain == dec(t),
            );
        }
        if let Some(c) = &e.change {
            check(
                &format!("change {change:?} (expected {c})"),
                change.as_deref() == Some(c.as_str()),
            );
        }
        if let Some(any) = &e.any_of {
            check(&format!("any_of {:?}", s.any_of), &s.any_of == any);
        }
        if let Some(p) = &e.says {
            check(
                &format!("does not say “{p}”"),
                s.explanation.contains(p.as_str()),
            );
        }
        if let Some(p) = &e.says_en {
            check(
                &format!("does not say “{p}”"),
                s.explanation_en.contains(p.as_str()),
            );
        }
    }
    for id in &case.none {
        if rubric.item(id).is_none() {
            out.push(format!("no item {id}"));
        }
        if let Some(s) = advice.for_item(id).next() {
            out.push(format!("{id} should have no suggestion: {}", s.explanation));
        }
    }
    for pair in &case.absent {
        if let Some(s) = advice
            .suggestions
            .iter()
            .find(|s| format!("{}/{}", s.item, s.field) == *pair)
        {
            out.push(format!(
                "{pair} should have no suggestion: {}",
                s.explanation
            ));
        }
    }
    if let Some(top) = &case.top {
        let got = advice
            .suggestions
            .first()
            .map(|s| format!("{}/{}", s.item, s.field));
        if got.as_deref() != Some(top.as_str()) {
            out.push(format!("top: expected {top}, got {got:?}"));
        }
    }
    for (id, want) in &case.standing {
        let got = advice
            .item(id)
            .and_then(|i| serde_json::to_value(i.standing).ok())
            .and_then(|v| v.as_str().map(String::from));
        if got.as_deref() != Some(want.as_str()) {
            out.push(format!("standing of {id}: expected {want}, got {got:?}"));
        }
    }
    for (id, want) in &case.self_headroom {
        let got = advice.item(id).map(|i| i.self_headroom);
        if got != Some(dec(want)) {
            out.push(format!(
                "self headroom of {id}: expected {want}, got {got:?}"
            ));
        }
    }
    for (id, want) in &case.groups {
        let got = advice
            .groups
            .iter()
            .find(|g| &g.id == id)
            .map(|g| g.headroom);
        if got != Some(dec(want)) {
            out.push(format!(
                "headroom of group {id}: expected {want}, got {got:?}"
            ));
        }
    }
    if let Some(want) = &case.headroom {
        if advice.headroom != dec(want) {
            out.push(format!(
                "headroom: expected {want}, got {}",
                advice.headroom
            ));
        }
    }
    match (&case.next_grade, &advice.next_grade, case.no_next_grade) {
        (Some(w), Some(g), false) => {
            if g.grade != w.grade || g.missing != dec(&w.missing) || g.vetoed != w.vetoed {
                out.push(format!("next grade: expected {w:?}, got {g:?}"));
            }
            if w.reachable.is_some_and(|r| r != g.reachable) {
                out.push(format!("next grade reachable: expected {:?}", w.reachable));
            }
            if let Some(p) = &w.says {
                if !g.explanation.contains(p.as_str()) {
                    out.push(format!("next grade does not say “{p}”: {}", g.explanation));
                }
            }
        }
        (None, None, true) | (None, _, false) => {}
        (_, got, _) => out.push(format!("next grade: got {got:?}")),
    }
    for p in &case.notes {
        if !advice.notes.iter().any(|n| n.contains(p.as_str())) {
            out.push(format!("no note says “{p}”: {:?}", advice.notes));
        }
    }
    for f in &case.fixes {
        if !advice.fixes.iter().any(|x| &x.field == f) {
            out.push(format!("{f} is not listed to fix"));
        }
    }
    out
}

#[test]
fn hand_worked_advice_matches_for_every_rubric() {
    let files = load_advice();
    let mut failures = Vec::new();
    let mut cases = 0;
    for (file, advice) in &files {
        let rubric = match catalog().rubric(&advice.rubric) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{file}: {e}"));
                continue;
            }
        };
        for case in &advice.cases {
            cases += 1;
            for d in differences(rubric, case) {
                failures.push(format!("{file} / {} [{}]: {d}", case.name, case.clause));
            }
        }
    }
    assert!(cases > 0, "no hand-worked advice found");
    assert!(
        failures.is_empty(),
        "{} difference(s) in {cases} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every rubric, built in or in tests/advice/rubrics, has its file.
    let covered: Vec<&str> = files.iter().map(|(_, f)| f.rubric.as_str()).collect();
    for r in catalog().rubrics() {
        assert!(
            covered.contains(&r.id()),
            "{}: no file in tests/advice",
            r.id()
        );
    }
}

/// The `spacescore advise` command prints the core's advice as JSON, reads a file or stdin
/// and takes `--rubric`.
#[test]
fn the_cli_prints_the_advice_as_json() {
    let run = |args: &[&str], stdin: &str| -> Result<serde_json::Value, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        let mut err = Vec::new();
        spacescore_cli::run(&args, &mut stdin.as_bytes(), &mut out, &mut err)
            .map_err(|e| e.to_string())?;
        serde_json::from_slice(&out).map_err(|e| e.to_string())
    };
    let json = run(
        &["advise", "inner-mongolia/maker-space"],
        r#"{"workstations": 35}"#,
    )
    .expect("advice");
    let first = &json["suggestions"].as_array().expect("a list")[0];
    assert!(first["gain"].is_string() && first["from"].is_string());
    let ws = json["suggestions"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["item"] == "workstations"))
        .expect("the workstations suggestion");
    assert_eq!(
        (ws["from"].as_str(), ws["to"].as_str(), ws["gain"].as_str()),
        (Some("35"), Some("40"), Some("1"))
    );
    assert_eq!(ws["value"], "40");
    assert_eq!(json["next_grade"], serde_json::Value::Null);
    let basic = &json["groups"][0];
    assert_eq!(
        (basic["id"].as_str(), basic["headroom"].as_str()),
        (Some("basic-services"), Some("18"))
    );
    // The same as the core, field for field.
    let mut inputs = Inputs::new();
    inputs.insert("workstations".into(), Value::Text("35".into()));
    let rubric = catalog()
        .rubric("inner-mongolia/maker-space")
        .expect("built in");
    let core = serde_json::to_value(advise(rubric, &inputs)).expect("JSON");
    assert_eq!(json, core);
    // A rubric file, by path.
    let path = advice_dir().join("rubrics").join("kinds.toml");
    let json = run(
        &["advise", "--rubric", &path.to_string_lossy(), "-"],
        r#"{"test_level": "city"}"#,
    )
    .expect("advice under a rubric file");
    assert_eq!(json["rubric"], "test/kinds");
    assert!(json["next_grade"]["missing"].is_string());
    // An unknown rubric is a usage error, input that is not JSON an unreadable one.
    let e = run(&["advise", "atlantis/maker-space"], "{}").expect_err("unknown");
    assert!(e.contains("atlantis"), "{e}");
    let e = run(&["advise", "inner-mongolia/maker-space"], "[1").expect_err("not JSON");
    assert!(e.contains("JSON"), "{e}");
}
