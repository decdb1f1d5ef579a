//! Notes written for the applicant. Everything a rubric's page shows beside the quotations of
//! its document (the document's, a group's, an item's and a veto's notes, the note on
//! grades, what the document does not state, each field's note and period, the policy lines,
//! the consistency messages and the reference figures' labels) speaks of that document only,
//! in words an applicant uses; and no label made of a field's name and its period nests
//! brackets. Every rubric of `rubrics/` and every example rubric is found by listing, so a
//! rubric added as data is held to the same rules with no change here.
//!
//! Also: the worked examples and the hand-worked advice cite each document by its name, and
//! name no file that is not in the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use spacescore_core::check::{check_source, Library};
use spacescore_core::rubric::Stated;
use spacescore_core::{Lang, Rubric};
use spacescore_tests::{
    advice_rubrics, catalog_with_example_rubrics, documentation_rubrics, toml_files, workspace_root,
};

/// Words of the people who build spacescore, not of an applicant. CJK words are found
/// anywhere in a text; ASCII words as whole words, in any case.
const DEVELOPER_WORDS: &[&str] = &[
    "表样",
    "字段",
    "本工具",
    "本程序",
    "浮点",
    "toml",
    "rubric",
    "rubrics",
    "field",
    "fields",
    "term",
    "terms",
    "policy",
    "policies",
    "id",
    "ids",
    "json",
    "widget",
    "checker",
];

/// English words that are plain in an English sentence (“two bands share an endpoint”, “floor
/// area”) but are the rubric file's keys or a function's name inside a Chinese one.
const NOT_IN_CHINESE: &[&str] = &["bands", "band", "floor", "every", "step", "cap", "per"];

/// The developer words in `text`: those of [`DEVELOPER_WORDS`] (and of [`NOT_IN_CHINESE`] in
/// a Chinese text), an identifier written with `_` (a field id), a policy line's id
/// (`per-count`), a function's notation (`floor(`), and TOML's square brackets
/// (`[uses.events]`).
fn developer_words(text: &str, policy_ids: &BTreeSet<String>) -> Vec<String> {
    let chinese = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut found: Vec<String> = DEVELOPER_WORDS
        .iter()
        .filter(|w| !w.is_ascii() && text.contains(**w))
        .map(|w| w.to_string())
        .collect();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')) {
        let lower = token.to_ascii_lowercase();
        if token.contains('_')
            || DEVELOPER_WORDS.contains(&lower.as_str())
            || (chinese && NOT_IN_CHINESE.contains(&lower.as_str()))
            || (token.contains('-') && policy_ids.contains(token))
        {
            found.push(token.to_string());
        }
    }
    if text.contains("floor(") && !chinese {
        found.push("floor(".to_string());
    }
    if text.contains('[') || text.contains(']') {
        found.push("[…]".to_string());
    }
    found
}

/// The names of `regions` that `text` mentions.
fn regions_named<'a>(text: &str, regions: &'a BTreeSet<String>) -> Vec<&'a str> {
    regions
        .iter()
        .filter(|r| text.contains(r.as_str()))
        .map(String::as_str)
        .collect()
}

