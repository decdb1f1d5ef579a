//! Reading the prerendered form: what was typed into it, and where the caret is. Every
//! input names its field in `data-field`, a yes/no its answer in `data-answer` and a choice
//! its option in `data-option`. The first module scores what it reads here; the app reads it
//! the same way at the last moment before it takes the page over.

use std::collections::BTreeMap;

use spacescore_core::{Inputs, Rubric, Value};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// Where the caret was, in an input typed into before the app took over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// The element's id.
    pub id: String,
    /// The selection's start and end, for a text box.
    pub selection: Option<(u32, u32)>,
}

/// What is typed into the form under `root`, by field. Fields the rubric does not read are
/// left out; an empty text box is not a figure.
pub fn figures(root: &Element, rubric: &Rubric) -> Inputs {
    let mut typed = Inputs::new();
    let Ok(nodes) = root.query_selector_all("input[data-field]") else {
        return typed;
    };
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for i in 0..nodes.length() {
        let Some(input) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        let Some(field) = input.get_attribute("data-field") else {
            continue;
        };
        if rubric.field(&field).is_none() {
            continue;
        }
        match input.type_().as_str() {
            "text" if !input.value().is_empty() => {
                typed.insert(field, Value::Text(input.value()));
            }
            "radio" | "checkbox" if input.checked() => {
                if let Some(answer) = input.get_attribute("data-answer") {
                    typed.insert(field, Value::Bool(answer == "yes"));
                } else if let Some(option) = input.get_attribute("data-option") {
                    lists.entry(field).or_default().push(option);
                }
            }
            _ => {}
        }
    }
    for (field, options) in lists {
        typed.insert(field, Value::List(options));
    }
    typed
}

/// The element under `root` that has the focus, and its caret if it is a text box.
pub fn focus(root: &Element) -> Option<Focus> {
    let document = web_sys::window()?.document()?;
    let e = document.active_element()?;
    let id = e.id();
    if id.is_empty() || !root.contains(Some(&e)) {
        return None;
    }
    let selection = e
        .dyn_ref::<HtmlInputElement>()
        .and_then(|i| Some((i.selection_start().ok()??, i.selection_end().ok()??)));
    Some(Focus { id, selection })
}
