//! Officials' tools: spreadsheets headed the way people head them (ids, Chinese names, names
//! with unit or period, the template's three-line header), and the messages of the CLI and
//! the district page in both languages from one source.

use spacescore_core::{Lang, Rubric};
use spacescore_sheets::{batch, header_en, header_zh, Bytes, Collect, Headers, Named, Options};

/// How a test heads a field's column.
type Heading = Box<dyn Fn(&spacescore_core::Field) -> String>;

/// Every built-in rubric.
fn rubrics() -> Vec<Rubric> {
    let catalog = spacescore_builtin::catalog();
    spacescore_builtin::all()
        .filter_map(|b| catalog.rubric(b.id).ok().cloned())
        .collect()
}

/// Scores a one-row CSV whose header is `header` and whose row is `values`: each row's
/// report as text (or the refusal).
fn reports(r: &Rubric, header: &[String], values: &[String]) -> Result<Vec<String>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(|e| e.to_string())?;
    w.write_record(values).map_err(|e| e.to_string())?;
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    let mut rows = Collect::default();
    batch(
        &Bytes {
            name: "district.csv",
            bytes: &bytes,
        },
        r,
        &Options::default(),
        &mut rows,
    )
    .map_err(|e| e.to_string())?;
    Ok(rows
        .rows()
        .iter()
        .map(|row| format!("{:?}", row.report()))
        .collect())
}

/// One row with a figure in every field, headed five ways: ids; Chinese names; Chinese
/// names with period and unit as the template writes them; English names with unit; the
/// `.xlsx` template's three-line header. Every way gives the report the ids give.
#[test]
fn every_field_is_read_under_every_header_people_write() {
    for r in rubrics() {
        let fields: Vec<&spacescore_core::Field> = spacescore_sheets::template_fields(&r)
            .iter()
            .filter_map(|id| r.field(id))
            .collect();
        let headers = Headers::of(&r);
        let values: Vec<String> = std::iter::once("甲空间".to_string())
            .chain(fields.iter().map(|_| "1".to_string()))
            .collect();
        let head = |name: &str, each: &dyn Fn(&spacescore_core::Field) -> String| -> Vec<String> {
            std::iter::once(name.to_string())
                .chain(fields.iter().map(|f| {
                    let h = each(f);
                    // A name two fields share is refused (tested below): the id stands in.
                    match headers.resolve(&h) {
                        Named::Field(id) if id == f.id() => h,
                        _ => f.id().to_string(),
                    }
                }))
                .collect()
        };
        let by_id = reports(&r, &head("name", &|f| f.id().to_string()), &values)
            .unwrap_or_else(|e| panic!("{}: the ids are refused: {e}", r.id()));
        assert_eq!(by_id.len(), 1, "{}", r.id());
        assert!(by_id[0].starts_with("Some("), "{}: {by_id:?}", r.id());
        let ways: [(&str, &str, Heading); 4] = [
            ("Chinese names", "名称", Box::new(|f| f.name().zh.clone())),
            ("the template's Chinese line", "名称", Box::new(header_zh)),
            ("English names with unit", "Name", Box::new(header_en)),
            (
                "the three-line header",
                "名称\nName\nname",
                Box::new(|f| format!("{}\n{}\n{}", header_zh(f), header_en(f), f.id())),
            ),
        ];
        for (way, name, each) in ways {
            let header = head(name, each.as_ref());
            let changed = header
                .iter()
                .skip(1)
                .zip(&fields)
                .filter(|(h, f)| *h != f.id())
                .count();
            assert!(
                changed * 2 >= fields.len(),
                "{}: {way}: most fields keep their id",
                r.id()
            );
            let got = reports(&r, &header, &values)
                .unwrap_or_else(|e| panic!("{}: {way} refused: {e}", r.id()));
            assert_eq!(got, by_id, "{}: {way}", r.id());
        }
    }
}

