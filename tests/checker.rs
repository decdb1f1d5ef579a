use serde_json::{json, Value as Json};
use spacescore_core::{builtin_json, describe, Catalog, Error, Method};

fn catalog() -> Catalog {
    Catalog::builtin().unwrap_or_else(|e| panic!("the built-in rubrics break an invariant: {e}"))
}

/// The built-in catalog as JSON, to alter.
fn raw() -> Json {
    serde_json::from_str(builtin_json()).expect("the embedded catalog is JSON")
}

/// The document of a rubric file in the raw catalog.
fn doc<'a>(raw: &'a mut Json, file: &str) -> &'a mut Json {
    raw["documents"]
        .as_array_mut()
        .and_then(|d| d.iter_mut().find(|d| d["file"] == file))
        .unwrap_or_else(|| panic!("{file} is in the catalog"))
}

fn item<'a>(raw: &'a mut Json, file: &str, id: &str) -> &'a mut Json {
    doc(raw, file)["items"]
        .as_array_mut()
        .and_then(|items| items.iter_mut().find(|i| i["id"] == id))
        .unwrap_or_else(|| panic!("{file} has item {id}"))
}

/// Loads an altered catalog and returns the error message it must produce.
fn refused(raw: &Json) -> String {
    match Catalog::from_json(&raw.to_string()) {
        Ok(_) => panic!("an altered catalog that breaks an invariant was accepted"),
        Err(e) => e.to_string(),
    }
}

fn assert_refused(raw: &Json, place: &str, reason: &str) {
    let message = refused(raw);
    assert!(
        message.contains(place),
        "the message should name `{place}`: {message}"
    );
    assert!(
        message.contains(reason),
        "the message should say `{reason}`: {message}"
    );
}

#[test]
fn the_built_in_rubrics_pass_every_check() {
    let c = catalog();
    let ids: Vec<&str> = c.rubrics().iter().map(|r| r.id()).collect();
    assert_eq!(
        ids,
        [
            "inner-mongolia/maker-space",
            "qinhuangdao/maker-space",
            "xinxiang/comprehensive",
            "xinxiang/professional",
            "shanxi/annual-report",
            "ningxia/national-maker-space",
            "ningxia/incubator",
            "ningxia/maker-space",
        ]
    );
}

#[test]
fn stated_totals_are_what_the_issue_lists() {
    let c = catalog();
    let bonus: Vec<(String, String, String)> = c
        .rubrics()
        .iter()
        .filter(|r| r.method() != Method::Form)
        .map(|r| {
            let d = describe(r);
            (d.id, d.base_max, d.bonus_max)
        })
        .collect();
    let expected = [
        ("inner-mongolia/maker-space", "100", "20"),
        ("qinhuangdao/maker-space", "100", "0"),
        ("xinxiang/comprehensive", "100", "20"),
        ("xinxiang/professional", "100", "20"),
        ("ningxia/national-maker-space", "100", "10"),
        ("ningxia/incubator", "100", "10"),
        ("ningxia/maker-space", "100", "10"),
    ];
    let got: Vec<(&str, &str, &str)> = bonus
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(got, expected);

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
    }
    // The traps the issue names are written next to the items they affect.
    let im = c.rubric("inner-mongolia/maker-space").expect("im");
    let ws = im.item("workstations").expect("workstations");
    assert_eq!(
        ws.max(),
        3.into(),
        "the stray 4 in the 自评得分 column is not the maximum"
    );
    assert!(ws.notes().iter().any(|n| n.contains("表样残留")));
    let xx = c.rubric("xinxiang/professional").expect("xx");
    assert!(xx.grades().is_empty(), "Xinxiang publishes no cut-offs");
    assert_eq!(xx.grade_names().len(), 4);
    assert!(xx
        .item("torch-statistics")
        .expect("torch")
        .notes()
        .iter()
        .any(|n| n.contains("0.2")));
    let qhd = c.rubric("qinhuangdao/maker-space").expect("qhd");
    assert_eq!(qhd.grades().len(), 4);
    assert_eq!(qhd.document().number.as_deref(), Some("秦科高〔2023〕3号"));
}

#[test]
fn every_field_a_rubric_reads_is_in_its_dictionary() {
    let c = catalog();
    for r in c.rubrics() {
        for id in r.required_fields() {
            assert!(
                r.field(id).is_some(),
                "{} reads undefined field {id}",
                r.id()
            );
        }
    }
}

#[test]
fn an_item_maximum_that_breaks_the_group_total_is_refused() {
    let mut raw = raw();
    item(&mut raw, "inner-mongolia.toml", "mentor-count")["max"] = json!("6");
    assert_refused(
        &raw,
        "inner-mongolia.toml",
        "group talent (人才队伍建设情况) is worth 15 but its items add up to 16",
    );
}

#[test]
fn a_gap_between_bands_is_refused() {
    let mut raw = raw();
    let terms = &mut item(&mut raw, "inner-mongolia.toml", "service-area")["terms"][0]["bands"][1];
    terms["from"] = json!("600");
    assert_refused(&raw, "service-area", "gap or overlap between 500 and 600");
}

