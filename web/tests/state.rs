//! The page's state, natively: the reducer is a pure function of state and action, so every
//! arm is tested here without a browser. What the browser does (loading a rubric, keeping
//! figures aside) is asked for as an effect, whose result is fed back as the next action.

use std::rc::Rc;

use spacescore_core::saved::SavedWork;
use spacescore_core::{Inputs, Lang, Rubric, Text, Value};
use spacescore_ui::checker::Checked;
use spacescore_ui::index::{Entry, Index};
use spacescore_web::config::Config;
use spacescore_web::load::Boot;
use spacescore_web::persist::Loaded;
use spacescore_web::state::{Action, Effect, NoticeAction, NoticeKind, State};
use yew::Reducible;

fn rubric(id: &str) -> Rc<Rubric> {
    Rc::new(
        spacescore_builtin::catalog()
            .rubric(id)
            .unwrap_or_else(|_| panic!("{id} is built in"))
            .clone(),
    )
}

fn index() -> Index {
    Index {
        entries: spacescore_builtin::catalog()
            .rubrics()
            .iter()
            .map(Entry::site)
            .collect(),
    }
}

fn boot(id: &str, config: Config) -> Boot {
    Boot {
        index: index(),
        rubric: rubric(id),
        saved: Loaded::default(),
        config,
        lang: Lang::Zh,
        unknown: None,
        storage: true,
        base: "/".into(),
        typed: Inputs::new(),
        focus: None,
        typed_applicant: None,
    }
}

fn state(id: &str) -> Rc<State> {
    Rc::new(State::new(boot(id, Config::default())))
}

fn set(field: &str, text: &str) -> Action {
    Action::Set(field.to_string(), Value::Text(text.to_string()))
}

/// The newest effect asked for.
fn last_effect(s: &State) -> Option<&Effect> {
    s.effects.last().map(|(_, e)| e)
}

#[test]
fn setting_a_field_rescores_and_an_unchanged_value_changes_nothing() {
    let s = state("xinxiang/comprehensive");
    assert_eq!(s.report.total, Some(0.into()));
    let s = s.reduce(set("incubation_fund", "180"));
    assert_eq!(
        s.report.item("incubation-fund").and_then(|i| i.score),
        Some(7.into())
    );
    let again = Rc::clone(&s).reduce(set("incubation_fund", "180"));
    assert!(
        Rc::ptr_eq(&s, &again),
        "an arm that changes nothing returns self"
    );
    let unknown = Rc::clone(&s).reduce(set("not_a_field", "1"));
    assert!(Rc::ptr_eq(&s, &unknown));
    let cleared = s.reduce(set("incubation_fund", ""));
    assert!(
        !cleared.values.contains_key("incubation_fund"),
        "empty text clears the field"
    );
    assert_eq!(cleared.report.total, Some(0.into()));
}

#[test]
fn the_first_state_scores_the_saved_figures_and_says_what_loading_found() {
    let mut b = boot("inner-mongolia/maker-space", Config::default());
    b.saved
        .values
        .insert("site_area".into(), Value::Text("3,000".into()));
    b.saved.older_version = Some("2025.1".into());
    b.unknown = Some("atlantis/x".into());
    b.storage = false;
    let s = State::new(b);
    assert_eq!(
        s.report.item("service-area").and_then(|i| i.score),
        Some(3.into())
    );
    let texts: Vec<&str> = s.notices.iter().map(|n| n.text.zh.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("2025.1")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("atlantis/x")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("本地存储")), "{texts:?}");
    assert!(s.effects.is_empty(), "nothing to do at start");
}

#[test]
fn a_bad_value_is_kept_as_typed_and_reported() {
    let s = state("inner-mongolia/maker-space").reduce(set("mentors", "3.5"));
    assert_eq!(s.values.get("mentors"), Some(&Value::Text("3.5".into())));
    assert_eq!(s.report.errors.len(), 1);
    assert_eq!(s.report.item("mentor-count").and_then(|i| i.score), None);
}