/// The `.csv` template in Chinese heads each field as people read it and `batch` reads it
/// back; in English it gives the ids, for programs.
#[test]
fn the_csv_template_has_a_chinese_header_batch_reads() {
    for r in rubrics() {
        let mut zh = Vec::new();
        spacescore_sheets::template::csv(&r, Lang::Zh, &mut zh).expect("template");
        let zh = String::from_utf8(zh).expect("utf-8");
        let line = zh.lines().next().unwrap_or_default();
        assert!(line.starts_with("名称,"), "{}: {line}", r.id());
        for id in spacescore_sheets::template_fields(&r) {
            assert!(
                !line.split(',').any(|h| h == id),
                "{}: `{id}` in the Chinese header",
                r.id()
            );
        }
        let header: Vec<String> = line.split(',').map(str::to_string).collect();
        let blank: Vec<String> = header.iter().map(|_| String::new()).collect();
        let mut values = blank.clone();
        values[0] = "甲空间".into();
        let got = reports(&r, &header, &values)
            .unwrap_or_else(|e| panic!("{}: the Chinese template is refused: {e}", r.id()));
        assert_eq!(got.len(), 1, "{}", r.id());
        let mut en = Vec::new();
        spacescore_sheets::template::csv(&r, Lang::En, &mut en).expect("template");
        let en = String::from_utf8(en).expect("utf-8");
        let mut want = vec!["name".to_string()];
        want.extend(spacescore_sheets::template_fields(&r));
        assert_eq!(en.trim_end(), want.join(","), "{}", r.id());
    }
}

/// A field given twice, once by id and once by its Chinese name, is refused naming both
/// columns; a name two fields share is refused naming both fields.
#[test]
fn a_field_twice_or_a_shared_name_is_refused_naming_both() {
    let r = rubrics().into_iter().next().expect("a rubric");
    let f = r.fields().values().next().expect("a field");
    let header = vec!["name".to_string(), f.id().to_string(), f.name().zh.clone()];
    let e = reports(&r, &header, &["甲".into(), "1".into(), "1".into()]).expect_err("twice");
    assert!(e.contains("columns B, C") && e.contains(f.id()), "{e}");

    // The invented example rubric with two of its fields given one Chinese name.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/shili.toml"
    ))
    .expect("the example rubric");
    let text = text.replace(
        "name = \"承办的创新创业活动\"",
        "name = \"主办的创新创业活动\"",
    );
    let library = spacescore_core::check::Library::shared().expect("the dictionary");
    let list = spacescore_core::check::check_source("shili.toml", &text, &library)
        .unwrap_or_else(|p| panic!("{}", p.text(Lang::En)));
    let r = list.into_iter().next().expect("a rubric");
    let header = vec!["name".to_string(), "主办的创新创业活动".to_string()];
    let e = reports(&r, &header, &["甲".into(), "1".into()]).expect_err("ambiguous");
    assert!(
        e.contains("sl_events_hosted")
            && e.contains("sl_events_organized")
            && e.contains("column B"),
        "{e}"
    );
}

/// Every message of the command and of the spreadsheet reader, from its one table: both
/// languages written, the Chinese in Chinese, and the same places for values in both.
#[test]
fn every_message_exists_in_both_languages_from_one_source() {
    let tables = [
        ("spacescore_cli::messages", spacescore_cli::messages::ALL),
        (
            "spacescore_sheets::messages",
            spacescore_sheets::messages::ALL,
        ),
    ];
    // Chinese words, or at least Chinese punctuation (“{}：{}”).
    let cjk = |s: &str| {
        s.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    };
    for (module, all) in tables {
        assert!(all.len() >= 10, "{module}: {} messages", all.len());
        for (name, m) in all {
            assert!(
                !m.zh.trim().is_empty() && !m.en.trim().is_empty(),
                "{module}::{name}"
            );
            assert!(cjk(m.zh), "{module}::{name}: not Chinese: {}", m.zh);
            assert_ne!(m.zh, m.en, "{module}::{name}");
            assert_eq!(
                m.zh.matches("{}").count(),
                m.en.matches("{}").count(),
                "{module}::{name}: different places: {} / {}",
                m.zh,
                m.en
            );
        }
    }
}

