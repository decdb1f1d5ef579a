//! The studio's state, natively: its reducer is pure, so every start, edit, undo, worked
//! example, comparison and export is tested here without a browser. Tests discover what
//! exists: every built-in rubric, every seed table of `tests/draft/`.

use std::io::Read;
use std::path::PathBuf;
use std::rc::Rc;

use rust_decimal_macros::dec;
use spacescore_core::rubric::source::{parse, render, Val};
use spacescore_core::{score, Inputs, Value};
use spacescore_studio::bundle::{index_json, stem, zip};
use spacescore_studio::doc::Outcome;
use spacescore_studio::paste::{expand, Cell, MAX_SPAN};
use spacescore_studio::state::{add_section, bump, item_path, Action, Start, State};
use spacescore_studio::tree::{at, dom_id, get, key, Path};
use spacescore_ui::index::Index;
use yew::Reducible;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every seed table of `tests/draft/`, by name.
fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("tests/draft"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "tests/draft holds the seed tables");
    out
}

fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
    actions.into_iter().fold(state, Reducible::reduce)
}

fn start(s: Start) -> Rc<State> {
    run(Rc::new(State::default()), [Action::Start(s)])
}

fn text(s: &State) -> String {
    s.doc.as_ref().unwrap().text.to_string()
}

fn builtin(id: &str) -> Rc<spacescore_core::Rubric> {
    Rc::new(spacescore_builtin::catalog().rubric(id).unwrap().clone())
}

#[test]
fn nothing_opens_a_file_that_passes_the_checker() {
    let s = start(Start::Empty);
    let doc = s.doc.as_ref().unwrap();
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    assert_eq!(doc.rubrics.len(), 1);
    assert!(s.base.is_none() && s.drafted.is_none());
}

#[test]
fn every_seed_table_pasted_is_drafted_quoted_and_flagged_as_the_drafter_says() {
    for (name, tsv) in seeds() {
        let s = start(Start::Pasted(tsv.clone()));
        let doc = s
            .doc
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: {:?}", s.message));
        let drafted = s.drafted.as_ref().unwrap();
        // The items flagged in the tree are the ones the drafter's report asks to review.
        let flagged: Vec<String> = doc
            .flagged()
            .into_iter()
            .map(|i| {
                get(&doc.tree, &[key("items"), at(i), key("id")])
                    .unwrap()
                    .as_text()
                    .unwrap()
            })
            .collect();
        let asked: Vec<String> = drafted
            .items
            .iter()
            .filter(|i| !i.review.is_empty())
            .map(|i| i.id.clone())
            .collect();
        assert_eq!(flagged, asked, "{name}");
        // Every item's name from the table is in the file.
        for item in &drafted.items {
            assert!(doc.text.contains(&item.name), "{name}: {}", item.name);
        }
        // Exported, opened again and exported: the same bytes.
        let again = start(Start::Saved(text(&s)));
        assert_eq!(text(&again), text(&s), "{name}");
        // The same table as a file is the same draft.
        let file = start(Start::File {
            name: name.clone(),
            bytes: tsv.into_bytes(),
        });
        assert_eq!(text(&file), text(&s), "{name}");
    }
}

#[test]
fn every_builtin_rubric_opens_checked_unchanged_and_compares_after_a_version_bump() {
    for r in spacescore_builtin::catalog().rubrics() {
        let id = r.id().to_string();
        let s = start(Start::Rubric(Rc::new(r.clone())));
        let doc = s.doc.as_ref().unwrap();
        assert!(doc.problems.is_empty(), "{id}: {:?}", doc.problems);
        assert_eq!(doc.rubrics[0].hash(), r.hash(), "{id}");
        assert_eq!(s.changes(), Some(Vec::new()), "{id}");
        let bumped = run(Rc::clone(&s), [Action::BumpVersion]);
        let changes = bumped.changes().unwrap();
        let want = bump(r.version());
        assert!(
            changes
                .iter()
                .any(|c| c.text.en.contains(&want) && c.text.en.contains(r.version())),
            "{id}: {changes:?}"
        );
        // Undone, it is the same file again; redone, the bump again.
        let undone = run(Rc::clone(&bumped), [Action::Undo]);
        assert_eq!(text(&undone), text(&s), "{id}");
        let redone = run(undone, [Action::Redo]);
        assert_eq!(text(&redone), text(&bumped), "{id}");
    }
}

