use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use spacescore_cli::run;
use spacescore_core::{fmt_dec, score_with, Detail, FieldKind, Method, Value};
use spacescore_sheets::{MAX_CELL, MAX_SHARED_STRINGS, MAX_UNPACKED};
use spacescore_tests::sheets::{
    fixture, fixtures, raw_workbook, row, subject, typo, with_declared_size, Expect, Fixture,
    Subject, SPACES,
};

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("spacescore-batch-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir().join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

fn pa(p: &Path) -> String {
    p.display().to_string()
}

/// Runs the command: (exit code, stdout, stderr).
fn spacescore(args: &[String]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = match run(args, &mut std::io::empty(), &mut out, &mut err) {
        Ok(()) => 0,
        Err(e) => {
            err.extend(format!("spacescore: {e}\n").bytes());
            e.exit_code()
        }
    };
    (
        code,
        String::from_utf8(out).expect("utf-8 out"),
        String::from_utf8(err).expect("utf-8 err"),
    )
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| a.to_string()).collect()
}

/// The output CSV as (header, rows).
fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.expect("csv").iter().map(str::to_string).collect())
        .collect();
    assert!(!rows.is_empty(), "no header in {text}");
    let header = rows.remove(0);
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

fn check(f: &Fixture, s: &Subject) {
    let name = f.name;
    let path = file(&f.file, &f.bytes);
    let mut a = args(&["batch", s.id(), &pa(&path)]);
    a.extend(args(&f.args));
    let (code, out, err) = spacescore(&a);
    match &f.expect {
        Expect::Scored(rows, phrases) => {
            assert_eq!(code, 0, "{name}: {err}");
            let (header, got) = table(&out);
            assert_eq!(
                got.len(),
                rows.len(),
                "{name}: one result row per space\n{out}\n{err}"
            );
            for ((row, space, values), line) in rows.iter().zip(&got) {
                assert_eq!(
                    line[col(&header, "row")],
                    row.to_string(),
                    "{name}: row of {space}"
                );
                assert_eq!(line[col(&header, "name")], *space, "{name}");
                assert_eq!(
                    line[col(&header, "total")],
                    s.total(values),
                    "{name}: {space}"
                );
                assert_eq!(line[col(&header, "problem")], "", "{name}: {space}");
            }
            for p in phrases {
                assert!(err.contains(p), "{name}: stderr lacks {p:?}:\n{err}");
            }
        }
        Expect::Refused(want, phrases) => {
            assert_eq!(code, *want, "{name}: {err}");
            assert_eq!(out, "", "{name}: nothing is written");
            for p in phrases {
                assert!(err.contains(p), "{name}: stderr lacks {p:?}:\n{err}");
            }
        }
        Expect::Own => {}
    }
}