#[test]
fn choosing_a_rubric_asks_for_it_and_shows_it_with_its_saved_figures_once_loaded() {
    let s = state("inner-mongolia/maker-space").reduce(set("site_area", "600"));
    let asked = Rc::clone(&s).reduce(Action::Choose("xinxiang/professional".into()));
    assert_eq!(asked.loading.as_deref(), Some("xinxiang/professional"));
    assert_eq!(
        last_effect(&asked),
        Some(&Effect::Load("xinxiang/professional".into()))
    );
    assert_eq!(
        asked.rubric.id(),
        "inner-mongolia/maker-space",
        "shown until it has loaded"
    );
    let mut saved = Loaded::default();
    saved
        .values
        .insert("incubation_fund".into(), Value::Text("180".into()));
    let shown = asked.reduce(Action::Loaded(rubric("xinxiang/professional"), saved));
    assert_eq!(shown.rubric.id(), "xinxiang/professional");
    assert_eq!(shown.loading, None);
    let mut figures = Inputs::new();
    figures.insert("incubation_fund".into(), Value::Text("180".into()));
    assert_eq!(
        *shown.advice,
        spacescore_core::advise(&rubric("xinxiang/professional"), &figures),
        "the advice is the new rubric's at once, never the last one's"
    );
    assert!(!shown.advising);
    assert_eq!(
        shown.report.item("incubation-fund").and_then(|i| i.score),
        Some(7.into())
    );
    let same = Rc::clone(&shown).reduce(Action::Choose("atlantis/x".into()));
    assert!(
        Rc::ptr_eq(&shown, &same),
        "a rubric the page does not list changes nothing"
    );
    let failed = shown
        .reduce(Action::Choose("ningxia/incubator".into()))
        .reduce(Action::LoadFailed(
            "ningxia/incubator".into(),
            Text::new("无法加载", "cannot load"),
        ));
    assert_eq!(failed.loading, None);
    assert_eq!(
        failed.rubric.id(),
        "xinxiang/professional",
        "what was shown stays"
    );
    assert!(failed.notices.iter().any(|n| n.kind == NoticeKind::Error));
}

#[test]
fn a_locked_widget_cannot_switch_rubric() {
    let s = Rc::new(State::new(boot(
        "ningxia/incubator",
        Config {
            lock: true,
            ..Config::default()
        },
    )));
    let after = Rc::clone(&s).reduce(Action::Choose("ningxia/maker-space".into()));
    assert!(Rc::ptr_eq(&s, &after));
}

#[test]
fn broken_imports_and_links_become_notices_not_crashes() {
    let s = state("inner-mongolia/maker-space").reduce(set("site_area", "600"));
    let s = s.reduce(Action::Import("{ not json".into()));
    let last = s.notices.last().expect("a notice");
    assert_eq!(last.kind, NoticeKind::Error);
    assert!(last.text.zh.contains("文件无法导入"));
    assert_eq!(
        s.values.get("site_area"),
        Some(&Value::Text("600".into())),
        "nothing lost"
    );
    let s = s.reduce(Action::Restore("spacescore/1/no-such-backup".into(), None));
    assert!(s
        .notices
        .last()
        .is_some_and(|n| n.kind == NoticeKind::Error && n.text.zh.contains("无法恢复")));
    let s = s.reduce(Action::OpenShared("#d=@@@".into()));
    assert!(s
        .notices
        .last()
        .is_some_and(|n| n.text.zh.contains("分享链接")));
    let n = s.notices.len();
    let id = s.notices.last().map(|n| n.id).unwrap_or_default();
    let s = s.reduce(Action::Dismiss(id));
    assert_eq!(s.notices.len(), n - 1);
}

fn work(id: &str, values: &[(&str, &str)]) -> SavedWork {
    let r = rubric(id);
    let values: Inputs = values
        .iter()
        .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
        .collect();
    SavedWork::new(&r, values, None)
}

#[test]
fn imported_figures_replace_the_current_ones_after_these_are_kept_aside() {
    let s = state("inner-mongolia/maker-space").reduce(set("site_area", "600"));
    let imported = s.reduce(Action::Import(
        work("inner-mongolia/maker-space", &[("mentors", "8")]).to_json(),
    ));
    match last_effect(&imported) {
        Some(Effect::BackUp(r, values, _)) => {
            assert_eq!(r.id(), "inner-mongolia/maker-space");
            assert_eq!(
                values.get("site_area"),
                Some(&Value::Text("600".into())),
                "the old figures"
            );
        }
        other => panic!("expected a backup, got {other:?}"),
    }
    assert_eq!(
        imported.values.get("mentors"),
        Some(&Value::Text("8".into()))
    );
    assert!(!imported.values.contains_key("site_area"));
    let backed = imported.reduce(Action::BackedUp(Some("k".into())));
    assert_eq!(
        backed.notices.last().and_then(|n| n.action.clone()),
        Some(NoticeAction::Restore("k".into()))
    );
}

