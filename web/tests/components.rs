//! Component tests in headless Chromium (wasm-bindgen-test): reading the URL's options and
//! the whole app mounted in a test page. The state's actions are tested natively
//! (`tests/state.rs`): the reducer needs no browser. The components the app draws a rubric
//! with are tested with them, in `spacescore-ui`.
//!
//! Run by `cargo xtask test` (`cargo test -p spacescore-web --target wasm32-unknown-unknown`
//! with CHROMEDRIVER=/usr/bin/chromedriver).

use std::rc::Rc;
use std::time::Duration;

use spacescore_core::{Inputs, Lang};
use spacescore_ui::index::{Entry, Index};
use spacescore_ui::Shared;
use spacescore_web::components::app::{App, AppProps};
use spacescore_web::config::{self, Config};
use spacescore_web::load::Boot;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn clear_storage() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.clear();
    }
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
    let catalog = spacescore_builtin::catalog();
    let rubric = Rc::new(
        catalog
            .rubric("inner-mongolia/maker-space")
            .expect("rubric")
            .clone(),
    );
    let boot = Boot {
        index: Index {
            entries: catalog.rubrics().iter().map(Entry::site).collect(),
        },
        saved: spacescore_web::persist::load(&rubric),
        rubric,
        config: Config::default(),
        lang: Lang::Zh,
        unknown: None,
        storage: true,
        base: "/".into(),
        typed: Inputs::new(),
        typed_applicant: None,
        focus: None,
    };
    let root = container();
    let props = AppProps {
        boot: Shared(Rc::new(boot)),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
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
    let expected = spacescore_builtin::catalog()
        .rubric("inner-mongolia/maker-space")
        .map(|r| r.items().len())
        .unwrap_or_default();
    assert_eq!(items as usize, expected);
}