#[test]
fn hostile_spreadsheets_are_scored_exactly_or_refused_with_their_place() {
    let s = subject();
    let mut checked = 0;
    for f in fixtures(&s) {
        if !matches!(f.expect, Expect::Own) {
            check(&f, &s);
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} cases");

    // A quoted newline stays in its cell and its row.
    let f = fixture(&s, "quoted newline");
    let (code, out, _) = spacescore(&args(&["batch", s.id(), &pa(&file(&f.file, &f.bytes))]));
    assert_eq!(code, 0);
    let (h, rows) = table(&out);
    assert_eq!(
        (
            rows[0][col(&h, "row")].as_str(),
            rows[0][col(&h, "name")].as_str()
        ),
        ("2", "甲\n空间")
    );
    assert_eq!(
        rows[1][col(&h, "row")],
        "3",
        "the row after a quoted newline"
    );
}

#[test]
fn rows_that_cannot_be_scored_are_named_and_kept() {
    let s = subject();
    let a = s.fields[0].clone();
    let f = fixture(&s, "rows");
    let (code, out, err) = spacescore(&args(&["batch", s.id(), &pa(&file(&f.file, &f.bytes))]));
    assert_eq!(code, 0, "{err}");
    let (h, rows) = table(&out);
    assert_eq!(rows.len(), 4, "every row has a result row");
    assert_eq!(rows[0][col(&h, "total")], s.total(&["600", "30", "12"]));
    // A bad cell: its field's error names the column, the rest of the row scores.
    assert!(
        rows[1][col(&h, "errors")].starts_with(&format!("{a} (B): ")),
        "{:?}",
        rows[1]
    );
    assert_eq!(rows[1][col(&h, "total")], s.total(&["", "45", "2"]));
    // Too few cells, and a value under no header: not scored, said why, on stderr too.
    assert!(rows[2][col(&h, "problem")].contains("has 2 cells but the header has 5"));
    assert_eq!(rows[2][col(&h, "total")], "");
    assert!(rows[3][col(&h, "problem")].contains("column E has no header but holds `stray`"));
    assert!(err.contains("row 4: has 2 cells"), "{err}");
    assert!(err.contains("row 5: column E"), "{err}");
    assert!(
        err.contains(
            "4 rows read: 2 scored (1 with field errors), 2 skipped (0 blank, 2 unreadable)"
        ),
        "{err}"
    );
}

#[test]
fn formulas_are_neutralised_and_columns_never_collide() {
    let s = subject();
    let f = fixture(&s, "inject");
    let path = file(&f.file, &f.bytes);
    let (code, _, err) = spacescore(&args(&["batch", s.id(), &pa(&path)]));
    assert_eq!(code, 1, "unknown columns are refused by default");
    assert!(err.contains("`total`") && err.contains("`note`"), "{err}");
    let (code, out, err) = spacescore(&args(&["batch", s.id(), &pa(&path), "--allow-unknown"]));
    assert_eq!(code, 0, "{err}");
    let (h, rows) = table(&out);
    assert_eq!(
        rows[0][col(&h, "name")],
        "'=HYPERLINK(\"http://evil\",\"x\")"
    );
    assert_eq!(rows[1][col(&h, "name")], "'@SUM(A1)");
    assert_eq!(
        rows[0][col(&h, "note")],
        "-5",
        "a plain negative number is a number"
    );
    assert_eq!(rows[1][col(&h, "note")], "'+1");
    assert_eq!(rows[0][col(&h, "input:total")], "99");
    assert_eq!(rows[0][col(&h, "input:row")], "7");
    assert_eq!(rows[0][col(&h, "input:errors")], "none");
    assert_eq!(rows[0][col(&h, "total")], s.total(&["600", "30", "12"]));
    let mut names = h.clone();
    names.sort();
    names.dedup();
    assert_eq!(
        names.len(),
        h.len(),
        "no two output columns share a name: {h:?}"
    );
    assert!(err.contains("`total` is written as `input:total`"), "{err}");
    assert!(
        err.contains("copied through unchanged: `total`, `row`, `errors`, `note`"),
        "{err}"
    );
}

fn cell_blank(v: &Value) -> bool {
    match v {
        Value::Text(t) => t.trim().is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Bool(_) => false,
    }
}

#[test]
fn every_worked_example_scores_the_same_through_batch() {
    // One CSV row per worked example (built-in rubrics), each equal to the engine.
    let catalog = spacescore_builtin::catalog();
    for (name, file_) in spacescore_tests::load_examples() {
        if file_.rubric_file.is_some() {
            continue;
        }
        for case in &file_.cases {
            let id = case.rubric.as_deref().unwrap_or(&file_.rubric);
            let Ok(r) = catalog.rubric(id) else { continue };
            let inputs = spacescore_tests::to_inputs(&case.inputs);
            let fields: Vec<&String> = inputs.keys().filter(|k| r.field(k).is_some()).collect();
            if fields.iter().all(|f| cell_blank(&inputs[*f])) {
                continue;
            }
            let cell = |v: &Value| match v {
                Value::Text(t) => t.clone(),
                Value::Bool(true) => "是".into(),
                Value::Bool(false) => "否".into(),
                Value::List(l) => l.join("、"),
            };
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(fields.iter().map(|f| f.as_str()))
                .expect("csv");
            w.write_record(fields.iter().map(|f| cell(&inputs[*f])))
                .expect("csv");
            let bytes = w.into_inner().expect("csv");
            let path = file("example.csv", &bytes);
            let (code, out, err) = spacescore(&args(&["batch", id, &pa(&path)]));
            assert_eq!(code, 0, "{name} / {}: {err}", case.name);
            let (h, rows) = table(&out);
            let report = score_with(r, &inputs, Detail::Scores);
            let dec = |d: Option<Decimal>| d.map(fmt_dec).unwrap_or_default();
            for item in &report.items {
                assert_eq!(
                    rows[0][col(&h, &item.id)],
                    dec(item.score),
                    "{name} / {}: {}",
                    case.name,
                    item.id
                );
            }
            if r.method() != Method::Form {
                assert_eq!(
                    rows[0][col(&h, "total")],
                    dec(report.total),
                    "{name} / {}",
                    case.name
                );
            }
        }
    }
}

#[test]
fn xlsx_in_and_out() {
    let s = subject();
    let a = s.fields[0].clone();
    let f = fixture(&s, "district xlsx");
    let path = file(&f.file, &f.bytes);
    // The first sheet is not the data: say which sheets there are.
    let (code, _, err) = spacescore(&args(&["batch", s.id(), &pa(&path)]));
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = spacescore(&args(&["batch", s.id(), &pa(&path), "--sheet", "nope"]));
    assert_eq!(code, 2);
    assert!(err.contains("its sheets: notes, spaces"), "{err}");

    let (code, out, err) = spacescore(&args(&["batch", s.id(), &pa(&path), "--sheet", "spaces"]));
    assert_eq!(code, 0, "{err}");
    let (h, rows) = table(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][col(&h, "total")], s.total(&["600", "30", "12"]));
    assert_eq!(
        (
            rows[1][col(&h, "row")].as_str(),
            rows[1][col(&h, "name")].as_str()
        ),
        ("4", "乙空间")
    );
    assert!(
        rows[1][col(&h, "errors")].contains("2024-03-04"),
        "the date as Excel shows it: {:?}",
        rows[1]
    );
    assert_eq!(rows[1][col(&h, "total")], s.total(&["", "45", ""]));
    assert_eq!(rows[2][col(&h, "name")], "'=cmd|' /C calc'!A0");
    assert_eq!(rows[2][col(&h, "total")], s.total(&["0.1", "", ""]));
    assert!(
        err.contains("sheet `spaces`") || err.contains("sheet spaces"),
        "{err}"
    );
    assert!(
        err.contains(
            "4 rows read: 3 scored (1 with field errors), 1 skipped (1 blank, 0 unreadable)"
        ),
        "{err}"
    );

    // Out as .xlsx: results, items and errors sheets, numbers as numbers.
    let out_path = dir().join("scores.xlsx");
    let (code, stdout, err) = spacescore(&args(&[
        "batch",
        s.id(),
        &pa(&path),
        "--sheet",
        "spaces",
        "-o",
        &pa(&out_path),
    ]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{err}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out_path).expect("open results");
    assert_eq!(
        book.sheet_names(),
        ["results", "items", "errors", "summary"]
    );
    let results = book.worksheet_range("results").expect("results");
    let header: Vec<String> = results
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let total = col(&header, "total");
    let first = results.rows().nth(1).expect("row");
    assert_eq!(first[0], calamine::Data::Float(2.0));
    assert_eq!(first[total].to_string(), s.total(&["600", "30", "12"]));
    assert_eq!(
        results.rows().nth(3).expect("row")[1],
        calamine::Data::String("=cmd|' /C calc'!A0".into()),
        "text in a workbook is text, never a formula"
    );
    let items = book.worksheet_range("items").expect("items");
    let item_header: Vec<String> = items
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    for item in s.rubric.items() {
        assert!(
            item_header.contains(&item.id().to_string()),
            "{}",
            item.id()
        );
    }
    let errors = book.worksheet_range("errors").expect("errors");
    let e: Vec<String> = errors
        .rows()
        .nth(1)
        .expect("an error")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        (e[0].as_str(), e[1].as_str(), e[2].as_str()),
        ("4", "B", a.as_str())
    );
}