#[test]
fn figures_for_another_rubric_wait_for_it_to_load() {
    let s = state("inner-mongolia/maker-space");
    let asked = s.reduce(Action::Import(
        work("xinxiang/professional", &[("incubation_fund", "180")]).to_json(),
    ));
    assert_eq!(asked.loading.as_deref(), Some("xinxiang/professional"));
    let mut saved = Loaded::default();
    saved
        .values
        .insert("events".into(), Value::Text("3".into()));
    let shown = asked.reduce(Action::Loaded(rubric("xinxiang/professional"), saved));
    assert_eq!(
        shown.values.get("incubation_fund"),
        Some(&Value::Text("180".into()))
    );
    assert!(
        shown
            .effects
            .iter()
            .any(|(_, e)| matches!(e, Effect::BackUp(_, v, _) if v.contains_key("events"))),
        "the saved figures of that rubric are kept aside first"
    );
}

#[test]
fn figures_for_a_rubric_file_not_opened_here_are_kept_and_the_person_told() {
    let mut w = work("xinxiang/professional", &[("incubation_fund", "180")]);
    w.rubric = "shili/maker-space".into();
    w.rubric_hash = Some("abcdef0123456789".into());
    let s = state("inner-mongolia/maker-space").reduce(Action::OpenShared(format!(
        "#{}",
        spacescore_core::saved::to_fragment(&w)
    )));
    assert!(
        matches!(last_effect(&s), Some(Effect::KeepWaiting(k)) if k.rubric == "shili/maker-space")
    );
    let text = &s.notices.last().expect("a notice").text.zh;
    assert!(
        text.contains("shili/maker-space") && text.contains("abcdef012345"),
        "{text}"
    );
    assert_eq!(s.rubric.id(), "inner-mongolia/maker-space");
}

/// A built-in rubric under another id, as a rubric file a person might open.
fn opened_copy(id: &str) -> (Rc<Rubric>, Rc<Vec<u8>>) {
    let library = spacescore_core::check::Library::shared().expect("library");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../rubrics/xinxiang.toml"
    ))
    .expect("xinxiang.toml")
    .replace("xinxiang/professional", id)
    .replace("xinxiang/comprehensive", "copy/comprehensive");
    let rubrics =
        spacescore_core::check::check_source("copy.toml", &text, &library).expect("checks");
    let r = rubrics
        .into_iter()
        .find(|r| r.id() == id)
        .expect("the copy");
    let bytes = r.to_bytes();
    (Rc::new(r), Rc::new(bytes))
}

#[test]
fn a_rubric_file_is_listed_kept_and_loaded_or_its_problems_shown() {
    let s = state("inner-mongolia/maker-space");
    let problems = Rc::clone(&s).reduce(Action::Checked(
        "bad.toml".into(),
        Ok(Checked::Problems(vec![Text::new(
            "bad.toml:3 …",
            "bad.toml:3 …",
        )])),
    ));
    assert_eq!(
        problems.file_problems.as_ref().map(|p| p.file.as_str()),
        Some("bad.toml")
    );
    assert_eq!(
        problems.rubric.id(),
        "inner-mongolia/maker-space",
        "nothing else changes"
    );
    let cleared = problems.reduce(Action::DismissProblems);
    assert!(cleared.file_problems.is_none());

    let (copy, bytes) = opened_copy("copy/professional");
    let opened = s.reduce(Action::Checked(
        "copy.toml".into(),
        Ok(Checked::Rubrics(vec![(Rc::clone(&copy), bytes)])),
    ));
    let entry = opened.index.get("copy/professional").expect("listed");
    assert_eq!(entry.opened_from.as_deref(), Some("copy.toml"));
    assert!(!entry.is_site());
    assert!(opened.effects.iter().any(|(_, e)| matches!(e, Effect::KeepOpened(id, file, _) if id == "copy/professional" && file == "copy.toml")));
    assert_eq!(
        last_effect(&opened),
        Some(&Effect::Load("copy/professional".into()))
    );
    assert!(
        opened.opened("copy/professional").is_some(),
        "kept in memory for this visit"
    );
    let shown = opened.reduce(Action::Loaded(copy, Loaded::default()));
    assert_eq!(
        shown.entry().and_then(|e| e.opened_from.clone()).as_deref(),
        Some("copy.toml")
    );

    // A file may not take the id of one of the site's rubrics.
    let (same_id, bytes) = opened_copy("xinxiang/professional");
    let refused = state("inner-mongolia/maker-space").reduce(Action::Checked(
        "same.toml".into(),
        Ok(Checked::Rubrics(vec![(same_id, bytes)])),
    ));
    assert!(refused
        .notices
        .iter()
        .any(|n| n.kind == NoticeKind::Error && n.text.zh.contains("xinxiang/professional")));
    assert_eq!(refused.loading, None);
}

