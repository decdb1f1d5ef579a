//! The components every page draws a rubric with, in headless Chromium (wasm-bindgen-test):
//! one field input on its own. The pages that stand on them are tested whole in their own
//! crates and in the browser tests (`tests/e2e/`).
//!
//! Run by `cargo xtask test` (`cargo test -p spacescore-ui --target wasm32-unknown-unknown`
//! with CHROMEDRIVER=/usr/bin/chromedriver).

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use spacescore_core::{Lang, Value};
use spacescore_ui::components::field_input::{FieldInput, FieldInputProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

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
    let catalog = spacescore_builtin::catalog();
    let rubric = catalog
        .rubric("inner-mongolia/maker-space")
        .expect("rubric");
    let field = rubric.field("mentors").cloned().expect("mentors");
    let period = field.period().map(|p| p.zh.clone());
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
        on_set: None,
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
    // The label is the field's name, with the period this document asks for where the
    // documents that share the field differ.
    let text = label.text_content().unwrap_or_default();
    assert!(text.starts_with("签约创业导师数"), "{text}");
    if let Some(p) = period {
        assert!(text.contains(&p), "{text} names the period {p}");
    }
}
