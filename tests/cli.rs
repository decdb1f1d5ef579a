use std::io::Write;

use spacescore_cli::{run, CliError};

/// Runs the command in-process: (result, stdout, stderr).
pub(crate) fn spacescore(args: &[&str], stdin: &str) -> (Result<(), CliError>, String, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let mut input = stdin.as_bytes();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let result = run(&args, &mut input, &mut out, &mut err);
    (
        result,
        String::from_utf8(out).expect("utf-8"),
        String::from_utf8(err).expect("utf-8"),
    )
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("spacescore-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write temp file");
    path
}

#[test]
fn list_prints_every_id_a_tab_and_the_chinese_name() {
    let (r, out, _) = spacescore(&["list"], "");
    assert!(r.is_ok());
    let lines: Vec<&str> = out.lines().collect();
    // Every rubric of every rubric file in `rubrics/`, read from its source here: in the order
    // of the files' names, then as each file defines them.
    let library = spacescore_core::check::Library::shared().expect("the shared dictionary");
    let dir = spacescore_tests::workspace_root().join("rubrics");
    let expected: Vec<String> = spacescore_tests::toml_files(&dir)
        .iter()
        .filter(|p| !p.ends_with("fields.toml") && !p.ends_with("policies.toml"))
        .flat_map(|p| {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{name}: {e}"));
            spacescore_core::check::check_source(&name, &text, &library)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .map(|r| format!("{}\t{}", r.id(), r.name().zh))
        .collect();
    assert!(!expected.is_empty(), "{} holds rubric files", dir.display());
    assert_eq!(lines, expected);
    assert!(lines.iter().all(|l| l.split('\t').count() == 2));
}

#[test]
fn describe_prints_the_rubric_with_decimal_strings() {
    let (r, out, _) = spacescore(&["describe", "xinxiang/professional"], "");
    assert!(r.is_ok());
    let d = json(&out);
    assert_eq!(d["id"], "xinxiang/professional");
    assert_eq!(d["base_max"], "100");
    assert_eq!(d["bonus_max"], "20");
    assert!(d["title"].as_str().is_some_and(|t| t.contains("新乡")));
    let items = d["items"].as_array().expect("items");
    let fund = items
        .iter()
        .find(|i| i["id"] == "incubation-fund")
        .expect("incubation-fund");
    assert_eq!(fund["max"], "10");
    assert_eq!(fund["bonus"], false);
    assert!(fund["source_text"]
        .as_str()
        .is_some_and(|t| t.starts_with("孵化基金")));
    assert_eq!(fund["inputs"][0]["field"], "incubation_fund");
    assert_eq!(fund["inputs"][0]["kind"], "amount");
    assert_eq!(fund["inputs"][0]["unit"], "万元");
    let contest = items
        .iter()
        .find(|i| i["id"] == "contest")
        .expect("contest");
    assert_eq!(contest["bonus"], true);
    assert!(d["groups"].as_array().is_some_and(|g| g
        .iter()
        .all(|g| g["name"].is_string() && g["max"].is_string())));
}

#[test]
fn score_reads_json_numbers_exactly_and_reports_field_errors_in_the_output() {
    let input = r#"{"graduates_hired": 7, "graduate_startups": "3", "incubation_fund": 180.0,
                    "events": -2, "mentors": null, "score.regional": {"x": 1}, "not_a_field": 3}"#;
    let (r, out, _) = spacescore(&["score", "xinxiang/comprehensive"], input);
    assert!(r.is_ok(), "field errors do not fail the command");
    let rep = json(&out);
    let item = |id: &str| {
        rep["items"]
            .as_array()
            .and_then(|a| a.iter().find(|i| i["id"] == id))
            .cloned()
            .expect(id)
    };
    assert_eq!(item("graduates")["score"], "4.4", "3 + 7 × 0.2, exactly");
    assert_eq!(item("incubation-fund")["score"], "7");
    assert_eq!(
        item("events")["score"],
        serde_json::Value::Null,
        "a negative count shows no score"
    );
    let errors = rep["errors"].as_array().expect("errors");
    let fields: Vec<&str> = errors.iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["events", "score.regional"]);
    assert!(errors[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("不能为负数")));
    assert!(
        rep["missing"]
            .as_array()
            .is_some_and(|m| m.iter().any(|f| f == "mentors")),
        "null is not given"
    );
    assert_eq!(rep["ignored"], serde_json::json!(["not_a_field"]));
    assert_eq!(rep["complete"], false);
    assert_eq!(rep["grade"], serde_json::Value::Null);
    assert_eq!(rep["vetoed"], false);
    assert_eq!(rep["complete"], false);
    for key in ["base", "bonus", "total", "veto_reasons"] {
        assert!(rep.get(key).is_some(), "{key}");
    }
}

