//! What reading the files said: why they were not scored (the message `spacescore batch`
//! gives for the same file, naming row, column and field), or how each was read, the files
//! set aside with why, the notes about the columns and the count of rows read, scored and
//! skipped.

use spacescore_core::text::quote_short;
use spacescore_core::Lang;
use yew::prelude::*;

use crate::i18n;
use crate::scoring::named;
use crate::state::Outcome;
use spacescore_ui::Shared;

/// The file report's properties.
#[derive(Properties, PartialEq)]
pub struct FileReportProps {
    /// What scoring the file gave.
    pub outcome: Shared<Outcome>,
    /// The labels' language.
    pub lang: Lang,
}

/// The file report.
#[component]
pub fn FileReport(props: &FileReportProps) -> Html {
    let lang = props.lang;
    match &*props.outcome {
        Outcome::Refused(message) => html! {
            <section class="file-refused" id="file-refused" role="alert" aria-labelledby="refused-title">
                <h2 id="refused-title">{ i18n::REFUSED.get(lang) }</h2>
                <p class="help">{ i18n::REFUSED_HELP.get(lang) }</p>
                <pre id="file-message">{ message.get(lang).to_string() }</pre>
            </section>
        },
        Outcome::Scored(scored) => {
            let problems = scored
                .rows
                .rows()
                .iter()
                .filter_map(|r| match &r.result {
                    spacescore_sheets::RowResult::Problem(p) => Some((r.row, p.clone())),
                    spacescore_sheets::RowResult::Scored(_) => None,
                })
                .collect::<Vec<_>>();
            html! {
                <section class="file-read" aria-labelledby="read-title">
                    <h2 id="read-title" class="visually-hidden">{ i18n::NOTES.get(lang) }</h2>
                    <div id="file-summary" role="status">
                        { for scored.summaries.iter().map(|(file, s)| html! {
                            <p>{ i18n::READ_SUMMARY.get(lang, &[&quote_short(file), &s.described.get(lang), &s.text().get(lang)]) }</p>
                        }) }
                    </div>
                    if !scored.refused.is_empty() {
                        <div class="files-refused" id="files-refused" role="alert">
                            <p>{ i18n::FILES_REFUSED.get(lang) }</p>
                            <ul>
                                { for scored.refused.iter().map(|(file, why)| html! {
                                    <li class="file-refused-line"><pre>{ named(file, why).get(lang).to_string() }</pre></li>
                                }) }
                            </ul>
                        </div>
                    }
                    if !scored.header.notes.is_empty() || !problems.is_empty() {
                        <ul id="file-notes">
                            { for scored.header.notes.iter().map(|n| html! { <li class="note">{ i18n::NOTE.get(lang, &[&n.get(lang)]) }</li> }) }
                            { for problems.iter().map(|(row, p)| html! { <li class="row-problem">{ i18n::ROW_NOT_SCORED.get(lang, &[row, p]) }</li> }) }
                        </ul>
                    }
                </section>
            }
        }
    }
}