/// The language: `--lang` first, else the locale (LC_ALL, then LC_MESSAGES, then LANG; an
/// empty one is skipped), Chinese when it starts with `zh`.
#[test]
fn the_language_is_the_option_s_else_the_locale_s() {
    use spacescore_cli::lang_of;
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |v: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == v)
                .map(|(_, x)| x.to_string())
        }
    };
    assert_eq!(lang_of(&args(&["list"]), env(&[])), Lang::En);
    assert_eq!(
        lang_of(&args(&["list"]), env(&[("LANG", "zh_CN.UTF-8")])),
        Lang::Zh
    );
    assert_eq!(
        lang_of(
            &args(&["list"]),
            env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])
        ),
        Lang::En
    );
    assert_eq!(
        lang_of(
            &args(&["list"]),
            env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "C")])
        ),
        Lang::Zh
    );
    assert_eq!(
        lang_of(&args(&["batch", "--lang", "en"]), env(&[("LANG", "zh_CN")])),
        Lang::En
    );
    assert_eq!(lang_of(&args(&["--lang=zh", "list"]), env(&[])), Lang::Zh);
    // A file named `--lang` after `--` is not the option.
    assert_eq!(
        lang_of(&args(&["score", "x", "--", "--lang", "zh"]), env(&[])),
        Lang::En
    );
}

/// Runs the command in-process: (exit code, stdout, stderr), the error in `lang`.
fn spacescore(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let lang = spacescore_cli::lang_of(&args, |_| None);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = match spacescore_cli::run(&args, &mut std::io::empty(), &mut out, &mut err) {
        Ok(()) => 0,
        Err(e) => {
            err.extend(e.text().get(lang).bytes());
            e.exit_code()
        }
    };
    (
        code,
        String::from_utf8(out).expect("utf-8"),
        String::from_utf8(err).expect("utf-8"),
    )
}

/// The first built-in rubric that scores (not a data form).
fn scored_rubric() -> Rubric {
    rubrics()
        .into_iter()
        .find(|r| r.method() != spacescore_core::Method::Form)
        .expect("a scored rubric")
}

/// The Chinese header of the first field a template lists.
fn first_header(r: &Rubric) -> String {
    spacescore_sheets::template_fields(r)
        .first()
        .and_then(|id| r.field(id))
        .map(header_zh)
        .expect("a field")
}