#[test]
fn score_reads_a_file_and_standard_input_alike() {
    let path = temp_file("in.json", "{\"site_area\": \"1,200\"}".as_bytes());
    let (r, from_file, _) = spacescore(
        &[
            "score",
            "inner-mongolia/maker-space",
            path.to_str().expect("path"),
        ],
        "",
    );
    assert!(r.is_ok());
    let (_, from_stdin, _) = spacescore(
        &["score", "inner-mongolia/maker-space", "-"],
        "{\"site_area\": \"1,200\"}",
    );
    assert_eq!(from_file, from_stdin);
    assert_eq!(json(&from_file)["base"], "2");
}

#[test]
fn an_unreadable_input_fails_with_exit_code_one() {
    for bad in ["", "[1, 2]", "{\"site_area\": ", "not json"] {
        let (r, _, _) = spacescore(&["score", "inner-mongolia/maker-space"], bad);
        let e = r.expect_err(bad);
        assert_eq!(e.exit_code(), 1, "{bad}: {e}");
    }
    let (r, _, _) = spacescore(
        &[
            "score",
            "inner-mongolia/maker-space",
            "/nonexistent/in.json",
        ],
        "",
    );
    assert_eq!(r.expect_err("missing file").exit_code(), 1);
}

#[test]
fn usage_mistakes_exit_with_two() {
    for args in [
        &["score"][..],
        &["frobnicate"],
        &[],
        &["describe", "atlantis/x"],
        &["batch", "shanxi/annual-report"],
    ] {
        let (r, _, _) = spacescore(args, "");
        assert_eq!(r.expect_err("usage").exit_code(), 2, "{args:?}");
    }
}

#[test]
fn extra_arguments_are_a_usage_error_with_the_usage_never_ignored() {
    let input = temp_file("extra.json", b"{}");
    let input = input.to_str().expect("path");
    let cases: &[(&[&str], &str)] = &[
        (&["list", "extra"], "Usage: spacescore list"),
        (
            &["describe", "xinxiang/professional", "extra"],
            "Usage: spacescore describe",
        ),
        (
            &["score", "xinxiang/professional", input, "extra"],
            "Usage: spacescore score",
        ),
        (
            &["score", "xinxiang/professional", "-", "-"],
            "Usage: spacescore score",
        ),
        (
            &["template", "xinxiang/professional", "a", "b"],
            "Usage: spacescore template",
        ),
        // `batch` takes several files (filings read into one table): a second file is no
        // extra argument.
        (
            &["compile", input, "extra", "-o", "out"],
            "Usage: spacescore compile",
        ),
    ];
    for (args, usage) in cases {
        let (r, out, _) = spacescore(args, "{}");
        let e = r.expect_err(&format!("{args:?} was accepted"));
        assert_eq!(e.exit_code(), 2, "{args:?}: {e}");
        let m = e.to_string();
        assert!(m.contains(usage), "{args:?}: {m}");
        assert!(out.is_empty(), "{args:?} printed {out}");
    }
    // The unexpected argument is quoted, escaped, in the message.
    let (r, _, _) = spacescore(
        &["describe", "xinxiang/professional", "x\u{1b}[31m\u{202e}"],
        "",
    );
    let m = r.expect_err("extra").to_string();
    assert!(m.contains("'x\\u{1b}[31m\\u{202e}'"), "{m}");
    assert!(!m.chars().any(|c| c.is_control() && c != '\n'), "{m:?}");
    let (r, _, _) = spacescore(&["list", "\u{7}"], "");
    let m = r.expect_err("extra").to_string();
    assert!(m.contains("\\u{7}") && !m.contains('\u{7}'), "{m:?}");
}

