//! Officials' tools: spreadsheets headed the way people head them (ids, Chinese names, names
//! with unit or period, the template's three-line header), and the messages of the CLI and
//! the district page in both languages from one source.

use spacescore_core::{Lang, Rubric};
use spacescore_sheets::{batch, header_en, header_zh, Bytes, Collect, Headers, Named, Options};

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
        let ways: [(&str, &str, Box<dyn Fn(&spacescore_core::Field) -> String>); 4] = [
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
