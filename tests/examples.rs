use rust_decimal::Decimal;
use spacescore_core::{score, Report, Rubric};
use spacescore_tests::{catalog_with_example_rubrics, load_examples, to_inputs, Case};

fn dec(s: &str) -> Decimal {
    s.parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a decimal"))
}

/// Every difference between a case's expectations and the report.
fn differences(case: &Case, rubric: &Rubric, report: &Report) -> Vec<String> {
    let e = &case.expect;
    let mut out = Vec::new();
    let mut check = |what: String, ok: bool| {
        if !ok {
            out.push(what);
        }
    };
    for (id, want) in &e.items {
        match report.item(id) {
            None => check(format!("item `{id}` does not exist"), false),
            Some(item) => {
                let got = item.score;
                let ok = if want == "none" {
                    got.is_none()
                } else {
                    got == Some(dec(want))
                };
                check(
                    format!(
                        "item `{id}`: expected {want}, got {got:?} ({})",
                        item.explanation
                    ),
                    ok,
                );
                let capped = e.capped.contains(id);
                check(
                    format!("item `{id}`: expected capped = {capped}"),
                    item.capped == capped,
                );
            }
        }
    }
    for id in &e.capped {
        check(
            format!("capped item `{id}` is not listed in items"),
            e.items.contains_key(id),
        );
    }
    let totals = [
        ("base", &e.base, report.base),
        ("bonus", &e.bonus, report.bonus),
        ("total", &e.total, report.total),
    ];
    for (name, want, got) in totals {
        if let Some(want) = want {
            let ok = if want == "none" {
                got.is_none()
            } else {
                got == Some(dec(want))
            };
            check(format!("{name}: expected {want}, got {got:?}"), ok);
        }
    }
    if let Some(want) = &e.grade {
        let got = report.grade.clone().unwrap_or_else(|| "none".into());
        check(format!("grade: expected {want}, got {got}"), &got == want);
    }
    if let Some(want) = &e.grade_en {
        let got = report.grade_en.clone().unwrap_or_else(|| "none".into());
        check(
            format!("grade_en: expected {want}, got {got}"),
            &got == want,
        );
    }
    for phrase in &e.warning {
        check(
            format!("no warning says “{phrase}”: {:?}", report.warnings),
            report
                .warnings
                .iter()
                .any(|w| w.message.contains(phrase.as_str())),
        );
    }
    if let Some(want) = e.vetoed {
        check(
            format!(
                "vetoed: expected {want}, got {} {:?}",
                report.vetoed, report.veto_reasons
            ),
            report.vetoed == want,
        );
    }
    if let Some(want) = &e.errors {
        let mut got: Vec<&str> = report.errors.iter().map(|x| x.field.as_str()).collect();
        let mut want: Vec<&str> = want.iter().map(String::as_str).collect();
        got.sort();
        want.sort();
        check(
            format!("errors: expected {want:?}, got {:?}", report.errors),
            got == want,
        );
    }
    for m in &e.missing {
        check(
            format!("`{m}` should be listed as missing"),
            report.missing.contains(m),
        );
    }
    if let Some(n) = e.warnings {
        check(
            format!("expected {n} warnings, got {:?}", report.warnings),
            report.warnings.len() == n,
        );
    }
    for (id, phrase) in &e.explanation {
        let text = report
            .item(id)
            .map(|i| i.explanation.as_str())
            .unwrap_or_default();
        check(
            format!("item `{id}` explanation lacks “{phrase}”: {text}"),
            text.contains(phrase.as_str()),
        );
    }
    for (id, want) in &e.figures {
        let all = report
            .figures
            .iter()
            .chain(report.items.iter().flat_map(|i| &i.figures));
        let got = all
            .filter(|f| &f.id == id)
            .map(|f| f.display.clone())
            .next();
        check(
            format!("figure `{id}`: expected {want}, got {got:?}"),
            got.as_deref() == Some(want.as_str()),
        );
    }
    for (id, want) in &e.periods {
        let got = rubric.field(id).map(|f| {
            f.period()
                .map(|p| p.zh.clone())
                .unwrap_or_else(|| "none".into())
        });
        check(
            format!("field `{id}`: expected a period with “{want}”, got {got:?}"),
            got.is_some_and(|g| {
                if want == "none" {
                    g == "none"
                } else {
                    g.contains(want.as_str())
                }
            }),
        );
    }
    for (id, want) in &e.groups {
        let got = report.groups.iter().find(|g| &g.id == id).map(|g| g.score);
        check(
            format!("group `{id}`: expected {want}, got {got:?}"),
            got == Some(dec(want)),
        );
    }
    out
}

