//! The applicant's form exactly as the self-check page draws it: the same components
//! (`spacescore_ui`), drawn from the rubric the file defines as it is now, scored by the
//! core as figures are typed into it.

use std::rc::Rc;

use spacescore_core::{score_and_advise, Inputs, Lang, Method, Rubric, Value};
use spacescore_ui::components::doc_info::DocInfo;
use spacescore_ui::components::form_view::FormView;
use spacescore_ui::components::group_section::GroupSection;
use spacescore_ui::components::summary::Summary;
use spacescore_ui::components::veto_section::VetoSection;
use spacescore_ui::{layout, Shared};
use yew::prelude::*;

/// The preview's properties.
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// The rubric previewed.
    pub rubric: Shared<Rubric>,
    /// The figures typed into it.
    pub values: Shared<Inputs>,
    /// The labels' language.
    pub lang: Lang,
    /// Where what is typed goes.
    pub on_set: Callback<(String, Value)>,
}

/// The applicant's form, scored.
#[component]
pub fn Preview(props: &PreviewProps) -> Html {
    let lang = props.lang;
    let rubric = props.rubric.clone();
    let owners = use_memo(rubric.clone(), |r| layout::owners(r));
    let scored = use_memo((rubric.clone(), props.values.clone()), |(r, v)| {
        let (report, advice) = score_and_advise(r, v);
        (Rc::new(report), Rc::new(advice))
    });
    let report = Shared(Rc::clone(&scored.0));
    let advice = Shared(Rc::clone(&scored.1));
    let values = props.values.clone();
    let on_set = Some(props.on_set.clone());
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
                on_set={on_set.clone()}
            />
        }
    });
    html! {
        <div class="preview-form">
            <DocInfo rubric={rubric.clone()} lang={lang} />
            <div class="layout">
                <div class="form">
                    if rubric.method() == Method::Form {
                        <FormView rubric={rubric.clone()} report={report.clone()} values={values.clone()} lang={lang} on_set={on_set.clone()} />
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
                            on_set={on_set.clone()}
                        />
                    }
                </div>
                <Summary rubric={rubric.clone()} report={report.clone()} advice={advice.clone()} lang={lang} />
            </div>
        </div>
    }
}
