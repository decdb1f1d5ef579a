use std::path::{Path, PathBuf};

use spacescore_core::check::{check_bytes, check_source, Library, Problems};
use spacescore_core::{describe, Catalog, Error, Lang, Rubric};

fn catalog() -> Catalog {
    spacescore_builtin::catalog()
}

fn library() -> Library {
    Library::shared().unwrap_or_else(|p| panic!("the shared dictionary has problems:\n{p}"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// Every rubric file in `dir`: (file name, text).
fn rubric_files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default();
            name != "fields.toml"
                && name != "policies.toml"
                && !name.to_string_lossy().ends_with(".examples.toml")
        })
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect();
    out.sort();
    out
}

/// The text of a built-in rubric file.
fn source(file: &str) -> String {
    std::fs::read_to_string(root().join("rubrics").join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// `file` with `from` (which must occur exactly once) replaced by `to`, checked; returns the
/// problems and the 1-based line where the replacement starts.
fn altered(file: &str, from: &str, to: &str) -> (Problems, usize) {
    let text = source(file);
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` occurs once in {file}"
    );
    let at = text.find(from).unwrap_or_default();
    let line = text[..at].matches('\n').count() + 1;
    let changed = text.replacen(from, to, 1);
    match check_source(&format!("rubrics/{file}"), &changed, &library()) {
        Ok(_) => panic!("an altered {file} that breaks an invariant was accepted"),
        Err(p) => (p, line),
    }
}

/// Asserts that some problem's English line contains every one of `parts`.
fn assert_problem(problems: &Problems, parts: &[&str]) {
    let text = problems.text(Lang::En);
    assert!(
        problems.list().iter().any(|p| {
            let line = p.text(Lang::En);
            parts.iter().all(|part| line.contains(part))
        }),
        "no problem says all of {parts:?}:\n{text}"
    );
    // Every problem has its Chinese too.
    assert!(problems.list().iter().all(|p| !p.message.zh.is_empty()));
}

#[test]
fn every_rubric_file_passes_the_checker_and_is_what_the_build_embedded() {
    let files = rubric_files(&root().join("rubrics"));
    assert!(!files.is_empty());
    let embedded = catalog();
    let mut checked = 0;
    for (name, text) in &files {
        let rubrics = check_source(&format!("rubrics/{name}"), text, &library())
            .unwrap_or_else(|p| panic!("{name}:\n{p}"));
        for r in rubrics {
            let built = embedded
                .rubric(r.id())
                .unwrap_or_else(|_| panic!("{} of {name} is built in", r.id()));
            assert_eq!(&r, built, "{} decodes to what was checked", r.id());
            assert_eq!(r.to_bytes(), built.to_bytes());
            assert_eq!(r.hash().len(), 64);
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        embedded.rubrics().len(),
        "every built-in rubric comes from a file"
    );
    assert_eq!(
        spacescore_builtin::all().count(),
        embedded.rubrics().len(),
        "every built-in decodes"
    );
}

#[test]
fn the_shared_dictionary_and_policy_are_all_used() {
    // Built-in rubrics and the example rubrics of docs/ together use every shared field and
    // cite every policy line (a rubric file's own definitions are checked by the checker).
    let mut rubrics: Vec<Rubric> = catalog().rubrics().to_vec();
    for (name, text) in rubric_files(&root().join("docs").join("examples")) {
        rubrics.extend(
            check_source(&name, &text, &library()).unwrap_or_else(|p| panic!("{name}:\n{p}")),
        );
    }
    let lib = library();
    for id in lib.fields().keys() {
        assert!(
            rubrics.iter().any(|r| r.field(id).is_some()),
            "rubrics/fields.toml defines `{id}` but no rubric uses it"
        );
    }
    for p in lib.policies() {
        assert!(
            rubrics.iter().any(|r| r.policy(p.id()).is_some()),
            "rubrics/policies.toml defines `{}` but no item cites it",
            p.id()
        );
    }
}

#[test]
fn stated_totals_are_the_documents() {
    let c = catalog();
    let examples = spacescore_tests::load_examples();
    for r in c.rubrics() {
        let id = r.id();
        let totals = examples
            .iter()
            .filter(|(_, f)| f.rubric == id && f.rubric_file.is_none())
            .find_map(|(_, f)| f.totals.as_ref())
            .unwrap_or_else(|| {
                panic!("{id}: no worked-example file states the document's [totals]")
            });
        let d = describe(r);
        assert_eq!(
            (d.base_max.as_str(), d.bonus_max.as_str()),
            (totals.base.as_str(), totals.bonus.as_str()),
            "{id}"
        );
    }
    let qhd = describe(c.rubric("qinhuangdao/maker-space").expect("qinhuangdao"));
    let groups: Vec<(&str, &str)> = qhd
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.max.as_str()))
        .collect();
    assert_eq!(
        groups,
        [
            ("服务基础", "25"),
            ("孵化服务", "30"),
            ("服务绩效", "35"),
            ("社会贡献", "10")
        ]
    );
    let agency = qhd
        .items
        .iter()
        .find(|i| i.name.starts_with("签约中介服务机构数量"))
        .expect("签约中介");
    assert_eq!(
        agency.group, qhd.groups[0].id,
        "签约中介服务机构数量 belongs to 服务基础 (第六条)"
    );
}

#[test]
fn every_item_quotes_its_source_and_every_interpretation_is_written_down() {
    let c = catalog();
    for r in c.rubrics() {
        assert!(!r.document().title.is_empty(), "{} has a title", r.id());
        for i in r.items() {
            assert!(
                !i.source_text().trim().is_empty(),
                "{} {} quotes its source",
                r.id(),
                i.id()
            );
            for p in i.policies() {
                assert!(
                    r.policy(p).is_some(),
                    "{} {} cites policy {p}",
                    r.id(),
                    i.id()
                );
            }
        }
        for id in r.required_fields() {
            assert!(
                r.field(id).is_some(),
                "{} reads undefined field {id}",
                r.id()
            );
        }
    }
    // The traps of the documents are written next to the items they affect.
    let im = c.rubric("inner-mongolia/maker-space").expect("im");
    let ws = im.item("workstations").expect("workstations");
    assert_eq!(
        ws.max(),
        3.into(),
        "the stray 4 in the 自评得分 column is not the maximum"
    );
    assert!(ws
        .notes()
        .iter()
        .any(|n| n.contains("“4”不是本项的分值") && n.contains("最高 3 分")));
    let xx = c.rubric("xinxiang/professional").expect("xx");
    assert!(xx.grades().is_empty(), "Xinxiang publishes no cut-offs");
    assert_eq!(xx.grade_names().len(), 4);
    assert!(
        xx.document().year.given().is_none(),
        "Xinxiang's 附件2 states no year"
    );
    let nx = c.rubric("ningxia/incubator").expect("nx");
    assert!(
        nx.document().issuer.given().is_none(),
        "Ningxia's 附件3 names no issuer"
    );
    let qhd = c.rubric("qinhuangdao/maker-space").expect("qhd");
    assert_eq!(qhd.grades().len(), 4);
    assert_eq!(qhd.document().number.as_deref(), Some("秦科高〔2023〕3号"));
}

#[test]
fn every_rubric_states_its_period_for_every_periodic_field_it_reads_and_describe_shows_it() {
    let library = library();
    assert!(
        library.periodic().len() >= 5,
        "periodic fields: {:?}",
        library.periodic()
    );
    let c = catalog();
    let mut stated = 0;
    for r in c.rubrics() {
        let d = describe(r);
        let shown: Vec<_> = d
            .items
            .iter()
            .flat_map(|i| i.inputs.iter().chain(&i.aids))
            .chain(d.rows.iter().map(|row| &row.input))
            .collect();
        for (id, f) in r.fields() {
            if library.periodic().contains(id) {
                let period = f
                    .period()
                    .unwrap_or_else(|| panic!("{} reads {id} without its period", r.id()));
                assert!(
                    !period.zh.is_empty() && !period.en.is_empty(),
                    "{} {id}",
                    r.id()
                );
                stated += 1;
            }
            for input in shown.iter().filter(|i| i.field == *id) {
                assert_eq!(
                    input.period,
                    f.period().map(|p| p.zh.clone()),
                    "{} {id}",
                    r.id()
                );
                assert_eq!(
                    input.period_en,
                    f.period().map(|p| p.en.clone()),
                    "{} {id}",
                    r.id()
                );
            }
        }
    }
    assert!(stated >= 40, "only {stated} periods stated");
    // A field one rubric gives a period is given one by every rubric that reads it, so
    // figures are never carried from a document with a period to one without.
    for r in c.rubrics() {
        for (id, f) in r.fields() {
            if f.period().is_some() {
                for other in c.rubrics() {
                    if let Some(g) = other.field(id) {
                        assert!(
                            g.period().is_some(),
                            "{id}: {} states a period, {} does not",
                            r.id(),
                            other.id()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_rubric_that_reads_a_periodic_field_without_its_period_is_refused() {
    let (p, _) = altered(
        "qinhuangdao.toml",
        "[uses.events]\nperiod = \"一年的评价周期内\"\nperiod_en = \"within the one-year evaluation cycle\"\n",
        "",
    );
    assert_problem(
        &p,
        &[
            "`events`",
            "covers different periods",
            "[uses.events] period",
        ],
    );
}

#[test]
fn a_veto_grade_must_be_a_named_grade_and_grade_names_have_their_english() {
    let (p, _) = altered(
        "xinxiang.toml",
        "grade = \"不合格（D）\"",
        "grade = \"不及格\"",
    );
    assert_problem(&p, &["veto late-or-false", "there is no grade “不及格”"]);
    let (p, _) = altered(
        "xinxiang.toml",
        "  { name = \"合格（C）\", name_en = \"Pass (C)\" },\n  { name = \"不合格（D）\", name_en = \"Fail (D)\" },\n]\ngrades_note = \"文件列出四个等级，但未公布分数线，故不显示等级。\"\n\n[[rubrics]]\nid = \"xinxiang/professional\"",
        "  \"合格（C）\",\n  { name = \"不合格（D）\" },\n]\ngrades_note = \"文件列出四个等级，但未公布分数线，故不显示等级。\"\n\n[[rubrics]]\nid = \"xinxiang/professional\"",
    );
    assert_problem(&p, &["should be a table"]);
    assert_problem(&p, &["name_en"]);
    let xx = catalog();
    let xx = xx.rubric("xinxiang/comprehensive").expect("xinxiang");
    let names: Vec<(&str, &str)> = xx
        .grade_names()
        .iter()
        .map(|g| (g.zh.as_str(), g.en.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("优秀（A）", "Excellent (A)"),
            ("良好（B）", "Good (B)"),
            ("合格（C）", "Pass (C)"),
            ("不合格（D）", "Fail (D)"),
        ]
    );
    let d = describe(xx);
    assert_eq!(
        d.grade_names_en,
        ["Excellent (A)", "Good (B)", "Pass (C)", "Fail (D)"]
    );
}

#[test]
fn a_consistency_condition_is_checked_like_any_comparison() {
    let (p, _) = altered(
        "shanxi.toml",
        "when = { input = \"tech_platforms\", op = \"==\", value = \"0\" }",
        "when = { input = \"tech_platform\", op = \"=\", value = \"0\" }",
    );
    assert_problem(&p, &["consistency rule"]);
    assert!(p.list().len() >= 2, "the field and the operator: {p}");
}

#[test]
fn a_misplaced_key_names_its_file_item_term_key_and_line() {
    let (p, line) = altered(
        "inner-mongolia.toml",
        "input = \"mentors\"\nevery = \"2\"",
        "input = \"mentors\"\nevery = \"2\"\nmax = \"5\"",
    );
    let at = format!(
        "rubrics/inner-mongolia.toml:{} item mentor-count, term 1, key max",
        line + 2
    );
    assert_problem(&p, &[&at, "`max` does not belong to a `per` term"]);
    let zh = p.text(Lang::Zh);
    assert!(
        zh.contains("指标 mentor-count，第 1 条规则，键 max"),
        "{zh}"
    );
}

#[test]
fn a_key_of_another_kind_of_term_is_refused_too() {
    let (p, _) = altered(
        "xinxiang.toml",
        "kind = \"step\"\ninput = \"incubation_fund\"",
        "kind = \"step\"\nevery = \"50\"\ninput = \"incubation_fund\"",
    );
    assert_problem(
        &p,
        &[
            "item incubation-fund, term 1, key every",
            "`every` does not belong to a `step` term",
        ],
    );
}

#[test]
fn a_typo_in_a_key_suggests_the_key() {
    let (p, _) = altered(
        "inner-mongolia.toml",
        "rule_text = \"每2位导师得1分，最高5分。\"",
        "rule_txt = \"每2位导师得1分，最高5分。\"",
    );
    assert_problem(&p, &["item mentor-count", "did you mean `rule_text`?"]);
}

#[test]
fn an_item_maximum_that_breaks_the_group_total_is_refused() {
    let (p, _) = altered(
        "inner-mongolia.toml",
        "rule_text = \"每2位导师得1分，最高5分。\"\nmax = \"5\"",
        "rule_text = \"每2位导师得1分，最高5分。\"\nmax = \"6\"",
    );
    assert_problem(
        &p,
        &[
            "rubrics/inner-mongolia.toml:",
            "group talent (Staff and mentors) is worth 15 but its items add up to 16",
        ],
    );
}

#[test]
fn a_gap_between_bands_is_refused() {
    let (p, line) = altered(
        "inner-mongolia.toml",
        "{ from = \"500\", below = \"3000\", points = \"2\" }",
        "{ from = \"600\", below = \"3000\", points = \"2\" }",
    );
    assert_problem(
        &p,
        &[
            "item service-area, term 1",
            "gap or overlap between 500 and 600",
        ],
    );
    assert!(
        p.list().iter().all(|x| x.line.is_some_and(|l| l < line)),
        "the term's line comes first"
    );
}

#[test]
fn a_shared_band_edge_must_belong_to_exactly_one_band() {
    let (p, _) = altered(
        "inner-mongolia.toml",
        "{ above = \"0\", below = \"500\", points = \"1\" }",
        "{ above = \"0\", through = \"500\", points = \"1\" }",
    );
    assert_problem(&p, &["item service-area", "500 must belong to exactly one"]);
}

#[test]
fn overlapping_grade_bands_are_refused() {
    let text = source("qinhuangdao.toml");
    let grades = text.find("[[grades]]").expect("grades");
    let from = text[grades..]
        .find("from = \"60\"")
        .map(|i| i + grades)
        .expect("a grade from 60");
    let changed = format!(
        "{}from = \"59\"{}",
        &text[..from],
        &text[from + "from = \"60\"".len()..]
    );
    let p = check_source("rubrics/qinhuangdao.toml", &changed, &library()).expect_err("refused");
    assert_problem(&p, &["[[grades]]", "gap or overlap"]);
}

#[test]
fn a_repeated_item_id_is_refused() {
    let (p, _) = altered(
        "inner-mongolia.toml",
        "id = \"workstations\"",
        "id = \"service-area\"",
    );
    assert_problem(&p, &["item service-area", "this item id is used twice"]);
}

#[test]
fn an_undefined_field_is_refused_with_the_closest_one() {
    let (p, line) = altered(
        "inner-mongolia.toml",
        "input = \"mentors\"\nevery",
        "input = \"mentorz\"\nevery",
    );
    assert_problem(
        &p,
        &[
            &format!(":{line} item mentor-count, term 1, key input"),
            "there is no field `mentorz` (did you mean `mentors`?)",
        ],
    );
}

#[test]
fn a_float_is_refused_with_how_to_write_it() {
    let (p, _) = altered(
        "inner-mongolia.toml",
        "input = \"mentors\"\nevery = \"2\"",
        "input = \"mentors\"\nevery = 2.0",
    );
    assert_problem(&p, &["key every", "write decimals in quotes (\"2.0\")"]);
}

#[test]
fn an_item_without_source_text_is_refused() {
    let (p, _) = altered(
        "inner-mongolia.toml",
        "source_text = \"众创空间聘任的创业导师的数量。\"",
        "source_text = \"  \"",
    );
    assert_problem(&p, &["item mentor-count, key source_text", "is empty"]);
}

#[test]
fn a_band_rule_must_cite_the_band_policy() {
    let text = source("inner-mongolia.toml");
    let at = text.find("id = \"service-area\"").expect("service-area");
    let pol = text[at..]
        .find("policies = [")
        .map(|i| i + at)
        .expect("policies");
    let end = text[pol..].find(']').map(|i| i + pol + 1).expect("]");
    let changed = format!("{}policies = []{}", &text[..pol], &text[end..]);
    let p = check_source("rubrics/inner-mongolia.toml", &changed, &library()).expect_err("refused");
    assert_problem(
        &p,
        &["item service-area", "term 1", "cite policy `band-edges`"],
    );
}

#[test]
fn terms_that_cannot_reach_the_maximum_are_refused() {
    let text = source("inner-mongolia.toml");
    let at = text.find("id = \"honors\"").expect("honors");
    let points = text[at..]
        .find("points = \"6\"")
        .map(|i| i + at)
        .expect("6 points");
    let changed = format!(
        "{}points = \"5\"{}",
        &text[..points],
        &text[points + "points = \"6\"".len()..]
    );
    let p = check_source("rubrics/inner-mongolia.toml", &changed, &library()).expect_err("refused");
    assert_problem(&p, &["item honors", "at most 5 of its 6 points"]);
}

#[test]
fn a_weight_only_rubric_has_only_self_assessed_items() {
    let text = source("ningxia-incubator.toml");
    let changed = text.replacen(
        "terms = [{ kind = \"self\", max = \"3\" }]",
        "terms = [{ kind = \"per\", input = \"mentors\", every = \"1\", points = \"100\" }]",
        1,
    );
    assert_ne!(changed, text);
    let p =
        check_source("rubrics/ningxia-incubator.toml", &changed, &library()).expect_err("refused");
    assert_problem(&p, &["every item of a weight-only rubric is self-assessed"]);
}

#[test]
fn a_decimal_that_is_not_a_number_is_refused() {
    let (p, _) = altered(
        "inner-mongolia.toml",
        "rule_text = \"每2位导师得1分，最高5分。\"\nmax = \"5\"",
        "rule_text = \"每2位导师得1分，最高5分。\"\nmax = \"five\"",
    );
    assert_problem(
        &p,
        &["item mentor-count, key max", "“five” is not a number"],
    );
}

#[test]
fn every_problem_of_a_file_is_listed_not_only_the_first() {
    let text = source("inner-mongolia.toml")
        .replacen(
            "input = \"mentors\"\nevery = \"2\"",
            "input = \"mentorz\"\nevery = \"2\"\ncolour = \"red\"",
            1,
        )
        .replacen("id = \"workstations\"", "id = \"service-area\"", 1);
    let p = check_source("x.toml", &text, &library()).expect_err("refused");
    assert!(p.list().len() >= 3, "{p}");
}

#[test]
fn hostile_rubric_files_get_a_clear_error_never_a_panic_or_a_hang() {
    let lib = library();
    let started = std::time::Instant::now();
    let cases: Vec<(&str, String, &str)> = vec![
        ("10 MB", "#".repeat(10 << 20), "too large"),
        (
            "deep nesting",
            format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
            "nest more than",
        ),
        (
            "deep tables",
            format!("a = {}1{}", "{ b = ".repeat(5_000), " }".repeat(5_000)),
            "nest more than",
        ),
        ("not TOML", "[[items]\nid = ".into(), "not valid TOML"),
        (
            "an array for a table",
            "document = [1, 2]".into(),
            "should be a table",
        ),
        (
            "many items",
            "[[items]]\nid = \"a\"\n".repeat(50_000),
            "the list is too long",
        ),
        (
            "too many items",
            "[[items]]\nid = \"a\"\n".repeat(1_500),
            "too many items",
        ),
        (
            "a path for an id",
            source("xinxiang.toml").replace("\"xinxiang/professional\"", "\"../../x\""),
            "must be `region/type`",
        ),
        (
            "bidi in a quotation",
            source("xinxiang.toml").replacen("source_text = \"", "source_text = \"\u{202e}", 1),
            "U+202E",
        ),
        (
            "a NUL in text",
            source("xinxiang.toml").replacen("source_text = \"", "source_text = \"a\\u0000", 1),
            "U+0000",
        ),
    ];
    for (name, text, expect) in cases {
        let p = check_source("hostile.toml", &text, &lib).expect_err(name);
        let all = p.text(Lang::En);
        assert!(all.contains(expect), "{name}: {all}");
        assert!(all.len() < 200_000, "{name}: the message stays short");
    }
    // Script tags are text: they are kept as written and shown as text by the page.
    let script = source("xinxiang.toml").replacen(
        "source_text = \"",
        "source_text = \"<script>alert(1)</script>",
        1,
    );
    let rubrics = check_source("x.toml", &script, &lib).expect("script tags are only text");
    assert!(rubrics.iter().any(|r| r
        .items()
        .iter()
        .any(|i| i.source_text().starts_with("<script>"))));
    assert!(
        started.elapsed().as_secs() < 60,
        "hostile files are refused quickly"
    );
    // Bytes that are not UTF-8 name their offset.
    let p = check_bytes("x.toml", b"title = \"\xff\"", &lib).expect_err("not UTF-8");
    assert!(p.text(Lang::En).contains("offset 9"), "{p}");
}

#[test]
fn a_rubric_file_with_its_own_fields_and_policies_checks_alone() {
    let text = std::fs::read_to_string(root().join("docs").join("examples").join("shili.toml"))
        .expect("the example rubric");
    let rubrics = check_source("docs/examples/shili.toml", &text, &library())
        .unwrap_or_else(|p| panic!("{p}"));
    assert!(!rubrics.is_empty());
    // A field defined but used by nothing is the file's own mistake, named at its line.
    let orphan = format!("{text}\n[fields.orphan_count]\nname = \"孤儿\"\nname_en = \"Orphan\"\nkind = \"count\"\nunit = \"个\"\n");
    let p = check_source("shili.toml", &orphan, &library()).expect_err("an unused own field");
    assert_problem(&p, &["field orphan_count", "nothing uses it"]);
    // A field of the shared dictionary cannot be defined again.
    let again = format!("{text}\n[fields.mentors]\nname = \"导师\"\nname_en = \"Mentors\"\nkind = \"count\"\nunit = \"人\"\n");
    let p = check_source("shili.toml", &again, &library()).expect_err("a shared field again");
    assert_problem(&p, &["field mentors", "already in the shared dictionary"]);
}

#[test]
fn compiled_rubrics_round_trip_and_damaged_ones_are_errors_never_panics() {
    for b in spacescore_builtin::all() {
        let r = Rubric::from_bytes(b.bytes).expect("decodes");
        assert_eq!(r.to_bytes(), b.bytes, "{} round-trips", b.id);
        assert!(
            check_bytes(b.id, b.bytes, &library()).is_ok(),
            "{}: its hash verifies",
            b.id
        );
        for cut in [0, 5, 20, 84, b.bytes.len() / 2, b.bytes.len() - 1] {
            assert!(
                Rubric::from_bytes(&b.bytes[..cut]).is_err(),
                "{} cut at {cut}",
                b.id
            );
        }
        let mut longer = b.bytes.to_vec();
        longer.push(0);
        assert!(Rubric::from_bytes(&longer).is_err(), "trailing bytes");
        // An altered body no longer matches its content hash.
        let mut altered = b.bytes.to_vec();
        if let Some(last) = altered.last_mut() {
            *last ^= 1;
        }
        if Rubric::from_bytes(&altered).is_ok() {
            assert!(
                check_bytes(b.id, &altered, &library()).is_err(),
                "{}: altered bytes",
                b.id
            );
        }
    }
    let other_version = Rubric::from_bytes(b"spacescore-rubric/9\n");
    assert!(matches!(other_version, Err(Error::Compiled(_))));
    // Said in both languages, Chinese first, the same reason in each.
    let said = other_version.err().map(|e| e.text()).unwrap_or_default();
    assert!(said.zh.contains("另一个版本"), "{}", said.zh);
    assert!(said.en.contains("another version"), "{}", said.en);
    let cut = Rubric::from_bytes(b"spacescore-rubric/3\n0123")
        .err()
        .map(|e| e.text());
    assert!(cut.is_some_and(|t| t.zh.contains("截断") && t.en.contains("cut short")));
}

#[test]
fn an_unknown_rubric_is_an_error_not_a_panic() {
    assert_eq!(
        catalog().rubric("atlantis/maker-space").err(),
        Some(Error::UnknownRubric("atlantis/maker-space".into()))
    );
}

#[test]
fn a_percent_field_without_a_unit_shows_percent_signs_in_explanations() {
    // A file's own percent field need not name a unit (docs/examples/shili.toml's
    // satisfaction rate has none); its figures and thresholds still read as percentages.
    let text = std::fs::read_to_string(root().join("docs").join("examples").join("shili.toml"))
        .expect("the example rubric");
    let rubrics = check_source("docs/examples/shili.toml", &text, &library())
        .unwrap_or_else(|p| panic!("{p}"));
    let rubric = rubrics.first().expect("one rubric");
    let mut inputs = spacescore_core::Inputs::new();
    inputs.insert("sl_satisfaction".into(), "74.45".into());
    let report = spacescore_core::score(rubric, &inputs);
    let item = report.item("satisfaction").expect("the item");
    for phrase in ["74.45%", "60%"] {
        assert!(item.explanation.contains(phrase), "{}", item.explanation);
        assert!(
            item.explanation_en.contains(phrase),
            "{}",
            item.explanation_en
        );
    }
}

#[test]
fn a_term_that_cannot_be_read_gives_one_problem_not_a_second_about_the_maximum() {
    // The unknown field is the mistake; the item's terms are not also said to fall short of
    // its maximum (“can give at most 0 of its 5 points”), which would send the author
    // looking for a second mistake that is not there.
    let (p, line) = altered(
        "inner-mongolia.toml",
        "input = \"mentors\"\nevery = \"2\"",
        "input = \"mentor\"\nevery = \"2\"",
    );
    assert_eq!(p.list().len(), 1, "{p}");
    assert_problem(
        &p,
        &[
            &format!("rubrics/inner-mongolia.toml:{line} item mentor-count, term 1, key input"),
            "did you mean `mentors`?",
        ],
    );
    // A term that reads but really falls short is still refused.
    let (p, _) = altered(
        "inner-mongolia.toml",
        "input = \"national_honors\", points = \"6\"",
        "input = \"national_honors\", points = \"5\"",
    );
    assert_problem(&p, &["item honors", "can give at most 5 of its 6 points"]);
}

#[test]
fn a_cap_on_a_self_assessed_part_is_refused_and_does_not_take_effect() {
    // `cap` does not belong to a `self` term (its `max` bounds it). The refused key must
    // not also lower the part's ceiling and bring a second, misleading problem.
    let (p, line) = altered(
        "xinxiang.toml",
        "kind = \"self\"\nmax = \"10\"",
        "kind = \"self\"\nmax = \"10\"\ncap = \"3\"",
    );
    assert_eq!(p.list().len(), 1, "{p}");
    assert_problem(
        &p,
        &[
            &format!(
                "rubrics/xinxiang.toml:{} item regional, term 1, key cap",
                line + 2
            ),
            "did you mean `max`?",
        ],
    );
}

#[test]
fn the_authoring_guides_complete_example_passes_the_checker_and_scores_as_the_guide_says() {
    // docs/authoring.md walks through one small rubric file; it must stay a valid file, and
    // the totals the guide computes by hand for its sample space must stay true.
    let block = spacescore_tests::authoring_example();
    let rubrics = check_source("docs/authoring.md", &block, &library())
        .unwrap_or_else(|p| panic!("the guide's example has problems:\n{p}"));
    let rubric = rubrics.first().expect("one rubric");
    assert_eq!(rubric.id(), "example-county/maker-space");
    let mut inputs = spacescore_core::Inputs::new();
    for (k, v) in [
        ("site_area", "500"),
        ("mentors", "9"),
        ("incubation_fund", "120"),
        ("score.features", "3.5"),
        ("ec_level", "省级"),
    ] {
        inputs.insert(k.into(), v.into());
    }
    let report = spacescore_core::score(rubric, &inputs);
    assert_eq!(report.base, Some(rust_decimal_macros::dec!(16.5)));
    assert_eq!(report.bonus, Some(rust_decimal_macros::dec!(3)));
    assert_eq!(report.total, Some(rust_decimal_macros::dec!(19.5)));
    assert_eq!(report.grade.as_deref(), Some("合格"));
    assert_eq!(report.missing, vec!["veto_fraud".to_string()]);
}

#[test]
fn negative_band_points_are_refused() {
    let (problems, line) = altered(
        "inner-mongolia.toml",
        r#"{ from = "10000", points = "4" },"#,
        r#"{ from = "10000", points = "-5" },"#,
    );
    assert_problem(
        &problems,
        &[
            &format!("inner-mongolia.toml:{line}"),
            "points cannot be negative",
        ],
    );
}

#[test]
fn consistency_rules_that_go_round_in_a_circle_are_refused() {
    // Written both ways: a ≤ b and b ≤ a between the same two fields (then three would
    // silence each other's warnings, see `no_circles`).
    let rule = "[[consistency]]\nleft = \"service_staff_college\"\nop = \"<=\"\nright = \"service_staff\"\n";
    let both = format!(
        "{rule}message = \"m\"\nmessage_en = \"m\"\n\n[[consistency]]\nleft = \"service_staff\"\nop = \"<=\"\nright = \"service_staff_college\"\n"
    );
    let (problems, _) = altered("shanxi.toml", rule, &both);
    assert_problem(&problems, &["go round in a circle", "op = \"==\""]);
    let zh = problems.text(Lang::Zh);
    assert!(zh.contains("首尾相连成环"), "{zh}");
}

#[test]
fn a_proportional_term_states_its_rounding_as_whole_places() {
    for bad in ["\"2.5\"", "-1", "9", "\"two\""] {
        let text = std::fs::read_to_string(root().join("tests/advice/rubrics/annual-targets.toml"))
            .expect("the test rubric");
        let changed = text.replacen("\nplaces = 3", &format!("\nplaces = {bad}"), 1);
        let problems = check_source("annual-targets.toml", &changed, &library())
            .expect_err("a bad `places` is refused");
        let en = problems.text(Lang::En);
        assert!(
            en.contains("places")
                && (en.contains("whole number from 0 to 8") || en.contains("not a number")),
            "{bad}: {en}"
        );
    }
}

#[test]
fn a_uses_entry_says_something() {
    let text = std::fs::read_to_string(root().join("docs/examples/shili.toml")).expect("shili");
    let from = "[uses.net_profit]\nperiod = \"运营机构上一年度即评价周期的财务报表中的净利润\"\nperiod_en = \"The operator's net profit in its accounts for the previous year, the evaluation period\"\n";
    assert_eq!(text.matches(from).count(), 1);
    let changed = text.replacen(from, "[uses.net_profit]\n", 1);
    let problems = check_source("shili.toml", &changed, &library()).expect_err("an empty [uses]");
    assert_problem(&problems, &["[uses.net_profit]", "given = true"]);
    // `given = true` alone is a whole entry.
    let given = text.replacen(from, "[uses.net_profit]\ngiven = true\n", 1);
    let rubrics = check_source("shili.toml", &given, &library()).unwrap_or_else(|p| panic!("{p}"));
    let field = rubrics
        .first()
        .and_then(|r| r.field("net_profit"))
        .expect("the field");
    assert!(field.given());
}

#[test]
fn a_worked_example_the_file_carries_must_score_as_it_says() {
    let path = root().join("tests/advice/rubrics/annual-targets.toml");
    let text = std::fs::read_to_string(&path).expect("the test rubric");
    check_source("annual-targets.toml", &text, &library()).unwrap_or_else(|p| panic!("{p}"));
    let wrong = text.replacen(
        "items = { \"new-residents\" = \"0.583\"",
        "items = { \"new-residents\" = \"0.58\"",
        1,
    );
    assert_ne!(wrong, text);
    let problems = check_source("annual-targets.toml", &wrong, &library())
        .expect_err("an example that does not score as it says");
    assert_problem(
        &problems,
        &[
            "worked example “完成 7 家",
            "item new-residents scores 0.583",
            "the example says 0.58",
        ],
    );
    let zh = problems.text(Lang::Zh);
    assert!(
        zh.contains("指标 new-residents 按本文件的规则得 0.583 分，示例写的是 0.58 分"),
        "{zh}"
    );
    let unknown = text.replacen(
        "at_talent_target = \"5\" }",
        "at_talent_target = \"5\", nope = \"1\" }",
        1,
    );
    let problems =
        check_source("annual-targets.toml", &unknown, &library()).expect_err("an unknown field");
    assert_problem(&problems, &["fills `nope`"]);
}