#[test]
fn an_output_file_appears_only_when_the_batch_is_done() {
    let s = subject();
    let bad = file(
        "bad.csv",
        format!("name,{}\n甲,1\n", typo(&s.fields[0])).as_bytes(),
    );
    let out = dir().join("never.csv");
    let (code, _, _) = spacescore(&args(&["batch", s.id(), &pa(&bad), "-o", &pa(&out)]));
    assert_eq!(code, 1);
    assert!(!out.exists(), "no half-written results");
    let good = file("good.csv", s.table(&SPACES, ",", "\n").as_bytes());
    let (code, stdout, _) = spacescore(&args(&["batch", s.id(), &pa(&good), "-o", &pa(&out)]));
    assert_eq!((code, stdout.as_str()), (0, ""));
    let (_, rows) = table(&std::fs::read_to_string(&out).expect("written"));
    assert_eq!(rows.len(), 3);
    let (code, _, err) = spacescore(&args(&["batch", s.id(), &pa(&good), "-o", &pa(&good)]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is the input file"));
}

#[test]
fn the_xlsx_template_has_bilingual_headers_batch_reads_and_allowed_values() {
    let catalog = spacescore_builtin::catalog();
    for b in spacescore_builtin::all() {
        let r = catalog.rubric(b.id).expect("built-in");
        let path = dir().join(format!("{}.xlsx", b.id.replace('/', "-")));
        let (code, _, err) = spacescore(&args(&["template", b.id, "--xlsx", "-o", &pa(&path)]));
        assert_eq!(code, 0, "{}: {err}", b.id);
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("open");
        let sheet = book.worksheet_range("spaces").expect("spaces");
        let header: Vec<String> = sheet
            .rows()
            .next()
            .expect("header")
            .iter()
            .map(|c| c.to_string())
            .collect();
        let fields = spacescore_cli::template_fields(r);
        assert_eq!(header.len(), fields.len() + 1, "{}", b.id);
        for (cell, id) in header.iter().skip(1).zip(&fields) {
            let f = r.field(id).expect("field");
            let lines: Vec<&str> = cell.lines().collect();
            assert_eq!(
                lines.last(),
                Some(&id.as_str()),
                "{}: the id is the last line",
                b.id
            );
            assert!(lines[0].starts_with(&f.name().zh), "{}: {cell}", b.id);
            assert!(lines[1].starts_with(&f.name().en), "{}: {cell}", b.id);
        }
        let about = book.worksheet_range("fields").expect("fields");
        for row in about.rows().skip(1) {
            let id = row[0].to_string();
            let f = r.field(&id).expect("a field");
            let allowed = row[6].to_string();
            match f.kind() {
                FieldKind::Bool => assert_eq!(allowed, "是 / 否"),
                FieldKind::Choice(o) | FieldKind::Checklist(o) => {
                    assert!(
                        o.iter().all(|o| allowed.contains(&o.name().zh)),
                        "{id}: {allowed}"
                    )
                }
                _ => assert!(!allowed.is_empty()),
            }
        }
        // The empty template is a valid batch file: nothing to score, nothing refused.
        let (code, out, err) = spacescore(&args(&["batch", b.id, &pa(&path)]));
        assert_eq!(code, 0, "{}: {err}", b.id);
        assert!(err.contains("0 rows read"), "{err}");
        assert_eq!(out.lines().count(), 1, "a header only");
    }
    let first = spacescore_builtin::all().next().expect("a built-in rubric");
    let (code, _, err) = spacescore(&args(&["template", first.id, "--xlsx"]));
    assert_eq!(code, 2);
    assert!(err.contains("-o FILE.xlsx"));
}

/// The options `spacescore batch` takes after the file, for `spacescore-sheets`.
fn sheet_options(args: &[&str], door: spacescore_sheets::Door) -> spacescore_sheets::Options {
    spacescore_sheets::Options {
        sheet: args
            .iter()
            .position(|a| *a == "--sheet")
            .and_then(|i| args.get(i + 1))
            .map(|s| s.to_string()),
        allow_unknown: args.contains(&"--allow-unknown"),
        door,
        lang: spacescore_core::Lang::En,
    }
}

/// Reads a fixture as the district page does: from memory, every row kept. `name` is the
/// file's name in messages.
fn in_memory(
    f: &Fixture,
    name: &str,
    s: &Subject,
    door: spacescore_sheets::Door,
) -> Result<spacescore_sheets::Collect, spacescore_sheets::Error> {
    let mut rows = spacescore_sheets::Collect::default();
    spacescore_sheets::batch(
        &spacescore_sheets::Bytes {
            name,
            bytes: &f.bytes,
        },
        &s.rubric,
        &sheet_options(&f.args, door),
        &mut rows,
    )?;
    Ok(rows)
}

#[test]
fn read_from_memory_every_hostile_file_gives_the_cli_s_output_or_its_message() {
    let s = subject();
    let here = dir().join("in-memory");
    std::fs::create_dir_all(&here).expect("dir");
    for f in fixtures(&s) {
        let path = here.join(&f.file);
        std::fs::write(&path, &f.bytes).expect("write");
        let mut a = args(&["batch", s.id(), &pa(&path)]);
        a.extend(args(&f.args));
        let (code, out, err) = spacescore(&a);
        // Messages name the file as it was given.
        let name = pa(&path);
        match in_memory(&f, &name, &s, spacescore_sheets::Door::Cli) {
            Ok(rows) => {
                assert_eq!(
                    code, 0,
                    "{}: the CLI refused what memory read: {err}",
                    f.name
                );
                let csv = String::from_utf8(rows.csv().expect("csv")).expect("utf-8");
                assert_eq!(csv, out, "{}: the same CSV", f.name);
            }
            Err(e) => {
                assert_ne!(code, 0, "{}: memory refused what the CLI read: {e}", f.name);
                assert_eq!(format!("spacescore: {e}\n"), err, "{}", f.name);
                // The page says the same, naming its own controls instead of options.
                let page = in_memory(&f, &name, &s, spacescore_sheets::Door::Page)
                    .expect_err("refused through the page too")
                    .to_string();
                assert!(!page.contains("--allow-unknown"), "{}: {page}", f.name);
                assert!(!page.contains("spacescore template"), "{}: {page}", f.name);
                let cli = e.to_string();
                let cli_lines: Vec<&str> = cli.lines().collect();
                let page_lines: Vec<&str> = page.lines().collect();
                assert_eq!(cli_lines.len(), page_lines.len(), "{}", f.name);
                let differ = cli_lines
                    .iter()
                    .zip(&page_lines)
                    .filter(|(c, p)| c != p)
                    .count();
                assert!(
                    differ <= 1,
                    "{}: only the line naming an option differs:\n{cli}\n---\n{page}",
                    f.name
                );
            }
        }
    }
}

/// Scores a fixture a few rows at a time ([`spacescore_sheets::Steps`], what the district
/// page runs between frames), `n` rows a step.
fn stepped(
    f: &Fixture,
    s: &Subject,
    n: usize,
) -> Result<(spacescore_sheets::Collect, spacescore_sheets::Summary), spacescore_sheets::Error> {
    let opts = sheet_options(&f.args, spacescore_sheets::Door::Page);
    let source = spacescore_sheets::Bytes {
        name: &f.file,
        bytes: &f.bytes,
    };
    let mut steps = spacescore_sheets::Steps::read(&source, &s.rubric, &opts)?;
    let mut rows = spacescore_sheets::Collect::default();
    let mut calls = 0;
    while !steps.step(n, &mut rows)? {
        calls += 1;
        assert!(steps.done() <= steps.total(), "{}: {calls} steps", f.name);
    }
    assert_eq!(steps.done(), steps.total(), "{}: every row read", f.name);
    Ok((rows, steps.finish()?))
}

#[test]
fn a_batch_scored_a_few_rows_at_a_time_gives_what_it_gives_at_once() {
    let s = subject();
    for f in fixtures(&s) {
        let mut whole = spacescore_sheets::Collect::default();
        let at_once = spacescore_sheets::batch(
            &spacescore_sheets::Bytes {
                name: &f.file,
                bytes: &f.bytes,
            },
            &s.rubric,
            &sheet_options(&f.args, spacescore_sheets::Door::Page),
            &mut whole,
        );
        for n in [1, 2, 1000] {
            match (&at_once, stepped(&f, &s, n)) {
                (Ok(summary), Ok((rows, stepped_summary))) => {
                    assert_eq!(rows, whole, "{}, {n} a step: the same rows", f.name);
                    assert_eq!(&stepped_summary, summary, "{}, {n} a step", f.name);
                }
                (Err(e), Err(stepped_e)) => {
                    assert_eq!(stepped_e.text(), e.text(), "{}, {n} a step", f.name)
                }
                (a, b) => panic!("{}, {n} a step: at once {a:?}, stepped {b:?}", f.name),
            }
        }
    }
}

/// Every cell of every sheet of a workbook, as text.
fn cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a sheet");
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| format!("{c:?}")).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn the_workbook_written_from_memory_holds_what_the_cli_writes() {
    let s = subject();
    for name in ["district xlsx", "rows", "inject"] {
        let f = fixture(&s, name);
        let input = file(&f.file, &f.bytes);
        let out_path = dir().join(format!("{}-cli.xlsx", f.name.replace(' ', "-")));
        let mut a = args(&["batch", s.id(), &pa(&input), "-o", &pa(&out_path)]);
        a.extend(args(&f.args));
        let (code, _, err) = spacescore(&a);
        assert_eq!(code, 0, "{name}: {err}");
        let cli = cells(&std::fs::read(&out_path).expect("written"));
        let page = cells(
            &in_memory(&f, &f.file, &s, spacescore_sheets::Door::Page)
                .expect("read")
                .xlsx()
                .expect("written"),
        );
        assert_eq!(page, cli, "{name}");
        let results = &page[0].1;
        assert!(results.len() > 1, "{name}: rows under the header");
    }
}

/// A workbook of one sheet, `spaces`, holding the three fields' header and `rows`, with the
/// shared strings `shared`, if any.
fn book(s: &Subject, rows: &str, shared: Option<&str>) -> Vec<u8> {
    let [a, b, c] = &s.fields;
    let table = format!("{}{rows}", row(1, &["name", a, b, c]));
    raw_workbook(&[("spaces", table)], shared)
}

#[test]
fn workbooks_past_the_size_limits_are_refused_before_they_are_unpacked() {
    let s = subject();
    let a = &s.fields[0];
    let space = row(2, &["甲空间", "600", "30", "12"]);
    let long = "x".repeat(MAX_CELL + 1);
    let one_string = |attrs: &str, text: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {attrs}><si><t>{text}</t></si></sst>"#
        )
    };
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            // A 1.4 MB file holding one 1.5 GiB cell declares that size: refused unread.
            "a sheet that unpacks to 1.5 GiB",
            with_declared_size(&book(&s, &space, None), "xl/worksheets/sheet1.xml", 1536 << 20),
            format!(
                "unpacks to 1537 MiB, over the {} MiB an .xlsx file may unpack to",
                MAX_UNPACKED >> 20
            ),
        ),
        (
            // Declaring less than it holds does not get a part past the check: reading stops
            // at the declared size.
            "a sheet that holds more than it declares",
            with_declared_size(
                &book(&s, &format!("{space}{}", row(3, &["乙空间", &long])), None),
                "xl/worksheets/sheet1.xml",
                400,
            ),
            "larger than its declared uncompressed size".into(),
        ),
        (
            "shared strings that unpack to 40 MiB",
            with_declared_size(
                &book(&s, &space, Some(&one_string(r#"uniqueCount="1""#, "乙空间"))),
                "xl/sharedStrings.xml",
                40 << 20,
            ),
            format!(
                "(its shared strings) unpack to 40 MiB, over the {} MiB",
                MAX_SHARED_STRINGS >> 20
            ),
        ),
        (
            // calamine reserves room for the strings the table announces, all at once: this
            // many would abort the process.
            "shared strings that announce 10¹⁴ texts",
            book(
                &s,
                &space,
                Some(&one_string(r#"count="1" uniqueCount="100000000000000""#, "乙空间")),
            ),
            "its shared strings announce 100000000000000 texts in".into(),
        ),
        (
            "a cell over 1 MiB",
            book(&s, &format!("{space}{}", row(3, &["乙空间", &long])), None),
            format!("sheet spaces of {{file}}, row 3, column B (`{a}`): this cell is longer than 1 MiB; nothing was scored"),
        ),
        (
            "a shared string over 1 MiB",
            book(
                &s,
                &format!(
                    "{space}<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c></row>"
                ),
                Some(&format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="2"><si><t>乙空间</t></si><si><t>{long}</t></si></sst>"#
                )),
            ),
            format!("sheet spaces of {{file}}, row 3, column B (`{a}`): this cell is longer than 1 MiB"),
        ),
    ];
    for (name, bytes, says) in cases {
        assert!(
            bytes.len() < 64 << 10,
            "{name}: a small file ({} bytes)",
            bytes.len()
        );
        let here = tempfile::tempdir().expect("a folder");
        let input = here.path().join("district.xlsx");
        std::fs::write(&input, &bytes).expect("written");
        let says = says.replace("{file}", &pa(&input));
        let out = here.path().join("scores.xlsx");
        let (code, stdout, err) =
            spacescore(&args(&["batch", s.id(), &pa(&input), "-o", &pa(&out)]));
        assert_eq!((code, stdout.as_str()), (1, ""), "{name}: {err}");
        assert!(err.contains(&says), "{name}: {err}");
        assert!(err.contains("nothing was"), "{name}: {err}");
        let left: Vec<_> = std::fs::read_dir(here.path())
            .expect("listed")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        assert_eq!(left, ["district.xlsx"], "{name}: nothing written beside it");
        // The district page reads it through the same code, and says the same.
        let f = Fixture {
            name: "bomb",
            file: pa(&input),
            bytes,
            args: vec![],
            expect: Expect::Own,
        };
        let page = in_memory(&f, &pa(&input), &s, spacescore_sheets::Door::Page)
            .expect_err("refused by the page")
            .to_string();
        assert_eq!(format!("spacescore: {page}\n"), err, "{name}");
    }
}