/// Whether `text` opens a round bracket inside another (（…（…）…）, (…(…)…), or mixed).
fn nests_brackets(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => {
                depth += 1;
                if depth > 1 {
                    return true;
                }
            }
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// `inner` in brackets after `outer`, as the page writes a field's period after its name
/// and what a document does not state after “文件未写明” (`web/src/i18n.rs`, `paren`).
fn in_brackets(lang: Lang, outer: &str, inner: &str) -> String {
    match lang {
        Lang::Zh => format!("{outer}（{inner}）"),
        Lang::En => format!("{outer} ({inner})"),
    }
}

/// A rubric's region names, in both languages, without a qualifier in brackets
/// (“示例市（虚构地区）” is 示例市).
fn region_names(r: &Rubric) -> BTreeSet<String> {
    [&r.region().zh, &r.region().en]
        .into_iter()
        .map(|name| {
            name.split(['（', '('])
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// Every text the rubric's page shows that the rubric file writes for the applicant (not a
/// quotation of the document), with where it is shown.
fn shown_texts(r: &Rubric) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |place: String, text: &str| out.push((place, text.to_string()));
    let d = r.document();
    for (i, n) in d.notes.iter().enumerate() {
        add(format!("document note {}", i + 1), n);
    }
    add("document period".into(), &d.period);
    for (what, stated) in [("issuer", &d.issuer), ("year", &d.year)] {
        if let Stated::NotStated(note) = stated {
            add(format!("document {what}, not stated"), note);
        }
    }
    if let Some(n) = r.grades_note() {
        add("grades note".into(), n);
    }
    for g in r.groups() {
        for (i, n) in g.notes().iter().enumerate() {
            add(format!("group {} note {}", g.id(), i + 1), n);
        }
    }
    for item in r.items() {
        for (i, n) in item.notes().iter().enumerate() {
            add(format!("item {} note {}", item.id(), i + 1), n);
        }
        for f in item.figures() {
            add(
                format!("item {} figure {}", item.id(), f.id()),
                &f.label().zh,
            );
            add(
                format!("item {} figure {} (en)", item.id(), f.id()),
                &f.label().en,
            );
        }
    }
    for v in r.vetoes() {
        for (i, n) in v.notes().iter().enumerate() {
            add(format!("veto {} note {}", v.id(), i + 1), n);
        }
    }
    for (id, f) in r.fields() {
        if let Some(n) = f.note() {
            add(format!("field {id} note"), n);
        }
        if let Some(p) = f.period() {
            add(format!("field {id} period"), &p.zh);
            add(format!("field {id} period (en)"), &p.en);
        }
    }
    for p in r.policies() {
        add(format!("policy line {}", p.id()), &p.text().zh);
        add(format!("policy line {} (en)", p.id()), &p.text().en);
    }
    for (i, c) in r.consistency().iter().enumerate() {
        add(format!("consistency message {}", i + 1), &c.message().zh);
        add(
            format!("consistency message {} (en)", i + 1),
            &c.message().en,
        );
    }
    for f in r.figures() {
        add(format!("figure {}", f.id()), &f.label().zh);
        add(format!("figure {} (en)", f.id()), &f.label().en);
    }
    out
}

/// Every label the page joins from two texts with brackets: a field's name and its period
/// (or the name alone), and “文件未写明” and where the document was looked at.
fn joined_labels(r: &Rubric) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, f) in r.fields() {
        for lang in [Lang::Zh, Lang::En] {
            let name = f.name().get(lang);
            let label = match f.period() {
                Some(p) => in_brackets(lang, name, p.get(lang)),
                None => name.to_string(),
            };
            out.push((format!("field {id}"), label));
        }
    }
    let d = r.document();
    for (what, stated) in [("issuer", &d.issuer), ("year", &d.year)] {
        if let Stated::NotStated(note) = stated {
            out.push((
                format!("document {what}, not stated"),
                in_brackets(Lang::Zh, "文件未写明", note),
            ));
        }
    }
    out
}

/// Everything wrong with the texts and labels of `r`'s page, one line each: a developer
/// word, another region of `catalogue` named, a label that nests brackets.
fn problems(
    r: &Rubric,
    catalogue: &BTreeSet<String>,
    policy_ids: &BTreeSet<String>,
) -> Vec<String> {
    let own = region_names(r);
    let others: BTreeSet<String> = catalogue.difference(&own).cloned().collect();
    let mut out = Vec::new();
    for (place, text) in shown_texts(r) {
        let words = developer_words(&text, policy_ids);
        if !words.is_empty() {
            out.push(format!(
                "{} {place}: developer words {words:?} in “{text}”",
                r.id()
            ));
        }
        let named = regions_named(&text, &others);
        if !named.is_empty() {
            out.push(format!(
                "{} {place}: names another region {named:?} in “{text}”",
                r.id()
            ));
        }
    }
    for (place, label) in joined_labels(r) {
        if nests_brackets(&label) {
            out.push(format!(
                "{} {place}: the label “{label}” nests brackets",
                r.id()
            ));
        }
    }
    out
}

/// Every rubric to hold to these rules: the built-in ones, the documentation's examples,
/// the rubric files worked examples name, and the advisor's test rubrics; each once.
fn every_rubric() -> Vec<Rubric> {
    let mut seen = BTreeSet::new();
    catalog_with_example_rubrics()
        .rubrics()
        .iter()
        .cloned()
        .chain(documentation_rubrics())
        .chain(advice_rubrics())
        .filter(|r| seen.insert(r.id().to_string()))
        .collect()
}

/// The regions of the catalogue a person can open: the built-in rubrics and the
/// documentation's examples. The advisor's test rubrics are left out: their region, 测试
/// (“test”), is an everyday word, not a place.
fn catalogue_regions() -> BTreeSet<String> {
    spacescore_builtin::catalog()
        .rubrics()
        .iter()
        .chain(documentation_rubrics().iter())
        .flat_map(region_names)
        .collect()
}

fn policy_ids(rubrics: &[Rubric]) -> BTreeSet<String> {
    rubrics
        .iter()
        .flat_map(|r| r.policies().iter().map(|p| p.id().to_string()))
        .collect()
}

#[test]
fn every_text_a_page_shows_speaks_of_its_own_document_in_plain_words() {
    let rubrics = every_rubric();
    let regions = catalogue_regions();
    let ids = policy_ids(&rubrics);
    let builtin = spacescore_builtin::catalog();
    for r in builtin.rubrics() {
        assert!(
            rubrics.iter().any(|x| x.id() == r.id()),
            "{} is checked",
            r.id()
        );
        assert!(
            regions.is_superset(&region_names(r)),
            "{}'s region is in the catalogue",
            r.id()
        );
    }
    let mut all = Vec::new();
    for r in &rubrics {
        assert!(
            !shown_texts(r).is_empty(),
            "{} shows no notes at all",
            r.id()
        );
        all.extend(problems(r, &regions, &ids));
    }
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn a_period_never_puts_brackets_inside_the_brackets_after_a_name() {
    let mut stated = 0;
    for r in every_rubric() {
        for (id, f) in r.fields() {
            if let Some(p) = f.period() {
                stated += 1;
                for (lang, text) in [(Lang::Zh, &p.zh), (Lang::En, &p.en)] {
                    let label = in_brackets(lang, f.name().get(lang), text);
                    assert!(
                        !nests_brackets(&label),
                        "{} {id}: “{label}” nests brackets",
                        r.id()
                    );
                }
            }
        }
    }
    assert!(stated > 0, "no rubric states a period: nothing was checked");
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let ids: BTreeSet<String> = ["per-count", "band-edges"].map(String::from).into();
    // Developer words: each text, and what is found in it.
    for (text, words) in [
        ("表中本行“自评得分”栏的“4”是表样残留", &["表样"][..]),
        (
            "按 resident_teams + resident_companies 计算",
            &["resident_teams", "resident_companies"],
        ),
        (
            "仍按 per-count 取整；期间见 [uses.events]",
            &["per-count", "[…]"],
        ),
        ("A self-score is an error for that Field.", &["Field"]),
        (
            "“每 N 个得 1 分”按 floor(数量 ÷ N) 计分，见 bands",
            &["floor", "bands"],
        ),
        ("awards floor(count ÷ N)", &["floor("]),
    ] {
        assert_eq!(developer_words(text, &ids), words, "{text}");
    }
    assert!(developer_words(
        "Where two bands share an endpoint, the higher band; no floor area is not “under 500 m²”.",
        &ids
    )
    .is_empty());
    assert!(developer_words(
        "按入驻创业团队数与入驻企业数之和计算；2022-2023 年期间，每满 2 个得 1 分。",
        &ids
    )
    .is_empty());
    // Regions.
    let regions: BTreeSet<String> = ["新乡", "内蒙古", "Xinxiang"].map(String::from).into();
    assert_eq!(
        regions_named("与新乡“提供虚假评价资料的……”同理", &regions),
        vec!["新乡"]
    );
    assert_eq!(
        regions_named("as in Xinxiang's table", &regions),
        vec!["Xinxiang"]
    );
    assert!(regions_named("科研诚信承诺书写明：取消考核资格", &regions).is_empty());
    // Brackets.
    assert!(nests_brackets(
        "入驻企业数（2017–2019 年间入驻（每家计一次））"
    ));
    assert!(nests_brackets(
        "Resident companies (resident in 2017–2019 (each counted once))"
    ));
    assert!(nests_brackets("场地（面积(平方米)）"));
    assert!(!nests_brackets(
        "入驻企业数（2017–2019 年间入驻，每家计一次）"
    ));
    assert!(!nests_brackets("入驻企业（团队）数量（2022–2023 年在孵）"));
    assert_eq!(
        in_brackets(Lang::Zh, "入驻企业数", "评价周期内（一年）"),
        "入驻企业数（评价周期内（一年））"
    );
    // Region names lose their qualifier.
    let shili = documentation_rubrics()
        .into_iter()
        .find(|r| r.region().zh.contains('（'))
        .expect("an example rubric whose region carries a qualifier in brackets");
    assert!(region_names(&shili)
        .iter()
        .all(|n| !n.contains(['（', '(']) && !n.is_empty()));
}

#[test]
fn a_rubric_with_the_old_texts_is_caught() {
    // Inner Mongolia's file as it was: a note comparing it with Xinxiang, a “表样残留”, and a
    // period in brackets. Each is one problem, named with its place.
    let path = workspace_root().join("rubrics").join("inner-mongolia.toml");
    let text = std::fs::read_to_string(&path).expect("inner-mongolia.toml");
    let mut changed = text.clone();
    for (from, to) in [
        (
            "故按一票否决处理。\",",
            "与新乡“提供虚假评价资料的……当年绩效评价结果为不合格”同理，按否决处理。\",",
        ),
        (
            "“4”不是本项的分值，本项最高 3 分。",
            "“4”是表样残留，本项最高 3 分。",
        ),
        (
            "2017–2019 年间入驻，每家计一次",
            "2017–2019 年间入驻（每家计一次）",
        ),
        (
            "each counted once\"\n\n[uses.resident_teams]",
            "(each counted once)\"\n\n[uses.resident_teams]",
        ),
    ] {
        assert_eq!(changed.matches(from).count(), 1, "{from}");
        changed = changed.replacen(from, to, 1);
    }
    let library = Library::shared().expect("the shared dictionary");
    let rubric = check_source("inner-mongolia.toml", &changed, &library)
        .unwrap_or_else(|p| panic!("{p}"))
        .into_iter()
        .next()
        .expect("one rubric");
    let found = problems(&rubric, &catalogue_regions(), &policy_ids(&every_rubric()));
    let expect = [
        "veto integrity-pledge note 1: names another region [\"新乡\"]",
        "item workstations note 2: developer words [\"表样\"]",
        "field resident_companies: the label “入驻企业数（2017–2019 年间入驻（每家计一次））” nests brackets",
        "field resident_companies: the label “Resident companies (resident at any time in 2017–2019, (each counted once))” nests brackets",
    ];
    for e in expect {
        assert!(
            found.iter().any(|p| p.contains(e)),
            "expected “{e}” among:\n{}",
            found.join("\n")
        );
    }
    assert_eq!(found.len(), expect.len(), "{}", found.join("\n"));
}

/// The relative paths `text` names: a run of path characters (not after another, and not
/// starting with `/`) that starts at one of the workspace's top folders (`rubrics/x.toml`,
/// `tests/examples/`), or holds a `/` and ends in a file's extension (`notes/a.txt`).
fn paths_named(text: &str) -> Vec<String> {
    const TOP: &[&str] = &[
        "rubrics/",
        "docs/",
        "tests/",
        "core/",
        "web/",
        "cli/",
        "sheets/",
        "builtin/",
        "jsapi/",
        "district/",
        "www/",
        "xtask/",
    ];
    const EXTENSIONS: &[&str] = &[
        ".toml", ".txt", ".rs", ".md", ".mjs", ".json", ".csv", ".xlsx",
    ];
    let is_path = |c: char| c.is_ascii_alphanumeric() || "_./-".contains(c);
    let mut out = Vec::new();
    for (at, c) in text.char_indices() {
        let before = text[..at].chars().next_back();
        if c == '/' || !is_path(c) || before.is_some_and(is_path) {
            continue;
        }
        let rest = &text[at..];
        let path: String = rest.chars().take_while(|c| is_path(*c)).collect();
        let path = path.trim_end_matches('.');
        if TOP.iter().any(|t| path.starts_with(t))
            || (path.contains('/') && EXTENSIONS.iter().any(|x| path.ends_with(x)))
        {
            out.push(path.to_string());
        }
    }
    out
}

#[test]
fn worked_examples_and_advice_cite_documents_by_name_and_name_no_missing_file() {
    let titles: BTreeMap<String, String> = every_rubric()
        .iter()
        .map(|r| (r.id().to_string(), r.document().title.clone()))
        .collect();
    let root = workspace_root();
    let mut checked = 0;
    for dir in ["tests/examples", "tests/advice"] {
        for path in toml_files(&root.join(dir)) {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let data: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut ids: BTreeSet<&str> = data
                .get("rubric")
                .and_then(|v| v.as_str())
                .into_iter()
                .collect();
            for case in data
                .get("cases")
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
            {
                ids.extend(case.get("rubric").and_then(|v| v.as_str()));
            }
            assert!(!ids.is_empty(), "{name} names no rubric");
            for id in ids {
                let title = titles
                    .get(id)
                    .unwrap_or_else(|| panic!("{name}: rubric {id} is not known"));
                assert!(
                    text.contains(title.as_str()),
                    "{name} cites its document {id} by its name, “{title}”"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no worked examples found");
    // No file of the data or its examples names a file that is not in the repository: the
    // source documents are cited by their names, never by where a copy of them was kept.
    for dir in [
        "rubrics",
        "docs/examples",
        "tests/examples",
        "tests/advice",
        "tests/advice/rubrics",
    ] {
        for path in toml_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&path).expect("a data file");
            for named in paths_named(&text) {
                assert!(
                    Path::new(&root).join(&named).exists(),
                    "{} names {named}, which is not in the repository",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn paths_named_finds_relative_paths_and_the_check_refuses_a_missing_one() {
    assert_eq!(
        paths_named("the policy in rubrics/catalog.toml (band-edges), and tests/examples/."),
        vec!["rubrics/catalog.toml", "tests/examples/"]
    );
    assert_eq!(
        paths_named("# Source: notes/000_847e125789700d4c.txt, part 四"),
        vec!["notes/000_847e125789700d4c.txt"]
    );
    assert!(paths_named("SITE/rubrics/<id>.bin, /etc/x.txt, 2017/2019, 1/2").is_empty());
    for missing in ["rubrics/catalog.toml", "notes/000_847e125789700d4c.txt"] {
        assert!(!workspace_root().join(missing).exists(), "{missing}");
    }
}