#[test]
fn a_version_bump_raises_the_last_number() {
    assert_eq!(bump("2026.11.1"), "2026.11.2");
    assert_eq!(bump("1"), "2");
    assert_eq!(bump("2024.9"), "2024.10");
    assert_eq!(bump("v2"), "v3");
    assert_eq!(bump("draft"), "draft.2");
    assert_eq!(bump(""), "1");
}

/// The path of key `k` of the first item.
fn first_item(k: &str) -> Path {
    let mut p = item_path(0);
    p.push(key(k));
    p
}

#[test]
fn a_wrong_value_is_named_beside_its_item_kept_as_typed_and_undone_in_one_step() {
    let s = start(Start::Empty);
    let id = "item-1";
    // Typed a character at a time: one undo step.
    let typed = run(
        Rc::clone(&s),
        [
            Action::Set(first_item("max"), Val::Text("-".into())),
            Action::Set(first_item("max"), Val::Text("-1".into())),
        ],
    );
    let doc = typed.doc.as_ref().unwrap();
    assert!(
        !doc.problems_at(&format!("item {id}")).is_empty(),
        "{:?}",
        doc.problems
    );
    assert!(doc.text.contains("max = \"-1\""), "kept as typed");
    assert!(
        doc.rubrics.is_empty(),
        "no preview while the rules have problems"
    );
    assert_eq!(typed.undo.len(), 1);
    let undone = run(typed, [Action::Undo]);
    assert_eq!(text(&undone), text(&s));
    // Setting a place that does not exist changes nothing.
    let same = run(
        Rc::clone(&s),
        [Action::Set(
            vec![key("items"), at(9), key("max")],
            Val::Text("1".into()),
        )],
    );
    assert!(Rc::ptr_eq(&same, &s));
}

#[test]
fn every_kind_can_be_added_as_a_term_and_the_checker_asks_for_its_required_keys() {
    for kind in spacescore_core::kinds::KINDS {
        let s = run(
            start(Start::Empty),
            [Action::AddTerm(0, kind.name.to_string())],
        );
        let doc = s.doc.as_ref().unwrap();
        let terms = get(&doc.tree, &first_item("terms")).unwrap().items().len();
        assert_eq!(terms, 2, "{}", kind.name);
        let required = kind.keys.iter().any(|k| k.required);
        let at_term = doc.problems_at("item item-1, term 2");
        assert_eq!(!at_term.is_empty(), required, "{}: {at_term:?}", kind.name);
    }
}

#[test]
fn an_item_marked_reviewed_loses_its_review_notes_only() {
    let (_, tsv) = seeds()
        .into_iter()
        .find(|(n, _)| n.starts_with("ningxia-maker-space"))
        .unwrap();
    let s = start(Start::Pasted(tsv));
    let before = s.doc.as_ref().unwrap().flagged();
    let first = before[0];
    let s2 = run(Rc::clone(&s), [Action::Reviewed(first)]);
    let after = s2.doc.as_ref().unwrap().flagged();
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&first));
    // Marking it again changes nothing.
    let s3 = run(Rc::clone(&s2), [Action::Reviewed(first)]);
    assert!(Rc::ptr_eq(&s2, &s3));
}

/// Sets key `k` of the worked example at `case` to `v`.
fn case_set(case: usize, path: &[&str], v: &str) -> Action {
    let mut p = vec![key("cases"), at(case)];
    p.extend(path.iter().map(|k| key(k)));
    Action::Set(p, Val::Text(v.into()))
}