#[test]
fn figures_typed_before_the_app_took_over_are_kept_and_what_they_replace_is_kept_aside() {
    let mut b = boot("inner-mongolia/maker-space", Config::default());
    b.saved
        .values
        .insert("site_area".into(), Value::Text("600".into()));
    b.saved
        .values
        .insert("mentors".into(), Value::Text("4".into()));
    b.typed
        .insert("site_area".into(), Value::Text("3,000".into()));
    b.typed
        .insert("workstations".into(), Value::Text("40".into()));
    b.typed
        .insert("not_a_field".into(), Value::Text("1".into()));
    let s = State::new(b);
    assert_eq!(
        s.values.get("site_area"),
        Some(&Value::Text("3,000".into())),
        "typed wins"
    );
    assert_eq!(
        s.values.get("workstations"),
        Some(&Value::Text("40".into()))
    );
    assert_eq!(
        s.values.get("mentors"),
        Some(&Value::Text("4".into())),
        "saved and not typed: kept"
    );
    assert!(!s.values.contains_key("not_a_field"));
    assert_eq!(
        s.report.item("service-area").and_then(|i| i.score),
        Some(3.into()),
        "scored at once"
    );
    match last_effect(&s) {
        Some(Effect::BackUp(_, saved, _)) => {
            assert_eq!(
                saved.get("site_area"),
                Some(&Value::Text("600".into())),
                "the replaced figures are kept aside"
            );
        }
        other => panic!("expected a backup, got {other:?}"),
    }
    assert!(s
        .notices
        .iter()
        .any(|n| n.text.zh.contains("页面加载完成前")));

    // Typed figures that replace nothing need no backup.
    let mut b = boot("inner-mongolia/maker-space", Config::default());
    b.typed.insert("mentors".into(), Value::Text("7".into()));
    let s = State::new(b);
    assert!(s.effects.is_empty());
    assert_eq!(
        s.report.item("mentor-count").and_then(|i| i.score),
        Some(3.into())
    );
}

#[test]
fn the_print_view_is_drawn_only_while_printing() {
    let s = state("inner-mongolia/maker-space");
    assert!(s.printing.is_none());
    let printing = s.reduce(Action::Printing(Some("2026-11-29".into())));
    assert_eq!(printing.printing.as_deref(), Some("2026-11-29"));
    let done = printing.reduce(Action::Printing(None));
    assert!(done.printing.is_none());
    let again = Rc::clone(&done).reduce(Action::Printing(None));
    assert!(Rc::ptr_eq(&done, &again));
}

#[test]
fn a_scenario_keeps_the_figures_to_compare_and_going_back_keeps_the_current_ones_aside() {
    let s = state("inner-mongolia/maker-space").reduce(set("workstations", "35"));
    assert!(s.scenario.is_none());
    let kept = s.reduce(Action::KeepScenario);
    let sc = kept.scenario.clone().expect("a scenario");
    assert_eq!(sc.name, "方案 A");
    assert_eq!(
        sc.values.get("workstations"),
        Some(&Value::Text("35".into()))
    );
    let tried = kept.reduce(set("workstations", "40"));
    assert_eq!(
        tried.scenario.as_ref().map(|s| s.report.total),
        Some(sc.report.total),
        "the scenario stays"
    );
    assert!(tried.report.total > sc.report.total);
    let back = tried.reduce(Action::RestoreScenario);
    assert_eq!(
        back.values.get("workstations"),
        Some(&Value::Text("35".into()))
    );
    assert!(
        matches!(last_effect(&back), Some(Effect::BackUp(_, v, _)) if v.get("workstations") == Some(&Value::Text("40".into())))
    );
    let same = Rc::clone(&back).reduce(Action::RestoreScenario);
    assert!(Rc::ptr_eq(&back, &same), "already there: nothing changes");
    let dropped = back.reduce(Action::DropScenario);
    assert!(dropped.scenario.is_none());

    // A scenario saved with the work comes back with it.
    let mut b = boot("inner-mongolia/maker-space", Config::default());
    let mut v = Inputs::new();
    v.insert("workstations".into(), Value::Text("20".into()));
    b.saved.scenario = Some(("方案 A".into(), v));
    let s = State::new(b);
    assert_eq!(
        s.scenario
            .as_ref()
            .and_then(|s| s.report.item("workstations"))
            .and_then(|i| i.score),
        Some(2.into())
    );
}

