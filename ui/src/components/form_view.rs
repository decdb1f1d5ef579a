//! A data form (Shanxi): its sections and rows as the form prints them, the consistency
//! warnings and the derived figures, in place of a score.

use spacescore_core::{Inputs, Lang, Report, Rubric, Value};
use yew::prelude::*;

use crate::components::field_input::FieldInput;
use crate::i18n::{self, pick};
use crate::Shared;

/// The form's properties.
#[derive(Properties, PartialEq)]
pub struct FormViewProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The current report (warnings, figures, errors).
    pub report: Shared<Report>,
    /// What was typed.
    pub values: Shared<Inputs>,
    /// The labels' language.
    pub lang: Lang,
    /// Where what is typed goes (a field's id and its new value); without it the figures are
    /// only shown.
    #[prop_or_default]
    pub on_set: Option<Callback<(String, Value)>>,
}

/// A data form.
#[component]
pub fn FormView(props: &FormViewProps) -> Html {
    let rubric = &*props.rubric;
    let lang = props.lang;
    let r = &*props.report;
    let sections = rubric.groups().iter().map(|g| {
        let rows = rubric.rows().iter().filter(|row| row.group() == g.id()).filter_map(|row| {
            let field = rubric.field(row.field())?;
            let error = r.errors.iter().find(|e| e.field == row.field()).cloned();
            // The form's own wording in Chinese; the field's English name otherwise.
            let label = match lang {
                Lang::Zh => row.label().to_string(),
                Lang::En => field.name().en.clone(),
            };
            let unit = match lang {
                Lang::Zh => Some(row.unit().to_string()),
                Lang::En => None,
            };
            Some(html! {
                <div class="form-row" data-row={row.field().to_string()}>
                    <FieldInput field={field.clone()} value={props.values.get(row.field()).cloned()} {error} label={label} {unit} lang={lang} on_set={props.on_set.clone()} />
                    if lang == Lang::En { <p class="row-source" lang="zh-CN">{ row.label() }</p> }
                </div>
            })
        });
        let heading = format!("form-{}", g.id());
        html! {
            <section class="group form-section" aria-labelledby={heading.clone()}>
                <header class="group-head">
                    <h2 id={heading}>{ g.name().get(lang) }</h2>
                    if lang == Lang::En { <span class="group-source" lang="zh-CN">{ g.source() }</span> }
                </header>
                <div class="rows">{ for rows }</div>
            </section>
        }
    });
    let warnings = r
        .warnings
        .iter()
        .map(|w| html! { <li>{ pick(lang, &w.message, &w.message_en).to_string() }</li> });
    let figures = r.figures.iter().map(|f| {
        html! {
            <li data-figure={f.id.clone()}>
                <span class="figure-label">{ pick(lang, &f.label, &f.label_en).to_string() }</span>
                <strong class="figure-value">{ f.display.clone() }</strong>
            </li>
        }
    });
    html! {
        <>
            <section class="checks" aria-labelledby="checks-title">
                <h2 id="checks-title">{ i18n::WARNINGS.get(lang) }</h2>
                // One live region around both states, there before the first warning, so
                // that the first one is announced too (a role on the list itself would
                // take away its list semantics).
                <div class="check-results" role="status">
                    if r.warnings.is_empty() {
                        <p class="ok">{ i18n::NO_WARNINGS.get(lang) }</p>
                    } else {
                        <ul class="warnings">{ for warnings }</ul>
                    }
                </div>
                <h2>{ i18n::FIGURES.get(lang) }</h2>
                <ul class="form-figures">{ for figures }</ul>
            </section>
            { for sections }
        </>
    }
}
