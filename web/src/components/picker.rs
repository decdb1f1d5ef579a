//! Choosing the region, then the space type where the region has several rubrics.

use spacescore_core::{Catalog, Lang};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n;
use crate::state::Action;
use crate::Shared;

/// The picker's properties.
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// All rubrics.
    pub catalog: Shared<Catalog>,
    /// The chosen rubric's index.
    pub rubric: usize,
    /// The labels' language.
    pub lang: Lang,
    /// Where the choice goes.
    pub on_action: Callback<Action>,
}

/// Region and type selects.
#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let rubrics = props.catalog.rubrics();
    let lang = props.lang;
    let current = &rubrics[props.rubric];
    let mut regions: Vec<&str> = Vec::new();
    for r in rubrics {
        if !regions.contains(&r.region().zh.as_str()) {
            regions.push(&r.region().zh);
        }
    }
    let same_region: Vec<_> = rubrics
        .iter()
        .filter(|r| r.region().zh == current.region().zh)
        .collect();
    let on_region = {
        let on_action = props.on_action.clone();
        let catalog = props.catalog.clone();
        Callback::from(move |e: Event| {
            let region = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(first) = catalog.rubrics().iter().find(|r| r.region().zh == region) {
                on_action.emit(Action::Choose(first.id().to_string()));
            }
        })
    };
    let on_type = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            on_action.emit(Action::Choose(
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    html! {
        <nav class="picker" aria-label={i18n::REGION.get(lang)}>
            <label for="pick-region">{ i18n::REGION.get(lang) }</label>
            <select id="pick-region" onchange={on_region}>
                { for regions.iter().map(|region| {
                    let r = rubrics.iter().find(|r| r.region().zh == *region);
                    let label = r.map(|r| r.region().get(lang).to_string()).unwrap_or_default();
                    html! { <option value={region.to_string()} selected={*region == current.region().zh}>{ label }</option> }
                }) }
            </select>
            if same_region.len() > 1 {
                <label for="pick-type">{ i18n::SPACE_TYPE.get(lang) }</label>
                <select id="pick-type" onchange={on_type}>
                    { for same_region.iter().map(|r| html! {
                        <option value={r.id().to_string()} selected={r.id() == current.id()}>{ r.space_type().get(lang) }</option>
                    }) }
                </select>
            }
        </nav>
    }
}
