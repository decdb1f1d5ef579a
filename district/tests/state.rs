//! The district page's state, natively: the reducer is a pure function of state and action,
//! so scoring a file, sorting, opening a space and choosing a rubric are tested here without
//! a browser, with the hostile spreadsheets the CLI's tests use.

use std::rc::Rc;

use spacescore_core::{score_and_advise, Lang, Rubric, Text};
use spacescore_district::scoring::Scoring;
use spacescore_district::state::{Action, Column, FileIn, Outcome, Progress, State};
use spacescore_sheets::RowResult;
use spacescore_tests::sheets::{fixture, subject, Subject};
use spacescore_ui::checker::Checked;
use spacescore_ui::index::{Entry, Index};
use yew::Reducible;

fn index() -> Index {
    Index {
        entries: spacescore_builtin::catalog()
            .rubrics()
            .iter()
            .map(Entry::site)
            .collect(),
    }
}

fn run(state: Rc<State>, actions: Vec<Action>) -> Rc<State> {
    actions.into_iter().fold(state, |s, a| settle(s.reduce(a)))
}

/// The state once the scoring it asks for is done (what the page does a step at a time).
fn settle(state: Rc<State>) -> Rc<State> {
    match state.pending.clone() {
        Some(request) => state.reduce(Action::Scored(request.id, Rc::new(request.run()))),
        None => state,
    }
}

/// Reduces one action and settles the scoring it asks for.
trait Then {
    fn then(self, action: Action) -> Rc<State>;
}

impl Then for Rc<State> {
    fn then(self, action: Action) -> Rc<State> {
        settle(self.reduce(action))
    }
}

fn file(s: &Subject, name: &str) -> Action {
    let f = fixture(s, name);
    Action::Files(vec![Rc::new(FileIn {
        name: f.file,
        bytes: f.bytes,
    })])
}

/// The page with the subject's rubric loaded.
fn loaded(s: &Subject) -> Rc<State> {
    run(
        Rc::new(State::new(Lang::Zh)),
        vec![
            Action::Indexed(index()),
            Action::Loaded(Rc::new(s.rubric.clone())),
        ],
    )
}

fn totals(state: &State) -> Vec<Option<String>> {
    let scored = state.scored().expect("scored");
    state
        .order
        .iter()
        .map(|i| {
            scored.rows.rows()[*i]
                .report()
                .and_then(|r| r.total)
                .map(spacescore_core::fmt_dec)
        })
        .collect()
}

fn rows(state: &State) -> Vec<u64> {
    let scored = state.scored().expect("scored");
    state
        .order
        .iter()
        .map(|i| scored.rows.rows()[*i].row)
        .collect()
}