/// Runs `batch --lang LANG ID INPUT -o OUT` (an `.xlsx` output) and opens the workbook.
fn batch_workbook(
    r: &Rubric,
    lang: &str,
    input: &std::path::Path,
    out: &std::path::Path,
) -> calamine::Xlsx<std::io::BufReader<std::fs::File>> {
    let (code, _, err) = spacescore(&[
        "batch",
        "--lang",
        lang,
        r.id(),
        &input.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{err}");
    calamine::open_workbook(out).expect("a workbook")
}

/// A sheet's first row, as text.
fn first_row(range: &calamine::Range<calamine::Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// `batch --lang zh` writes Chinese headers, 是/否 and the summary in Chinese; `--lang en`
/// writes today's ids and `true`/`false` for programs; a refusal speaks the language asked.
#[test]
fn batch_speaks_chinese_or_english_and_ids_for_programs() {
    let dir = tempfile::tempdir().expect("a folder");
    for r in rubrics()
        .iter()
        .filter(|r| r.method() != spacescore_core::Method::Form)
    {
        let path = dir.path().join("district.csv");
        let mut header = vec!["名称".to_string()];
        header.extend(
            spacescore_sheets::template_fields(r)
                .iter()
                .filter_map(|id| r.field(id))
                .map(header_zh),
        );
        let blank = vec![String::new(); header.len() - 1];
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&header).expect("csv");
        w.write_record(std::iter::once("甲空间".to_string()).chain(blank))
            .expect("csv");
        std::fs::write(&path, w.into_inner().expect("csv")).expect("write");
        let p = path.to_string_lossy().into_owned();

        let (code, out, err) = spacescore(&["batch", "--lang", "zh", r.id(), &p]);
        assert_eq!(code, 0, "{}: {err}", r.id());
        let first = out.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("行,名称,") && first.contains("总分") && first.contains("一票否决"),
            "{}: {first}",
            r.id()
        );
        let second = out.lines().nth(1).unwrap_or_default();
        assert!(
            second.contains(",否,"),
            "{}: not vetoed is 否: {second}",
            r.id()
        );
        assert!(err.contains("读取 1 行：评分 1 行"), "{}: {err}", r.id());

        let (code, out, err) = spacescore(&["batch", "--lang", "en", r.id(), &p]);
        assert_eq!(code, 0, "{}: {err}", r.id());
        let first = out.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("row,name,")
                && first.contains(",total,")
                && first.contains(",vetoed,"),
            "{}: {first}",
            r.id()
        );
        assert!(
            out.lines().nth(1).unwrap_or_default().contains(",false,"),
            "{}",
            r.id()
        );
        assert!(err.contains("1 rows read: 1 scored"), "{}: {err}", r.id());

        // A column that is no field, refused in each language.
        std::fs::write(&path, "名称,场地面积平米\n甲,1\n").expect("write");
        let (code, _, zh) = spacescore(&["batch", "--lang", "zh", r.id(), &p]);
        assert_eq!(code, 1);
        assert!(
            zh.contains("没有一列是") && !zh.contains("no column"),
            "{zh}"
        );
        let (_, _, en) = spacescore(&["batch", "--lang", "en", r.id(), &p]);
        assert!(
            en.contains("no column of") && !en.contains("没有一列"),
            "{en}"
        );
    }
    // An unknown rubric, in each language.
    let (code, _, zh) = spacescore(&["describe", "--lang", "zh", "nowhere/none"]);
    assert_eq!(code, 2);
    assert!(zh.contains("没有 id 为"), "{zh}");
}

/// The `.xlsx` results in Chinese: Chinese sheet names and headers, 是/否 for the veto.
#[test]
fn the_workbook_in_chinese_has_chinese_sheets_and_words() {
    let r = scored_rubric();
    let dir = tempfile::tempdir().expect("a folder");
    let input = dir.path().join("in.csv");
    let first = first_header(&r);
    std::fs::write(&input, format!("名称,{first}\n甲空间,\n")).expect("write");
    let out = dir.path().join("out.xlsx");
    use calamine::Reader;
    let mut book = batch_workbook(&r, "zh", &input, &out);
    assert_eq!(
        book.sheet_names(),
        ["评分结果", "各项得分", "字段错误", "汇总"]
    );
    let sheet = book.worksheet_range("评分结果").expect("results");
    let header = first_row(&sheet);
    assert_eq!(header.first().map(String::as_str), Some("行"));
    let veto = header
        .iter()
        .position(|h| h == "一票否决")
        .expect("a veto column");
    let row: Vec<String> = sheet
        .rows()
        .nth(1)
        .expect("a row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(row.get(veto).map(String::as_str), Some("否"), "{row:?}");
}

/// A long batch draws a progress bar only on a terminal: piped, standard error holds the
/// summary line and nothing else, and the results are whole.
#[test]
fn a_piped_batch_shows_no_progress_bar() {
    let dir = tempfile::tempdir().expect("a folder");
    let r = scored_rubric();
    let first = first_header(&r);
    let mut text = format!("名称,{first}\n");
    for i in 0..5000 {
        text.push_str(&format!("空间{i},\n"));
    }
    let input = dir.path().join("big.csv");
    std::fs::write(&input, text).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spacescore-process"))
        .args(["batch", "--lang", "zh", r.id()])
        .arg(&input)
        .output()
        .expect("the command runs");
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("读取 5000 行") && !err.contains('\r') && !err.contains('\u{1b}'),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5001);
}