#[test]
fn worked_examples_match_the_documents() {
    let catalog = catalog_with_example_rubrics();
    let files = load_examples();
    assert!(!files.is_empty(), "no worked examples found");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (file, examples) in &files {
        for case in &examples.cases {
            cases += 1;
            let id = case.rubric.as_deref().unwrap_or(&examples.rubric);
            let rubric = match catalog.rubric(id) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{file} / {}: {e}", case.name));
                    continue;
                }
            };
            let report = score(rubric, &to_inputs(&case.inputs));
            for d in differences(case, rubric, &report) {
                failures.push(format!("{file} / {} [{}]: {d}", case.name, case.clause));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} worked examples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_scored_rubric_has_worked_examples_for_every_item() {
    let catalog = catalog_with_example_rubrics();
    let files = load_examples();
    let mut uncovered = Vec::new();
    for rubric in catalog.rubrics() {
        let cases: Vec<&Case> = files
            .iter()
            .flat_map(|(_, f)| {
                f.cases
                    .iter()
                    .filter(move |c| c.rubric.as_deref().unwrap_or(&f.rubric) == rubric.id())
            })
            .collect();
        if cases.is_empty() {
            uncovered.push(format!("{}: no worked examples", rubric.id()));
        }
        for item in rubric.items() {
            if !cases.iter().any(|c| c.expect.items.contains_key(item.id())) {
                uncovered.push(format!(
                    "{}: item `{}` has no worked example",
                    rubric.id(),
                    item.id()
                ));
            }
        }
    }
    assert!(uncovered.is_empty(), "{}", uncovered.join("\n"));
}

#[test]
fn rubric_files_score_their_worked_examples_through_the_cli_exactly_as_in_process() {
    // A rubric that is not built in is scored by `spacescore score --rubric FILE`: the CLI's
    // totals and item scores equal the in-process report for every case.
    let catalog = catalog_with_example_rubrics();
    let mut compared = 0;
    for (file, examples) in load_examples() {
        let Some(path) = &examples.rubric_file else {
            continue;
        };
        let path = spacescore_tests::workspace_root().join(path);
        for case in &examples.cases {
            let id = case.rubric.as_deref().unwrap_or(&examples.rubric);
            let inputs = to_inputs(&case.inputs);
            let json = serde_json::to_string(&inputs).expect("inputs as JSON");
            let args: Vec<String> = ["score", "--rubric", &path.to_string_lossy(), id]
                .iter()
                .map(|s| s.to_string())
                .collect();
            let mut out = Vec::new();
            let mut err = Vec::new();
            spacescore_cli::run(&args, &mut json.as_bytes(), &mut out, &mut err)
                .unwrap_or_else(|e| panic!("{file} / {}: {e}", case.name));
            let cli: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
            let report = score(catalog.rubric(id).expect("loaded"), &inputs);
            let dec = |d: Option<rust_decimal::Decimal>| {
                d.map(|d| serde_json::Value::String(spacescore_core::fmt_dec(d)))
                    .unwrap_or(serde_json::Value::Null)
            };
            assert_eq!(cli["total"], dec(report.total), "{file} / {}", case.name);
            for item in &report.items {
                let got = cli["items"]
                    .as_array()
                    .and_then(|a| a.iter().find(|i| i["id"] == item.id.as_str()))
                    .map(|i| i["score"].clone());
                assert_eq!(
                    got,
                    Some(dec(item.score)),
                    "{file} / {} / {}",
                    case.name,
                    item.id
                );
            }
            compared += 1;
        }
    }
    // Every example rubric in docs/examples has its worked examples.
    let docs = spacescore_tests::workspace_root()
        .join("docs")
        .join("examples");
    let named: Vec<String> = load_examples()
        .into_iter()
        .filter_map(|(_, f)| f.rubric_file)
        .collect();
    for entry in std::fs::read_dir(&docs).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            let path = format!("docs/examples/{name}");
            assert!(
                named.contains(&path),
                "{path} has no worked examples in tests/examples"
            );
        }
    }
    assert!(compared > 0 || named.is_empty());
}