#[test]
fn the_total_comes_at_once_and_the_advice_in_a_task_of_its_own_once_for_many_keystrokes() {
    let id = "inner-mongolia/maker-space";
    let start = state(id);
    let mut inputs = Inputs::new();
    assert_eq!(
        *start.advice,
        spacescore_core::advise(&rubric(id), &inputs),
        "advised at start"
    );
    assert!(!start.advising);

    let one = Rc::clone(&start).reduce(set("workstations", "3"));
    let two = Rc::clone(&one).reduce(set("workstations", "35"));
    inputs.insert("workstations".into(), Value::Text("35".into()));
    assert_eq!(
        *two.report,
        spacescore_core::score(&rubric(id), &inputs),
        "scored at once"
    );
    assert!(two.advising);
    assert_eq!(
        two.advice, start.advice,
        "the advice is the earlier one until advised"
    );
    let asked = two
        .effects
        .iter()
        .filter(|(_, e)| matches!(e, Effect::Advise))
        .count();
    assert_eq!(asked, 1, "two keystrokes, one advice to compute");

    let advised = Rc::clone(&two).reduce(Action::Advise);
    assert!(!advised.advising);
    assert_eq!(
        *advised.advice,
        spacescore_core::advise(&rubric(id), &inputs)
    );
    assert_ne!(
        advised.advice, start.advice,
        "35 workstations change the advice"
    );
    let again = Rc::clone(&advised).reduce(Action::Advise);
    assert!(Rc::ptr_eq(&advised, &again), "up to date: nothing to do");
}

/// Two tabs on one rubric: the other tab's figures are kept aside before this tab would
/// write over them, one notice for it however often it saves, and they can be restored
/// (this tab's own figures kept aside in turn).
#[test]
fn another_tabs_figures_are_kept_aside_and_can_be_restored() {
    let id = "inner-mongolia/maker-space";
    let s = state(id).reduce(set("site_area", "600"));
    let other = work(id, &[("site_area", "600"), ("mentors", "8")]).to_json();
    let asked = s.clone().reduce(Action::OtherTab(other.clone()));
    match last_effect(&asked) {
        Some(Effect::KeepOtherTab(r, raw)) => {
            assert_eq!(r, id);
            assert_eq!(raw, &other);
        }
        e => panic!("expected KeepOtherTab, got {e:?}"),
    }
    // This tab's figures are unchanged.
    assert_eq!(asked.values, s.values);
    let key = format!("spacescore/1/work/{id}/other-tab-1f");
    let kept = asked.reduce(Action::OtherTabKept(Some(key.clone())));
    let notices = |s: &State| {
        s.notices
            .iter()
            .filter(|n| n.action == Some(NoticeAction::Restore(key.clone())))
            .count()
    };
    assert_eq!(notices(&kept), 1);
    assert!(kept
        .notices
        .iter()
        .any(|n| n.text.zh.contains("另一个标签页") && n.text.en.contains("Another tab")));
    // The other tab saves again: still one notice.
    let again = kept
        .reduce(Action::OtherTab(other.clone()))
        .reduce(Action::OtherTabKept(Some(key.clone())));
    assert_eq!(notices(&again), 1);
    // Restoring puts the other tab's figures here, this tab's aside first.
    let restored = again.reduce(Action::Restore(key.clone(), Some(other.clone())));
    assert_eq!(
        restored.values.get("mentors"),
        Some(&Value::Text("8".into()))
    );
    assert!(restored
        .effects
        .iter()
        .any(|(_, e)| matches!(e, Effect::BackUp(..))));
    assert_eq!(notices(&restored), 0);
}

/// The same figures from another tab (or this tab's own save seen back), and a value that
/// is not saved work, change nothing.
#[test]
fn the_same_figures_from_another_tab_change_nothing() {
    let id = "inner-mongolia/maker-space";
    let s = state(id).reduce(set("site_area", "600"));
    let same = work(id, &[("site_area", "600")]).to_json();
    assert!(Rc::ptr_eq(&s, &s.clone().reduce(Action::OtherTab(same))));
    assert!(Rc::ptr_eq(
        &s,
        &s.clone().reduce(Action::OtherTab("not saved work".into()))
    ));
    let other_rubric = work("xinxiang/professional", &[("mentors", "3")]).to_json();
    assert!(Rc::ptr_eq(
        &s,
        &s.clone().reduce(Action::OtherTab(other_rubric))
    ));
}