/// The summary sheet of the `.xlsx` results against the results sheet itself: spaces
/// scored, average (half away from zero, two places), lowest and highest total, the totals
/// by band, the spaces per grade; a total on a band's boundary counts in the higher band.
#[test]
fn the_summary_sheet_agrees_with_the_results_sheet() {
    use calamine::{Data, Reader};
    use rust_decimal::prelude::FromPrimitive;
    use rust_decimal::Decimal;
    let s = spacescore_tests::sheets::subject();
    let r = &s.rubric;
    let dir = tempfile::tempdir().expect("a folder");
    let input = dir.path().join("district.csv");
    let mut rows = Vec::new();
    for i in 0..40u32 {
        rows.push([
            format!("空间{i}"),
            format!("{}", (i * 97) % 4000),
            format!("{}", (i * 7) % 60),
            format!("{}", (i * 3) % 25),
        ]);
    }
    let mut text = format!("name,{},{},{}\n", s.fields[0], s.fields[1], s.fields[2]);
    for row in &rows {
        text.push_str(&row.join(","));
        text.push('\n');
    }
    std::fs::write(&input, text).expect("write");
    for (lang, results, summary) in [("zh", "评分结果", "汇总"), ("en", "results", "summary")]
    {
        let out = dir.path().join(format!("out-{lang}.xlsx"));
        let mut book = batch_workbook(r, lang, &input, &out);
        assert_eq!(book.sheet_names().last().map(String::as_str), Some(summary));
        let res = book.worksheet_range(results).expect("results");
        let header = first_row(&res);
        let at = |h: &str| {
            header
                .iter()
                .position(|x| x == h)
                .unwrap_or_else(|| panic!("{h} in {header:?}"))
        };
        let (total_at, grade_at) = if lang == "zh" {
            (at("总分"), at("等级"))
        } else {
            (at("total"), at("grade"))
        };
        let dec = |c: &Data| match c {
            Data::Float(f) => Decimal::from_f64(*f).expect("a number").normalize(),
            Data::Int(i) => Decimal::from(*i),
            other => panic!("not a number: {other:?}"),
        };
        let totals: Vec<Decimal> = res.rows().skip(1).map(|row| dec(&row[total_at])).collect();
        assert_eq!(totals.len(), rows.len());
        let sum: Decimal = totals.iter().sum();
        let mean = (sum / Decimal::from(totals.len() as u64))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        let top = r.base_max() + r.bonus_max();
        let mut bands = [0u64; 10];
        for t in &totals {
            // Band i holds totals from top·i/10 up to (not including) top·(i+1)/10.
            let i = (0..10)
                .rev()
                .find(|i| *t >= top * Decimal::from(*i) / Decimal::from(10))
                .unwrap_or(0);
            bands[i] += 1;
        }
        let sum_sheet = book.worksheet_range(summary).expect("summary");
        let cells: Vec<Vec<Data>> = sum_sheet.rows().map(|r| r.to_vec()).collect();
        assert_eq!(dec(&cells[0][1]), Decimal::from(totals.len() as u64));
        assert_eq!(dec(&cells[1][1]), mean);
        assert_eq!(dec(&cells[2][1]), *totals.iter().min().expect("a total"));
        assert_eq!(dec(&cells[3][1]), *totals.iter().max().expect("a total"));
        // The band table starts after a blank line and its header.
        for (i, n) in bands.iter().enumerate() {
            let row = &cells[7 + i];
            assert_eq!(dec(&row[2]), Decimal::from(*n), "{lang}: band {i}: {row:?}");
        }
        let graded: Vec<String> = res
            .rows()
            .skip(1)
            .map(|row| row[grade_at].to_string())
            .filter(|g| !g.is_empty())
            .collect();
        let mut grades: Vec<(String, u64)> = Vec::new();
        for g in graded {
            match grades.iter_mut().find(|(x, _)| *x == g) {
                Some((_, n)) => *n += 1,
                None => grades.push((g, 1)),
            }
        }
        for (g, n) in &grades {
            let row = cells
                .iter()
                .find(|row| row.first().map(|c| c.to_string()) == Some(g.clone()));
            let row = row.unwrap_or_else(|| panic!("{lang}: no row for grade {g}"));
            assert_eq!(dec(&row[1]), Decimal::from(*n), "{lang}: grade {g}");
        }
    }
}

