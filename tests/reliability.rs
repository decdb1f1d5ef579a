//! Nothing dropped or scored in silence: saved work of another rubric or version, and
//! figures written beside `values`, are said, through each door (the CLI, the JS API's Rust
//! side, the page's reducer has its own tests in `web/tests/state.rs`).

use spacescore_cli::run;
use spacescore_core::saved::{self, SavedWork};
use spacescore_core::{json_inputs, score, ScoreOutput};

fn spacescore(args: &[&str], stdin: &str) -> (bool, String, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let mut input = stdin.as_bytes();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let ok = run(&args, &mut input, &mut out, &mut err).is_ok();
    (
        ok,
        String::from_utf8(out).expect("utf-8"),
        String::from_utf8(err).expect("utf-8"),
    )
}

fn saved_of(id: &str, values: &str) -> String {
    format!(
        r#"{{"format":"{}","rubric":"{id}","rubric_version":"1","values":{values}}}"#,
        saved::FORMAT
    )
}

#[test]
fn saved_work_of_another_rubric_is_scored_with_a_note() {
    let doc = saved_of("inner-mongolia/maker-space", r#"{"mentors":"6"}"#);
    let (ok, out, err) = spacescore(&["score", "xinxiang/professional"], &doc);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let notes = v["notes"].as_array().expect("notes");
    let en = v["notes_en"].as_array().expect("notes_en");
    assert_eq!(notes.len(), 1, "{out}");
    assert!(
        notes[0].as_str().is_some_and(
            |n| n.contains("inner-mongolia/maker-space") && n.contains("xinxiang/professional")
        ),
        "{out}"
    );
    assert!(
        en[0]
            .as_str()
            .is_some_and(|n| n.contains("saved work of the rubric")),
        "{out}"
    );
    // The note in the command's language (English here, with `--lang en` or an English
    // locale), and in Chinese with `--lang zh`.
    assert!(
        err.contains("注意：") != err.contains("note: this is saved work"),
        "{err}"
    );
    let (_, _, zh) = spacescore(&["score", "--lang", "zh", "xinxiang/professional"], &doc);
    assert!(zh.starts_with("注意：") && !zh.contains("note:"), "{zh}");
    // The same saved work under its own rubric needs no note, unless the version differs.
    let (_, own, _) = spacescore(&["score", "inner-mongolia/maker-space"], &doc);
    let v: serde_json::Value = serde_json::from_str(&own).expect("JSON");
    let catalog = spacescore_builtin::catalog();
    let r = catalog
        .rubric("inner-mongolia/maker-space")
        .expect("built in");
    let expected = usize::from(r.version() != "1");
    assert_eq!(v["notes"].as_array().map(Vec::len), Some(expected), "{own}");
}

#[test]
fn figures_written_beside_values_are_listed_not_dropped_in_silence() {
    let doc = format!(
        r#"{{"format":"{}","rubric":"inner-mongolia/maker-space","rubric_version":"1","values":{{"mentors":"6"}},"site_area":"3000","workstations":"40"}}"#,
        saved::FORMAT
    );
    // The CLI.
    let (ok, out, _) = spacescore(&["score", "inner-mongolia/maker-space"], &doc);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let notes: Vec<&str> = v["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("site_area") && n.contains("workstations") && n.contains("values")),
        "{notes:?}"
    );
    // The core, as the JS API and the page use it.
    let read = json_inputs::read(doc.as_bytes()).expect("read");
    assert_eq!(
        read.beside,
        vec!["site_area".to_string(), "workstations".to_string()]
    );
    let catalog = spacescore_builtin::catalog();
    let r = catalog
        .rubric("inner-mongolia/maker-space")
        .expect("built in");
    let output = ScoreOutput::of(score(r, &read.inputs), &read, r);
    assert!(output
        .notes_en
        .iter()
        .any(|n| n.contains("site_area") && n.contains("beside `values`")));
    // Restored saved work lists them among what was dropped.
    let work: SavedWork = saved::parse(&doc).expect("saved work");
    let restored = saved::restore(r, work);
    assert!(
        restored.dropped.contains(&"site_area".to_string()),
        "{:?}",
        restored.dropped
    );
}

/// `describe` gives the whole rule: every key of every term (a step's threshold and step, a
/// proportional term's rounding), the bonus items' sum and its cap apart, the consistency
/// checks and the computed figures, through the CLI.
#[test]
fn describe_gives_the_whole_rule() {
    let (ok, out, err) = spacescore(&["describe", "xinxiang/comprehensive"], "");
    assert!(ok, "{err}");
    let d: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let item = d["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == "incubation-fund"))
        .expect("the incubation fund item");
    // 新乡 第6项：大于50万得5分，每增加50万加1分 (综合型).
    let term = &item["terms"][0];
    assert_eq!(term["kind"], "step", "{term}");
    assert_eq!(term["input"], "incubation_fund");
    assert_eq!(term["above"], "50");
    assert_eq!(term["points"], "5");
    assert_eq!(term["step"], "50");
    assert_eq!(term["step_points"], "1");

    // A bonus of 15 with a cap of 10 says both, and what counts.
    let shili = spacescore_tests::workspace_root().join("docs/examples/shili.toml");
    let shili = shili.to_string_lossy().into_owned();
    let (ok, out, err) = spacescore(&["describe", "--rubric", &shili, "shili/maker-space"], "");
    assert!(ok, "{err}");
    let d: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(d["bonus_max"], "15");
    assert_eq!(d["bonus_cap"], "10");
    assert_eq!(d["bonus_counted"], "10");

    // A proportional term's rounding, a consistency check and a form's figures.
    let catalog = {
        let mut c = spacescore_builtin::catalog();
        for r in spacescore_tests::advice_rubrics() {
            c.insert(r);
        }
        c
    };
    let annual = catalog
        .rubric("test/annual-targets")
        .expect("the test rubric");
    let d = serde_json::to_value(spacescore_core::describe(annual)).expect("JSON");
    assert_eq!(d["items"][0]["terms"][0]["places"], 3);
    assert_eq!(
        d["items"][0]["terms"][0]["input"]["ratio"][0],
        "at_new_residents"
    );
    let shanxi = catalog.rubric("shanxi/annual-report").expect("built in");
    let d = serde_json::to_value(spacescore_core::describe(shanxi)).expect("JSON");
    assert_eq!(
        d["consistency"].as_array().map(Vec::len),
        Some(shanxi.consistency().len())
    );
    assert!(
        d["consistency"][0]["left"]["sum"].is_array(),
        "{}",
        d["consistency"][0]
    );
    assert_eq!(
        d["figures"].as_array().map(Vec::len),
        Some(shanxi.figures().len())
    );
}

/// What changed between two rubrics: nothing between a rubric and itself; the items, maxima
/// and rules that differ between Xinxiang's two columns; a changed rule in a revised file.
#[test]
fn compare_lists_what_changed() {
    use spacescore_core::rubric::compare::compare;
    let catalog = spacescore_builtin::catalog();
    let a = catalog.rubric("xinxiang/comprehensive").expect("built in");
    let b = catalog.rubric("xinxiang/professional").expect("built in");
    assert!(compare(a, a).is_empty());
    let changes = compare(a, b);
    let en: Vec<&str> = changes.iter().map(|c| c.text.en.as_str()).collect();
    // Item 2 (a public service platform) is the comprehensive column's, item 3 the
    // professional's; item 8 is worth 20 points in one and 10 in the other.
    assert!(en.iter().any(|l| l.starts_with("item added: 3")), "{en:#?}");
    assert!(
        en.iter().any(|l| l.starts_with("item removed: 2")),
        "{en:#?}"
    );
    assert!(
        en.iter().any(|l| l.contains("residents maximum: 20 → 10")),
        "{en:#?}"
    );
    assert!(changes.iter().all(|c| !c.text.zh.is_empty()));
    // A revised rule.
    let root = spacescore_tests::workspace_root();
    let text = std::fs::read_to_string(root.join("docs/examples/shili.toml")).expect("shili");
    let library = spacescore_core::check::Library::shared().expect("the dictionary");
    let old =
        &spacescore_core::check::check_source("shili.toml", &text, &library).expect("checks")[0];
    let revised = text.replacen("version = \"1\"", "version = \"2\"", 1);
    let new =
        &spacescore_core::check::check_source("shili.toml", &revised, &library).expect("checks")[0];
    let changes = compare(old, new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].text.zh, "版本：1 → 2");
}