#[test]
fn an_input_document_is_read_by_the_core_reader_and_unreadable_ones_say_why() {
    let cases: &[(&[u8], &str)] = &[
        (br#"{"events":"1","events":"2"}"#, "`events` is given twice"),
        (b"{\"site_area\":\"\xBC\xD7\"}", "offset 14"),
        (
            br#"{"events":"\ud800"}"#,
            "the value of `events` holds a lone surrogate",
        ),
        (
            br#"{"format":"spacescore/999","values":{}}"#,
            "this version reads spacescore/1",
        ),
    ];
    for (bytes, says) in cases {
        let path = temp_file("doc.json", bytes);
        let args: Vec<String> = [
            "score",
            "inner-mongolia/maker-space",
            path.to_str().expect("path"),
        ]
        .iter()
        .map(|a| a.to_string())
        .collect();
        let e =
            run(&args, &mut &b""[..], &mut Vec::new(), &mut Vec::new()).expect_err("unreadable");
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().contains(says), "{e}");
    }
    // A byte-order mark is fine.
    let path = temp_file("bom.json", b"\xEF\xBB\xBF{\"site_area\":\"600\"}");
    let (r, out, _) = spacescore(
        &[
            "score",
            "inner-mongolia/maker-space",
            path.to_str().expect("path"),
        ],
        "",
    );
    assert!(r.is_ok());
    assert_eq!(json(&out)["items"][0]["score"], "2");
}

#[test]
fn batch_scores_every_row_and_reports_a_bad_one_by_its_row_number() {
    let csv = "name,site_area,workstations,mentors,resident_companies,resident_teams\n\
               甲空间,1200,25,7,8,13\n\
               乙空间,abc,45,2,20,0\n\
               丙空间,600,3\n\
               丁空间,\"10,000\",40,10,1,1\n";
    let path = temp_file("district.csv", csv.as_bytes());
    let (r, out, err) = spacescore(
        &[
            "batch",
            "inner-mongolia/maker-space",
            path.to_str().expect("path"),
        ],
        "",
    );
    assert!(r.is_ok());
    let mut rows = csv_rows(&out);
    let header = rows.remove(0);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    assert_eq!(rows.len(), 4, "every row has a result row");
    let jia = &rows[0];
    assert_eq!(jia[col("name")], "甲空间");
    assert_eq!(jia[col("service-area")], "2");
    assert_eq!(jia[col("workstations")], "2");
    assert_eq!(jia[col("mentor-count")], "3");
    assert_eq!(jia[col("residents")], "14", "8 + floor(13 / 2)");
    let yi = &rows[1];
    assert_eq!(
        yi[col("service-area")],
        "",
        "a bad cell leaves its item unscored"
    );
    assert!(yi[col("errors")].contains("site_area"));
    assert_eq!(
        yi[col("residents")],
        "15",
        "the rest of the row still scores (capped)"
    );
    let bing = &rows[2];
    assert_eq!(bing[col("row")], "4");
    assert!(bing[col("problem")].contains("3 cells"));
    assert!(err.contains("row 4"), "{err}");
    assert_eq!(rows[3][col("service-area")], "4");
}

