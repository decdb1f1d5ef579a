//! One space opened from the table, shown with the components the self-check page draws a
//! rubric with: the summary, each group with its item cards (score, cap, the core's
//! explanation, the figures as the file gives them, its next step), the veto questions, or a
//! data form's rows. Read-only: the inputs sit in a disabled fieldset and are given no
//! `on_set`, since the results must stay those of the file; and the summary's what-if
//! scenarios, an applicant's own, are not offered (no `on_scenario`).

use std::rc::Rc;

use spacescore_core::{Lang, Method};
use spacescore_sheets::Row;
use spacescore_ui::components::form_view::FormView;
use spacescore_ui::components::group_section::GroupSection;
use spacescore_ui::components::summary::Summary;
use spacescore_ui::components::veto_section::VetoSection;
use spacescore_ui::{layout, Shared};
use yew::prelude::*;

use crate::i18n;
use crate::state::{Action, OpenSpace, Scored};

/// The opened space's properties.
#[derive(Properties, PartialEq)]
pub struct SpaceViewProps {
    /// The scored file.
    pub scored: Shared<Scored>,
    /// The space's row.
    pub row: Row,
    /// Its report, explained, and its figures.
    pub open: OpenSpace,
    /// The labels' language.
    pub lang: Lang,
    /// Where "back" goes.
    pub on_action: Callback<Action>,
}

/// The opened space.
#[component]
pub fn SpaceView(props: &SpaceViewProps) -> Html {
    let lang = props.lang;
    let rubric = Shared(Rc::clone(&props.scored.rubric));
    let owners = use_memo(rubric.clone(), |r| layout::owners(r));
    let report = Shared(Rc::clone(&props.open.report));
    let values = Shared(Rc::clone(&props.open.values));
    let advice = Shared(Rc::clone(&props.open.advice));
    let back = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Close))
    };
    let name = props
        .scored
        .header
        .layout
        .copied
        .iter()
        .position(|c| c == "name")
        .and_then(|i| props.row.copied.get(i))
        .filter(|n| !n.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| i18n::NO_NAME.get(lang).to_string());
    let where_ = i18n::SPACE_ROW
        .get(lang)
        .replace("{}", &props.row.row.to_string());
    // The space opens where the table was: bring its heading into view, and the focus to it.
    use_effect_with(props.open.index, |_| {
        if let Some(h) = gloo::utils::document().get_element_by_id("space-title") {
            h.scroll_into_view();
            if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h) {
                let _ = h.focus();
            }
        }
    });
    let form = rubric.method() == Method::Form;
    let groups = rubric.groups().iter().enumerate().map(|(gi, _)| {
        html! {
            <GroupSection
                key={gi}
                rubric={rubric.clone()}
                group={gi}
                report={report.clone()}
                advice={advice.clone()}
                values={values.clone()}
                owners={Shared(Rc::clone(&owners))}
                lang={lang}
            />
        }
    });
    html! {
        <section class="space" id="space" aria-labelledby="space-title" data-space-row={props.row.row.to_string()}>
            <p><button type="button" id="back" onclick={back}>{ format!("← {}", i18n::BACK.get(lang)) }</button></p>
            <h2 id="space-title" tabindex="-1">{ name }<span class="space-row">{ i18n::paren(lang, &where_) }</span></h2>
            <p class="help">{ i18n::READ_ONLY.get(lang) }</p>
            <div class="layout">
                <div class="form">
                    <fieldset class="read-only" disabled=true>
                        if form {
                            <FormView rubric={rubric.clone()} report={report.clone()} values={values.clone()} lang={lang} />
                        } else {
                            { for groups }
                        }
                        if !rubric.vetoes().is_empty() || !rubric.limits().is_empty() {
                            <VetoSection
                                rubric={rubric.clone()}
                                report={report.clone()}
                                values={values.clone()}
                                owners={Shared(Rc::clone(&owners))}
                                lang={lang}
                            />
                        }
                    </fieldset>
                </div>
                <Summary rubric={rubric.clone()} report={report.clone()} advice={advice.clone()} lang={lang} />
            </div>
        </section>
    }
}