#[test]
fn a_shared_band_edge_must_belong_to_exactly_one_band() {
    let mut raw = raw();
    let band = &mut item(&mut raw, "inner-mongolia.toml", "service-area")["terms"][0]["bands"][0];
    band.as_object_mut().expect("a band").remove("below");
    band["through"] = json!("500");
    assert_refused(&raw, "service-area", "500 must belong to exactly one band");
}

#[test]
fn overlapping_grade_bands_are_refused() {
    let mut raw = raw();
    doc(&mut raw, "qinhuangdao.toml")["grades"][1]["from"] = json!("59");
    assert_refused(&raw, "qinhuangdao", "gap or overlap");
}

#[test]
fn a_repeated_item_id_is_refused() {
    let mut raw = raw();
    item(&mut raw, "inner-mongolia.toml", "workstations")["id"] = json!("service-area");
    assert_refused(&raw, "service-area", "used twice");
}

#[test]
fn an_undefined_field_is_refused() {
    let mut raw = raw();
    item(&mut raw, "inner-mongolia.toml", "mentor-count")["terms"][0]["input"] = json!("mentorz");
    assert_refused(
        &raw,
        "mentor-count",
        "`mentorz` is not in rubrics/fields.toml",
    );
}

#[test]
fn an_unused_field_is_refused() {
    let mut raw = raw();
    raw["fields"]["orphan"] =
        json!({"name": "孤儿", "name_en": "Orphan", "kind": "count", "unit": "个"});
    assert_refused(
        &raw,
        "fields.toml",
        "`orphan` is defined but no rubric uses it",
    );
}

#[test]
fn an_item_without_source_text_is_refused() {
    let mut raw = raw();
    item(&mut raw, "xinxiang.toml", "events")["source_text"] = json!("  ");
    assert_refused(&raw, "events", "source_text is empty");
}

#[test]
fn a_band_rule_must_cite_the_band_policy() {
    let mut raw = raw();
    item(&mut raw, "inner-mongolia.toml", "service-area")["policies"] = json!([]);
    assert_refused(&raw, "service-area", "must cite policy `band-edges`");
}

#[test]
fn a_self_assessed_part_cannot_exceed_its_item() {
    let mut raw = raw();
    item(&mut raw, "xinxiang.toml", "regional")["terms"][0]["max"] = json!("11");
    assert_refused(&raw, "regional", "cannot exceed the item's maximum");
}

#[test]
fn terms_that_cannot_reach_the_maximum_are_refused() {
    let mut raw = raw();
    item(&mut raw, "inner-mongolia.toml", "honors")["terms"][0]["options"][0]["points"] =
        json!("5");
    assert_refused(&raw, "honors", "at most 5 of its 6 points");
}

#[test]
fn a_weight_only_rubric_has_only_self_assessed_items() {
    let mut raw = raw();
    let first = &mut doc(&mut raw, "ningxia-incubator.toml")["items"][0];
    first["terms"] = json!([{"kind": "flag", "input": "online_platform", "points": "3"}]);
    assert_refused(
        &raw,
        "ningxia",
        "every item of a weight-only rubric is self-assessed",
    );
}

#[test]
fn a_decimal_that_is_not_a_number_is_refused() {
    let mut raw = raw();
    item(&mut raw, "inner-mongolia.toml", "media")["max"] = json!("four");
    assert_refused(&raw, "media", "`four` is not a decimal number");
}

#[test]
fn an_unknown_rubric_is_an_error_not_a_panic() {
    let c = catalog();
    assert_eq!(
        c.rubric("atlantis/maker-space").err(),
        Some(Error::UnknownRubric("atlantis/maker-space".into()))
    );
}

#[test]
fn malformed_catalog_json_is_an_error() {
    assert!(matches!(
        Catalog::from_json("{\"policies\": 3}"),
        Err(Error::Catalog(_))
    ));
}

#[test]
fn the_embedded_binary_catalog_is_the_validated_json_catalog() {
    let from_json = Catalog::from_json(builtin_json()).expect("the JSON catalog validates");
    let builtin = catalog();
    assert_eq!(from_json.rubrics(), builtin.rubrics());
    assert_eq!(from_json.fields(), builtin.fields());
    let bytes = builtin.to_bytes();
    let again = Catalog::from_bytes(&bytes).expect("round trip");
    assert_eq!(again.rubrics(), builtin.rubrics());
}

#[test]
fn corrupt_catalog_bytes_are_an_error_never_a_panic() {
    let bytes = catalog().to_bytes();
    // Every truncation, and a few flipped bytes, are refused cleanly.
    for cut in (0..bytes.len()).step_by(97) {
        assert!(
            Catalog::from_bytes(&bytes[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
    for at in (30..bytes.len()).step_by(1013) {
        let mut b = bytes.clone();
        b[at] ^= 0xff;
        let _ = Catalog::from_bytes(&b); // may decode to other text, but must not panic
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Catalog::from_bytes(&longer).is_err(), "trailing bytes");
}