#[test]
fn batch_reads_a_gb18030_csv_as_excel_saves_it() {
    let text = "name,site_area\n甲空间,500\n";
    let (bytes, _, _) = encoding_rs_free_gb18030(text);
    let path = temp_file("gbk.csv", &bytes);
    let (r, out, _) = spacescore(
        &[
            "batch",
            "inner-mongolia/maker-space",
            path.to_str().expect("path"),
        ],
        "",
    );
    assert!(r.is_ok());
    assert!(out.contains("甲空间"), "{out}");
}

#[test]
fn batch_of_a_form_reports_warnings_and_no_totals() {
    let csv = "site_area,used_area_residents,public_area\n100,80,40\n";
    let path = temp_file("form.csv", csv.as_bytes());
    let (r, out, _) = spacescore(
        &[
            "batch",
            "shanxi/annual-report",
            path.to_str().expect("path"),
        ],
        "",
    );
    assert!(r.is_ok());
    let rows = csv_rows(&out);
    assert!(!rows[0].contains(&"total".to_string()));
    let w = rows[0]
        .iter()
        .position(|h| h == "warnings")
        .expect("warnings column");
    assert!(!rows[1][w].is_empty(), "80 + 40 > 100 is warned about");
}

#[test]
fn template_prints_a_header_batch_accepts() {
    let (r, out, _) = spacescore(&["template", "xinxiang/comprehensive"], "");
    assert!(r.is_ok());
    let header = csv_rows(&out).remove(0);
    assert_eq!(header[0], "name");
    assert!(header.contains(&"incubation_fund".to_string()));
    assert!(header.contains(&"score.regional".to_string()));
    assert!(header.contains(&"veto_late_or_false".to_string()));
}

/// The example rubric of docs/ (one rubric), copied to a temporary file `name`: its path.
fn example_rubric(name: &str) -> String {
    let text = std::fs::read(spacescore_tests::workspace_root().join("docs/examples/shili.toml"))
        .expect("the example rubric");
    temp_file(name, &text).to_string_lossy().into_owned()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines().map(split_csv_line).collect()
}

/// Splits one CSV line (quotes allowed, no embedded newlines).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().expect("cell").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().expect("cell").push(c),
        }
    }
    out
}

/// GB18030 bytes of a short text without an encoder dependency: the two ideographs used
/// here and ASCII.
fn encoding_rs_free_gb18030(text: &str) -> (Vec<u8>, (), ()) {
    let mut out = Vec::new();
    for c in text.chars() {
        match c {
            '甲' => out.extend([0xBC, 0xD7]),
            '空' => out.extend([0xBF, 0xD5]),
            '间' => out.extend([0xBC, 0xE4]),
            c if c.is_ascii() => out.push(c as u8),
            other => panic!("no GB18030 bytes for {other} here"),
        }
    }
    (out, (), ())
}

