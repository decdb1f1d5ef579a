//! Choosing the region, then the space type where the region has several rubrics; and
//! opening a rubric file (checked in this browser, never uploaded).

use spacescore_core::Lang;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::files::on_chosen;
use crate::i18n;
use crate::index::Index;
use crate::Shared;

/// The picker's properties.
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The rubrics the page can show.
    pub index: Shared<Index>,
    /// The id of the rubric shown.
    pub current: String,
    /// The labels' language.
    pub lang: Lang,
    /// Whether a rubric file is being checked.
    pub checking: bool,
    /// Where the id of the rubric chosen goes.
    pub on_choose: Callback<String>,
    /// Where a rubric file the person chose goes (`RubricFile::open` reads and checks it).
    pub on_open: Callback<web_sys::File>,
}

/// Region and type selects, and the rubric-file button.
#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let lang = props.lang;
    let regions = props.index.regions();
    let current = props.index.get(&props.current);
    let current_region = current.map(|e| e.region.zh.clone()).unwrap_or_default();
    let same_region: Vec<_> = regions
        .iter()
        .find(|(r, _)| r.zh == current_region)
        .map(|(_, list)| list.clone())
        .unwrap_or_default();
    let on_region = {
        let on_choose = props.on_choose.clone();
        let index = props.index.clone();
        Callback::from(move |e: Event| {
            let region = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(first) = index.entries.iter().find(|r| r.region.zh == region) {
                on_choose.emit(first.id.clone());
            }
        })
    };
    let on_type = props
        .on_choose
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_file = on_chosen(&props.on_open);
    html! {
        <nav class="picker" aria-label={i18n::PICKER.get(lang)}>
            <label for="pick-region">{ i18n::REGION.get(lang) }</label>
            <select id="pick-region" onchange={on_region}>
                { for regions.iter().map(|(region, entries)| {
                    let opened = entries.iter().all(|e| !e.is_site());
                    let label = if opened {
                        format!("{}{}", region.get(lang), i18n::paren(lang, i18n::OPENED_SHORT.get(lang)))
                    } else {
                        region.get(lang).to_string()
                    };
                    html! { <option value={region.zh.clone()} selected={region.zh == current_region}>{ label }</option> }
                }) }
            </select>
            if same_region.len() > 1 {
                <label for="pick-type">{ i18n::SPACE_TYPE.get(lang) }</label>
                <select id="pick-type" onchange={on_type}>
                    { for same_region.iter().map(|r| html! {
                        <option value={r.id.clone()} selected={r.id == props.current}>{ r.space_type.get(lang) }</option>
                    }) }
                </select>
            }
            <span class="open-rubric">
                <label class="button" for="rubric-file" id="open-rubric">{ i18n::OPEN_RUBRIC.get(lang) }</label>
                <input type="file" id="rubric-file" class="visually-hidden" accept=".toml,.bin,text/plain,application/octet-stream" aria-describedby="open-rubric-help" onchange={on_file} />
                <span id="open-rubric-help" class="help">
                    { if props.checking { i18n::CHECKING.get(lang) } else { i18n::OPEN_RUBRIC_HELP.get(lang) } }
                </span>
            </span>
        </nav>
    }
}
