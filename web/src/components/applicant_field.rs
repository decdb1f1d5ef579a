//! The applicant's name (申报单位), near the top of the form: kept with the saved work,
//! printed on the self-evaluation table and put in every export.

use std::rc::Rc;

use spacescore_core::{saved, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n;

/// The applicant field's properties.
#[derive(Properties, PartialEq)]
pub struct ApplicantFieldProps {
    /// The name as typed.
    pub applicant: Rc<str>,
    /// The labels' language.
    pub lang: Lang,
    /// Called with the text on every keystroke.
    pub on_set: Callback<String>,
}

/// A text field for the applicant's name, with its hint.
#[component]
pub fn ApplicantField(props: &ApplicantFieldProps) -> Html {
    let lang = props.lang;
    let oninput = props.on_set.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    html! {
        <div class="field applicant">
            <label for="applicant">{ i18n::APPLICANT.get(lang) }</label>
            <input
                type="text"
                id="applicant"
                name="applicant"
                autocomplete="organization"
                maxlength={saved::MAX_TEXT.to_string()}
                aria-describedby="applicant-hint"
                value={props.applicant.to_string()}
                {oninput}
            />
            <p class="help" id="applicant-hint">{ i18n::APPLICANT_HINT.get(lang) }</p>
        </div>
    }
}