#[test]
fn the_applicant_is_typed_saved_and_restored_as_text_and_old_work_keeps_the_name() {
    let id = "inner-mongolia/maker-space";
    let hostile = "某某<script>alert(1)</script>\"众创空间\"</w:t>\n&amp;";
    let s = state(id);
    assert_eq!(&*s.applicant, "", "no name before one is typed");
    let typed = Rc::clone(&s).reduce(Action::SetApplicant(hostile.to_string()));
    assert_eq!(&*typed.applicant, hostile, "kept exactly as typed");
    // The same text again changes nothing (the same state: Yew skips the render).
    let again = Rc::clone(&typed).reduce(Action::SetApplicant(hostile.to_string()));
    assert!(Rc::ptr_eq(&typed, &again));
    // Longer than saved work keeps: cut where the field stops, never refused.
    let long = Rc::clone(&s).reduce(Action::SetApplicant("空".repeat(300)));
    assert_eq!(long.applicant.chars().count(), 200);

    // Saved with the figures, as saved, exported and shared.
    let typed = typed.reduce(set("site_area", "600"));
    let doc =
        spacescore_web::persist::work(&typed.rubric, &typed.values, &typed.applicant, None, None);
    let json = doc.to_json_pretty();
    let parsed = spacescore_core::saved::parse(&json).expect("the page's own export reads back");
    assert_eq!(parsed.applicant.as_deref(), Some(hostile));
    // An empty name is not written at all.
    let unnamed = spacescore_web::persist::work(&s.rubric, &s.values, "", None, None);
    assert!(
        !unnamed.to_json().contains("applicant"),
        "{}",
        unnamed.to_json()
    );

    // Restored on the next visit (what persist::load found).
    let mut b = boot(id, Config::default());
    b.saved.applicant = Some(hostile.to_string());
    let restored = State::new(b);
    assert_eq!(&*restored.applicant, hostile);

    // Imported: the export's name replaces the one typed here…
    let other = Rc::clone(&s).reduce(Action::SetApplicant("别的空间".into()));
    let imported = Rc::clone(&other).reduce(Action::Import(json));
    assert_eq!(&*imported.applicant, hostile);
    assert_eq!(
        imported.values.get("site_area"),
        Some(&Value::Text("600".into()))
    );
    // …and work saved before the page asked for a name keeps the name typed here.
    let old = work(id, &[("mentors", "8")]).to_json();
    assert!(!old.contains("applicant"));
    let imported_old = other.reduce(Action::Import(old));
    assert_eq!(&*imported_old.applicant, "别的空间");
    assert_eq!(
        imported_old.values.get("mentors"),
        Some(&Value::Text("8".into()))
    );
}

#[test]
fn a_name_typed_before_the_app_took_over_is_kept_and_a_different_saved_one_kept_aside() {
    // Nothing saved: the typed name is the page's.
    let mut b = boot("inner-mongolia/maker-space", Config::default());
    b.typed_applicant = Some("某某众创空间".into());
    let s = State::new(b);
    assert_eq!(&*s.applicant, "某某众创空间");
    assert!(!s
        .effects
        .iter()
        .any(|(_, e)| matches!(e, Effect::BackUp(..))));
    // A different name saved here earlier: the typed one wins, the saved work and its name
    // are kept aside first.
    let mut b = boot("inner-mongolia/maker-space", Config::default());
    b.saved.applicant = Some("旧名称 <b>".into());
    b.typed_applicant = Some("新名称".into());
    let s = State::new(b);
    assert_eq!(&*s.applicant, "新名称");
    match last_effect(&s) {
        Some(Effect::BackUp(_, _, name)) => assert_eq!(&**name, "旧名称 <b>"),
        other => panic!("expected a backup, got {other:?}"),
    }
    // The same name, or none typed: the saved name stays and nothing is kept aside.
    let mut b = boot("inner-mongolia/maker-space", Config::default());
    b.saved.applicant = Some("同一名称".into());
    b.typed_applicant = None;
    let s = State::new(b);
    assert_eq!(&*s.applicant, "同一名称");
    assert!(!s
        .effects
        .iter()
        .any(|(_, e)| matches!(e, Effect::BackUp(..))));
}
