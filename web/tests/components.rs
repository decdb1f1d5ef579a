//! Component tests in headless Chromium (wasm-bindgen-test): the state's actions, one field
//! input on its own, and the whole app mounted in a test page.
//!
//! Run by `cargo xtask test` (`cargo test -p spacescore-web --target wasm32-unknown-unknown`
//! with CHROMEDRIVER=/usr/bin/chromedriver).

use std::rc::Rc;
use std::time::Duration;

use spacescore_core::{Catalog, Lang, Value};
use spacescore_web::components::field_input::{FieldInput, FieldInputProps};
use spacescore_web::components::root::Root;
use spacescore_web::config::{self, Config};
use spacescore_web::state::{Action, NoticeKind, State};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn clear_storage() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.clear();
    }
}

fn state(rubric: &str) -> Rc<State> {
    clear_storage();
    let catalog = Rc::new(Catalog::builtin().expect("catalog"));
    let config = Config {
        rubric: Some(rubric.to_string()),
        ..Config::default()
    };
    Rc::new(State::new(catalog, config))
}

fn set(field: &str, text: &str) -> Action {
    Action::Set(field.to_string(), Value::Text(text.to_string()))
}

#[wasm_bindgen_test]
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
        "an arm that changes nothing returns self, so Yew skips the render"
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

#[wasm_bindgen_test]
fn a_bad_value_is_kept_as_typed_and_reported() {
    let s = state("inner-mongolia/maker-space").reduce(set("mentors", "3.5"));
    assert_eq!(s.values.get("mentors"), Some(&Value::Text("3.5".into())));
    assert_eq!(s.report.errors.len(), 1);
    assert_eq!(s.report.item("mentor-count").and_then(|i| i.score), None);
}

#[wasm_bindgen_test]
fn choosing_a_rubric_loads_its_own_saved_figures() {
    let s = state("inner-mongolia/maker-space").reduce(set("site_area", "600"));
    // The page saves in an effect; here, save as it would.
    spacescore_web::persist::save(s.rubric(), &s.values);
    let other = Rc::clone(&s).reduce(Action::Choose("xinxiang/professional".into()));
    assert_eq!(other.rubric().id(), "xinxiang/professional");
    assert!(other.values.is_empty());
    let back = other.reduce(Action::Choose("inner-mongolia/maker-space".into()));
    assert_eq!(
        back.values.get("site_area"),
        Some(&Value::Text("600".into()))
    );
    let same = Rc::clone(&back).reduce(Action::Choose("atlantis/x".into()));
    assert!(
        Rc::ptr_eq(&back, &same),
        "an unknown rubric changes nothing"
    );
}

#[wasm_bindgen_test]
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
    let s = s.reduce(Action::Restore("spacescore/1/no-such-backup".into()));
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

#[wasm_bindgen_test]
fn a_locked_widget_cannot_switch_rubric() {
    clear_storage();
    let catalog = Rc::new(Catalog::builtin().expect("catalog"));
    let config = Config {
        rubric: Some("ningxia/incubator".into()),
        lock: true,
        ..Config::default()
    };
    let s = Rc::new(State::new(catalog, config));
    let after = Rc::clone(&s).reduce(Action::Choose("ningxia/maker-space".into()));
    assert!(Rc::ptr_eq(&s, &after));
}

#[wasm_bindgen_test]
fn url_options_are_validated() {
    let c = config::from_query("?rubric=xinxiang/professional&lock=1&lang=en&accent=%23c8102e&parent=https://portal.example.gov.cn/path");
    assert_eq!(c.rubric.as_deref(), Some("xinxiang/professional"));
    assert!(c.lock);
    assert_eq!(c.lang, Some(Lang::En));
    assert_eq!(c.accent.as_deref(), Some("#c8102e"));
    assert_eq!(
        c.parent.as_deref(),
        Some("https://portal.example.gov.cn"),
        "an origin, without the path"
    );
    let hostile =
        config::from_query("?accent=red;background:url(x)&parent=javascript:alert(1)&lang=xx");
    assert_eq!(hostile.accent, None);
    assert_eq!(hostile.parent, None);
    assert_eq!(hostile.lang, None);
}

fn container() -> Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

#[wasm_bindgen_test]
async fn a_field_input_shows_its_error_and_keeps_the_text() {
    let catalog = Catalog::builtin().expect("catalog");
    let rubric = catalog
        .rubric("inner-mongolia/maker-space")
        .expect("rubric");
    let field = rubric.field("mentors").cloned().expect("mentors");
    let error = spacescore_core::FieldError {
        field: "mentors".into(),
        message: "「签约创业导师数」是个数，须为整数".into(),
        message_en: "whole number".into(),
    };
    let root = container();
    let props = FieldInputProps {
        field,
        value: Some(Value::Text("3.5".into())),
        error: Some(error),
        label: None,
        unit: None,
        lang: Lang::Zh,
        on_action: yew::Callback::noop(),
    };
    yew::Renderer::<FieldInput>::with_root_and_props(root.clone(), props).render();
    tick().await;
    let input: HtmlInputElement = root
        .query_selector("#f-mentors")
        .ok()
        .flatten()
        .expect("input")
        .dyn_into()
        .expect("an input");
    assert_eq!(input.value(), "3.5");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("f-mentors-error")
    );
    let message = root
        .query_selector("#f-mentors-error")
        .ok()
        .flatten()
        .expect("message");
    assert_eq!(message.get_attribute("role").as_deref(), Some("alert"));
    assert!(message.text_content().unwrap_or_default().contains("整数"));
    let label = root
        .query_selector("label[for=f-mentors]")
        .ok()
        .flatten()
        .expect("label");
    assert_eq!(label.text_content().as_deref(), Some("签约创业导师数"));
}

#[wasm_bindgen_test]
async fn the_app_scores_what_is_typed() {
    clear_storage();
    let history = gloo::utils::window().history().expect("history");
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some("?rubric=inner-mongolia/maker-space"),
        )
        .expect("url");
    let root = container();
    yew::Renderer::<Root>::with_root(root.clone()).render();
    tick().await;
    let total = || {
        root.query_selector("#score-total")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
    };
    assert_eq!(total().as_deref(), Some("0"));
    let input: HtmlInputElement = root
        .query_selector("#f-site_area")
        .ok()
        .flatten()
        .expect("input")
        .dyn_into()
        .expect("input");
    input.set_value("3,000");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(total().as_deref(), Some("3"));
    let item = root
        .query_selector("article[data-item=service-area] .item-score")
        .ok()
        .flatten()
        .expect("item");
    assert_eq!(item.get_attribute("data-score").as_deref(), Some("3"));
    let explanation = root
        .query_selector("article[data-item=service-area] .explanation")
        .ok()
        .flatten()
        .expect("explanation");
    assert!(explanation
        .text_content()
        .unwrap_or_default()
        .contains("3000 平方米"));
    // Every item of the rubric is on the page.
    let items = root
        .query_selector_all("article[data-item]")
        .expect("items")
        .length();
    assert_eq!(items, 19);
}
