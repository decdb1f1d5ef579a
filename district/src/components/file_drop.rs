//! Where the district's files come in: drop them anywhere on the page or choose them (one
//! district sheet, or many filings at once); then the
//! workbook's sheet, whether columns that are not fields are copied through, and the
//! templates to fill in.

use spacescore_core::{Lang, Rubric};
use spacescore_ui::download::download;
use spacescore_ui::files::on_chosen_all;
use spacescore_ui::Shared;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{self, paren};
use crate::state::Action;

/// The file area's properties.
#[derive(Properties, PartialEq)]
pub struct FileDropProps {
    /// The names of the files given.
    pub files: Vec<String>,
    /// The sheets of an `.xlsx` file (none for CSV).
    pub sheets: Option<Vec<String>>,
    /// The sheet chosen (the first when none is).
    pub sheet: Option<String>,
    /// Whether columns that are not fields are copied through.
    pub allow_unknown: bool,
    /// Whether a file is being read.
    pub reading: bool,
    /// The rubric, for its templates.
    pub rubric: Option<Shared<Rubric>>,
    /// The labels' language.
    pub lang: Lang,
    /// Where the options go.
    pub on_action: Callback<Action>,
    /// Where the files chosen go.
    pub on_files: Callback<Vec<web_sys::File>>,
}

/// The drop zone, the file button and the reading options.
#[component]
pub fn FileDrop(props: &FileDropProps) -> Html {
    let lang = props.lang;
    let on_change = on_chosen_all(&props.on_files);
    let on_sheet = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            on_action.emit(Action::Sheet(
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    let on_allow = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            on_action.emit(Action::AllowUnknown(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    let templates = props.rubric.as_ref().map(|rubric| {
        let stem = format!("{}-template", rubric.id().replace('/', "-"));
        let xlsx = {
            let rubric = rubric.clone();
            let name = format!("{stem}.xlsx");
            Callback::from(move |_: MouseEvent| {
                if let Ok(c) =
                    spacescore_sheets::template::xlsx(&rubric, std::io::Cursor::new(Vec::new()))
                {
                    download(&name, XLSX_TYPE, &c.into_inner());
                }
            })
        };
        let csv = {
            let rubric = rubric.clone();
            let name = format!("{stem}.csv");
            Callback::from(move |_: MouseEvent| {
                // Excel reads a CSV as UTF-8 only after a byte-order mark (as the results).
                let mut bytes = b"\xEF\xBB\xBF".to_vec();
                if spacescore_sheets::template::csv(&rubric, lang, &mut bytes).is_ok() {
                    download(&name, "text/csv", &bytes);
                }
            })
        };
        html! {
            <span class="templates">
                <span>{ i18n::TEMPLATE.get(lang) }</span>
                <button type="button" id="template-xlsx" onclick={xlsx}>{ ".xlsx" }</button>
                <button type="button" id="template-csv" onclick={csv}>{ ".csv" }</button>
            </span>
        }
    });
    let chosen = props.sheet.clone();
    html! {
        <section class="file-drop" aria-labelledby="file-title">
            <h2 id="file-title">{ i18n::FILE.get(lang) }</h2>
            <p class="drop-zone">
                { i18n::DROP.get(lang) }{ " " }
                <label class="button" for="batch-file" id="choose-file">{ i18n::CHOOSE_FILE.get(lang) }</label>
                <input type="file" id="batch-file" class="visually-hidden" multiple=true
                    accept=".csv,.txt,.tsv,.xlsx,.json,application/json,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    aria-describedby="file-help" onchange={on_change} />
                if !props.files.is_empty() {
                    <strong id="file-name">{ props.files.join(i18n::LIST_SEPARATOR.get(lang)) }</strong>
                }
                if props.reading {
                    <span class="loading" role="status">{ i18n::LOADING.get(lang) }</span>
                }
            </p>
            <p id="file-help" class="help">{ i18n::DROP_HELP.get(lang) }</p>
            <div class="read-options">
                if let Some(sheets) = &props.sheets {
                    <label for="sheet">{ i18n::SHEET.get(lang) }</label>
                    <select id="sheet" onchange={on_sheet}>
                        { for sheets.iter().enumerate().map(|(i, s)| {
                            let selected = match &chosen { Some(c) => c == s, None => i == 0 };
                            html! { <option value={s.clone()} {selected}>{ s.clone() }</option> }
                        }) }
                    </select>
                }
                <label class="choice" for="allow-unknown" title={i18n::ALLOW_UNKNOWN_HELP.get(lang)}>
                    <input type="checkbox" id="allow-unknown" checked={props.allow_unknown} onchange={on_allow} />
                    { i18n::ALLOW_UNKNOWN.get(lang) }
                </label>
                <span class="help">{ paren(lang, i18n::ALLOW_UNKNOWN_HELP.get(lang)) }</span>
                { for templates }
            </div>
        </section>
    }
}

/// The media type of an `.xlsx` workbook.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