#[test]
fn worked_examples_take_the_previews_figures_and_pass_or_fail_live() {
    // 内蒙古 创客工位数: “1-20得1分；20-40得2分；40以上得3分” — 35 workstations are in the
    // 20-40 band: 2 points, and nothing else is filled in, so the total is 2.
    let s = run(
        start(Start::Rubric(builtin("inner-mongolia/maker-space"))),
        [
            Action::Input("workstations".into(), Value::Text("35".into())),
            Action::AddCase,
        ],
    );
    let doc = s.doc.as_ref().unwrap();
    let case = &doc.cases()[0];
    assert_eq!(
        get(case, &[key("inputs"), key("workstations")]),
        Some(&Val::Text("35".into()))
    );
    // The expected total is left for the official: blank, so the example does not pass yet.
    assert!(matches!(doc.outcome(0), Outcome::Fail(_)));
    let filled = run(
        Rc::clone(&s),
        [
            case_set(
                0,
                &["clause"],
                "四、自评表 创客工位数：1-20得1分；20-40得2分；40以上得3分",
            ),
            case_set(0, &["expect", "items", "workstations"], "2"),
            case_set(0, &["expect", "total"], "2"),
        ],
    );
    let doc = filled.doc.as_ref().unwrap();
    assert_eq!(doc.outcome(0), Outcome::Pass, "{:?}", doc.problems);
    assert!(doc.problems.is_empty());
    // The rule changed under it (the 20-40 band now 3 points): the example fails, saying so.
    let band = vec![
        key("items"),
        at(1),
        key("terms"),
        at(0),
        key("bands"),
        at(1),
        key("points"),
    ];
    assert_eq!(
        get(&doc.tree, &band[..2]).and_then(|i| i.get("id")),
        Some(&Val::Text("workstations".into()))
    );
    let changed = run(
        Rc::clone(&filled),
        [Action::Set(band, Val::Text("3".into()))],
    );
    let doc = changed.doc.as_ref().unwrap();
    match doc.outcome(0) {
        Outcome::Fail(p) => assert!(
            p.iter().any(|p| p.message.en.contains("workstations")),
            "{p:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        !doc.rubrics.is_empty(),
        "a failing example leaves the preview"
    );
    // Saved in the file, in the worked-example format: opened again, it still passes.
    let reopened = start(Start::Saved(text(&filled)));
    assert_eq!(reopened.doc.as_ref().unwrap().outcome(0), Outcome::Pass);
}

#[test]
fn files_open_by_their_kind_and_bad_ones_are_named_keeping_the_document() {
    let r = builtin("xinxiang/professional");
    let toml = std::fs::read(root().join("rubrics/xinxiang.toml")).unwrap();
    let s = start(Start::File {
        name: "xinxiang.toml".into(),
        bytes: toml,
    });
    assert_eq!(
        s.doc.as_ref().unwrap().rubrics.len(),
        2,
        "the file defines two rubrics"
    );
    assert!(s.base.is_some());
    let s = start(Start::File {
        name: "x.bin".into(),
        bytes: r.to_bytes(),
    });
    assert_eq!(s.base.as_ref().unwrap().hash(), r.hash());
    assert_eq!(s.changes(), Some(Vec::new()));
    // Bad files: the message names the file; what was open stays open.
    let open = start(Start::Empty);
    for (name, bytes) in [
        ("bad.toml", vec![0xff, 0xfe, 0x00]),
        ("broken.toml", b"[document\ntitle = 1".to_vec()),
        ("damaged.bin", b"not a compiled rubric".to_vec()),
        ("table.docx", b"not a zip".to_vec()),
        ("empty.tsv", Vec::new()),
    ] {
        let s = run(
            Rc::clone(&open),
            [Action::Start(Start::File {
                name: name.into(),
                bytes,
            })],
        );
        let m = s.message.as_ref().unwrap_or_else(|| panic!("{name}"));
        assert!(
            m.zh.contains(name) || m.en.contains(name) || name.ends_with(".tsv"),
            "{name}: {m:?}"
        );
        assert_eq!(text(&s), text(&open), "{name}");
    }
}

#[test]
fn an_html_table_is_expanded_as_the_text_an_official_copies() {
    let cell = |t: &str, rows: usize, columns: usize| Cell {
        text: t.into(),
        rows,
        columns,
    };
    let rows = vec![
        vec![
            cell("一级指标", 1, 1),
            cell("二级指标", 1, 1),
            cell("评分标准", 1, 1),
            cell("分值", 1, 1),
        ],
        vec![
            cell("服务能力", 2, 1),
            cell("创业导师", 1, 1),
            cell("每2位导师得1分，最高5分", 1, 1),
            cell("5", 1, 1),
        ],
        vec![
            cell("孵化资金", 1, 1),
            cell("大于50万得3分，每增加50万加1分，最高5分", 1, 2),
        ],
    ];
    let grid = expand(&rows);
    assert_eq!(
        grid,
        vec![
            vec!["一级指标", "二级指标", "评分标准", "分值"],
            vec!["服务能力", "创业导师", "每2位导师得1分，最高5分", "5"],
            vec![
                "",
                "孵化资金",
                "大于50万得3分，每增加50万加1分，最高5分",
                ""
            ],
        ]
    );
    let tsv: String = grid.iter().map(|r| r.join("\t") + "\n").collect();
    let from_rows = start(Start::Rows(grid));
    assert_eq!(text(&from_rows), text(&start(Start::Pasted(tsv))));
    // A hostile span stays within the table's rows and a bounded width.
    let huge = expand(&[vec![cell("x", 1_000_000, 1_000_000)], vec![cell("y", 1, 1)]]);
    assert_eq!(huge.len(), 2);
    assert_eq!(huge[0].len(), MAX_SPAN);
}

#[test]
fn the_bundle_holds_what_publish_writes_and_is_the_same_every_time() {
    let r = builtin("ningxia/incubator");
    let name = format!("{}.toml", stem(r.id()));
    let toml = render(&spacescore_core::rubric::source::of(&r));
    let bytes = zip(&[&r], &name, &toml).unwrap();
    assert_eq!(bytes, zip(&[&r], &name, &toml).unwrap(), "deterministic");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |n: &str| {
        let mut out = Vec::new();
        archive.by_name(n).unwrap().read_to_end(&mut out).unwrap();
        out
    };
    let bin = read(&format!("rubrics/{}.bin", r.id()));
    assert_eq!(
        spacescore_core::Rubric::from_bytes(&bin).unwrap().hash(),
        r.hash()
    );
    let index = Index::parse(&String::from_utf8(read("rubrics/index.json")).unwrap()).unwrap();
    assert_eq!(index.entries.len(), 1);
    assert_eq!(index.entries[0].id, r.id());
    assert_eq!(index.entries[0].hash, r.hash());
    assert_eq!(read(&name), toml.as_bytes());
    let readme = String::from_utf8(read("README.md")).unwrap();
    assert!(readme.contains("spacescore publish") && readme.contains("网站"));
    let embed = String::from_utf8(read("embed.html")).unwrap();
    assert!(embed.contains(&format!("data-rubric-src=\"/rubrics/{name}\"")));
    assert_eq!(index_json(&[&r]).lines().count(), 1);
}

#[test]
fn a_rubric_file_written_by_the_studio_scores_as_the_rubric_it_came_from() {
    // Opened from a built-in, written, read back: the same scores for the same figures.
    let r = builtin("inner-mongolia/maker-space");
    let s = start(Start::Rubric(Rc::clone(&r)));
    let written = parse(&text(&s)).unwrap();
    let again = start(Start::Saved(render(&written)));
    let new = &again.doc.as_ref().unwrap().rubrics[0];
    let mut inputs = Inputs::new();
    inputs.insert("workstations".into(), Value::Text("35".into()));
    assert_eq!(score(new, &inputs).total, Some(dec!(2)));
    assert_eq!(score(&r, &inputs).total, Some(dec!(2)));
}

#[test]
fn dom_ids_are_unique_per_path_and_safe() {
    let a = dom_id(&[key("items"), at(3), key("name")]);
    let b = dom_id(&[key("items"), at(3), key("name_en")]);
    assert_ne!(a, b);
    assert_eq!(a, "e-items-3-name");
    let odd = dom_id(&[key("score.item-1"), key("x y")]);
    assert!(
        odd.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{odd}"
    );
}

#[test]
fn the_language_and_notices_change_only_what_they_say() {
    let s = start(Start::Empty);
    let en = run(Rc::clone(&s), [Action::Lang(spacescore_core::Lang::En)]);
    assert_eq!(en.lang, spacescore_core::Lang::En);
    assert_eq!(text(&en), text(&s));
    let aside = run(Rc::clone(&s), [Action::KeptAside("k".into())]);
    assert_eq!(aside.aside.as_deref(), Some("k"));
    let dismissed = run(aside, [Action::Dismiss]);
    assert!(dismissed.aside.is_none());
    assert_eq!(text(&dismissed), text(&s));
}

#[test]
fn every_part_of_the_format_can_be_added_and_the_checker_then_speaks_of_it() {
    let s = start(Start::Empty);
    let tree = &s.doc.as_ref().unwrap().tree;
    for k in spacescore_core::rubric::source::order("") {
        if tree.get(k).is_some() {
            continue;
        }
        let action = add_section(k).unwrap();
        let mut added = run(Rc::clone(&s), [action]);
        // A table of ids is written once it has an entry: add one, as its “add a key” does.
        if added.doc.as_ref().unwrap().tree.get(k) == Some(&Val::Table(Vec::new())) {
            let entry = spacescore_studio::tree::template(k);
            added = run(added, [Action::Set(vec![key(k), key("new_field")], entry)]);
        }
        let doc = added.doc.as_ref().unwrap();
        assert!(doc.tree.get(k).is_some(), "{k}");
        // Written and read back, the part is still there: it is part of the file.
        assert!(doc.text.contains(k), "{k}: {}", doc.text);
        // Undone, the file is as it was.
        let undone = run(added, [Action::Undo, Action::Undo]);
        assert_eq!(text(&undone), text(&s), "{k}");
    }
    assert!(add_section("").is_none());
}

#[test]
fn a_document_compares_with_another_rubric_or_file_and_a_bad_file_is_named() {
    let im = builtin("inner-mongolia/maker-space");
    let xx = builtin("xinxiang/professional");
    let s = start(Start::Rubric(Rc::clone(&im)));
    let other = run(
        Rc::clone(&s),
        [Action::CompareWith(Start::Rubric(Rc::clone(&xx)))],
    );
    let changes = other.changes().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.text.en.contains(xx.id()) && c.text.en.contains(im.id())),
        "{changes:?}"
    );
    assert_eq!(
        text(&other),
        text(&s),
        "comparing changes nothing in the document"
    );
    // A compiled file of the same rubric: no change.
    let same = run(
        Rc::clone(&other),
        [Action::CompareWith(Start::File {
            name: "im.bin".into(),
            bytes: im.to_bytes(),
        })],
    );
    assert_eq!(same.changes(), Some(Vec::new()));
    // A file that is not a rubric: named; the comparison stays as it was.
    let bad = run(
        Rc::clone(&same),
        [Action::CompareWith(Start::File {
            name: "notes.toml".into(),
            bytes: b"x = ".to_vec(),
        })],
    );
    assert!(bad.message.as_ref().unwrap().en.contains("notes.toml"));
    assert_eq!(bad.changes(), Some(Vec::new()));
}