#[test]
fn a_file_is_scored_once_there_is_a_rubric_and_again_under_another() {
    let s = subject();
    let start = run(
        Rc::new(State::new(Lang::Zh)),
        vec![Action::Indexed(index()), file(&s, "comma lf")],
    );
    assert!(start.outcome.is_none(), "no rubric yet: nothing scored");
    let scored = start.then(Action::Loaded(Rc::new(s.rubric.clone())));
    let rows = &scored.scored().expect("scored").rows;
    assert_eq!(rows.rows().len(), 3);
    for (row, values) in rows.rows().iter().zip([
        ["600", "30", "12"],
        ["3200", "45", "2"],
        ["1,200", "8", "20"],
    ]) {
        let total = row
            .report()
            .and_then(|r| r.total)
            .map(spacescore_core::fmt_dec);
        assert_eq!(total.as_deref(), Some(s.total(&values).as_str()));
    }
    // Under another rubric, the same file's columns are not its fields: refused, said why.
    let other = spacescore_builtin::catalog()
        .rubrics()
        .iter()
        .find(|r| r.id() != s.id() && s.fields.iter().any(|f| r.field(f).is_none()))
        .expect("another rubric")
        .clone();
    let again = scored.then(Action::Loaded(Rc::new(other.clone())));
    match again.outcome.as_deref() {
        Some(Outcome::Refused(m)) => assert!(m.zh.contains(other.id()), "{m:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_refused_file_names_the_page_s_controls_and_the_box_copies_unknown_columns() {
    let s = subject();
    let refused = loaded(&s).then(file(&s, "inject"));
    match refused.outcome.as_deref() {
        Some(Outcome::Refused(m)) => {
            assert!(m.zh.contains("`note`"), "{m:?}");
            assert!(m.zh.contains("复制非字段列"), "{m:?}");
            assert!(m.en.contains("Copy columns that are not fields"), "{m:?}");
            assert!(
                !m.zh.contains("--allow-unknown") && !m.en.contains("--allow-unknown"),
                "{m:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let allowed = refused.then(Action::AllowUnknown(true));
    let scored = allowed.scored().expect("scored with the box ticked");
    assert_eq!(scored.rows.rows().len(), 2);
    assert!(scored
        .header
        .notes
        .iter()
        .any(|n| n.en.contains("`total` is written as `input:total`")));
    let same = allowed.clone().then(Action::AllowUnknown(true));
    assert!(
        Rc::ptr_eq(&allowed, &same),
        "nothing changed: the same state"
    );
}

#[test]
fn sorting_puts_rows_without_a_score_last_both_ways_and_keeps_ties_in_file_order() {
    let s = subject();
    let state = loaded(&s).then(file(&s, "rows"));
    assert_eq!(rows(&state), [2, 3, 4, 5], "file order at first");
    let down = state.then(Action::Sort(Column::Total));
    assert!(down.sort.descending, "numbers highest first");
    let t = totals(&down);
    assert_eq!(&t[2..], [None, None]);
    let numbers: Vec<f64> = t[..2]
        .iter()
        .map(|x| x.as_deref().unwrap_or_default().parse().unwrap_or_default())
        .collect();
    assert!(numbers[0] >= numbers[1], "{t:?}");
    let up = down.then(Action::Sort(Column::Total));
    assert!(!up.sort.descending);
    assert_eq!(&totals(&up)[2..], [None, None], "still last");
    let errors = up.then(Action::Sort(Column::Errors));
    assert!(
        matches!(
            errors.scored().expect("scored").rows.rows()[errors.order[0]].result,
            RowResult::Problem(_)
        ),
        "a row that cannot be scored has the most wrong with it"
    );
    let by_name = errors.then(Action::Sort(Column::Name));
    assert!(!by_name.sort.descending, "names in order");
    assert_eq!(rows(&by_name.then(Action::Sort(Column::Row))), [2, 3, 4, 5]);
}

#[test]
fn an_opened_space_is_explained_as_the_core_explains_it_and_a_problem_row_does_not_open() {
    let s = subject();
    let state = loaded(&s).then(file(&s, "rows"));
    let opened = state.clone().then(Action::Open(1));
    let open = opened.open.as_ref().expect("opened");
    let row = &opened.scored().expect("scored").rows.rows()[1];
    let (full, advice) = score_and_advise(&s.rubric, &row.inputs);
    assert_eq!(*open.report, full);
    assert_eq!(*open.advice, advice);
    assert_eq!(
        open.report.total,
        row.report().and_then(|r| r.total),
        "the table's total"
    );
    assert!(
        open.report.items.iter().any(|i| !i.explanation.is_empty()),
        "explained, unlike the batch's scores"
    );
    assert!(!open.report.errors.is_empty(), "its bad cell is an error");
    let closed = opened.then(Action::Close);
    assert!(closed.open.is_none());
    // Rows 4 and 5 cannot be scored: nothing to open.
    let problem = state.clone().then(Action::Open(2));
    assert!(Rc::ptr_eq(&state, &problem));
    let beyond = state.clone().then(Action::Open(99));
    assert!(Rc::ptr_eq(&state, &beyond));
}

#[test]
fn a_workbook_lists_its_sheets_and_the_sheet_chosen_is_read() {
    let s = subject();
    let state = loaded(&s).then(file(&s, "district xlsx"));
    assert_eq!(
        state.sheets.as_deref(),
        Some(&["notes".to_string(), "spaces".to_string()][..])
    );
    assert!(
        matches!(state.outcome.as_deref(), Some(Outcome::Refused(m)) if m.en.contains("no column of") && m.zh.contains("没有一列")),
        "the first sheet holds notes"
    );
    let spaces = state.then(Action::Sheet("spaces".into()));
    let scored = spaces.scored().expect("scored");
    assert_eq!(scored.summaries[0].1.described.en, "sheet spaces");
    assert_eq!(scored.summaries[0].1.described.zh, "工作表 spaces");
    assert_eq!(rows(&spaces), [2, 4, 5]);
    let csv = loaded(&s).then(file(&s, "comma lf"));
    assert!(csv.sheets.is_none(), "a CSV file has no sheets");
}

#[test]
fn a_rubric_file_is_listed_and_chosen_and_one_with_problems_changes_nothing() {
    let s = subject();
    let state = loaded(&s).then(file(&s, "comma lf"));
    let problems = state.clone().then(Action::Checked(
        "mine.toml".into(),
        Ok(Checked::Problems(vec![Text::new("第 3 行", "line 3")])),
    ));
    assert_eq!(problems.rubric.as_ref().map(|r| r.id()), Some(s.id()));
    assert_eq!(
        problems.rubric_problems.as_ref().map(|p| p.file.as_str()),
        Some("mine.toml")
    );
    assert!(problems.scored().is_some(), "the file stays scored");
    let dismissed = problems.then(Action::DismissProblems);
    assert!(dismissed.rubric_problems.is_none());

    let mut own: Rubric = s.rubric.clone();
    // A rubric of the same fields under another id stands in for a checked rubric file.
    let bytes = own.to_bytes();
    own = Rubric::from_bytes(&bytes).expect("decodes");
    let checked = state.then(Action::Checked(
        "mine.toml".into(),
        Ok(Checked::Rubrics(vec![(Rc::new(own), Rc::new(bytes))])),
    ));
    assert_eq!(checked.opened_from(), Some("mine.toml".to_string()));
    assert!(checked.opened(s.id()).is_some());
    assert!(checked.scored().is_some(), "the file is scored under it");
    let failed = checked.then(Action::Checked("x.toml".into(), Err("boom".into())));
    assert!(failed
        .rubric_error
        .as_ref()
        .is_some_and(|t| t.en.contains("x.toml") && t.en.contains("boom")));
}

#[test]
fn the_language_switches_and_staying_is_no_change() {
    let s = State::new(Lang::Zh);
    let state = Rc::new(s);
    let same = state.clone().then(Action::SetLang(Lang::Zh));
    assert!(Rc::ptr_eq(&state, &same));
    assert_eq!(state.then(Action::SetLang(Lang::En)).lang, Lang::En);
}

fn file_in(name: &str, bytes: &[u8]) -> Rc<FileIn> {
    Rc::new(FileIn {
        name: name.to_string(),
        bytes: bytes.to_vec(),
    })
}

#[test]
fn several_files_are_one_table_each_row_naming_its_file_and_a_bad_one_is_set_aside() {
    let s = subject();
    let csv = fixture(&s, "comma lf");
    let [a, b, c] = s.fields.clone();
    let json = format!(r#"{{"{a}": "600", "{b}": "30", "{c}": "12"}}"#);
    let files = vec![
        file_in(&csv.file, &csv.bytes),
        file_in("filing.json", json.as_bytes()),
        file_in("broken.csv", b"nothing,here\n1,2\n"),
    ];
    let state = loaded(&s).then(Action::Files(files.clone()));
    let scored = state.scored().expect("the good files scored");
    let named: Vec<&str> = scored
        .rows
        .rows()
        .iter()
        .map(|r| r.copied[0].as_str())
        .collect();
    assert_eq!(named, [&csv.file, &csv.file, &csv.file, "filing.json"]);
    assert_eq!(scored.header.layout.copied, ["file", "name"]);
    let json_total = scored.rows.rows()[3]
        .report()
        .and_then(|r| r.total)
        .map(spacescore_core::fmt_dec);
    assert_eq!(
        json_total.as_deref(),
        Some(s.total(&["600", "30", "12"]).as_str())
    );
    // The one that cannot be read is named, with why, in both languages.
    assert_eq!(scored.refused.len(), 1);
    let (name, why) = &scored.refused[0];
    assert_eq!(name, "broken.csv");
    assert!(
        why.en.contains("broken.csv") && why.zh.contains("broken.csv"),
        "{why:?}"
    );
    assert!(why.zh != why.en, "{why:?}");
    // What `spacescore batch` gives for the two good files, row for row.
    let mut table = spacescore_sheets::Files::new(spacescore_sheets::Collect::default(), true);
    let opts = spacescore_sheets::Options {
        door: spacescore_sheets::Door::Page,
        lang: Lang::Zh,
        ..Default::default()
    };
    table.file(&csv.file);
    spacescore_sheets::batch(
        &spacescore_sheets::Bytes {
            name: &csv.file,
            bytes: &csv.bytes,
        },
        &s.rubric,
        &opts,
        &mut table,
    )
    .expect("the CSV file");
    table.file("filing.json");
    spacescore_sheets::json_filing(&s.rubric, "filing.json", json.as_bytes(), &opts, &mut table)
        .expect("the JSON export");
    assert_eq!(scored.rows, table.into_inner());
    // Every file refused: why, file by file.
    let none = loaded(&s).then(Action::Files(vec![
        files[2].clone(),
        file_in("x.json", b"["),
    ]));
    match none.outcome.as_deref() {
        Some(Outcome::Refused(m)) => {
            assert!(
                m.en.contains("broken.csv") && m.en.contains("x.json"),
                "{m:?}"
            );
            assert!(
                m.zh.contains("broken.csv") && m.zh.contains("x.json"),
                "{m:?}"
            );
            assert!(!m.en.contains("x.json: x.json"), "named once: {m:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn cancelling_keeps_the_page_as_it_was_and_a_late_table_is_dropped() {
    let s = subject();
    let before = loaded(&s).then(Action::Files(vec![file_in(
        "a.csv",
        &fixture(&s, "comma lf").bytes,
    )]));
    let rows = fixture(&s, "rows");
    let asked = before
        .clone()
        .reduce(Action::Files(vec![file_in(&rows.file, &rows.bytes)]));
    let request = asked.pending.clone().expect("scoring asked for");
    assert_eq!(
        asked.outcome, before.outcome,
        "the table stays while scoring"
    );
    let progress = Progress {
        done: 2,
        total: 5,
        file: 1,
        files: 1,
    };
    let going = asked.reduce(Action::Progress(request.id, progress));
    assert_eq!(going.progress, Some(progress));
    let stale = going
        .clone()
        .reduce(Action::Progress(request.id + 1, progress));
    assert!(Rc::ptr_eq(&going, &stale), "another request's progress");
    let cancelled = going.reduce(Action::Cancel);
    assert!(cancelled.pending.is_none() && cancelled.progress.is_none());
    assert_eq!(cancelled.files, before.files);
    assert_eq!(cancelled.outcome, before.outcome);
    assert_eq!(cancelled.order, before.order);
    let late = cancelled
        .clone()
        .reduce(Action::Scored(request.id, Rc::new(request.run())));
    assert!(
        Rc::ptr_eq(&cancelled, &late),
        "a cancelled table never shows"
    );
    let again = cancelled.clone().reduce(Action::Cancel);
    assert!(Rc::ptr_eq(&cancelled, &again), "nothing to cancel");
    // Asked again, the run has a new number: the cancelled run's table is still dropped.
    let anew = cancelled.reduce(Action::Files(vec![file_in(&rows.file, &rows.bytes)]));
    let next = anew.pending.clone().expect("asked again");
    assert!(next.id > request.id, "{} after {}", next.id, request.id);
    let late = anew
        .clone()
        .reduce(Action::Scored(request.id, Rc::new(request.run())));
    assert!(Rc::ptr_eq(&anew, &late));
}

#[test]
fn scoring_step_by_step_counts_every_row_and_ends_with_the_table_of_one_run() {
    let s = subject();
    let csv = fixture(&s, "rows");
    let xlsx = fixture(&s, "district xlsx");
    let asked = loaded(&s).reduce(Action::Files(vec![
        file_in(&csv.file, &csv.bytes),
        file_in(&xlsx.file, &xlsx.bytes),
    ]));
    let request = asked.pending.clone().expect("asked");
    let mut scoring = Scoring::new(&request);
    let mut seen = Vec::new();
    while !scoring.step(1) {
        seen.push((scoring.done(), scoring.total(), scoring.files()));
    }
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert!(seen.iter().all(|(d, t, _)| d <= t), "{seen:?}");
    assert_eq!(seen.last().map(|x| x.2), Some((2, 2)));
    assert_eq!(scoring.done(), scoring.total());
    assert!(scoring.total() >= 5, "the CSV file's rows and the sheet's");
    assert_eq!(scoring.outcome(), request.run());
}