/// The applicant's filing, for every rubric that scores: `score --xlsx` writes a workbook
/// that `batch` reads back to the total `score` gives, naming the applicant; `score --docx`
/// writes a Word document whose text holds the applicant, every item, the total, the veto
/// answers and the signature lines.
#[test]
fn a_filing_reads_back_to_the_same_total_and_its_word_document_holds_the_table() {
    let dir = tempfile::tempdir().expect("a folder");
    for r in rubrics()
        .iter()
        .filter(|r| r.method() != spacescore_core::Method::Form)
    {
        let stem = r.id().replace('/', "-");
        // A figure in every field: 7 for numbers, and what the rest refuse is refused alike
        // by every door.
        let mut doc = serde_json::Map::new();
        for id in spacescore_sheets::template_fields(r) {
            doc.insert(id, serde_json::Value::String("7".into()));
        }
        let input = dir.path().join(format!("{stem}.json"));
        std::fs::write(&input, serde_json::Value::Object(doc).to_string()).expect("write");
        let input = input.to_string_lossy().into_owned();
        let (code, json, err) = spacescore(&["score", r.id(), &input]);
        assert_eq!(code, 0, "{err}");
        let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let total = json["total"].as_str().expect("a total").to_string();

        let book = dir.path().join(format!("{stem}.xlsx"));
        let (code, _, err) = spacescore(&[
            "score",
            "--lang",
            "zh",
            "--xlsx",
            "--name",
            "示例众创空间",
            r.id(),
            &input,
            "-o",
            &book.to_string_lossy(),
        ]);
        assert_eq!(code, 0, "{}: {err}", r.id());
        let (code, out, err) =
            spacescore(&["batch", "--lang", "en", r.id(), &book.to_string_lossy()]);
        assert_eq!(code, 0, "{}: {err}", r.id());
        let mut lines = csv::Reader::from_reader(out.as_bytes());
        let header = lines.headers().expect("a header").clone();
        let at = |h: &str| header.iter().position(|x| x == h).expect("a column");
        let row = lines.records().next().expect("one row").expect("a row");
        assert_eq!(&row[at("name")], "示例众创空间", "{}", r.id());
        assert_eq!(
            &row[at("total")],
            total,
            "{}: the filing reads back to the same total",
            r.id()
        );

        let word = dir.path().join(format!("{stem}.docx"));
        let (code, _, err) = spacescore(&[
            "score",
            "--lang",
            "zh",
            "--docx",
            "--name",
            "示例众创空间",
            r.id(),
            &input,
            "-o",
            &word.to_string_lossy(),
        ]);
        assert_eq!(code, 0, "{}: {err}", r.id());
        let file = std::fs::File::open(&word).expect("the document");
        let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip archive");
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("word/document.xml").expect("its body"),
            &mut xml,
        )
        .expect("text");
        // The document's text: what lies between the tags, run after run.
        let mut text = String::new();
        let mut inside = false;
        for c in xml.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"");
        assert!(
            text.contains("申报单位") && text.contains("示例众创空间"),
            "{}",
            r.id()
        );
        for item in r.items() {
            assert!(
                text.contains(&item.name().zh),
                "{}: item {}",
                r.id(),
                item.id()
            );
        }
        assert!(
            text.contains(&format!("总分{total}")),
            "{}: the total {total}",
            r.id()
        );
        for v in r.vetoes() {
            assert!(text.contains(&v.text().zh), "{}: veto {}", r.id(), v.id());
        }
        assert!(text.contains("日期") && text.contains("签字"), "{}", r.id());
    }
    // Without -o the filing has nowhere to go.
    let r = rubrics()
        .into_iter()
        .find(|r| r.method() != spacescore_core::Method::Form)
        .expect("a rubric");
    let (code, _, err) = spacescore(&["score", "--lang", "zh", "--docx", r.id(), "-"]);
    assert_eq!(code, 2);
    assert!(err.contains("-o 文件.docx"), "{err}");
}