#[test]
fn a_rubric_file_in_any_folder_is_checked_listed_and_scored_with_no_code_change() {
    // The example rubric of docs/, copied to a temporary folder as an official's own file.
    let text = std::fs::read(spacescore_tests::workspace_root().join("docs/examples/shili.toml"))
        .expect("the example rubric");
    let path = temp_file("my-city.toml", &text);
    let file = path.to_string_lossy().to_string();
    let (r, out, _) = spacescore(&["check", &file], "");
    assert!(r.is_ok(), "{out}");
    let id = out
        .split(": ok: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("check names the rubric it found")
        .to_string();
    let (r, out, _) = spacescore(&["list", "--rubric", &file], "");
    assert!(r.is_ok());
    assert!(
        out.lines().any(|l| l.starts_with(&format!("{id}\t"))),
        "{out}"
    );
    // Its id may be left out where the file defines one rubric.
    let (r, out, _) = spacescore(&["score", "--rubric", &file], "{}");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(json(&out)["rubric"], id.as_str());
    let (r, out, _) = spacescore(&["template", "--rubric", &file], "");
    assert!(r.is_ok());
    assert!(out.starts_with("name,"), "{out}");
    // And it scores exactly as the library scores it.
    let library = spacescore_core::check::Library::shared().expect("library");
    let rubrics =
        spacescore_core::check::check_bytes(&file, &text, &library).expect("the file checks");
    let inputs = r#"{"mentors": "9", "site_area": "999.5"}"#;
    let (r, out, _) = spacescore(&["score", "--rubric", &file, &id, "-"], inputs);
    assert!(r.is_ok());
    let report =
        spacescore_core::score(&rubrics[0], &serde_json::from_str(inputs).expect("inputs"));
    assert_eq!(
        json(&out)["total"],
        report
            .total
            .map(spacescore_core::fmt_dec)
            .unwrap_or_default()
    );
}

#[test]
fn check_reports_every_file_even_after_one_that_cannot_be_read() {
    let good = example_rubric("good.toml");
    let good = good.as_str();
    let missing = "/nonexistent/missing.toml";
    let (r, out, err) = spacescore(&["check", good, missing, good], "");
    let e = r.expect_err("a file is missing");
    assert_eq!(e.exit_code(), 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with(&format!("{good}: ok: ")), "{out}");
    assert_eq!(
        lines[1],
        format!("cannot read {missing}: No such file or directory (os error 2)")
    );
    assert!(
        lines[2].starts_with(&format!("{good}: ok: ")),
        "the file after it: {out}"
    );
    assert_eq!(err, "1 problem(s) in 1 file(s)\n");
    let (r, out, err) = spacescore(&["check", "--lang", "zh", missing, good], "");
    assert_eq!(r.expect_err("missing").exit_code(), 1);
    assert!(
        out.starts_with(&format!("{missing}：无法读取（No such file")),
        "{out}"
    );
    assert_eq!(err, "1 个文件共有 1 个问题\n");
}

#[test]
fn messages_name_a_file_by_its_whole_path() {
    let deep = std::env::temp_dir()
        .join(format!("spacescore-cli-test-{}", std::process::id()))
        .join("二〇二四年度众创空间绩效评价的各区县报送材料汇总（第二批）");
    std::fs::create_dir_all(&deep).expect("a deep folder");
    let path = deep.join("新乡市红旗区.csv");
    std::fs::write(&path, "name,events,evnets\n甲,1,1\n").expect("written");
    let whole = path.to_str().expect("path");
    assert!(whole.chars().count() > spacescore_core::text::QUOTE_LIMIT + 20);
    let (r, _, _) = spacescore(&["batch", "xinxiang/professional", whole], "");
    let m = r.expect_err("not a field").to_string();
    assert!(
        m.contains(&format!("column(s) of {whole} are not fields")),
        "{m}"
    );
    for args in [
        vec!["score", "xinxiang/professional", whole],
        vec!["check", whole],
        vec!["list", "--rubric", whole],
    ] {
        let (r, out, _) = spacescore(&args, "");
        let said = format!("{out}{}", r.expect_err("not JSON, not a rubric"));
        assert!(said.contains(whole), "{args:?}: {said}");
    }
    // A value a person typed is still quoted short.
    let long_id = "x".repeat(100);
    let (r, _, _) = spacescore(&["describe", &long_id], "");
    let m = r.expect_err("unknown").to_string();
    assert!(m.contains("…（共 100 字符 / 100 characters）"), "{m}");
}

#[test]
fn twenty_thousand_columns_that_are_not_fields_make_a_short_message() {
    let mut header = String::from("name,events");
    for i in 0..20_000 {
        header.push_str(&format!(",extra{i}"));
    }
    let row = format!("甲,3{}", ",1".repeat(20_000));
    let path = temp_file("wide.csv", format!("{header}\n{row}\n").as_bytes());
    let path = path.to_str().expect("path");
    let (r, _, _) = spacescore(&["batch", "xinxiang/professional", path], "");
    let m = r.expect_err("not fields").to_string();
    assert!(m.len() < 4000, "{} bytes", m.len());
    assert!(m.contains("20000 column(s) of"), "{m}");
    assert!(m.contains("  column C `extra0`: no field is close"), "{m}");
    assert!(m.contains("  column L `extra9`"), "{m}");
    assert!(!m.contains("extra10`"), "only ten are named: {m}");
    assert!(m.contains("\n  … and 19990 more\n"), "{m}");
    // Copied through, the note is one short line too.
    let (r, _, err) = spacescore(
        &["batch", "xinxiang/professional", path, "--allow-unknown"],
        "",
    );
    assert!(r.is_ok(), "{r:?}");
    let note = err.lines().next().expect("a note");
    assert!(note.len() < 400, "{note}");
    assert!(
        note.ends_with("`extra8`, `extra9`, … and 19990 more"),
        "{note}"
    );
    // And 20,000 columns of one header.
    let header = format!("name{}", ",events".repeat(20_000));
    let path = temp_file(
        "same.csv",
        format!("{header}\n甲{}\n", ",1".repeat(20_000)).as_bytes(),
    );
    let (r, _, _) = spacescore(
        &[
            "batch",
            "xinxiang/professional",
            path.to_str().expect("path"),
        ],
        "",
    );
    let m = r.expect_err("a column many times").to_string();
    assert_eq!(
        m,
        "columns B, C, D, E, F, G, H, I, J, K, … and 19990 more all have the header `events`: keep one"
    );
}

#[test]
fn an_id_a_rubric_file_does_not_define_is_not_taken_for_an_input_file() {
    let file = example_rubric("one-rubric.toml");
    let file = file.as_str();
    for command in ["score", "describe", "template"] {
        let (r, _, _) = spacescore(&[command, "--rubric", file, "wrong/id"], "{}");
        let e = r.expect_err("not a rubric of the file");
        assert_eq!(e.exit_code(), 2, "{command}");
        assert_eq!(
            e.to_string(),
            format!("`wrong/id` is not a rubric of the --rubric file(s) ({file} defines shili/maker-space), nor a built-in rubric (`spacescore list` shows them), nor a file"),
            "{command}"
        );
    }
    // Its own id, and a file after a left-out id, still work.
    let (r, _, _) = spacescore(&["score", "--rubric", file, "shili/maker-space"], "{}");
    assert!(r.is_ok(), "{r:?}");
    let input = temp_file("in.json", b"{}");
    let (r, _, _) = spacescore(
        &["score", "--rubric", file, input.to_str().expect("path")],
        "",
    );
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn publish_removes_the_stale_compressed_copies_of_what_it_rewrites_and_nothing_else() {
    // A site built by `cargo xtask dist` carries NAME.gz and NAME.br beside its files, which
    // hosts send instead of NAME: after `publish`, the index's copies would list the old
    // rubrics.
    let site = std::env::temp_dir().join(format!("spacescore-cli-publish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    let rubrics = site.join("rubrics");
    std::fs::create_dir_all(rubrics.join("xinxiang")).expect("site");
    let stale = [
        rubrics.join("index.json.gz"),
        rubrics.join("index.json.br"),
        rubrics.join("xinxiang").join("professional.bin.br"),
    ];
    let others = [site.join("style.css.gz"), rubrics.join("notes.txt.br")];
    for f in stale.iter().chain(&others) {
        std::fs::write(f, b"old").expect("write");
    }
    let rubric = spacescore_builtin::catalog()
        .rubric("xinxiang/professional")
        .expect("built in")
        .clone();
    let json = spacescore_cli::publish::publish(&site, &[rubric]).expect("published");
    assert!(json.contains("xinxiang/professional"));
    for f in &stale {
        assert!(!f.exists(), "{} is stale and must go", f.display());
    }
    for f in &others {
        assert_eq!(
            std::fs::read(f).expect("kept"),
            b"old",
            "{} is not publish's",
            f.display()
        );
    }
    let _ = std::fs::remove_dir_all(&site);
}