/// Several filings read into one table: two applicants' workbooks written by `score --xlsx`
/// and one JSON export of the page (with its applicant), each row naming its file and
/// giving the total `score` gives; files whose columns differ are refused naming both.
#[test]
fn several_filings_are_read_into_one_table_each_row_naming_its_file() {
    let dir = tempfile::tempdir().expect("a folder");
    let s = spacescore_tests::sheets::subject();
    let id = s.id().to_string();
    let mut files = Vec::new();
    let mut want = Vec::new();
    for (i, values) in [
        ["600", "30", "12"],
        ["3200", "45", "2"],
        ["1200", "8", "20"],
    ]
    .iter()
    .enumerate()
    {
        let mut doc = serde_json::Map::new();
        for (f, v) in s.fields.iter().zip(values) {
            doc.insert(f.clone(), serde_json::Value::String(v.to_string()));
        }
        let applicant = format!("空间{i}");
        if i == 2 {
            // The page's export: saved work with its header.
            let export = serde_json::json!({
                "format": spacescore_core::json_inputs::SAVED_FORMAT,
                "rubric": id,
                "applicant": applicant,
                "values": doc,
            });
            let path = dir.path().join("export.json");
            std::fs::write(&path, export.to_string()).expect("write");
            files.push(path.to_string_lossy().into_owned());
        } else {
            let input = dir.path().join(format!("in{i}.json"));
            std::fs::write(&input, serde_json::Value::Object(doc).to_string()).expect("write");
            let book = dir.path().join(format!("filing{i}.xlsx"));
            let (code, _, err) = spacescore(&[
                "score",
                "--xlsx",
                "--name",
                &applicant,
                &id,
                &input.to_string_lossy(),
                "-o",
                &book.to_string_lossy(),
            ]);
            assert_eq!(code, 0, "{err}");
            files.push(book.to_string_lossy().into_owned());
        }
        want.push((applicant, s.total(values)));
    }
    let mut args = vec!["batch", "--lang", "en", id.as_str()];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = spacescore(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.lines().count(), 3, "a summary line per file: {err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let at = |h: &str| {
        header
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}: {header:?}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 3);
    for ((row, file), (name, total)) in rows.iter().zip(&files).zip(&want) {
        assert_eq!(&row[at("file")], file.as_str());
        assert_eq!(&row[at("name")], name.as_str());
        assert_eq!(&row[at("total")], total.as_str(), "{file}");
    }
    // A filing written from the page's export names the applicant the export names.
    let from_export = dir.path().join("from-export.xlsx");
    let (code, _, err) = spacescore(&[
        "score",
        "--xlsx",
        &id,
        &files[2],
        "-o",
        &from_export.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = spacescore(&["batch", "--lang", "en", &id, &from_export.to_string_lossy()]);
    assert!(
        out.lines().nth(1).unwrap_or_default().contains(",空间2,"),
        "{out}"
    );
    // In Chinese the column is 文件.
    let mut zh = vec!["batch", "--lang", "zh", id.as_str()];
    zh.extend(files.iter().map(String::as_str));
    let (_, out, _) = spacescore(&zh);
    assert!(out.starts_with("行,文件,名称,"), "{out}");
    // A district file with other columns does not join them.
    let other = dir.path().join("other.csv");
    std::fs::write(&other, format!("name,{},note\n甲,1,x\n", s.fields[0])).expect("write");
    let other = other.to_string_lossy().into_owned();
    let (code, _, err) = spacescore(&[
        "batch",
        "--lang",
        "en",
        "--allow-unknown",
        &id,
        &files[0],
        &other,
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("other.csv") && err.contains("same columns"),
        "{err}"
    );
}
